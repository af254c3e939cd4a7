//! `unsub-doctor rules ...`: the rule author's tools. `check` reports every
//! problem like a compiler; `paths` lists every way through the tree and what
//! no case covers; `test` runs the cases; `graph` draws the tree; `list`
//! counts what each file holds and what later packs replaced.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Context as _;

use super::output::VisibleLines;
use crate::cases;
use crate::check;
use crate::cli::{Format, RulesCommand};
use crate::config::Config;
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::report::rules::{
    CheckReport, FactListView, ListReport, PathsListing, PathsSummary, TestReport,
};
use crate::rules::Source;
use crate::tree::Tree;
use crate::write::{self, graph};

/// Runs one `rules` subcommand on the loaded rule files. Its text is written
/// through [`crate::visible::visible_styled`] a line at a time: a pack's ids, texts and
/// offending lines are shown, never sent to the terminal as commands.
pub fn run(config: &Config, command: &RulesCommand, out: &mut impl Write) -> anyhow::Result<Exit> {
    let sources = config.layers.sources(config.lang)?;
    // JSON is escaped as it is written; escaping it again would break it.
    if config.json {
        return run_into(command, &sources, config.lang, out);
    }
    let mut lines = VisibleLines::new(&mut *out);
    let exit = run_into(command, &sources, config.lang, &mut lines)?;
    lines.finish()?;
    Ok(exit)
}

/// Runs one `rules` subcommand on `sources`, writing what it prints to
/// `out` before any escaping for the terminal.
pub fn run_into(
    command: &RulesCommand,
    sources: &[Source],
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    if let RulesCommand::Check {
        deny_warnings,
        stale_after,
        output,
    } = command
    {
        return check(
            sources,
            *deny_warnings,
            *stale_after,
            output.format(),
            lang,
            out,
        );
    }
    let options = check::Options {
        lang,
        ..check::Options::default()
    };
    let tree = check::build_with(sources, options)
        .map_err(|problems| Error::invalid_rules(problems, lang))?;
    match command {
        RulesCommand::Check { .. } => unreachable!("handled above"),
        RulesCommand::Paths { limit, output } => paths(&tree, *limit, output.format(), out),
        RulesCommand::Test { output } => test(&tree, output.format(), out),
        RulesCommand::Graph { format, carrier } => {
            let carrier = match carrier {
                Some(name) => Some(carrier_named(&tree, name, lang)?),
                None => None,
            };
            out.write_all(graph::draw(&tree, *format, lang, carrier).as_bytes())?;
            Ok(Exit::Ok)
        }
        RulesCommand::List { facts, output } => {
            list(sources, &tree, *facts, lang, output.format(), out)
        }
    }
}

/// A carrier by id or alias, as `--carrier` takes it.
fn carrier_named(tree: &Tree, name: &str, lang: Lang) -> anyhow::Result<usize> {
    let answers = crate::answers::Answers::parse(tree, &[], Some(name), lang)?;
    let question = tree.question(crate::tree::CARRIER_QUESTION);
    question
        .and_then(|q| match answers.get(q) {
            Some(crate::tree::Answer::One(c)) => Some(&tree.questions[q].choices[c].value),
            _ => None,
        })
        .and_then(|value| tree.carrier_index(value))
        .context("the rules define no carrier question")
}

fn check(
    sources: &[Source],
    deny_warnings: bool,
    stale_after: u32,
    format: Format,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    let options = check::Options {
        stale_after: Some((today, i64::from(stale_after))),
        lang,
        ..check::Options::default()
    };
    let mut checked = check::check(sources, options);
    // As with the diagnosis's tree, the process ends soon after: freeing a
    // large pack's tree string by string would be time spent for nothing.
    std::mem::forget(checked.tree.take());
    let report = CheckReport::new(&checked.problems);
    match format {
        Format::Json => write::json(&report, out)?,
        Format::Text => write::rules::check_text(&report, sources.len(), out)?,
    }
    Ok(
        if report.errors > 0 || (deny_warnings && report.warnings > 0) {
            Exit::InvalidRules
        } else {
            Exit::Ok
        },
    )
}

fn paths(tree: &Tree, limit: usize, format: Format, out: &mut impl Write) -> anyhow::Result<Exit> {
    // Two walks, each holding one path at a time: the first counts (and
    // refuses too many paths before anything is written), the second writes
    // each path as it reaches it. No walk keeps the paths.
    let summary = PathsSummary::count(tree, limit).map_err(|e| {
        anyhow::anyhow!(
            "the rules have more than {} paths; raise --limit to list them all",
            e.limit
        )
    })?;
    let covered: HashSet<String> = cases::run_all(tree)
        .into_iter()
        .flat_map(|r| r.conclusions)
        .collect();
    let uncovered: Vec<String> = tree
        .conclusions
        .iter()
        .map(|c| c.id.clone())
        .filter(|id| !covered.contains(id))
        .collect();
    let listing = PathsListing {
        tree,
        limit,
        summary,
        uncovered,
    };
    match format {
        Format::Json => write::json_streamed(&listing, out)?,
        Format::Text => write::rules::paths_text(&listing, out)?,
    }
    Ok(Exit::Ok)
}

fn test(tree: &Tree, format: Format, out: &mut impl Write) -> anyhow::Result<Exit> {
    let results = cases::run_all(tree);
    let report = TestReport::new(results.iter().map(|r| (&*r.name, &*r.file, &*r.failures)));
    match format {
        Format::Json => write::json(&report, out)?,
        Format::Text => write::rules::test_text(&report, out)?,
    }
    Ok(if report.failed == 0 {
        Exit::Ok
    } else {
        Exit::Failure
    })
}

fn list(
    sources: &[Source],
    tree: &Tree,
    facts: bool,
    lang: Lang,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<Exit> {
    let mut report = ListReport::new(sources, tree);
    if facts {
        report.facts = Some(FactListView::all(tree, lang));
    }
    match format {
        Format::Json => write::json(&report, out)?,
        Format::Text => write::rules::list_text(&report, out)?,
    }
    Ok(Exit::Ok)
}
