//! The deadlines for people: one line each, each with the rule that sets it.

use std::io::{self, Write};

use crate::contract;
use crate::lang::{Lang, words};
use crate::report::Report;
use crate::report::timeline::Timeline;
use crate::write::page::Page;

/// The deadlines, one line each, each with the rule that sets it.
pub fn write_timeline<W: Write>(
    page: &mut Page<W>,
    report: &Report,
    timeline: &Timeline,
) -> io::Result<()> {
    let lang = report.lang;
    let w = words(lang);
    // The rule behind a deadline, as its fact's label says it.
    let rule = |id: &str| {
        let label = report
            .sources
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.label.as_str());
        match (label, lang) {
            (Some(label), Lang::Zh) => format!("（{label}）"),
            (Some(label), Lang::En) => format!(" ({label})"),
            (None, _) => String::new(),
        }
    };
    let zh = lang == Lang::Zh;
    page.heading(w.timeline)?;
    page.item(&format!(
        "{} {}",
        if zh { "今天" } else { "Today" },
        timeline.today
    ))?;
    if let Some(date) = timeline.complaint_date {
        let ticket = timeline
            .complaint_ticket
            .as_deref()
            .map(|t| {
                if zh {
                    format!("（工单号 {t}）")
                } else {
                    format!(" (ticket {t})")
                }
            })
            .unwrap_or_default();
        page.item(&format!(
            "{} {date}{ticket}",
            if zh { "投诉日期" } else { "Complained on" }
        ))?;
    }
    if let Some(appeal) = &timeline.appeal {
        let line = match (appeal.open, appeal.from, zh) {
            (true, Some(from), true) => format!("工信部申诉：自 {from} 起可以申诉（现在已可以）"),
            (true, None, true) => "工信部申诉：现在已可以申诉".to_owned(),
            (false, Some(from), true) => {
                format!(
                    "工信部申诉：{from} 起才可以申诉{}",
                    rule(contract::APPEAL_WAIT)
                )
            }
            (false, None, true) => "工信部申诉：须先向运营商正式投诉".to_owned(),
            (true, Some(from), false) => format!("MIIT appeal: open since {from}"),
            (true, None, false) => "MIIT appeal: open now".to_owned(),
            (false, Some(from), false) => {
                format!(
                    "MIIT appeal: opens on {from}{}",
                    rule(contract::APPEAL_WAIT)
                )
            }
            (false, None, false) => {
                "MIIT appeal: complain formally to the carrier first".to_owned()
            }
        };
        page.status(&line, appeal.open)?;
    }
    if let Some(fee) = &timeline.fee_dispute {
        let until = fee.until.map(|d| d.to_string()).unwrap_or_default();
        let line = match (fee.open, zh) {
            (true, true) => format!("收费争议申诉期限：至 {until}（还来得及）"),
            (false, true) => {
                format!(
                    "收费争议申诉期限：已于 {until} 截止{}",
                    rule(contract::FEE_DISPUTE_LIMIT)
                )
            }
            (true, false) => format!("Fee dispute appeal: until {until} (still in time)"),
            (false, false) => {
                format!(
                    "Fee dispute appeal: closed on {until}{}",
                    rule(contract::FEE_DISPUTE_LIMIT)
                )
            }
        };
        page.status(&line, fee.open)?;
    }
    if let Some(other) = &timeline.other_disputes {
        let until = other.until.map(|d| d.to_string()).unwrap_or_default();
        let line = if zh {
            format!(
                "其他争议申诉期限：至 {until}{}",
                rule(contract::OTHER_DISPUTE_LIMIT)
            )
        } else {
            format!(
                "Other disputes: until {until}{}",
                rule(contract::OTHER_DISPUTE_LIMIT)
            )
        };
        page.item(&line)?;
    }
    if let Some(due) = timeline.appeal_reply_due {
        let line = if zh {
            format!(
                "申诉受理机构的答复期限：{due}{}",
                rule(contract::REPLY_LIMIT)
            )
        } else {
            format!(
                "The appeal centre's answer is due by {due}{}",
                rule(contract::REPLY_LIMIT)
            )
        };
        page.item(&line)?;
    }
    Ok(())
}
