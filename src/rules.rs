//! The rule files as they are written: the serde model of one TOML file, and
//! loading the rule set from the built-in files and `--rules DIR` overrides.
//!
//! Everything here mirrors the file format and nothing more; ids are plain
//! strings. Resolving ids and checking that the files make a sound decision
//! tree is the job of `tree/`. Every struct denies unknown keys, so a typo in
//! a key is an error with line and column rather than a silently ignored line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::Context as _;

use crate::lang::Lang;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `(name, text)` of each built-in rule file, in this order.
macro_rules! builtin_files {
    ($($name:literal)*) => {
        &[$(($name, include_str!(concat!("../rules/", $name)))),*]
    };
}

/// The rule files compiled into the binary, by file name.
///
/// A test checks that this list and the files in `rules/` agree, so a new
/// file cannot be forgotten here.
pub const BUILTIN: &[(&str, &str)] = builtin_files![
    "triage.toml" "mobile.toml" "unicom.toml" "telecom.toml" "contract_lock.toml"
    "bundling.toml" "pending.toml" "wrong_code.toml" "account_status.toml" "promo_package.toml"
    "unconsented_order.toml" "refused_no_basis.toml" "secondary_card.toml" "auto_topup.toml"
    "price_mismatch.toml" "regulations.toml" "escalation.toml" "calendar.toml" "possible.toml"
];

/// A text shown to users, in both languages the tool speaks.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    /// This text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How sure the project is of a fact. Only `high` and `medium` facts may be
/// given to users as instructions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        })
    }
}

/// One rule file. Every section is optional, so a file holds whatever part of
/// the tree its name says it holds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The node the walk starts at; exactly one file of the set names it.
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub carrier: Vec<CarrierDef>,
    #[serde(default)]
    pub cause: Vec<CauseDef>,
    #[serde(default)]
    pub fact: Vec<FactDef>,
    #[serde(default)]
    pub question: Vec<QuestionDef>,
    #[serde(default)]
    pub conclusion: Vec<ConclusionDef>,
    /// The rungs of the escalation ladder, in order.
    #[serde(default)]
    pub rung: Vec<RungDef>,
    /// The escalation ladder appended to every diagnosis: steps, each on a rung.
    #[serde(default)]
    pub escalation: Vec<StepDef>,
    /// Case details asked after the diagnosis (dates, ticket numbers) for the
    /// timeline and the drafts; every one may be left out.
    #[serde(default)]
    pub detail: Vec<DetailDef>,
    /// What to ask for on any hotline call (cancel now, the ticket number...).
    #[serde(default)]
    pub hotline_ask: Vec<ItemDef>,
    /// What to note down during any hotline call.
    #[serde(default)]
    pub hotline_note: Vec<ItemDef>,
    /// Evidence worth keeping whatever the cause.
    #[serde(default)]
    pub evidence: Vec<ItemDef>,
    /// Scenarios: answers and the diagnosis they must give.
    #[serde(default)]
    pub case: Vec<CaseDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierDef {
    pub id: Spanned<String>,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseDef {
    pub id: Spanned<String>,
    pub title: Text,
}

/// A fact a user may act on: a number, an SMS command, an app path, a rule.
/// With `carrier` and `channel` set it is one of that carrier's channels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub id: Spanned<String>,
    pub carrier: Option<Spanned<String>>,
    pub channel: Option<String>,
    pub value: String,
    pub label: Text,
    pub note: Option<Text>,
    /// A time limit the fact sets, as an ISO 8601 duration (`P15D`, `P5M`,
    /// `P2Y`), for the timeline's date arithmetic.
    pub period: Option<Spanned<String>>,
    /// A plain number the fact sets (an age, a count of working days), for
    /// texts to state as `{id.number}` instead of copying it.
    pub number: Option<u32>,
    /// A year's statutory holidays and make-up working days, for counting
    /// periods whose last day may move (Civil Code art. 203).
    pub calendar: Option<CalendarDef>,
    /// Title of the source document or page, with its date where known:
    /// what a user could look up, shown with every diagnosis that cites it.
    pub source: String,
    /// For rule authors: where the source's text was found (mirrors, public
    /// code), quotations and caveats about the evidence. Kept out of the text
    /// a user reads, so the source line stays a title they can look up.
    pub author_note: Option<String>,
    pub url: Option<String>,
    pub confidence: Confidence,
    /// When a rule author last checked the fact against its source (a TOML date).
    pub verified: Spanned<Datetime>,
}

