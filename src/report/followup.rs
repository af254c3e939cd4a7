//! `followup --format json`: where the case stands on the escalation ladder
//! after the last step was tried.

use serde::Serialize;

use super::timeline::Timeline;
use super::{RungView, StepView};
use crate::save::FollowupEntry;

#[derive(Serialize, schemars::JsonSchema)]
pub struct FollowupReport<'a> {
    pub schema_version: u32,
    /// `resolved`, `escalated`, `waiting` (the next rung is the appeal, which
    /// may not be filed yet: the case stays on its rung), or `top` (no rung
    /// left above).
    pub status: &'static str,
    /// How fresh the advice is, as in a diagnosis: the day the most recently
    /// checked fact of the rules in use was compared with its source.
    pub rules_checked: Option<&'a str>,
    /// The stage whose step was tried: `diagnosis` or a rung id.
    pub tried: String,
    /// With `waiting`: the day the appeal opens, when the complaint's date
    /// gives it (absent when no complaint is known yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens: Option<jiff::civil::Date>,
    /// The rung the case is on now, with its steps.
    pub rung: Option<&'a RungView>,
    pub steps: Vec<&'a StepView>,
    pub timeline: Option<&'a Timeline>,
    pub history: &'a [FollowupEntry],
}
