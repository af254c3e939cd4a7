//! The limits that keep a rule pack from the internet from making a run slow
//! or huge (`Limits`): how many nodes, how deep a walk, how long a text. Ids
//! are held to their limit where they are indexed (`ids.rs`).

use super::Limits;
use super::context::Checker;
use super::layers::Defs;
use super::problem::{Place, ProblemKind};
use crate::tree::{Node, NodeMap, Tree, successors};

impl Checker<'_> {
    /// False, with the problem, when the rules have more nodes, carriers,
    /// rungs, escalation steps or details than the limits: the later passes
    /// would take too long to say so. Counted across the layers, before
    /// a later layer replaces anything.
    pub(super) fn within_node_limit(&mut self, defs: &Defs) -> bool {
        let limits = self.options.limits;
        let nodes = defs.questions.len() + defs.conclusions.len();
        if nodes > limits.nodes {
            let message = format!(
                "the rules have {nodes} questions and conclusions, more than {}",
                limits.nodes
            );
            self.report_set(ProblemKind::TooManyNodes, Vec::new(), message);
        }
        let mut within = nodes <= limits.nodes;
        for (what, count, limit) in [
            ("carriers", defs.carriers.len(), limits.carriers),
            ("rungs", defs.rungs.len(), limits.rungs),
            ("escalation steps", defs.escalation.len(), limits.escalation),
            ("details", defs.details.len(), limits.details),
        ] {
            if count > limit {
                let message = format!("the rules have {count} {what}, more than {limit}");
                self.report_set(ProblemKind::TooMany, Vec::new(), message);
                within = false;
            }
        }
        within
    }

    /// A choice value or alias within the id limit: values are typed in
    /// `--answers`, padded into columns and saved, like ids, and a value of
    /// 65,536 bytes or more cannot even be padded.
    pub(super) fn check_value_length(&mut self, place: Place, owner: &str, spelling: &str) {
        let limit = self.options.limits.id_bytes;
        if spelling.len() > limit {
            let shown: String = spelling.chars().take(40).collect();
            let bytes = spelling.len().to_string();
            // Two long spellings that start alike are one problem: the message shows only the start.
            self.report_once(ProblemKind::TooLong, place, owner, &[&shown, &bytes], || {
                format!("choice value `{shown}…` of `{owner}` is {bytes} bytes long, more than {limit}")
            });
        }
    }

    /// How many questions a walk can ask and how many conclusions it can
    /// reach, in a tree known to have no cycle. False when either is past
    /// its limit: the passes that follow paths would take too long.
    pub(super) fn check_depth(&mut self, tree: &Tree) -> bool {
        let Limits { depth, chain, .. } = self.options.limits;
        let (questions, conclusions) = deepest_walk(tree);
        if questions > depth {
            let message = format!(
                "a walk through the rules can ask {questions} questions, more than {depth}"
            );
            self.report_set(ProblemKind::TooDeep, Vec::new(), message);
        }
        if conclusions > chain {
            let message = format!(
                "a walk through the rules can reach {conclusions} conclusions, more than {chain}"
            );
            self.report_set(ProblemKind::TooDeep, Vec::new(), message);
        }
        questions <= depth && conclusions <= chain
    }

    /// Every text, in both languages, within the limit.
    pub(super) fn check_text_lengths(&mut self, tree: &mut Tree) {
        let limit = self.options.limits.text_chars;
        for text in tree.texts_mut() {
            // A text no longer in bytes than the limit is within it in characters.
            for body in [&text.zh, &text.en].into_iter().filter(|b| b.len() > limit) {
                let chars = body.chars().count();
                if chars > limit {
                    let shown: String = body.chars().take(40).collect();
                    let problem = Checker::set_problem(
                        super::Severity::Error,
                        ProblemKind::TooLong,
                        Vec::new(),
                        String::new(),
                    );
                    // A text in both languages alike, or copied to many
                    // places, is one problem: the message shows only its start.
                    let count = chars.to_string();
                    self.say_once(problem, &[&count, &shown], || {
                        format!("a text is {chars} characters long, more than {limit}: `{shown}…`")
                    });
                }
            }
        }
    }
}

/// The most questions and the most conclusions any walk from the start
/// reaches (each the longest path in its own count), in a tree known to have
/// no cycle. Linear: each node once.
fn deepest_walk(tree: &Tree) -> (usize, usize) {
    let mut depth: NodeMap<Option<(usize, usize)>> = NodeMap::filled(tree, None);
    // Depth first, without recursion: a node's depth once all its successors have theirs.
    let mut stack = vec![(tree.start, false)];
    while let Some((node, expanded)) = stack.pop() {
        if depth[node].is_some() {
            continue;
        }
        let next = successors(tree, node);
        if expanded {
            let below = next
                .iter()
                .filter_map(|&n| depth[n])
                .fold((0, 0), |(q, c), (nq, nc)| (q.max(nq), c.max(nc)));
            let (q, c) = match node {
                Node::Question(_) => (1, 0),
                Node::Conclusion(_) => (0, 1),
            };
            depth[node] = Some((below.0 + q, below.1 + c));
        } else {
            stack.push((node, true));
            stack.extend(next.into_iter().map(|n| (n, false)));
        }
    }
    depth[tree.start].unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use crate::check::{Limits, Options, Severity, check};
    use crate::rules;

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
            .map(|p| p.code.code())
            .collect()
    }

    #[test]
    fn the_built_in_rules_are_far_inside_every_limit() {
        assert!(codes_under(Limits::default()).is_empty());
        let tight = Limits {
            nodes: 200,
            depth: 20,
            chain: 10,
            carriers: 5,
            rungs: 20,
            escalation: 30,
            details: 30,
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
            (Limits { chain: 1, ..base }, "too-deep"),
            (
                Limits {
                    carriers: 2,
                    ..base
                },
                "too-many",
            ),
            (Limits { rungs: 2, ..base }, "too-many"),
            (
                Limits {
                    escalation: 2,
                    ..base
                },
                "too-many",
            ),
            (Limits { details: 2, ..base }, "too-many"),
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
