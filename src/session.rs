//! One session: the answers a command works from, gathered in one order
//! (the resumed file, then the command line, then the terminal with the case
//! details meant for the command), the walk they take, and the answers file
//! kept up to date. Every command that needs answers uses it.

use std::io::{self, Write as _};
use std::path::PathBuf;

use jiff::civil::Date;

use crate::answers::{self, Answers, Replay};
use crate::engine::{self, End, Outcome};
use crate::error::Error;
use crate::lang::Lang;
use crate::prompt;
use crate::report::{self, Report};
use crate::rules::AskIn;
use crate::save::{Keeper, SaveFile};
use crate::tree::Tree;

/// What a command asks of the session.
#[derive(Debug, Clone)]
pub struct Request {
    /// `--answers` words, each `ID=VALUE[,ID=VALUE...]`.
    pub answers: Vec<String>,
    /// `--carrier`, the same as `--answers carrier=X`.
    pub carrier: Option<String>,
    pub resume: Option<PathBuf>,
    pub save: Option<PathBuf>,
    /// Ask missing answers at the terminal; false when there is none or
    /// `--no-input` was given.
    pub prompt: bool,
    /// Whether and when the answers are written back to `save` (or the
    /// resumed file).
    pub keep: Keep,
    /// Answers that belong to this run only and are never saved.
    pub transient: &'static [&'static str],
    /// The case details to ask at the terminal after a diagnosis.
    pub ask_in: AskIn,
    /// The command and options a line to go on repeats.
    pub replay: Replay,
}

/// Whether a session keeps the answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Read `--resume`, never write.
    No,
    /// Write once the walk is done (and after each answer at a prompt).
    Walk,
    /// The command writes, once, when it knows all it records; prompts
    /// still save each answer.
    Command,
}

/// The language of the session's messages and prompts, and how prompts look.
#[derive(Debug, Clone, Copy)]
pub struct Prompts {
    pub lang: Lang,
    pub color: bool,
    pub plain: bool,
    /// `COLUMNS`: the width hints wrap to instead of the terminal's.
    pub columns: Option<usize>,
    /// Dates typed at a prompt are days that have happened: not after this.
    pub today: Date,
}

/// A finished walk and everything answered on the way.
pub struct Session {
    pub outcome: Outcome,
    pub answers: Answers,
    pub today: Date,
    /// The answers file, when there is one to write.
    pub save: Option<Keeper>,
}

impl Session {
    /// The report of this walk, with its case details and deadlines.
    pub fn report(&self, tree: &Tree, lang: Lang) -> Report {
        report::report(tree, &self.outcome, &self.answers, lang, self.today)
    }

    /// Answers given that the walk never used, for a note on stderr.
    pub fn unused(&self, tree: &Tree) -> Vec<String> {
        self.answers.unused(tree, &self.outcome.trace)
    }
}

/// Gathers the answers, walks the tree and keeps the answers file.
pub fn gather(
    request: &Request,
    tree: &Tree,
    prompts: Prompts,
    today: Date,
) -> anyhow::Result<Session> {
    let (keeper, resumed) = match request.keep {
        Keep::No => match &request.resume {
            Some(path) => (None, SaveFile::load(path, prompts.lang)?),
            None => (None, SaveFile::default()),
        },
        Keep::Walk | Keep::Command => Keeper::open(
            request.save.as_deref(),
            request.resume.as_deref(),
            request.transient,
            prompts.lang,
        )?,
    };
    let given = given(
        tree,
        resumed,
        &request.answers,
        request.carrier.as_deref(),
        prompts.lang,
        today,
    )?;
    let (outcome, answers, save) = if request.prompt {
        ask(given, tree, prompts, request, keeper)?
    } else {
        (engine::walk(tree, &mut given.clone()), given, keeper)
    };
    let save = match save {
        Some(mut keeper) if request.keep == Keep::Walk => {
            keeper.store(&answers.to_pairs(tree).into_iter().collect(), prompts.lang)?;
            Some(keeper)
        }
        other => other,
    };
    Ok(Session {
        outcome,
        answers,
        today,
        save,
    })
}

/// The answers given before any prompt: the resumed file's, then
/// `--answers` and `--carrier` over them, each checked against the tree,
/// and no date after `today`.
pub fn given(
    tree: &Tree,
    resumed: SaveFile,
    args: &[String],
    carrier: Option<&str>,
    lang: Lang,
    today: Date,
) -> Result<Answers, Error> {
    let from_file: Vec<(String, String)> = resumed.answers.into_iter().collect();
    let from_args = answers::pairs_from_args(args, carrier, lang)?;
    let given = Answers::from_layers(tree, &[from_file, from_args], lang)?;
    given.check_dates(tree, today, lang)?;
    Ok(given)
}

/// The walk with the terminal answering what is missing, then the case
/// details; Ctrl-C or a failed save ends it.
fn ask(
    given: Answers,
    tree: &Tree,
    prompts: Prompts,
    request: &Request,
    save: Option<Keeper>,
) -> anyhow::Result<(Outcome, Answers, Option<Keeper>)> {
    let ask_in = request.ask_in;
    let mut prompt = prompt::Interactive::new(
        given,
        prompts.lang,
        prompts.color,
        prompts.plain,
        prompts.columns,
        save,
    )?
    .until(prompts.today)
    .with_replay(request.replay.clone(), tree);
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
    let (answers, save, failed) = prompt.finish();
    if let Some(error) = failed {
        return Err(error);
    }
    if !completed {
        return Err(Error::interrupted(replay, prompts.lang).into());
    }
    Ok((outcome, answers, save))
}
