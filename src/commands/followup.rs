//! `unsub-doctor followup --resume FILE`: did the last step work? If not,
//! the case moves one rung up the escalation ladder (ask a manager, complain,
//! the supervision line, the MIIT appeal), shown with its steps and dates,
//! and the outcome is recorded in the answers file.

use std::collections::BTreeMap;
use std::io::Write;

use crate::answers::DetailValue;
use crate::cli::{FollowupArgs, Format};
use crate::config::Config;
use crate::contract::{self, FOLLOWUP_WORKED as WORKED};
use crate::engine::End;
use crate::error::{Error, Exit};

use crate::report::SCHEMA_VERSION;
use crate::report::StepView;
use crate::report::followup::FollowupReport;
use crate::rules::AskIn;
use crate::save::{Followup, FollowupEntry};
use crate::session::{self, Keep, Request};
use crate::write::{self, page::Page};

/// The stage before any rung: the diagnosis's own steps.
pub const DIAGNOSIS: &str = "diagnosis";

pub fn run(config: &Config, args: &FollowupArgs, out: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    if args.diagnose.resume.is_none() {
        return Err(Error::Usage(config.lang.tr(
            "followup 需要 --resume FILE（用 --save 保存的答案文件）",
            "followup needs --resume FILE, the answers saved with --save",
        ))
        .into());
    }
    let request = Request {
        // The file is written once, with the answers and the outcome together:
        // a file holding the answer without its history would escalate again.
        keep: Keep::Command,
        // The answer belongs to this followup only: the next one asks again.
        transient: &[WORKED],
        ..super::request(config, &args.diagnose, AskIn::Followup)
    };
    let mut session = session::gather(&request, tree, super::prompts(config), config.today)?;
    let answers: BTreeMap<String, String> = session.answers.to_pairs(tree).into_iter().collect();
    super::note_unused(&session, tree, config.lang);
    if let Some(exit) = super::stop_for_missing_answer(config, tree, &session)? {
        if let Some(keeper) = &mut session.save {
            keeper.store(&answers, config.lang)?;
        }
        return Ok(exit);
    }
    debug_assert_eq!(session.outcome.end, End::Diagnosed);
    let worked = match session.answers.detail_by_id(tree, WORKED) {
        Some(DetailValue::Choice(c)) => tree
            .detail(WORKED)
            .map(|d| tree.details[d].choices[*c].value == contract::FOLLOWUP_YES),
        _ => None,
    };
    // An answer still missing, as for any walk: exit 3 with what to answer.
    let Some(worked) = worked else {
        let w = crate::lang::words(config.lang);
        let message = config.lang.tr(
            format!(
                "{}: 上一步有效吗？请用 --answers {WORKED}=yes 或 {WORKED}=no 回答",
                w.more_answers
            ),
            format!(
                "{}: did the last step work? answer with --answers {WORKED}=yes or {WORKED}=no",
                w.more_answers
            ),
        );
        let _ = writeln!(std::io::stderr(), "{}", crate::visible::visible(&message));
        return Ok(Exit::NeedsInput);
    };
    let report = session.report(tree, config.lang);
    // The first followup starts where the user already stands (a complaint
    // made, an appeal filed), not at the bottom of the ladder.
    let start = report
        .standing
        .as_ref()
        .and_then(|s| s.done.last().cloned())
        .unwrap_or_else(|| DIAGNOSIS.to_owned());
    let saved = session
        .save
        .as_ref()
        .and_then(|k| k.saved().followup.clone());
    let mut state = saved.unwrap_or_else(|| Followup {
        rung: start,
        history: Vec::new(),
    });
    let tried = state.rung.clone();
    let entry = FollowupEntry {
        date: session.today.to_string(),
        rung: tried.clone(),
        worked,
    };
    state.history.push(entry.clone());
    let position = report.rungs.iter().position(|r| r.id == tried);
    let next = match position {
        None => report.rungs.first(),
        Some(i) => report.rungs.get(i + 1),
    };
    // The appeal needs a complaint answered unsatisfactorily, or left
    // unanswered past the carrier's time: until then the case stays where
    // it is, however many steps failed.
    let appeal = report.timeline.as_ref().and_then(|t| t.appeal.as_ref());
    let appeal_open = appeal.is_some_and(|w| w.open);
    let opens = appeal.filter(|w| !w.open).and_then(|w| w.from);
    let status = match (worked, next) {
        (true, _) => "resolved",
        (false, Some(next)) if next.id == contract::RUNG_APPEAL && !appeal_open => "waiting",
        (false, Some(next)) => {
            state.rung = next.id.clone();
            "escalated"
        }
        (false, None) => "top",
    };
    if let Some(keeper) = &mut session.save {
        // Another followup of the same file may have written meanwhile: its
        // history is kept, and this one's entry is added to it.
        keeper.update(&answers, config.lang, |file| {
            let history = match &file.followup {
                Some(on_disk) => {
                    let mut history = on_disk.history.clone();
                    history.push(entry.clone());
                    history
                }
                None => state.history.clone(),
            };
            file.followup = Some(Followup {
                rung: state.rung.clone(),
                history,
            });
        })?;
    }

    let rung = report.rungs.iter().find(|r| r.id == state.rung);
    let steps: Vec<&StepView> = report
        .escalation
        .iter()
        .filter(|s| s.rung.as_deref() == Some(state.rung.as_str()))
        .collect();
    let view = FollowupReport {
        schema_version: SCHEMA_VERSION,
        status,
        rules_checked: report.rules_checked.as_deref(),
        tried,
        opens: (status == "waiting").then_some(opens).flatten(),
        rung,
        steps,
        timeline: report.timeline.as_ref(),
        history: &state.history,
    };
    match args.output.format() {
        Format::Json => write::json(&view, out)?,
        Format::Text => write::followup::text(
            &view,
            &report,
            &mut Page::new(out, config.look(), config.width),
        )?,
    }
    Ok(Exit::Ok)
}
