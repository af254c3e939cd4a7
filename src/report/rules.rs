//! The results of the rule authors' tools as data: `rules check`, `paths`,
//! `test` and `list`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::Problem;

#[derive(Serialize, schemars::JsonSchema)]
pub struct CheckReport<'a> {
    pub schema_version: u32,
    pub errors: usize,
    pub warnings: usize,
    pub problems: &'a [Problem],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct AnswerView {
    pub question: String,
    pub answer: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PathView {
    pub carrier: Option<String>,
    /// In the order asked.
    pub answers: Vec<AnswerView>,
    pub causes: Vec<String>,
    pub conclusions: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PathsReport {
    pub schema_version: u32,
    pub total: usize,
    pub per_carrier: BTreeMap<String, usize>,
    /// Paths that find each cause; a path finding two causes counts for both.
    pub per_cause: BTreeMap<String, usize>,
    /// Paths that end without a cause.
    pub no_cause: usize,
    /// Conclusions that no `[[case]]` reaches.
    pub uncovered: Vec<String>,
    pub paths: Vec<PathView>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct CaseView<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub passed: bool,
    pub failures: &'a [String],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct TestReport<'a> {
    pub schema_version: u32,
    pub passed: usize,
    pub failed: usize,
    pub cases: Vec<CaseView<'a>>,
}

#[derive(Serialize, Default, schemars::JsonSchema)]
pub struct FileCounts {
    pub file: String,
    pub layer: usize,
    pub causes: usize,
    pub questions: usize,
    pub conclusions: usize,
    pub facts: usize,
    pub cases: usize,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct OverrideView<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub by: &'a str,
    pub replaced: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ListReport<'a> {
    pub schema_version: u32,
    pub files: Vec<FileCounts>,
    pub total: FileCounts,
    pub overrides: Vec<OverrideView<'a>>,
}
