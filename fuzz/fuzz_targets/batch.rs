//! `batch` input on the built-in rules, through `commands::batch::diagnose_lines`
//! as the command runs it: any mix of lines (JSON objects of answers, a key
//! given twice, `key=value` lines, raw bytes, lines past the 1 MiB limit),
//! read through a buffer of any size with interrupted reads. Every line gives
//! exactly one JSON result line, the summary counts them, and a line whose
//! answers are all valid is never an error.
#![no_main]

use std::io::{self, BufRead, Read};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use unsub_doctor::builtin;
use unsub_doctor::commands::batch::{self, MAX_LINE_BYTES, Shape};
use unsub_doctor::lang::Lang;
use unsub_doctor::tree::Tree;

#[derive(Debug, Arbitrary)]
struct Input {
    brief: bool,
    english: bool,
    /// The reader's buffer size: lines cross buffer ends anywhere.
    capacity: u16,
    /// Reads fail with `Interrupted` once every this many and one (0: never):
    /// never twice in a row, as a signal interrupts a read that is retried.
    interrupt_every: u8,
    lines: Vec<Line>,
}

#[derive(Debug, Arbitrary)]
enum Line {
    /// Bytes as they are, newlines and `\r` included.
    Raw(Vec<u8>),
    /// A JSON object of answers, each id once.
    Json(Vec<Pick>),
    /// A JSON object of answers with the first id given again.
    Twice(Vec<Pick>),
    /// `id=value,...`, as `--answers` takes them: not a batch line.
    KeyValue(Vec<Pick>),
    /// A line of `fill` past the limit by `over` bytes (0: exactly at it).
    Long { fill: u8, over: u16 },
}

/// An answer: a question or detail of the built-in rules and a value for it.
#[derive(Debug, Arbitrary)]
struct Pick {
    id: u8,
    value: u8,
    spelling: Spelling,
}

#[derive(Debug, Arbitrary)]
enum Spelling {
    /// The choice's value (or, for a `multiple` question, a set: a bit per choice).
    Value,
    /// An alias, when the choice has one.
    Alias,
    /// A set as a JSON array; for a single question, its value.
    Array,
    /// Any text: an answer that may be wrong.
    Text(String),
}

/// What the result of one line must be.
#[derive(Debug, PartialEq)]
enum Expect {
    Any,
    /// Valid answers: a diagnosis or a report of the next question.
    NotError,
    /// An error whose message holds this.
    Error(&'static str),
}

/// The bytes of a line and what its result must be. Lines of answers hold
/// no newline, so each is one line of input.
fn render(tree: &Tree, line: &Line) -> (Segment, Vec<Expect>) {
    match line {
        Line::Raw(bytes) => {
            let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
            let expect = (0..lines).map(|_| Expect::Any).collect();
            (Segment::Bytes(bytes.clone()), expect)
        }
        Line::Json(picks) | Line::Twice(picks) => {
            let (pairs, valid) = answers(tree, picks);
            let mut fields: Vec<String> = pairs
                .iter()
                .map(|(id, value)| format!("{}:{value}", json_string(id)))
                .collect();
            let expect = match (line, pairs.first()) {
                (Line::Twice(_), Some((id, value))) => {
                    fields.push(format!("{}:{value}", json_string(id)));
                    Expect::Error("twice")
                }
                _ if valid => Expect::NotError,
                _ => Expect::Any,
            };
            let text = format!("{{{}}}", fields.join(","));
            (Segment::Bytes(text.into_bytes()), vec![expect])
        }
        Line::KeyValue(picks) => {
            let (pairs, _) = answers(tree, picks);
            let text: Vec<String> = pairs
                .iter()
                .map(|(id, value)| format!("{id}={}", value.trim_matches('"')))
                .collect();
            let text = text.join(",");
            // Only a line that is not JSON at all is sure to be refused as such.
            let expect = if text.starts_with(['{', '[', '"']) || text.trim().is_empty() {
                Expect::Any
            } else {
                Expect::Error("JSON")
            };
            (Segment::Bytes(text.into_bytes()), vec![expect])
        }
        Line::Long { fill, over } => {
            let fill = if *fill == b'\n' { b'x' } else { *fill };
            let len = MAX_LINE_BYTES + usize::from(*over);
            let expect = if *over == 0 || (*over == 1 && fill == b'\r') {
                Expect::Any
            } else {
                Expect::Error("1 MiB")
            };
            (Segment::Repeat(fill, len), vec![expect])
        }
    }
}

/// The picks as (id, JSON value), each id once, and whether every value is
/// sure to be accepted.
fn answers(tree: &Tree, picks: &[Pick]) -> (Vec<(String, String)>, bool) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut valid = true;
    let ids = tree.questions.len() + tree.details.len();
    for pick in picks {
        let i = usize::from(pick.id) % ids;
        let (id, value, sure) = if i < tree.questions.len() {
            question_answer(tree, i, pick)
        } else {
            detail_answer(tree, i - tree.questions.len(), pick)
        };
        if pairs.iter().any(|(seen, _)| *seen == id) {
            continue;
        }
        valid &= sure;
        pairs.push((id, value));
    }
    (pairs, valid)
}

