//! Checking a rule set: everything that makes the files a sound decision
//! tree, from duplicate ids to cycles and steps that need a channel a carrier
//! lacks. Every problem is reported, not the first, each with its file, line
//! and the id involved, so an author can fix a rule pack in one pass.

use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;

use serde::Serialize;
use toml::Spanned;
use unicode_width::UnicodeWidthStr;

use crate::rules::{
    self, Confidence, DetailDef, DetailKind, LineIndex, RuleFile, Source, StepDef, Text,
};
use crate::tree::{
    CARRIER_QUESTION, Carrier, Case, Cause, Channels, Choice, Conclusion, Detail, Fact, Node,
    NodeMap, NodeSet, Override, Question, Rung, Step, Tree, WHOLE_SET, node_id, placeholders,
    successors,
};

/// Whether a problem stops the rules from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing wrong with a rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    pub severity: Severity,
    /// A stable, kebab-case name of the kind of problem, such as `duplicate-id`.
    pub code: &'static str,
    pub message: String,
    /// The rule file, or `rules` for a problem of the whole set.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The ids involved.
    pub ids: Vec<String>,
    /// The offending line, for a caret under the place.
    #[serde(skip)]
    pub snippet: Option<Snippet>,
}

/// A source line and the part of it to underline, in terminal columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub start: usize,
    pub width: usize,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// What `rules check` asks beyond soundness.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Warn about facts last checked more than this many days before `today`.
    pub stale_after: Option<(jiff::civil::Date, i64)>,
    pub limits: Limits,
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
    pub id_bytes: usize,
    pub text_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            nodes: 200_000,
            depth: 500,
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

/// Parses every file, on as many threads as there are cores when the set is
/// large enough to pay for them (a pack of many files, per province or product).
fn parse_all(sources: &[Source]) -> Vec<Result<RuleFile, rules::ParseError>> {
    const WORTH_A_THREAD: usize = 1 << 20;
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len())
        .min(bytes / WORTH_A_THREAD);
    // A defective file (too large, not UTF-8) is reported, not parsed.
    let parse = |source: &Source| match source.defect {
        Some(_) => Ok(RuleFile::default()),
        None => rules::parse(source),
    };
    if threads <= 1 {
        return sources.iter().map(parse).collect();
    }
    // Each thread takes the next file not yet taken, so uneven files balance.
    // This thread is one of them: each thread allocates from its own malloc
    // arena, and one arena fewer is tens of megabytes less at the peak.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(source) = sources.get(i) else {
                return done;
            };
            done.push((i, parse(source)));
        }
    };
    let mut parsed: Vec<(usize, Result<RuleFile, rules::ParseError>)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut parsed = work();
        for helper in helpers {
            parsed.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        parsed
    });
    parsed.sort_by_key(|(i, _)| *i);
    parsed.into_iter().map(|(_, p)| p).collect()
}

/// Parses and checks a rule set: every problem, and the tree when none is an error.
pub fn check(sources: &[Source], options: Options) -> Checked {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for (index, parsed) in parse_all(sources).into_iter().enumerate() {
        if let Some(defect) = &sources[index].defect {
            // The file was not taken as rules: its own problem, and nothing to parse.
            let place = Place {
                file: index,
                span: defect.offset.map(|at| (at, at + 1)),
            };
            problems.push(problem(
                sources,
                &LineIndex::new(&sources[index].text),
                Severity::Error,
                defect.code,
                place,
                Vec::new(),
                defect.message.clone(),
            ));
            continue;
        }
        match parsed {
            Ok(file) => files.push((index, file)),
            Err(e) => {
                let code = if e.message.starts_with("unknown field") {
                    "unknown-key"
                } else if e.message.starts_with("missing field") {
                    "missing-key"
                } else {
                    "syntax"
                };
                let place = Place {
                    file: index,
                    span: e.span.map(|s| (s.start, s.end)),
                };
                problems.push(problem(
                    sources,
                    &LineIndex::new(&sources[index].text),
                    Severity::Error,
                    code,
                    place,
                    Vec::new(),
                    e.message,
                ));
            }
        }
    }
    let checker = Checker {
        sources,
        lines: sources.iter().map(|s| LineIndex::new(&s.text)).collect(),
        problems: &mut problems,
        options,
        overrides: Vec::new(),
    };
    let tree = checker.check(files);
    // zh and en texts can raise the same problem twice.
    let mut seen = HashSet::new();
    problems.retain(|p| seen.insert(p.to_string()));
    problems.sort_by_key(|p| p.severity);
    let has_errors = problems.iter().any(|p| p.severity == Severity::Error);
    Checked {
        tree: tree.filter(|_| !has_errors),
        problems,
    }
}

/// Parses and checks a rule set: either a sound tree or every problem.
pub fn build(sources: &[Source]) -> Result<Tree, Vec<Problem>> {
    let checked = check(sources, Options::default());
    match checked.tree {
        Some(tree) => Ok(tree),
        None => Err(checked.problems),
    }
}

/// Where something was defined: the file's index among the sources, and the
/// byte span of its id (none for entries without one, such as escalation steps).
#[derive(Clone, Copy)]
struct Place {
    file: usize,
    /// Start and end byte offsets.
    span: Option<(usize, usize)>,
}

fn problem(
    sources: &[Source],
    lines: &LineIndex,
    severity: Severity,
    code: &'static str,
    place: Place,
    ids: Vec<String>,
    message: String,
) -> Problem {
    let source = &sources[place.file];
    let (line, column, snippet) = match place.span {
        Some((start, end)) => {
            let span = start..end;
            let (line, column) = lines.line_col(&source.text, span.start);
            let (line_start, line_end) = lines.line_bounds(&source.text, line);
            let whole = &source.text[line_start..line_end];
            // A window around the place: a minified pack or a huge string
            // would otherwise print a line thousands of characters long.
            let from_char = (column - 1).saturating_sub(SNIPPET_BEFORE);
            let byte_at = |n: usize| whole.char_indices().nth(n).map_or(whole.len(), |(i, _)| i);
            let from = byte_at(from_char);
            let to = byte_at(from_char + SNIPPET_CHARS);
            let cut_before = if from > 0 { "…" } else { "" };
            let cut_after = if to < whole.len() { "…" } else { "" };
            let width_of = |range: std::ops::Range<usize>| {
                source.text.get(range).map_or(0, UnicodeWidthStr::width)
            };
            let span_start = span.start.clamp(line_start + from, line_start + to);
            let span_end = span.end.clamp(span_start, line_start + to);
            let snippet = Snippet {
                start: cut_before.len().min(1) + width_of(line_start + from..span_start),
                width: width_of(span_start..span_end).max(1),
                text: format!("{cut_before}{}{cut_after}", &whole[from..to]),
            };
            (Some(line), Some(column), Some(snippet))
        }
        None => (None, None, None),
    };
    Problem {
        severity,
        code,
        message,
        file: source.display_path(),
        line,
        column,
        ids,
        snippet,
    }
}

