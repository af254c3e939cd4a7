//! `unsub-doctor rules ...`: the rule author's tools. `check` reports every
//! problem like a compiler; `paths` lists every way through the tree and what
//! no case covers; `test` runs the cases; `graph` draws the tree; `list`
//! counts what each file holds and what later packs replaced.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;

use anyhow::Context as _;
use colored::Colorize as _;

use crate::cases;
use crate::check;
use crate::cli::{Format, RulesCommand};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::paths;
use crate::report::SCHEMA_VERSION;
use crate::report::rules::{
    AnswerView, CaseView, CheckReport, FileCounts, ListReport, OverrideView, PathView, PathsReport,
    TestReport,
};
use crate::rules::{self, Source};
use crate::tree::Tree;
use crate::visible::visible_styled;
use crate::write::{self, graph, problems::write_problem};

/// Runs one `rules` subcommand on the loaded rule files. Its output is built
/// first and written through [`visible_styled`]: a pack's ids, texts and
/// offending lines are shown, never sent to the terminal as commands.
pub fn run(config: &Config, command: &RulesCommand, out: &mut impl Write) -> anyhow::Result<Exit> {
    let sources = config.layers.sources(config.lang)?;
    let mut buffer = Vec::new();
    let exit = run_into(command, &sources, config.lang, &mut buffer)?;
    out.write_all(visible_styled(&String::from_utf8_lossy(&buffer)).as_bytes())?;
    Ok(exit)
}

fn run_into(
    command: &RulesCommand,
    sources: &[Source],
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    if let RulesCommand::Check {
        deny_warnings,
        stale_after,
        output,
    } = command
    {
        return check(
            sources,
            *deny_warnings,
            *stale_after,
            output.format(),
            lang,
            out,
        );
    }
    let options = check::Options {
        lang,
        ..check::Options::default()
    };
    let tree = check::build_with(sources, options)
        .map_err(|problems| Error::invalid_rules(problems, lang))?;
    match command {
        RulesCommand::Check { .. } => unreachable!("handled above"),
        RulesCommand::Paths { limit, output } => paths(&tree, *limit, output.format(), out),
        RulesCommand::Test { output } => test(&tree, output.format(), out),
        RulesCommand::Graph { format, carrier } => {
            let carrier = match carrier {
                Some(name) => Some(carrier_named(&tree, name, lang)?),
                None => None,
            };
            out.write_all(graph::draw(&tree, *format, lang, carrier).as_bytes())?;
            Ok(Exit::Ok)
        }
        RulesCommand::List { output } => list(sources, &tree, output.format(), out),
    }
}

/// A carrier by id or alias, as `--carrier` takes it.
fn carrier_named(tree: &Tree, name: &str, lang: Lang) -> anyhow::Result<usize> {
    let answers = crate::answers::Answers::parse(tree, &[], Some(name), lang)?;
    let question = tree.question(crate::tree::CARRIER_QUESTION);
    question
        .and_then(|q| answers.get(q).map(|c| &tree.questions[q].choices[c].value))
        .and_then(|value| tree.carrier_index(value))
        .context("the rules define no carrier question")
}

fn check(
    sources: &[Source],
    deny_warnings: bool,
    stale_after: u32,
    format: Format,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let options = check::Options {
        stale_after: Some((today, i64::from(stale_after))),
        lang,
        ..check::Options::default()
    };
    let mut checked = check::check(sources, options);
    // As with the diagnosis's tree, the process ends soon after: freeing a
    // large pack's tree string by string would be time spent for nothing.
    std::mem::forget(checked.tree.take());
    let errors = checked.errors();
    let warnings = checked.problems.len() - errors;
    match format {
        Format::Json => write::json(
            &CheckReport {
                schema_version: SCHEMA_VERSION,
                errors,
                warnings,
                problems: &checked.problems,
            },
            out,
        )?,
        Format::Text => {
            for problem in &checked.problems {
                write_problem(problem, out)?;
            }
            let summary = format!(
                "{} rule files: {errors} error{}, {warnings} warning{}",
                sources.len(),
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" },
            );
            let summary = if errors > 0 {
                summary.red().bold()
            } else if warnings > 0 {
                summary.yellow().bold()
            } else {
                summary.green().bold()
            };
            writeln!(out, "{summary}")?;
        }
    }
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        Exit::InvalidRules
    } else {
        Exit::Ok
    })
}