/// One year's holiday arrangement as the State Council publishes it: the
/// rest days (`2026-10-01..2026-10-07` or one date) and the weekend days
/// that are working days instead (调休上班).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    pub year: Spanned<i64>,
    pub rest: Vec<Spanned<String>>,
    #[serde(default)]
    pub work: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub id: Spanned<String>,
    pub text: Text,
    /// How to find out the answer, shown with the question.
    pub help: Option<Text>,
    #[serde(default)]
    pub choices: Vec<ChoiceDef>,
    /// Several choices may be taken at once (the answer is a set, maybe
    /// empty); every answer goes on to the question's own `next`.
    #[serde(default)]
    pub multiple: bool,
    /// Only with `multiple`: a script that does not answer it gets the empty
    /// set instead of being asked (the terminal still asks). For questions
    /// about what the user has already done, whose answer refines the advice.
    #[serde(default)]
    pub optional: bool,
    /// The node every answer of a `multiple` question leads to; none ends
    /// the walk (allowed only after a conclusion). Single questions put
    /// `next` on each choice instead.
    pub next: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub value: Spanned<String>,
    pub label: Text,
    /// Other spellings accepted in `--answers` (e.g. `cmcc`, `移动`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The node this answer leads to; none ends the walk (allowed only after a conclusion).
    pub next: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConclusionDef {
    pub id: Spanned<String>,
    /// The failure cause this conclusion finds; none when the cause cannot be told.
    pub cause: Option<Spanned<String>>,
    /// Required when there is no cause; otherwise the cause's title is used.
    pub title: Option<Text>,
    pub explanation: Text,
    /// How the user can confirm this is the cause: where to look, what to ask.
    #[serde(default)]
    pub confirm: Vec<Text>,
    /// Words the user can read aloud on the hotline, ending with asking for the ticket number.
    pub script: Option<Text>,
    #[serde(default, rename = "step")]
    pub steps: Vec<StepDef>,
    #[serde(default)]
    pub evidence: Vec<ItemDef>,
    /// How to avoid this next time.
    #[serde(default)]
    pub prevention: Vec<Text>,
    /// Facts the conclusion's texts rely on beyond placeholders (a cited rule).
    #[serde(default)]
    pub facts: Vec<String>,
    /// Keep asking after this conclusion: a path may find more than one cause.
    pub next: Option<Spanned<String>>,
    /// The answers make `cause` possible, not certain (the user was not sure):
    /// the diagnosis lists it with how to check it (`confirm`) and what to do
    /// if it applies (the steps), and the walk goes on with `next`.
    #[serde(default)]
    pub possible: bool,
}

/// One thing to do. `{name}` in the text is replaced by a fact's value: a
/// fact id, or a channel kind (`{hotline}`) meaning the user's carrier's channel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub text: Text,
    /// The channel kind the step is done through, resolved per carrier.
    pub channel: Option<String>,
    /// Limit the step to these carriers; all carriers when absent.
    pub carriers: Option<Vec<String>>,
    /// The escalation rung the step belongs to (escalation steps only).
    pub rung: Option<String>,
    /// Facts the step relies on beyond its channel and placeholders.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Shown only when every id listed has one of its values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// Hidden when any id listed has one of its values.
    #[serde(default)]
    pub unless: ConditionDef,
}

/// Answers a step, a list item or a detail depends on: a question or
/// choice detail id, to the values that match. Keys and values keep their
/// place in the file, so a name that resolves to nothing is pointed at.
pub type ConditionDef = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

/// An item of a list (`evidence`, `hotline_ask`, `hotline_note`): a text,
/// written `{ zh, en }` as before, with an optional condition beside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub zh: String,
    pub en: String,
    /// Shown only when every id listed has one of its values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// Hidden when any id listed has one of its values.
    #[serde(default)]
    pub unless: ConditionDef,
}

/// One rung of the escalation ladder: ask a manager, complain, appeal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RungDef {
    pub id: Spanned<String>,
    pub title: Text,
}

/// What kind of answer a detail takes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DetailKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Free text, such as a ticket number.
    Text,
    /// One of `choices`.
    Choice,
}

/// Where a detail is asked at the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AskIn {
    /// After the diagnosis.
    Diagnose,
    /// Before writing a complaint or appeal draft.
    Draft,
    /// In `followup`.
    Followup,
}

/// A case detail: asked after the diagnosis, never required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailDef {
    pub id: Spanned<String>,
    pub kind: DetailKind,
    pub text: Text,
    pub help: Option<Text>,
    /// For `choice` details; `next` is not used.
    #[serde(default)]
    pub choices: Vec<ChoiceDef>,
    /// Asked at the terminal only when these details have one of these values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// The commands that ask it at the terminal; scripts may give it anywhere.
    pub ask_in: Vec<AskIn>,
}

