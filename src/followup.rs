//! `unsub-doctor followup --resume FILE`: did the last step work? If not,
//! the case moves one rung up the escalation ladder (ask a manager, complain,
//! the supervision line, the MIIT appeal), shown with its steps and dates,
//! and the outcome is recorded in the answers file.

use std::io::Write;

use serde::Serialize;

use crate::answers::DetailValue;
use crate::cli::{DiagnoseArgs, Format};
use crate::engine::End;
use crate::error::{Error, Exit};
use crate::lang::{Lang, tr};
use crate::write::page::{Look, Page};
use crate::report::{Report, RungView, SCHEMA_VERSION, StepView};
use crate::write;
use crate::save::{Followup, FollowupEntry};
use crate::report::timeline::Timeline;
use crate::tree::Tree;

/// The stage before any rung: the diagnosis's own steps.
pub const DIAGNOSIS: &str = "diagnosis";
/// The detail that answers "did the last step work?".
pub const WORKED: &str = "followup_worked";

#[derive(Serialize, schemars::JsonSchema)]
struct FollowupReport<'a> {
    schema_version: u32,
    /// `resolved`, `escalated`, or `top` (no rung left above).
    status: &'static str,
    /// The stage whose step was tried: `diagnosis` or a rung id.
    tried: String,
    /// The rung the case is on now, with its steps.
    rung: Option<&'a RungView>,
    steps: Vec<&'a StepView>,
    timeline: Option<&'a Timeline>,
    history: &'a [FollowupEntry],
}

/// How followup's result is shown.
pub struct Display {
    pub format: Format,
    pub look: Look,
    pub prompt_color: bool,
}

pub fn run(
    tree: &Tree,
    args: &DiagnoseArgs,
    display: Display,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let plain = display.look == Look::Plain;
    if args.resume.is_none() {
        return Err(Error::Usage(tr(
            "followup 需要 --resume FILE（用 --save 保存的答案文件）",
            "followup needs --resume FILE, the answers saved with --save",
        ))
        .into());
    }
    let session = crate::session(
        args,
        tree,
        lang,
        display.prompt_color,
        plain,
        crate::rules::AskIn::Followup,
    )?;
    if let Some(exit) = crate::needs_input(tree, &session, lang)? {
        return Ok(exit);
    }
    debug_assert_eq!(session.outcome.end, End::Diagnosed);
    let worked = match session.answers.detail_by_id(tree, WORKED) {
        Some(DetailValue::Choice(c)) => tree
            .detail(WORKED)
            .map(|d| tree.details[d].choices[*c].value == "yes"),
        _ => None,
    };
    let Some(worked) = worked else {
        return Err(Error::Usage(tr(
            format!("上一步有效吗？请用 --answers {WORKED}=yes 或 {WORKED}=no 回答"),
            format!("did the last step work? answer with --answers {WORKED}=yes or {WORKED}=no"),
        ))
        .into());
    };
    let report = session.report(tree, lang);
    let Some((path, mut file)) = session.save else {
        unreachable!("--resume names the file to save to");
    };
    let mut state = file.followup.take().unwrap_or_else(|| Followup {
        rung: DIAGNOSIS.to_owned(),
        history: Vec::new(),
    });
    let tried = state.rung.clone();
    state.history.push(FollowupEntry {
        date: session.today.to_string(),
        rung: tried.clone(),
        worked,
    });
    let position = report.rungs.iter().position(|r| r.id == tried);
    let next = match position {
        None => report.rungs.first(),
        Some(i) => report.rungs.get(i + 1),
    };
    let status = match (worked, next) {
        (true, _) => "resolved",
        (false, Some(next)) => {
            state.rung = next.id.clone();
            "escalated"
        }
        (false, None) => "top",
    };
    // The answer belongs to this followup only: the next one asks again.
    file.answers.remove(WORKED);
    file.followup = Some(state.clone());
    file.store(&path)?;

    let rung = report.rungs.iter().find(|r| r.id == state.rung);
    let steps: Vec<&StepView> = report
        .escalation
        .iter()
        .filter(|s| s.rung.as_deref() == Some(state.rung.as_str()))
        .collect();
    let view = FollowupReport {
        schema_version: SCHEMA_VERSION,
        status,
        tried,
        rung,
        steps,
        timeline: report.timeline.as_ref(),
        history: &state.history,
    };
    match display.format {
        Format::Json => write::json(&view, out)?,
        Format::Text => write_text(
            &view,
            &report,
            &mut Page::new(out, display.look, crate::write::page::terminal_width()),
        )?,
    }
    Ok(Exit::Ok)
}

fn write_text<W: Write>(
    view: &FollowupReport,
    report: &Report,
    page: &mut Page<W>,
) -> std::io::Result<()> {
    let zh = report.lang == Lang::Zh;
    let headline = match (view.status, zh) {
        ("resolved", true) => "已记录：问题解决了。请保留好证据和确认短信。",
        ("resolved", false) => {
            "Recorded: the problem is solved. Keep the evidence and the confirmation SMS."
        }
        ("top", true) => "已经到了最后一级。请按下面的步骤继续，并保留全部证据。",
        ("top", false) => {
            "This is the last rung. Go on with the steps below and keep all the evidence."
        }
        (_, true) => "已记录：上一步没有解决。下一级：",
        (_, false) => "Recorded: the last step did not work. Next rung:",
    };
    page.title(headline)?;
    if view.status == "resolved" {
        return Ok(());
    }
    if let Some(rung) = view.rung {
        page.heading(&rung.title)?;
    }
    for (i, step) in view.steps.iter().enumerate() {
        page.numbered(i + 1, &step.action)?;
    }
    if let Some(timeline) = view.timeline {
        crate::write::timeline::write_timeline(page, report, timeline)?;
    }
    page.heading(if zh { "记录" } else { "History" })?;
    for entry in view.history {
        let result = match (entry.worked, zh) {
            (true, true) => "解决了",
            (false, true) => "没有解决",
            (true, false) => "worked",
            (false, false) => "did not work",
        };
        page.item(&format!("{} {}: {result}", entry.date, entry.rung))?;
    }
    Ok(())
}

/// The JSON Schema of `followup --format json`, for `unsub-doctor schema`.
pub fn schema() -> schemars::Schema {
    crate::schema::of::<FollowupReport<'static>>()
}
