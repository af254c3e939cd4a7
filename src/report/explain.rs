//! Why the tool said what it said. `--explain` shows the path taken (each
//! answer and where it led) and, for each cause found, the answers that led
//! to it with the rule's file and id. `why-not CAUSE` shows which answers
//! ruled a cause out and the smallest change of answers that would reach it.

use std::collections::HashMap;

use serde::Serialize;

use crate::answers::Answers;
use crate::engine::Outcome;
use crate::lang::Lang;
use crate::paths::{self, Path};
use crate::report::{TraceView, trace_view};
use crate::tree::{Answer, Node, Tree};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Explanation {
    /// Each answer in order, and the node it led to.
    pub path: Vec<PathStep>,
    /// Each conclusion reached, with the answers that led to it.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PathStep {
    #[serde(flatten)]
    pub answer: TraceView,
    /// `question` or `conclusion`, or `end` when the answer ends the walk.
    pub leads_to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leads_to_id: Option<String>,
    /// Where the question is defined (`file:line:column`).
    pub origin: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub conclusion: String,
    pub cause: Option<String>,
    /// The answers make the cause possible, not certain.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub possible: bool,
    /// Where the conclusion is defined (`file:line:column`).
    pub origin: String,
    /// The answers that led to it, as `id=value`.
    pub answers: Vec<String>,
}

fn leads_to(tree: &Tree, next: Option<Node>) -> (String, Option<String>) {
    match next {
        Some(Node::Question(q)) => ("question".into(), Some(tree.questions[q].id.clone())),
        Some(Node::Conclusion(c)) => ("conclusion".into(), Some(tree.conclusions[c].id.clone())),
        None => ("end".into(), None),
    }
}

fn pair(tree: &Tree, (q, answer): (usize, Answer)) -> String {
    format!("{}={}", tree.questions[q].id, tree.answer_value(q, answer))
}

