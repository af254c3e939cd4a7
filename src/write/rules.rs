//! The rule tools' results for people: `rules check` as a compiler's list of
//! problems and a summary line, `paths` one line a path, `test` pass or FAIL
//! a case, `list` a table of files.

use std::collections::BTreeMap;
use std::io::{self, Write};

use colored::Colorize as _;

use crate::report::rules::{CheckReport, ListReport, PathsListing, TestReport};
use crate::tree::CARRIER_QUESTION;
use crate::write::problems::write_problem;

/// Every problem, then how many of each kind in how many files.
pub fn check_text(report: &CheckReport, files: usize, out: &mut impl Write) -> io::Result<()> {
    for problem in report.problems {
        write_problem(problem, out)?;
    }
    let (errors, warnings) = (report.errors, report.warnings);
    let summary = format!(
        "{files} rule files: {errors} error{}, {warnings} warning{}",
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
    writeln!(out, "{summary}")
}

/// One line a path (its answers and where it ends), then the counts and the
/// conclusions no case covers.
pub fn paths_text(report: &PathsListing, out: &mut impl Write) -> io::Result<()> {
    report.for_each(|view| {
        let answers: Vec<String> = view
            .answers
            .iter()
            .filter(|a| a.question != CARRIER_QUESTION)
            .map(|a| format!("{}={}", a.question, a.answer))
            .collect();
        let mut ends = if view.causes.is_empty() && view.possible_causes.is_empty() {
            format!("({})", view.conclusions.join(", "))
        } else {
            view.causes.join(" + ")
        };
        if !view.possible_causes.is_empty() {
            let sep = if ends.is_empty() { "" } else { " " };
            ends = format!(
                "{ends}{sep}(possible: {})",
                view.possible_causes.join(" + ")
            );
        }
        let carrier = view.carrier.as_deref().unwrap_or("-");
        writeln!(
            out,
            "{carrier:<8} {} -> {}",
            answers.join(","),
            ends.yellow()
        )
    })?;
    let summary = &report.summary;
    writeln!(out, "\n{}", format!("{} paths", summary.total).bold())?;
    let counts = |map: &BTreeMap<String, usize>| {
        map.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "  per carrier: {}", counts(&summary.per_carrier))?;
    writeln!(out, "  per cause:   {}", counts(&summary.per_cause))?;
    writeln!(out, "  no cause:    {}", summary.no_cause)?;
    if report.uncovered.is_empty() {
        writeln!(out, "every conclusion has a case")
    } else {
        let list = report.uncovered.join(", ");
        writeln!(
            out,
            "{} {list}",
            "conclusions without a case:".yellow().bold()
        )
    }
}

/// `pass` or `FAIL` a case, with what differs, then the closing count.
pub fn test_text(report: &TestReport, out: &mut impl Write) -> io::Result<()> {
    for case in &report.cases {
        if case.passed {
            writeln!(out, "{} {}", "pass".green(), case.name)?;
        } else {
            writeln!(out, "{} {} ({})", "FAIL".red().bold(), case.name, case.file)?;
            for failure in case.failures {
                writeln!(out, "       {failure}")?;
            }
        }
    }
    // The plain closing line test runners and CI read.
    writeln!(out, "{} passed, {} failed", report.passed, report.failed)
}

/// A table of files and what each holds, and what later layers replaced.
pub fn list_text(report: &ListReport, out: &mut impl Write) -> io::Result<()> {
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
    for fact in report.facts.iter().flatten() {
        writeln!(
            out,
            "\n{} {} {}",
            format!("[{}]", fact.id).bold(),
            format!("{:?}", fact.confidence).to_lowercase(),
            fact.verified
        )?;
        writeln!(out, "  {}: {}", fact.label, fact.value)?;
        writeln!(out, "  source: {}", fact.source)?;
        for (what, text) in [
            ("url", &fact.url),
            ("note", &fact.note),
            ("author note", &fact.author_note),
        ] {
            if let Some(text) = text {
                writeln!(out, "  {what}: {text}")?;
            }
        }
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
    Ok(())
}
