//! Ready-to-send letters drawn from a diagnosis: a written complaint to the
//! carrier, and an appeal to the provincial telecom user appeal centre with
//! the contents 《电信用户申诉处理办法》 asks for. Everything comes from the
//! report (the answers, the cause, the cited facts, the evidence); personal
//! details are never asked or stored, so the letter leaves marked blanks.
//! English drafts are for reading and say so: the letter to send is Chinese.

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::contract;
use crate::lang::Lang;
use crate::report::Report;

/// Which letter: to the carrier, or to the appeal centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftKind {
    Complaint,
    Appeal,
}

/// Plain text, or Markdown with headings and a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    Text,
    Markdown,
}

/// The letter, ready to print or write to a file.
pub fn letter(report: &Report, kind: DraftKind, format: DraftFormat, today: Date) -> String {
    let letter = Letter {
        out: String::new(),
        markdown: format == DraftFormat::Markdown,
        lang: report.lang,
    };
    let w = &letter;
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let answer = |id: &str| report.answers.get(id).cloned();
    let package = answer(contract::PACKAGE_NAME)
        .map(|p| w.lang.tr(format!("“{p}”"), format!("\"{p}\"")))
        .unwrap_or_else(|| w.blank("流量包名称", "package name"));
    let first_attempt = answer(contract::FIRST_ATTEMPT_DATE)
        .unwrap_or_else(|| w.blank("第一次尝试退订的日期", "date of the first attempt"));
    // A package the user never ordered is unwanted from its first charge;
    // one they ordered and used only from when they first asked to cancel.
    let not_ordered = answer(contract::PACKAGE_ORIGIN)
        .is_some_and(|o| contract::NOT_ORDERED.contains(&o.as_str()))
        || answer(contract::SYMPTOM)
            .is_some_and(|s| contract::SYMPTOMS_NOT_ORDERED.contains(&s.as_str()));
    let refund_from = if not_ordered {
        answer(contract::FIRST_CHARGE_DATE)
            .or(answer(contract::FIRST_ATTEMPT_DATE))
            .unwrap_or_else(|| {
                w.blank(
                    "第一笔不想要的扣费的日期",
                    "date of the first unwanted charge",
                )
            })
    } else {
        // ISO dates compare as text: the later of the first unwanted charge
        // and the first attempt, never before the attempt.
        match (
            answer(contract::FIRST_ATTEMPT_DATE),
            answer(contract::FIRST_CHARGE_DATE),
        ) {
            (Some(attempt), Some(charge)) => attempt.max(charge),
            (Some(attempt), None) => attempt,
            (None, _) => w.blank("第一次要求退订的日期", "date you first asked to cancel"),
        }
    };
    let symptom = report
        .trace
        .iter()
        .find(|t| t.question == contract::SYMPTOM)
        .map(|t| t.label.clone())
        .unwrap_or_default();
    let titles: Vec<&str> = report
        .conclusions
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    let cause = if not_ordered {
        w.lang.tr(
            format!("经了解，这属于：{}。", titles.join("、")),
            format!("As far as I can tell, this is: {}.", titles.join("; ")),
        )
    } else {
        w.lang.tr(
            format!("经了解，无法退订的原因可能是：{}。", titles.join("、")),
            format!("As far as I can tell, the cause is: {}.", titles.join("; ")),
        )
    };
    // The rules each conclusion cites, with where they come from.
    let mut rules: Vec<String> = Vec::new();
    for id in report.conclusions.iter().flat_map(|c| &c.facts) {
        if let Some(s) = report.sources.iter().find(|s| &s.id == id) {
            let rule = w.lang.tr(
                format!("{}（{}）", s.label, s.title),
                format!("{} ({})", s.label, s.title),
            );
            if !rules.contains(&rule) {
                rules.push(rule);
            }
        }
    }
    let appeal_rule = label(report, contract::APPEAL_WAIT);
    let reply = match answer(contract::COMPLAINT).as_deref() {
        Some(contract::COMPLAINT_UNSATISFIED) => Some(
            w.lang
                .tr("我对处理结果不满意", "I am not satisfied with the answer"),
        ),
        Some(contract::COMPLAINT_NO_REPLY) => Some(
            w.lang
                .tr("运营商至今未答复", "the carrier has not answered"),
        ),
        _ => None,
    };
    let complaint_date = answer(contract::COMPLAINT_DATE);
    let ticket = answer(contract::COMPLAINT_TICKET);

    let what_happened = if not_ordered {
        let since = answer(contract::FIRST_CHARGE_DATE)
            .unwrap_or_else(|| w.blank("第一笔扣费的日期", "date of the first charge"));
        w.lang.tr(
            format!("我号码上有一个流量包{package}，我从未订购、也从未同意办理（没有回复确认短信、没有输入验证码、没有签字），却自{since}起被扣费。"),
            format!("A data package {package} on my number, which I never ordered or agreed to (no reply to a confirmation SMS, no verification code, no signature), has been charged since {since}."),
        )
    } else {
        w.lang.tr(
            format!("我号码上的流量包{package}无法退订：{symptom}。我自{first_attempt}起尝试退订，至今未能办成。"),
            format!("The data package {package} on my number cannot be cancelled: {symptom}. I have tried since {first_attempt} without success."),
        )
    };
    let mut l = letter;
    if l.lang == Lang::En {
        l.line("Translation for reading only: send the Chinese version of this letter.");
        l.line("");
    }
    match kind {
        DraftKind::Complaint => {
            l.title(&if not_ordered {
                l.lang.tr(
                    format!("关于{carrier}未经同意订购流量包并扣费的投诉"),
                    format!("Complaint to {carrier}: a data package ordered and charged without my consent"),
                )
            } else {
                l.lang.tr(
                    format!("关于{carrier}流量包无法退订的投诉"),
                    format!("Complaint to {carrier}: a data package that cannot be cancelled"),
                )
            });
            let channel = complaint_channel(report);
            l.line(&l.lang.tr(
                format!("致：{carrier}客户服务（投诉受理）{channel}"),
                format!("To: {carrier} customer service, complaints{channel}"),
            ));
            l.line("");
            l.line(&format!(
                "{}{}",
                l.lang.tr("投诉人：", "From: "),
                l.blank("姓名", "name")
            ));
            l.line(&format!(
                "{}{}",
                l.lang.tr("手机号码：", "Mobile number: "),
                l.blank("手机号码", "mobile number")
            ));
            l.line(&format!(
                "{}{}",
                l.lang.tr("联系电话：", "Contact phone: "),
                l.blank("联系电话", "contact phone")
            ));
            l.section(&l.lang.tr("一、投诉事项", "1. What happened"));
            l.line(&what_happened);
            l.trace(report);
            // A written complaint after an earlier one refers to it.
            if let (Some(reply), Some(date)) = (&reply, &complaint_date) {
                let ticket = ticket
                    .clone()
                    .unwrap_or_else(|| l.blank("工单号", "ticket number"));
                l.line(&l.lang.tr(
                    format!("我已于{date}投诉过，工单号{ticket}；{reply}。"),
                    format!("I complained on {date}, ticket {ticket}; {reply}."),
                ));
            }
            l.section(&l.lang.tr("二、原因与依据", "2. The cause and the rules"));
            l.line(&cause);
            l.items(&rules);
            l.section(&l.lang.tr("三、诉求", "3. What I ask"));
            l.numbered(&[
                l.lang.tr("立即为我办理退订，并发送确认短信；", "Cancel the package now and send me a confirmation SMS;"),
                if not_ordered {
                    l.lang.tr(format!("退还自{refund_from}起未经我同意扣的费用；"), format!("Refund what was charged without my consent since {refund_from};"))
                } else if answer(contract::FIRST_ATTEMPT_DATE).as_ref() != Some(&refund_from) {
                    l.lang.tr(format!("退还自{refund_from}起因未能退订而多收的费用；"), format!("Refund what was charged since {refund_from} because it could not be cancelled;"))
                } else {
                    l.lang.tr(format!("退还自{refund_from}（我第一次要求退订）起因未能退订而多收的费用；"), format!("Refund what was charged since {refund_from}, when I first asked to cancel, because it could not be cancelled;"))
                },
                if not_ordered {
                    l.lang.tr("提供我同意办理的凭证（短信回复、验证码或签字）；拿不出的，承认未经同意订购；", "Produce the record of my consent (an SMS reply, a verification code or a signature); if there is none, acknowledge the order was made without my consent;")
                } else {
                    l.lang.tr("书面说明不能退订的原因和依据（如合同条款）；", "Explain in writing why it could not be cancelled, and on what basis (such as a contract clause);")
                },
                l.lang.tr("告知本次投诉的工单号，并及时答复。", "Give me this complaint's ticket number (工单号) and answer promptly."),
            ]);
            if let Some(rule) = &appeal_rule {
                l.line(&l.lang.tr(
                    format!("如未获答复或我对处理结果不满意，我将向电信用户申诉受理机构申诉（依据：{rule}）。"),
                    format!("If I get no answer, or the answer does not satisfy me, I will appeal to the telecom user appeal centre ({rule})."),
                ));
            }
        }
        DraftKind::Appeal => {
            l.title(&l.lang.tr("电信用户申诉书", "Telecom user appeal"));
            l.line(&l.lang.tr(
                format!(
                    "致：{}电信用户申诉受理中心",
                    l.blank("被申诉运营商所在省（区、市）", "province of the carrier")
                ),
                format!(
                    "To: the telecom user appeal centre of {}",
                    l.blank("被申诉运营商所在省（区、市）", "province of the carrier")
                ),
            ));
            if let Some(rule) = label(report, contract::APPEAL_WHERE) {
                l.line(&l.lang.tr(format!("（{rule}）"), format!("({rule})")));
            }
            l.line("");
            for (zh, en) in [
                ("申诉人姓名", "Name"),
                ("联系地址", "Address"),
                ("邮政编码", "Postcode"),
                ("联系电话", "Phone"),
            ] {
                l.line(&format!(
                    "{}{}",
                    l.lang.tr(format!("{zh}："), format!("{en}: ")),
                    l.blank(zh, en)
                ));
            }
            l.line(&l.lang.tr(
                format!(
                    "被申诉人：{carrier}{}",
                    l.blank("省（区、市）分公司", "provincial company")
                ),
                format!(
                    "Respondent: {carrier}, {}",
                    l.blank("省（区、市）分公司", "provincial company")
                ),
            ));
            l.line(&format!(
                "{}{}",
                l.lang.tr("被申诉人地址：", "Respondent's address: "),
                l.blank("被申诉人地址", "respondent's address")
            ));
            l.section(&l.lang.tr("一、事实经过", "1. The facts"));
            l.line(&what_happened);
            l.trace(report);
            let complaint_date = answer(contract::COMPLAINT_DATE).unwrap_or_else(|| {
                l.blank("向运营商投诉的日期", "date of the complaint to the carrier")
            });
            let ticket = answer(contract::COMPLAINT_TICKET)
                .unwrap_or_else(|| l.blank("工单号", "ticket number"));
            let reply = match answer(contract::COMPLAINT).as_deref() {
                Some(contract::COMPLAINT_UNSATISFIED) => l
                    .lang
                    .tr("我对处理结果不满意", "I am not satisfied with the answer"),
                Some(contract::COMPLAINT_NO_REPLY) => l
                    .lang
                    .tr("运营商至今未答复", "the carrier has not answered"),
                _ => l.blank("运营商的答复情况", "how the carrier answered"),
            };
            l.line(&l.lang.tr(
                format!("我已于{complaint_date}向{carrier}投诉，工单号{ticket}；{reply}。"),
                format!("I complained to {carrier} on {complaint_date}, ticket {ticket}; {reply}."),
            ));
            l.section(&l.lang.tr("二、申诉要求", "2. What I ask"));
            l.numbered(&[
                l.lang.tr(
                    "责成被申诉人立即为我办理退订；",
                    "That the respondent cancel the package at once;",
                ),
                appeal_refund(report, &l, &refund_from),
                if not_ordered {
                    l.lang.tr(
                        "责成被申诉人提供我同意办理的凭证（短信回复、验证码或签字）；拿不出的，认定为未经同意订购。",
                        "That the respondent produce the record of my consent (an SMS reply, a verification code or a signature), and that without it the order be found made without my consent.",
                    )
                } else {
                    l.lang.tr(
                        "书面说明不能退订的原因和依据。",
                        "Explain in writing why it could not be cancelled, and on what basis.",
                    )
                },
            ]);
            l.section(&l.lang.tr("三、理由和依据", "3. Reasons and rules"));
            l.line(&cause);
            l.items(&rules);
            if let Some(rule) = &appeal_rule {
                l.line(&format!("- {rule}"));
            }
        }
    }
    l.section(&l.lang.tr("证据清单", "Evidence"));
    for item in &report.evidence {
        l.check(item);
    }
    l.line("");
    l.line(&format!("{}{today}", l.lang.tr("日期：", "Date: ")));
    l.line(&format!(
        "{}{}",
        l.lang.tr("签名：", "Signature: "),
        l.blank("签名", "signature")
    ));
    l.out
}

