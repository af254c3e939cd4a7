//! What the fuzz targets do with a walk: everything a command builds and
//! writes from it (the report as JSON, the page in each look, the question
//! still to answer, the letters, `--explain`, `why-not`), and the line to go
//! on with, which must give back the same answers.

use std::io::Write;

use jiff::civil::Date;
use unsub_doctor::answers::{self, Answers, Replay};
use unsub_doctor::engine::{End, Outcome};
use unsub_doctor::lang::Lang;
use unsub_doctor::report::{self, explain};
use unsub_doctor::tree::Tree;
use unsub_doctor::write::{
    self,
    letter::{self, DraftFormat, DraftKind},
    lists,
    page::{Look, Page},
};

/// How to write: the page's width and whether to show everything.
#[derive(Debug, Clone, Copy)]
pub struct Knobs {
    pub width: Option<usize>,
    pub full: bool,
    /// The cause to ask `why-not` about, if any.
    pub why_not: Option<usize>,
}

/// The most paths a `why-not` reads, as small as a fuzz run needs.
const WHY_NOT_PATHS: usize = 500;

/// Writes everything the commands write from this walk, in `lang`.
pub fn render(
    tree: &Tree,
    outcome: &Outcome,
    given: &Answers,
    lang: Lang,
    today: Date,
    knobs: Knobs,
) {
    let mut out: Vec<u8> = Vec::new();
    let mut report = report::report(tree, outcome, given, lang, today);
    report.explain = Some(explain::explain(tree, outcome, lang));
    write::json(&report, &mut out).expect("JSON to memory");
    let replay = answers::replay_line(tree, given, &Replay::default());
    match outcome.end {
        End::Diagnosed => {
            for look in [Look::Terminal, Look::Plain, Look::Markdown] {
                let mut page = Page::new(&mut out, look, knobs.width);
                write::diagnosis::text(&report, &mut page, knobs.full).expect("text to memory");
            }
            for kind in [DraftKind::Complaint, DraftKind::Appeal] {
                for format in [DraftFormat::Text, DraftFormat::Markdown] {
                    let letter = letter::letter(&report, kind, format, today);
                    assert!(!letter.is_empty());
                }
            }
        }
        End::NeedsInput(_) | End::Interrupted(_) => {
            lists::needs_input_text(&report, &replay, &mut out).expect("text to memory");
            lists::needs_input_note(&report, &mut out).expect("text to memory");
        }
    }
    let unused = given.unused(tree, &outcome.trace);
    lists::unused_answers(&unused, lang, &mut out).expect("text to memory");
    if let Some(cause) = knobs.why_not {
        if let Ok(answer) = explain::why_not(tree, cause, given, outcome, lang, WHY_NOT_PATHS) {
            write::json(&answer, &mut out).expect("JSON to memory");
            lists::why_not_text(&answer, lang, &mut out).expect("text to memory");
        }
    }
    let _ = out.flush();
    replays(tree, given, &replay, lang);
}

/// The line to go on with, read back as a shell reads it and then as
/// `--answers`, gives the same answers.
fn replays(tree: &Tree, given: &Answers, line: &str, lang: Lang) {
    let words = shlex::split(line).expect("a replay line splits as shell words");
    let args: Vec<String> = match words.iter().position(|w| w == "--answers") {
        Some(i) => vec![words[i + 1].clone()],
        None => Vec::new(),
    };
    let back = Answers::parse(tree, &args, None, lang)
        .unwrap_or_else(|e| panic!("the replay line `{line}` is refused: {e}"));
    assert_eq!(
        back.to_pairs(tree),
        given.to_pairs(tree),
        "the replay line `{line}` gives other answers"
    );
}
