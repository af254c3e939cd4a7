//! One resolved configuration: the command line and the environment read
//! once, here and nowhere else, into the values every command runs with
//! (language, colour and look, rule layers, the date, whether a terminal may
//! be prompted, whether output is JSON). Below this module nothing asks the
//! environment; the language of messages is set once, from here.

use std::ffi::OsString;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::answers::Replay;
use crate::cli::{self, Cli, ColorChoice, Command, DiagnoseArgs, DiagnosisFormat, Format};
use crate::error::Exit;
use crate::lang::Lang;
use crate::rules::{self, Source};
use crate::tree::Tree;
use crate::visible;
use crate::write::page::Look;

/// Everything a command needs to know besides its own arguments.
#[derive(Debug, Clone)]
pub struct Config {
    pub lang: Lang,
    /// Colour on stdout.
    pub color: bool,
    /// Colour in the prompts, which are drawn on the terminal.
    pub prompt_color: bool,
    /// Plain look for screen readers, logs and dumb terminals.
    pub plain: bool,
    pub layers: Layers,
    /// The date deadlines are counted from.
    pub today: Date,
    /// Both stdin and stderr are terminals: prompts may be shown. dialoguer
    /// draws on stderr and reads the terminal, so both must be one.
    pub terminal: bool,
    /// The width to wrap text to: `COLUMNS`, else the terminal's when
    /// stdout is one.
    pub width: Option<usize>,
    /// `COLUMNS`, when it is a positive number: the width the page and the
    /// prompts wrap to, whatever the terminal's.
    pub columns: Option<usize>,
    /// The command prints JSON, so an error goes to stdout as JSON too.
    pub json: bool,
    /// The command and options a line to go on repeats.
    pub replay: Replay,
}

/// The rule layers to load: the built-in rules unless `--no-builtin`, then
/// `UNSUB_DOCTOR_RULES`' directories, then each `--rules` in order.
#[derive(Debug, Clone, Default)]
pub struct Layers {
    pub builtin: bool,
    pub dirs: Vec<PathBuf>,
}

impl Layers {
    /// The rule files of every layer, read but not yet checked.
    pub fn sources(&self, lang: Lang) -> anyhow::Result<Vec<Source>> {
        let sources = rules::load_layers(self.builtin, &self.dirs, lang)?;
        // A directory with no rule file adds nothing: most likely a wrong
        // path, so it is said (on stderr, where it cannot spoil a result).
        for (i, dir) in self.dirs.iter().enumerate() {
            if !sources.iter().any(|s| s.layer == i + 1) {
                let dir = crate::visible::visible(&dir.display().to_string()).into_owned();
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    lang.tr(
                        format!("注意：`{dir}` 里没有规则文件（*.toml），这一层是空的"),
                        format!("note: `{dir}` holds no rule files (*.toml): that layer is empty"),
                    )
                );
            }
        }
        Ok(sources)
    }

    /// The checked tree. It lives until the process ends and is never freed:
    /// freeing a tree's thousands of strings at exit would be time spent for
    /// nothing. The built-in rules alone come compiled, in `lang`.
    pub fn tree(&self, lang: Lang) -> anyhow::Result<&'static Tree> {
        if self.dirs.is_empty() && self.builtin {
            return crate::builtin::tree_in(lang);
        }
        let options = crate::check::Options {
            lang,
            ..crate::check::Options::default()
        };
        let tree = crate::check::build_with(&self.sources(lang)?, options)
            .map_err(|problems| crate::error::Error::invalid_rules(problems, lang))?;
        Ok(Box::leak(Box::new(tree)))
    }
}

impl Config {
    /// The look of a page for people: plain, or the terminal's.
    pub fn look(&self) -> Look {
        if self.plain {
            Look::Plain
        } else {
            Look::Terminal
        }
    }
}

