//! `unsub-doctor draft complaint|appeal`: the diagnosis, with the case
//! details a letter needs, written as a letter to stdout or to a file that
//! is never left half written.

use std::io::Write;

use anyhow::Context as _;

use crate::cli::DraftArgs;
use crate::config::Config;
use crate::error::Exit;

use crate::rules::AskIn;
use crate::save;
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
    let letter = letter::letter(&report, args.kind, args.format, session.today);
    match &args.out {
        Some(path) => save::write_atomic(path, letter.as_bytes(), args.force, config.lang)
            .with_context(|| {
                config.lang.tr(
                    format!("无法写入草稿 `{}`", path.display()),
                    format!("cannot write the draft to `{}`", path.display()),
                )
            })?,
        None => stdout.write_all(letter.as_bytes())?,
    }
    Ok(Exit::Ok)
}
