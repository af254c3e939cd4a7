//! Cases (`[[case]]`): they must name real questions, values, causes,
//! conclusions and facts; whether they pass is for the case runner to say.

use super::context::Checker;
use super::problem::ProblemKind;
use crate::rules::{CaseDef, DetailKind};
use crate::tree::{Case, Tree};

impl Checker<'_> {
    pub(super) fn check_cases(&mut self, tree: &Tree, cases: &[(usize, CaseDef)]) -> Vec<Case> {
        let names = self.ids(cases, |d| &d.name);
        self.index("case", &names);
        let mut checked = Vec::with_capacity(cases.len());
        for (file, def) in cases {
            let name = def.name.get_ref();
            let place = self.place(*file, &def.name);
            let mut answers = Vec::new();
            let mut details = Vec::new();
            for (id, value) in &def.answers {
                let Some(q) = tree.question(id) else {
                    // A choice detail, for the conditions that read one; a
                    // date or text is read when the case runs.
                    if let Some(d) = tree.detail(id) {
                        let detail = &tree.details[d];
                        let known = detail.kind != DetailKind::Choice
                            || detail.choices.iter().any(|c| {
                                c.value.eq_ignore_ascii_case(value)
                                    || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
                            });
                        if known {
                            details.push((id.clone(), value.clone()));
                        } else {
                            let message =
                                format!("`{value}` is not an answer to `{id}` in case `{name}`");
                            self.report(ProblemKind::UnknownReference, place, name, message);
                        }
                        continue;
                    }
                    let message = format!("unknown question `{id}` in case `{name}`");
                    self.report(ProblemKind::UnknownReference, place, name, message);
                    continue;
                };
                match tree.parse_answer(q, value) {
                    Ok(answer) => answers.push((q, answer)),
                    Err(_) => {
                        let message =
                            format!("`{value}` is not an answer to `{id}` in case `{name}`");
                        self.report(ProblemKind::UnknownReference, place, name, message);
                    }
                }
            }
            // A name listed twice is one problem.
            let mut unknown = |what: &str, item: &str| {
                self.report_once(
                    ProblemKind::UnknownReference,
                    place,
                    name,
                    &[what, item],
                    || format!("unknown {what} `{item}` in case `{name}`"),
                );
            };
            for cause in &def.causes {
                if !tree.causes.iter().any(|c| &c.id == cause) {
                    unknown("cause", cause);
                }
            }
            for cause in def.possible_causes.iter().flatten() {
                if !tree.causes.iter().any(|c| &c.id == cause) {
                    unknown("cause", cause);
                }
            }
            for conclusion in def.conclusions.iter().flatten() {
                if !tree.conclusions.iter().any(|c| &c.id == conclusion) {
                    unknown("conclusion", conclusion);
                }
            }
            for fact in &def.facts {
                if tree.fact(fact).is_none() {
                    unknown("fact", fact);
                }
            }
            checked.push(Case {
                name: name.clone(),
                file: self.sources[*file].display_path(),
                answers,
                details,
                causes: def.causes.clone(),
                conclusions: def.conclusions.clone(),
                possible_causes: def.possible_causes.clone(),
                facts: def.facts.clone(),
            });
        }
        checked
    }
}
