//! `unsub-doctor questions`: every question id and its values, for `--answers`.

use std::io::Write;

use crate::cli::Format;
use crate::config::Config;
use crate::error::Exit;
use crate::report;
use crate::write;

pub fn run(config: &Config, format: Format, out: &mut impl Write) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let list = report::question_list(tree, config.lang);
    match format {
        Format::Json => write::json(&list, out)?,
        Format::Text => write::lists::question_list_text(&list, out)?,
    }
    Ok(Exit::Ok)
}
