//! unsub-doctor: find out why a mobile data package will not unsubscribe
//! (退订) at China Mobile, China Unicom or China Telecom, and what to do next.
//!
//! The pipeline reads in one direction, one module a stage:
//! arguments (`cli`) -> rule files (`rules`) -> checked tree (`check`, `tree`;
//! the built-in one compiled at build time, `builtin`) ->
//! walk with an answer source (`engine`, fed by `answers` or `prompt`) ->
//! output (`render`). `run` wires the stages; `error` owns the exit codes.
//! The `rules` subcommands for rule authors (`rules_cmd`) reuse the same
//! stages, with `paths`, `cases` and `graph` on top of the checked tree.

#![warn(clippy::print_stdout, clippy::print_stderr)]
// No input may reach a panic: errors are values with exit codes. Tests may unwrap.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod answers;
pub mod batch;
pub mod builtin;
pub mod cases;
pub mod check;
pub mod cli;
pub mod contract;
pub mod draft;
pub mod engine;
pub mod error;
pub mod explain;
pub mod followup;
pub mod graph;
pub mod help_zh;
pub mod lang;
pub mod page;
pub mod paths;
pub mod prompt;
pub mod render;
pub mod rules;
pub mod rules_cmd;
pub mod save;
pub mod schema;
pub mod shell;
pub mod timeline;
pub mod tree;
pub mod visible;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context as _;

use crate::answers::Answers;
use crate::batch::Summary;
use crate::cli::{Cli, ColorChoice, Command, DiagnoseArgs, DiagnosisFormat, Format};
use crate::engine::End;
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::page::{Look, Page};
use crate::rules::AskIn;
use crate::save::SaveFile;
use crate::tree::Tree;

/// Runs the command line `args` (program name first) to an exit code.
/// Errors are returned for the caller to print, once.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> anyhow::Result<Exit> {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // Known before parsing, so that --help and parse errors speak it too.
    lang::set_current(lang::from_args_and_env(&args));
    // Debug builds only: lets the tests see what a bug's panic looks like.
    if cfg!(debug_assertions) && std::env::var_os("UNSUB_DOCTOR_TEST_PANIC").is_some() {
        panic!("UNSUB_DOCTOR_TEST_PANIC is set");
    }
    let cli = match cli::parse(args, lang::current()) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are "errors" to clap that go to stdout.
            let chinese = (lang::current() == Lang::Zh && e.use_stderr())
                .then(|| help_zh::error(&e))
                .flatten();
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
            return Ok(if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            });
        }
    };
    let json = wants_json(&cli);
    let result = execute(&cli);
    if let Err(error) = &result
        && json
        && !is_broken_pipe(error)
    {
        // Scripts read stdout only: the error is there too, as JSON.
        let mut stdout = io::stdout().lock();
        let _ = render::json(&error::ErrorReport::of(error), &mut stdout);
    }
    result
}

