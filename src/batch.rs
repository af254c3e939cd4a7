//! `unsub-doctor batch [FILE]`: JSON Lines in, JSON Lines out. Each input
//! line is one object of answers (`{"carrier": "mobile", "symptom": ...}`);
//! each output line is that line's result in the same order: a diagnosis, a
//! `needs_input` report or an error object. A bad line gives an error for
//! that line and the run goes on. Lines are read and written one at a time,
//! so memory stays flat for any input size.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use jiff::civil::Date;
use serde::Serialize;

use crate::answers::Answers;
use crate::engine::{self, End};
use crate::error::{Error, ErrorReport};
use crate::lang::{Lang, tr};
use crate::render::{self, Report};
use crate::tree::Tree;

/// One output line: what a single run with `--format json` would print.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BatchLine {
    Report(Box<Report>),
    Error(ErrorReport),
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
    input: impl BufRead,
    lang: Lang,
    today: Date,
    out: &mut impl Write,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    for line in input.lines() {
        let line = line?;
        summary.lines += 1;
        let result = match one(tree, &line, lang, today) {
            Ok(report) => {
                match report.status {
                    "diagnosed" => summary.diagnosed += 1,
                    _ => summary.needs_input += 1,
                }
                BatchLine::Report(Box::new(report))
            }
            Err(error) => {
                summary.errors += 1;
                let line = summary.lines;
                let error = anyhow::Error::new(error)
                    .context(tr(format!("第 {line} 行"), format!("line {line}")));
                BatchLine::Error(ErrorReport::of(&error))
            }
        };
        serde_json::to_writer(&mut *out, &result)?;
        out.write_all(b"\n")?;
    }
    Ok(summary)
}

fn one(tree: &Tree, line: &str, lang: Lang, today: Date) -> Result<Report, Error> {
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
    Ok(render::report(tree, &outcome, &answers, lang, today))
}
