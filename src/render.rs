//! The only writer of results. A walk's outcome becomes a [`Report`], the
//! serde view that `--format json` prints as it is; the text format is drawn
//! from the same report, so the two never disagree.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use colored::Colorize as _;
use serde::Serialize;

use jiff::civil::Date;

use crate::answers::Answers;
use crate::engine::{End, Outcome};
use crate::lang::Lang;
use crate::page::{Look, Page};
use crate::rules::Confidence;
use crate::timeline::{self, Timeline};
use crate::tree::{Step, Tree};
use crate::visible::visible;

/// The JSON shape's version; raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    /// `diagnosed` or `needs_input`.
    pub status: &'static str,
    pub lang: Lang,
    pub carrier: Option<CarrierView>,
    pub causes: Vec<CauseView>,
    /// Every conclusion reached, including one that could not name a cause.
    pub conclusions: Vec<ConclusionView>,
    pub steps: Vec<StepView>,
    pub evidence: Vec<String>,
    pub escalation: Vec<StepView>,
    /// The rungs of the escalation ladder that apply, in order.
    pub rungs: Vec<RungView>,
    /// Every answer: the questions on the path, and any case details.
    pub answers: BTreeMap<String, String>,
    pub trace: Vec<TraceView>,
    /// What to say, ask for and note down on a hotline call (when diagnosed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotline: Option<HotlineView>,
    /// Deadlines from the dates given (when any date or the complaint is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    pub sources: Vec<SourceView>,
    /// The next question, when `status` is `needs_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<QuestionView>,
    /// With `--explain`: the path taken and what found each cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<crate::explain::Explanation>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RungView {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HotlineView {
    /// The words to read aloud, one per conclusion.
    pub scripts: Vec<String>,
    /// What to ask for.
    pub ask: Vec<String>,
    /// What to note down.
    pub note: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CarrierView {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CauseView {
    pub id: String,
    pub title: String,
    pub explanation: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ConclusionView {
    pub id: String,
    pub cause: Option<String>,
    pub title: String,
    pub explanation: String,
    /// How to confirm this is the cause: where to look, what to ask.
    pub confirm: Vec<String>,
    /// What to say on the hotline, ending with asking for the ticket number.
    pub script: Option<String>,
    /// How to avoid it next time.
    pub prevention: Vec<String>,
    /// The facts the conclusion cites (rules that apply), listed in `sources`.
    pub facts: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StepView {
    /// The conclusion the step belongs to; none for escalation steps.
    pub conclusion: Option<String>,
    /// The escalation rung, for escalation steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rung: Option<String>,
    pub action: String,
    pub channel: Option<ChannelView>,
    /// Ids of the facts the step relies on, listed in `sources`.
    pub sources: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChannelView {
    pub kind: String,
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TraceView {
    pub question: String,
    pub answer: String,
    pub text: String,
    pub label: String,
}

/// One answer as people read it: the question and the chosen label.
pub fn trace_view(
    tree: &Tree,
    (q, c): (usize, usize),
    carrier: Option<usize>,
    lang: Lang,
) -> TraceView {
    let question = &tree.questions[q];
    TraceView {
        question: question.id.clone(),
        answer: question.choices[c].value.clone(),
        text: tree.fill(question.text.get(lang), carrier),
        label: tree.fill(question.choices[c].label.get(lang), carrier),
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SourceView {
    pub id: String,
    /// What the fact is, in the report's language.
    pub label: String,
    /// The number, command, path or rule itself.
    pub value: String,
    /// The channel kind (`hotline`, `app`...) when the fact is one of a carrier's channels.
    pub channel: Option<String>,
    /// A caveat about the fact, when there is one.
    pub note: Option<String>,
    /// The source document or page.
    pub title: String,
    pub url: Option<String>,
    pub confidence: Confidence,
    pub verified: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionView {
    pub id: String,
    pub number: usize,
    pub text: String,
    pub help: Option<String>,
    pub choices: Vec<ChoiceView>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChoiceView {
    pub value: String,
    pub label: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Words of the text format, in both languages.
struct Words {
    diagnosis: &'static str,
    causes: &'static str,
    no_cause: &'static str,
    confirm: &'static str,
    steps: &'static str,
    script: &'static str,
    hotline_ask: &'static str,
    hotline_note: &'static str,
    evidence: &'static str,
    prevention: &'static str,
    timeline: &'static str,
    escalation: &'static str,
    your_answers: &'static str,
    sources: &'static str,
    check_official: &'static str,
    confidence: &'static str,
    verified: &'static str,
    more_answers: &'static str,
    go_on_with: &'static str,
}

const ZH: Words = Words {
    diagnosis: "诊断结果",
    causes: "可能原因",
    no_cause: "暂时无法确定原因",
    confirm: "怎么确认是这个原因",
    steps: "怎么做",
    script: "打电话时可以照着说",
    hotline_ask: "通话时要提出",
    hotline_note: "通话时要记下",
    evidence: "请保留这些证据",
    prevention: "以后怎么避免",
    timeline: "时间线",
    escalation: "仍未解决时，逐级升级",
    your_answers: "你的回答",
    sources: "依据",
    check_official: "请以官方APP/客服为准",
    confidence: "可信度",
    verified: "核实于",
    more_answers: "还需要回答",
    go_on_with: "补上答案后再运行",
};

const EN: Words = Words {
    diagnosis: "Diagnosis",
    causes: "Likely cause",
    no_cause: "The cause cannot be told yet",
    confirm: "How to confirm it",
    steps: "What to do",
    script: "What to say on the phone",
    hotline_ask: "On the call, ask for",
    hotline_note: "On the call, note down",
    evidence: "Evidence to keep",
    prevention: "Next time",
    timeline: "Timeline",
    escalation: "If it is still not solved, escalate step by step",
    your_answers: "Your answers",
    sources: "Sources",
    check_official: "confirm in the official app or with customer service",
    confidence: "confidence",
    verified: "checked",
    more_answers: "more answers needed",
    go_on_with: "go on with",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Builds the report of a finished or paused walk, with the case details and
/// deadlines counted from `today`.
pub fn report(
    tree: &Tree,
    outcome: &Outcome,
    answers: &Answers,
    lang: Lang,
    today: Date,
) -> Report {
    let carrier = outcome.carrier;
    let mut used_facts: Vec<usize> = Vec::new();
    // Each step records the facts it relies on, for the sources list.
    let step_view = |step: &Step, conclusion: Option<&str>, used: &mut Vec<usize>| {
        let facts = tree.step_facts(step, carrier);
        let mut action = tree.fill(step.text.get(lang), carrier);
        if facts
            .iter()
            .any(|&f| tree.facts[f].confidence == Confidence::Medium)
        {
            let note = words(lang).check_official;
            action = match lang {
                Lang::Zh => format!("{action}（{note}）"),
                Lang::En => format!("{action} ({note})"),
            };
        }
        let channel = step.channel.as_ref().and_then(|kind| {
            carrier
                .and_then(|c| tree.channel(c, kind))
                .map(|fact| ChannelView {
                    kind: kind.clone(),
                    value: fact.value.clone(),
                    label: fact.label.get(lang).to_owned(),
                })
        });
        used.extend(&facts);
        StepView {
            conclusion: conclusion.map(str::to_owned),
            rung: step.rung.map(|r| tree.rungs[r].id.clone()),
            action,
            channel,
            sources: facts.iter().map(|&f| tree.facts[f].id.clone()).collect(),
        }
    };

    let conclusions: Vec<_> = outcome
        .conclusions
        .iter()
        .map(|&c| &tree.conclusions[c])
        .collect();
    let mut steps = Vec::new();
    let mut evidence = Vec::new();
    for conclusion in &conclusions {
        used_facts.extend(tree.conclusion_facts(conclusion, carrier));
        for step in conclusion
            .steps
            .iter()
            .filter(|s| Tree::applies(s, carrier))
        {
            steps.push(step_view(step, Some(&conclusion.id), &mut used_facts));
        }
        evidence.extend(
            conclusion
                .evidence
                .iter()
                .map(|e| tree.fill(e.get(lang), carrier)),
        );
    }
    let diagnosed = outcome.end == End::Diagnosed;
    let mut escalation = Vec::new();
    if diagnosed {
        evidence.extend(
            tree.evidence
                .iter()
                .map(|e| tree.fill(e.get(lang), carrier)),
        );
        for step in tree.escalation.iter().filter(|s| Tree::applies(s, carrier)) {
            escalation.push(step_view(step, None, &mut used_facts));
        }
    }
    let mut seen = HashSet::new();
    evidence.retain(|e| seen.insert(e.clone()));

    let conclusion_views: Vec<ConclusionView> = conclusions
        .iter()
        .map(|c| {
            let cause = c.cause.map(|i| &tree.causes[i]);
            let title = c.title.as_ref().or(cause.map(|k| &k.title));
            ConclusionView {
                id: c.id.clone(),
                cause: cause.map(|k| k.id.clone()),
                title: title.map(|t| t.get(lang).to_owned()).unwrap_or_default(),
                explanation: tree.fill(c.explanation.get(lang), carrier),
                confirm: c
                    .confirm
                    .iter()
                    .map(|t| tree.fill(t.get(lang), carrier))
                    .collect(),
                script: c.script.as_ref().map(|t| tree.fill(t.get(lang), carrier)),
                prevention: c
                    .prevention
                    .iter()
                    .map(|t| tree.fill(t.get(lang), carrier))
                    .collect(),
                facts: c.facts.iter().map(|&f| tree.facts[f].id.clone()).collect(),
            }
        })
        .collect();
    let mut seen = HashSet::new();
    let causes = conclusion_views
        .iter()
        .filter_map(|c| {
            let id = c.cause.as_ref()?;
            seen.insert(id.clone()).then(|| CauseView {
                id: id.clone(),
                title: c.title.clone(),
                explanation: c.explanation.clone(),
            })
        })
        .collect();

    let trace: Vec<TraceView> = outcome
        .trace
        .iter()
        .map(|&answer| trace_view(tree, answer, carrier, lang))
        .collect();
    let question = match outcome.end {
        End::NeedsInput(q) | End::Interrupted(q) => Some(question_view(
            tree,
            q,
            outcome.trace.len() + 1,
            carrier,
            lang,
        )),
        End::Diagnosed => None,
    };
    let hotline = diagnosed.then(|| HotlineView {
        scripts: conclusion_views
            .iter()
            .filter_map(|c| c.script.clone())
            .collect(),
        ask: tree
            .hotline_ask
            .iter()
            .map(|t| tree.fill(t.get(lang), carrier))
            .collect(),
        note: tree
            .hotline_note
            .iter()
            .map(|t| tree.fill(t.get(lang), carrier))
            .collect(),
    });
    let timeline = timeline::compute(tree, answers, today);
    for id in timeline.iter().flat_map(|t| &t.sources) {
        used_facts.extend(tree.fact(id));
    }
    let mut seen = HashSet::new();
    used_facts.retain(|f| seen.insert(*f));
    let sources = used_facts
        .iter()
        .map(|&f| {
            let fact = &tree.facts[f];
            SourceView {
                id: fact.id.clone(),
                label: fact.label.get(lang).to_owned(),
                value: fact.value.clone(),
                channel: fact.channel.clone(),
                note: fact.note.as_ref().map(|n| n.get(lang).to_owned()),
                title: fact.source.clone(),
                url: fact.url.clone(),
                confidence: fact.confidence,
                verified: fact.verified.clone(),
            }
        })
        .collect();
    let mut all_answers: BTreeMap<String, String> = trace
        .iter()
        .map(|t| (t.question.clone(), t.answer.clone()))
        .collect();
    let details = answers
        .to_pairs(tree)
        .into_iter()
        .filter(|(id, _)| tree.detail(id).is_some());
    all_answers.extend(details);
    Report {
        schema_version: SCHEMA_VERSION,
        status: if diagnosed {
            "diagnosed"
        } else {
            "needs_input"
        },
        lang,
        carrier: carrier.map(|c| CarrierView {
            id: tree.carriers[c].id.clone(),
            name: tree.carriers[c].name.get(lang).to_owned(),
        }),
        causes,
        conclusions: conclusion_views,
        steps,
        evidence,
        rungs: tree
            .rungs
            .iter()
            .enumerate()
            .filter(|(r, _)| {
                escalation
                    .iter()
                    .any(|s| s.rung.as_deref() == Some(tree.rungs[*r].id.as_str()))
            })
            .map(|(_, r)| RungView {
                id: r.id.clone(),
                title: r.title.get(lang).to_owned(),
            })
            .collect(),
        escalation,
        answers: all_answers,
        trace,
        hotline,
        timeline,
        sources,
        question,
        explain: None,
    }
}

fn question_view(
    tree: &Tree,
    q: usize,
    number: usize,
    carrier: Option<usize>,
    lang: Lang,
) -> QuestionView {
    let question = &tree.questions[q];
    QuestionView {
        id: question.id.clone(),
        number,
        text: tree.fill(question.text.get(lang), carrier),
        help: question
            .help
            .as_ref()
            .map(|h| tree.fill(h.get(lang), carrier)),
        choices: question
            .choices
            .iter()
            .map(|c| ChoiceView {
                value: c.value.clone(),
                label: tree.fill(c.label.get(lang), carrier),
                aliases: c.aliases.clone(),
            })
            .collect(),
    }
}

/// Pretty JSON and a newline.
pub fn json(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The diagnosis for people, in the page's look.
pub fn text<W: Write>(report: &Report, page: &mut Page<W>) -> io::Result<()> {
    let w = words(report.lang);
    let carrier = report
        .carrier
        .as_ref()
        .map(|c| c.name.as_str())
        .unwrap_or("");
    page.title(&format!("{}  {carrier}", w.diagnosis))?;

    page.heading(w.causes)?;
    if report.causes.is_empty() {
        page.item(w.no_cause)?;
    }
    for conclusion in &report.conclusions {
        let title = match &conclusion.cause {
            Some(id) => format!("{} [{id}]", conclusion.title),
            None => conclusion.title.clone(),
        };
        page.finding(&title, &conclusion.explanation)?;
    }

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
    match (lang, confidence) {
        (Lang::Zh, Confidence::High) => "高",
        (Lang::Zh, Confidence::Medium) => "中",
        (Lang::Zh, Confidence::Low) => "低",
        (Lang::En, Confidence::High) => "high",
        (Lang::En, Confidence::Medium) => "medium",
        (Lang::En, Confidence::Low) => "low",
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
    explain: &crate::explain::Explanation,
    lang: Lang,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    page.heading(if zh { "为什么这样判断" } else { "Why" })?;
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
        let by = if zh { "依据这些回答" } else { "found by" };
        page.item(&format!(
            "{what}: {by} {} (conclusion `{}`, {})",
            finding.answers.join(","),
            finding.conclusion,
            finding.origin
        ))?;
    }
    Ok(())
}

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
                    rule(timeline::APPEAL_WAIT)
                )
            }
            (false, None, true) => "工信部申诉：须先向运营商正式投诉".to_owned(),
            (true, Some(from), false) => format!("MIIT appeal: open since {from}"),
            (true, None, false) => "MIIT appeal: open now".to_owned(),
            (false, Some(from), false) => {
                format!(
                    "MIIT appeal: opens on {from}{}",
                    rule(timeline::APPEAL_WAIT)
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
                    rule(timeline::FEE_DISPUTE_LIMIT)
                )
            }
            (true, false) => format!("Fee dispute appeal: until {until} (still in time)"),
            (false, false) => {
                format!(
                    "Fee dispute appeal: closed on {until}{}",
                    rule(timeline::FEE_DISPUTE_LIMIT)
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
                rule(timeline::OTHER_DISPUTE_LIMIT)
            )
        } else {
            format!(
                "Other disputes: until {until}{}",
                rule(timeline::OTHER_DISPUTE_LIMIT)
            )
        };
        page.item(&line)?;
    }
    if let Some(due) = timeline.appeal_reply_due {
        let line = if zh {
            format!(
                "申诉受理机构的答复期限：{due}{}",
                rule(timeline::REPLY_LIMIT)
            )
        } else {
            format!(
                "The appeal centre's answer is due by {due}{}",
                rule(timeline::REPLY_LIMIT)
            )
        };
        page.item(&line)?;
    }
    Ok(())
}

/// For text output with no terminal: the question that needs an answer,
/// its values, and the command that supplies it.
pub fn needs_input_text(report: &Report, out: &mut impl Write) -> io::Result<()> {
    let w = words(report.lang);
    let Some(question) = &report.question else {
        return Ok(());
    };
    writeln!(
        out,
        "{}: [{}] {} (`{}`)",
        w.more_answers,
        question.number,
        visible(&question.text),
        visible(&question.id)
    )?;
    if let Some(help) = &question.help {
        for line in help.lines() {
            writeln!(out, "  {}", visible(line))?;
        }
    }
    let width = question
        .choices
        .iter()
        .map(|c| c.value.len())
        .max()
        .unwrap_or(0);
    for choice in &question.choices {
        let value = visible(&choice.value);
        writeln!(out, "  {value:width$}  {}", visible(&choice.label))?;
    }
    let pairs: Vec<String> = report
        .trace
        .iter()
        .map(|t| format!("{}={}", t.question, t.answer))
        .chain(std::iter::once(format!("{}=VALUE", question.id)))
        .collect();
    writeln!(
        out,
        "{}: unsub-doctor --answers {}",
        w.go_on_with,
        visible(&pairs.join(","))
    )
}

/// For JSON output: one line on stderr, the question itself is on stdout.
pub fn needs_input_note(report: &Report, out: &mut impl Write) -> io::Result<()> {
    match &report.question {
        Some(q) => writeln!(
            out,
            "{}: `{}`",
            words(report.lang).more_answers,
            visible(&q.id)
        ),
        None => Ok(()),
    }
}

/// `unsub-doctor questions`: every question and its values.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionList {
    pub schema_version: u32,
    pub lang: Lang,
    pub questions: Vec<QuestionView>,
}

pub fn question_list(tree: &Tree, lang: Lang) -> QuestionList {
    QuestionList {
        schema_version: SCHEMA_VERSION,
        lang,
        questions: tree
            .questions_in_walk_order()
            .into_iter()
            .enumerate()
            .map(|(i, q)| question_view(tree, q, i + 1, None, lang))
            .collect(),
    }
}

pub fn question_list_text(list: &QuestionList, out: &mut impl Write) -> io::Result<()> {
    for (i, question) in list.questions.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}  {}",
            visible(&question.id).bold(),
            visible(&question.text)
        )?;
        let width = question
            .choices
            .iter()
            .map(|c| c.value.len())
            .max()
            .unwrap_or(0);
        for choice in &question.choices {
            let aliases = if choice.aliases.is_empty() {
                String::new()
            } else {
                format!("  ({})", visible(&choice.aliases.join(", ")))
                    .dimmed()
                    .to_string()
            };
            let value = format!("{:width$}", visible(&choice.value));
            writeln!(
                out,
                "  {}  {}{aliases}",
                value.green(),
                visible(&choice.label)
            )?;
        }
    }
    Ok(())
}

/// The replay hint printed when answers were given that the walk never used.
pub fn unused_answers(unused: &[String], out: &mut impl Write) -> io::Result<()> {
    for answer in unused {
        let note = crate::lang::tr(
            format!("提示：回答 `{answer}` 在这条路径上没有用到"),
            format!("note: answer `{answer}` was not used on this path"),
        );
        writeln!(out, "{}", visible(&note))?;
    }
    Ok(())
}

/// `why-not`: whether the cause was found, what ruled it out, what would find it.
pub fn why_not_text(
    answer: &crate::explain::WhyNot,
    lang: Lang,
    out: &mut impl Write,
) -> io::Result<()> {
    let zh = lang == Lang::Zh;
    let cause = visible(&answer.cause);
    if answer.found {
        let line = if zh {
            format!("这些回答已经找到了 `{cause}`。")
        } else {
            format!("These answers do find `{cause}`.")
        };
        return writeln!(out, "{}", line.green().bold());
    }
    let head = if zh {
        format!("这些回答为什么没有找到 `{cause}`")
    } else {
        format!("Why these answers do not find `{cause}`")
    };
    writeln!(out, "{}", head.bold())?;
    if answer.ruled_out_by.is_empty() {
        writeln!(
            out,
            "  {}",
            if zh {
                "还没有回答到能判断它的问题。"
            } else {
                "No answer given so far rules it out."
            }
        )?;
    }
    for step in &answer.ruled_out_by {
        let by = if zh {
            "排除它的回答"
        } else {
            "ruled out by"
        };
        writeln!(
            out,
            "  {by}: {}",
            visible(&format!(
                "{}={} ({} {})",
                step.answer.question, step.answer.answer, step.answer.text, step.answer.label
            ))
        )?;
    }
    match &answer.smallest_change {
        Some(change) => {
            let (c, a) = if zh {
                ("需要改的回答", "需要补的回答")
            } else {
                ("change", "add")
            };
            if !change.change.is_empty() {
                writeln!(out, "  {c}: {}", visible(&change.change.join(",")))?;
            }
            if !change.add.is_empty() {
                writeln!(out, "  {a}: {}", visible(&change.add.join(",")))?;
            }
            writeln!(out, "  unsub-doctor --answers {}", visible(&change.answers))?;
        }
        None => {
            writeln!(
                out,
                "  {}",
                if zh {
                    "没有任何回答组合能找到它。"
                } else {
                    "No answers at all lead to it."
                }
            )?;
        }
    }
    Ok(())
}
