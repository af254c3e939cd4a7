//! The command line: every flag, its `--help` line, and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::lang::Lang;

const EXIT_CODES: &str = "\
Exit codes:
  0    diagnosed (or the command succeeded)
  1    runtime failure (unreadable file, unwritable output)
  2    usage error or bad answer (unknown question id or value)
  3    more answers needed and no terminal to ask them at
  4    invalid rule files
  130  interrupted at a prompt (the --answers line to resume is printed)

Examples:
  unsub-doctor                                  ask the questions in the terminal
  unsub-doctor --carrier mobile --lang en       start with the carrier known, in English
  unsub-doctor --json --answers carrier=unicom,symptom=code_failed,code_source=website
  unsub-doctor questions                        every question id and its values";

/// Find out why a mobile data package will not unsubscribe (退订) at China
/// Mobile, China Unicom or China Telecom, and what to do next.
///
/// Answers a few questions (asked in the terminal, or given with --answers),
/// then prints the likely cause, the carrier's official channel, the steps to
/// take, the evidence to keep and how to escalate.
#[derive(Debug, Parser)]
#[command(name = "unsub-doctor", version, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub diagnose: DiagnoseArgs,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every question id with its allowed values, for --answers.
    Questions,
}

/// How to answer the questions.
#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// Answer questions up front: ID=VALUE[,ID=VALUE...]; may be repeated.
    #[arg(long, short = 'a', value_name = "ID=VALUE,...")]
    pub answers: Vec<String>,

    /// Your carrier: mobile, unicom or telecom (also cmcc, cucc, ctcc, 移动, 联通, 电信).
    /// The same as --answers carrier=X.
    #[arg(long, short = 'c', value_name = "CARRIER")]
    pub carrier: Option<String>,

    /// Never prompt, even in a terminal: exit 3 with the next question when an answer is missing.
    #[arg(long)]
    pub no_input: bool,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Load rule files from DIR: its files replace built-in files of the same name
    /// and add new ones; may be repeated, later directories win.
    #[arg(long, value_name = "DIR", global = true)]
    pub rules: Vec<PathBuf>,

    /// Language of questions and results [default: zh, or en when the locale is English].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,

    /// The same as --format json.
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// When to color output; NO_COLOR in the environment turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

impl CommonArgs {
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: colored when the output is a terminal.
    Text,
    /// One JSON object on stdout, for programs.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
