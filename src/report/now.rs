//! "Do this now": the one to three actions this user should take next,
//! chosen from where they stand. An appeal that is open comes first, with
//! the command that writes its letter; a user waiting for the carrier's
//! answer chases the complaint; a user whose duty manager could not help
//! complains formally; a user who appealed is told what remains; anyone
//! else starts with the first step of each cause found (or, with no cause
//! certain, how to check the likeliest one). Every action is one the
//! report already holds (a step, an escalation step or a check), so nothing
//! here is advice of its own beyond the order.

use serde::Serialize;

use super::diagnosis::{ChannelView, Report, StepView};
use crate::contract;
use crate::lang::Lang;

/// One action to take now.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct NowView {
    /// What to do, in the report's language.
    pub action: String,
    /// Where to do it: the number, app or store, when the action has one.
    pub channel: Option<ChannelView>,
    /// The command that writes the letter for this action, when there is one
    /// (run it with the same answers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Ids of the facts the action relies on, listed in `sources`.
    pub sources: Vec<String>,
}

/// At most this many actions: more would not be "now".
const MOST: usize = 3;

/// The actions for this report, most urgent first.
pub fn now(report: &Report) -> Vec<NowView> {
    let rung = |id: &'static str| {
        report
            .escalation
            .iter()
            .filter(move |s| s.rung.as_deref() == Some(id))
    };
    let draft = |kind: &str| Some(format!("unsub-doctor draft {kind}"));
    let mut actions: Vec<NowView> = Vec::new();
    let standing = report.standing.as_ref();
    let appealed = standing
        .is_some_and(|s| s.next.is_none() && s.done.iter().any(|r| r == contract::RUNG_APPEAL));
    match standing.map(|s| (s.next.as_deref(), s.open)) {
        _ if appealed => actions.extend(rung(contract::RUNG_AFTER_APPEAL).map(|s| of(s, None))),
        Some((Some(contract::RUNG_APPEAL), Some(true))) => {
            let mut steps = rung(contract::RUNG_APPEAL);
            actions.extend(steps.next().map(|s| of(s, draft("appeal"))));
            // Where to file: the step that names the appeal website.
            actions.extend(
                rung(contract::RUNG_APPEAL)
                    .skip(1)
                    .find(|s| s.sources.iter().any(|f| f == contract::APPEAL_WEBSITE))
                    .map(|s| of(s, None)),
            );
        }
        Some((Some(contract::RUNG_APPEAL), Some(false))) => {
            actions.push(chase(report));
        }
        Some((Some(contract::RUNG_APPEAL), None)) => {
            actions.extend(rung(contract::RUNG_APPEAL).next().map(|s| of(s, None)));
        }
        Some((Some(contract::RUNG_COMPLAINT), _)) => {
            actions.extend(
                rung(contract::RUNG_COMPLAINT)
                    .next()
                    .map(|s| of(s, draft("complaint"))),
            );
        }
        _ => {}
    }
    // Then the first step of each cause found (its first two when there is
    // one cause), or how to check a possible cause when none is certain.
    let firsts: Vec<&StepView> = if report.conclusions.len() == 1 {
        report.steps.iter().take(2).collect()
    } else {
        report
            .conclusions
            .iter()
            .filter_map(|c| {
                report
                    .steps
                    .iter()
                    .find(|s| s.conclusion.as_deref() == Some(c.id.as_str()))
            })
            .collect()
    };
    // A call already planned above (the complaint line is the hotline) is
    // not planned twice.
    let calling = actions.iter().any(|a| a.channel.is_some());
    actions.extend(
        firsts
            .into_iter()
            .filter(|s| !(calling && s.channel.as_ref().is_some_and(|c| c.kind == "hotline")))
            .map(|s| of(s, None)),
    );
    if report.conclusions.is_empty() {
        for possible in &report.possible_causes {
            actions.extend(possible.check.first().map(|check| NowView {
                action: check.clone(),
                channel: None,
                command: None,
                sources: possible.facts.clone(),
            }));
        }
    }
    let mut seen = std::collections::HashSet::new();
    actions.retain(|a| seen.insert(a.action.clone()));
    actions.truncate(MOST);
    actions
}

fn of(step: &StepView, command: Option<String>) -> NowView {
    NowView {
        action: step.action.clone(),
        channel: step.channel.clone(),
        command,
        sources: step.sources.clone(),
    }
}

/// The complaint is inside the carrier's time: chase it with its ticket
/// through the complaint channel, and say when the appeal opens.
fn chase(report: &Report) -> NowView {
    let lang: Lang = report.lang;
    let complaint = report
        .escalation
        .iter()
        .find(|s| s.rung.as_deref() == Some(contract::RUNG_COMPLAINT));
    let channel = complaint.and_then(|s| s.channel.clone());
    let via = channel
        .as_ref()
        .map(|c| lang.tr(format!("拨打{}", c.value), format!("call {}", c.value)))
        .unwrap_or_else(|| lang.pick("联系运营商", "contact the carrier").to_owned());
    let ticket = report
        .timeline
        .as_ref()
        .and_then(|t| t.complaint_ticket.as_deref())
        .map(|t| format!(" {t} "))
        .unwrap_or_default();
    let from = report
        .standing
        .as_ref()
        .and_then(|s| s.next_from)
        .map(|d| d.to_string())
        .unwrap_or_default();
    NowView {
        action: lang.tr(
            format!("投诉还在运营商的答复期内：{via}，凭工单号{ticket}催办，要求转值班经理；{from} 起可以向省级申诉受理机构申诉（常说的“工信部申诉”），那时用 unsub-doctor draft appeal 写申诉信"),
            format!("The complaint is still within the carrier's time: {via} and chase it with its ticket number{}, asking for the duty manager; from {from} you may appeal to the provincial appeal body (what people call \"appealing to MIIT\"), and unsub-doctor draft appeal will write the appeal then", ticket.trim_end()),
        ),
        channel,
        // Not offered as the command to run now: before the date the
        // appeal letter is refused, rightly.
        command: None,
        sources: complaint.map(|s| s.sources.clone()).unwrap_or_default(),
    }
}
