//! Ids: indexing each kind's ids, with duplicates and over-long ids reported
//! at both places, and resolving the `next` references between nodes.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use super::context::Checker;
use super::layers::Defs;
use super::problem::{Place, ProblemKind};
use crate::rules::DetailKind;
use crate::tree::{Node, Subject};

/// The ids later passes resolve names against.
pub(super) struct Names {
    /// Each carrier's id and place; a carrier's index is its position.
    pub carrier_ids: Vec<(String, Place)>,
    pub carriers: HashMap<String, usize>,
    pub causes: HashMap<String, usize>,
    pub facts: HashMap<String, usize>,
    /// Questions and conclusions share one namespace, as `next` may name
    /// either: questions first, then conclusions.
    pub nodes: HashMap<String, usize>,
    pub questions: usize,
    /// What a condition (`only_if`, `unless`) may name: each question and
    /// `choice` detail, with its choice values.
    pub subjects: HashMap<String, (Subject, Vec<String>)>,
    /// The quantities texts may state: `id.period` of each fact with a
    /// `period`, `id.number` of each with a `number`.
    pub quantities: HashSet<String>,
}

impl Names {
    fn node(&self, id: &str) -> Option<Node> {
        self.nodes.get(id).map(|&i| {
            if i < self.questions {
                Node::Question(i)
            } else {
                Node::Conclusion(i - self.questions)
            }
        })
    }
}

impl Checker<'_> {
    /// The facts `listed` names, by index; a name that is no fact is an
    /// error at `place`, said once per name and `key` ("unknown fact `x` in
    /// {within}").
    pub(super) fn resolve_facts(
        &mut self,
        names: &Names,
        listed: &[String],
        place: Place,
        owner: &str,
        key: &str,
        within: &str,
    ) -> Vec<usize> {
        let mut found = Vec::with_capacity(listed.len());
        for name in listed {
            match names.facts.get(name) {
                Some(&i) => found.push(i),
                None => self.report_once(
                    ProblemKind::UnknownReference,
                    place,
                    owner,
                    &[key, name],
                    || format!("unknown fact `{name}` in {within}"),
                ),
            }
        }
        found
    }

    /// Indexes the carriers, causes, facts and nodes.
    pub(super) fn index_names(&mut self, defs: &Defs) -> Names {
        let carrier_ids = self.ids(&defs.carriers, |d| &d.id);
        let carriers = self.index("carrier", &carrier_ids);
        let cause_ids = self.ids(&defs.causes, |d| &d.id);
        let causes = self.index("cause", &cause_ids);
        let fact_ids = self.ids(&defs.facts, |d| &d.id);
        let facts = self.index("fact", &fact_ids);
        let mut node_ids = self.ids(&defs.questions, |d| &d.id);
        node_ids.extend(self.ids(&defs.conclusions, |d| &d.id));
        let problems_before_nodes = self.problems.len();
        let nodes = self.index("node", &node_ids);
        self.refs_broken |= self.problems.len() > problems_before_nodes;
        // A question's index is its position, as for a detail: an id given
        // twice is reported above, and a condition reads the first.
        let values = |choices: &[crate::rules::ChoiceDef]| -> Vec<String> {
            choices.iter().map(|c| c.value.get_ref().clone()).collect()
        };
        let mut subjects = HashMap::new();
        for (i, (_, def)) in defs.questions.iter().enumerate() {
            subjects
                .entry(def.id.get_ref().clone())
                .or_insert_with(|| (Subject::Question(i), values(&def.choices)));
        }
        for (d, (_, def)) in defs.details.iter().enumerate() {
            if def.kind == DetailKind::Choice {
                subjects
                    .entry(def.id.get_ref().clone())
                    .or_insert_with(|| (Subject::Detail(d), values(&def.choices)));
            }
        }
        let mut quantities = HashSet::new();
        for (_, def) in &defs.facts {
            let id = def.id.get_ref();
            if def.period.is_some() {
                quantities.insert(format!("{id}.period"));
            }
            if def.number.is_some() {
                quantities.insert(format!("{id}.number"));
            }
        }
        Names {
            quantities,
            carrier_ids,
            carriers,
            causes,
            facts,
            nodes,
            questions: defs.questions.len(),
            subjects,
        }
    }

    /// Each definition's id and where it stands.
    pub(super) fn ids<T>(
        &self,
        defs: &[(usize, T)],
        id: impl Fn(&T) -> &Spanned<String>,
    ) -> Vec<(String, Place)> {
        defs.iter()
            .map(|(file, def)| (id(def).get_ref().clone(), self.place(*file, id(def))))
            .collect()
    }

    /// Indexes ids of one kind, reporting duplicates with both places.
    pub(super) fn index(
        &mut self,
        kind: &str,
        items: &[(String, Place)],
    ) -> HashMap<String, usize> {
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, (id, place)) in items.iter().enumerate() {
            let limit = self.options.limits.id_bytes;
            if id.len() > limit {
                let shown: String = id.chars().take(40).collect();
                let message = format!(
                    "{kind} id `{shown}…` is {} bytes long, more than {limit}",
                    id.len()
                );
                self.report(ProblemKind::TooLong, *place, &shown, message);
            }
            if let Some(&first) = index.get(id) {
                let message = format!(
                    "duplicate {kind} id `{id}` (first defined at {})",
                    self.where_(items[first].1)
                );
                self.report(ProblemKind::DuplicateId, *place, id, message);
            } else {
                index.insert(id.clone(), i);
            }
        }
        index
    }

    /// The node `next` names, from a definition of `owner` in `file`.
    pub(super) fn resolve_node(
        &mut self,
        names: &Names,
        file: usize,
        next: &Spanned<String>,
        owner: &str,
    ) -> Option<Node> {
        let found = names.node(next.get_ref());
        if found.is_none() {
            self.refs_broken = true;
            let message = format!("unknown node `{}` in `next` of `{owner}`", next.get_ref());
            let place = self.place(file, next);
            self.report(ProblemKind::UnknownReference, place, owner, message);
        }
        found
    }
}
