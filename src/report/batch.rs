//! `batch` output lines: a full report or an error per line, or with
//! `--brief` the ids a queue routes on.

use serde::Serialize;

use super::error::ErrorReport;
use super::{Report, SCHEMA_VERSION};
use crate::engine::{End, Outcome};
use crate::tree::Tree;

/// One output line: what a single run with `--format json` would print.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BatchLine {
    Report(Box<Report>),
    Error(ErrorReport),
}

/// One `batch --brief` output line.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BriefLine<'a> {
    Brief(Brief<'a>),
    Error(ErrorReport),
}

/// A diagnosis by ids only. The texts for the ids are in the full report,
/// the same for every case that reaches them.
#[derive(Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Brief<'a> {
    pub schema_version: u32,
    /// `diagnosed` or `needs_input`.
    pub status: &'static str,
    /// The carrier id, once known.
    pub carrier: Option<&'a str>,
    /// The causes found, in the order found.
    pub causes: Vec<&'a str>,
    /// The causes possible but not certain, in the order met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_causes: Vec<&'a str>,
    /// Every conclusion reached, including one that could not name a cause.
    pub conclusions: Vec<&'a str>,
    /// The id of the next question, when `status` is `needs_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<&'a str>,
}

impl<'a> Brief<'a> {
    pub fn of(tree: &'a Tree, outcome: &Outcome) -> Brief<'a> {
        let conclusions: Vec<_> = outcome
            .conclusions
            .iter()
            .map(|&c| &tree.conclusions[c])
            .collect();
        let mut causes: Vec<&str> = Vec::new();
        let mut possible_causes: Vec<&str> = Vec::new();
        for conclusion in &conclusions {
            let Some(cause) = conclusion.cause else {
                continue;
            };
            let id = tree.causes[cause].id.as_str();
            let list = if conclusion.possible {
                &mut possible_causes
            } else {
                &mut causes
            };
            if !list.contains(&id) {
                list.push(id);
            }
        }
        // A cause found on the path is no longer only possible.
        possible_causes.retain(|id| !causes.contains(id));
        let question = match outcome.end {
            End::NeedsInput(q) | End::Interrupted(q) => Some(tree.questions[q].id.as_str()),
            End::Diagnosed => None,
        };
        Brief {
            schema_version: SCHEMA_VERSION,
            status: if question.is_some() {
                "needs_input"
            } else {
                "diagnosed"
            },
            carrier: outcome.carrier.map(|c| tree.carriers[c].id.as_str()),
            causes,
            possible_causes,
            conclusions: conclusions.iter().map(|c| c.id.as_str()).collect(),
            question,
        }
    }
}
