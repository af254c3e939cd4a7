//! Ready-to-send letters drawn from a diagnosis: a written complaint to the
//! carrier, and an appeal to the provincial telecom user appeal centre with
//! the contents 《电信用户申诉处理办法》 asks for. Everything comes from the
//! report (the answers, the cause, the cited facts, the evidence); personal
//! details are never asked or stored, so the letter leaves marked blanks.
//! English drafts are for reading and say so: the letter to send is Chinese.
//!
//! What a letter states and asks for is the rules' word: each conclusion's
//! `letter` (its matter, what happened, its requests, the rules it cites).
//! A conclusion without one gets the general wording, "it cannot be
//! cancelled", or for a package never ordered "charged without consent".

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::contract;
use crate::lang::Lang;
use crate::report::Report;
use crate::rules::RefundFrom;

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

/// What one conclusion puts in the letter, in the report's language, its
/// blanks not yet filled.
struct Part {
    subject: String,
    situation: Vec<String>,
    asks: Vec<String>,
    refund_from: Option<RefundFrom>,
    /// The facts cited as its rules.
    facts: Vec<String>,
    /// The conclusion's title, said as the cause in the general wording.
    cause: Option<String>,
}

/// The day charges are asked back from: as the letter shows it, and the
/// date itself when there is one (a blank otherwise).
struct RefundDate {
    shown: String,
    date: Option<Date>,
}

