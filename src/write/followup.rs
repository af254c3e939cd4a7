//! followup's result for people: the headline, the rung the case is on now
//! with its steps and dates, and the history of what was tried.

use std::io::Write;

use crate::report::Report;
use crate::report::followup::FollowupReport;
use crate::write::page::Page;
use crate::write::timeline::write_timeline;

/// The result of one followup, on a page.
pub fn text<W: Write>(
    view: &FollowupReport,
    report: &Report,
    page: &mut Page<W>,
) -> std::io::Result<()> {
    let lang = report.lang;
    let headline = match view.status {
        "resolved" => lang.pick(
            "已记录：问题解决了。请保留好证据和确认短信。",
            "Recorded: the problem is solved. Keep the evidence and the confirmation SMS.",
        ),
        "waiting" => lang.pick(
            "已记录：上一步没有解决。但还不能申诉：申诉前须先向运营商正式投诉，并且对答复不满意或运营商在期限内没有答复。现在这一级继续：",
            "Recorded: the last step did not work. But the appeal may not be filed yet: it needs a formal complaint to the carrier first, answered unsatisfactorily or not answered in the carrier's time. Stay on this rung:",
        ),
        "top" => lang.pick(
            "已经到了最后一级。请按下面的步骤继续，并保留全部证据。",
            "This is the last rung. Go on with the steps below and keep all the evidence.",
        ),
        _ => lang.pick(
            "已记录：上一步没有解决。下一级：",
            "Recorded: the last step did not work. Next rung:",
        ),
    };
    page.title(headline)?;
    if view.status == "resolved" {
        return Ok(());
    }
    if let Some(opens) = view.opens {
        page.status(
            &lang.tr(
                format!("{opens} 起才可以申诉"),
                format!("The appeal opens on {opens}"),
            ),
            false,
        )?;
    }
    if let Some(rung) = view.rung {
        page.heading(&rung.title)?;
    }
    for (i, step) in view.steps.iter().enumerate() {
        page.numbered(i + 1, &step.action)?;
    }
    if let Some(timeline) = view.timeline {
        write_timeline(page, report, timeline, true)?;
    }
    page.heading(lang.pick("记录", "History"))?;
    for entry in view.history {
        let result = match entry.worked {
            true => lang.pick("解决了", "worked"),
            false => lang.pick("没有解决", "did not work"),
        };
        page.item(&format!("{} {}: {result}", entry.date, entry.rung))?;
    }
    Ok(())
}
