//! The state every pass shares: the sources and their line indexes, the
//! problems found so far, the overrides between layers, and the ways a pass
//! reports a problem, once.

use std::collections::HashSet;

use toml::Spanned;

use super::Options;
use super::problem::{Place, Problem, ProblemKind, Severity};
use crate::rules::{LineIndex, Source};
use crate::tree::{Override, WHOLE_SET};

pub(super) struct Checker<'a> {
    pub sources: &'a [Source],
    /// A line index per source, for many places in large files.
    pub lines: Vec<LineIndex>,
    pub problems: Vec<Problem>,
    pub options: Options,
    /// Definitions a later layer replaced, for `rules list`.
    pub overrides: Vec<Override>,
    /// A node id is duplicated or a `next` names no node: the graph is not
    /// the one the author meant, and its shape would only echo those problems.
    pub refs_broken: bool,
    /// What `report_once` has said.
    said: HashSet<Said>,
}

/// What a problem is, without its words: its kind, where it is shown, its
/// ids and the names its message is made of. Several texts of one definition
/// (zh and en, a step and the explanation, every escalation step of a file,
/// which share one place) can find the same thing, and it is said once.
#[derive(PartialEq, Eq, Hash)]
struct Said {
    kind: ProblemKind,
    /// As shown, not the file's index: a directory given twice as `--rules`
    /// is two layers of the same files, and a problem there is one problem.
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    ids: Vec<String>,
    about: Vec<String>,
}

impl<'a> Checker<'a> {
    pub fn new(sources: &'a [Source], options: Options) -> Checker<'a> {
        Checker {
            sources,
            lines: sources.iter().map(|s| LineIndex::new(&s.text)).collect(),
            problems: Vec::new(),
            options,
            overrides: Vec::new(),
            refs_broken: false,
            said: HashSet::new(),
        }
    }

    pub fn place<T>(&self, file: usize, spanned: &Spanned<T>) -> Place {
        Place {
            file,
            span: Some((spanned.span().start, spanned.span().end)),
        }
    }

    /// A problem at `place`, not yet reported.
    pub fn problem(
        &self,
        severity: Severity,
        kind: ProblemKind,
        place: Place,
        ids: Vec<String>,
        message: String,
    ) -> Problem {
        let lines = &self.lines[place.file];
        Problem::at(self.sources, lines, severity, kind, place, ids, message)
    }

    /// An error at `place` about one id.
    pub fn report(&mut self, kind: ProblemKind, place: Place, id: &str, message: String) {
        self.report_ids(Severity::Error, kind, place, vec![id.to_owned()], message);
    }

    pub fn report_ids(
        &mut self,
        severity: Severity,
        kind: ProblemKind,
        place: Place,
        ids: Vec<String>,
        message: String,
    ) {
        let problem = self.problem(severity, kind, place, ids, message);
        self.problems.push(problem);
    }

    /// An error at `place` about one id, unless the same kind was said there
    /// about the same `about` already: `about` holds every name the message
    /// is made of besides the id.
    pub fn report_once(
        &mut self,
        kind: ProblemKind,
        place: Place,
        id: &str,
        about: &[&str],
        message: impl FnOnce() -> String,
    ) {
        let problem = self.problem(
            Severity::Error,
            kind,
            place,
            vec![id.to_owned()],
            String::new(),
        );
        self.say_once(problem, about, message);
    }

    /// Reports `problem` with the message `message` makes, unless it was said already.
    pub fn say_once(
        &mut self,
        mut problem: Problem,
        about: &[&str],
        message: impl FnOnce() -> String,
    ) {
        let said = Said {
            kind: problem.code,
            file: problem.file.clone(),
            line: problem.line,
            column: problem.column,
            ids: problem.ids.clone(),
            about: about.iter().map(|s| (*s).to_owned()).collect(),
        };
        if self.said.insert(said) {
            problem.message = message();
            self.problems.push(problem);
        }
    }

    /// A problem of the whole rule set, with no one place.
    pub fn set_problem(
        severity: Severity,
        kind: ProblemKind,
        ids: Vec<String>,
        message: String,
    ) -> Problem {
        Problem {
            severity,
            code: kind,
            message,
            file: WHOLE_SET.to_owned(),
            line: None,
            column: None,
            ids,
            snippet: None,
        }
    }

    /// An error of the whole rule set.
    pub fn report_set(&mut self, kind: ProblemKind, ids: Vec<String>, message: String) {
        let problem = Checker::set_problem(Severity::Error, kind, ids, message);
        self.problems.push(problem);
    }

    /// `file:line:column` of a place, for messages that point at a second one.
    pub fn where_(&self, place: Place) -> String {
        let source = &self.sources[place.file];
        match place
            .span
            .map(|(start, _)| self.lines[place.file].line_col(&source.text, start))
        {
            Some((line, col)) => format!("{}:{line}:{col}", source.display_path()),
            None => source.display_path(),
        }
    }
}
