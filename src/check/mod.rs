//! Checking a rule set: everything that makes the files a sound decision
//! tree, from duplicate ids to cycles and steps that need a channel a carrier
//! lacks. Every problem is reported, not the first, each with its file, line
//! and the id involved, so an author can fix a rule pack in one pass.
//!
//! This module is the public face (`check`, `build` and what they return)
//! and the order of the passes; each pass is a file of its own, and all of
//! them report through the one `Checker` of `context.rs`.

mod cases;
mod channels;
mod conditions;
mod context;
mod contract;
mod details;
mod facts;
mod graph;
mod ids;
mod ladder;
mod layers;
mod letter;
mod limits;
mod nodes;
mod numbers;
mod problem;
mod syntax;
#[cfg(test)]
mod tests;

pub use problem::{Problem, ProblemKind, Severity, Snippet};

use crate::lang::Lang;
use crate::rules::{RuleFile, Source};
use crate::tree::Tree;
use context::Checker;
use graph::NodePlaces;
use layers::Defs;

/// What `rules check` asks beyond soundness.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Warn about facts last checked more than this many days before `today`.
    pub stale_after: Option<(jiff::civil::Date, i64)>,
    pub limits: Limits,
    /// The language of the messages that have one in each language.
    pub lang: Lang,
}

/// Messages in English, for the build and for tools built on the library.
impl Default for Options {
    fn default() -> Options {
        Options {
            stale_after: None,
            limits: Limits::default(),
            lang: Lang::En,
        }
    }
}

/// Limits that keep a rule pack from the internet from making a run slow or
/// huge; the defaults are far above what real packs need (the built-in rules
/// have about 70 nodes, at most 10 questions on a path, ids under 40 bytes,
/// texts under 400 characters).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Questions and conclusions together.
    pub nodes: usize,
    /// Questions on one path from the start: a user answers each one.
    pub depth: usize,
    /// Conclusions on one path: a diagnosis shows each one, and `why-not`
    /// and `rules paths` hold one path's conclusions at a time.
    pub chain: usize,
    /// Carriers, rungs, escalation steps and details, each: every carrier
    /// is followed through the tree, and every step and detail is shown.
    pub carriers: usize,
    pub rungs: usize,
    pub escalation: usize,
    pub details: usize,
    pub id_bytes: usize,
    pub text_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            nodes: 200_000,
            depth: 500,
            chain: 100,
            carriers: 50,
            rungs: 1_000,
            escalation: 1_000,
            details: 1_000,
            id_bytes: 100,
            text_chars: 10_000,
        }
    }
}

/// A checked rule set: the tree when there is no error, and every problem.
pub struct Checked {
    pub tree: Option<Tree>,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// Parses and checks a rule set: every problem, and the tree when none is an error.
pub fn check(sources: &[Source], options: Options) -> Checked {
    let mut checker = Checker::new(sources, options);
    let files = checker.parse_files();
    let tree = checker.check(files);
    let mut problems = checker.problems;
    // Each pass says a thing once (`Checker::report_once`): no two problems
    // read the same.
    #[cfg(debug_assertions)]
    {
        let mut seen = std::collections::HashSet::new();
        for p in &problems {
            debug_assert!(seen.insert(p.to_string()), "reported twice: {p}");
        }
    }
    // Errors first, each severity in the order the passes found them.
    problems.sort_by_key(|p| p.severity);
    let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
    Checked {
        tree: tree.filter(|_| !has_errors),
        problems,
    }
}

/// Parses and checks a rule set: either a sound tree or every problem.
pub fn build(sources: &[Source]) -> Result<Tree, Vec<Problem>> {
    build_with(sources, Options::default())
}

/// [`build`] with options, such as the language of the messages.
pub fn build_with(sources: &[Source], options: Options) -> Result<Tree, Vec<Problem>> {
    let checked = check(sources, options);
    match checked.tree {
        Some(tree) => Ok(tree),
        None => Err(checked.problems),
    }
}

impl Checker<'_> {
    /// The passes, in the order their problems are listed. The tree, unless
    /// too many nodes or no start leave nothing to walk; it may still have errors.
    fn check(&mut self, files: Vec<(usize, RuleFile)>) -> Option<Tree> {
        let defs = Defs::gather(files);
        if !self.within_node_limit(&defs) {
            return None;
        }
        let defs = self.merge_layers(defs);
        let mut names = self.index_names(&defs);
        let (facts, channels) = self.check_facts(&defs.facts, &names);
        self.check_carrier_question(&defs.questions, &names);
        self.check_contract(&defs);
        let Defs {
            start,
            carriers,
            causes,
            facts: _,
            questions,
            conclusions,
            escalation,
            rungs,
            details,
            hotline_ask,
            hotline_note,
            evidence,
            cases,
        } = defs;
        let (questions, question_places) = self.check_questions(questions, &names, &channels);
        let (conclusions, conclusion_places) =
            self.check_conclusions(conclusions, &names, &channels);
        let (escalation, escalation_places) =
            self.check_ladder(&rungs, escalation, &names, &channels);
        let details = self.check_details(&details, &names);
        let hotline_ask = self.check_items("hotline_ask", hotline_ask, &names);
        let hotline_note = self.check_items("hotline_note", hotline_note, &names);
        let evidence = self.check_items("evidence", evidence, &names);
        let start = self.check_start(&start, &names)?;

        let mut tree = Tree {
            start,
            carriers: carriers
                .into_iter()
                .map(|(_, d)| crate::tree::Carrier {
                    id: d.id.into_inner(),
                    name: d.name,
                })
                .collect(),
            causes: causes
                .into_iter()
                .map(|(_, d)| crate::tree::Cause {
                    id: d.id.into_inner(),
                    title: d.title,
                })
                .collect(),
            facts,
            questions,
            conclusions,
            rungs: rungs
                .into_iter()
                .map(|(_, d)| crate::tree::Rung {
                    id: d.id.into_inner(),
                    title: d.title,
                })
                .collect(),
            escalation,
            evidence,
            details,
            hotline_ask,
            hotline_note,
            cases: Vec::new(),
            overrides: Vec::new(),
            fact_ids: std::mem::take(&mut names.facts),
            channels,
        };
        let places = NodePlaces {
            questions: question_places,
            conclusions: conclusion_places,
        };
        let cycles = self.check_shape(&tree, &places);
        // The deepest walk is only defined without cycles or dangling `next`s.
        // Past a depth limit, the passes that follow each carrier's walks and
        // are skipped: they would take long to say little.
        let too_deep = !cycles && !self.refs_broken && !self.check_depth(&tree);
        self.check_text_lengths(&mut tree);
        if !too_deep {
            self.check_carrier_reach(&tree, &places);
        }
        self.check_confidence(&tree, &places.conclusions, &escalation_places);
        tree.cases = self.check_cases(&tree, &cases);
        tree.overrides = std::mem::take(&mut self.overrides);
        Some(tree)
    }
}