/// The label of a fact the report cites, if it cites it.
fn label(report: &Report, id: &str) -> Option<String> {
    report
        .sources
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.label.clone())
}

/// The carrier's complaint channel, from the escalation steps.
fn complaint_channel(report: &Report) -> String {
    report
        .escalation
        .iter()
        .filter_map(|s| s.channel.as_ref())
        .find(|c| c.kind == contract::COMPLAINT_CHANNEL)
        .map(|c| format!(" {}", c.value))
        .unwrap_or_default()
}

/// What the appeal asks back: the unwanted charges still inside the
/// fee-dispute window. When the window starts after the charges became
/// unwanted, the demand starts with the window, and says why.
fn appeal_refund(report: &Report, l: &Letter, refund_from: &str) -> String {
    let unwanted_from = refund_from.parse::<Date>().ok();
    let window_from = report
        .timeline
        .as_ref()
        .and_then(|t| t.fee_dispute.as_ref())
        .and_then(|w| w.charges_from);
    match (window_from, unwanted_from) {
        (Some(window), Some(unwanted)) if window > unwanted => l.lang.tr(
            format!("退还自{window}起多收的费用（自{unwanted}起的更早扣费已超过收费争议的申诉期限，不在本次申诉范围内，我另向运营商要求退还）；"),
            format!("Refund what was charged since {window} (the earlier charges since {unwanted} are out of time for a fee dispute and not part of this appeal; I am asking the carrier for them separately);"),
        ),
        (Some(window), None) => l.lang.tr(
            format!("退还自{refund_from}起多收的费用（只有{window}及以后的扣费还在收费争议的申诉期限内）；"),
            format!("Refund what was charged since {refund_from} (only charges on or after {window} are still in time for a fee dispute);"),
        ),
        _ => l.lang.tr(
            format!("退还自{refund_from}起多收的费用；"),
            format!("Refund what was charged since {refund_from};"),
        ),
    }
}

