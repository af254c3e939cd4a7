//! The shape of the tree: the start node, cycles, nodes the walk never
//! reaches, dead ends, and conclusions one carrier can never reach.

use std::collections::VecDeque;

use toml::Spanned;

use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind, Severity};
use crate::tree::{CARRIER_QUESTION, Node, NodeMap, NodeSet, Tree, node_id, successors};

/// Where each node is defined: the places of the questions, then of the conclusions.
pub(super) struct NodePlaces {
    pub questions: Vec<Place>,
    pub conclusions: Vec<Place>,
}

impl NodePlaces {
    fn of(&self, node: Node) -> Place {
        match node {
            Node::Question(i) => self.questions[i],
            Node::Conclusion(i) => self.conclusions[i],
        }
    }
}

impl Checker<'_> {
    /// The start node: set once, in the highest layer that sets it, naming a node.
    pub(super) fn check_start(
        &mut self,
        start: &[(Spanned<String>, usize)],
        names: &Names,
    ) -> Option<Node> {
        let [(s, file), rest @ ..] = start else {
            let message = "no file sets `start`, the node the walk begins at".to_owned();
            self.report_set(ProblemKind::MissingStart, Vec::new(), message);
            return None;
        };
        for (other, other_file) in rest {
            let message = format!(
                "`start` is set again (first set at {})",
                self.where_(self.place(*file, s))
            );
            let place = self.place(*other_file, other);
            self.report(ProblemKind::DuplicateStart, place, other.get_ref(), message);
        }
        self.resolve_node(names, *file, s, "start")
    }

    /// Cycles, unreachable nodes and dead ends. True when there is a cycle.
    pub(super) fn check_shape(&mut self, tree: &Tree, places: &NodePlaces) -> bool {
        let mut cycles = false;
        for (node, kind, ids, message) in graph_problems(tree, self.refs_broken) {
            cycles |= kind == ProblemKind::Cycle;
            let problem = self.problem(Severity::Error, kind, places.of(node), ids, String::new());
            // Two choices with one `next` close the same cycle twice; a
            // choice value given twice is the same dead end twice.
            self.say_once(problem, &[], || message);
        }
        cycles
    }

    /// A conclusion reachable from the start but not for one carrier is a warning.
    pub(super) fn check_carrier_reach(&mut self, tree: &Tree, places: &NodePlaces) {
        if self.refs_broken {
            return;
        }
        for (conclusion, carrier) in unreached_per_carrier(tree) {
            let id = &tree.conclusions[conclusion].id;
            let carrier_id = &tree.carriers[carrier].id;
            let ids = vec![id.clone(), carrier_id.clone()];
            let place = places.conclusions[conclusion];
            let problem = self.problem(
                Severity::Warning,
                ProblemKind::UnreachedForCarrier,
                place,
                ids,
                String::new(),
            );
            // A carrier offered twice by the carrier question is found twice.
            self.say_once(problem, &[], || {
                format!("no path reaches conclusion `{id}` for carrier `{carrier_id}`")
            });
        }
    }
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

/// A problem of the tree's shape: the node it is reported at, its kind, the
/// ids involved and the message.
type GraphProblem = (Node, ProblemKind, Vec<String>, String);

/// Cycles, unreachable nodes and dead ends: the problems of the tree's shape.
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
                        problems.push((next, ProblemKind::Cycle, ids, message));
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
            problems.push((node, ProblemKind::Unreachable, ids, message));
        }
    }
    for &node in &nodes {
        if let (Node::Question(i), true) = (node, before_conclusion.contains(node)) {
            let question = &tree.questions[i];
            if question.multiple {
                if question.next.is_none() {
                    let message = format!(
                        "dead end: `multiple` question `{}` has no `next` and ends the walk before any conclusion",
                        question.id
                    );
                    let ids = vec![question.id.clone()];
                    problems.push((node, ProblemKind::DeadEnd, ids, message));
                }
                continue;
            }
            for choice in &question.choices {
                if choice.next.is_none() {
                    let message = format!(
                        "dead end: choice `{}` of `{}` ends the walk before any conclusion",
                        choice.value, tree.questions[i].id
                    );
                    let ids = vec![tree.questions[i].id.clone(), choice.value.clone()];
                    problems.push((node, ProblemKind::DeadEnd, ids, message));
                }
            }
        }
    }
    problems
}
