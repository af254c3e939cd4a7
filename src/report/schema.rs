//! `unsub-doctor schema`: the JSON Schema of every JSON the tool prints,
//! generated from the same Rust types that print it, so the published
//! contract cannot drift from the output.

use std::collections::BTreeMap;

use serde::Serialize;

use super::batch::{BatchLine, BriefLine};
use super::error::ErrorReport;
use super::explain::WhyNot;
use super::followup::FollowupReport;
use super::rules::{CheckReport, ListReport, PathsReport, TestReport};
use super::{QuestionList, Report, SCHEMA_VERSION};

#[derive(Serialize)]
pub struct Schemas {
    pub schema_version: u32,
    /// Output name to its JSON Schema: `diagnosis` (also `needs_input`),
    /// `questions`, `error`, `followup`, `batch_line`, `batch_brief_line`, `why_not`, `rules_check`, `rules_paths`,
    /// `rules_test`, `rules_list`.
    pub outputs: BTreeMap<&'static str, schemars::Schema>,
}

/// The schema of what serializing a `T` prints: a field skipped when empty
/// is optional, not required.
fn of<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

pub fn all() -> Schemas {
    Schemas {
        schema_version: SCHEMA_VERSION,
        outputs: BTreeMap::from([
            ("diagnosis", of::<Report>()),
            ("questions", of::<QuestionList>()),
            ("error", of::<ErrorReport>()),
            ("followup", of::<FollowupReport<'static>>()),
            ("batch_line", of::<BatchLine>()),
            ("batch_brief_line", of::<BriefLine>()),
            ("why_not", of::<WhyNot>()),
            ("rules_check", of::<CheckReport<'static>>()),
            ("rules_paths", of::<PathsReport>()),
            ("rules_test", of::<TestReport<'static>>()),
            ("rules_list", of::<ListReport<'static>>()),
        ]),
    }
}
