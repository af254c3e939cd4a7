//! unsub-doctor: find out why a mobile data package will not unsubscribe
//! (退订) at China Mobile, China Unicom or China Telecom, and what to do next.
//!
//! The pipeline reads in one direction, one module a stage:
//! arguments (`cli`) -> rule files (`rules`) -> checked tree (`check`, `tree`) ->
//! walk with an answer source (`engine`, fed by `answers` or `prompt`) ->
//! output (`render`). `run` wires the stages; `error` owns the exit codes.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod cases;
pub mod check;
pub mod cli;
pub mod engine;
pub mod error;
pub mod lang;
pub mod prompt;
pub mod render;
pub mod rules;
pub mod tree;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

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
    let format = cli.common.format();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color_for = |is_terminal: bool| match cli.common.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    };
    colored::control::set_override(color_for(io::stdout().is_terminal()));

    let sources = rules::load_sources(&cli.common.rules)?;
    let tree = Tree::build(&sources).map_err(Error::InvalidRules)?;

    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let exit = match cli.command {
        Some(Command::Questions) => {
            let list = render::question_list(&tree, lang);
            match format {
                Format::Json => render::json(&list, &mut stdout),
                Format::Text => render::question_list_text(&list, &mut stdout),
            }
            .and_then(|()| stdout.flush())
            .map(|()| Exit::Ok)
        }
        None => {
            let answers = Answers::parse(
                &tree,
                &cli.diagnose.answers,
                cli.diagnose.carrier.as_deref(),
            )?;
            // dialoguer draws on stderr and reads the terminal: ask only when
            // both ends are a terminal, otherwise never prompt.
            let interactive =
                !cli.diagnose.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
            let outcome = if interactive {
                let mut prompt = prompt::Interactive::new(answers.clone(), lang, color_for(true))?;
                let outcome = engine::walk(&tree, &mut prompt);
                // Set the result apart from the last prompt.
                let _ = writeln!(io::stderr());
                outcome
            } else {
                engine::walk(&tree, &mut answers.clone())
            };
            let mut stderr = io::stderr().lock();
            let _ = render::unused_answers(&answers.unused(&tree, &outcome.trace), &mut stderr);
            if let End::Interrupted(_) = outcome.end {
                let replay = answers::replay_line(&tree, &outcome.trace);
                return Err(Error::Interrupted { replay }.into());
            }
            let report = render::report(&tree, &outcome, lang);
            let written = match (format, outcome.end) {
                (Format::Json, _) => render::json(&report, &mut stdout),
                (Format::Text, End::Diagnosed) => render::text(&report, &mut stdout),
                (Format::Text, _) => Ok(()),
            };
            if let End::NeedsInput(_) = outcome.end {
                // JSON readers get the question on stdout; people get it here.
                let _ = match format {
                    Format::Text => render::needs_input_text(&report, &mut stderr),
                    Format::Json => render::needs_input_note(&report, &mut stderr),
                };
            }
            written
                .and_then(|()| stdout.flush())
                .map(|()| match outcome.end {
                    End::NeedsInput(_) => Exit::NeedsInput,
                    _ => Exit::Ok,
                })
        }
    };
    match exit {
        Ok(exit) => Ok(exit),
        // A reader that stopped early (`| head`) is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        Err(e) => Err(anyhow::Error::new(e).context("cannot write the output")),
    }
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
