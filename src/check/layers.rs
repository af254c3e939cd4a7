//! Gathering the definitions of every parsed file, and merging the layers:
//! a definition in a later layer (`--rules DIR`) replaces the one with the
//! same id from an earlier layer, and the replaced one is recorded as an
//! override for `rules list`.

use std::collections::HashMap;

use toml::Spanned;

use super::context::Checker;
use super::problem::Place;
use crate::rules::{
    CarrierDef, CaseDef, CauseDef, ConclusionDef, DetailDef, FactDef, ItemDef, QuestionDef,
    RuleFile, RungDef, StepDef,
};
use crate::tree::Override;

/// Every definition of the rule set, each with the index of its file.
#[derive(Default)]
pub(super) struct Defs {
    pub start: Vec<(Spanned<String>, usize)>,
    pub carriers: Vec<(usize, CarrierDef)>,
    pub causes: Vec<(usize, CauseDef)>,
    pub facts: Vec<(usize, FactDef)>,
    pub questions: Vec<(usize, QuestionDef)>,
    pub conclusions: Vec<(usize, ConclusionDef)>,
    /// Escalation steps have no id: every layer's are kept.
    pub escalation: Vec<(usize, StepDef)>,
    pub rungs: Vec<(usize, RungDef)>,
    pub details: Vec<(usize, DetailDef)>,
    pub hotline_ask: Vec<(usize, ItemDef)>,
    pub hotline_note: Vec<(usize, ItemDef)>,
    pub evidence: Vec<(usize, ItemDef)>,
    pub cases: Vec<(usize, CaseDef)>,
}

impl Defs {
    pub fn gather(files: Vec<(usize, RuleFile)>) -> Defs {
        let mut defs = Defs::default();
        for (file, rule_file) in files {
            if let Some(s) = rule_file.start {
                defs.start.push((s, file));
            }
            defs.carriers.extend(tagged(file, rule_file.carrier));
            defs.causes.extend(tagged(file, rule_file.cause));
            defs.facts.extend(tagged(file, rule_file.fact));
            defs.questions.extend(tagged(file, rule_file.question));
            defs.conclusions.extend(tagged(file, rule_file.conclusion));
            defs.escalation.extend(tagged(file, rule_file.escalation));
            defs.rungs.extend(tagged(file, rule_file.rung));
            defs.details.extend(tagged(file, rule_file.detail));
            defs.hotline_ask.extend(tagged(file, rule_file.hotline_ask));
            defs.hotline_note
                .extend(tagged(file, rule_file.hotline_note));
            defs.evidence.extend(tagged(file, rule_file.evidence));
            defs.cases.extend(tagged(file, rule_file.case));
        }
        defs
    }
}

/// Each item with the index of its file.
fn tagged<T>(file: usize, items: Vec<T>) -> impl Iterator<Item = (usize, T)> {
    items.into_iter().map(move |d| (file, d))
}

impl Checker<'_> {
    /// The definitions no later layer replaces. Duplicates within a layer
    /// stay, for the ids pass to report.
    pub(super) fn merge_layers(&mut self, defs: Defs) -> Defs {
        let Defs {
            mut start,
            carriers,
            causes,
            facts,
            questions,
            conclusions,
            escalation,
            rungs,
            details,
            hotline_ask,
            hotline_note,
            evidence,
            cases,
        } = defs;
        let carriers = self.drop_replaced("carrier", carriers, |d| &d.id);
        let causes = self.drop_replaced("cause", causes, |d| &d.id);
        let facts = self.drop_replaced("fact", facts, |d| &d.id);
        let cases = self.drop_replaced("case", cases, |d| &d.name);
        let rungs = self.drop_replaced("rung", rungs, |d| &d.id);
        let details = self.drop_replaced("detail", details, |d| &d.id);
        // Questions and conclusions share one namespace, so one replaces the other.
        let node_ids: Vec<_> = questions
            .iter()
            .map(|(f, d)| (*f, &d.id))
            .chain(conclusions.iter().map(|(f, d)| (*f, &d.id)))
            .collect();
        let mut questions_replaced = self.replaced_by(&node_ids);
        let conclusions_replaced = questions_replaced.split_off(questions.len());
        let questions = self.keep_latest("question", questions, |d| &d.id, questions_replaced);
        let conclusions =
            self.keep_latest("conclusion", conclusions, |d| &d.id, conclusions_replaced);
        let top = start.iter().map(|(_, f)| self.sources[*f].layer).max();
        start.retain(|(_, f)| Some(self.sources[*f].layer) == top);
        Defs {
            start,
            carriers,
            causes,
            facts,
            questions,
            conclusions,
            escalation,
            rungs,
            details,
            hotline_ask,
            hotline_note,
            evidence,
            cases,
        }
    }

    /// For each definition, where the definition that replaces it stands: the
    /// first one with the same id in the highest layer. `None` when it stays.
    fn replaced_by(&self, ids: &[(usize, &Spanned<String>)]) -> Vec<Option<Place>> {
        // One layer (the built-in rules, or one pack alone): nothing is replaced,
        // and a large pack need not hash every id for it.
        let first_layer = self.sources.first().map_or(0, |s| s.layer);
        if self.sources.iter().all(|s| s.layer == first_layer) {
            return vec![None; ids.len()];
        }
        let mut latest: HashMap<&str, (usize, &Spanned<String>)> = HashMap::new();
        for &(file, id) in ids {
            let layer = self.sources[file].layer;
            let replace = latest
                .get(id.get_ref().as_str())
                .is_none_or(|&(known, _)| self.sources[known].layer < layer);
            if replace {
                latest.insert(id.get_ref(), (file, id));
            }
        }
        ids.iter()
            .map(|&(file, id)| {
                let (winner, winner_id) = latest[id.get_ref().as_str()];
                (self.sources[file].layer < self.sources[winner].layer)
                    .then(|| self.place(winner, winner_id))
            })
            .collect()
    }

    /// The definitions `replaced_by` keeps; each replaced one is recorded as
    /// an override.
    fn keep_latest<T>(
        &mut self,
        kind: &'static str,
        defs: Vec<(usize, T)>,
        id: impl Fn(&T) -> &Spanned<String>,
        replaced_by: Vec<Option<Place>>,
    ) -> Vec<(usize, T)> {
        let mut kept = Vec::with_capacity(defs.len());
        for ((file, def), by) in defs.into_iter().zip(replaced_by) {
            match by {
                Some(winner) => self.overrides.push(Override {
                    kind,
                    id: id(&def).get_ref().clone(),
                    by: self.where_(winner),
                    replaced: self.where_(self.place(file, id(&def))),
                }),
                None => kept.push((file, def)),
            }
        }
        kept
    }

    fn drop_replaced<T>(
        &mut self,
        kind: &'static str,
        defs: Vec<(usize, T)>,
        id: impl Fn(&T) -> &Spanned<String>,
    ) -> Vec<(usize, T)> {
        let ids: Vec<_> = defs.iter().map(|(f, d)| (*f, id(d))).collect();
        let replaced_by = self.replaced_by(&ids);
        self.keep_latest(kind, defs, id, replaced_by)
    }
}
