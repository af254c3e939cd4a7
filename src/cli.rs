//! The command line: every flag, its `--help` line, and nothing else.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::{
    Args, CommandFactory as _, FromArgMatches as _, Parser, Subcommand, ValueEnum, ValueHint,
};

use crate::lang::Lang;
use crate::write::graph::GraphFormat;
use crate::write::letter::{DraftFormat, DraftKind};

const EXIT_CODES: &str = "\
Exit codes:
  0    diagnosed (or the command succeeded)
  1    runtime failure (unreadable file, unwritable output), or a failing rule case
  2    usage error or bad answer (unknown question id or value)
  3    more answers needed and no terminal to ask them at
  4    invalid rule files
  5    not possible yet (`draft appeal` before a complaint, or before the carrier's time is up)
  130  interrupted at a prompt (the --answers line to resume is printed)

Environment:
  UNSUB_DOCTOR_RULES   rule directories to load before any --rules, separated like PATH
  NO_COLOR             no color with --color auto
  COLUMNS              the width to wrap text to, also on a pipe (otherwise the terminal's)
  LC_ALL, LC_MESSAGES, LANG   English when the locale is English
  UNSUB_DOCTOR_COMPLETE   set by the completion scripts at the Tab key, not by hand

Examples:
  unsub-doctor                                  ask the questions in the terminal
  unsub-doctor --carrier mobile --lang en       start with the carrier known, in English
  unsub-doctor --json --answers carrier=unicom,symptom=code_failed,code_source=website
  unsub-doctor questions                        every question id and its values
  unsub-doctor rules check --rules my-pack      check a rule pack";

/// What `--version` says after the name: the version, the date the newest
/// built-in fact was checked and, when built from git, the commit:
/// `0.1.0 (rules checked up to 2026-12-01, commit abc1234)` (`build.rs`).
pub const VERSION: &str = env!("UNSUB_DOCTOR_VERSION");

/// Find out why a mobile data package will not unsubscribe (退订) at China
/// Mobile, China Unicom or China Telecom, and what to do next.
///
/// Answers a few questions (asked in the terminal, or given with --answers),
/// then prints the likely cause, the carrier's official channel, the steps to
/// take, the evidence to keep and how to escalate.
#[derive(Debug, Parser)]
#[command(name = "unsub-doctor", version = VERSION, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub diagnose: DiagnoseArgs,

    #[command(flatten)]
    pub output: DiagnosisOutput,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// How the diagnosis is printed.
#[derive(Debug, Args)]
pub struct DiagnosisOutput {
    /// Output format: text for people, json for programs, markdown for a chat or a note.
    #[arg(long, value_enum, default_value_t = DiagnosisFormat::Text)]
    pub format: DiagnosisFormat,

    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

impl DiagnosisOutput {
    pub fn format(&self) -> DiagnosisFormat {
        if self.json {
            DiagnosisFormat::Json
        } else {
            self.format
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosisFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every question id with its allowed values, for --answers.
    Questions(OutputArgs),
    /// Write a complaint to the carrier, or an appeal to the telecom user
    /// appeal centre, from the diagnosis; personal details are left as marked blanks.
    Draft(DraftArgs),
    /// Record whether the last step worked and, if not, move one rung up the
    /// escalation ladder, with its dates (needs --resume FILE).
    Followup(FollowupArgs),
    /// Diagnose many cases: JSON Lines in (one object of answers per line, from
    /// FILE or stdin), JSON Lines out, one result per line in the same order.
    Batch(BatchArgs),
    /// Why a cause was not found with these answers, and the smallest change of answers that finds it.
    WhyNot(WhyNotArgs),
    /// Print a shell completion script: commands, options and the --answers ids
    /// and values of the loaded rules complete at the Tab key.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), for `man -l -` or installing as unsub-doctor.1.
    Man,
    /// Print the JSON Schema of every JSON output, keyed by output name.
    Schema,
    /// Tools for rule authors: check, paths, test, graph, list.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

// The argument groups below carry no doc comment: a subcommand's help text
// is its variant's doc comment above.

#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Which letter: complaint (to the carrier) or appeal (to the appeal centre).
    #[arg(value_enum)]
    pub kind: DraftKind,
    /// Write the letter to FILE instead of stdout (never replacing an existing file without --force).
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Plain text, or Markdown with headings and a checklist.
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    #[command(flatten)]
    pub diagnose: DiagnoseArgs,
}

#[derive(Debug, Args)]
pub struct FollowupArgs {
    #[command(flatten)]
    pub diagnose: DiagnoseArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The input file; stdin when absent.
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,
    /// The date deadlines are counted from [default: today in China].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,
    /// Write only the ids of each result (status, carrier, causes, conclusions, next
    /// question) instead of the full report: for routing large queues.
    #[arg(long)]
    pub brief: bool,
}

#[derive(Debug, Args)]
pub struct WhyNotArgs {
    /// The cause id, such as contract_lock, bundling or unconsented_order; an unknown id lists them all.
    pub cause: String,
    #[command(flatten)]
    pub diagnose: DiagnoseArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Report every problem of the loaded rules, with file, line and column.
    Check {
        /// Fail (exit 4) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Warn about facts last checked more than DAYS days ago.
        #[arg(long, value_name = "DAYS", default_value_t = 365)]
        stale_after: u32,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Every path from the start to a diagnosis, counted per carrier and per
    /// cause, and the conclusions no case covers.
    Paths {
        /// Stop with an error beyond this many paths.
        #[arg(long, value_name = "N", default_value_t = 10_000)]
        limit: usize,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Run the [[case]] scenarios of the loaded rules.
    Test {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Draw the decision tree as a Mermaid or Graphviz diagram.
    Graph {
        /// Diagram language: mermaid (for Markdown) or dot (for Graphviz).
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
        /// Only the part of the tree one carrier's users walk (mobile, unicom, telecom or an alias).
        #[arg(long, value_name = "CARRIER")]
        carrier: Option<String>,
    },
    /// Causes, questions, conclusions, facts and cases per file, and what later packs replaced.
    List {
        /// Also list every fact: its confidence, when its source was checked,
        /// the source, the note for users and the note for rule authors.
        #[arg(long)]
        facts: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// How to answer the questions.
#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// Answer questions up front: ID=VALUE[,ID=VALUE...]; may be repeated.
    /// A comma in a value is written \, and a backslash \\
    /// (complaint_ticket='YD 2026\,二次').
    #[arg(long, short = 'a', value_name = "ID=VALUE,...")]
    pub answers: Vec<String>,

    /// Your carrier: mobile, unicom or telecom (also cmcc, cucc, ctcc, 移动, 联通, 电信).
    /// The same as --answers carrier=X.
    #[arg(long, short = 'c', value_name = "CARRIER")]
    pub carrier: Option<String>,

    /// Never prompt, even in a terminal: exit 3 with the next question when an answer is missing.
    #[arg(long)]
    pub no_input: bool,

    /// Save every answer to FILE as it is given (TOML a person can edit). An
    /// existing FILE is never replaced: --resume it to go on.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub save: Option<PathBuf>,

    /// Go on from the answers saved in FILE (answers on the command line win),
    /// and keep saving to it unless --save names another file.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub resume: Option<PathBuf>,

    /// The date deadlines are counted from [default: today in China].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<jiff::civil::Date>,

    /// Show the path taken and, for each cause, the answers and rule that found it.
    #[arg(long)]
    pub explain: bool,

    /// Show everything: every step of each escalation rung, how to avoid the
    /// problem next time, and each source's document, address and notes.
    #[arg(long)]
    pub full: bool,
}

/// `--today`'s value, refused in English; the Chinese command line
/// (`help_zh`) refuses it in Chinese.
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a date like 2026-11-25 (YYYY-MM-DD)"))
}

// Text for people or JSON for programs.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format: text for people, json for programs.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// The same as --format json.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Load a rules directory as a layer over the built-in rules: its
    /// definitions replace those with the same id and add new ones. May be
    /// repeated; later directories win.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath, global = true)]
    pub rules: Vec<PathBuf>,

    /// Start from no rules at all instead of the built-in ones.
    #[arg(long, global = true)]
    pub no_builtin: bool,

    /// Language: zh (Chinese) or en (English) [default: zh, or en when the locale is English].
    #[arg(long, value_enum, global = true)]
    pub lang: Option<Lang>,

    /// When to color output; NO_COLOR in the environment turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Plain output for screen readers and logs: no color, no Unicode symbols,
    /// no cursor movement (questions are answered by number). TERM=dumb does the same.
    #[arg(long, global = true)]
    pub plain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

// The language enum lives in `lang`, which the build script compiles without
// clap; its command-line values are declared here.
impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Lang] {
        &[Lang::Zh, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }))
    }
}

/// Parses the command line, with `--help` and parse errors in the user's
/// language. The Chinese command is built only when it has something to say:
/// building it costs more than parsing.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    match matches(&mut command, args.clone()) {
        Ok(matches) => Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command)),
        Err(error)
            if lang == Lang::Zh && error.kind() != clap::error::ErrorKind::DisplayVersion =>
        {
            let mut chinese = crate::help_zh::translate(Cli::command());
            match matches(&mut chinese, args) {
                Ok(matches) => Cli::from_arg_matches(&matches),
                Err(error) => Err(error),
            }
            .map_err(|e| if e.kind() == error.kind() { e } else { error })
        }
        Err(error) => Err(error),
    }
}

