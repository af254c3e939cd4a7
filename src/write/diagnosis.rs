//! The diagnosis for people: the report drawn on a page in the terminal,
//! plain or markdown look, with the path explained when asked.

use std::io::{self, Write};

use crate::lang::{Lang, words};
use crate::report::{ConclusionView, Report, StepView};
use crate::rules::Confidence;
use crate::write::page::{Look, Page};
use crate::write::timeline::write_timeline;

/// The diagnosis for people, in the page's look.
pub fn text<W: Write>(report: &Report, page: &mut Page<W>) -> io::Result<()> {
    let w = words(report.lang);
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.as_str())
        .unwrap_or("");
    page.title(&format!("{}  {carrier}", w.diagnosis))?;
    // A user already up the ladder reads first where they stand and what is
    // next, not the advice for someone starting out.
    write_standing(page, report)?;

    page.heading(w.causes)?;
    if report.causes.is_empty() {
        page.item(if report.possible_causes.is_empty() {
            w.no_cause
        } else {
            w.none_certain
        })?;
    }
    for conclusion in &report.conclusions {
        let title = match &conclusion.cause {
            Some(id) => format!("{} [{id}]", conclusion.title),
            None => conclusion.title.clone(),
        };
        page.finding(&title, &conclusion.explanation)?;
    }
    write_possible_causes(page, report)?;

    write_per_conclusion(page, w.confirm, &report.conclusions, |c| c.confirm.clone())?;
    let conclusions: Vec<(&str, &str)> = report
        .conclusions
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    write_steps(page, w.steps, &report.steps, &conclusions, |s| {
        s.conclusion.as_deref()
    })?;
    write_per_conclusion(page, w.script, &report.conclusions, |c| {
        c.script.iter().cloned().collect()
    })?;
    if let Some(hotline) = &report.hotline {
        for (heading, items) in [
            (w.hotline_ask, &hotline.ask),
            (w.hotline_note, &hotline.note),
        ] {
            if !items.is_empty() {
                page.heading(heading)?;
                for item in items {
                    page.item(item)?;
                }
            }
        }
    }
    if !report.evidence.is_empty() {
        page.heading(w.evidence)?;
        for item in &report.evidence {
            page.check(item)?;
        }
    }
    write_per_conclusion(page, w.prevention, &report.conclusions, |c| {
        c.prevention.clone()
    })?;

    let rungs: Vec<(&str, &str)> = report
        .rungs
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();
    write_steps(page, w.escalation, &report.escalation, &rungs, |s| {
        s.rung.as_deref()
    })?;
    if let Some(timeline) = &report.timeline {
        write_timeline(page, report, timeline)?;
    }
    if let Some(explain) = &report.explain {
        write_explanation(page, explain, report.lang)?;
    }

    if !report.trace.is_empty() {
        page.heading(w.your_answers)?;
        for (i, t) in report.trace.iter().enumerate() {
            page.item(&format!("[{}] {} {}", i + 1, t.text, t.label))?;
        }
    }

    if !report.sources.is_empty() {
        page.heading(w.sources)?;
        for source in &report.sources {
            // A channel's value is short and is what the user dials or opens;
            // a rule's wording is long and its label already says it.
            match source.channel {
                Some(_) => page.item(&format!(
                    "[{}] {}: {}",
                    source.id, source.label, source.value
                ))?,
                None => page.item(&format!("[{}] {}", source.id, source.label))?,
            }
            if let Some(note) = &source.note {
                page.note(note)?;
            }
            let url = source
                .url
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let confidence = confidence_word(source.confidence, report.lang);
            let dot = if page.look() == Look::Plain {
                "-"
            } else {
                "·"
            };
            page.note(&format!(
                "{}{url} {dot} {} {confidence} {dot} {} {}",
                source.title, w.confidence, w.verified, source.verified
            ))?;
        }
    }
    Ok(())
}

fn confidence_word(confidence: Confidence, lang: Lang) -> &'static str {
    match confidence {
        Confidence::High => lang.pick("高", "high"),
        Confidence::Medium => lang.pick("中", "medium"),
        Confidence::Low => lang.pick("低", "low"),
    }
}

/// A bulleted section drawn from each conclusion, headed by the conclusion's
/// title when there is more than one.
fn write_per_conclusion<W: Write>(
    page: &mut Page<W>,
    heading: &str,
    conclusions: &[ConclusionView],
    items: impl Fn(&ConclusionView) -> Vec<String>,
) -> io::Result<()> {
    let groups: Vec<(&ConclusionView, Vec<String>)> = conclusions
        .iter()
        .map(|c| (c, items(c)))
        .filter(|(_, items)| !items.is_empty())
        .collect();
    if groups.is_empty() {
        return Ok(());
    }
    page.heading(heading)?;
    for (conclusion, items) in &groups {
        if conclusions.len() > 1 {
            page.group(&conclusion.title)?;
        }
        for item in items {
            page.item(item)?;
        }
    }
    Ok(())
}