/// How many characters of a long line a snippet shows, and how many of them
/// come before the place it points at.
const SNIPPET_CHARS: usize = 120;
const SNIPPET_BEFORE: usize = 40;

struct Checker<'a> {
    sources: &'a [Source],
    /// A line index per source, for many places in large files.
    lines: Vec<LineIndex>,
    problems: &'a mut Vec<Problem>,
    options: Options,
    overrides: Vec<Override>,
}

impl Checker<'_> {
    fn place<T>(&self, file: usize, spanned: &Spanned<T>) -> Place {
        Place {
            file,
            span: Some((spanned.span().start, spanned.span().end)),
        }
    }

    fn report(&mut self, code: &'static str, place: Place, id: &str, message: String) {
        self.report_ids(Severity::Error, code, place, vec![id.to_owned()], message);
    }

    fn report_ids(
        &mut self,
        severity: Severity,
        code: &'static str,
        place: Place,
        ids: Vec<String>,
        message: String,
    ) {
        let lines = &self.lines[place.file];
        let problem = problem(self.sources, lines, severity, code, place, ids, message);
        self.problems.push(problem);
    }

    /// A problem of the whole rule set, with no one place.
    fn report_set(&mut self, code: &'static str, ids: Vec<String>, message: String) {
        self.problems.push(Problem {
            severity: Severity::Error,
            code,
            message,
            file: WHOLE_SET.to_owned(),
            line: None,
            column: None,
            ids,
            snippet: None,
        });
    }

    fn where_(&self, place: Place) -> String {
        let source = &self.sources[place.file];
        match place
            .span
            .map(|(start, _)| self.lines[place.file].line_col(&source.text, start))
        {
            Some((line, col)) => format!("{}:{line}:{col}", source.display_path()),
            None => source.display_path(),
        }
    }

    /// With `--stale-after`, a fact last checked too long ago is a warning.
    fn check_age(&mut self, place: Place, id: &str, verified: &toml::value::Date) {
        let Some((today, max_days)) = self.options.stale_after else {
            return;
        };
        let Ok(date) = jiff::civil::Date::new(
            verified.year as i16,
            verified.month as i8,
            verified.day as i8,
        ) else {
            return;
        };
        let days = today.duration_since(date).as_hours() / 24;
        if days > max_days {
            let message = format!(
                "fact `{id}` was last checked {days} days ago ({verified}), more than {max_days}: check it against its source again"
            );
            self.report_ids(
                Severity::Warning,
                "stale-fact",
                place,
                vec![id.to_owned()],
                message,
            );
        }
    }

    /// For each definition, where the definition that replaces it stands: the
    /// first one with the same id in the highest layer. `None` when it stays.
    fn replaced_by(&self, ids: &[(usize, &Spanned<String>)]) -> Vec<Option<Place>> {
        // One layer (the built-in rules, or one pack alone): nothing is replaced,
        // and a large pack need not hash every id for it.
        let first_layer = self.sources.first().map_or(0, |s| s.layer);
        if self.sources.iter().all(|s| s.layer == first_layer) {
            return vec![None; ids.len()];
        }
        let mut latest: HashMap<&str, (usize, &Spanned<String>)> = HashMap::new();
        for &(file, id) in ids {
            let layer = self.sources[file].layer;
            let replace = latest
                .get(id.get_ref().as_str())
                .is_none_or(|&(known, _)| self.sources[known].layer < layer);
            if replace {
                latest.insert(id.get_ref(), (file, id));
            }
        }
        ids.iter()
            .map(|&(file, id)| {
                let (winner, winner_id) = latest[id.get_ref().as_str()];
                (self.sources[file].layer < self.sources[winner].layer)
                    .then(|| self.place(winner, winner_id))
            })
            .collect()
    }

    /// The definitions no later layer replaces; each replaced one is recorded
    /// as an override. Duplicates within a layer stay, for `index` to report.
    fn keep_latest<T>(
        &mut self,
        kind: &'static str,
        defs: Vec<(usize, T)>,
        id: impl Fn(&T) -> &Spanned<String>,
        replaced_by: Vec<Option<Place>>,
    ) -> Vec<(usize, T)> {
        let mut kept = Vec::with_capacity(defs.len());
        for ((file, def), by) in defs.into_iter().zip(replaced_by) {
            match by {
                Some(winner) => self.overrides.push(Override {
                    kind,
                    id: id(&def).get_ref().clone(),
                    by: self.where_(winner),
                    replaced: self.where_(self.place(file, id(&def))),
                }),
                None => kept.push((file, def)),
            }
        }
        kept
    }

    fn drop_replaced<T>(
        &mut self,
        kind: &'static str,
        defs: Vec<(usize, T)>,
        id: impl Fn(&T) -> &Spanned<String>,
    ) -> Vec<(usize, T)> {
        let ids: Vec<_> = defs.iter().map(|(f, d)| (*f, id(d))).collect();
        let replaced_by = self.replaced_by(&ids);
        self.keep_latest(kind, defs, id, replaced_by)
    }

    /// Each definition's id and where it stands.
    fn ids<T>(
        &self,
        defs: &[(usize, T)],
        id: impl Fn(&T) -> &Spanned<String>,
    ) -> Vec<(String, Place)> {
        defs.iter()
            .map(|(file, def)| (id(def).get_ref().clone(), self.place(*file, id(def))))
            .collect()
    }

    /// Indexes ids of one kind, reporting duplicates with both places.
    fn index(&mut self, kind: &str, items: &[(String, Place)]) -> HashMap<String, usize> {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, (id, place)) in items.iter().enumerate() {
            let limit = self.options.limits.id_bytes;
            if id.len() > limit {
                let shown: String = id.chars().take(40).collect();
                let message = format!(
                    "{kind} id `{shown}…` is {} bytes long, more than {limit}",
                    id.len()
                );
                self.report("too-long", *place, &shown, message);
            }
            if let Some(&first) = index.get(id) {
                let message = format!(
                    "duplicate {kind} id `{id}` (first defined at {})",
                    self.where_(items[first].1)
                );
                self.report("duplicate-id", *place, id, message);
            } else {
                index.insert(id.clone(), i);
            }
        }
        index
    }

    fn check(mut self, files: Vec<(usize, RuleFile)>) -> Option<Tree> {
        // Gather every definition with where it stands.
        let mut start: Vec<(Spanned<String>, usize)> = Vec::new();
        let mut carriers = Vec::new();
        let mut causes = Vec::new();
        let mut facts = Vec::new();
        let mut questions = Vec::new();
        let mut conclusions = Vec::new();
        let mut escalation = Vec::new();
        let mut rungs = Vec::new();
        let mut details = Vec::new();
        let mut hotline_ask = Vec::new();
        let mut hotline_note = Vec::new();
        let mut evidence = Vec::new();
        let mut cases = Vec::new();
        for (file, rule_file) in files {
            if let Some(s) = rule_file.start {
                start.push((s, file));
            }
            carriers.extend(rule_file.carrier.into_iter().map(|d| (file, d)));
            causes.extend(rule_file.cause.into_iter().map(|d| (file, d)));
            facts.extend(rule_file.fact.into_iter().map(|d| (file, d)));
            questions.extend(rule_file.question.into_iter().map(|d| (file, d)));
            conclusions.extend(rule_file.conclusion.into_iter().map(|d| (file, d)));
            escalation.extend(rule_file.escalation.into_iter().map(|d| (file, d)));
            rungs.extend(rule_file.rung.into_iter().map(|d| (file, d)));
            details.extend(rule_file.detail.into_iter().map(|d| (file, d)));
            hotline_ask.extend(rule_file.hotline_ask);
            hotline_note.extend(rule_file.hotline_note);
            evidence.extend(rule_file.evidence);
            cases.extend(rule_file.case.into_iter().map(|d| (file, d)));
        }

        let limits = self.options.limits;
        let nodes = questions.len() + conclusions.len();
        if nodes > limits.nodes {
            let message = format!(
                "the rules have {nodes} questions and conclusions, more than {}",
                limits.nodes
            );
            self.report_set("too-many-nodes", Vec::new(), message);
            return None;
        }

        // A later layer replaces a definition with the same id from an earlier one.
        let carriers = self.drop_replaced("carrier", carriers, |d| &d.id);
        let causes = self.drop_replaced("cause", causes, |d| &d.id);
        let facts = self.drop_replaced("fact", facts, |d| &d.id);
        let cases = self.drop_replaced("case", cases, |d| &d.name);
        let rungs = self.drop_replaced("rung", rungs, |d| &d.id);
        let details = self.drop_replaced("detail", details, |d| &d.id);
        // Questions and conclusions share one namespace, so one replaces the other.
        let node_ids: Vec<_> = questions
            .iter()
            .map(|(f, d)| (*f, &d.id))
            .chain(conclusions.iter().map(|(f, d)| (*f, &d.id)))
            .collect();
        let mut questions_replaced = self.replaced_by(&node_ids);
        let conclusions_replaced = questions_replaced.split_off(questions.len());
        let questions = self.keep_latest("question", questions, |d| &d.id, questions_replaced);
        let conclusions =
            self.keep_latest("conclusion", conclusions, |d| &d.id, conclusions_replaced);
        let top = start.iter().map(|(_, f)| self.sources[*f].layer).max();
        start.retain(|(_, f)| Some(self.sources[*f].layer) == top);

        let carrier_ids = self.ids(&carriers, |d| &d.id);
        let carrier_index = self.index("carrier", &carrier_ids);
        let cause_ids = self.ids(&causes, |d| &d.id);
        let cause_index = self.index("cause", &cause_ids);
        let fact_ids = self.ids(&facts, |d| &d.id);
        let fact_index = self.index("fact", &fact_ids);
        // Questions and conclusions share one namespace: `next` may name either.
        let mut node_ids = self.ids(&questions, |d| &d.id);
        node_ids.extend(self.ids(&conclusions, |d| &d.id));
        let problems_before_nodes = self.problems.len();
        let node_index = self.index("node", &node_ids);
        // With a duplicate or dangling node id the graph is not the one the
        // author meant: reachability would only echo those problems.
        let refs_broken = Cell::new(self.problems.len() > problems_before_nodes);
        let question_count = questions.len();
        let node_of = |i: usize| {
            if i < question_count {
                Node::Question(i)
            } else {
                Node::Conclusion(i - question_count)
            }
        };

        // Facts: carriers resolve, dates are dates, one fact per carrier channel.
        let mut channels = Channels::default();
        let mut checked_facts = Vec::new();
        for (i, (file, def)) in facts.iter().enumerate() {
            let id = def.id.get_ref();
            let carrier = def.carrier.as_ref().and_then(|c| {
                let found = carrier_index.get(c.get_ref()).copied();
                if found.is_none() {
                    let message = format!("unknown carrier `{}` in fact `{id}`", c.get_ref());
                    self.report("unknown-reference", self.place(*file, c), id, message);
                }
                found
            });
            if def.source.trim().is_empty() {
                let message = format!("fact `{id}` has an empty `source`");
                self.report("empty-source", self.place(*file, &def.id), id, message);
            }
            let verified = def.verified.get_ref();
            let verified_text = match (&verified.date, &verified.time, &verified.offset) {
                (Some(date), None, None) => {
                    self.check_age(self.place(*file, &def.verified), id, date);
                    date.to_string()
                }
                _ => {
                    let message =
                        format!("`verified` of fact `{id}` must be a date like 2026-01-31");
                    self.report("bad-date", self.place(*file, &def.verified), id, message);
                    verified.to_string()
                }
            };
            match (carrier, &def.channel) {
                (Some(c), Some(kind)) => {
                    if let Some(other) = channels.get(c, kind) {
                        let message = format!(
                            "carrier `{}` has two `{kind}` channels: `{}` and `{id}`",
                            carriers[c].1.id.get_ref(),
                            facts[other].1.id.get_ref()
                        );
                        self.report("duplicate-channel", self.place(*file, &def.id), id, message);
                    } else {
                        channels.insert(c, kind, i);
                    }
                }
                (None, Some(kind)) if def.carrier.is_none() => {
                    let message = format!("fact `{id}` has channel `{kind}` but no `carrier`");
                    self.report(
                        "channel-without-carrier",
                        self.place(*file, &def.id),
                        id,
                        message,
                    );
                }
                _ => {}
            }
            let period = def.period.as_ref().and_then(|p| {
                let span = p.get_ref().parse::<jiff::Span>().ok();
                if span.is_none() {
                    let message = format!(
                        "`period` of fact `{id}` must be an ISO 8601 duration such as P15D, P5M or P2Y"
                    );
                    self.report("bad-period", self.place(*file, p), id, message);
                }
                span
            });
            checked_facts.push(rules_fact(def, carrier, verified_text, period));
        }

        let resolve_node = |this: &mut Self, file: usize, next: &Spanned<String>, owner: &str| {
            let found = node_index.get(next.get_ref()).map(|&i| node_of(i));
            if found.is_none() {
                refs_broken.set(true);
                let message = format!("unknown node `{}` in `next` of `{owner}`", next.get_ref());
                this.report("unknown-reference", this.place(file, next), owner, message);
            }
            found
        };

        // The carrier question and the carriers must match one to one.
        match questions
            .iter()
            .position(|(_, d)| d.id.get_ref() == CARRIER_QUESTION)
        {
            None => {
                self.report_set(
                    "carrier-question",
                    vec![CARRIER_QUESTION.to_owned()],
                    format!("no question `{CARRIER_QUESTION}` asks for the user's carrier"),
                );
            }
            Some(q) => {
                let (file, def) = &questions[q];
                let values: Vec<&str> = def
                    .choices
                    .iter()
                    .map(|c| c.value.get_ref().as_str())
                    .collect();
                for choice in &def.choices {
                    if !carrier_index.contains_key(choice.value.get_ref()) {
                        let message = format!(
                            "choice `{}` of question `{CARRIER_QUESTION}` is not a carrier id",
                            choice.value.get_ref()
                        );
                        self.report(
                            "carrier-question",
                            self.place(*file, &choice.value),
                            CARRIER_QUESTION,
                            message,
                        );
                    }
                }
                for (id, place) in &carrier_ids {
                    if !values.contains(&id.as_str()) {
                        let message = format!(
                            "carrier `{id}` is not a choice of question `{CARRIER_QUESTION}`"
                        );
                        self.report("carrier-question", *place, id, message);
                    }
                }
            }
        }

        // Questions. Their texts move into the tree: a large pack holds
        // millions of them, and copying them would double the memory.
        let question_places: Vec<Place> = questions
            .iter()
            .map(|(file, def)| self.place(*file, &def.id))
            .collect();
        let mut checked_questions = Vec::new();
        for ((file, def), &place) in questions.into_iter().zip(&question_places) {
            let file = &file;
            let id = def.id.get_ref();
            if def.choices.is_empty() {
                self.report(
                    "no-choices",
                    place,
                    id,
                    format!("question `{id}` has no choices"),
                );
            }
            let mut seen: HashMap<String, &str> = HashMap::new();
            let mut nexts = Vec::new();
            for choice in &def.choices {
                let value = choice.value.get_ref();
                for spelling in std::iter::once(value).chain(&choice.aliases) {
                    let key = spelling.to_lowercase();
                    if let Some(owner) = seen.insert(key, value) {
                        let message = format!(
                            "question `{id}` accepts `{spelling}` for both `{owner}` and `{value}`"
                        );
                        self.report(
                            "duplicate-choice",
                            self.place(*file, &choice.value),
                            id,
                            message,
                        );
                    }
                }
                nexts.push(
                    choice
                        .next
                        .as_ref()
                        .and_then(|n| resolve_node(&mut self, *file, n, id)),
                );
            }
            self.check_placeholders(
                place,
                id,
                &def.text,
                None,
                None,
                &carrier_ids,
                &fact_index,
                &channels,
            );
            if let Some(help) = &def.help {
                self.check_placeholders(
                    place,
                    id,
                    help,
                    None,
                    None,
                    &carrier_ids,
                    &fact_index,
                    &channels,
                );
            }
            let origin = self.where_(place);
            let choices = def
                .choices
                .into_iter()
                .zip(nexts)
                .map(|(choice, next)| Choice {
                    value: choice.value.into_inner(),
                    label: choice.label,
                    aliases: choice.aliases,
                    next,
                })
                .collect();
            checked_questions.push(Question {
                id: def.id.into_inner(),
                origin,
                text: def.text,
                help: def.help,
                choices,
            });
        }

        // Conclusions, whose texts move into the tree too.
        let conclusion_places: Vec<Place> = conclusions
            .iter()
            .map(|(file, def)| self.place(*file, &def.id))
            .collect();
        let conclusion_ids: Vec<String> = conclusions
            .iter()
            .map(|(_, def)| def.id.get_ref().clone())
            .collect();
        let mut checked_conclusions = Vec::new();
        for ((file, def), &place) in conclusions.into_iter().zip(&conclusion_places) {
            let file = &file;
            let id = def.id.get_ref();
            let cause = def.cause.as_ref().and_then(|c| {
                let found = cause_index.get(c.get_ref()).copied();
                if found.is_none() {
                    let message = format!("unknown cause `{}` in conclusion `{id}`", c.get_ref());
                    self.report("unknown-reference", self.place(*file, c), id, message);
                }
                found
            });
            if def.cause.is_none() && def.title.is_none() {
                let message = format!("conclusion `{id}` has neither a `cause` nor a `title`");
                self.report("missing-title", place, id, message);
            }
            if def.steps.is_empty() {
                self.report(
                    "no-steps",
                    place,
                    id,
                    format!("conclusion `{id}` has no steps"),
                );
            }
            // A cause is advice a user acts on: it must say how to confirm it,
            // what to say on the phone and how to avoid it next time.
            if def.script.is_none() {
                self.report(
                    "missing-advice",
                    place,
                    id,
                    format!("conclusion `{id}` has no `script`"),
                );
            }
            if def.cause.is_some() && def.confirm.is_empty() {
                self.report(
                    "missing-advice",
                    place,
                    id,
                    format!("conclusion `{id}` has no `confirm`"),
                );
            }
            if def.cause.is_some() && def.prevention.is_empty() {
                self.report(
                    "missing-advice",
                    place,
                    id,
                    format!("conclusion `{id}` has no `prevention`"),
                );
            }
            let texts = def
                .confirm
                .iter()
                .chain(&def.script)
                .chain(&def.evidence)
                .chain(&def.prevention);
            for text in std::iter::once(&def.explanation).chain(texts) {
                self.check_placeholders(
                    place,
                    id,
                    text,
                    None,
                    None,
                    &carrier_ids,
                    &fact_index,
                    &channels,
                );
            }
            let listed = def
                .facts
                .iter()
                .filter_map(|name| {
                    let found = fact_index.get(name).copied();
                    if found.is_none() {
                        self.report(
                            "unknown-reference",
                            place,
                            id,
                            format!("unknown fact `{name}` in `{id}`"),
                        );
                    }
                    found
                })
                .collect();
            if def.steps.iter().any(|s| s.rung.is_some()) {
                let message = format!("a step of `{id}` has a `rung`; only escalation steps do");
                self.report("misplaced-rung", place, id, message);
            }
            let next = def
                .next
                .as_ref()
                .and_then(|n| resolve_node(&mut self, *file, n, id));
            let origin = self.where_(place);
            let id = def.id.into_inner();
            let steps = def
                .steps
                .into_iter()
                .map(|s| self.check_step(place, &id, s, &carrier_ids, &fact_index, &channels))
                .collect();
            checked_conclusions.push(Conclusion {
                id,
                origin,
                cause,
                title: def.title,
                explanation: def.explanation,
                confirm: def.confirm,
                script: def.script,
                steps,
                evidence: def.evidence,
                prevention: def.prevention,
                facts: listed,
                next,
            });
        }

        let rung_ids = self.ids(&rungs, |d| &d.id);
        let rung_index = self.index("rung", &rung_ids);
        let mut checked_escalation = Vec::new();
        let escalation_places: Vec<Place> = escalation
            .iter()
            .map(|&(file, _)| Place { file, span: None })
            .collect();
        for ((_, def), &place) in escalation.into_iter().zip(&escalation_places) {
            let rung = def.rung.clone();
            let mut step = self.check_step(
                place,
                "escalation",
                def,
                &carrier_ids,
                &fact_index,
                &channels,
            );
            step.rung = match &rung {
                Some(rung) => {
                    let found = rung_index.get(rung).copied();
                    if found.is_none() {
                        let message = format!("unknown rung `{rung}` in an escalation step");
                        self.report("unknown-reference", place, rung, message);
                    }
                    found
                }
                None => {
                    let message = "an escalation step has no `rung`".to_owned();
                    self.report("missing-rung", place, "escalation", message);
                    None
                }
            };
            checked_escalation.push(step);
        }
        let checked_details = self.check_details(&details, &node_index);

        // The start node.
        let start = match start.as_slice() {
            [] => {
                self.report_set(
                    "missing-start",
                    Vec::new(),
                    "no file sets `start`, the node the walk begins at".to_owned(),
                );
                None
            }
            [(s, file), rest @ ..] => {
                for (other, other_file) in rest {
                    let message = format!(
                        "`start` is set again (first set at {})",
                        self.where_(self.place(*file, s))
                    );
                    self.report(
                        "duplicate-start",
                        self.place(*other_file, other),
                        other.get_ref(),
                        message,
                    );
                }
                resolve_node(&mut self, *file, s, "start")
            }
        };

        let start = start?;
        let mut tree = Tree {
            start,
            carriers: carriers
                .iter()
                .map(|(_, d)| Carrier {
                    id: d.id.get_ref().clone(),
                    name: d.name.clone(),
                })
                .collect(),
            causes: causes
                .iter()
                .map(|(_, d)| Cause {
                    id: d.id.get_ref().clone(),
                    title: d.title.clone(),
                })
                .collect(),
            facts: checked_facts,
            questions: checked_questions,
            conclusions: checked_conclusions,
            rungs: rungs
                .iter()
                .map(|(_, d)| Rung {
                    id: d.id.get_ref().clone(),
                    title: d.title.clone(),
                })
                .collect(),
            escalation: checked_escalation,
            evidence,
            details: checked_details,
            hotline_ask,
            hotline_note,
            cases: Vec::new(),
            overrides: Vec::new(),
            fact_ids: fact_index,
            channels,
        };
        let mut cycles = false;
        for (node, code, ids, message) in graph_problems(&tree, refs_broken.get()) {
            let place = match node {
                Node::Question(i) => question_places[i],
                Node::Conclusion(i) => conclusion_places[i],
            };
            cycles |= code == "cycle";
            self.report_ids(Severity::Error, code, place, ids, message);
        }
        if !cycles && !refs_broken.get() {
            let depth = deepest_walk(&tree);
            if depth > limits.depth {
                let message = format!(
                    "a walk through the rules can ask {depth} questions, more than {}",
                    limits.depth
                );
                self.report_set("too-deep", Vec::new(), message);
            }
        }
        for text in tree.texts_mut() {
            // A text no longer in bytes than the limit is within it in characters.
            for body in [&text.zh, &text.en]
                .into_iter()
                .filter(|b| b.len() > limits.text_chars)
            {
                let chars = body.chars().count();
                if chars > limits.text_chars {
                    let shown: String = body.chars().take(40).collect();
                    let message = format!(
                        "a text is {chars} characters long, more than {}: `{shown}…`",
                        limits.text_chars
                    );
                    self.report_set("too-long", Vec::new(), message);
                }
            }
        }
        if !refs_broken.get() {
            for (conclusion, carrier) in unreached_per_carrier(&tree) {
                let id = &conclusion_ids[conclusion];
                let carrier_id = &tree.carriers[carrier].id;
                let message =
                    format!("no path reaches conclusion `{id}` for carrier `{carrier_id}`");
                let ids = vec![id.clone(), carrier_id.clone()];
                let place = conclusion_places[conclusion];
                self.report_ids(
                    Severity::Warning,
                    "unreached-for-carrier",
                    place,
                    ids,
                    message,
                );
            }
        }
        self.check_confidence(&tree, &conclusion_places, &escalation_places);
        tree.cases = self.check_cases(&tree, &cases);
        tree.overrides = std::mem::take(&mut self.overrides);
        Some(tree)
    }

    /// A low-confidence fact is never advice: no step, and no text of a
    /// conclusion, may rely on one, for any carrier it is shown to.
    fn check_confidence(&mut self, tree: &Tree, conclusions: &[Place], escalation: &[Place]) {
        // Working out every step's facts for every carrier is most of the
        // checker's time on a large pack; without a low fact there is nothing to find.
        if tree.facts.iter().all(|f| f.confidence != Confidence::Low) {
            return;
        }
        let carriers: Vec<Option<usize>> = (0..tree.carriers.len()).map(Some).collect();
        // (place, conclusion or None for the escalation ladder, fact)
        let mut found: Vec<(Place, Option<usize>, usize)> = Vec::new();
        for (index, (conclusion, &place)) in tree.conclusions.iter().zip(conclusions).enumerate() {
            for &carrier in &carriers {
                let steps = conclusion
                    .steps
                    .iter()
                    .filter(|s| Tree::applies(s, carrier));
                let facts = steps
                    .flat_map(|s| tree.step_facts(s, carrier))
                    .chain(tree.conclusion_facts(conclusion, carrier));
                found.extend(facts.map(|f| (place, Some(index), f)));
            }
        }
        for (step, &place) in tree.escalation.iter().zip(escalation) {
            for &carrier in carriers.iter().filter(|&&c| Tree::applies(step, c)) {
                let facts = tree.step_facts(step, carrier);
                found.extend(facts.into_iter().map(|f| (place, None, f)));
            }
        }
        let mut reported = HashSet::new();
        for (place, owner, fact) in found {
            if tree.facts[fact].confidence != Confidence::Low || !reported.insert((owner, fact)) {
                continue;
            }
            let fact = &tree.facts[fact];
            let owner = owner.map_or("escalation", |c| tree.conclusions[c].id.as_str());
            let message = format!(
                "`{owner}` relies on fact `{}`, whose confidence is low",
                fact.id
            );
            self.report("low-fact", place, owner, message);
        }
    }

    /// Details: ids apart from the questions', choices exactly for `choice`
    /// details, and `only_if` naming earlier choice details and their values.
    fn check_details(
        &mut self,
        defs: &[(usize, DetailDef)],
        node_index: &HashMap<String, usize>,
    ) -> Vec<Detail> {
        let ids = self.ids(defs, |d| &d.id);
        self.index("detail", &ids);
        let mut details: Vec<Detail> = Vec::new();
        for (file, def) in defs {
            let id = def.id.get_ref();
            let place = self.place(*file, &def.id);
            if node_index.contains_key(id) {
                let message = format!("detail `{id}` has the id of a question or conclusion");
                self.report("duplicate-id", place, id, message);
            }
            match (def.kind, def.choices.is_empty()) {
                (DetailKind::Choice, true) => {
                    self.report(
                        "no-choices",
                        place,
                        id,
                        format!("detail `{id}` has no choices"),
                    );
                }
                (DetailKind::Date | DetailKind::Text, false) => {
                    let message = format!("detail `{id}` has choices but is not a `choice` detail");
                    self.report("misplaced-choices", place, id, message);
                }
                _ => {}
            }
            if def.choices.iter().any(|c| c.next.is_some()) {
                let message =
                    format!("a choice of detail `{id}` has a `next`; details lead nowhere");
                self.report("misplaced-next", place, id, message);
            }
            let mut only_if = Vec::new();
            for (other, values) in &def.only_if {
                let Some(d) = details.iter().position(|d| &d.id == other) else {
                    let message = format!(
                        "`only_if` of `{id}` names `{other}`, which is not an earlier detail"
                    );
                    self.report("unknown-reference", place, id, message);
                    continue;
                };
                let mut allowed = Vec::new();
                for value in values {
                    match details[d].choices.iter().position(|c| &c.value == value) {
                        Some(c) => allowed.push(c),
                        None => {
                            let message = format!(
                                "`{value}` is not a choice of `{other}` (in `only_if` of `{id}`)"
                            );
                            self.report("unknown-reference", place, id, message);
                        }
                    }
                }
                only_if.push((d, allowed));
            }
            details.push(Detail {
                id: id.clone(),
                kind: def.kind,
                text: def.text.clone(),
                help: def.help.clone(),
                choices: def
                    .choices
                    .iter()
                    .map(|c| Choice {
                        value: c.value.get_ref().clone(),
                        label: c.label.clone(),
                        aliases: c.aliases.clone(),
                        next: None,
                    })
                    .collect(),
                only_if,
                ask_in: def.ask_in.clone(),
            });
        }
        details
    }

    /// Cases must name real questions, values, causes, conclusions and facts;
    /// whether they pass is for the case runner to say.
    fn check_cases(&mut self, tree: &Tree, cases: &[(usize, rules::CaseDef)]) -> Vec<Case> {
        let names = self.ids(cases, |d| &d.name);
        self.index("case", &names);
        let mut checked = Vec::new();
        for (file, def) in cases {
            let name = def.name.get_ref();
            let place = self.place(*file, &def.name);
            let mut answers = Vec::new();
            for (id, value) in &def.answers {
                let Some(q) = tree.question(id) else {
                    self.report(
                        "unknown-reference",
                        place,
                        name,
                        format!("unknown question `{id}` in case `{name}`"),
                    );
                    continue;
                };
                match tree.choice(q, value) {
                    Some(c) => answers.push((q, c)),
                    None => {
                        let message =
                            format!("`{value}` is not an answer to `{id}` in case `{name}`");
                        self.report("unknown-reference", place, name, message);
                    }
                }
            }
            for cause in &def.causes {
                if !tree.causes.iter().any(|c| &c.id == cause) {
                    self.report(
                        "unknown-reference",
                        place,
                        name,
                        format!("unknown cause `{cause}` in case `{name}`"),
                    );
                }
            }
            for conclusion in def.conclusions.iter().flatten() {
                if !tree.conclusions.iter().any(|c| &c.id == conclusion) {
                    let message = format!("unknown conclusion `{conclusion}` in case `{name}`");
                    self.report("unknown-reference", place, name, message);
                }
            }
            for fact in &def.facts {
                if tree.fact(fact).is_none() {
                    self.report(
                        "unknown-reference",
                        place,
                        name,
                        format!("unknown fact `{fact}` in case `{name}`"),
                    );
                }
            }
            checked.push(Case {
                name: name.clone(),
                file: self.sources[*file].display_path(),
                answers,
                causes: def.causes.clone(),
                conclusions: def.conclusions.clone(),
                facts: def.facts.clone(),
            });
        }
        checked
    }

    #[allow(clippy::too_many_arguments)]
    fn check_step(
        &mut self,
        place: Place,
        owner: &str,
        step: StepDef,
        carrier_ids: &[(String, Place)],
        fact_index: &HashMap<String, usize>,
        channels: &Channels,
    ) -> Step {
        let carriers = step.carriers.as_ref().map(|list| {
            list.iter()
                .filter_map(|c| {
                    let found = carrier_ids.iter().position(|(id, _)| id == c);
                    if found.is_none() {
                        self.report(
                            "unknown-reference",
                            place,
                            owner,
                            format!("unknown carrier `{c}` in a step of `{owner}`"),
                        );
                    }
                    found
                })
                .collect::<Vec<_>>()
        });
        let applies_to: Vec<usize> = match &carriers {
            Some(list) => list.clone(),
            None => (0..carrier_ids.len()).collect(),
        };
        if let Some(kind) = &step.channel {
            for &c in &applies_to {
                if !channels.contains(c, kind) {
                    let message = format!(
                        "a step of `{owner}` needs channel `{kind}`, which carrier `{}` lacks",
                        carrier_ids[c].0
                    );
                    self.report("missing-channel", place, owner, message);
                }
            }
        }
        self.check_placeholders(
            place,
            owner,
            &step.text,
            carriers.as_deref(),
            step.channel.as_deref(),
            carrier_ids,
            fact_index,
            channels,
        );
        let mut listed = Vec::new();
        for name in &step.facts {
            match fact_index.get(name) {
                Some(&i) => listed.push(i),
                None => self.report(
                    "unknown-reference",
                    place,
                    owner,
                    format!("unknown fact `{name}` in a step of `{owner}`"),
                ),
            }
        }
        Step {
            text: step.text,
            channel: step.channel,
            carriers,
            facts: listed,
            rung: None,
        }
    }

    /// Every `{name}` must be a fact id or a channel every concerned carrier has.
    #[allow(clippy::too_many_arguments)]
    fn check_placeholders(
        &mut self,
        place: Place,
        owner: &str,
        text: &Text,
        carriers: Option<&[usize]>,
        checked_channel: Option<&str>,
        carrier_ids: &[(String, Place)],
        fact_index: &HashMap<String, usize>,
        channels: &Channels,
    ) {
        let all: Vec<usize> = (0..carrier_ids.len()).collect();
        let carriers = carriers.unwrap_or(&all);
        for body in [&text.zh, &text.en] {
            for name in placeholders(body) {
                // The step's own channel was checked already.
                if fact_index.contains_key(name) || checked_channel == Some(name) {
                    continue;
                }
                let lacking: Vec<&str> = carriers
                    .iter()
                    .filter(|&&c| !channels.contains(c, name))
                    .map(|&c| carrier_ids[c].0.as_str())
                    .collect();
                if carriers.is_empty() || lacking.len() == carriers.len() {
                    self.report(
                        "unknown-reference",
                        place,
                        owner,
                        format!("`{{{name}}}` in `{owner}` is neither a fact nor a channel"),
                    );
                } else if !lacking.is_empty() {
                    let message = format!(
                        "`{{{name}}}` in `{owner}` needs a channel that carrier `{}` lacks",
                        lacking.join("`, `")
                    );
                    self.report("missing-channel", place, owner, message);
                }
            }
        }
    }
}

