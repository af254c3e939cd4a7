//! The results of the rule authors' tools as data: `rules check`, `paths`,
//! `test` and `list`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::SCHEMA_VERSION;
use crate::check::{Problem, Severity};
use crate::paths::{self, Path, TooMany};
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

/// The shape of `rules paths --json`, for the schema. The listing itself is
/// [`PathsListing`], which writes the paths as it finds them and never holds
/// them all, so this type is never built.
#[derive(schemars::JsonSchema)]
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

/// The counts over every path, taken in a first walk that keeps nothing
/// but them, so that they can stand before the paths and a pack with too
/// many paths is refused before anything is written.
pub struct PathsSummary {
    pub total: usize,
    pub per_carrier: BTreeMap<String, usize>,
    pub per_cause: BTreeMap<String, usize>,
    pub no_cause: usize,
}

impl PathsSummary {
    /// Counts every path, or `TooMany` past `limit`.
    pub fn count(tree: &Tree, limit: usize) -> Result<PathsSummary, TooMany> {
        let mut per_carrier = vec![0usize; tree.carriers.len()];
        let mut per_cause = vec![0usize; tree.causes.len()];
        let mut no_cause = 0;
        // The causes found on the path in hand, to count each once.
        let mut seen = vec![false; tree.causes.len()];
        let total = paths::for_each(tree, limit, |path| {
            if let Some(carrier) = path.carrier {
                per_carrier[carrier] += 1;
            }
            let mut named = false;
            for &c in &path.conclusions {
                let conclusion = &tree.conclusions[c];
                let Some(cause) = conclusion.cause else {
                    continue;
                };
                named = true;
                if !conclusion.possible && !seen[cause] {
                    seen[cause] = true;
                    per_cause[cause] += 1;
                }
            }
            for &c in &path.conclusions {
                if let Some(cause) = tree.conclusions[c].cause {
                    seen[cause] = false;
                }
            }
            if !named {
                no_cause += 1;
            }
        })?;
        let by_id = |ids: &mut dyn Iterator<Item = &String>, counts: Vec<usize>| {
            ids.cloned()
                .zip(counts)
                .collect::<BTreeMap<String, usize>>()
        };
        Ok(PathsSummary {
            total,
            per_carrier: by_id(&mut tree.carriers.iter().map(|c| &c.id), per_carrier),
            per_cause: by_id(&mut tree.causes.iter().map(|c| &c.id), per_cause),
            no_cause,
        })
    }
}

/// `rules paths` as it is written: the counts, then each path made into its
/// view and written as the second walk reaches it.
pub struct PathsListing<'t> {
    pub tree: &'t Tree,
    pub limit: usize,
    pub summary: PathsSummary,
    pub uncovered: Vec<String>,
}

impl PathsListing<'_> {
    /// Shows `visit` each path's view, one at a time; stops at the first error.
    pub fn for_each<E>(&self, mut visit: impl FnMut(PathView) -> Result<(), E>) -> Result<(), E> {
        let mut failed = None;
        // The first walk counted the paths within the limit: this one cannot exceed it.
        let _ = paths::for_each(self.tree, self.limit, |path| {
            if failed.is_none()
                && let Err(e) = visit(PathView::new(self.tree, path))
            {
                failed = Some(e);
            }
        });
        failed.map_or(Ok(()), Err)
    }
}

/// The same fields as [`PathsReport`], in its order, with `paths` written
/// one path at a time.
impl Serialize for PathsListing<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        struct Paths<'a, 't>(&'a PathsListing<'t>);
        impl Serialize for Paths<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq as _;
                let mut seq = serializer.serialize_seq(Some(self.0.summary.total))?;
                self.0.for_each(|view| seq.serialize_element(&view))?;
                seq.end()
            }
        }
        let summary = &self.summary;
        let mut report = serializer.serialize_struct("PathsReport", 7)?;
        report.serialize_field("schema_version", &SCHEMA_VERSION)?;
        report.serialize_field("total", &summary.total)?;
        report.serialize_field("per_carrier", &summary.per_carrier)?;
        report.serialize_field("per_cause", &summary.per_cause)?;
        report.serialize_field("no_cause", &summary.no_cause)?;
        report.serialize_field("uncovered", &self.uncovered)?;
        report.serialize_field("paths", &Paths(self))?;
        report.end()
    }
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