struct Letter {
    out: String,
    markdown: bool,
    lang: Lang,
}

impl Letter {
    /// A blank the user fills in, marked so that it cannot be missed.
    fn blank(&self, zh: &str, en: &str) -> String {
        self.lang
            .tr(format!("【{zh}：请填写】"), format!("[{en}: fill in]"))
    }

    /// Every line of the letter goes through here: its texts come from the
    /// rules and the case details typed in, so they are made visible first.
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.out, "{}", crate::visible::visible(text));
    }

    fn title(&mut self, text: &str) {
        if self.markdown {
            self.line(&format!("# {text}"));
        } else {
            self.line(text);
        }
        self.line("");
    }

    fn section(&mut self, text: &str) {
        self.line("");
        if self.markdown {
            self.line(&format!("## {text}"));
            self.line("");
        } else {
            self.line(text);
        }
    }

    fn items(&mut self, items: &[String]) {
        for item in items {
            self.line(&format!("- {item}"));
        }
    }

    fn numbered(&mut self, items: &[String]) {
        for (i, item) in items.iter().enumerate() {
            self.line(&format!("{}. {item}", i + 1));
        }
    }

    fn check(&mut self, item: &str) {
        self.line(&format!("- [ ] {item}"));
    }

    /// The answers that led to the diagnosis, as the user gave them.
    fn trace(&mut self, report: &Report) {
        for t in report
            .trace
            .iter()
            .filter(|t| t.question != contract::CARRIER && t.question != contract::SYMPTOM)
        {
            // What was already tried is said as a fact, not as the question
            // with its menu hint, and left out when nothing was.
            if t.multiple {
                if t.answer != crate::tree::NONE {
                    let tried = self.lang.tr("我已经试过：", "Already tried: ");
                    self.line(&format!("- {tried}{}", t.label));
                }
                continue;
            }
            self.line(&format!("- {} {}", t.text, t.label));
        }
    }
}
