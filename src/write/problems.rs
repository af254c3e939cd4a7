//! Rule problems as a compiler shows them: the message, the place, the
//! offending line and a caret under the part that is wrong.

use std::io::Write;

use colored::Colorize as _;

use crate::check::{Problem, Severity};

/// A problem as a compiler shows one: the message, the place, the line and a caret.
pub fn write_problem(problem: &Problem, out: &mut impl Write) -> std::io::Result<()> {
    let head = match problem.severity {
        Severity::Error => format!("error[{}]", problem.code).red().bold(),
        Severity::Warning => format!("warning[{}]", problem.code).yellow().bold(),
    };
    writeln!(out, "{head}: {}", problem.message.bold())?;
    let place = match (problem.line, problem.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", problem.file),
        _ => problem.file.clone(),
    };
    // As rustc lays it out: the gutter is as wide as the line number.
    let gutter = " ".repeat(problem.line.map_or(0, |l| l.to_string().len()));
    writeln!(out, "{gutter}{} {place}", "-->".blue().bold())?;
    if let (Some(snippet), Some(line)) = (&problem.snippet, problem.line) {
        let bar = "|".blue().bold();
        writeln!(out, "{gutter} {bar}")?;
        writeln!(
            out,
            "{} {bar} {}",
            line.to_string().blue().bold(),
            snippet.text
        )?;
        let caret = format!("{}{}", " ".repeat(snippet.start), "^".repeat(snippet.width));
        let caret = match problem.severity {
            Severity::Error => caret.red().bold(),
            Severity::Warning => caret.yellow().bold(),
        };
        writeln!(out, "{gutter} {bar} {caret}")?;
    }
    writeln!(out)
}
