//! The short outputs for people: the question still to answer, the list of
//! questions, answers the walk did not use, and why-not.

use std::io::{self, Write};

use colored::Colorize as _;

use crate::lang::{Lang, words};
use crate::report::explain::WhyNot;
use crate::report::{QuestionList, Report};
use crate::rules::DetailKind;
use crate::tree::NONE;
use crate::visible::visible;

/// For text output with no terminal: the question that needs an answer,
/// its values, and `go_on`, the command that supplies it.
pub fn needs_input_text(report: &Report, go_on: &str, out: &mut impl Write) -> io::Result<()> {
    let w = words(report.lang);
    let Some(question) = &report.question else {
        return Ok(());
    };
    writeln!(
        out,
        "{}: [{}] {} (`{}`)",
        w.more_answers,
        question.number,
        visible(&question.text),
        visible(&question.id)
    )?;
    if let Some(help) = &question.help {
        for line in help.lines() {
            writeln!(out, "  {}", visible(line))?;
        }
    }
    let width = question
        .choices
        .iter()
        .map(|c| c.value.len())
        .max()
        .unwrap_or(0);
    for choice in &question.choices {
        let value = visible(&choice.value);
        writeln!(out, "  {value:width$}  {}", visible(&choice.label))?;
    }
    if question.multiple {
        writeln!(out, "  {}", several(report.lang))?;
    }
    writeln!(out, "{}: {}", w.go_on_with, visible(go_on))
}

/// For JSON output: one line on stderr, the question itself is on stdout.
pub fn needs_input_note(report: &Report, out: &mut impl Write) -> io::Result<()> {
    match &report.question {
        Some(q) => writeln!(
            out,
            "{}: `{}`",
            words(report.lang).more_answers,
            visible(&q.id)
        ),
        None => Ok(()),
    }
}

pub fn question_list_text(list: &QuestionList, out: &mut impl Write) -> io::Result<()> {
    for (i, question) in list.questions.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}  {}",
            visible(&question.id).bold(),
            visible(&question.text)
        )?;
        if question.multiple {
            writeln!(out, "  {}", several(list.lang).dimmed())?;
        }
        let width = question
            .choices
            .iter()
            .map(|c| c.value.len())
            .max()
            .unwrap_or(0);
        for choice in &question.choices {
            let aliases = if choice.aliases.is_empty() {
                String::new()
            } else {
                format!("  ({})", visible(&choice.aliases.join(", ")))
                    .dimmed()
                    .to_string()
            };
            let value = format!("{:width$}", visible(&choice.value));
            writeln!(
                out,
                "  {}  {}{aliases}",
                value.green(),
                visible(&choice.label)
            )?;
        }
    }
    // The case details take `--answers` too: a date, a text or a choice.
    if !list.details.is_empty() {
        let heading = list.lang.pick(
            "案情细节（也可以写进 --answers）",
            "Case details (also taken by --answers)",
        );
        writeln!(out, "\n{}", heading.bold())?;
    }
    for detail in &list.details {
        let kind = match detail.kind {
            DetailKind::Date => "YYYY-MM-DD",
            DetailKind::Text => list.lang.pick("文字", "text"),
            DetailKind::Choice => list.lang.pick("选项", "choice"),
        };
        writeln!(
            out,
            "{}  {}  {}",
            visible(&detail.id).bold(),
            kind.dimmed(),
            visible(&detail.text)
        )?;
        for choice in &detail.choices {
            writeln!(
                out,
                "  {}  {}",
                visible(&choice.value).green(),
                visible(&choice.label)
            )?;
        }
    }
    Ok(())
}

/// The note under a multiple-choice question: how a set is written.
fn several(lang: Lang) -> String {
    lang.tr(
        format!("（可多选：用 `+` 连接多个取值，如 a+b；一个都没有时写 `{NONE}`）"),
        format!(
            "(several may be chosen: join values with `+`, as in a+b; `{NONE}` for none of them)"
        ),
    )
}

/// The replay hint printed when answers were given that the walk never used.
pub fn unused_answers(unused: &[String], lang: Lang, out: &mut impl Write) -> io::Result<()> {
    for answer in unused {
        let note = lang.tr(
            format!("提示：回答 `{answer}` 在这条路径上没有用到"),
            format!("note: answer `{answer}` was not used on this path"),
        );
        writeln!(out, "{}", visible(&note))?;
    }
    Ok(())
}

/// `why-not`: whether the cause was found, what ruled it out, what would find it.
pub fn why_not_text(answer: &WhyNot, lang: Lang, out: &mut impl Write) -> io::Result<()> {
    let cause = visible(&answer.cause);
    if answer.found {
        let line = lang.pick(
            format!("这些回答已经找到了 `{cause}`。"),
            format!("These answers do find `{cause}`."),
        );
        return writeln!(out, "{}", line.green().bold());
    }
    let head = lang.pick(
        format!("这些回答为什么没有找到 `{cause}`"),
        format!("Why these answers do not find `{cause}`"),
    );
    writeln!(out, "{}", head.bold())?;
    if answer.ruled_out_by.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick(
                "还没有回答到能判断它的问题。",
                "No answer given so far rules it out."
            )
        )?;
    }
    for step in &answer.ruled_out_by {
        let by = lang.pick("排除它的回答", "ruled out by");
        writeln!(
            out,
            "  {by}: {}",
            visible(&format!(
                "{}={} ({} {})",
                step.answer.question, step.answer.answer, step.answer.text, step.answer.label
            ))
        )?;
    }
    match &answer.smallest_change {
        Some(change) => {
            let (c, a) = lang.pick(("需要改的回答", "需要补的回答"), ("change", "add"));
            if !change.change.is_empty() {
                writeln!(out, "  {c}: {}", visible(&change.change.join(",")))?;
            }
            if !change.add.is_empty() {
                writeln!(out, "  {a}: {}", visible(&change.add.join(",")))?;
            }
            writeln!(out, "  unsub-doctor --answers {}", visible(&change.answers))?;
        }
        None => {
            writeln!(
                out,
                "  {}",
                lang.pick(
                    "没有任何回答组合能找到它。",
                    "No answers at all lead to it."
                )
            )?;
        }
    }
    Ok(())
}
