//! `unsub-doctor why-not CAUSE`: why these answers do not find a cause, and
//! the smallest change that does. Never prompts and never saves: it works
//! from the answers given, complete or not.

use std::io::Write;

use crate::cli::{Format, WhyNotArgs};
use crate::config::Config;
use crate::error::{Error, Exit};

use crate::report::explain;
use crate::rules::AskIn;
use crate::session::{self, Keep, Request};
use crate::write;

/// The most paths through the tree the search for the smallest change reads.
const SEARCH_LIMIT: usize = 100_000;

pub fn run(config: &Config, args: &WhyNotArgs, out: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let cause = &args.cause;
    let Some(cause_index) = tree.causes.iter().position(|c| &c.id == cause) else {
        let valid: Vec<String> = tree.causes.iter().map(|c| c.id.clone()).collect();
        return Err(Error::BadAnswer {
            message: config.lang.tr(
                format!("没有原因 `{cause}`；可选的原因：{}", valid.join(", ")),
                format!("unknown cause `{cause}`; causes: {}", valid.join(", ")),
            ),
            question: "cause".to_owned(),
            valid,
        }
        .into());
    };
    let request = Request {
        prompt: false,
        keep: Keep::No,
        transient: &[],
        ..super::request(config, &args.diagnose, AskIn::Diagnose)
    };
    let session = session::gather(&request, tree, super::prompts(config), config.today)?;
    let answer = explain::why_not(
        tree,
        cause_index,
        &session.answers,
        &session.outcome,
        config.lang,
        SEARCH_LIMIT,
    )?;
    match args.output.format() {
        Format::Json => write::json(&answer, out)?,
        Format::Text => write::lists::why_not_text(&answer, config.lang, out)?,
    }
    Ok(Exit::Ok)
}
