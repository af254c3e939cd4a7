//! Where the user stands on the escalation ladder: the rungs already climbed
//! (from the complaint and appeal details) and the one to climb next, with
//! the day it opens when it must wait, so the advice never starts again at
//! the bottom for a user who has already complained.

use jiff::civil::Date;
use serde::Serialize;

use super::timeline::Timeline;
use crate::contract;
use crate::tree::Tree;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Standing {
    /// Rung ids already climbed, in ladder order.
    pub done: Vec<String>,
    /// The rung to climb next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The day `next` opens, when it must wait (the MIIT appeal after an
    /// unanswered complaint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_from: Option<Date>,
}

/// The user's place on the ladder, when the details tell it: a complaint
/// made (answered or not) or an appeal filed.
pub fn standing(tree: &Tree, timeline: Option<&Timeline>) -> Option<Standing> {
    let timeline = timeline?;
    let rung = |id: &str| tree.rungs.iter().any(|r| r.id == id).then(|| id.to_owned());
    let complained = timeline
        .appeal
        .as_ref()
        .is_some_and(|w| w.open || w.from.is_some());
    if timeline.appeal_reply_due.is_some() {
        // The appeal is filed: nothing is left above it.
        let done = [contract::RUNG_COMPLAINT, contract::RUNG_APPEAL]
            .into_iter()
            .filter_map(rung)
            .collect();
        return Some(Standing {
            done,
            next: None,
            next_from: None,
        });
    }
    if !complained {
        return None;
    }
    let appeal = timeline.appeal.as_ref()?;
    Some(Standing {
        done: rung(contract::RUNG_COMPLAINT).into_iter().collect(),
        next: rung(contract::RUNG_APPEAL),
        next_from: (!appeal.open).then_some(appeal.from).flatten(),
    })
}