/// The letter, ready to print or write to a file.
pub fn letter(report: &Report, kind: DraftKind, format: DraftFormat, today: Date) -> String {
    let mut l = Letter {
        out: String::new(),
        markdown: format == DraftFormat::Markdown,
        lang: report.lang,
        sections: 0,
    };
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let answer = |id: &str| report.answers.get(id).cloned();
    let parts = parts(report, l.lang);
    // Never empty: without a conclusion, the general wording.
    let subject = parts.first().map(|p| p.subject.clone()).unwrap_or_default();
    let lang = l.lang;
    let fill = |text: &str, part: &Part, appeal: bool| fill(report, lang, text, part, appeal);
    let situation: Vec<String> = parts
        .iter()
        .map(|p| {
            let sentences: Vec<String> = p.situation.iter().map(|s| fill(s, p, false)).collect();
            sentences.join(l.lang.pick("", " "))
        })
        .filter(|s| !s.is_empty())
        .fold(Vec::new(), push_new);
    let asks = |appeal: bool| -> Vec<String> {
        parts
            .iter()
            .flat_map(|p| p.asks.iter().map(move |a| (a, p)))
            .map(|(a, p)| fill(a, p, appeal))
            .fold(Vec::new(), push_new)
    };
    let (complaint_asks, appeal_asks) = (asks(false), asks(true));
    // The cause, said only in the general wording: a letter of the rules
    // states what happened instead.
    let general: Vec<&str> = parts.iter().filter_map(|p| p.cause.as_deref()).collect();
    let cause = (!general.is_empty()).then(|| {
        if not_ordered(report) {
            l.lang.tr(
                format!("经了解，这属于：{}。", general.join("、")),
                format!("As far as I can tell, this is: {}.", general.join("; ")),
            )
        } else {
            l.lang.tr(
                format!("经了解，无法退订的原因可能是：{}。", general.join("、")),
                format!(
                    "As far as I can tell, the cause is: {}.",
                    general.join("; ")
                ),
            )
        }
    });
    // The rules the letter cites, with where they come from.
    let rules: Vec<String> = parts
        .iter()
        .flat_map(|p| &p.facts)
        .filter_map(|id| report.sources.iter().find(|s| &s.id == id))
        .map(|s| {
            l.lang.tr(
                format!("{}（{}）", s.label, s.title),
                format!("{} ({})", s.label, s.title),
            )
        })
        .fold(Vec::new(), push_new);
    let appeal_rule = label(report, contract::APPEAL_WAIT);
    let reply = match answer(contract::COMPLAINT).as_deref() {
        Some(contract::COMPLAINT_UNSATISFIED) => Some(
            l.lang
                .tr("我对处理结果不满意", "I am not satisfied with the answer"),
        ),
        Some(contract::COMPLAINT_NO_REPLY) => Some(
            l.lang
                .tr("运营商至今未答复", "the carrier has not answered"),
        ),
        _ => None,
    };
    let complaint_date = answer(contract::COMPLAINT_DATE);
    let ticket = answer(contract::COMPLAINT_TICKET);

    if l.lang == Lang::En {
        l.line("Translation for reading only: send the Chinese version of this letter (the same command with --lang zh writes it).");
        l.line("");
    }
    match kind {
        DraftKind::Complaint => {
            l.title(&l.lang.tr(
                format!("关于{carrier}{subject}的投诉"),
                format!("Complaint to {carrier}: {subject}"),
            ));
            let channel = complaint_channel(report);
            l.line(&l.lang.tr(
                format!("致：{carrier}客户服务（投诉受理）{channel}"),
                format!("To: {carrier} customer service, complaints{channel}"),
            ));
            l.line("");
            for (label, zh, en) in [
                (l.lang.tr("投诉人：", "From: "), "姓名", "name"),
                (
                    l.lang.tr("手机号码：", "Mobile number: "),
                    "手机号码",
                    "mobile number",
                ),
                (
                    l.lang.tr("联系电话：", "Contact phone: "),
                    "联系电话",
                    "contact phone",
                ),
            ] {
                l.line(&format!("{label}{}", l.blank(zh, en)));
            }
            l.section("投诉事项", "What happened");
            l.paragraphs(&situation);
            l.tried(report);
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
            if cause.is_some() || !rules.is_empty() {
                match &cause {
                    Some(_) => l.section("原因与依据", "The cause and the rules"),
                    None => l.section("依据", "The rules"),
                }
                l.paragraphs(&cause);
                l.items(&rules);
            }
            l.section("诉求", "What I ask");
            l.line(&l.lang.tr("请贵公司：", "I ask you to:"));
            let mut asks = complaint_asks;
            asks.push(l.lang.tr(
                "告知本次投诉的工单号，并及时答复",
                "give me this complaint's ticket number (工单号) and answer promptly",
            ));
            l.numbered(&asks);
            if let Some(rule) = &appeal_rule {
                l.line(&l.lang.tr(
                    format!("如未获答复或我对处理结果不满意，我将向电信用户申诉受理机构申诉（依据：{rule}）。"),
                    format!("If I get no answer, or the answer does not satisfy me, I will appeal to the telecom user appeal centre ({rule})."),
                ));
            }
        }
        DraftKind::Appeal => {
            l.title(&l.lang.tr("电信用户申诉书", "Telecom user appeal"));
            let province = l.blank("被申诉运营商所在省（区、市）", "province of the carrier");
            l.line(&l.lang.tr(
                format!("致：{province}电信用户申诉受理中心"),
                format!("To: the telecom user appeal centre of {province}"),
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
            let company = l.blank("省（区、市）分公司", "provincial company");
            l.line(&l.lang.tr(
                format!("被申诉人：{carrier}{company}"),
                format!("Respondent: {carrier}, {company}"),
            ));
            l.line(&format!(
                "{}{}",
                l.lang.tr("被申诉人地址：", "Respondent's address: "),
                l.blank("被申诉人地址", "respondent's address")
            ));
            l.section("事实经过", "The facts");
            l.paragraphs(&situation);
            l.tried(report);
            let complaint_date = complaint_date.unwrap_or_else(|| {
                l.blank("向运营商投诉的日期", "date of the complaint to the carrier")
            });
            let ticket = ticket.unwrap_or_else(|| l.blank("工单号", "ticket number"));
            let reply =
                reply.unwrap_or_else(|| l.blank("运营商的答复情况", "how the carrier answered"));
            l.line(&l.lang.tr(
                format!("我已于{complaint_date}向{carrier}投诉，工单号{ticket}；{reply}。"),
                format!("I complained to {carrier} on {complaint_date}, ticket {ticket}; {reply}."),
            ));
            l.section("申诉要求", "What I ask");
            l.line(&l.lang.tr(
                "请责成被申诉人：",
                "I ask that the respondent be directed to:",
            ));
            l.numbered(&appeal_asks);
            l.section("理由和依据", "Reasons and rules");
            l.paragraphs(&cause);
            l.items(&rules);
            if let Some(rule) = &appeal_rule {
                l.line(&format!("- {rule}"));
            }
        }
    }
    l.section_unnumbered("证据清单", "Evidence");
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

/// Adds `item` to `list` unless it is there already: two conclusions may
/// say or ask the same thing.
fn push_new(mut list: Vec<String>, item: String) -> Vec<String> {
    if !list.contains(&item) {
        list.push(item);
    }
    list
}

/// Whether the answers say the package was never ordered: added without an
/// order, or unknown to the user. Read only for the general wording.
fn not_ordered(report: &Report) -> bool {
    let answer = |id: &str| report.answers.get(id).map(String::as_str);
    answer(contract::PACKAGE_ORIGIN).is_some_and(|o| contract::NOT_ORDERED.contains(&o))
        || answer(contract::SYMPTOM).is_some_and(|s| contract::SYMPTOMS_NOT_ORDERED.contains(&s))
}

/// What each conclusion puts in the letter: its rules' `letter`, or the
/// general wording. A diagnosis with no certain cause gets the general
/// wording once, with no cause named.
fn parts(report: &Report, lang: Lang) -> Vec<Part> {
    let general = |cause: Option<String>, facts: Vec<String>| {
        if not_ordered(report) {
            Part {
                subject: lang.tr("未经同意订购流量包并扣费", "a data package ordered and charged without my consent"),
                situation: vec![lang.tr(
                    "我号码上有一个流量包{package}，我从未订购、也从未同意办理（没有回复确认短信、没有输入验证码、没有签字），却自{first_charge_date}起被扣费。",
                    "A data package {package} on my number, which I never ordered or agreed to (no reply to a confirmation SMS, no verification code, no signature), has been charged since {first_charge_date}.",
                )],
                asks: vec![
                    lang.tr("立即为我办理退订，并发送确认短信", "cancel the package now and send me a confirmation SMS"),
                    lang.tr("退还自{refund_from}起未经我同意扣的费用", "refund what was charged without my consent since {refund_from}"),
                    lang.tr("提供我同意办理的凭证（短信回复、验证码或签字）；拿不出的，承认未经同意订购", "produce the record of my consent (an SMS reply, a verification code or a signature), and without it acknowledge the order was made without my consent"),
                ],
                refund_from: Some(RefundFrom::FirstCharge),
                facts,
                cause,
            }
        } else {
            Part {
                subject: lang.tr("流量包无法退订", "a data package that cannot be cancelled"),
                situation: vec![lang.tr(
                    "我号码上的流量包{package}无法退订：{symptom}。我自{first_attempt_date}起尝试退订，至今未能办成。",
                    "The data package {package} on my number cannot be cancelled: {symptom}. I have tried since {first_attempt_date} without success.",
                )],
                asks: vec![
                    lang.tr("立即为我办理退订，并发送确认短信", "cancel the package now and send me a confirmation SMS"),
                    lang.tr("退还自{refund_from}起因未能退订而多收的费用", "refund what was charged since {refund_from} because it could not be cancelled"),
                    lang.tr("书面说明不能退订的原因和依据（如合同条款）", "explain in writing why it could not be cancelled, and on what basis (such as a contract clause)"),
                ],
                refund_from: Some(RefundFrom::FirstAttempt),
                facts,
                cause,
            }
        }
    };
    let parts: Vec<Part> = report
        .conclusions
        .iter()
        .map(|c| match &c.letter {
            Some(letter) => Part {
                subject: letter.subject.clone(),
                situation: letter.situation.clone(),
                asks: letter.asks.clone(),
                refund_from: letter.refund_from,
                facts: letter.facts.clone(),
                cause: None,
            },
            None => general(Some(c.title.clone()), c.facts.clone()),
        })
        .collect();
    if parts.is_empty() {
        return vec![general(None, Vec::new())];
    }
    parts
}

/// `text` with the letter's blanks filled from the answers, the timeline and
/// the part's refund day; what is not known is a marked blank. In an appeal
/// (`appeal`), a refund is asked only from the start of the fee-dispute
/// window, and the text says why when that is later.
fn fill(report: &Report, lang: Lang, text: &str, part: &Part, appeal: bool) -> String {
    let answer = |id: &str| report.answers.get(id).cloned();
    let date = |id: &str, zh: &str, en: &str| answer(id).unwrap_or_else(|| blank(lang, zh, en));
    let charges_stop = report
        .timeline
        .as_ref()
        .and_then(|t| t.charges_stop.as_ref())
        .map(|c| c.from);
    let mut note = None;
    let mut refund_from = String::new();
    if text.contains(&format!("{{{}}}", contract::LETTER_REFUND_FROM)) {
        let refund = refund_date(report, lang, part.refund_from, charges_stop);
        let window = appeal
            .then(|| report.timeline.as_ref()?.fee_dispute.as_ref()?.charges_from)
            .flatten();
        let (shown, why) = match (window, refund.date) {
            (Some(window), Some(unwanted)) if window > unwanted => (
                window.to_string(),
                Some(lang.tr(
                    format!("（自{unwanted}起的更早扣费已超过收费争议的申诉期限，不在本次申诉范围内，我另向运营商要求退还）"),
                    format!(" (the earlier charges since {unwanted} are out of time for a fee dispute and not part of this appeal; I am asking the carrier for them separately)"),
                )),
            ),
            (Some(window), None) => (
                refund.shown,
                Some(lang.tr(
                    format!("（只有{window}及以后的扣费还在收费争议的申诉期限内）"),
                    format!(" (only charges on or after {window} are still in time for a fee dispute)"),
                )),
            ),
            _ => (refund.shown, None),
        };
        (refund_from, note) = (shown, why);
    }
    let symptom = report
        .trace
        .iter()
        .find(|t| t.question == contract::SYMPTOM)
        .map(|t| t.label.clone())
        .unwrap_or_else(|| blank(lang, "遇到的情况", "what happens"));
    let package = answer(contract::PACKAGE_NAME)
        .map(|p| lang.tr(format!("“{p}”"), format!("\"{p}\"")))
        .unwrap_or_else(|| blank(lang, "流量包名称", "package name"));
    let values = [
        (contract::LETTER_PACKAGE, package),
        (contract::LETTER_SYMPTOM, symptom),
        (
            contract::FIRST_CHARGE_DATE,
            date(
                contract::FIRST_CHARGE_DATE,
                "第一笔不想要的扣费的日期",
                "date of the first unwanted charge",
            ),
        ),
        (
            contract::FIRST_ATTEMPT_DATE,
            date(
                contract::FIRST_ATTEMPT_DATE,
                "第一次尝试退订的日期",
                "date of the first attempt",
            ),
        ),
        (
            contract::UNSUBSCRIBE_DATE,
            date(
                contract::UNSUBSCRIBE_DATE,
                "办理退订的日期",
                "date you unsubscribed",
            ),
        ),
        (
            contract::LETTER_CHARGES_STOP,
            charges_stop.map(|d| d.to_string()).unwrap_or_else(|| {
                blank(lang, "退订生效的日期", "date the cancellation took effect")
            }),
        ),
        (contract::LETTER_REFUND_FROM, refund_from),
    ];
    // One pass: a value (a package name typed in) is never read for blanks.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let value = rest[open + 1..].split_once('}').and_then(|(name, _)| {
            values
                .iter()
                .find(|(blank, _)| *blank == name)
                .map(|(_, value)| (name.len(), value))
        });
        out.push_str(&rest[..open]);
        match value {
            Some((len, value)) => {
                out.push_str(value);
                rest = &rest[open + len + 2..];
            }
            None => {
                out.push('{');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out.extend(note);
    out
}

/// The day charges are asked back from. For charges never agreed to (and a
/// renewal), the first unwanted charge; for a package the user ordered, the
/// day they first asked to cancel (never before the first unwanted charge:
/// ISO dates compare as text); for a cancellation already made, the day it
/// had to stop the charges.
fn refund_date(
    report: &Report,
    lang: Lang,
    from: Option<RefundFrom>,
    charges_stop: Option<Date>,
) -> RefundDate {
    let answer = |id: &str| report.answers.get(id).cloned();
    let given = |shown: String| RefundDate {
        date: shown.parse().ok(),
        shown,
    };
    let blank = |zh: &str, en: &str| RefundDate {
        shown: blank(lang, zh, en),
        date: None,
    };
    let attempt = answer(contract::FIRST_ATTEMPT_DATE);
    let charge = answer(contract::FIRST_CHARGE_DATE);
    match from {
        Some(RefundFrom::FirstCharge) => match charge.or(attempt) {
            Some(date) => given(date),
            None => blank(
                "第一笔不想要的扣费的日期",
                "date of the first unwanted charge",
            ),
        },
        Some(RefundFrom::Effective) => match charges_stop {
            Some(date) => given(date.to_string()),
            None => blank("退订生效的日期", "date the cancellation took effect"),
        },
        Some(RefundFrom::FirstAttempt) | None => match (attempt, charge) {
            (Some(attempt), Some(charge)) if charge > attempt => given(charge),
            (Some(attempt), _) => RefundDate {
                date: attempt.parse().ok(),
                shown: lang.tr(
                    format!("{attempt}（我第一次要求退订）"),
                    format!("{attempt} (when I first asked to cancel)"),
                ),
            },
            (None, _) => blank("第一次要求退订的日期", "date you first asked to cancel"),
        },
    }
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

/// A blank the user fills in, marked so that it cannot be missed.
fn blank(lang: Lang, zh: &str, en: &str) -> String {
    lang.tr(format!("【{zh}：请填写】"), format!("[{en}: fill in]"))
}

struct Letter {
    out: String,
    markdown: bool,
    lang: Lang,
    /// Numbered sections so far.
    sections: usize,
}

impl Letter {
    fn blank(&self, zh: &str, en: &str) -> String {
        blank(self.lang, zh, en)
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

    /// The next numbered section: 一、… in Chinese, 1. … in English.
    fn section(&mut self, zh: &str, en: &str) {
        const NUMBERS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
        self.sections += 1;
        let n = self.sections;
        let title = self.lang.tr(
            format!("{}、{zh}", NUMBERS[(n - 1) % NUMBERS.len()]),
            format!("{n}. {en}"),
        );
        self.section_unnumbered(&title, &title);
    }

    fn section_unnumbered(&mut self, zh: &str, en: &str) {
        let text = self.lang.tr(zh, en);
        self.line("");
        if self.markdown {
            self.line(&format!("## {text}"));
            self.line("");
        } else {
            self.line(&text);
        }
    }

    fn paragraphs<'a>(&mut self, paragraphs: impl IntoIterator<Item = &'a String>) {
        for paragraph in paragraphs {
            self.line(paragraph);
        }
    }

    fn items(&mut self, items: &[String]) {
        for item in items {
            self.line(&format!("- {item}"));
        }
    }

    /// Requests, numbered, each closed with ；and the last with 。.
    fn numbered(&mut self, items: &[String]) {
        let (next, last) = (self.lang.pick("；", ";"), self.lang.pick("。", "."));
        for (i, item) in items.iter().enumerate() {
            let item = item.trim_end_matches(['；', '。', ';', '.', ' ']);
            let end = if i + 1 == items.len() { last } else { next };
            self.line(&format!("{}. {item}{end}", i + 1));
        }
    }

    fn check(&mut self, item: &str) {
        self.line(&format!("- [ ] {item}"));
    }

    /// What the user has already tried, said as a fact, and left out when
    /// nothing was. The questions of the walk are not pasted in: what
    /// happened is said by the letter's own sentences.
    fn tried(&mut self, report: &Report) {
        let tried = report
            .trace
            .iter()
            .find(|t| t.question == contract::TRIED)
            .filter(|t| t.answer != crate::tree::NONE);
        if let Some(t) = tried {
            let line = self.lang.tr(
                format!("我已经试过：{}。", t.label),
                format!("Already tried: {}.", t.label),
            );
            self.line(&line);
        }
    }
}
