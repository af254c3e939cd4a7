//! Cases (`[[case]]`): they must name real questions, values, causes,
//! conclusions and facts; whether they pass is for the case runner to say.

use super::context::Checker;
use super::problem::ProblemKind;
use crate::rules::CaseDef;
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
            for (id, value) in &def.answers {
                let Some(q) = tree.question(id) else {
                    let message = format!("unknown question `{id}` in case `{name}`");
                    self.report(ProblemKind::UnknownReference, place, name, message);
                    continue;
                };
                match tree.choice(q, value) {
                    Some(c) => answers.push((q, c)),
                    None => {
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
                causes: def.causes.clone(),
                conclusions: def.conclusions.clone(),
                possible_causes: def.possible_causes.clone(),
                facts: def.facts.clone(),
            });
        }
        checked
    }
}