fn paths(tree: &Tree, limit: usize, format: Format, out: &mut impl Write) -> anyhow::Result<Exit> {
    let all = paths::enumerate(tree, limit).map_err(|e| {
        anyhow::anyhow!(
            "the rules have more than {} paths; raise --limit to list them all",
            e.limit
        )
    })?;
    let views: Vec<PathView> = all
        .iter()
        .map(|path| {
            let causes: Vec<String> = path
                .conclusions
                .iter()
                .filter_map(|&c| tree.conclusions[c].cause)
                .map(|k| tree.causes[k].id.clone())
                .collect();
            PathView {
                carrier: path.carrier.map(|c| tree.carriers[c].id.clone()),
                answers: path
                    .answers
                    .iter()
                    .map(|&(q, c)| {
                        let question = &tree.questions[q];
                        AnswerView {
                            question: question.id.clone(),
                            answer: question.choices[c].value.clone(),
                        }
                    })
                    .collect(),
                causes,
                conclusions: path
                    .conclusions
                    .iter()
                    .map(|&c| tree.conclusions[c].id.clone())
                    .collect(),
            }
        })
        .collect();
    let mut per_carrier: BTreeMap<String, usize> =
        tree.carriers.iter().map(|c| (c.id.clone(), 0)).collect();
    let mut per_cause: BTreeMap<String, usize> =
        tree.causes.iter().map(|c| (c.id.clone(), 0)).collect();
    let mut no_cause = 0;
    for view in &views {
        if let Some(carrier) = &view.carrier {
            *per_carrier.entry(carrier.clone()).or_default() += 1;
        }
        let distinct: HashSet<&String> = view.causes.iter().collect();
        for cause in distinct {
            *per_cause.entry(cause.clone()).or_default() += 1;
        }
        if view.causes.is_empty() {
            no_cause += 1;
        }
    }
    let covered: HashSet<String> = cases::run_all(tree)
        .into_iter()
        .flat_map(|r| r.conclusions)
        .collect();
    let uncovered: Vec<String> = tree
        .conclusions
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| !covered.contains(id))
        .collect();
    let report = PathsReport {
        schema_version: SCHEMA_VERSION,
        total: views.len(),
        per_carrier,
        per_cause,
        no_cause,
        uncovered,
        paths: views,
    };
    match format {
        Format::Json => write::json(&report, out)?,
        Format::Text => {
            for view in &report.paths {
                let answers: Vec<String> = view
                    .answers
                    .iter()
                    .filter(|a| a.question != crate::tree::CARRIER_QUESTION)
                    .map(|a| format!("{}={}", a.question, a.answer))
                    .collect();
                let ends = if view.causes.is_empty() {
                    format!("({})", view.conclusions.join(", "))
                } else {
                    view.causes.join(" + ")
                };
                let carrier = view.carrier.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{carrier:<8} {} -> {}",
                    answers.join(","),
                    ends.yellow()
                )?;
            }
            writeln!(out, "\n{}", format!("{} paths", report.total).bold())?;
            let counts = |map: &BTreeMap<String, usize>| {
                map.iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(out, "  per carrier: {}", counts(&report.per_carrier))?;
            writeln!(out, "  per cause:   {}", counts(&report.per_cause))?;
            writeln!(out, "  no cause:    {}", report.no_cause)?;
            if report.uncovered.is_empty() {
                writeln!(out, "every conclusion has a case")?;
            } else {
                let list = report.uncovered.join(", ");
                writeln!(
                    out,
                    "{} {list}",
                    "conclusions without a case:".yellow().bold()
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}

fn test(tree: &Tree, format: Format, out: &mut impl Write) -> anyhow::Result<Exit> {
    let results = cases::run_all(tree);
    let passed = results.iter().filter(|r| r.passed()).count();
    let failed = results.len() - passed;
    match format {
        Format::Json => write::json(
            &TestReport {
                schema_version: SCHEMA_VERSION,
                passed,
                failed,
                cases: results
                    .iter()
                    .map(|r| CaseView {
                        name: &r.name,
                        file: &r.file,
                        passed: r.passed(),
                        failures: &r.failures,
                    })
                    .collect(),
            },
            out,
        )?,
        Format::Text => {
            for result in &results {
                if result.passed() {
                    writeln!(out, "{} {}", "pass".green(), result.name)?;
                } else {
                    writeln!(
                        out,
                        "{} {} ({})",
                        "FAIL".red().bold(),
                        result.name,
                        result.file
                    )?;
                    for failure in &result.failures {
                        writeln!(out, "       {failure}")?;
                    }
                }
            }
            // The plain closing line test runners and CI read.
            writeln!(out, "{passed} passed, {failed} failed")?;
        }
    }
    Ok(if failed == 0 { Exit::Ok } else { Exit::Failure })
}

fn list(
    sources: &[Source],
    tree: &Tree,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let mut files = Vec::new();
    let mut total = FileCounts {
        file: "total".to_owned(),
        ..FileCounts::default()
    };
    for source in sources {
        // The set is valid (the tree was built), so every file parses.
        let Ok(parsed) = rules::parse(source) else {
            continue;
        };
        let counts = FileCounts {
            file: source.display_path(),
            layer: source.layer,
            causes: parsed.cause.len(),
            questions: parsed.question.len(),
            conclusions: parsed.conclusion.len(),
            facts: parsed.fact.len(),
            cases: parsed.case.len(),
        };
        total.causes += counts.causes;
        total.questions += counts.questions;
        total.conclusions += counts.conclusions;
        total.facts += counts.facts;
        total.cases += counts.cases;
        files.push(counts);
    }
    let report = ListReport {
        schema_version: SCHEMA_VERSION,
        files,
        total,
        overrides: tree
            .overrides
            .iter()
            .map(|o| OverrideView {
                kind: o.kind,
                id: &o.id,
                by: &o.by,
                replaced: &o.replaced,
            })
            .collect(),
    };
    match format {
        Format::Json => write::json(&report, out)?,
        Format::Text => {
            let width = report
                .files
                .iter()
                .map(|f| f.file.len())
                .max()
                .unwrap_or(0)
                .max(5);
            let header = format!(
                "{:width$}  {:>6} {:>9} {:>11} {:>5} {:>5}",
                "file", "causes", "questions", "conclusions", "facts", "cases"
            );
            writeln!(out, "{}", header.bold())?;
            for f in report.files.iter().chain(std::iter::once(&report.total)) {
                writeln!(
                    out,
                    "{:width$}  {:>6} {:>9} {:>11} {:>5} {:>5}",
                    f.file, f.causes, f.questions, f.conclusions, f.facts, f.cases
                )?;
            }
            if !report.overrides.is_empty() {
                writeln!(out, "\n{}", "replaced by a later layer".bold())?;
                for o in &report.overrides {
                    writeln!(
                        out,
                        "  {} `{}`: {} replaces {}",
                        o.kind, o.id, o.by, o.replaced
                    )?;
                }
            }
        }
    }
    Ok(Exit::Ok)
}
