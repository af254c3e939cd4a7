//! The `unsub-doctor` binary: run the command line, turn the result into an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match unsub_doctor::run(std::env::args_os()) {
        Ok(exit) => exit.into(),
        Err(error) => unsub_doctor::report_error(&error).into(),
    }
}
