//! The JSON contract: every value the tool prints as JSON (the diagnosis
//! with its timeline and explanation, the question list, followup, batch
//! lines, the rule tools' results, errors) and the schema generated from
//! them. Data only: this folder never imports a writer or the command line,
//! so what a program reads cannot depend on how a person is shown it.
//!
//! Versioning: within one `schema_version`, fields are only ever added. A
//! rename, a removal or a change of meaning raises `SCHEMA_VERSION`, and the
//! committed `schema/v{N}.json` keeps the contract a test compares against.

pub mod batch;
pub mod diagnosis;
pub mod error;
pub mod explain;
pub mod followup;
pub mod ladder;
pub mod letter;
pub mod now;
pub mod rules;
pub mod schema;
pub mod timeline;

pub use diagnosis::{
    CarrierView, CauseView, ChannelView, ChoiceView, ConclusionView, HotlineView,
    PossibleCauseView, QuestionList, QuestionView, Report, RungView, SourceView, StepView,
    TraceView, question_list, report, trace_view,
};

/// The JSON shape's version; raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;
