//! The diagnosis for people: the report drawn on a page in the terminal,
//! plain or markdown look, with the path explained when asked.

use std::io::{self, Write};

use crate::contract;
use crate::lang::{Lang, words};
use crate::report::{ConclusionView, Report, StepView};
use crate::rules::Confidence;
use crate::write::page::{Look, Page};
use crate::write::timeline::write_timeline;

/// The diagnosis for people, in the page's look. It opens with what to do
/// now and ends with it again, so the first and the last screen both tell
/// the user what to do. `full` adds what a user reads only when they want
/// it: every step of each rung, prevention, and each source's document,
/// address and notes (markdown is always full: it is pasted, not scrolled).
pub fn text<W: Write>(report: &Report, page: &mut Page<W>, full: bool) -> io::Result<()> {
    let w = words(report.lang);
    let full = full || page.look() == Look::Markdown;
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.as_str())
        .unwrap_or("");
    page.title(&format!("{}  {carrier}", w.diagnosis))?;
    write_now(page, report)?;

    if !report.conclusions.is_empty() {
        page.heading(w.causes)?;
    } else if report.possible_causes.is_empty() {
        page.heading(w.causes)?;
        page.item(w.no_cause)?;
    }
    for conclusion in &report.conclusions {
        let title = match &conclusion.cause {
            Some(id) => format!("{} [{id}]", conclusion.title),
            None => conclusion.title.clone(),
        };
        page.finding(&title, &conclusion.explanation)?;
    }
    write_possible_causes(page, report, full)?;

    write_per_conclusion(page, w.confirm, &report.conclusions, |c| c.confirm.clone())?;
    let conclusions: Vec<(&str, &str)> = report
        .conclusions
        .iter()
        .map(|c| (c.id.as_str(), c.title.as_str()))
        .collect();
    // A step already given under "do this now" is not given twice, nor a
    // second cause's call or store visit (one call or visit does both).
    let mut channels_seen: Vec<(&str, Option<&str>)> = Vec::new();
    // After a formal complaint, calling the hotline or visiting a store
    // again is a step back down the ladder: the short page leaves it out.
    let complained = report
        .standing
        .as_ref()
        .is_some_and(|s| s.done.iter().any(|r| r == contract::RUNG_COMPLAINT));
    // Whether the step before, of the same conclusion, was left out.
    let mut left_out: Option<&str> = None;
    let mut steps: Vec<StepView> = Vec::new();
    for s in &report.steps {
        if full {
            steps.push(s.clone());
            continue;
        }
        let kind = s.channel.as_ref().map(|c| c.kind.as_str());
        let again = kind.is_some_and(|k| {
            matches!(k, "hotline" | "store")
                && channels_seen
                    .iter()
                    .any(|(seen, by)| *seen == k && *by != s.conclusion.as_deref())
        });
        if let Some(k) = kind {
            channels_seen.push((k, s.conclusion.as_deref()));
        }
        let behind = complained && kind.is_some_and(|k| matches!(k, "hotline" | "store"));
        if again || behind || report.now.iter().any(|a| a.action == s.action) {
            left_out = Some(s.conclusion.as_deref().unwrap_or_default());
            continue;
        }
        let mut step = s.clone();
        // "Or ..." offers another way to do the step before; without it
        // the alternative stands on its own.
        if left_out == Some(s.conclusion.as_deref().unwrap_or_default()) {
            step.action = standalone(&step.action, report.lang);
        }
        left_out = None;
        steps.push(step);
    }
    if steps.len() < report.steps.len() && !steps.is_empty() {
        page.heading(w.steps)?;
    }
    write_steps_under(
        page,
        (steps.len() == report.steps.len()).then_some(w.steps),
        &steps,
        &conclusions,
        |s| s.conclusion.as_deref(),
    )?;
    write_call(page, report)?;
    if !report.evidence.is_empty() {
        page.heading(w.evidence)?;
        if full {
            for item in &report.evidence {
                page.check(item)?;
            }
        } else {
            page.item(&report.evidence.join(report.lang.pick("；", "; ")))?;
        }
    }
    if full {
        write_per_conclusion(page, w.prevention, &report.conclusions, |c| {
            c.prevention.clone()
        })?;
    }
    write_ladder(page, report, full)?;
    if let Some(timeline) = &report.timeline {
        write_timeline(page, report, timeline, full)?;
    }
    if let Some(explain) = &report.explain {
        write_explanation(page, explain, report.lang)?;
    }
    write_answers(page, report, full)?;
    write_sources(page, report, full)?;
    if !full {
        page.note(w.more_with_full)?;
    }
    write_now_again(page, report)
}