fn rules_fact(
    def: &rules::FactDef,
    carrier: Option<usize>,
    verified: String,
    period: Option<jiff::Span>,
) -> Fact {
    Fact {
        period,
        id: def.id.get_ref().clone(),
        carrier,
        channel: def.channel.clone(),
        value: def.value.clone(),
        label: def.label.clone(),
        note: def.note.clone(),
        source: def.source.clone(),
        url: def.url.clone(),
        confidence: def.confidence,
        verified,
    }
}

/// The most questions any walk from the start asks: the longest path, counted
/// in questions, in a tree known to have no cycle. Linear: each node once.
fn deepest_walk(tree: &Tree) -> usize {
    let mut depth: NodeMap<Option<usize>> = NodeMap::filled(tree, None);
    // Depth first, without recursion: a node's depth once all its successors have theirs.
    let mut stack = vec![(tree.start, false)];
    while let Some((node, expanded)) = stack.pop() {
        if depth[node].is_some() {
            continue;
        }
        let next = successors(tree, node);
        if expanded {
            let below = next.iter().filter_map(|&n| depth[n]).max().unwrap_or(0);
            depth[node] = Some(below + usize::from(matches!(node, Node::Question(_))));
        } else {
            stack.push((node, true));
            stack.extend(next.into_iter().map(|n| (n, false)));
        }
    }
    depth[tree.start].unwrap_or(0)
}

