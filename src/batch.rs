//! `unsub-doctor batch [FILE]`: JSON Lines in, JSON Lines out. Each input
//! line is one object of answers (`{"carrier": "mobile", "symptom": ...}`);
//! each output line is that line's result in the same order: a diagnosis, a
//! `needs_input` report or an error object. A bad line gives an error for
//! that line and the run goes on. Lines are read and written one at a time,
//! so memory stays flat for any input size.
//!
//! `--brief` writes, instead of the full report, the ids a queue routes on
//! (carrier, causes, conclusions, the next question): a full report is about
//! 15 KB of text per case, a brief line about 100 bytes, which is what lets a
//! queue of hundreds of thousands of cases go through in about a second.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use jiff::civil::Date;
use serde::Serialize;

use crate::answers::Answers;
use crate::engine::{self, End, Outcome};
use crate::error::{Error, ErrorReport};
use crate::lang::{Lang, tr};
use crate::report::{self, Report};

use crate::tree::Tree;

/// One output line: what a single run with `--format json` would print.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BatchLine {
    Report(Box<Report>),
    Error(ErrorReport),
}

/// One `batch --brief` output line.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BriefLine<'a> {
    Brief(Brief<'a>),
    Error(ErrorReport),
}

/// A diagnosis by ids only. The texts for the ids are in the full report,
/// the same for every case that reaches them.
#[derive(Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Brief<'a> {
    pub schema_version: u32,
    /// `diagnosed` or `needs_input`.
    pub status: &'static str,
    /// The carrier id, once known.
    pub carrier: Option<&'a str>,
    /// The causes found, in the order found.
    pub causes: Vec<&'a str>,
    /// Every conclusion reached, including one that could not name a cause.
    pub conclusions: Vec<&'a str>,
    /// The id of the next question, when `status` is `needs_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<&'a str>,
}

impl<'a> Brief<'a> {
    pub fn of(tree: &'a Tree, outcome: &Outcome) -> Brief<'a> {
        let conclusions: Vec<_> = outcome
            .conclusions
            .iter()
            .map(|&c| &tree.conclusions[c])
            .collect();
        let mut causes: Vec<&str> = Vec::new();
        for cause in conclusions.iter().filter_map(|c| c.cause) {
            let id = tree.causes[cause].id.as_str();
            if !causes.contains(&id) {
                causes.push(id);
            }
        }
        let question = match outcome.end {
            End::NeedsInput(q) | End::Interrupted(q) => Some(tree.questions[q].id.as_str()),
            End::Diagnosed => None,
        };
        Brief {
            schema_version: report::SCHEMA_VERSION,
            status: if question.is_some() {
                "needs_input"
            } else {
                "diagnosed"
            },
            carrier: outcome.carrier.map(|c| tree.carriers[c].id.as_str()),
            causes,
            conclusions: conclusions.iter().map(|c| c.id.as_str()).collect(),
            question,
        }
    }
}

/// What each output line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// What a single run with `--format json` prints.
    Full,
    /// [`Brief`].
    Brief,
}

/// How many lines ended which way.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub lines: usize,
    pub diagnosed: usize,
    pub needs_input: usize,
    pub errors: usize,
}

pub fn run(
    tree: &Tree,
    mut input: impl BufRead,
    shape: Shape,
    lang: Lang,
    today: Date,
    out: &mut impl Write,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    // One buffer for every line: a queue may hold millions.
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        summary.lines += 1;
        // A line that is not UTF-8 is that line's error; the run goes on.
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Error::Usage(tr("这一行不是 UTF-8 文本", "the line is not UTF-8 text")));
        let walked = text.and_then(|text| walk(tree, text)).map_err(|error| {
            summary.errors += 1;
            let number = summary.lines;
            ErrorReport::of(
                &anyhow::Error::new(error)
                    .context(tr(format!("第 {number} 行"), format!("line {number}"))),
            )
        });
        if let Ok((_, outcome)) = &walked {
            match outcome.end {
                End::Diagnosed => summary.diagnosed += 1,
                _ => summary.needs_input += 1,
            }
        }
        match (shape, walked) {
            (Shape::Full, Ok((answers, outcome))) => {
                let report = report::report(tree, &outcome, &answers, lang, today);
                serde_json::to_writer(&mut *out, &BatchLine::Report(Box::new(report)))?;
            }
            (Shape::Brief, Ok((_, outcome))) => {
                serde_json::to_writer(&mut *out, &BriefLine::Brief(Brief::of(tree, &outcome)))?;
            }
            (Shape::Full, Err(error)) => {
                serde_json::to_writer(&mut *out, &BatchLine::Error(error))?;
            }
            (Shape::Brief, Err(error)) => {
                serde_json::to_writer(&mut *out, &BriefLine::Error(error))?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(summary)
}

/// One line's answers and the walk they take.
fn walk(tree: &Tree, line: &str) -> Result<(Answers, Outcome), Error> {
    let given: BTreeMap<String, serde_json::Value> = serde_json::from_str(line).map_err(|e| {
        Error::Usage(tr(
            format!("不是由回答组成的 JSON 对象：{e}"),
            format!("not a JSON object of answers: {e}"),
        ))
    })?;
    let pairs = given
        .into_iter()
        .map(|(id, value)| match value {
            serde_json::Value::String(s) => Ok((id, s)),
            other => Err(Error::Usage(tr(
                format!("`{id}` 的回答必须是字符串，而不是 {other}"),
                format!("the answer to `{id}` must be a string, not {other}"),
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let answers = Answers::from_layers(tree, &[pairs])?;
    let outcome = engine::walk(tree, &mut answers.clone());
    debug_assert!(!matches!(outcome.end, End::Interrupted(_)));
    Ok((answers, outcome))
}