fn question_answer(tree: &Tree, q: usize, pick: &Pick) -> (String, String, bool) {
    let question = &tree.questions[q];
    let id = question.id.clone();
    let choice = &question.choices[usize::from(pick.value) % question.choices.len()];
    let alias = choice.aliases.first().unwrap_or(&choice.value);
    let set = || -> Vec<&str> {
        question
            .choices
            .iter()
            .enumerate()
            .filter(|(i, _)| pick.value & (1 << (i % 8)) != 0)
            .map(|(_, c)| c.value.as_str())
            .collect()
    };
    match (&pick.spelling, question.multiple) {
        (Spelling::Value, false) => (id, json_string(&choice.value), true),
        (Spelling::Alias, false) => (id, json_string(alias), true),
        (Spelling::Array, false) => (id, json_string(&choice.value), true),
        (Spelling::Value, true) => {
            let set = set();
            let text = if set.is_empty() {
                "none".to_owned()
            } else {
                set.join("+")
            };
            (id, json_string(&text), true)
        }
        (Spelling::Alias, true) => (id, json_string(alias), true),
        (Spelling::Array, true) => {
            let items: Vec<String> = set().iter().map(|v| json_string(v)).collect();
            (id, format!("[{}]", items.join(",")), true)
        }
        (Spelling::Text(text), _) => (id, json_string(text), false),
    }
}