/// Reads the command line `args` (program name first) and the environment.
/// `Err` is the exit code of a command line that asked for help or the
/// version (already printed) or that could not be parsed (the error printed).
/// `lang` is [`language`]'s answer for the same arguments.
pub fn resolve(args: Vec<OsString>, lang: Lang) -> Result<(Config, Cli), Exit> {
    let json = asks_for_json(&args);
    let cli = cli::parse(args, lang).map_err(|e| parse_error(&e, lang, json))?;
    // Debug builds only: lets the tests see what a bug's panic looks like.
    if cfg!(debug_assertions) && std::env::var_os("UNSUB_DOCTOR_TEST_PANIC").is_some() {
        panic!("UNSUB_DOCTOR_TEST_PANIC is set");
    }

    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let plain = cli.common.plain || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let color_for = |is_terminal: bool| match cli.common.color {
        _ if plain => false,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !env_set("NO_COLOR"),
    };
    let color = color_for(io::stdout().is_terminal());
    // A Windows console draws colors once it is asked to (Windows 10 and
    // later); one that cannot gets none. A file or a pipe gets what was asked.
    #[cfg(windows)]
    let color = color
        && (!io::stdout().is_terminal() || colored::control::set_virtual_terminal(true).is_ok());
    colored::control::set_override(color);

    let mut dirs = env_rule_dirs();
    dirs.extend(cli.common.rules.iter().cloned());

    let columns = columns();
    let today = match &cli.command {
        Some(Command::Batch(args)) => args.today,
        _ => diagnose_args(&cli).and_then(|args| args.today),
    };
    let config = Config {
        lang,
        color,
        prompt_color: color_for(true),
        plain,
        layers: Layers {
            builtin: !cli.common.no_builtin,
            dirs,
        },
        today: today.unwrap_or_else(crate::report::timeline::today),
        terminal: io::stdin().is_terminal() && io::stderr().is_terminal(),
        width: columns.or_else(terminal_width),
        columns,
        json: wants_json(&cli),
        replay: replay(&cli),
    };
    Ok((config, cli))
}

/// `UNSUB_DOCTOR_RULES`' directories, the layers loaded before any `--rules`.
fn env_rule_dirs() -> Vec<PathBuf> {
    std::env::var_os("UNSUB_DOCTOR_RULES")
        .map(|list| {
            std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The variable that asks for completions instead of a run, naming the
/// shell: the completion scripts run `UNSUB_DOCTOR_COMPLETE=bash unsub-doctor
/// -- ...` at each Tab. Empty or `0` is the same as unset.
pub const COMPLETE_VAR: &str = "UNSUB_DOCTOR_COMPLETE";

/// The shell asking for completions, when [`COMPLETE_VAR`] is set.
pub fn completion_shell() -> Option<String> {
    let shell = std::env::var_os(COMPLETE_VAR)?;
    (!shell.is_empty() && shell != "0").then(|| shell.to_string_lossy().into_owned())
}

/// The rule layers of a command line still being typed, as [`resolve`]
/// would find them, read from its words (`--rules DIR`, `--rules=DIR`,
/// `--no-builtin`): a line not yet finished may not parse.
pub fn layers_of_words(words: &[String]) -> Layers {
    let mut layers = Layers {
        builtin: true,
        dirs: env_rule_dirs(),
    };
    let mut words = words.iter().map(String::as_str);
    while let Some(word) = words.next() {
        match word {
            "--" => break,
            "--no-builtin" => layers.builtin = false,
            "--rules" => layers.dirs.extend(words.next().map(PathBuf::from)),
            _ => layers
                .dirs
                .extend(word.strip_prefix("--rules=").map(PathBuf::from)),
        }
    }
    layers
}

/// `COLUMNS` as other tools read it: a positive number of columns, which
/// also sets the width of output that goes to a file or a pipe. Anything
/// else is ignored.
fn columns() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse::<usize>()
        .ok()?;
    (columns > 0).then_some(columns)
}

/// The terminal's width, when stdout is one.
fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    dialoguer::console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| usize::from(columns))
}

/// The language a command line asks for, read before the command line is
/// parsed so that `--help` and parse errors speak it too: `--lang X`, else
/// the locale.
pub fn language(args: &[OsString]) -> Lang {
    let mut args = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_locale(|name| std::env::var(name).ok())
}

/// Whether a command line asks for JSON (`--json`, `--format json`), read
/// from the words themselves: a line that cannot be parsed still owes a
/// script its error as JSON.
fn asks_for_json(args: &[OsString]) -> bool {
    let mut words = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(word) = words.next() {
        match word {
            "--" => return false,
            "--json" | "--format=json" => return true,
            "--format" if words.next() == Some("json") => return true,
            _ => {}
        }
    }
    false
}

