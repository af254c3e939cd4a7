//! A valid rule pack built from the input (`pack`), through the loader and
//! the checker as `--rules` loads it; the tree it gives is then walked on
//! answers from the input, explained, asked `why-not`, rendered as text,
//! Markdown, JSON and letters, given as a `batch` line, listed path by path,
//! reported as `rules check` reports it and, one run in four, put through a
//! `rules` command as the command line runs it. Every walk a path or a
//! replay line describes must end the same way. A pack the checker refuses is counted:
//! with `UNSUB_DOCTOR_FUZZ_STATS=1` the share that passed is printed as the
//! run goes, with `=2` the first problem of each refused pack too, and with
//! `=3` every pack.
#![no_main]

mod common;
mod pack;

use std::sync::atomic::{AtomicUsize, Ordering};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pack::{Many, Short};
use unsub_doctor::answers::Answers;
use unsub_doctor::check::{self, Problem, Severity};
use unsub_doctor::cli::{Format, OutputArgs, RulesCommand};
use unsub_doctor::commands::{self, batch::Shape};
use unsub_doctor::engine::{self, Answerer, Ask, Reply};
use unsub_doctor::lang::Lang;
use unsub_doctor::report;
use unsub_doctor::report::rules::CheckReport;
use unsub_doctor::rules::{DetailKind, Source};
use unsub_doctor::tree::{ChoiceSet, Tree};
use unsub_doctor::write::{self, graph::GraphFormat};

#[derive(Debug, Arbitrary)]
struct Input {
    /// First: it is small, and the pack takes what is left.
    run: Run,
    pack: pack::Spec,
}

/// How the pack is used: the answers of one walk, case details, the day.
#[derive(Debug, Arbitrary)]
struct Run {
    english: bool,
    /// One byte per question asked: the choice, or for a `multiple`
    /// question the set (a bit per choice). Past them, a choice by the
    /// question's number.
    picks: Many<u8, 40>,
    /// Even: the walk goes to its end. Odd: `stop / 2 % 6` questions are
    /// answered, then an answer is missing.
    stop: u8,
    details: Many<(u8, DetailPick), 8>,
    today: Today,
    width: u8,
    full: bool,
    why_not: u8,
    /// Which `rules` command to run.
    tool: u8,
}

#[derive(Debug, Arbitrary)]
enum DetailPick {
    /// This many days before today.
    DaysAgo(u16),
    /// A date as written, any year.
    Written(i16, u8, u8),
    Text(Short),
    Choice(u8),
}

#[derive(Debug, Arbitrary)]
enum Today {
    /// Days after 1949-10-01.
    Days(u16),
    Earliest,
    Latest,
}

static PACKS: AtomicUsize = AtomicUsize::new(0);
static PASSED: AtomicUsize = AtomicUsize::new(0);
static DIAGNOSED: AtomicUsize = AtomicUsize::new(0);

/// Answers from the input's bytes, in the order the questions come, until
/// `stop` questions are answered.
struct Picks<'a> {
    bytes: &'a [u8],
    stop: Option<usize>,
}

impl Answerer for Picks<'_> {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
        let question = &tree.questions[ask.question];
        if self.stop.is_some_and(|stop| ask.number > stop) {
            // As for a script: an optional question not answered is the empty set.
            return if question.optional {
                Reply::Set(ChoiceSet::default())
            } else {
                Reply::Missing
            };
        }
        let byte = match self.bytes.split_first() {
            Some((&byte, rest)) => {
                self.bytes = rest;
                byte
            }
            None => (ask.number * 37 % 256) as u8,
        };
        if question.multiple {
            let mut set = ChoiceSet::default();
            for c in (0..question.choices.len()).filter(|c| byte & (1 << (c % 8)) != 0) {
                set.insert(c);
            }
            Reply::Set(set)
        } else {
            Reply::Choice(usize::from(byte) % question.choices.len())
        }
    }
}

