//! Exit codes, and the few errors that choose one. Everything else is an
//! `anyhow::Error` with context, which exits 1.

use std::fmt;
use std::process::ExitCode;

use crate::check::Problem;
use crate::lang::Lang;

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
    /// What was asked for may not be done yet: an appeal letter before a
    /// complaint, or before the carrier's time to answer is up.
    NotYet = 5,
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
    /// An answer to an unknown question, or a value the question does not take.
    BadAnswer {
        message: String,
        /// The question (or detail) id given.
        question: String,
        /// The valid ids or values.
        valid: Vec<String>,
    },
    /// Invalid rule files: every problem, under a line that counts them.
    InvalidRules {
        head: String,
        problems: Vec<Problem>,
    },
    /// Not yet possible: says why, from when, and what to do meanwhile.
    NotYet(String),
    /// Interrupted at a prompt; carries the command that replays the answers so far.
    Interrupted {
        head: String,
        replay: String,
    },
}

impl Error {
    /// Invalid rule files, said in `lang`.
    pub fn invalid_rules(problems: Vec<Problem>, lang: Lang) -> Error {
        let n = problems.len();
        let s = if n == 1 { "" } else { "s" };
        let head = lang.tr(
            format!("规则文件有误：{n} 个问题（`unsub-doctor rules check` 显示详情）"),
            format!(
                "invalid rule files: {n} problem{s} (`unsub-doctor rules check` shows details)"
            ),
        );
        Error::InvalidRules { head, problems }
    }

    /// Interrupted at a prompt, said in `lang`, with the command that goes on.
    pub fn interrupted(replay: String, lang: Lang) -> Error {
        let head = lang.tr(
            "已中断；要从这里继续，请运行：",
            "interrupted; to go on from here, run:",
        );
        Error::Interrupted { head, replay }
    }

    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) | Error::BadAnswer { .. } => Exit::Usage,
            Error::InvalidRules { .. } => Exit::InvalidRules,
            Error::NotYet(_) => Exit::NotYet,
            Error::Interrupted { .. } => Exit::Interrupted,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::BadAnswer { message, .. } | Error::NotYet(message) => {
                f.write_str(message)
            }
            Error::InvalidRules { head, problems } => {
                f.write_str(head)?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
            Error::Interrupted { head, replay } => write!(f, "{head}\n{replay}"),
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
