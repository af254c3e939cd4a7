//! The `unsub-doctor` binary: run the command line, turn the result into an exit code.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use std::process::ExitCode;

fn main() -> ExitCode {
    match std::panic::catch_unwind(|| unsub_doctor::run(std::env::args_os())) {
        Ok(exit) => exit.into(),
        // The panic hook has said what happened, in one line.
        Err(_) => ExitCode::FAILURE,
    }
}