fuzz_target!(|input: Input| {
    let files = input.pack.files();
    let sources: Vec<Source> = files
        .iter()
        .map(|file| Source {
            name: file.name.clone(),
            origin: format!("pack{}/{}", file.layer, file.name),
            text: file.text.clone(),
            layer: file.layer,
            defect: None,
        })
        .collect();
    let run = &input.run;
    let stats = std::env::var("UNSUB_DOCTOR_FUZZ_STATS").unwrap_or_default();
    let lang = if run.english { Lang::En } else { Lang::Zh };
    let options = check::Options {
        lang,
        ..check::Options::default()
    };
    if stats == "3" {
        for file in &files {
            eprintln!("## layer {} {}\n{}", file.layer, file.name, file.text);
        }
    }
    let checked = check::check(&sources, options);
    let packs = PACKS.fetch_add(1, Ordering::Relaxed) + 1;
    let Some(tree) = checked.tree else {
        if stats == "2" {
            let first = checked
                .problems
                .iter()
                .find(|p| p.severity == Severity::Error);
            eprintln!(
                "refused: {}",
                first.map(ToString::to_string).unwrap_or_default()
            );
        }
        return;
    };
    let passed = PASSED.fetch_add(1, Ordering::Relaxed) + 1;
    // The stored form of a tree (the built-in rules') reads back.
    let bytes = tree.to_bytes().expect("a tree stores");
    Tree::from_bytes(&bytes).expect("a stored tree reads back");

    let today = match run.today {
        Today::Days(days) => jiff::civil::date(1949, 10, 1)
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .expect("within a few hundred years"),
        Today::Earliest => jiff::civil::Date::MIN,
        Today::Latest => jiff::civil::Date::MAX,
    };
    let stop = (run.stop % 2 != 0).then_some(usize::from(run.stop / 2 % 6));
    let outcome = engine::walk(
        &tree,
        &mut Picks {
            bytes: &run.picks,
            stop,
        },
    );
    if outcome.end == engine::End::Diagnosed {
        DIAGNOSED.fetch_add(1, Ordering::Relaxed);
    }
    if !stats.is_empty() && packs.is_power_of_two() {
        let diagnosed = DIAGNOSED.load(Ordering::Relaxed);
        eprintln!(
            "rules_structured: {passed} of {packs} packs passed the checker ({}%), {diagnosed} walks diagnosed",
            passed * 100 / packs
        );
    }
    let mut given = Answers::from_pairs(outcome.trace.clone());
    for (d, value) in run.details.iter().take(8) {
        if tree.details.is_empty() {
            break;
        }
        let detail = &tree.details[usize::from(*d) % tree.details.len()];
        let text = match (value, detail.kind) {
            (DetailPick::DaysAgo(days), _) => today
                .checked_sub(jiff::Span::new().days(i64::from(*days)))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            (DetailPick::Written(y, m, d), _) => format!("{y}年{m}月{d}日"),
            (DetailPick::Text(text), _) => text.to_string(),
            (DetailPick::Choice(c), DetailKind::Choice) => detail.choices
                [usize::from(*c) % detail.choices.len()]
            .value
            .clone(),
            (DetailPick::Choice(c), _) => c.to_string(),
        };
        let _ = given.set(&tree, &detail.id.clone(), &text, lang);
    }
    // The answers taken walk the same way again, as `--answers` would.
    let again = engine::walk(&tree, &mut given.clone());
    assert_eq!(again.trace, outcome.trace);
    assert_eq!(again.conclusions, outcome.conclusions);
    assert_eq!(again.end, outcome.end);
    if given.check_dates(&tree, today, lang).is_ok() {
        let why_not =
            (!tree.causes.is_empty()).then(|| usize::from(run.why_not) % tree.causes.len());
        let knobs = common::Knobs {
            width: (run.width > 0).then(|| usize::from(run.width)),
            full: run.full,
            why_not,
        };
        common::render(&tree, &outcome, &given, lang, today, knobs);
        let brief = report::batch::Brief::of(&tree, &outcome);
        serde_json::to_vec(&brief).expect("JSON to memory");
        batch_line(&tree, &given, lang, today, &outcome);
    }

    // Every path, as `rules paths` lists it, walks to its conclusions.
    let _ = unsub_doctor::paths::for_each(&tree, 200, |path| {
        let walked = engine::walk(&tree, &mut Answers::from_pairs(path.answers.clone()));
        assert_eq!(walked.conclusions, path.conclusions);
    });
    let questions = report::question_list(&tree, lang);
    let mut out = Vec::new();
    write::lists::question_list_text(&questions, &mut out).expect("text to memory");
    write::json(&questions, &mut out).expect("JSON to memory");
    rules_tools(&tree, &sources, &checked.problems, lang, run.tool);
});

/// The walk's answers as a `batch` line give the same status.
fn batch_line(
    tree: &Tree,
    given: &Answers,
    lang: Lang,
    today: jiff::civil::Date,
    outcome: &engine::Outcome,
) {
    let line: serde_json::Map<String, serde_json::Value> = given
        .to_pairs(tree)
        .into_iter()
        .map(|(id, value)| (id, serde_json::Value::String(value)))
        .collect();
    let line = serde_json::to_vec(&line).expect("JSON to memory");
    let mut out = Vec::new();
    let summary =
        commands::batch::diagnose_lines(tree, &line[..], Shape::Brief, lang, today, &mut out)
            .expect("memory to memory");
    assert_eq!(summary.lines, 1);
    let result: serde_json::Value = serde_json::from_slice(&out).expect("a JSON line");
    let status = match outcome.end {
        engine::End::Diagnosed => "diagnosed",
        _ => "needs_input",
    };
    assert_eq!(result["status"], status, "{result}");
}

/// A `rules` subcommand, as the command line runs it, in either format;
/// `rules check` by its report and writer (the command leaves its tree
/// unfreed on purpose, as the process ends, which a leak checker would flag).
fn rules_tools(tree: &Tree, sources: &[Source], problems: &[Problem], lang: Lang, pick: u8) {
    let mut out = Vec::new();
    let report = CheckReport::new(problems);
    write::json(&report, &mut out).expect("JSON to memory");
    write::rules::check_text(&report, sources.len(), &mut out).expect("text to memory");
    for problem in problems {
        write::problems::write_problem(problem, &mut out).expect("text to memory");
    }
    let output = |format| OutputArgs {
        format,
        json: false,
    };
    let carrier = tree.carriers.first().map(|c| c.id.clone());
    let mut commands = Vec::new();
    for format in [Format::Text, Format::Json] {
        commands.push(RulesCommand::Paths {
            limit: 200,
            output: output(format),
        });
        commands.push(RulesCommand::Test {
            output: output(format),
        });
        commands.push(RulesCommand::List {
            facts: true,
            output: output(format),
        });
    }
    for format in [GraphFormat::Mermaid, GraphFormat::Dot] {
        for carrier in [None, carrier.clone()] {
            commands.push(RulesCommand::Graph { format, carrier });
        }
    }
    // One in four runs, one command: each loads and checks the pack again,
    // as the command line does, which costs as much as all the rest.
    if pick % 4 != 0 {
        return;
    }
    if let Some(command) = commands.get(usize::from(pick / 4) % commands.len()) {
        let mut out = Vec::new();
        let result = commands::rules::run_into(command, sources, lang, &mut out);
        // Only `paths` may fail on a valid pack: past its limit.
        if let Err(e) = result {
            assert!(
                matches!(command, RulesCommand::Paths { .. }),
                "{command:?}: {e:#}"
            );
        }
    }
}
