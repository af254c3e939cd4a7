//! Shell integration: the completion scripts (made by `complete`) and the
//! man page (clap_mangen), both from the same definitions as `--help`.

use std::io::Write;

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::error::Exit;

/// `unsub-doctor completions SHELL`.
pub fn completions(shell: Shell, out: &mut impl Write) -> anyhow::Result<Exit> {
    super::complete::registration(shell, out)
}

/// `unsub-doctor man`.
pub fn man(out: &mut impl Write) -> anyhow::Result<Exit> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Exit::Ok)
}
