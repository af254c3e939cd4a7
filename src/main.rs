//! The `unsub-doctor` binary: run the command line, turn the result into an exit code.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

fn main() -> ExitCode {
    unsub_doctor::on_panic_ask_for_a_bug_report();
    match std::panic::catch_unwind(|| unsub_doctor::run(std::env::args_os())) {
        Ok(Ok(exit)) => exit.into(),
        Ok(Err(error)) => unsub_doctor::report_error(&error).into(),
        // The hook has said what happened, in one line.
        Err(_) => ExitCode::FAILURE,
    }
}
