//! Where the user stands on the escalation ladder: the rungs already climbed
//! (from what the user has tried and the complaint and appeal details) and
//! the one to climb next, with whether it is open and from when, so the
//! advice never starts again at the bottom for a user who is further up.

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
    /// Whether `next` may be taken now; absent when the dates that decide
    /// it are not known (a complaint made, but its date and answer not given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    /// The day `next` opens, when it must wait (the MIIT appeal after an
    /// unanswered complaint).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_from: Option<Date>,
}

/// The user's place on the ladder, when what they tried or the case details
/// tell it. `tried` holds the values of the `tried` answer.
pub fn standing(tree: &Tree, tried: &[&str], timeline: Option<&Timeline>) -> Option<Standing> {
    let has = |value: &str| tried.contains(&value);
    let appeal = timeline.and_then(|t| t.appeal.as_ref());
    // A complaint answered (or left unanswered) shows in the appeal window.
    let complaint_detail = appeal.is_some_and(|w| w.open || w.from.is_some());
    let appealed =
        has(contract::TRIED_APPEAL) || timeline.is_some_and(|t| t.appeal_reply_due.is_some());
    let complained = complaint_detail || has(contract::TRIED_COMPLAINT) || appealed;
    let manager = has(contract::TRIED_MANAGER);
    let rung = |id: &str| tree.rungs.iter().any(|r| r.id == id).then(|| id.to_owned());
    let done: Vec<String> = [
        (contract::RUNG_MANAGER, manager),
        (contract::RUNG_COMPLAINT, complained),
        (contract::RUNG_APPEAL, appealed),
    ]
    .into_iter()
    .filter(|(_, climbed)| *climbed)
    .filter_map(|(id, _)| rung(id))
    .collect();
    let (next, open, next_from) = if appealed {
        (None, None, None)
    } else if complained {
        let open = complaint_detail.then(|| appeal.is_some_and(|w| w.open));
        let from = appeal.filter(|w| !w.open).and_then(|w| w.from);
        (rung(contract::RUNG_APPEAL), open, from)
    } else if manager {
        // A duty manager could not help: the formal complaint is next. (After
        // a plain call, what comes next depends on the cause: its steps say.)
        (rung(contract::RUNG_COMPLAINT), Some(true), None)
    } else {
        return None;
    };
    Some(Standing {
        done,
        next,
        open,
        next_from,
    })
}
