//! `unsub-doctor draft complaint|appeal`: the diagnosis, with the case
//! details a letter needs, written as a letter to stdout or to a file that
//! is never left half written.

use std::io::Write;

use anyhow::Context as _;

use crate::cli::DraftArgs;
use crate::config::Config;
use crate::contract;
use crate::error::{Error, Exit};
use crate::files;
use crate::lang::Lang;
use crate::report::Report;
use crate::tree::Tree;

use crate::rules::AskIn;
use crate::session;
use crate::write::letter;

pub fn run(config: &Config, args: &DraftArgs, stdout: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let request = super::request(config, &args.diagnose, AskIn::Draft);
    let session = session::gather(&request, tree, super::prompts(config), config.today)?;
    super::note_unused(&session, tree, config.lang);
    if let Some(exit) = super::stop_for_missing_answer(config, tree, &session)? {
        return Ok(exit);
    }
    let report = session.report(tree, config.lang);
    if args.kind == letter::DraftKind::Appeal {
        appeal_may_be_filed(tree, &report, config.lang)?;
    }
    let letter = letter::letter(&report, args.kind, args.format, session.today);
    match &args.out {
        Some(path) => {
            files::write(path, letter.as_bytes(), args.force, config.lang).with_context(|| {
                config.lang.tr(
                    format!("无法写入草稿 `{}`", path.display()),
                    format!("cannot write the draft to `{}`", path.display()),
                )
            })?
        }
        None => stdout.write_all(letter.as_bytes())?,
    }
    Ok(Exit::Ok)
}

/// An appeal needs a complaint first, answered unsatisfactorily or not
/// answered in the carrier's time: before that, no appeal letter is written
/// (one would claim a complaint that did not happen, or be filed too early);
/// the error says why, from when, and offers the complaint letter.
fn appeal_may_be_filed(tree: &Tree, report: &Report, lang: Lang) -> Result<(), Error> {
    let appeal = report.timeline.as_ref().and_then(|t| t.appeal.as_ref());
    let rule = tree
        .fact(contract::APPEAL_WAIT)
        .map(|f| {
            lang.tr(
                format!("（{}）", tree.facts[f].label.zh),
                format!(" ({})", tree.facts[f].label.en),
            )
        })
        .unwrap_or_default();
    let complaint = "unsub-doctor draft complaint";
    let message = match appeal {
        Some(window) if window.open => return Ok(()),
        Some(window) => match window.from {
            Some(from) => lang.tr(
                format!("现在还不能申诉：运营商的答复期还没过，{from} 起才可以申诉{rule}。在那之前，凭工单号催办投诉；要写投诉信，用 {complaint}。"),
                format!("The appeal cannot be filed yet: the carrier's time to answer is not up, and the appeal opens on {from}{rule}. Until then, chase the complaint with its ticket number; for a complaint letter, use {complaint}."),
            ),
            None => lang.tr(
                format!("现在还不能申诉：申诉前须先向运营商正式投诉{rule}。先投诉：{complaint} 可以写好投诉信。"),
                format!("The appeal cannot be filed yet: a formal complaint to the carrier must come first{rule}. Complain first: {complaint} writes the complaint letter."),
            ),
        },
        None => lang.tr(
            format!("申诉前须先向运营商正式投诉{rule}。还没投诉的，先用 {complaint} 写投诉信；已经投诉过的，请说明结果和日期（--answers complaint=no_reply 或 complaint=unsatisfied，complaint_date=YYYY-MM-DD）。"),
            format!("An appeal needs a formal complaint to the carrier first{rule}. If you have not complained, write the complaint with {complaint}; if you have, give its result and date (--answers complaint=no_reply or complaint=unsatisfied, complaint_date=YYYY-MM-DD)."),
        ),
    };
    Err(Error::NotYet(message))
}
