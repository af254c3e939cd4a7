//! Conditions: the `only_if` and `unless` of steps and list items, and the
//! `only_if` of details. One resolver turns each id and value into indices
//! for all of them; each caller says how a name that resolves to nothing is
//! reported (details keep the `unknown-reference` they always gave, steps and
//! items point at the very key or value with their own codes).

use toml::Spanned;

use super::context::Checker;
use super::ids::Names;
use super::problem::ProblemKind;
use crate::rules::{ConditionDef, ItemDef, Text};
use crate::tree::{Condition, Item, Subject};

/// A name of a condition that resolves to nothing.
pub(super) enum Miss<'a> {
    /// An id that is not one the condition may name.
    Id(&'a Spanned<String>),
    /// A value the subject `id` does not offer.
    Value {
        id: &'a str,
        value: &'a Spanned<String>,
    },
}

/// Resolves a condition: each id through `lookup` (its subject and choice
/// values), each value to its choice index. What resolves is kept, in the
/// written order; what does not is returned to be reported.
pub(super) fn resolve<'a>(
    def: &'a ConditionDef,
    lookup: impl Fn(&str) -> Option<(Subject, Vec<String>)>,
) -> (Vec<(Subject, Vec<usize>)>, Vec<Miss<'a>>) {
    let mut resolved = Vec::with_capacity(def.len());
    let mut misses = Vec::new();
    for (id, values) in def {
        let Some((subject, offered)) = lookup(id.get_ref()) else {
            misses.push(Miss::Id(id));
            continue;
        };
        let mut allowed = Vec::with_capacity(values.len());
        for value in values {
            match offered.iter().position(|v| v == value.get_ref()) {
                Some(c) => allowed.push(c),
                None => misses.push(Miss::Value {
                    id: id.get_ref(),
                    value,
                }),
            }
        }
        resolved.push((subject, allowed));
    }
    (resolved, misses)
}

impl Checker<'_> {
    /// The `only_if` and `unless` of a step or list item in `file`, every id
    /// a question or `choice` detail and every value one of its choices.
    /// `what` names the owner in messages ("a step of `contract_lock`").
    pub(super) fn check_condition(
        &mut self,
        file: usize,
        what: &str,
        only_if: &ConditionDef,
        unless: &ConditionDef,
        names: &Names,
    ) -> Condition {
        let mut condition = Condition::default();
        for (key, def, into) in [
            ("only_if", only_if, &mut condition.only_if),
            ("unless", unless, &mut condition.unless),
        ] {
            let (resolved, misses) = resolve(def, |id| names.subjects.get(id).cloned());
            *into = resolved;
            for miss in misses {
                match miss {
                    Miss::Id(id) => {
                        let place = self.place(file, id);
                        let id = id.get_ref();
                        let message = format!(
                            "`{key}` of {what} names `{id}`, which is neither a question nor a `choice` detail"
                        );
                        self.report(ProblemKind::UnknownConditionId, place, id, message);
                    }
                    Miss::Value { id, value } => {
                        let place = self.place(file, value);
                        let value = value.get_ref();
                        let offered = names
                            .subjects
                            .get(id)
                            .map(|(_, v)| v.join(", "))
                            .unwrap_or_default();
                        let message = format!(
                            "`{value}` is not a value of `{id}` (in `{key}` of {what}); its values: {offered}"
                        );
                        self.report(ProblemKind::UnknownConditionValue, place, id, message);
                    }
                }
            }
        }
        condition
    }
}

impl Checker<'_> {
    /// A list item of `file` with its condition checked; `what` names the
    /// list in messages ("an `evidence` item").
    pub(super) fn check_item(
        &mut self,
        file: usize,
        what: &str,
        def: ItemDef,
        names: &Names,
    ) -> Item {
        let when = self.check_condition(file, what, &def.only_if, &def.unless, names);
        Item {
            text: Text {
                zh: def.zh,
                en: def.en,
            },
            when,
        }
    }

    /// Every item of a list shared by all diagnoses (`hotline_ask`...).
    pub(super) fn check_items(
        &mut self,
        key: &str,
        items: Vec<(usize, ItemDef)>,
        names: &Names,
    ) -> Vec<Item> {
        let what = format!("an item of `{key}`");
        items
            .into_iter()
            .map(|(file, def)| self.check_item(file, &what, def, names))
            .collect()
    }
}