/// The nodes reachable from `from`, walking on only through nodes that `through` accepts.
fn reachable(tree: &Tree, from: Node, through: impl Fn(Node) -> bool) -> NodeSet {
    let mut seen = NodeSet::new(tree);
    let mut queue = VecDeque::from([from]);
    while let Some(node) = queue.pop_front() {
        if !through(node) || !seen.insert(node) {
            continue;
        }
        queue.extend(successors(tree, node));
    }
    seen
}

/// Cycles, unreachable nodes and dead ends: the problems of the tree's shape.
/// (conclusion, carrier) pairs where the conclusion is reachable from the
/// start but not once the carrier question is answered with that carrier.
fn unreached_per_carrier(tree: &Tree) -> Vec<(usize, usize)> {
    let Some(carrier_question) = tree.question(CARRIER_QUESTION) else {
        return Vec::new();
    };
    let everywhere = reachable(tree, tree.start, |_| true);
    let mut unreached = Vec::new();
    for choice in &tree.questions[carrier_question].choices {
        let Some(carrier) = tree.carrier_index(&choice.value) else {
            continue;
        };
        let mut seen = NodeSet::new(tree);
        let mut queue = VecDeque::from([tree.start]);
        while let Some(node) = queue.pop_front() {
            if !seen.insert(node) {
                continue;
            }
            if node == Node::Question(carrier_question) {
                queue.extend(choice.next);
            } else {
                queue.extend(successors(tree, node));
            }
        }
        for c in 0..tree.conclusions.len() {
            let node = Node::Conclusion(c);
            if everywhere.contains(node) && !seen.contains(node) {
                unreached.push((c, carrier));
            }
        }
    }
    unreached
}

