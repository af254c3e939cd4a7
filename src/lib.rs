//! unsub-doctor: find out why a mobile data package will not unsubscribe
//! (退订) at China Mobile, China Unicom or China Telecom, and what to do next.
//!
//! The pipeline reads in one direction, one module a stage:
//! arguments (`cli`) -> rule files (`rules`) -> checked tree (`check`, `tree`) ->
//! walk with an answer source (`engine`, fed by `answers` or `prompt`) ->
//! output (`render`). `run` wires the stages; `error` owns the exit codes.
//! The `rules` subcommands for rule authors (`rules_cmd`) reuse the same
//! stages, with `paths`, `cases` and `graph` on top of the checked tree.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod cases;
pub mod check;
pub mod cli;
pub mod engine;
pub mod error;
pub mod graph;
pub mod lang;
pub mod paths;
pub mod prompt;
pub mod render;
pub mod rules;
pub mod rules_cmd;
pub mod tree;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;

use crate::answers::Answers;
use crate::cli::{Cli, ColorChoice, Command, Format};
use crate::engine::End;
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::tree::Tree;

/// Runs the command line `args` (program name first) to an exit code.
/// Errors are returned for the caller to print, once.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> anyhow::Result<Exit> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" to clap that go to stdout.
            let _ = e.print();
            return Ok(if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            });
        }
    };
    let lang = cli
        .common
        .lang
        .unwrap_or_else(|| Lang::from_locale(|name| std::env::var(name).ok()));
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color_for = |is_terminal: bool| match cli.common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    };
    colored::control::set_override(color_for(io::stdout().is_terminal()));

    // UNSUB_DOCTOR_RULES layers come first, then each --rules in order.
    let mut dirs: Vec<PathBuf> = std::env::var_os("UNSUB_DOCTOR_RULES")
        .map(|list| {
            std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    dirs.extend(cli.common.rules.iter().cloned());
    let sources = rules::load_layers(!cli.common.no_builtin, &dirs)?;

    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let exit = match &cli.command {
        Some(Command::Rules { command }) => rules_cmd::run(command, &sources, lang, &mut stdout),
        Some(Command::Questions { output }) => {
            let tree = Tree::build(&sources).map_err(Error::InvalidRules)?;
            let list = render::question_list(&tree, lang);
            match output.format() {
                Format::Json => render::json(&list, &mut stdout),
                Format::Text => render::question_list_text(&list, &mut stdout),
            }
            .map(|()| Exit::Ok)
            .map_err(anyhow::Error::from)
        }
        None => {
            let tree = Tree::build(&sources).map_err(Error::InvalidRules)?;
            diagnose(&cli, &tree, lang, color_for(true), &mut stdout)
        }
    };
    let flushed = exit.and_then(|exit| stdout.flush().map(|()| exit).map_err(Into::into));
    match flushed {
        Ok(exit) => Ok(exit),
        // A reader that stopped early (`| head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => Ok(Exit::Ok),
        Err(e) => Err(e),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// The diagnosis: answers from the command line, then the terminal if there
/// is one; the walk; the report on stdout and any question on stderr.
fn diagnose(
    cli: &Cli,
    tree: &Tree,
    lang: Lang,
    prompt_color: bool,
    stdout: &mut impl Write,
) -> anyhow::Result<Exit> {
    let format = cli.output.format();
    let answers = Answers::parse(tree, &cli.diagnose.answers, cli.diagnose.carrier.as_deref())?;
    // dialoguer draws on stderr and reads the terminal: ask only when
    // both ends are a terminal, otherwise never prompt.
    let interactive =
        !cli.diagnose.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
    let outcome = if interactive {
        let mut prompt = prompt::Interactive::new(answers.clone(), lang, prompt_color)?;
        let outcome = engine::walk(tree, &mut prompt);
        // Set the result apart from the last prompt.
        let _ = writeln!(io::stderr());
        outcome
    } else {
        engine::walk(tree, &mut answers.clone())
    };
    let mut stderr = io::stderr().lock();
    let _ = render::unused_answers(&answers.unused(tree, &outcome.trace), &mut stderr);
    if let End::Interrupted(_) = outcome.end {
        let replay = answers::replay_line(tree, &outcome.trace);
        return Err(Error::Interrupted { replay }.into());
    }
    let report = render::report(tree, &outcome, lang);
    match (format, outcome.end) {
        (Format::Json, _) => render::json(&report, stdout)?,
        (Format::Text, End::Diagnosed) => render::text(&report, stdout)?,
        (Format::Text, _) => {}
    }
    if let End::NeedsInput(_) = outcome.end {
        // JSON readers get the question on stdout; people get it here.
        let _ = match format {
            Format::Text => render::needs_input_text(&report, &mut stderr),
            Format::Json => render::needs_input_note(&report, &mut stderr),
        };
        return Ok(Exit::NeedsInput);
    }
    Ok(Exit::Ok)
}

/// Prints an error once, in the form its kind calls for, and gives its exit code.
pub fn report_error(error: &anyhow::Error) -> Exit {
    let mut stderr = io::stderr().lock();
    let _ = match error.downcast_ref::<Error>() {
        Some(Error::Interrupted { .. }) => writeln!(stderr, "\n{error}"),
        _ => writeln!(stderr, "error: {error:#}"),
    };
    error::exit_of(error)
}
