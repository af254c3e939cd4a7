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
        zh: report.lang == Lang::Zh,
    };
    let w = &letter;
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let answer = |id: &str| report.answers.get(id).cloned();
    let package = answer(contract::PACKAGE_NAME)
        .map(|p| w.pick(format!("“{p}”"), format!("\"{p}\"")))
        .unwrap_or_else(|| w.blank("流量包名称", "package name"));
    let first_attempt = answer(contract::FIRST_ATTEMPT_DATE)
        .unwrap_or_else(|| w.blank("第一次尝试退订的日期", "date of the first attempt"));
    let refund_from = answer(contract::FIRST_CHARGE_DATE)
        .or(answer(contract::FIRST_ATTEMPT_DATE))
        .unwrap_or_else(|| w.blank("开始多收费的日期", "date the unwanted charges began"));
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
    let cause = w.pick(
        format!("经了解，无法退订的原因可能是：{}。", titles.join("、")),
        format!("As far as I can tell, the cause is: {}.", titles.join("; ")),
    );
    // The rules each conclusion cites, with where they come from.
    let mut rules: Vec<String> = Vec::new();
    for id in report.conclusions.iter().flat_map(|c| &c.facts) {
        if let Some(s) = report.sources.iter().find(|s| &s.id == id) {
            let rule = w.pick(
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
        Some(contract::COMPLAINT_UNSATISFIED) => Some(w.pick(
            "我对处理结果不满意".into(),
            "I am not satisfied with the answer".into(),
        )),
        Some(contract::COMPLAINT_NO_REPLY) => Some(w.pick(
            "运营商至今未答复".into(),
            "the carrier has not answered".into(),
        )),
        _ => None,
    };
    let complaint_date = answer(contract::COMPLAINT_DATE);
    let ticket = answer(contract::COMPLAINT_TICKET);

    let what_happened = w.pick(
        format!("我号码上的流量包{package}无法退订：{symptom}。我自{first_attempt}起尝试退订，至今未能办成。"),
        format!("The data package {package} on my number cannot be cancelled: {symptom}. I have tried since {first_attempt} without success."),
    );
    let mut l = letter;
    if !l.zh {
        l.line("Translation for reading only: send the Chinese version of this letter.");
        l.line("");
    }
    match kind {
        DraftKind::Complaint => {
            l.title(&l.pick(
                format!("关于{carrier}流量包无法退订的投诉"),
                format!("Complaint to {carrier}: a data package that cannot be cancelled"),
            ));
            let channel = complaint_channel(report);
            l.line(&l.pick(
                format!("致：{carrier}客户服务（投诉受理）{channel}"),
                format!("To: {carrier} customer service, complaints{channel}"),
            ));
            l.line("");
            l.line(&format!(
                "{}{}",
                l.pick("投诉人：".into(), "From: ".into()),
                l.blank("姓名", "name")
            ));
            l.line(&format!(
                "{}{}",
                l.pick("手机号码：".into(), "Mobile number: ".into()),
                l.blank("手机号码", "mobile number")
            ));
            l.line(&format!(
                "{}{}",
                l.pick("联系电话：".into(), "Contact phone: ".into()),
                l.blank("联系电话", "contact phone")
            ));
            l.section(&l.pick("一、投诉事项".into(), "1. What happened".into()));
            l.line(&what_happened);
            l.trace(report);
            // A written complaint after an earlier one refers to it.
            if let (Some(reply), Some(date)) = (&reply, &complaint_date) {
                let ticket = ticket
                    .clone()
                    .unwrap_or_else(|| l.blank("工单号", "ticket number"));
                l.line(&l.pick(
                    format!("我已于{date}投诉过，工单号{ticket}；{reply}。"),
                    format!("I complained on {date}, ticket {ticket}; {reply}."),
                ));
            }
            l.section(&l.pick("二、原因与依据".into(), "2. The cause and the rules".into()));
            l.line(&cause);
            l.items(&rules);
            l.section(&l.pick("三、诉求".into(), "3. What I ask".into()));
            l.numbered(&[
                l.pick("立即为我办理退订，并发送确认短信；".into(), "Cancel the package now and send me a confirmation SMS;".into()),
                l.pick(format!("退还自{refund_from}起因未能退订而多收的费用；"), format!("Refund what was charged since {refund_from} because it could not be cancelled;")),
                l.pick("书面说明不能退订的原因和依据（如合同条款）；".into(), "Explain in writing why it could not be cancelled, and on what basis (such as a contract clause);".into()),
                l.pick("告知本次投诉的工单号，并及时答复。".into(), "Give me this complaint's ticket number (工单号) and answer promptly.".into()),
            ]);
            if let Some(rule) = &appeal_rule {
                l.line(&l.pick(
                    format!("如未获答复或我对处理结果不满意，我将依据{rule}向电信用户申诉受理机构申诉。"),
                    format!("If I get no answer, or the answer does not satisfy me, I will appeal to the telecom user appeal centre ({rule})."),
                ));
            }
        }
        DraftKind::Appeal => {
            l.title(&l.pick("电信用户申诉书".into(), "Telecom user appeal".into()));
            l.line(&l.pick(
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
                l.line(&l.pick(format!("（{rule}）"), format!("({rule})")));
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
                    l.pick(format!("{zh}："), format!("{en}: ")),
                    l.blank(zh, en)
                ));
            }
            l.line(&l.pick(
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
                l.pick("被申诉人地址：".into(), "Respondent's address: ".into()),
                l.blank("被申诉人地址", "respondent's address")
            ));
            l.section(&l.pick("一、事实经过".into(), "1. The facts".into()));
            l.line(&what_happened);
            l.trace(report);
            let complaint_date = answer(contract::COMPLAINT_DATE).unwrap_or_else(|| {
                l.blank("向运营商投诉的日期", "date of the complaint to the carrier")
            });
            let ticket = answer(contract::COMPLAINT_TICKET)
                .unwrap_or_else(|| l.blank("工单号", "ticket number"));
            let reply = match answer(contract::COMPLAINT).as_deref() {
                Some(contract::COMPLAINT_UNSATISFIED) => l.pick(
                    "我对处理结果不满意".into(),
                    "I am not satisfied with the answer".into(),
                ),
                Some(contract::COMPLAINT_NO_REPLY) => l.pick(
                    "运营商至今未答复".into(),
                    "the carrier has not answered".into(),
                ),
                _ => l.blank("运营商的答复情况", "how the carrier answered"),
            };
            l.line(&l.pick(
                format!("我已于{complaint_date}向{carrier}投诉，工单号{ticket}；{reply}。"),
                format!("I complained to {carrier} on {complaint_date}, ticket {ticket}; {reply}."),
            ));
            l.section(&l.pick("二、申诉要求".into(), "2. What I ask".into()));
            l.numbered(&[
                l.pick(
                    "责成被申诉人立即为我办理退订；".into(),
                    "That the respondent cancel the package at once;".into(),
                ),
                l.pick(
                    format!("退还自{refund_from}起多收的费用；"),
                    format!("Refund what was charged since {refund_from};"),
                ),
                l.pick(
                    "书面说明不能退订的原因和依据。".into(),
                    "Explain in writing why it could not be cancelled, and on what basis.".into(),
                ),
            ]);
            l.section(&l.pick("三、理由和依据".into(), "3. Reasons and rules".into()));
            l.line(&cause);
            l.items(&rules);
            if let Some(rule) = &appeal_rule {
                l.line(&format!("- {rule}"));
            }
        }
    }
    l.section(&l.pick("证据清单".into(), "Evidence".into()));
    for item in &report.evidence {
        l.check(item);
    }
    l.line("");
    l.line(&format!(
        "{}{today}",
        l.pick("日期：".into(), "Date: ".into())
    ));
    l.line(&format!(
        "{}{}",
        l.pick("签名：".into(), "Signature: ".into()),
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

struct Letter {
    out: String,
    markdown: bool,
    zh: bool,
}

impl Letter {
    fn pick(&self, zh: String, en: String) -> String {
        if self.zh { zh } else { en }
    }

    /// A blank the user fills in, marked so that it cannot be missed.
    fn blank(&self, zh: &str, en: &str) -> String {
        if self.zh {
            format!("【{zh}：请填写】")
        } else {
            format!("[{en}: fill in]")
        }
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
            self.line(&format!("- {} {}", t.text, t.label));
        }
    }
}