fn detail_answer(tree: &Tree, d: usize, pick: &Pick) -> (String, String, bool) {
    use unsub_doctor::rules::DetailKind;
    let detail = &tree.details[d];
    let id = detail.id.clone();
    match (&pick.spelling, detail.kind) {
        (Spelling::Text(text), _) => (id, json_string(text), false),
        (_, DetailKind::Date) => {
            // Days up to 2026-11-25 (the run's today), as people write them.
            let day = 1 + pick.value % 25;
            let text = match pick.spelling {
                Spelling::Value => format!("2026-11-{day:02}"),
                Spelling::Alias => format!("2026年11月{day}日"),
                _ => format!("2025/{}/{day}", 1 + pick.value % 12),
            };
            (id, json_string(&text), true)
        }
        (_, DetailKind::Text) => (id, json_string(&format!("YD{}", pick.value)), true),
        (_, DetailKind::Choice) => {
            let choice = &detail.choices[usize::from(pick.value) % detail.choices.len()];
            (id, json_string(&choice.value), true)
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A part of the input: bytes, or one byte many times over (a line past the
/// limit, made as it is read rather than held).
enum Segment {
    Bytes(Vec<u8>),
    Repeat(u8, usize),
}

/// The segments one after the other, each followed by a newline but the
/// last, failing one read in `interrupt_every + 1` with `Interrupted`.
struct Source {
    parts: std::vec::IntoIter<Box<dyn Read>>,
    current: Option<Box<dyn Read>>,
    reads: usize,
    interrupt_every: usize,
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reads += 1;
        if self.interrupt_every > 0 && self.reads % (self.interrupt_every + 1) == 0 {
            return Err(io::ErrorKind::Interrupted.into());
        }
        loop {
            let Some(part) = &mut self.current else {
                return Ok(0);
            };
            let n = part.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            self.current = self.parts.next();
        }
    }
}

fn source(segments: Vec<Segment>, interrupt_every: usize) -> Source {
    let count = segments.len();
    let mut parts: Vec<Box<dyn Read>> = Vec::new();
    for (i, segment) in segments.into_iter().enumerate() {
        let end: &[u8] = if i + 1 < count { b"\n" } else { b"" };
        match segment {
            Segment::Bytes(bytes) => parts.push(Box::new(io::Cursor::new(bytes).chain(end))),
            Segment::Repeat(byte, len) => {
                parts.push(Box::new(io::repeat(byte).take(len as u64).chain(end)))
            }
        }
    }
    let mut parts = parts.into_iter();
    let current = parts.next();
    Source {
        parts,
        current,
        reads: 0,
        interrupt_every,
    }
}

fuzz_target!(|input: Input| {
    let lang = if input.english { Lang::En } else { Lang::Zh };
    let Ok(tree) = builtin::tree_in(lang) else {
        return;
    };
    let today = jiff::civil::date(2026, 11, 25);
    let mut segments = Vec::new();
    let mut expected = Vec::new();
    let mut long = 0;
    for line in input.lines.iter().take(64) {
        // Two lines past the limit say all there is; more only cost time.
        if matches!(line, Line::Long { .. }) {
            long += 1;
            if long > 2 {
                continue;
            }
        }
        let (segment, expect) = render(tree, line);
        segments.push(segment);
        expected.extend(expect);
    }
    // The last segment has no newline after it: empty or ending in one, it
    // adds no line of its own after its last newline.
    if matches!(segments.last(), Some(Segment::Bytes(b)) if b.is_empty() || b.ends_with(b"\n")) {
        expected.pop();
    }
    let shape = if input.brief {
        Shape::Brief
    } else {
        Shape::Full
    };
    let capacity = usize::from(input.capacity).max(1);
    let reader = io::BufReader::with_capacity(
        capacity,
        source(segments, usize::from(input.interrupt_every)),
    );
    let mut out = Vec::new();
    let summary = read_all(tree, reader, shape, lang, today, &mut out);
    let results: Vec<serde_json::Value> = out
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).expect("each result line is JSON"))
        .collect();
    assert_eq!(summary.lines, results.len());
    assert_eq!(results.len(), expected.len(), "one result per line");
    assert_eq!(
        summary.lines,
        summary.diagnosed + summary.needs_input + summary.errors
    );
    for (i, (result, expect)) in results.iter().zip(&expected).enumerate() {
        let status = result["status"]
            .as_str()
            .expect("every result has a status");
        let message = result["error"]["message"].as_str().unwrap_or("");
        match expect {
            Expect::Any => {}
            Expect::NotError => assert_ne!(status, "error", "line {}: {result}", i + 1),
            Expect::Error(what) => {
                assert_eq!(status, "error", "line {}: {result}", i + 1);
                let english = match *what {
                    "twice" => ["twice", "两次"],
                    "JSON" => ["JSON", "JSON"],
                    _ => ["1 MiB", "1 MiB"],
                };
                assert!(
                    english.iter().any(|w| message.contains(w)),
                    "line {}: {message}",
                    i + 1
                );
            }
        }
    }
});

fn read_all(
    tree: &Tree,
    reader: impl BufRead,
    shape: Shape,
    lang: Lang,
    today: jiff::civil::Date,
    out: &mut Vec<u8>,
) -> batch::Summary {
    batch::diagnose_lines(tree, reader, shape, lang, today, out)
        .expect("reading from memory and writing to memory cannot fail")
}