/// A problem of the tree's shape: the node it is reported at, its code, the
/// ids involved and the message.
type GraphProblem = (Node, &'static str, Vec<String>, String);

fn graph_problems(tree: &Tree, refs_broken: bool) -> Vec<GraphProblem> {
    let mut problems = Vec::new();
    let nodes: Vec<Node> = (0..tree.questions.len())
        .map(Node::Question)
        .chain((0..tree.conclusions.len()).map(Node::Conclusion))
        .collect();

    // Cycles: depth-first search; a successor still on the stack closes one.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = NodeMap::filled(tree, Mark::New);
    for &root in &nodes {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(Node, Vec<Node>)> = vec![(root, successors(tree, root))];
        mark[root] = Mark::OnStack;
        while let Some((node, pending)) = stack.last_mut() {
            let node = *node;
            match pending.pop() {
                Some(next) => match mark[next] {
                    Mark::New => {
                        mark[next] = Mark::OnStack;
                        stack.push((next, successors(tree, next)));
                    }
                    Mark::OnStack => {
                        let from = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                        let ids: Vec<&str> = stack[from..]
                            .iter()
                            .map(|(n, _)| node_id(tree, *n))
                            .chain(std::iter::once(node_id(tree, next)))
                            .collect();
                        let message = format!("cycle: `{}`", ids.join("` -> `"));
                        let ids = ids.iter().map(|s| (*s).to_owned()).collect();
                        problems.push((next, "cycle", ids, message));
                    }
                    Mark::Done => {}
                },
                None => {
                    mark[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
    }

    // Unreachable nodes, and dead ends: a choice with no `next` on a path
    // that has found no conclusion yet ends the walk with nothing to say.
    if refs_broken {
        return problems;
    }
    let reached = reachable(tree, tree.start, |_| true);
    let before_conclusion = reachable(tree, tree.start, |n| matches!(n, Node::Question(_)));
    for &node in &nodes {
        if !reached.contains(node) {
            let message = format!("`{}` is not reachable from the start", node_id(tree, node));
            let ids = vec![node_id(tree, node).to_owned()];
            problems.push((node, "unreachable", ids, message));
        }
    }
    for &node in &nodes {
        if let (Node::Question(i), true) = (node, before_conclusion.contains(node)) {
            for choice in &tree.questions[i].choices {
                if choice.next.is_none() {
                    let message = format!(
                        "dead end: choice `{}` of `{}` ends the walk before any conclusion",
                        choice.value, tree.questions[i].id
                    );
                    let ids = vec![tree.questions[i].id.clone(), choice.value.clone()];
                    problems.push((node, "dead-end", ids, message));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages for the built-in rules plus one extra file.
    fn problems_with(extra: &str) -> Vec<String> {
        let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
        // In the built-in layer: a clash is a duplicate, not an override.
        sources.push(Source {
            defect: None,
            name: "extra.toml".into(),
            origin: "extra.toml".into(),
            layer: 0,
            text: extra.into(),
        });
        match build(&sources) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn assert_problem(extra: &str, expected: &str) {
        let problems = problems_with(extra);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "no {expected:?} in {problems:#?}"
        );
    }

    #[test]
    fn the_built_in_rules_are_sound() {
        let sources = rules::load_sources(&[] as &[&str]).unwrap();
        let tree = build(&sources).unwrap_or_else(|problems| {
            panic!(
                "{}",
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        let causes: Vec<&str> = tree.causes.iter().map(|c| c.id.as_str()).collect();
        let mut sorted = causes.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            [
                "account_status",
                "bundling",
                "contract_lock",
                "pending",
                "promo_package",
                "wrong_code"
            ]
        );
        let carriers: Vec<&str> = tree.carriers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(carriers.len(), 3);
        for id in ["mobile", "unicom", "telecom"] {
            assert!(carriers.contains(&id), "{id}");
        }
    }

    #[test]
    fn a_question_without_choices_and_a_conclusion_without_steps() {
        let extra = r#"
[[question]]
id = "empty"
text = { zh = "空", en = "empty" }

[[conclusion]]
id = "stepless"
cause = "pending"
explanation = { zh = "无", en = "none" }
"#;
        assert_problem(extra, "extra.toml:3:6: question `empty` has no choices");
        assert_problem(extra, "extra.toml:7:6: conclusion `stepless` has no steps");
        assert_problem(extra, "`empty` is not reachable from the start");
        assert_problem(extra, "`stepless` is not reachable from the start");
    }

    #[test]
    fn a_choice_that_ends_the_walk_before_any_conclusion_is_a_dead_end() {
        let triage = rules::BUILTIN
            .iter()
            .find(|(n, _)| *n == "triage.toml")
            .unwrap()
            .1;
        let broken = triage.replacen(", next = \"code_source\" }", " }", 1);
        assert_ne!(broken, triage);
        let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
        sources
            .iter_mut()
            .find(|s| s.name == "triage.toml")
            .unwrap()
            .text = broken;
        let problems: Vec<String> = build(&sources)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("dead end: choice `code_failed` of `symptom`")),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_step_may_not_rely_on_a_low_fact_or_an_unknown_name() {
        let extra = r#"
[[fact]]
id = "folk.qxlltc"
value = "QXLLTC"
label = { zh = "流传的指令", en = "a circulating code" }
source = "an SEO page"
confidence = "low"
verified = 2026-01-01

[[escalation]]
text = { zh = "发送{folk.qxlltc}", en = "send {folk.qxlltc}" }

[[escalation]]
text = { zh = "拨打{hotlin}", en = "call {hotlin}" }
"#;
        assert_problem(
            extra,
            "`escalation` relies on fact `folk.qxlltc`, whose confidence is low",
        );
        assert_problem(
            extra,
            "`{hotlin}` in `escalation` is neither a fact nor a channel",
        );
    }

    #[test]
    fn verified_must_be_a_date_and_facts_must_resolve() {
        let extra = r#"
[[fact]]
id = "x.when"
carrier = "vodafone"
value = "1"
label = { zh = "甲", en = "A" }
source = "s"
confidence = "high"
verified = 2026-01-01T10:00:00
"#;
        assert_problem(extra, "`verified` of fact `x.when` must be a date");
        assert_problem(extra, "unknown carrier `vodafone` in fact `x.when`");
        let bad_date = extra.replace("2026-01-01T10:00:00", "2026-13-01");
        let problems = problems_with(&bad_date);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].starts_with("extra.toml:9:"), "{problems:#?}");
    }

    #[test]
    fn every_problem_is_reported_not_only_the_first() {
        let extra = r#"
[[cause]]
id = "pending"
title = { zh = "重复", en = "duplicate" }

[[conclusion]]
id = "orphan"
cause = "no_such_cause"
explanation = { zh = "无", en = "none" }
next = "nowhere"
confirm = [{ zh = "查", en = "check" }]
script = { zh = "说", en = "say" }
prevention = [{ zh = "防", en = "prevent" }]
[[conclusion.step]]
text = { zh = "做", en = "do" }
"#;
        let problems = problems_with(extra);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("duplicate cause id `pending`"),
            "{problems:#?}"
        );
        assert!(problems[1].contains("unknown cause `no_such_cause` in conclusion `orphan`"));
        assert!(problems[2].contains("unknown node `nowhere` in `next` of `orphan`"));
    }
}

#[cfg(test)]
mod limits {
    use super::*;

    /// The built-in rules checked under `limits`: the problem codes.
    fn codes_under(limits: Limits) -> Vec<&'static str> {
        let sources = rules::load_sources(&[] as &[&str]).unwrap();
        let options = Options {
            limits,
            ..Options::default()
        };
        check(&sources, options)
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.code)
            .collect()
    }

    #[test]
    fn the_built_in_rules_are_far_inside_every_limit() {
        assert!(codes_under(Limits::default()).is_empty());
        let tight = Limits {
            nodes: 200,
            depth: 20,
            id_bytes: 50,
            text_chars: 1_000,
        };
        assert!(codes_under(tight).is_empty());
    }

    #[test]
    fn each_limit_is_an_error_with_its_own_code() {
        let base = Limits::default();
        for (limits, code) in [
            (Limits { nodes: 10, ..base }, "too-many-nodes"),
            (Limits { depth: 3, ..base }, "too-deep"),
            (
                Limits {
                    id_bytes: 8,
                    ..base
                },
                "too-long",
            ),
            (
                Limits {
                    text_chars: 30,
                    ..base
                },
                "too-long",
            ),
        ] {
            let codes = codes_under(limits);
            assert!(codes.contains(&code), "{limits:?}: {codes:?}");
        }
    }

    #[test]
    fn too_many_nodes_stops_before_the_expensive_checks() {
        let codes = codes_under(Limits {
            nodes: 10,
            ..Limits::default()
        });
        assert_eq!(codes, ["too-many-nodes"]);
    }
}