/// Where the user stands on the ladder: what is done, and the next rung
/// with the day it opens.
fn write_standing<W: Write>(page: &mut Page<W>, report: &Report) -> io::Result<()> {
    let Some(standing) = &report.standing else {
        return Ok(());
    };
    let lang = report.lang;
    let title = |id: &str| {
        report
            .rungs
            .iter()
            .find(|r| r.id == id)
            .map_or(id.to_owned(), |r| r.title.clone())
    };
    page.heading(words(lang).standing)?;
    if !standing.done.is_empty() {
        let done: Vec<String> = standing.done.iter().map(|r| title(r)).collect();
        let sep = lang.pick("、", "; ");
        page.item(&format!(
            "{}{}",
            lang.pick("已经做了：", "Done: "),
            done.join(sep)
        ))?;
    }
    if let Some(next) = &standing.next {
        let next = title(next);
        let line = match (standing.open, standing.next_from) {
            (Some(false), Some(from)) => lang.tr(
                format!("下一步：{next}，{from} 起可以；在那之前，凭工单号催办投诉，并要求转值班经理"),
                format!("Next: {next}, from {from}; until then, chase the complaint with its ticket number and ask for the duty manager"),
            ),
            (Some(false), None) => lang.tr(
                format!("下一步：{next}，但还不能办（见下面的时间线）"),
                format!("Next: {next}, not open yet (see the timeline below)"),
            ),
            (Some(true), _) => lang.tr(
                format!("下一步：{next}，现在就可以"),
                format!("Next: {next}, open now"),
            ),
            (None, _) => lang.tr(
                format!("下一步：{next}。什么时候可以，取决于投诉的日期和运营商的答复：再运行时在“投诉”几个问题里填上，就能算出日期"),
                format!("Next: {next}. When it opens depends on the complaint's date and the carrier's answer: give them in the complaint questions next time and the date is worked out"),
            ),
        };
        page.status(&line, standing.open == Some(true))?;
        // The letter for the next rung, written from this diagnosis.
        let letter = match standing.next.as_deref() {
            Some(crate::contract::RUNG_APPEAL) if standing.open == Some(true) => Some("appeal"),
            Some(crate::contract::RUNG_COMPLAINT) => Some("complaint"),
            _ => None,
        };
        if let Some(kind) = letter {
            page.item(&lang.tr(
                format!("信可以这样写好：unsub-doctor draft {kind}（加上同样的回答；个人信息留空并标出）"),
                format!("The letter can be written for you: unsub-doctor draft {kind} (with the same answers; personal details are left as marked blanks)"),
            ))?;
        }
    }
    Ok(())
}

/// The causes that may apply: each with how to check it and what to do if
/// it does, so an unsure answer still leads somewhere.
fn write_possible_causes<W: Write>(page: &mut Page<W>, report: &Report) -> io::Result<()> {
    if report.possible_causes.is_empty() {
        return Ok(());
    }
    let w = words(report.lang);
    page.heading(w.possible)?;
    for possible in &report.possible_causes {
        page.finding(
            &format!("{} [{}]", possible.title, possible.id),
            &possible.explanation,
        )?;
        if !possible.check.is_empty() {
            page.group(w.check)?;
            for item in &possible.check {
                page.item(item)?;
            }
        }
        if let Some(script) = &possible.script {
            page.group(w.ask_on_the_phone)?;
            page.item(script)?;
        }
        if !possible.if_confirmed.is_empty() {
            page.group(w.if_confirmed)?;
            for (i, step) in possible.if_confirmed.iter().enumerate() {
                page.numbered(i + 1, &step.action)?;
            }
        }
    }
    Ok(())
}

/// Numbered steps; when they come from more than one group (conclusions,
/// or rungs of the ladder), each group is headed by its title so the user
/// sees which cause or rung it belongs to.
fn write_steps<W: Write>(
    page: &mut Page<W>,
    heading: &str,
    steps: &[StepView],
    groups: &[(&str, &str)],
    group_of: impl Fn(&StepView) -> Option<&str>,
) -> io::Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    page.heading(heading)?;
    let grouped = groups.len() > 1;
    let mut current: Option<&str> = None;
    for (i, step) in steps.iter().enumerate() {
        let group = group_of(step);
        if grouped && group != current {
            current = group;
            if let Some((_, title)) = groups.iter().find(|(id, _)| Some(*id) == group) {
                page.group(title)?;
            }
        }
        page.numbered(i + 1, &step.action)?;
    }
    Ok(())
}

/// `--explain`: each answer and where it led, then what found each cause.
fn write_explanation<W: Write>(
    page: &mut Page<W>,
    explain: &crate::report::explain::Explanation,
    lang: Lang,
) -> io::Result<()> {
    page.heading(lang.pick("为什么这样判断", "Why"))?;
    for (i, step) in explain.path.iter().enumerate() {
        let to = step.leads_to_id.as_deref().unwrap_or("");
        page.item(&format!(
            "[{}] {}={} -> {} {} ({})",
            i + 1,
            step.answer.question,
            step.answer.answer,
            step.leads_to,
            to,
            step.origin
        ))?;
    }
    for finding in &explain.findings {
        let what = finding.cause.as_deref().unwrap_or(&finding.conclusion);
        let by = if finding.possible {
            lang.pick("可能，依据这些回答", "possible, from")
        } else {
            lang.pick("依据这些回答", "found by")
        };
        page.item(&format!(
            "{what}: {by} {} (conclusion `{}`, {})",
            finding.answers.join(","),
            finding.conclusion,
            finding.origin
        ))?;
    }
    Ok(())
}