/// A scenario: the answers a user gives and what the diagnosis must contain.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDef {
    pub name: Spanned<String>,
    /// Question id to value (or alias; for a `multiple` question, values
    /// joined by `+`, or `none`); must lead to a diagnosis.
    pub answers: BTreeMap<String, String>,
    /// The cause ids found, in order.
    pub causes: Vec<String>,
    /// The conclusion ids reached, in order; unchecked when absent.
    pub conclusions: Option<Vec<String>>,
    /// The cause ids named as possible, in order; unchecked when absent.
    pub possible_causes: Option<Vec<String>>,
    /// Fact ids that must be among the diagnosis's sources.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// The most one rule file may hold. toml's parser takes time and memory
/// faster than linearly on very large files; a pack spreads its rules over
/// files (per province, per product) well under this.
pub const MAX_FILE_BYTES: usize = 8 << 20;

/// The most all rule files of a run may hold together.
pub const MAX_PACK_BYTES: usize = 64 << 20;

/// A rule file's name and text, before parsing.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// Where the file came from, for messages: `built-in` or a path.
    pub origin: String,
    pub text: String,
    /// 0 for the built-in rules, then 1, 2... for each `--rules` directory.
    pub layer: usize,
    /// Why the file could not be taken as rules, found while reading it (too
    /// large, not UTF-8); the checker reports it like any other problem.
    pub defect: Option<Defect>,
}

/// A file that was read but cannot be parsed as rules.
#[derive(Debug, Clone)]
pub struct Defect {
    /// The problem code: `too-large`, `pack-too-large` or `not-utf8`.
    pub code: &'static str,
    pub message: String,
    /// Where in the file, as a byte offset, when there is a place to point at.
    pub offset: Option<usize>,
}

impl Source {
    /// `rules/x.toml` for built-in files, the path otherwise.
    pub fn display_path(&self) -> String {
        let path = match self.origin.as_str() {
            "built-in" => format!("rules/{}", self.name),
            origin => origin.to_owned(),
        };
        // A file name may hold a newline: it is shown escaped, never as a line of its own.
        let escape = |c: char| -> Vec<char> {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            }
        };
        path.chars().flat_map(escape).collect()
    }

    /// 1-based line and column of a byte offset in this file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        LineIndex::new(&self.text).line_col(&self.text, offset)
    }
}

/// Where each line of a text starts, so that turning many offsets into
/// lines costs a binary search each rather than a scan of the file; and how
/// many characters come before marks a short way apart, so that a column on
/// a line of a megabyte (a pack written on one line) is counted from the
/// nearest mark, not from the start of the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it), at most `MARK_BYTES` apart and
    /// each on a character boundary.
    marks: Vec<(usize, usize)>,
}

const MARK_BYTES: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![(0, 0)];
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= marks[marks.len() - 1].0 + MARK_BYTES {
                marks.push((i, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// How many characters of `text` come before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let mark = self.marks.partition_point(|&(at, _)| at <= offset).max(1) - 1;
        let (at, chars) = self.marks[mark];
        chars + text.get(at..offset).map_or(0, |s| s.chars().count())
    }
    /// Where 1-based `line` of `text` starts and ends (without its newline), in bytes.
    pub fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.max(1) - 1)
            .copied()
            .unwrap_or(text.len());
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        let end = end.max(start);
        let line = &text[start..end];
        (start, start + line.strip_suffix('\r').unwrap_or(line).len())
    }

    /// 1-based line and column (in characters) of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let col = match text.get(start..offset) {
            Some(_) => self.chars_before(text, offset) - self.chars_before(text, start) + 1,
            None => 1,
        };
        (line, col)
    }
}

/// The built-in files, then each directory's `*.toml` files in name order,
/// with messages in English: for tests and tools built on the library.
pub fn load_sources(dirs: &[impl AsRef<Path>]) -> anyhow::Result<Vec<Source>> {
    load_layers(true, dirs, Lang::En)
}

