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
    full: bool,
) -> io::Result<()> {
    let lang = report.lang;
    let w = words(lang);
    // The rule behind a deadline: its fact's label with `full`, else its id,
    // which the sources list below names (the short page has no room for both).
    let rule = |id: &str| {
        let label = report.sources.iter().find(|s| s.id == id).map(|s| {
            if full {
                s.label.as_str()
            } else {
                s.id.as_str()
            }
        });
        label
            .map(|label| {
                if full {
                    lang.pick(format!("（{label}）"), format!(" ({label})"))
                } else {
                    format!(" [{label}]")
                }
            })
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
    if let Some(term) = &timeline.contract {
        let (start, months, end) = (term.start, term.months, term.end);
        let line = if term.ended {
            lang.tr(
                format!("合约期：{start} 起 {months} 个月，按这个日期算约在 {end} 已满；请对照合同写明的到期日，到期后合约不再限制退订"),
                format!("Minimum term: {months} months from {start}, so over around {end}; check the end date the contract states: once it has passed, the contract no longer restricts the cancellation"),
            )
        } else {
            let reminder = term
                .remind_by
                .map(|by| {
                    let rule = rule(contract::RENEWAL_REMINDER);
                    lang.tr(
                        format!("；会自动续约的，按承诺应在 {by} 前后收到续约提醒{rule}"),
                        format!(
                            "; if it renews automatically, a reminder is due around {by}{rule}"
                        ),
                    )
                })
                .unwrap_or_default();
            lang.tr(
                format!("合约期：{start} 起 {months} 个月，按这个日期算约在 {end} 到期（以合同写明的到期日为准）；到期前联系运营商退订或变更，免得自动续约{reminder}"),
                format!("Minimum term: {months} months from {start}, so ending around {end} (the date the contract states decides); contact the carrier before then to cancel or change, so it does not renew automatically{reminder}"),
            )
        };
        page.status(&line, term.ended)?;
    }
    if let Some(stop) = &timeline.charges_stop {
        let (unsubscribed, from) = (stop.unsubscribed, stop.from);
        let said = match stop.effective.as_str() {
            contract::EFFECTIVE_NEXT_MONTH => lang.pick("次月生效", "next month"),
            _ => lang.pick("立即生效", "at once"),
        };
        // The first month billed wholly after the stop: that month when the
        // stop is on its first day, else the next one.
        let first_clear = if from.day() == 1 {
            Some(from)
        } else {
            from.first_of_month()
                .checked_add(jiff::Span::new().months(1))
                .ok()
        };
        let month = first_clear.unwrap_or(from).strftime("%Y-%m");
        let line = if stop.passed {
            lang.tr(
                format!(
                    "退订：{unsubscribed} 办理，确认写的是“{said}”，应从 {from} 起停止扣费：{month} 起的账单里不应再有这个流量包的费用；有的话就是多收的，可以要求核查并退还"
                ),
                format!(
                    "Unsubscribed on {unsubscribed}, confirmed to take effect {said}: charges must stop from {from}, so no charge for this package is expected on the bill from {month}; any such charge is an overcharge to have checked and refunded"
                ),
            )
        } else {
            lang.tr(
                format!(
                    "退订：{unsubscribed} 办理，确认写的是“{said}”，{from} 起停止扣费；在那之前的费用照常收取"
                ),
                format!(
                    "Unsubscribed on {unsubscribed}, confirmed to take effect {said}: charges stop from {from}; until then they are charged as usual"
                ),
            )
        };
        page.status(&line, !stop.passed)?;
    }
    if let Some(appeal) = &timeline.appeal {
        let line = match (appeal.open, appeal.from) {
            (true, Some(from)) => lang.tr(
                format!("向省级申诉受理机构申诉：自 {from} 起可以申诉（现在已可以）"),
                format!("Appeal to the provincial appeal body: open since {from}"),
            ),
            (true, None) => lang.tr(
                "向省级申诉受理机构申诉：现在已可以申诉",
                "Appeal to the provincial appeal body: open now",
            ),
            (false, Some(from)) => {
                let rule = rule(contract::APPEAL_WAIT);
                lang.tr(
                    format!("向省级申诉受理机构申诉：{from} 起才可以申诉{rule}"),
                    format!("Appeal to the provincial appeal body: opens on {from}{rule}"),
                )
            }
            (false, None) => lang.tr(
                "向省级申诉受理机构申诉：须先向运营商正式投诉",
                "Appeal to the provincial appeal body: complain formally to the carrier first",
            ),
        };
        page.status(&line, appeal.open)?;
        // A date worked out from an unanswered complaint: say how it was counted.
        if let (Some(counted), Some(from)) = (&appeal.counted, appeal.from) {
            let counting = rule(contract::PERIOD_COUNTING);
            let last = counted.last_day;
            let mut note = match counted.moved_to {
                None => lang.tr(
                    format!("日期的算法：投诉当天不计入，运营商的答复期到 {last} 结束（这天不是节假日或周末），{from} 起可以申诉{counting}"),
                    format!("How the date is counted: the day of the complaint is not counted, the carrier's time ends with {last} (not a holiday or weekend), and the appeal opens on {from}{counting}"),
                ),
                Some(moved) => lang.tr(
                    format!("日期的算法：投诉当天不计入；最后一天 {last} 是节假日或周末，顺延到 {moved}{counting}。周末是否算休假日说法不一，这里取较晚的日期{}", rule(contract::WEEKENDS)),
                    format!("How the date is counted: the day of the complaint is not counted; the last day, {last}, is a holiday or weekend, so it moves to {moved}{counting}. Whether weekends count is disputed: this takes the later date{}", rule(contract::WEEKENDS)),
                ),
            };
            note.push_str(&uncovered(lang, &counted.uncovered));
            page.note(&note)?;
        }
    }
    if let Some(fee) = &timeline.fee_dispute {
        // Each charge is its own fee dispute: never "closed" while charges
        // go on, only which charges are still in time.
        let rule = rule(contract::FEE_DISPUTE_LIMIT);
        let line = match (fee.open, fee.from, fee.until, fee.charges_from) {
            (true, Some(first), Some(until), _) => lang.tr(
                format!("收费争议申诉：从第一笔扣费（{first}）起的扣费都还来得及；第一笔最晚在 {until}（含这一天）申诉，之后每笔扣费各自计算期限{rule}"),
                format!("Fee dispute appeal: every charge since the first ({first}) is still in time; the first must be appealed by {until}, and each later charge has its own time limit{rule}"),
            ),
            (_, _, _, Some(from)) => lang.tr(
                format!("收费争议申诉：{from} 及以后的扣费还可以申诉；更早的扣费已超过期限，不能再作为收费争议申诉，可以另外向运营商要求退还{rule}。每过一天，又有一天的扣费过期：越早申诉，能申诉的越多"),
                format!("Fee dispute appeal: charges on or after {from} can still be appealed; earlier charges are out of time for a fee dispute, but can still be asked back from the carrier{rule}. Each day that passes takes another day's charges out of time: the sooner you appeal, the more you can claim"),
            ),
            _ => String::new(),
        };
        if !line.is_empty() {
            page.status(&line, true)?;
            page.note(&lang.tr(
                "这些期限按不顺延的日期给出：最后一天遇到节假日时也许可以顺延，但不要指望它。",
                "These deadlines are given without any move: a last day on a holiday might move on, but do not count on it.",
            ))?;
        }
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
        if let Some(counted) = &timeline.appeal_reply_counted {
            let mut note = match counted.moved_to {
                Some(_) => lang.tr(
                    format!(
                        "（期限的最后一天 {} 是节假日或周末，已顺延）",
                        counted.last_day
                    ),
                    format!(
                        "(its last day, {}, is a holiday or weekend, so it moves on)",
                        counted.last_day
                    ),
                ),
                None => String::new(),
            };
            note.push_str(&uncovered(lang, &counted.uncovered));
            if !note.is_empty() {
                page.note(&note)?;
            }
        }
    }
    Ok(())
}

/// The years whose holidays the rules do not have, said as a caveat.
fn uncovered(lang: crate::lang::Lang, years: &[i16]) -> String {
    if years.is_empty() {
        return String::new();
    }
    let years: Vec<String> = years.iter().map(i16::to_string).collect();
    let years = years.join(", ");
    lang.tr(
        format!("（规则里没有 {years} 年的国务院节假日安排：那天如果是法定节假日，日期还会往后顺延）"),
        format!(" (the rules do not have the State Council's holidays for {years}: if that day is a public holiday, the date moves on)"),
    )
}
