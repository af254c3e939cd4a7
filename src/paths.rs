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
    let mut stack = vec![(Some(tree.start), Path::default())];
    while let Some((node, mut path)) = stack.pop() {
        match node {
            None => {
                if done.len() == limit {
                    return Err(TooMany { limit });
                }
                done.push(path);
            }
            Some(Node::Conclusion(c)) => {
                path.conclusions.push(c);
                stack.push((tree.conclusions[c].next, path));
            }
            Some(Node::Question(q)) if tree.questions[q].multiple => {
                path.answers.push((q, Answer::Set(ChoiceSet::default())));
                stack.push((tree.questions[q].next, path));
            }
            Some(Node::Question(q)) => {
                let question = &tree.questions[q];
                // Pushed in reverse so that paths come out in choice order.
                for (c, choice) in question.choices.iter().enumerate().rev() {
                    let mut next = path.clone();
                    next.answers.push((q, Answer::One(c)));
                    if question.id == CARRIER_QUESTION {
                        next.carrier = tree.carrier_index(&choice.value);
                    }
                    stack.push((choice.next, next));
                }
            }
        }
    }
    Ok(done)
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