/// Parses `args`, refusing the diagnosis' own options before a subcommand.
/// Those options are the diagnosis' (no subcommand); a subcommand that takes
/// the same option has its own, after its name. Given before it, they would
/// be parsed and then silently ignored (`--carrier unicom draft complaint`
/// wrote a China Mobile letter), so they are a usage error that says where
/// they go. The options every command takes (`--rules`, `--lang`, ...) are
/// global and apply wherever they stand.
fn matches(
    command: &mut clap::Command,
    args: Vec<OsString>,
) -> Result<clap::ArgMatches, clap::Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let matches = command.try_get_matches_from_mut(args)?;
    let Some(subcommand) = matches.subcommand_name() else {
        return Ok(matches);
    };
    let misplaced = command.get_arguments().find(|arg| {
        !arg.is_global_set()
            && matches.value_source(arg.get_id().as_str())
                == Some(clap::parser::ValueSource::CommandLine)
    });
    let Some(arg) = misplaced else {
        return Ok(matches);
    };
    let name = arg
        .get_long()
        .map_or_else(|| arg.get_id().to_string(), |long| format!("--{long}"));
    let mut error = clap::Error::new(ErrorKind::ArgumentConflict).with_cmd(command);
    error.insert(ContextKind::InvalidArg, ContextValue::String(name.clone()));
    error.insert(
        ContextKind::PriorArg,
        ContextValue::String(subcommand.to_owned()),
    );
    error.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![
            format!(
                "options of a command go after its name: `unsub-doctor {subcommand} ... {name} ...`"
            )
            .into(),
        ]),
    );
    Err(error)
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
