//! Case details (`[[detail]]`): ids apart from the questions', choices
//! exactly for `choice` details, and `only_if` naming questions or earlier
//! choice details and their values.

use std::collections::HashMap;

use super::conditions::{self, Miss};
use super::context::Checker;
use super::ids::Names;
use super::problem::ProblemKind;
use crate::rules::{DetailDef, DetailKind};
use crate::tree::{Choice, Detail, Subject};

impl Checker<'_> {
    /// The checked details.
    pub(super) fn check_details(
        &mut self,
        defs: &[(usize, DetailDef)],
        names: &Names,
    ) -> Vec<Detail> {
        let nodes = &names.nodes;
        let ids = self.ids(defs, |d| &d.id);
        self.index("detail", &ids);
        let mut details: Vec<Detail> = Vec::with_capacity(defs.len());
        // The earlier details by id (the first of an id given twice), so an
        // `only_if` is resolved by a look-up, not a scan of every detail.
        let mut earlier: HashMap<String, usize> = HashMap::new();
        for (file, def) in defs {
            let id = def.id.get_ref();
            let place = self.place(*file, &def.id);
            self.check_answerable_id(place, id);
            // Answers name questions and details alike.
            if nodes.contains_key(id) {
                let message = format!("detail `{id}` has the id of a question or conclusion");
                self.report(ProblemKind::DuplicateId, place, id, message);
            }
            match (def.kind, def.choices.is_empty()) {
                (DetailKind::Choice, true) => {
                    let message = format!("detail `{id}` has no choices");
                    self.report(ProblemKind::NoChoices, place, id, message);
                }
                (DetailKind::Date | DetailKind::Text, false) => {
                    let message = format!("detail `{id}` has choices but is not a `choice` detail");
                    self.report(ProblemKind::MisplacedChoices, place, id, message);
                }
                _ => {}
            }
            if def.choices.iter().any(|c| c.next.is_some()) {
                let message =
                    format!("a choice of detail `{id}` has a `next`; details lead nowhere");
                self.report(ProblemKind::MisplacedNext, place, id, message);
            }
            // A question of the walk, or an earlier detail: a detail is asked
            // after the walk and after the details it depends on.
            let (resolved, misses) = conditions::resolve(&def.only_if, |other| {
                if let Some((subject @ Subject::Question(_), values)) = names.subjects.get(other) {
                    return Some((*subject, values.clone()));
                }
                let d = *earlier.get(other)?;
                let values = details[d].choices.iter().map(|c| c.value.clone());
                Some((Subject::Detail(d), values.collect()))
            });
            for miss in misses {
                match miss {
                    Miss::Id(other) => {
                        let other = other.get_ref();
                        let message = format!(
                            "`only_if` of `{id}` names `{other}`, which is neither a question nor an earlier detail"
                        );
                        self.report(ProblemKind::UnknownReference, place, id, message);
                    }
                    Miss::Value { id: other, value } => {
                        let value = value.get_ref();
                        self.report_once(
                            ProblemKind::UnknownReference,
                            place,
                            id,
                            &["only_if", other, value],
                            || {
                                format!(
                                    "`{value}` is not a choice of `{other}` (in `only_if` of `{id}`)"
                                )
                            },
                        );
                    }
                }
            }
            let only_if = resolved;
            for text in std::iter::once(&def.text).chain(&def.help) {
                self.check_numbers(place, id, text, "");
            }
            for choice in &def.choices {
                for spelling in std::iter::once(choice.value.get_ref()).chain(&choice.aliases) {
                    let choice_place = self.place(*file, &choice.value);
                    self.check_value_length(choice_place, id, spelling);
                    self.check_answerable_value(choice_place, id, spelling);
                }
                self.check_numbers(place, id, &choice.label, choice.value.get_ref());
            }
            earlier.entry(id.clone()).or_insert(details.len());
            details.push(Detail {
                id: id.clone(),
                kind: def.kind,
                text: def.text.clone(),
                help: def.help.clone(),
                choices: def
                    .choices
                    .iter()
                    .map(|c| Choice {
                        value: c.value.get_ref().clone(),
                        label: c.label.clone(),
                        aliases: c.aliases.clone(),
                        retired: c.retired,
                        next: None,
                    })
                    .collect(),
                only_if,
                ask_in: def.ask_in.clone(),
            });
        }
        details
    }
}
