//! What the checker reports: a problem's kind, severity, place and words,
//! and the snippet of the offending line that `rules check` underlines.

use std::fmt;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::rules::{LineIndex, Source};

/// Whether a problem stops the rules from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Declares `ProblemKind` with one variant per code, `ALL` and `code()`
/// from one list, so a kind cannot lack its code or be left out of `ALL`.
macro_rules! problem_kinds {
    ($($(#[$doc:meta])* $kind:ident => $code:literal,)*) => {
        /// The kind of a problem. Its code (`duplicate-id`...) is printed in
        /// `error[...]` and is the `code` of the JSON report: programs match
        /// on it, so a code never changes once published.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemKind {
            $($(#[$doc])* $kind,)*
        }

        impl ProblemKind {
            /// Every kind.
            pub const ALL: &[ProblemKind] = &[$(ProblemKind::$kind,)*];

            /// The stable, kebab-case code.
            pub fn code(self) -> &'static str {
                match self {
                    $(ProblemKind::$kind => $code,)*
                }
            }
        }
    };
}

problem_kinds! {
    /// A file larger than a rule file may be.
    TooLarge => "too-large",
    /// A file past the limit of the whole pack.
    PackTooLarge => "pack-too-large",
    NotUtf8 => "not-utf8",
    Syntax => "syntax",
    UnknownKey => "unknown-key",
    MissingKey => "missing-key",
    TooManyNodes => "too-many-nodes",
    /// More carriers, rungs, escalation steps or details than the limits allow.
    TooMany => "too-many",
    TooDeep => "too-deep",
    /// An id or a text longer than the limits allow.
    TooLong => "too-long",
    DuplicateId => "duplicate-id",
    /// A name that resolves to nothing: a node, carrier, fact, rung...
    UnknownReference => "unknown-reference",
    EmptySource => "empty-source",
    BadDate => "bad-date",
    BadPeriod => "bad-period",
    /// A holiday calendar with a year out of range, a range that ends before
    /// it starts, or a second calendar for one year.
    BadCalendar => "bad-calendar",
    StaleFact => "stale-fact",
    /// A text writes a number a fact could set, instead of its placeholder.
    CopiedNumber => "copied-number",
    /// Advice that relies on a low-confidence fact.
    LowFact => "low-fact",
    DuplicateChannel => "duplicate-channel",
    ChannelWithoutCarrier => "channel-without-carrier",
    MissingChannel => "missing-channel",
    /// The carrier question and the carriers do not match one to one.
    CarrierQuestion => "carrier-question",
    NoChoices => "no-choices",
    DuplicateChoice => "duplicate-choice",
    MissingTitle => "missing-title",
    NoSteps => "no-steps",
    MissingAdvice => "missing-advice",
    /// A `possible` conclusion must name the cause it makes possible.
    PossibleWithoutCause => "possible-without-cause",
    MisplacedRung => "misplaced-rung",
    MissingRung => "missing-rung",
    MisplacedChoices => "misplaced-choices",
    MisplacedNext => "misplaced-next",
    MissingStart => "missing-start",
    DuplicateStart => "duplicate-start",
    Cycle => "cycle",
    Unreachable => "unreachable",
    DeadEnd => "dead-end",
    UnreachedForCarrier => "unreached-for-carrier",
    /// An id the code reads is defined as something else (`crate::contract`).
    ContractKind => "contract-kind",
    /// An id the code reads is not defined, in a pack that uses its feature.
    ContractMissing => "contract-missing",
    /// A choice of a `multiple` question has its own `next` (the question has one).
    NextOnMultipleChoice => "next-on-multiple-choice",
    /// A question that is not `multiple` has a question-level `next`.
    NextOnSingleQuestion => "next-on-single-question",
    /// `optional` on a question that is not `multiple`.
    OptionalSingle => "optional-single",
    /// A `multiple` question offers more choices than an answer set holds.
    TooManyChoices => "too-many-choices",
    /// A value of a `multiple` question is `none` or holds `+`, which spell sets.
    ReservedValue => "reserved-value",
    /// An answer `--answers` and the answers file cannot spell: a question or
    /// detail id holding `=`, or an id, choice value or alias with a space
    /// at an end.
    Unanswerable => "unanswerable",
    /// A condition (`only_if`, `unless`) names neither a question nor a choice detail.
    UnknownConditionId => "unknown-condition-id",
    /// A condition names a value its question or detail does not offer.
    UnknownConditionValue => "unknown-condition-value",
}

impl ProblemKind {
    /// The kind whose code is `code`.
    pub fn from_code(code: &str) -> Option<ProblemKind> {
        ProblemKind::ALL.iter().copied().find(|k| k.code() == code)
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// As its code: the JSON report's `code` is the same string as ever.
impl Serialize for ProblemKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One thing wrong with a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    pub severity: Severity,
    /// A stable, kebab-case name of the kind of problem, such as `duplicate-id`.
    #[schemars(with = "String")]
    pub code: ProblemKind,
    pub message: String,
    /// The rule file, or `rules` for a problem of the whole set.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The ids involved.
    pub ids: Vec<String>,
    /// The offending line, for a caret under the place.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// A source line and the part of it to underline, in terminal columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub start: usize,
    pub width: usize,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Where something was defined: the file's index among the sources, and the
/// byte span of its id (none for entries without one, such as escalation steps).
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub file: usize,
    /// Start and end byte offsets.
    pub span: Option<(usize, usize)>,
}

/// How many characters of a long line a snippet shows, and how many of them
/// come before the place it points at.
const SNIPPET_CHARS: usize = 120;
const SNIPPET_BEFORE: usize = 40;

impl Problem {
    /// A problem at `place` in one of `sources`, whose line index is `lines`.
    pub(super) fn at(
        sources: &[Source],
        lines: &LineIndex,
        severity: Severity,
        code: ProblemKind,
        place: Place,
        ids: Vec<String>,
        message: String,
    ) -> Problem {
        let source = &sources[place.file];
        let (line, column, snippet) = match place.span {
            Some((start, end)) => {
                let span = start..end;
                let (line, column) = lines.line_col(&source.text, span.start);
                let (line_start, line_end) = lines.line_bounds(&source.text, line);
                let whole = &source.text[line_start..line_end];
                // A window around the place: a minified pack or a huge string
                // would otherwise print a line thousands of characters long.
                // Counted from the place, not from the start of the line:
                // many problems on one long line each cost the window only.
                let at = span.start.clamp(line_start, line_end) - line_start;
                let at = if whole.is_char_boundary(at) { at } else { 0 };
                let from = whole[..at]
                    .char_indices()
                    .rev()
                    .take(SNIPPET_BEFORE)
                    .last()
                    .map_or(at, |(i, _)| i);
                let to = whole[from..]
                    .char_indices()
                    .nth(SNIPPET_CHARS)
                    .map_or(whole.len(), |(i, _)| from + i);
                let cut_before = if from > 0 { "…" } else { "" };
                let cut_after = if to < whole.len() { "…" } else { "" };
                let width_of = |range: std::ops::Range<usize>| {
                    source.text.get(range).map_or(0, UnicodeWidthStr::width)
                };
                let span_start = span.start.clamp(line_start + from, line_start + to);
                let span_end = span.end.clamp(span_start, line_start + to);
                let snippet = Snippet {
                    start: cut_before.len().min(1) + width_of(line_start + from..span_start),
                    width: width_of(span_start..span_end).max(1),
                    text: format!("{cut_before}{}{cut_after}", &whole[from..to]),
                };
                (Some(line), Some(column), Some(snippet))
            }
            None => (None, None, None),
        };
        Problem {
            severity,
            code,
            message,
            file: source.display_path(),
            line,
            column,
            ids,
            snippet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_kebab_case_and_names_one_kind() {
        for &kind in ProblemKind::ALL {
            let code = kind.code();
            assert!(
                code.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{code}"
            );
            assert_eq!(ProblemKind::from_code(code), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), code);
        }
    }

    /// The loader (`rules/load.rs`) names the problem of a file it could not
    /// take as rules by code; the checker turns each such code into its kind.
    #[test]
    fn the_loader_codes_are_kinds() {
        for code in ["too-large", "pack-too-large", "not-utf8"] {
            assert!(ProblemKind::from_code(code).is_some(), "{code}");
        }
    }
}
