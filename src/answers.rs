//! Scripted answers: `--answers ID=VALUE,...` and `--carrier X`, checked
//! against the tree before the walk, and the `--answers` line that replays a
//! walk so far.

use crate::engine::{Answerer, Ask, Reply};
use crate::error::Error;
use crate::tree::{CARRIER_QUESTION, Tree};

/// Answers given up front, each a valid choice of a known question.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// (question, choice), in the order given.
    given: Vec<(usize, usize)>,
}

impl Answers {
    /// Reads `--answers` arguments (each `ID=VALUE[,ID=VALUE...]`) and the
    /// `--carrier` shorthand. Unknown ids and values are usage errors that
    /// list the valid ones.
    pub fn parse(tree: &Tree, args: &[String], carrier: Option<&str>) -> Result<Answers, Error> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(carrier) = carrier {
            pairs.push((CARRIER_QUESTION.to_owned(), carrier.trim().to_owned()));
        }
        for arg in args {
            for item in arg.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let Some((id, value)) = item.split_once('=') else {
                    return Err(Error::Usage(format!(
                        "`{item}` in --answers is not of the form ID=VALUE"
                    )));
                };
                pairs.push((id.trim().to_owned(), value.trim().to_owned()));
            }
        }

        let mut answers = Answers::default();
        for (id, value) in pairs {
            let question = tree
                .question(&id)
                .ok_or_else(|| unknown_question(tree, &id))?;
            let choice = tree
                .choice(question, &value)
                .ok_or_else(|| unknown_value(tree, question, &value))?;
            match answers.get(question) {
                Some(earlier) if earlier != choice => {
                    let q = &tree.questions[question];
                    return Err(Error::Usage(format!(
                        "`{id}` is answered twice: `{}` and `{}`",
                        q.choices[earlier].value, q.choices[choice].value
                    )));
                }
                Some(_) => {}
                None => answers.given.push((question, choice)),
            }
        }
        Ok(answers)
    }

    /// Answers already resolved to (question, choice) pairs, as cases hold them.
    pub fn from_pairs(given: Vec<(usize, usize)>) -> Answers {
        Answers { given }
    }

    /// The given choice for a question.
    pub fn get(&self, question: usize) -> Option<usize> {
        self.given
            .iter()
            .find(|(q, _)| *q == question)
            .map(|&(_, c)| c)
    }

    /// Answers whose question the walk never asked, as `id=value`.
    pub fn unused(&self, tree: &Tree, trace: &[(usize, usize)]) -> Vec<String> {
        self.given
            .iter()
            .filter(|(q, _)| !trace.iter().any(|(asked, _)| asked == q))
            .map(|&(q, c)| {
                let question = &tree.questions[q];
                format!("{}={}", question.id, question.choices[c].value)
            })
            .collect()
    }
}

impl Answerer for Answers {
    fn answer(&mut self, _tree: &Tree, ask: Ask) -> Reply {
        self.get(ask.question).map_or(Reply::Missing, Reply::Choice)
    }
}

/// The command line that replays no answers: the bare command.
pub fn replay_line_empty() -> String {
    "unsub-doctor".to_owned()
}

/// The command line that replays the answers of `trace`.
pub fn replay_line(tree: &Tree, trace: &[(usize, usize)]) -> String {
    if trace.is_empty() {
        return replay_line_empty();
    }
    let pairs: Vec<String> = trace
        .iter()
        .map(|&(q, c)| {
            let question = &tree.questions[q];
            format!("{}={}", question.id, question.choices[c].value)
        })
        .collect();
    format!("unsub-doctor --answers {}", pairs.join(","))
}

/// The closest candidate to `given`, if any is close enough to be a typo.
fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&given.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn unknown_question(tree: &Tree, id: &str) -> Error {
    let ids: Vec<&str> = tree
        .questions_in_walk_order()
        .into_iter()
        .map(|q| tree.questions[q].id.as_str())
        .collect();
    let hint = did_you_mean(id, ids.iter().copied())
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Error::Usage(format!(
        "unknown question `{id}` in --answers{hint}\nvalid questions: {}\n(`unsub-doctor questions` lists them with their values)",
        ids.join(", ")
    ))
}

fn unknown_value(tree: &Tree, question: usize, value: &str) -> Error {
    let q = &tree.questions[question];
    let spellings = q.choices.iter().flat_map(|c| {
        std::iter::once(c.value.as_str()).chain(c.aliases.iter().map(String::as_str))
    });
    let hint = did_you_mean(value, spellings)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
    Error::Usage(format!(
        "`{value}` is not an answer to `{}`{hint}\nvalid values for `{}`: {}",
        q.id,
        q.id,
        values.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn tree() -> Tree {
        Tree::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn carrier_aliases_name_the_carrier() {
        let tree = tree();
        let q = tree.question("carrier").unwrap();
        for (alias, id) in [
            ("cmcc", "mobile"),
            ("CUCC", "unicom"),
            ("ctcc", "telecom"),
            ("移动", "mobile"),
            ("联通", "unicom"),
            ("电信", "telecom"),
        ] {
            let answers = Answers::parse(&tree, &[], Some(alias)).unwrap();
            let choice = answers.get(q).unwrap();
            assert_eq!(tree.questions[q].choices[choice].value, id, "{alias}");
        }
    }

    #[test]
    fn a_typo_in_an_id_suggests_the_right_one() {
        let err = Answers::parse(&tree(), &["carier=mobile".into()], None).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("did you mean `carrier`"), "{message}");
        assert!(message.contains("symptom"), "{message}");
    }

    #[test]
    fn a_bad_value_lists_the_valid_ones() {
        let err = Answers::parse(&tree(), &["carrier=mobil".into()], None).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("did you mean `mobile`"), "{message}");
        assert!(message.contains("mobile, unicom, telecom"), "{message}");
    }

    #[test]
    fn conflicting_answers_are_refused() {
        let err = Answers::parse(&tree(), &["carrier=unicom".into()], Some("mobile")).unwrap_err();
        assert!(err.to_string().contains("answered twice"), "{err}");
    }

    #[test]
    fn replay_line_lists_answers_in_order() {
        let tree = tree();
        let answers =
            Answers::parse(&tree, &["carrier=移动, symptom=no_option".into()], None).unwrap();
        assert_eq!(
            replay_line(&tree, &answers.given),
            "unsub-doctor --answers carrier=mobile,symptom=no_option"
        );
    }
}
