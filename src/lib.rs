//! unsub-doctor: find out why a mobile data package will not unsubscribe
//! (退订) at China Mobile, China Unicom or China Telecom, and what to do next.
//!
//! The pipeline reads in one direction, one module a stage:
//! arguments and environment, resolved once (`cli` -> `config`) ->
//! rule files (`rules`) -> checked tree (`check`, `tree`; the built-in one
//! compiled at build time, `builtin`) -> answers gathered and walked
//! (`session`: `answers`, `prompt`, `save` around the pure walk of `engine`)
//! -> the report, data only (`report`) -> its writers (`write`).
//! `commands` holds one module per command, each wiring the stages it needs;
//! `error` owns the exit codes. The user's files are written by `files` (an
//! answers file under a lock, never replaced by surprise), and `signals`
//! holds the one signal handler, which lets a write finish.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// No input may reach a panic: errors are values with exit codes. Tests may unwrap.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod answers;
pub mod builtin;
pub mod cases;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod contract;
pub mod engine;
pub mod error;
pub mod files;
pub mod help_zh;
pub mod lang;
pub mod paths;
pub mod picks;
pub mod prompt;
pub mod report;
pub mod rules;
pub mod save;
pub mod session;
pub mod signals;
pub mod tree;
pub mod visible;
pub mod wrap;
pub mod write;

use std::ffi::OsString;
use std::io::{self, Write};

use crate::error::{Error, Exit};
use crate::lang::Lang;

/// Runs the command line `args` (program name first) to an exit code. Every
/// error is printed here, once, in the user's language.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Exit {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // A shell asking for completions at the Tab key gets them, and nothing else.
    if let Some(exit) = commands::complete::from_env(&args) {
        return exit;
    }
    let lang = config::language(&args);
    ask_for_a_bug_report_on_panic(lang);
    let (config, cli) = match config::resolve(args, lang) {
        Ok(resolved) => resolved,
        Err(exit) => return exit,
    };
    match commands::execute(&config, &cli) {
        Ok(exit) => exit,
        Err(error) => {
            if config.json && !commands::is_broken_pipe(&error) {
                // Scripts read stdout only: the error is there too, as JSON.
                let mut stdout = io::stdout().lock();
                let _ = write::json(&report::error::ErrorReport::of(&error), &mut stdout);
            }
            report_error(&error, config.lang)
        }
    }
}

/// Makes a panic print one line asking for a bug report, with the version,
/// the rules' date and the commit ([`cli::VERSION`]), instead of a panic
/// message and backtrace. No input should reach a panic, so one is a bug;
/// the binary turns the unwound panic into exit code 1.
fn ask_for_a_bug_report_on_panic(lang: Lang) {
    std::panic::set_hook(Box::new(move |_| {
        let version = cli::VERSION;
        let line = lang.tr(
            format!(
                "unsub-doctor {version}：内部错误，这是程序的缺陷。请把你运行的命令报告给开发者。"
            ),
            format!(
                "unsub-doctor {version}: internal error, a bug in unsub-doctor. Please report it with the command you ran."
            ),
        );
        let _ = writeln!(io::stderr(), "{line}");
    }));
}

/// Prints an error once, in the form its kind calls for, and gives its exit code.
fn report_error(error: &anyhow::Error, lang: Lang) -> Exit {
    let mut stderr = io::stderr().lock();
    // Errors quote rule ids and answers given: shown, never acting.
    let _ = match error.downcast_ref::<Error>() {
        Some(Error::Interrupted { .. }) => {
            writeln!(stderr, "\n{}", visible::visible(&error.to_string()))
        }
        _ => writeln!(
            stderr,
            "{}{}",
            lang.tr("错误：", "error: "),
            visible::visible(&format!("{error:#}"))
        ),
    };
    error::exit_of(error)
}
