//! One module per command, dispatched by one match with one call per arm.
//! Each command takes the resolved [`Config`] and its own arguments, runs
//! the pipeline it needs (rules -> check -> walk -> report) and writes
//! through the writers; this is the only place besides the configuration
//! that knows the command line.

mod bash;
pub mod batch;
pub mod complete;
mod diagnose;
mod draft;
mod followup;
pub mod output;
mod questions;
pub mod rules;
mod shell;
mod why_not;

use std::io::{self, Write as _};

use crate::cli::{Cli, Command, DiagnoseArgs};
use crate::config::Config;
use crate::engine::End;
use crate::error::Exit;
use crate::lang::Lang;
use crate::report::Report;
use crate::rules::AskIn;
use crate::session::{Keep, Prompts, Request, Session};
use crate::tree::Tree;
use crate::write;

/// Runs the command the command line names, with stdout buffered; a reader
/// that stopped early (`| head`) is not a failure, and the command's exit
/// code stands (see [`output`]).
pub fn execute(config: &Config, cli: &Cli) -> anyhow::Result<Exit> {
    let mut stdout = output::Stdout::new(config.lang);
    let out = &mut stdout;
    let exit = match &cli.command {
        None => diagnose::run(config, &cli.diagnose, cli.output.format(), out),
        Some(Command::Draft(args)) => draft::run(config, args, out),
        Some(Command::Followup(args)) => followup::run(config, args, out),
        Some(Command::Batch(args)) => batch::run(config, args, out),
        Some(Command::WhyNot(args)) => why_not::run(config, args, out),
        Some(Command::Questions(output)) => questions::run(config, output.format(), out),
        Some(Command::Schema) => schema(out),
        Some(Command::Completions { shell }) => shell::completions(*shell, out),
        Some(Command::Man) => shell::man(out),
        Some(Command::Rules { command }) => rules::run(config, command, out),
    };
    let flushed = exit.and_then(|exit| stdout.flush().map(|()| exit).map_err(Into::into));
    match flushed {
        Err(e) if is_broken_pipe(&e) => Ok(Exit::Ok),
        other => other,
    }
}

/// Whether an error is a closed pipe on the way out, which is no failure.
/// serde_json wraps the io error and hides it from the chain.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| e.downcast_ref::<serde_json::Error>()?.io_error_kind())
            == Some(io::ErrorKind::BrokenPipe)
    })
}

/// What the answers arguments ask of a session that may prompt and keeps
/// the answers file.
fn request(config: &Config, args: &DiagnoseArgs, ask_in: AskIn) -> Request {
    Request {
        answers: args.answers.clone(),
        carrier: args.carrier.clone(),
        resume: args.resume.clone(),
        save: args.save.clone(),
        prompt: config.terminal && !args.no_input,
        keep: Keep::Walk,
        transient: &[],
        ask_in,
        replay: config.replay.clone(),
    }
}

fn prompts(config: &Config) -> Prompts {
    Prompts {
        lang: config.lang,
        color: config.prompt_color,
        plain: config.plain,
        columns: config.columns,
        today: config.today,
    }
}

/// Notes on stderr for answers given that the walk never used.
fn note_unused(session: &Session, tree: &Tree, lang: Lang) {
    let _ = write::lists::unused_answers(&session.unused(tree), lang, &mut io::stderr().lock());
}

/// When the walk stopped for a missing answer: the question on stderr, and exit 3.
fn stop_for_missing_answer(
    config: &Config,
    tree: &Tree,
    session: &Session,
) -> anyhow::Result<Option<Exit>> {
    if let End::NeedsInput(_) = session.outcome.end {
        let report = session.report(tree, config.lang);
        let line = go_on_line(config, tree, session, &report);
        write::lists::needs_input_text(&report, &line, &mut io::stderr().lock())?;
        return Ok(Some(Exit::NeedsInput));
    }
    Ok(None)
}

/// The command that goes on from a missing answer: the answers on the path
/// walked, then every other answer given (case details, answers the path did
/// not use), then the missing one as `ID=VALUE`.
fn go_on_line(config: &Config, tree: &Tree, session: &Session, report: &Report) -> String {
    let mut pairs: Vec<(String, String)> = report
        .trace
        .iter()
        .map(|t| (t.question.clone(), t.answer.clone()))
        .collect();
    for (id, value) in session.answers.to_pairs(tree) {
        if !pairs.iter().any(|(known, _)| *known == id) {
            pairs.push((id, value));
        }
    }
    if let Some(question) = &report.question {
        pairs.push((question.id.clone(), "VALUE".to_owned()));
    }
    config.replay.line(&pairs)
}

/// `unsub-doctor schema`: the JSON Schema of every JSON output.
fn schema(out: &mut impl io::Write) -> anyhow::Result<Exit> {
    write::json(&crate::report::schema::all(), out)?;
    Ok(Exit::Ok)
}