/// "Do this now": where the user stands on the ladder (when they are up
/// it), then the actions, each with the command that writes its letter.
fn write_now<W: Write>(page: &mut Page<W>, report: &Report) -> io::Result<()> {
    if report.now.is_empty() {
        return Ok(());
    }
    let lang = report.lang;
    let w = words(lang);
    page.heading(w.now)?;
    if let Some(standing) = &report.standing {
        let title = |id: &str| {
            report
                .rungs
                .iter()
                .find(|r| r.id == id)
                .map_or(id.to_owned(), |r| r.title.clone())
        };
        if !standing.done.is_empty() {
            let done: Vec<String> = standing.done.iter().map(|r| title(r)).collect();
            page.item(&format!(
                "{}{}",
                lang.pick("已经做了：", "Done: "),
                done.join(lang.pick("、", "; "))
            ))?;
        }
        if let Some(next) = &standing.next {
            let next = title(next);
            let line = match (standing.open, standing.next_from) {
                (Some(false), Some(from)) => lang.tr(
                    format!("下一步：{next}，{from} 起可以"),
                    format!("Next: {next}, from {from}"),
                ),
                (Some(false), None) => lang.tr(
                    format!("下一步：{next}，但还不能办（见时间线）"),
                    format!("Next: {next}, not open yet (see the timeline)"),
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
        }
    }
    for (i, action) in report.now.iter().enumerate() {
        page.numbered(i + 1, &action.action)?;
        // The command, unless the action already names it.
        if let Some(command) = action
            .command
            .as_ref()
            .filter(|c| !action.action.contains(*c))
        {
            page.note(&format!("{}{command}", w.letter))?;
        }
    }
    Ok(())
}

/// The same actions, one line each, where the eye lands at the end.
fn write_now_again<W: Write>(page: &mut Page<W>, report: &Report) -> io::Result<()> {
    if report.now.is_empty() {
        return Ok(());
    }
    page.heading(words(report.lang).now_again)?;
    for (i, action) in report.now.iter().enumerate() {
        let command = action
            .command
            .as_deref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        page.numbered_short(i + 1, &action.action, &command)?;
    }
    Ok(())
}

/// On the phone: the words to say (one per cause), what to ask for and what
/// to note down, under one heading.
fn write_call<W: Write>(page: &mut Page<W>, report: &Report) -> io::Result<()> {
    let w = words(report.lang);
    let scripts: Vec<&String> = report
        .conclusions
        .iter()
        .filter_map(|c| c.script.as_ref())
        .collect();
    let Some(hotline) = &report.hotline else {
        return Ok(());
    };
    if scripts.is_empty() && hotline.ask.is_empty() && hotline.note.is_empty() {
        return Ok(());
    }
    page.heading(w.on_the_phone)?;
    for script in scripts {
        page.item(&format!("{}{script}", w.say))?;
    }
    let sep = report.lang.pick("；", "; ");
    for (label, items) in [
        (w.hotline_ask, &hotline.ask),
        (w.hotline_note, &hotline.note),
    ] {
        if !items.is_empty() {
            let colon = report.lang.pick("：", ": ");
            page.item(&format!("{label}{colon}{}", items.join(sep)))?;
        }
    }
    Ok(())
}

/// The escalation ladder from the rung the user stands on: the next
/// rung's first step, then the names of the rungs after it; every step of
/// every rung not yet climbed with `full`.
fn write_ladder<W: Write>(page: &mut Page<W>, report: &Report, full: bool) -> io::Result<()> {
    let (steps, later) = ladder(report, full);
    let steps: Vec<StepView> = steps.into_iter().cloned().collect();
    let rungs: Vec<(&str, &str)> = report
        .rungs
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();
    write_steps(page, words(report.lang).escalation, &steps, &rungs, |s| {
        s.rung.as_deref()
    })?;
    if !later.is_empty() {
        let titles: Vec<&str> = later
            .iter()
            .filter_map(|id| rungs.iter().find(|(r, _)| r == id).map(|(_, t)| *t))
            .collect();
        let lang = report.lang;
        // One line: the rungs after the next are named, not explained
        // (a name that does not fit is left to --full, never cut).
        page.note_short(&lang.tr(
            format!("再往后：{}", titles.join(" → ")),
            format!(
                "After that: {} (--full shows every step)",
                titles.join(" → ")
            ),
        ))?;
    }
    Ok(())
}

/// The ladder's steps the page shows, and the ids of the rungs it only names.
fn ladder(report: &Report, full: bool) -> (Vec<&StepView>, Vec<&str>) {
    // Rungs at or below the highest one climbed are behind the user.
    let position = |rung: &str| report.rungs.iter().position(|r| r.id == rung);
    let climbed = report
        .standing
        .iter()
        .flat_map(|s| &s.done)
        .filter_map(|d| position(d))
        .max();
    let behind = |rung: Option<&str>| {
        climbed.is_some_and(|top| rung.and_then(position).is_some_and(|p| p <= top))
    };
    let mut shown: Vec<&str> = Vec::new();
    let mut later: Vec<&str> = Vec::new();
    let mut steps = Vec::new();
    for step in report
        .escalation
        .iter()
        .filter(|s| !behind(s.rung.as_deref()))
    {
        let rung = step.rung.as_deref().unwrap_or("");
        let first = !shown.contains(&rung);
        if first {
            shown.push(rung);
        }
        if full {
            steps.push(step);
        } else if shown.len() > 1 {
            if first {
                later.push(rung);
            }
        } else if first {
            steps.push(step);
        }
    }
    (steps, later)
}

/// The facts the default text shows: those of its steps, the first step of
/// each rung it shows, the causes and the timeline.
fn shown_facts(report: &Report) -> std::collections::HashSet<&str> {
    let (ladder, _) = ladder(report, false);
    let steps = report.steps.iter().chain(ladder).flat_map(|s| &s.sources);
    let now = report.now.iter().flat_map(|a| &a.sources);
    let causes = report.conclusions.iter().flat_map(|c| &c.facts);
    let possible = report.possible_causes.iter().flat_map(|p| {
        p.facts
            .iter()
            .chain(p.if_confirmed.iter().flat_map(|s| &s.sources))
    });
    let timeline = report.timeline.iter().flat_map(|t| &t.sources);
    steps
        .chain(now)
        .chain(causes)
        .chain(possible)
        .chain(timeline)
        .map(String::as_str)
        .collect()
}

/// Every answer, the case details included, in the order asked.
fn write_answers<W: Write>(page: &mut Page<W>, report: &Report, full: bool) -> io::Result<()> {
    if report.trace.is_empty() {
        return Ok(());
    }
    page.heading(words(report.lang).your_answers)?;
    let details = report.details.iter().map(|d| (&d.text, &d.label));
    let asked = report
        .trace
        .iter()
        .map(|t| (&t.text, &t.label))
        .chain(details);
    // Not numbered: a question skipped or answered up front moves the
    // numbers the prompts showed, and a number that differs misleads.
    if full {
        for (text, label) in asked {
            page.item(&format!("{text} {label}"))?;
        }
        return Ok(());
    }
    // The short page: the answers alone, in the order asked (the questions
    // are in --full).
    let answers: Vec<&str> = asked.map(|(_, label)| label.as_str()).collect();
    let between = match (page.look(), report.lang) {
        (Look::Plain, Lang::Zh) => "；",
        (Look::Plain, Lang::En) => "; ",
        _ => " · ",
    };
    page.item(&answers.join(between))
}

/// The sources: one line each (id, document, confidence, date), or with
/// `full` what the fact is, its note and the address of its source.
fn write_sources<W: Write>(page: &mut Page<W>, report: &Report, full: bool) -> io::Result<()> {
    if report.sources.is_empty() {
        return Ok(());
    }
    let w = words(report.lang);
    let dot = if page.look() == Look::Plain {
        "-"
    } else {
        "·"
    };
    if !full {
        // One line each, for the facts this text shows (the ladder's later
        // steps are left out, and so are their facts).
        let shown = shown_facts(report);
        page.heading(&format!(
            "{} ({} {dot} {})",
            w.sources, w.confidence, w.verified
        ))?;
        for source in report
            .sources
            .iter()
            .filter(|s| shown.contains(s.id.as_str()))
        {
            let confidence = confidence_word(source.confidence, report.lang);
            let checked = format!(" {dot} {confidence} {dot} {}", source.verified);
            page.item_short(&format!("[{}] {}", source.id, source.title), &checked)?;
        }
        return Ok(());
    }
    page.heading(w.sources)?;
    for source in &report.sources {
        let confidence = confidence_word(source.confidence, report.lang);
        let checked = format!(
            "{dot} {} {confidence} {dot} {} {}",
            w.confidence, w.verified, source.verified
        );
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
        page.note(&format!("{}{url} {checked}", source.title))?;
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

/// The causes that may apply: each with how to check it and what to do if
/// it does, so an unsure answer still leads somewhere.
fn write_possible_causes<W: Write>(
    page: &mut Page<W>,
    report: &Report,
    full: bool,
) -> io::Result<()> {
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
        // How to check already says what to ask; the full script is for `full`.
        if let Some(script) = possible.script.as_ref().filter(|_| full) {
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
    write_steps_under(page, Some(heading), steps, groups, group_of)
}

/// [`write_steps`], under a heading already written when `heading` is none.
fn write_steps_under<W: Write>(
    page: &mut Page<W>,
    heading: Option<&str>,
    steps: &[StepView],
    groups: &[(&str, &str)],
    group_of: impl Fn(&StepView) -> Option<&str>,
) -> io::Result<()> {
    if steps.is_empty() {
        return Ok(());
    }
    if let Some(heading) = heading {
        page.heading(heading)?;
    }
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

/// A step written as an alternative to the one before ("或…", "Or …"),
/// reworded to stand alone when that step is not shown with it.
fn standalone(action: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => match action.strip_prefix('或') {
            Some(rest) => format!("也可以{rest}"),
            None => action.to_owned(),
        },
        Lang::En => match action.strip_prefix("Or ") {
            Some(rest) => format!("You can also {rest}"),
            None => action.to_owned(),
        },
    }
}
