//! `unsub-doctor schema`: the JSON Schema of every JSON the tool prints,
//! generated from the same Rust types that print it, so the published
//! contract cannot drift from the output.
//!
//! Versioning: within one `schema_version`, fields are only ever added. A
//! rename, a removal or a change of meaning raises `SCHEMA_VERSION`, and the
//! committed `schema/v{N}.json` keeps the contract a test compares against.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::ErrorReport;
use crate::report::{QuestionList, Report, SCHEMA_VERSION};

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
pub fn of<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::default()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

pub fn all() -> Schemas {
    let mut outputs = BTreeMap::from([
        ("diagnosis", of::<Report>()),
        ("questions", of::<QuestionList>()),
        ("error", of::<ErrorReport>()),
        ("followup", crate::followup::schema()),
        ("batch_line", of::<crate::batch::BatchLine>()),
        ("batch_brief_line", of::<crate::batch::BriefLine>()),
        ("why_not", of::<crate::report::explain::WhyNot>()),
    ]);
    outputs.extend(crate::rules_cmd::schemas());
    Schemas {
        schema_version: SCHEMA_VERSION,
        outputs,
    }
}
