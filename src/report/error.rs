//! An error as one JSON object, for `--format json`: a pipeline never has to
//! parse stderr.

use schemars::JsonSchema;
use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::check::Problem;
use crate::error::{Error, exit_of};

/// An error as one JSON object, for `--format json`: a pipeline never has
/// to parse stderr.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorReport {
    pub schema_version: u32,
    /// Always `error`.
    pub status: &'static str,
    pub error: ErrorBody,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// `usage`, `bad_answer`, `invalid_rules`, `not_yet`, `interrupted` or `failure`.
    pub code: &'static str,
    pub exit_code: u8,
    pub message: String,
    /// With `bad_answer`: the question id given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// With `bad_answer`: the valid ids or values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub valid: Vec<String>,
    /// With `invalid_rules`: every problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
    /// With `interrupted`: the command that replays the answers so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay: Option<String>,
}

impl ErrorReport {
    pub fn of(error: &anyhow::Error) -> ErrorReport {
        let exit = exit_of(error);
        let mut body = ErrorBody {
            code: "failure",
            exit_code: exit as u8,
            message: format!("{error:#}"),
            question: None,
            valid: Vec::new(),
            problems: Vec::new(),
            replay: None,
        };
        match error.downcast_ref::<Error>() {
            Some(Error::Usage(_)) => body.code = "usage",
            Some(Error::NotYet(_)) => body.code = "not_yet",
            Some(Error::BadAnswer {
                question, valid, ..
            }) => {
                body.code = "bad_answer";
                body.question = Some(question.clone());
                body.valid = valid.clone();
            }
            Some(Error::InvalidRules { problems, .. }) => {
                body.code = "invalid_rules";
                body.problems = problems.clone();
            }
            Some(Error::Interrupted { replay, .. }) => {
                body.code = "interrupted";
                body.replay = Some(replay.clone());
            }
            None => {}
        }
        ErrorReport {
            schema_version: SCHEMA_VERSION,
            status: "error",
            error: body,
        }
    }
}