/// Prints a parse error, or the help or version clap treats as one, and
/// gives the exit code. With `json`, a parse error goes to stdout as JSON
/// too, like every other failure.
fn parse_error(e: &clap::Error, lang: Lang, json: bool) -> Exit {
    // --help and --version are "errors" to clap that go to stdout.
    let chinese = (lang == Lang::Zh && e.use_stderr())
        .then(|| crate::help_zh::error(e))
        .flatten();
    if json && e.use_stderr() {
        let text = chinese.clone().unwrap_or_else(|| e.render().to_string());
        let message = text.trim();
        let message = message
            .strip_prefix("error: ")
            .or_else(|| message.strip_prefix("错误："))
            .unwrap_or(message);
        let error = anyhow::Error::new(crate::error::Error::Usage(message.to_owned()));
        let report = crate::report::error::ErrorReport::of(&error);
        let _ = crate::write::json(&report, &mut io::stdout().lock());
    }
    match chinese {
        Some(message) => {
            let _ = writeln!(io::stderr(), "{}", visible::visible(&message));
        }
        // An error quotes the arguments given: shown, never acting.
        None if e.use_stderr() => {
            let text = if io::stderr().is_terminal() {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let _ = write!(io::stderr(), "{}", visible::visible_styled(&text));
        }
        None => {
            let _ = e.print();
        }
    }
    if e.use_stderr() {
        Exit::Usage
    } else {
        Exit::Ok
    }
}

/// The answers arguments of the command, when it takes them.
fn diagnose_args(cli: &Cli) -> Option<&DiagnoseArgs> {
    match &cli.command {
        None => Some(&cli.diagnose),
        Some(Command::Draft(args)) => Some(&args.diagnose),
        Some(Command::Followup(args)) => Some(&args.diagnose),
        Some(Command::WhyNot(args)) => Some(&args.diagnose),
        _ => None,
    }
}

/// Whether the command asked for JSON output.
fn wants_json(cli: &Cli) -> bool {
    use crate::cli::RulesCommand;
    let output = match &cli.command {
        None => return cli.output.format() == DiagnosisFormat::Json,
        Some(Command::Questions(output)) => Some(output),
        Some(Command::Followup(args)) => Some(&args.output),
        Some(Command::WhyNot(args)) => Some(&args.output),
        Some(Command::Rules { command }) => match command {
            RulesCommand::Check { output, .. }
            | RulesCommand::Paths { output, .. }
            | RulesCommand::Test { output }
            | RulesCommand::List { output, .. } => Some(output),
            RulesCommand::Graph { .. } => None,
        },
        Some(
            Command::Draft(_)
            | Command::Schema
            | Command::Batch(_)
            | Command::Completions { .. }
            | Command::Man,
        ) => None,
    };
    output.is_some_and(|o| o.format() == Format::Json)
}

/// The command a line to go on repeats: the subcommand, and every option
/// the run was given that shapes how it goes on (where answers are saved,
/// where the letter goes, the date, the rules, the language, the look).
/// The answers themselves are added by whoever prints the line; `--carrier`
/// is one of them, and `--no-input` is left out: a person pasting the line
/// may answer at the terminal.
fn replay(cli: &Cli) -> Replay {
    use clap::ValueEnum;
    let name = |value: &dyn Fn() -> Option<clap::builder::PossibleValue>| {
        value().map_or_else(String::new, |v| v.get_name().to_owned())
    };
    let path = |p: &PathBuf| p.to_string_lossy().into_owned();
    let mut command = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let flag = |options: &mut Vec<String>, on: bool, name: &str| {
        if on {
            options.push(name.to_owned());
        }
    };
    match &cli.command {
        None if cli.output.format() != DiagnosisFormat::Text => {
            options.extend([
                "--format".to_owned(),
                name(&|| cli.output.format().to_possible_value()),
            ]);
        }
        Some(Command::Draft(args)) => {
            command.extend(["draft".to_owned(), name(&|| args.kind.to_possible_value())]);
            if let Some(out) = &args.out {
                options.extend(["--out".to_owned(), path(out)]);
            }
            flag(&mut options, args.force, "--force");
            if args.format != crate::write::letter::DraftFormat::Text {
                options.extend([
                    "--format".to_owned(),
                    name(&|| args.format.to_possible_value()),
                ]);
            }
        }
        Some(Command::Followup(args)) => {
            command.push("followup".to_owned());
            flag(&mut options, args.output.format() == Format::Json, "--json");
        }
        Some(Command::WhyNot(args)) => {
            command.extend(["why-not".to_owned(), args.cause.clone()]);
            flag(&mut options, args.output.format() == Format::Json, "--json");
        }
        _ => {}
    }
    if let Some(args) = diagnose_args(cli) {
        // The run saves its answers to the --save file (or back to the
        // --resume one), so going on resumes from that file: naming it with
        // --save again would be refused as saved answers already there.
        if let Some(file) = args.save.as_ref().or(args.resume.as_ref()) {
            options.extend(["--resume".to_owned(), path(file)]);
        }
        if let Some(today) = args.today {
            options.extend(["--today".to_owned(), today.to_string()]);
        }
        flag(&mut options, args.explain, "--explain");
        flag(&mut options, args.full, "--full");
    }
    let common = &cli.common;
    flag(&mut options, common.no_builtin, "--no-builtin");
    for dir in &common.rules {
        options.extend(["--rules".to_owned(), path(dir)]);
    }
    if let Some(lang) = common.lang {
        options.extend(["--lang".to_owned(), name(&|| lang.to_possible_value())]);
    }
    if common.color != ColorChoice::Auto {
        options.extend([
            "--color".to_owned(),
            name(&|| common.color.to_possible_value()),
        ]);
    }
    flag(&mut options, common.plain, "--plain");
    Replay { command, options }
}