/// The explanation of a walk.
pub fn explain(tree: &Tree, outcome: &Outcome, lang: Lang) -> Explanation {
    let path = outcome
        .trace
        .iter()
        .map(|&(q, answer)| {
            let question = &tree.questions[q];
            let (kind, id) = leads_to(tree, tree.next_after(q, answer));
            PathStep {
                answer: trace_view(tree, (q, answer), outcome.carrier, lang),
                leads_to: kind,
                leads_to_id: id,
                origin: question.origin.clone(),
            }
        })
        .collect();
    let findings = outcome
        .conclusions
        .iter()
        .zip(&outcome.reached_after)
        .map(|(&c, &after)| {
            let conclusion = &tree.conclusions[c];
            Finding {
                conclusion: conclusion.id.clone(),
                cause: conclusion.cause.map(|k| tree.causes[k].id.clone()),
                possible: conclusion.possible,
                origin: conclusion.origin.clone(),
                answers: outcome.trace[..after]
                    .iter()
                    .map(|&p| pair(tree, p))
                    .collect(),
            }
        })
        .collect();
    Explanation { path, findings }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct WhyNot {
    pub schema_version: u32,
    pub cause: String,
    /// Whether these answers find the cause after all.
    pub found: bool,
    /// The answers after which no path reaches the cause any more.
    pub ruled_out_by: Vec<PathStep>,
    /// The fewest answers to change or add to reach the cause, if any path reaches it.
    pub smallest_change: Option<Change>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// Answers to change, as `id=value`.
    pub change: Vec<String>,
    /// Answers to add, as `id=value`.
    pub add: Vec<String>,
    /// The `--answers` line with the change made.
    pub answers: String,
    /// The conclusion that line reaches.
    pub conclusion: String,
}

/// Whether each node can still lead to a conclusion with `cause`. Without
/// recursion: a chain of conclusions as long as a pack makes it cannot run
/// out of stack.
fn reaches(tree: &Tree, cause: usize) -> HashMap<Node, bool> {
    let mut memo: HashMap<Node, bool> = HashMap::new();
    let starts = (0..tree.questions.len()).map(Node::Question);
    for start in starts {
        // A node is settled once all its successors are: it is pushed again
        // after them. A checked tree has no cycles, so this ends.
        let mut stack = vec![(start, false)];
        while let Some((node, expanded)) = stack.pop() {
            if memo.contains_key(&node) {
                continue;
            }
            let next = crate::tree::successors(tree, node);
            if expanded {
                let own =
                    matches!(node, Node::Conclusion(c) if tree.conclusions[c].cause == Some(cause));
                let found = own || next.iter().any(|n| memo.get(n) == Some(&true));
                memo.insert(node, found);
            } else {
                stack.push((node, true));
                stack.extend(next.into_iter().map(|n| (n, false)));
            }
        }
    }
    memo
}

/// Why `cause` was not found with these answers, and what would find it.
pub fn why_not(
    tree: &Tree,
    cause: usize,
    given: &Answers,
    outcome: &Outcome,
    lang: Lang,
    limit: usize,
) -> anyhow::Result<WhyNot> {
    let found = outcome
        .conclusions
        .iter()
        .any(|&c| tree.conclusions[c].cause == Some(cause));
    let reach = reaches(tree, cause);
    let explained = explain(tree, outcome, lang);
    let ruled_out_by = outcome
        .trace
        .iter()
        .zip(explained.path)
        .filter(|((q, answer), _)| {
            let before = reach.get(&Node::Question(*q)).copied().unwrap_or(false);
            let after = tree.next_after(*q, *answer).is_some_and(|n| match n {
                Node::Conclusion(k) if tree.conclusions[k].cause == Some(cause) => true,
                _ => reach.get(&n).copied().unwrap_or(false),
            });
            before && !after
        })
        .map(|(_, step)| step)
        .collect();

    // The path to the cause that keeps the most of the given answers.
    let given_pairs: HashMap<usize, Answer> = given.question_pairs().into_iter().collect();
    // A path takes a `multiple` question's empty set as a stand-in: any set
    // goes the same way, so the one given is kept and never counts as a change.
    let kept = |(q, answer): (usize, Answer)| match given_pairs.get(&q) {
        Some(&set) if tree.questions[q].multiple => (q, set),
        _ => (q, answer),
    };
    // Paths are read one at a time and only the best so far is kept: a
    // pack with many long paths costs time in their number, not memory.
    type Best = (
        usize,
        usize,
        Vec<(usize, Answer)>,
        Vec<(usize, Answer)>,
        Path,
    );
    let mut best: Option<Best> = None;
    paths::for_each(tree, limit, |p| {
        let finds = p
            .conclusions
            .iter()
            .any(|&c| tree.conclusions[c].cause == Some(cause));
        if !finds {
            return;
        }
        let changed: Vec<(usize, Answer)> = p
            .answers
            .iter()
            .filter(|(q, a)| {
                !tree.questions[*q].multiple && given_pairs.get(q).is_some_and(|g| g != a)
            })
            .copied()
            .collect();
        let added: Vec<(usize, Answer)> = p
            .answers
            .iter()
            // An optional question left out counts as none, as on the path.
            .filter(|(q, _)| !given_pairs.contains_key(q) && !tree.questions[*q].optional)
            .copied()
            .collect();
        // The first of the smallest, as `min_by_key` would choose.
        if best
            .as_ref()
            .is_none_or(|b| (changed.len(), added.len()) < (b.0, b.1))
        {
            best = Some((changed.len(), added.len(), changed, added, p.clone()));
        }
    })
    .map_err(|e| anyhow::anyhow!("the rules have more than {} paths; raise --limit", e.limit))?;
    let smallest_change = best.map(|(_, _, changed, added, path)| {
        let line: Vec<String> = path.answers.iter().map(|&p| pair(tree, kept(p))).collect();
        let conclusion = path
            .conclusions
            .iter()
            .find(|&&c| tree.conclusions[c].cause == Some(cause))
            .map(|&c| tree.conclusions[c].id.clone())
            .unwrap_or_default();
        Change {
            change: changed.into_iter().map(|p| pair(tree, p)).collect(),
            add: added.into_iter().map(|p| pair(tree, p)).collect(),
            answers: line.join(","),
            conclusion,
        }
    });
    Ok(WhyNot {
        schema_version: crate::report::SCHEMA_VERSION,
        cause: tree.causes[cause].id.clone(),
        found,
        ruled_out_by,
        smallest_change,
    })
}