/// The rule files in layers: the built-in files (layer 0, unless `builtin`
/// is false), then one layer per directory, in order. A definition in a later
/// layer replaces one with the same id in an earlier layer.
pub fn load_layers(
    builtin: bool,
    dirs: &[impl AsRef<Path>],
    lang: Lang,
) -> anyhow::Result<Vec<Source>> {
    let mut sources = Vec::new();
    // Bytes of --rules files read so far, against MAX_PACK_BYTES.
    let mut read_so_far = 0;
    if builtin {
        sources.extend(BUILTIN.iter().map(|(name, text)| Source {
            name: (*name).to_owned(),
            origin: "built-in".to_owned(),
            text: plain_text(text),
            layer: 0,
            defect: None,
        }));
    }
    for (i, dir) in dirs.iter().enumerate() {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).with_context(|| {
            lang.tr(
                format!("无法读取规则目录 `{}`", dir.display()),
                format!("cannot read rules directory `{}`", dir.display()),
            )
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| {
                    lang.tr(
                        format!("无法列出规则目录 `{}`", dir.display()),
                        format!("cannot list rules directory `{}`", dir.display()),
                    )
                })?
                .path();
            if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        // A pack reads only its own files: a link that leads out of the
        // directory (to `/proc/self/environ`, say) is refused, never read,
        // so no error snippet can quote what it points at.
        let home = std::fs::canonicalize(dir).ok();
        for path in paths {
            let outside = home.as_ref().is_some_and(|home| {
                std::fs::canonicalize(&path).is_ok_and(|real| !real.starts_with(home))
            });
            if outside {
                anyhow::bail!(lang.tr(
                    format!("无法读取规则文件 `{}`：它是指向规则目录以外的链接，没有读取", path.display()),
                    format!("cannot read rule file `{}`: it is a link to a file outside the rules directory, and was not read", path.display()),
                ));
            }
            let (text, defect) = read_rule_file(&path, &mut read_so_far, lang)?;
            sources.push(Source {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                origin: path.display().to_string(),
                text,
                layer: i + 1,
                defect,
            });
        }
    }
    Ok(sources)
}

/// Reads one rule file within the size limits. A file that is too large, or
/// would take the pack over its limit, is not read past the limit; a file that
/// is not UTF-8 keeps its text (with replacement characters) so the problem
/// can point at the line. Only a file that cannot be read at all is an error.
fn read_rule_file(
    path: &Path,
    read_so_far: &mut usize,
    lang: Lang,
) -> anyhow::Result<(String, Option<Defect>)> {
    use std::io::Read as _;
    let cannot_read = || {
        lang.tr(
            format!("无法读取规则文件 `{}`", path.display()),
            format!("cannot read rule file `{}`", path.display()),
        )
    };
    let room = MAX_FILE_BYTES.min(MAX_PACK_BYTES.saturating_sub(*read_so_far));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(room as u64 + 1).read_to_end(&mut bytes))
        .with_context(cannot_read)?;
    *read_so_far += bytes.len();
    if bytes.len() > room {
        let mb = |n: usize| n >> 20;
        let (code, message) = if room == MAX_FILE_BYTES {
            (
                "too-large",
                format!(
                    "rule file is larger than {} MB; split it into several files",
                    mb(MAX_FILE_BYTES)
                ),
            )
        } else {
            (
                "pack-too-large",
                format!(
                    "the rule files together are larger than {} MB; this file is past the limit",
                    mb(MAX_PACK_BYTES)
                ),
            )
        };
        let defect = Defect {
            code,
            message,
            offset: None,
        };
        return Ok((String::new(), Some(defect)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((plain_text(&text), None)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let defect = Defect {
                code: "not-utf8",
                message: "rule file is not UTF-8 text; save it as UTF-8".to_owned(),
                offset: Some(offset),
            };
            Ok((
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(defect),
            ))
        }
    }
}

/// A TOML text as any editor may save it, read alike: without a leading
/// byte-order mark, and with LF line ends, so a multi-line string holds no `\r`.
pub fn plain_text(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// A problem found while parsing one file: where, and what the parser said.
#[derive(Debug)]
pub struct ParseError {
    /// The byte span the parser points at.
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

/// Parses one file strictly.
pub fn parse(source: &Source) -> Result<RuleFile, ParseError> {
    toml::from_str(&source.text).map_err(|e| ParseError {
        span: e.span(),
        message: e.message().trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_on_disk_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let source = Source {
            defect: None,
            name: "x.toml".into(),
            origin: "x.toml".into(),
            layer: 0,
            text: "[[cause]]\nid = \"a\"\ntitle = { zh = \"甲\", en = \"A\" }\ncolour = 1\n".into(),
        };
        let err = parse(&source).unwrap_err();
        assert_eq!(source.line_col(err.span.unwrap().start), (4, 1));
        assert!(
            err.message.contains("unknown field `colour`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = Source {
            defect: None,
            name: "x".into(),
            origin: "x".into(),
            layer: 0,
            text: "a\n中文x".into(),
        };
        let offset = source.text.find('x').unwrap();
        assert_eq!(source.line_col(offset), (2, 3));
    }
}
