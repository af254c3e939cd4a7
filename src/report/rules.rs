//! The results of the rule authors' tools as data: `rules check`, `paths`,
//! `test` and `list`.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::check::{Problem, Severity};
use crate::paths::Path;
use crate::rules::{self, Source};
use crate::tree::Tree;

#[derive(Serialize, schemars::JsonSchema)]
pub struct CheckReport<'a> {
    pub schema_version: u32,
    pub errors: usize,
    pub warnings: usize,
    pub problems: &'a [Problem],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct AnswerView {
    pub question: String,
    pub answer: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PathView {
    pub carrier: Option<String>,
    /// In the order asked.
    pub answers: Vec<AnswerView>,
    pub causes: Vec<String>,
    /// Causes the path makes possible but not certain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_causes: Vec<String>,
    pub conclusions: Vec<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PathsReport {
    pub schema_version: u32,
    pub total: usize,
    pub per_carrier: BTreeMap<String, usize>,
    /// Paths that find each cause; a path finding two causes counts for both.
    pub per_cause: BTreeMap<String, usize>,
    /// Paths that end naming no cause, found or possible.
    pub no_cause: usize,
    /// Conclusions that no `[[case]]` reaches.
    pub uncovered: Vec<String>,
    pub paths: Vec<PathView>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct CaseView<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub passed: bool,
    pub failures: &'a [String],
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct TestReport<'a> {
    pub schema_version: u32,
    pub passed: usize,
    pub failed: usize,
    pub cases: Vec<CaseView<'a>>,
}

#[derive(Serialize, Default, schemars::JsonSchema)]
pub struct FileCounts {
    pub file: String,
    pub layer: usize,
    pub causes: usize,
    pub questions: usize,
    pub conclusions: usize,
    pub facts: usize,
    pub cases: usize,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct OverrideView<'a> {
    pub kind: &'a str,
    pub id: &'a str,
    pub by: &'a str,
    pub replaced: &'a str,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct ListReport<'a> {
    pub schema_version: u32,
    pub files: Vec<FileCounts>,
    pub total: FileCounts,
    pub overrides: Vec<OverrideView<'a>>,
    /// With `--facts`: every fact with its provenance, both notes included.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<Vec<FactListView>>,
}

/// A fact as a rule author reviews it: what it says, how sure, when its
/// source was checked, and both notes (for users and for authors).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FactListView {
    pub id: String,
    pub label: String,
    pub value: String,
    pub confidence: crate::rules::Confidence,
    pub verified: String,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
}

impl FactListView {
    /// Every fact of the tree, in the order the rules define them.
    pub fn all(tree: &Tree, lang: crate::lang::Lang) -> Vec<FactListView> {
        tree.facts
            .iter()
            .map(|f| FactListView {
                id: f.id.clone(),
                label: f.label.get(lang).to_owned(),
                value: f.value.clone(),
                confidence: f.confidence,
                verified: f.verified.clone(),
                source: f.source.clone(),
                url: f.url.clone(),
                note: f.note.as_ref().map(|n| n.get(lang).to_owned()),
                author_note: f.author_note.clone(),
            })
            .collect()
    }
}

impl<'a> CheckReport<'a> {
    /// Every problem, with the errors and warnings counted.
    pub fn new(problems: &'a [Problem]) -> CheckReport<'a> {
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        CheckReport {
            schema_version: SCHEMA_VERSION,
            errors,
            warnings: problems.len() - errors,
            problems,
        }
    }
}

impl PathsReport {
    /// Every path by ids, counted per carrier and per cause; `uncovered` are
    /// the conclusions no case reaches.
    pub fn new(tree: &Tree, views: Vec<PathView>, uncovered: Vec<String>) -> PathsReport {
        let mut per_carrier: BTreeMap<String, usize> =
            tree.carriers.iter().map(|c| (c.id.clone(), 0)).collect();
        let mut per_cause: BTreeMap<String, usize> =
            tree.causes.iter().map(|c| (c.id.clone(), 0)).collect();
        let mut no_cause = 0;
        for view in &views {
            if let Some(carrier) = &view.carrier {
                *per_carrier.entry(carrier.clone()).or_default() += 1;
            }
            let distinct: HashSet<&String> = view.causes.iter().collect();
            for cause in distinct {
                *per_cause.entry(cause.clone()).or_default() += 1;
            }
            if view.causes.is_empty() && view.possible_causes.is_empty() {
                no_cause += 1;
            }
        }
        PathsReport {
            schema_version: SCHEMA_VERSION,
            total: views.len(),
            per_carrier,
            per_cause,
            no_cause,
            uncovered,
            paths: views,
        }
    }
}

impl PathView {
    pub fn new(tree: &Tree, path: &Path) -> PathView {
        PathView {
            carrier: path.carrier.map(|c| tree.carriers[c].id.clone()),
            answers: path
                .answers
                .iter()
                .map(|&(q, answer)| AnswerView {
                    question: tree.questions[q].id.clone(),
                    answer: tree.answer_value(q, answer),
                })
                .collect(),
            causes: causes_of(tree, path, false),
            possible_causes: causes_of(tree, path, true),
            conclusions: path
                .conclusions
                .iter()
                .map(|&c| tree.conclusions[c].id.clone())
                .collect(),
        }
    }
}

/// The causes a path's conclusions name, found or only possible. A cause
/// found on the path is not also possible.
fn causes_of(tree: &Tree, path: &Path, possible: bool) -> Vec<String> {
    let named = |possible: bool| {
        path.conclusions
            .iter()
            .map(|&c| &tree.conclusions[c])
            .filter(move |c| c.possible == possible)
            .filter_map(|c| c.cause)
    };
    let found: Vec<usize> = named(false).collect();
    let mut ids: Vec<String> = Vec::new();
    for cause in named(possible).filter(|k| !possible || !found.contains(k)) {
        let id = &tree.causes[cause].id;
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    ids
}

impl<'a> TestReport<'a> {
    /// The cases run, each as its name, file and failures (none when it passed).
    pub fn new(results: impl Iterator<Item = (&'a str, &'a str, &'a [String])>) -> TestReport<'a> {
        let cases: Vec<CaseView> = results
            .map(|(name, file, failures)| CaseView {
                name,
                file,
                passed: failures.is_empty(),
                failures,
            })
            .collect();
        let passed = cases.iter().filter(|c| c.passed).count();
        TestReport {
            schema_version: SCHEMA_VERSION,
            passed,
            failed: cases.len() - passed,
            cases,
        }
    }
}

impl<'a> ListReport<'a> {
    /// What each file holds, the total, and what later layers replaced.
    pub fn new(sources: &[Source], tree: &'a Tree) -> ListReport<'a> {
        let mut files = Vec::new();
        let mut total = FileCounts {
            file: "total".to_owned(),
            ..FileCounts::default()
        };
        for source in sources {
            // The set is valid (the tree was built), so every file parses.
            let Ok(parsed) = rules::parse(source) else {
                continue;
            };
            let counts = FileCounts {
                file: source.display_path(),
                layer: source.layer,
                causes: parsed.cause.len(),
                questions: parsed.question.len(),
                conclusions: parsed.conclusion.len(),
                facts: parsed.fact.len(),
                cases: parsed.case.len(),
            };
            total.causes += counts.causes;
            total.questions += counts.questions;
            total.conclusions += counts.conclusions;
            total.facts += counts.facts;
            total.cases += counts.cases;
            files.push(counts);
        }
        ListReport {
            schema_version: SCHEMA_VERSION,
            files,
            total,
            overrides: tree
                .overrides
                .iter()
                .map(|o| OverrideView {
                    kind: o.kind,
                    id: &o.id,
                    by: &o.by,
                    replaced: &o.replaced,
                })
                .collect(),
            facts: None,
        }
    }
}