/// Whether the command asked for JSON output.
fn wants_json(cli: &Cli) -> bool {
    use crate::cli::RulesCommand;
    let output = match &cli.command {
        None => return cli.output.format() == DiagnosisFormat::Json,
        Some(
            Command::Questions { output }
            | Command::Followup { output, .. }
            | Command::WhyNot { output, .. },
        ) => Some(output),
        Some(Command::Rules { command }) => match command {
            RulesCommand::Check { output, .. }
            | RulesCommand::Paths { output, .. }
            | RulesCommand::Test { output }
            | RulesCommand::List { output } => Some(output),
            RulesCommand::Graph { .. } => None,
        },
        Some(
            Command::Draft { .. }
            | Command::Schema
            | Command::Batch { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::CompleteAnswers { .. },
        ) => None,
    };
    output.is_some_and(|o| o.format() == Format::Json)
}

fn execute(cli: &Cli) -> anyhow::Result<Exit> {
    let lang = lang::current();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // Plain output for screen readers, logs and dumb terminals: no color either.
    let plain = cli.common.plain || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let color_for = |is_terminal: bool| match cli.common.color {
        _ if plain => false,
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && !no_color,
    };
    colored::control::set_override(color_for(io::stdout().is_terminal()));

    // UNSUB_DOCTOR_RULES layers come first, then each --rules in order.
    let mut dirs: Vec<PathBuf> = std::env::var_os("UNSUB_DOCTOR_RULES")
        .map(|list| {
            std::env::split_paths(&list)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    dirs.extend(cli.common.rules.iter().cloned());
    // Loaded only by the commands that use rules: `man`, `schema` and
    // `completions` work whatever the rule directories hold.
    let sources = || rules::load_layers(!cli.common.no_builtin, &dirs);
    // The tree lives until the process ends, so it is never freed: freeing a
    // tree's thousands of strings at exit would be time spent for nothing.
    let tree = || -> anyhow::Result<&'static Tree> {
        if dirs.is_empty() && !cli.common.no_builtin {
            return builtin::tree();
        }
        let tree = crate::check::build(&sources()?).map_err(Error::InvalidRules)?;
        Ok(Box::leak(Box::new(tree)))
    };

    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let exit = match &cli.command {
        Some(Command::Rules { command }) => rules_cmd::run(command, &sources()?, lang, &mut stdout),
        Some(Command::Draft {
            kind,
            out,
            force,
            format,
            diagnose,
        }) => {
            let tree = tree()?;
            let session = session(diagnose, tree, lang, color_for(true), plain, AskIn::Draft)?;
            match needs_input(tree, &session, lang)? {
                Some(exit) => Ok(exit),
                None => {
                    let report = session.report(tree, lang);
                    let letter = draft::letter(&report, *kind, *format, session.today);
                    match out {
                        Some(path) => save::write_atomic(path, letter.as_bytes(), *force)
                            .with_context(|| {
                                lang::tr(
                                    format!("无法写入草稿 `{}`", path.display()),
                                    format!("cannot write the draft to `{}`", path.display()),
                                )
                            })
                            .map(|()| Exit::Ok),
                        None => stdout
                            .write_all(letter.as_bytes())
                            .map(|()| Exit::Ok)
                            .map_err(Into::into),
                    }
                }
            }
        }
        Some(Command::Followup { diagnose, output }) => {
            let tree = tree()?;
            let look = if plain { Look::Plain } else { Look::Terminal };
            let display = followup::Display {
                format: output.format(),
                look,
                prompt_color: color_for(true),
            };
            followup::run(tree, diagnose, display, lang, &mut stdout)
        }
        Some(Command::Batch { file, today, brief }) => {
            let tree = tree()?;
            let today = today.unwrap_or_else(timeline::today);
            let shape = if *brief {
                batch::Shape::Brief
            } else {
                batch::Shape::Full
            };
            let summary = match file {
                Some(path) => {
                    let input = std::fs::File::open(path).with_context(|| {
                        lang::tr(
                            format!("无法读取 `{}`", path.display()),
                            format!("cannot read `{}`", path.display()),
                        )
                    })?;
                    batch::run(
                        tree,
                        io::BufReader::new(input),
                        shape,
                        lang,
                        today,
                        &mut stdout,
                    )?
                }
                None => batch::run(tree, io::stdin().lock(), shape, lang, today, &mut stdout)?,
            };
            let Summary {
                lines,
                diagnosed,
                needs_input,
                errors,
            } = summary;
            let line = lang::tr(
                format!(
                    "批量：{lines} 行：{diagnosed} 个已诊断，{needs_input} 个还需要回答，{errors} 个错误"
                ),
                format!(
                    "batch: {lines} lines: {diagnosed} diagnosed, {needs_input} need more answers, {errors} errors"
                ),
            );
            let _ = writeln!(io::stderr(), "{line}");
            Ok(Exit::Ok)
        }
        Some(Command::WhyNot {
            cause,
            diagnose,
            output,
        }) => {
            let tree = tree()?;
            why_not(tree, cause, diagnose, output.format(), lang, &mut stdout)
        }
        Some(Command::Completions { shell }) => shell::completions(*shell, &mut stdout)
            .map(|()| Exit::Ok)
            .map_err(Into::into),
        Some(Command::Man) => shell::man(&mut stdout)
            .map(|()| Exit::Ok)
            .map_err(Into::into),
        Some(Command::CompleteAnswers { word }) => {
            // Completion must never print an error into the user's prompt.
            if let Ok(tree) = tree() {
                for candidate in shell::complete_answers(tree, word) {
                    writeln!(stdout, "{}", visible::visible(&candidate))?;
                }
            }
            Ok(Exit::Ok)
        }
        Some(Command::Schema) => render::json(&schema::all(), &mut stdout)
            .map(|()| Exit::Ok)
            .map_err(Into::into),
        Some(Command::Questions { output }) => {
            let tree = tree()?;
            let list = render::question_list(tree, lang);
            match output.format() {
                Format::Json => render::json(&list, &mut stdout),
                Format::Text => render::question_list_text(&list, &mut stdout),
            }
            .map(|()| Exit::Ok)
            .map_err(anyhow::Error::from)
        }
        None => {
            let tree = tree()?;
            diagnose(cli, tree, lang, color_for(true), plain, &mut stdout)
        }
    };
    let flushed = exit.and_then(|exit| stdout.flush().map(|()| exit).map_err(Into::into));
    match flushed {
        Ok(exit) => Ok(exit),
        // A reader that stopped early (`| head`) is not a failure.
        Err(e) if is_broken_pipe(&e) => Ok(Exit::Ok),
        Err(e) => Err(e),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// A finished walk and everything answered on the way.
pub(crate) struct Session {
    pub(crate) outcome: engine::Outcome,
    pub(crate) answers: Answers,
    pub(crate) today: jiff::civil::Date,
    /// The answers file, when there is one, and what it holds.
    pub(crate) save: Option<(PathBuf, SaveFile)>,
}

impl Session {
    /// The report of this walk, with its case details and deadlines.
    pub(crate) fn report(&self, tree: &Tree, lang: Lang) -> render::Report {
        render::report(tree, &self.outcome, &self.answers, lang, self.today)
    }
}

/// Answers from a resumed file and the command line, then the terminal if
/// there is one (with the case details meant for `ask_in`); the walk; every
/// answer saved when a file is named.
pub(crate) fn session(
    args: &DiagnoseArgs,
    tree: &Tree,
    lang: Lang,
    prompt_color: bool,
    plain: bool,
    ask_in: AskIn,
) -> anyhow::Result<Session> {
    let resumed = match &args.resume {
        Some(path) => SaveFile::load(path)?,
        None => SaveFile::default(),
    };
    if let Some(path) = &args.save {
        SaveFile::check_target(path)?;
    }
    let from_file: Vec<(String, String)> = resumed.answers.clone().into_iter().collect();
    let from_args = answers::pairs_from_args(&args.answers, args.carrier.as_deref())?;
    let given = Answers::from_layers(tree, &[from_file, from_args])?;
    let save = args
        .save
        .clone()
        .or_else(|| args.resume.clone())
        .map(|path| (path, resumed));
    // dialoguer draws on stderr and reads the terminal: ask only when
    // both ends are a terminal, otherwise never prompt.
    let interactive = !args.no_input && io::stdin().is_terminal() && io::stderr().is_terminal();
    let (outcome, answers, save) = if interactive {
        let mut prompt =
            prompt::Interactive::new(given.clone(), lang, prompt_color, plain, save.clone())?;
        let outcome = engine::walk(tree, &mut prompt);
        // The case details come after a diagnosis; stopping there stops too.
        let completed = match outcome.end {
            End::Diagnosed => prompt.ask_details(tree, ask_in)?,
            End::Interrupted(_) => false,
            End::NeedsInput(_) => true,
        };
        // Set the result apart from the last prompt.
        let _ = writeln!(io::stderr());
        let replay = prompt.replay_line(tree);
        let (answers, failed) = prompt.finish();
        if let Some(error) = failed {
            return Err(error);
        }
        if !completed {
            return Err(Error::Interrupted { replay }.into());
        }
        (outcome, answers, save)
    } else {
        (engine::walk(tree, &mut given.clone()), given, save)
    };
    let save = match save {
        Some((path, mut file)) => {
            file.answers = answers.to_pairs(tree).into_iter().collect();
            file.store(&path)?;
            Some((path, file))
        }
        None => None,
    };
    let mut stderr = io::stderr().lock();
    let _ = render::unused_answers(&answers.unused(tree, &outcome.trace), &mut stderr);
    Ok(Session {
        outcome,
        answers,
        today: args.today.unwrap_or_else(timeline::today),
        save,
    })
}

/// `why-not CAUSE`: never prompts; works from the answers given, complete or not.
fn why_not(
    tree: &Tree,
    cause: &str,
    args: &DiagnoseArgs,
    format: Format,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let Some(cause_index) = tree.causes.iter().position(|c| c.id == cause) else {
        let valid: Vec<String> = tree.causes.iter().map(|c| c.id.clone()).collect();
        return Err(Error::BadAnswer {
            message: lang::tr(
                format!("没有原因 `{cause}`；可选的原因：{}", valid.join(", ")),
                format!("unknown cause `{cause}`; causes: {}", valid.join(", ")),
            ),
            question: "cause".to_owned(),
            valid,
        }
        .into());
    };
    let resumed = match &args.resume {
        Some(path) => SaveFile::load(path)?.answers.into_iter().collect(),
        None => Vec::new(),
    };
    let from_args = answers::pairs_from_args(&args.answers, args.carrier.as_deref())?;
    let given = Answers::from_layers(tree, &[resumed, from_args])?;
    let outcome = engine::walk(tree, &mut given.clone());
    let answer = explain::why_not(tree, cause_index, &given, &outcome, lang, 100_000)?;
    match format {
        Format::Json => render::json(&answer, out)?,
        Format::Text => render::why_not_text(&answer, lang, out)?,
    }
    Ok(Exit::Ok)
}

/// When the walk stopped for a missing answer: the question on stderr, and exit 3.
pub(crate) fn needs_input(
    tree: &Tree,
    session: &Session,
    lang: Lang,
) -> anyhow::Result<Option<Exit>> {
    if let End::NeedsInput(_) = session.outcome.end {
        let report = session.report(tree, lang);
        render::needs_input_text(&report, &mut io::stderr().lock())?;
        return Ok(Some(Exit::NeedsInput));
    }
    Ok(None)
}

/// The diagnosis: the report on stdout and any missing question on stderr.
fn diagnose(
    cli: &Cli,
    tree: &Tree,
    lang: Lang,
    prompt_color: bool,
    plain: bool,
    stdout: &mut impl Write,
) -> anyhow::Result<Exit> {
    let format = cli.output.format();
    let session = session(
        &cli.diagnose,
        tree,
        lang,
        prompt_color,
        plain,
        AskIn::Diagnose,
    )?;
    let outcome = &session.outcome;
    let mut report = session.report(tree, lang);
    if cli.diagnose.explain {
        report.explain = Some(explain::explain(tree, outcome, lang));
    }
    let look = match format {
        DiagnosisFormat::Markdown => Look::Markdown,
        _ if plain => Look::Plain,
        _ => Look::Terminal,
    };
    match (format, outcome.end) {
        (DiagnosisFormat::Json, _) => render::json(&report, stdout)?,
        (_, End::Diagnosed) => {
            render::text(
                &report,
                &mut Page::new(stdout, look, page::terminal_width()),
            )?;
        }
        _ => {}
    }
    if let End::NeedsInput(_) = outcome.end {
        // JSON readers get the question on stdout; people get it here.
        let mut stderr = io::stderr().lock();
        let _ = match format {
            DiagnosisFormat::Json => render::needs_input_note(&report, &mut stderr),
            _ => render::needs_input_text(&report, &mut stderr),
        };
        return Ok(Exit::NeedsInput);
    }
    Ok(Exit::Ok)
}

/// Makes a panic print one line asking for a bug report, with the version,
/// instead of a panic message and backtrace. No input should reach a panic,
/// so one is a bug; the binary turns the unwound panic into exit code 1.
pub fn on_panic_ask_for_a_bug_report() {
    std::panic::set_hook(Box::new(|_| {
        let version = env!("CARGO_PKG_VERSION");
        let line = lang::tr(
            format!(
                "unsub-doctor {version}：内部错误，这是程序的缺陷。请把你运行的命令报告给开发者。"
            ),
            format!(
                "unsub-doctor {version}: internal error, a bug in unsub-doctor. Please report it with the command you ran."
            ),
        );
        let _ = writeln!(io::stderr(), "{line}");
    }));
}

/// Prints an error once, in the form its kind calls for, and gives its exit code.
pub fn report_error(error: &anyhow::Error) -> Exit {
    let mut stderr = io::stderr().lock();
    // Errors quote rule ids and answers given: shown, never acting.
    let _ = match error.downcast_ref::<Error>() {
        Some(Error::Interrupted { .. }) => {
            writeln!(stderr, "\n{}", visible::visible(&error.to_string()))
        }
        _ => writeln!(
            stderr,
            "{}{}",
            lang::tr("错误：", "error: "),
            visible::visible(&format!("{error:#}"))
        ),
    };
    error::exit_of(error)
}
