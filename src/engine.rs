//! The walk through the decision tree. Pure: it reads no terminal and no file.
//!
//! Answers come from an [`Answerer`], so scripted answers, interactive prompts
//! and the two mixed take exactly the same path through the same code.

use crate::tree::{Answer, CARRIER_QUESTION, ChoiceSet, Node, Tree};

/// What an answer source says to a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// The index of the chosen choice (to a `multiple` question: a set of one).
    Choice(usize),
    /// The choices taken, maybe none, for a `multiple` question (to any
    /// other question it is no answer).
    Set(ChoiceSet),
    /// No answer is available (and none may be asked for).
    Missing,
    /// The user stopped at the prompt.
    Interrupted,
}

/// A question as it is put to the answer source.
#[derive(Debug, Clone, Copy)]
pub struct Ask {
    pub question: usize,
    /// 1-based position of the question on this walk.
    pub number: usize,
    /// The user's carrier once known, for texts that name its channels.
    pub carrier: Option<usize>,
}

/// Where answers come from.
pub trait Answerer {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply;
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Diagnosed,
    /// The answer to this question is needed to go on.
    NeedsInput(usize),
    /// The user stopped at this question.
    Interrupted(usize),
}

/// A walk's result: the answers taken and the conclusions reached, in order.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub carrier: Option<usize>,
    /// (question, answer) for each question answered: one choice, or the
    /// set taken at a `multiple` question.
    pub trace: Vec<(usize, Answer)>,
    pub conclusions: Vec<usize>,
    /// For each conclusion, how many answers had been taken when it was reached.
    pub reached_after: Vec<usize>,
    pub end: End,
}

/// Walks from the start until a node leads nowhere, an answer is missing or
/// the user stops. Terminates because a checked tree has no cycles.
pub fn walk(tree: &Tree, answerer: &mut dyn Answerer) -> Outcome {
    let mut outcome = Outcome {
        carrier: None,
        trace: Vec::new(),
        conclusions: Vec::new(),
        reached_after: Vec::new(),
        end: End::Diagnosed,
    };
    let mut node = Some(tree.start);
    while let Some(current) = node {
        node = match current {
            Node::Conclusion(i) => {
                outcome.conclusions.push(i);
                outcome.reached_after.push(outcome.trace.len());
                tree.conclusions[i].next
            }
            Node::Question(q) => {
                let ask = Ask {
                    question: q,
                    number: outcome.trace.len() + 1,
                    carrier: outcome.carrier,
                };
                let question = &tree.questions[q];
                let answer = match (answerer.answer(tree, ask), question.multiple) {
                    (Reply::Choice(c), false) => Some(Answer::One(c)),
                    (Reply::Choice(c), true) => Some(Answer::Set([c].into_iter().collect())),
                    (Reply::Set(set), true) => Some(Answer::Set(set)),
                    (Reply::Set(_), false) | (Reply::Missing, _) => None,
                    (Reply::Interrupted, _) => {
                        outcome.end = End::Interrupted(q);
                        return outcome;
                    }
                };
                match answer {
                    Some(answer) => {
                        if let (Answer::One(c), CARRIER_QUESTION) = (answer, question.id.as_str()) {
                            outcome.carrier = tree.carrier_index(&question.choices[c].value);
                        }
                        outcome.trace.push((q, answer));
                        tree.next_after(q, answer)
                    }
                    None => {
                        outcome.end = End::NeedsInput(q);
                        return outcome;
                    }
                }
            }
        };
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;
    use std::collections::HashMap;

    struct Fixed(HashMap<&'static str, &'static str>);

    impl Answerer for Fixed {
        fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
            let question = &tree.questions[ask.question];
            match self.0.get(question.id.as_str()) {
                Some(v) => Reply::Choice(tree.choice(ask.question, v).expect("valid value")),
                None => Reply::Missing,
            }
        }
    }

    fn built_in() -> Tree {
        crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn stops_at_the_first_missing_answer() {
        let tree = built_in();
        let outcome = walk(&tree, &mut Fixed(HashMap::from([("carrier", "unicom")])));
        assert_eq!(outcome.carrier, tree.carrier_index("unicom"));
        assert_eq!(outcome.trace.len(), 1);
        assert!(matches!(outcome.end, End::NeedsInput(q) if tree.questions[q].id != "carrier"));
        assert!(outcome.conclusions.is_empty());
    }

    #[test]
    fn one_path_can_find_a_contract_lock_and_a_bundle() {
        let tree = built_in();
        let answers = HashMap::from([
            ("carrier", "mobile"),
            ("tried", "hotline"),
            ("symptom", "no_option"),
            ("account_state", "normal"),
            ("package_origin", "deal"),
            ("has_min_term", "yes"),
            ("contract_bundled", "yes"),
        ]);
        let outcome = walk(&tree, &mut Fixed(answers));
        assert_eq!(outcome.end, End::Diagnosed);
        let causes: Vec<&str> = outcome
            .conclusions
            .iter()
            .filter_map(|&c| tree.conclusions[c].cause)
            .map(|c| tree.causes[c].id.as_str())
            .collect();
        assert_eq!(causes, ["contract_lock", "bundling"]);
    }
}
