//! Exit codes, and the few errors that choose one. Everything else is an
//! `anyhow::Error` with context, which exits 1.

use std::fmt;
use std::process::ExitCode;

use crate::check::Problem;

/// The process exit codes, documented in the README and `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Diagnosed (or the command did what it was asked).
    Ok = 0,
    /// A runtime failure: a file that cannot be read, output that cannot be written.
    Failure = 1,
    /// A usage error or a bad answer.
    Usage = 2,
    /// More answers are needed and there is no terminal to ask them at.
    NeedsInput = 3,
    /// The rule files are invalid.
    InvalidRules = 4,
    /// The user stopped at a prompt.
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// An error that decides the exit code.
#[derive(Debug)]
pub enum Error {
    Usage(String),
    InvalidRules(Vec<Problem>),
    /// Interrupted at a prompt; carries the command that replays the answers so far.
    Interrupted {
        replay: String,
    },
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) => Exit::Usage,
            Error::InvalidRules(_) => Exit::InvalidRules,
            Error::Interrupted { .. } => Exit::Interrupted,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::InvalidRules(problems) => {
                let s = if problems.len() == 1 { "" } else { "s" };
                write!(f, "invalid rule files: {} problem{s}", problems.len())?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
            Error::Interrupted { replay } => {
                write!(f, "interrupted; to go on from here, run:\n{replay}")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The exit code for any error `run` returns.
pub fn exit_of(error: &anyhow::Error) -> Exit {
    error
        .downcast_ref::<Error>()
        .map_or(Exit::Failure, Error::exit)
}
