//! `unsub-doctor batch [FILE]`: JSON Lines in, JSON Lines out. Each input
//! line is one object of answers (`{"carrier": "mobile", "symptom": ...}`;
//! a multiple-choice answer as `"app+hotline"` or `["app", "hotline"]`);
//! each output line is that line's result in the same order: a diagnosis, a
//! `needs_input` report or an error object. A bad line gives an error for
//! that line and the run goes on. Lines are read and written one at a time,
//! and a line is at most [`MAX_LINE_BYTES`] long (a longer one is that
//! line's error, and its rest is skipped unread into memory), so memory stays
//! flat for any input, even one with no line end at all (`/dev/zero`).
//! A key given twice on a line is that line's error, as an id answered
//! twice is in `--answers`: JSON tools disagree on which of the two wins.
//!
//! `--brief` writes, instead of the full report, the ids a queue routes on
//! (carrier, causes, conclusions, the next question): a full report is about
//! 15 KB of text per case, a brief line about 100 bytes, which is what lets a
//! queue of hundreds of thousands of cases go through in about a second.

use std::io::{self, BufRead, Write};

use anyhow::Context as _;
use jiff::civil::Date;

use crate::answers::Answers;
use crate::cli::BatchArgs;
use crate::commands::output::Stdout;
use crate::config::Config;
use crate::engine::{self, End, Outcome};
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::report;
use crate::report::batch::{BatchLine, Brief, BriefLine};
use crate::report::error::ErrorReport;
use crate::tree::{JOIN, NONE, Tree};

/// The longest input line, not counting its line end: 1 MiB. A line of
/// answers is a few hundred bytes; this leaves room for long case details.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Reads the lines from FILE or stdin, writes a result per line, and ends
/// with a one-line summary on stderr. When the reader of the results goes
/// away, reading stops at once, quietly: no summary.
pub fn run(config: &Config, args: &BatchArgs, stdout: &mut Stdout) -> anyhow::Result<Exit> {
    let mut out = stdout.until_closed();
    match diagnose_input(config, args, &mut out) {
        Err(e) if out.closed() && super::is_broken_pipe(&e) => Ok(Exit::Ok),
        other => other,
    }
}

fn diagnose_input(config: &Config, args: &BatchArgs, out: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let shape = if args.brief {
        Shape::Brief
    } else {
        Shape::Full
    };
    let (lang, today) = (config.lang, config.today);
    let summary = match &args.file {
        Some(path) => {
            let cannot_read = || {
                lang.tr(
                    format!("无法读取 `{}`", path.display()),
                    format!("cannot read `{}`", path.display()),
                )
            };
            let input = std::fs::File::open(path).with_context(cannot_read)?;
            // A directory opens, then fails at the first read with no name:
            // say which path it was.
            if input.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(
                    anyhow::anyhow!(lang.tr("它是一个目录", "it is a directory"))
                        .context(cannot_read()),
                );
            }
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
        let read = read_line(&mut input, &mut line)?;
        if read == Read::End {
            break;
        }
        let mut bytes = line.strip_suffix(b"\r").unwrap_or(&line);
        if summary.lines == 0 {
            // A file saved with a byte-order mark starts with one.
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        summary.lines += 1;
        // A line that is not UTF-8, or too long, is that line's error; the run goes on.
        let text = match read {
            Read::Line => std::str::from_utf8(bytes).map_err(|_| {
                Error::Usage(lang.tr("这一行不是 UTF-8 文本", "the line is not UTF-8 text"))
            }),
            _ => Err(too_long(lang)),
        };
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
        if read == Read::TooLongToSkip {
            // The error is out before the rest of the line, which may never end.
            out.flush()?;
            skip_line(&mut input)?;
        }
    }
    Ok(summary)
}

/// How [`read_line`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// No more input.
    End,
    /// A line, without its `\n`.
    Line,
    /// A line longer than the limit, read to its end and dropped.
    TooLong,
    /// A line longer than the limit whose rest is still to be skipped.
    TooLongToSkip,
}

/// Reads the next line into `line`, keeping at most [`MAX_LINE_BYTES`] of it
/// in memory.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<Read> {
    line.clear();
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if any { Read::Line } else { Read::End });
        }
        any = true;
        let (part, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i, Some(i + 1)),
            None => (buf.len(), None),
        };
        let fits = line.len() + part <= MAX_LINE_BYTES;
        if fits {
            line.extend_from_slice(&buf[..part]);
        }
        input.consume(end.unwrap_or(part));
        match (fits, end) {
            (true, Some(_)) => return Ok(Read::Line),
            (true, None) => {}
            (false, Some(_)) => return Ok(Read::TooLong),
            (false, None) => return Ok(Read::TooLongToSkip),
        }
    }
}

/// Skips input to the end of the line, a buffer at a time.
fn skip_line(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

fn too_long(lang: Lang) -> Error {
    let max = MAX_LINE_BYTES;
    Error::Usage(lang.tr(
        format!("这一行超过 1 MiB（{max} 字节），没有读取"),
        format!("the line is longer than 1 MiB ({max} bytes) and was not read"),
    ))
}

/// A line's keys and values in the order written, keeping a key given twice
/// (a map type would keep one of the two silently).
struct Pairs(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Pairs, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Pairs, M::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Pairs(pairs))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// One line's answers and the walk they take.
fn walk(tree: &Tree, line: &str, lang: Lang, today: Date) -> Result<(Answers, Outcome), Error> {
    let Pairs(mut given) = serde_json::from_str(line).map_err(|e| {
        Error::Usage(lang.tr(
            format!("不是由回答组成的 JSON 对象：{e}"),
            format!("not a JSON object of answers: {e}"),
        ))
    })?;
    // In key order, as answers have always been taken from a line.
    given.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(pair) = given.windows(2).find(|w| w[0].0 == w[1].0) {
        let id = &pair[0].0;
        return Err(Error::Usage(lang.tr(
            format!("`{id}` 在这一行出现了两次"),
            format!("`{id}` is given twice on the line"),
        )));
    }
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
