//! Every path through the decision tree, from the start to the end of a
//! walk: the answers taken and the conclusions reached. Rule authors use it
//! to see the whole flow and what is untested; tests use it to check every
//! diagnosis a user can reach.

use crate::tree::{Answer, CARRIER_QUESTION, ChoiceSet, Node, Tree};

/// One way through the tree.
#[derive(Debug, Clone, Default)]
pub struct Path {
    pub carrier: Option<usize>,
    /// (question, answer) in the order asked. A `multiple` question's
    /// answer is the empty set: every set leads on the same way, so a path
    /// goes through it once and the listing stays linear in the tree.
    pub answers: Vec<(usize, Answer)>,
    pub conclusions: Vec<usize>,
}

/// There are more paths than the limit allows.
#[derive(Debug)]
pub struct TooMany {
    pub limit: usize,
}

/// Every path, depth first in choice order, or `TooMany` past `limit`.
/// Terminates because a checked tree has no cycles.
pub fn enumerate(tree: &Tree, limit: usize) -> Result<Vec<Path>, TooMany> {
    let mut done = Vec::new();
    for_each(tree, limit, |path| done.push(path.clone()))?;
    Ok(done)
}

/// Shows `visit` every path, depth first in choice order, and returns how
/// many there were, or `TooMany` past `limit`. One path is held at a time,
/// shortened and extended as the walk backs up, and no recursion follows
/// the tree's depth: memory stays that of the longest path, however many
/// paths share it.
pub fn for_each(tree: &Tree, limit: usize, mut visit: impl FnMut(&Path)) -> Result<usize, TooMany> {
    /// A place still to walk: the node, and the path that leads to it as
    /// the lengths to cut the current path to and the answer taken there.
    struct Todo {
        node: Option<Node>,
        answers: usize,
        conclusions: usize,
        answer: Option<(usize, Answer)>,
        carrier: Option<usize>,
    }
    let mut path = Path::default();
    let mut count = 0;
    let mut stack = vec![Todo {
        node: Some(tree.start),
        answers: 0,
        conclusions: 0,
        answer: None,
        carrier: None,
    }];
    while let Some(todo) = stack.pop() {
        path.answers.truncate(todo.answers);
        path.conclusions.truncate(todo.conclusions);
        path.answers.extend(todo.answer);
        path.carrier = todo.carrier;
        let go_on = |stack: &mut Vec<Todo>, path: &Path, node, answer, carrier| {
            stack.push(Todo {
                node,
                answers: path.answers.len(),
                conclusions: path.conclusions.len(),
                answer,
                carrier,
            });
        };
        match todo.node {
            None => {
                if count == limit {
                    return Err(TooMany { limit });
                }
                count += 1;
                visit(&path);
            }
            Some(Node::Conclusion(c)) => {
                path.conclusions.push(c);
                go_on(
                    &mut stack,
                    &path,
                    tree.conclusions[c].next,
                    None,
                    path.carrier,
                );
            }
            Some(Node::Question(q)) if tree.questions[q].multiple => {
                let answer = (q, Answer::Set(ChoiceSet::default()));
                go_on(
                    &mut stack,
                    &path,
                    tree.questions[q].next,
                    Some(answer),
                    path.carrier,
                );
            }
            Some(Node::Question(q)) => {
                let question = &tree.questions[q];
                // Pushed in reverse so that paths come out in choice order.
                for (c, choice) in question.choices.iter().enumerate().rev() {
                    let carrier = if question.id == CARRIER_QUESTION {
                        tree.carrier_index(&choice.value)
                    } else {
                        path.carrier
                    };
                    go_on(
                        &mut stack,
                        &path,
                        choice.next,
                        Some((q, Answer::One(c))),
                        carrier,
                    );
                }
            }
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::engine::{self, End};
    use crate::rules;

    #[test]
    fn every_path_is_a_walk_the_engine_takes() {
        let tree = crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap();
        let paths = enumerate(&tree, 100_000).unwrap();
        assert!(paths.len() > 50);
        for path in &paths {
            let outcome = engine::walk(&tree, &mut Answers::from_pairs(path.answers.clone()));
            assert_eq!(outcome.end, End::Diagnosed);
            assert_eq!(outcome.conclusions, path.conclusions);
            assert_eq!(outcome.carrier, path.carrier);
            assert_eq!(outcome.trace, path.answers);
        }
    }

    #[test]
    fn the_limit_is_enforced() {
        let tree = crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap();
        let all = enumerate(&tree, 100_000).unwrap().len();
        assert!(enumerate(&tree, all).is_ok());
        assert_eq!(enumerate(&tree, all - 1).unwrap_err().limit, all - 1);
    }
}
