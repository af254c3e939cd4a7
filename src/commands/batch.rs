//! `unsub-doctor batch [FILE]`: JSON Lines in, JSON Lines out. Each input
//! line is one object of answers (`{"carrier": "mobile", "symptom": ...}`;
//! a multiple-choice answer as `"app+hotline"` or `["app", "hotline"]`);
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
use std::io::{self, BufRead, Write};

use anyhow::Context as _;
use jiff::civil::Date;

use crate::answers::Answers;
use crate::cli::BatchArgs;
use crate::config::Config;
use crate::engine::{self, End, Outcome};
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::report;
use crate::report::batch::{BatchLine, Brief, BriefLine};
use crate::report::error::ErrorReport;
use crate::tree::{JOIN, NONE, Tree};

/// Reads the lines from FILE or stdin, writes a result per line, and ends
/// with a one-line summary on stderr.
pub fn run(config: &Config, args: &BatchArgs, out: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let shape = if args.brief {
        Shape::Brief
    } else {
        Shape::Full
    };
    let (lang, today) = (config.lang, config.today);
    let summary = match &args.file {
        Some(path) => {
            let input = std::fs::File::open(path).with_context(|| {
                lang.tr(
                    format!("无法读取 `{}`", path.display()),
                    format!("cannot read `{}`", path.display()),
                )
            })?;
            diagnose_lines(tree, io::BufReader::new(input), shape, lang, today, out)?
        }
        None => diagnose_lines(tree, io::stdin().lock(), shape, lang, today, out)?,
    };
    let Summary {
        lines,
        diagnosed,
        needs_input,
        errors,
    } = summary;
    let line = lang.tr(
        format!(
            "批量：{lines} 行：{diagnosed} 个已诊断，{needs_input} 个还需要回答，{errors} 个错误"
        ),
        format!(
            "batch: {lines} lines: {diagnosed} diagnosed, {needs_input} need more answers, {errors} errors"
        ),
    );
    let _ = writeln!(io::stderr(), "{line}");
    Ok(Exit::Ok)
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

/// Diagnoses each line of `input` and writes its result line.
pub fn diagnose_lines(
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
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Error::Usage(lang.tr("这一行不是 UTF-8 文本", "the line is not UTF-8 text"))
        });
        let walked = text
            .and_then(|text| walk(tree, text, lang, today))
            .map_err(|error| {
                summary.errors += 1;
                let number = summary.lines;
                ErrorReport::of(
                    &anyhow::Error::new(error)
                        .context(lang.tr(format!("第 {number} 行"), format!("line {number}"))),
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
                crate::write::json_compact(&BatchLine::Report(Box::new(report)), &mut *out)?;
            }
            (Shape::Brief, Ok((_, outcome))) => {
                crate::write::json_compact(
                    &BriefLine::Brief(Brief::of(tree, &outcome)),
                    &mut *out,
                )?;
            }
            (Shape::Full, Err(error)) => {
                crate::write::json_compact(&BatchLine::Error(error), &mut *out)?;
            }
            (Shape::Brief, Err(error)) => {
                crate::write::json_compact(&BriefLine::Error(error), &mut *out)?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(summary)
}

/// One line's answers and the walk they take.
fn walk(tree: &Tree, line: &str, lang: Lang, today: Date) -> Result<(Answers, Outcome), Error> {
    let given: BTreeMap<String, serde_json::Value> = serde_json::from_str(line).map_err(|e| {
        Error::Usage(lang.tr(
            format!("不是由回答组成的 JSON 对象：{e}"),
            format!("not a JSON object of answers: {e}"),
        ))
    })?;
    let pairs = given
        .into_iter()
        .map(|(id, value)| {
            let not_text = |other: &serde_json::Value| {
                Error::Usage(lang.tr(
                    format!("`{id}` 的回答必须是字符串（多选题也可以是字符串数组），而不是 {other}"),
                    format!(
                        "the answer to `{id}` must be a string (or, for a multiple-choice question, an array of strings), not {other}"
                    ),
                ))
            };
            match &value {
                serde_json::Value::String(s) => Ok((id, s.clone())),
                // A set as an array: ["app", "hotline"] is `app+hotline`, [] is `none`.
                serde_json::Value::Array(items) => {
                    let values = items
                        .iter()
                        .map(|item| item.as_str().ok_or_else(|| not_text(item)))
                        .collect::<Result<Vec<_>, _>>()?;
                    let set = if values.is_empty() {
                        NONE.to_owned()
                    } else {
                        values.join(&JOIN.to_string())
                    };
                    Ok((id, set))
                }
                other => Err(not_text(other)),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let answers = Answers::from_layers(tree, &[pairs], lang)?;
    answers.check_dates(tree, today, lang)?;
    let outcome = engine::walk(tree, &mut answers.clone());
    debug_assert!(!matches!(outcome.end, End::Interrupted(_)));
    Ok((answers, outcome))
}
