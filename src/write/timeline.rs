//! The deadlines for people: one line each, each with the rule that sets it.

use std::io::{self, Write};

use crate::contract;
use crate::lang::words;
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
        label
            .map(|label| lang.pick(format!("（{label}）"), format!(" ({label})")))
            .unwrap_or_default()
    };
    page.heading(w.timeline)?;
    page.item(&format!(
        "{} {}",
        lang.pick("今天", "Today"),
        timeline.today
    ))?;
    if let Some(date) = timeline.complaint_date {
        let ticket = timeline
            .complaint_ticket
            .as_deref()
            .map(|t| lang.pick(format!("（工单号 {t}）"), format!(" (ticket {t})")))
            .unwrap_or_default();
        page.item(&format!(
            "{} {date}{ticket}",
            lang.pick("投诉日期", "Complained on")
        ))?;
    }
    if let Some(appeal) = &timeline.appeal {
        let line = match (appeal.open, appeal.from) {
            (true, Some(from)) => lang.tr(
                format!("工信部申诉：自 {from} 起可以申诉（现在已可以）"),
                format!("MIIT appeal: open since {from}"),
            ),
            (true, None) => lang.tr("工信部申诉：现在已可以申诉", "MIIT appeal: open now"),
            (false, Some(from)) => {
                let rule = rule(contract::APPEAL_WAIT);
                lang.tr(
                    format!("工信部申诉：{from} 起才可以申诉{rule}"),
                    format!("MIIT appeal: opens on {from}{rule}"),
                )
            }
            (false, None) => lang.tr(
                "工信部申诉：须先向运营商正式投诉",
                "MIIT appeal: complain formally to the carrier first",
            ),
        };
        page.status(&line, appeal.open)?;
    }
    if let Some(fee) = &timeline.fee_dispute {
        let until = fee.until.map(|d| d.to_string()).unwrap_or_default();
        let line = if fee.open {
            lang.tr(
                format!("收费争议申诉期限：至 {until}（还来得及）"),
                format!("Fee dispute appeal: until {until} (still in time)"),
            )
        } else {
            let rule = rule(contract::FEE_DISPUTE_LIMIT);
            lang.tr(
                format!("收费争议申诉期限：已于 {until} 截止{rule}"),
                format!("Fee dispute appeal: closed on {until}{rule}"),
            )
        };
        page.status(&line, fee.open)?;
    }
    if let Some(other) = &timeline.other_disputes {
        let until = other.until.map(|d| d.to_string()).unwrap_or_default();
        let line = lang.pick(
            format!(
                "其他争议申诉期限：至 {until}{}",
                rule(contract::OTHER_DISPUTE_LIMIT)
            ),
            format!(
                "Other disputes: until {until}{}",
                rule(contract::OTHER_DISPUTE_LIMIT)
            ),
        );
        page.item(&line)?;
    }
    if let Some(due) = timeline.appeal_reply_due {
        let line = lang.pick(
            format!(
                "申诉受理机构的答复期限：{due}{}",
                rule(contract::REPLY_LIMIT)
            ),
            format!(
                "The appeal centre's answer is due by {due}{}",
                rule(contract::REPLY_LIMIT)
            ),
        );
        page.item(&line)?;
    }
    Ok(())
}
