//! The checked decision tree: ids resolved to indices, and the lookups the
//! engine, the report and the writers make on it (channels, placeholders, choices).
//! `Tree` is the only input the engine takes, and only `check` builds one,
//! so the engine never meets a dangling id or a cycle.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::rules::{AskIn, Confidence, DetailKind, Text};

mod letter;
mod placeholder;
pub use letter::Letter;
use placeholder::next_placeholder;
pub use placeholder::placeholders;

// What an answer is and the conditions on answers live in `picks`, below
// the tree; every layer above names them through the tree, as it does the rest.
pub use crate::picks::{Answer, ChoiceSet, Condition, JOIN, NONE, Subject};

/// A node of the decision tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Node {
    Question(usize),
    Conclusion(usize),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Carrier {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Cause {
    pub id: String,
    pub title: Text,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Fact {
    pub id: String,
    pub carrier: Option<usize>,
    pub channel: Option<String>,
    pub value: String,
    pub label: Text,
    pub note: Option<Text>,
    /// The time limit the fact sets, when it sets one.
    pub period: Option<jiff::Span>,
    /// The plain number the fact sets, when it sets one (`{id.number}`).
    pub number: Option<u32>,
    /// The year's holidays, when the fact is a holiday arrangement.
    pub calendar: Option<Calendar>,
    pub source: String,
    /// For rule authors: where the source was found and caveats about it.
    pub author_note: Option<String>,
    pub url: Option<String>,
    pub confidence: Confidence,
    /// `YYYY-MM-DD`.
    pub verified: String,
}

/// One year's holiday arrangement: its rest days (ranges, both ends
/// included) and the weekend days that are working days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Calendar {
    pub year: i16,
    pub rest: Vec<(jiff::civil::Date, jiff::civil::Date)>,
    pub work: Vec<jiff::civil::Date>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    /// Where it is defined (`file:line:column`).
    pub origin: String,
    pub text: Text,
    pub help: Option<Text>,
    pub choices: Vec<Choice>,
    /// Several choices may be taken at once; every answer leads to `next`.
    pub multiple: bool,
    /// A script that does not answer it gets the empty set (`multiple` only).
    pub optional: bool,
    /// Where a `multiple` question leads (single questions: each choice's `next`).
    pub next: Option<Node>,
}

/// An item of a list (evidence, what to ask or note on a call), and when it shows.
#[derive(Debug, Serialize, Deserialize)]
pub struct Item {
    pub text: Text,
    pub when: Condition,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Text,
    pub aliases: Vec<String>,
    /// Accepted as an answer, never offered in a menu.
    pub retired: bool,
    pub next: Option<Node>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Conclusion {
    pub id: String,
    /// Where it is defined (`file:line:column`).
    pub origin: String,
    pub cause: Option<usize>,
    pub title: Option<Text>,
    pub explanation: Text,
    pub confirm: Vec<Text>,
    pub script: Option<Text>,
    pub steps: Vec<Step>,
    pub evidence: Vec<Item>,
    pub prevention: Vec<Text>,
    /// Facts the conclusion's texts rely on, listed explicitly.
    pub facts: Vec<usize>,
    pub next: Option<Node>,
    /// The cause is possible, not found: see `ConclusionDef::possible`.
    pub possible: bool,
    /// What a letter says for it; none for the letter's general wording.
    pub letter: Option<Letter>,
}

impl Conclusion {
    /// Every text of the conclusion other than its steps.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        std::iter::once(&self.explanation)
            .chain(&self.confirm)
            .chain(&self.script)
            .chain(self.evidence.iter().map(|i| &i.text))
            .chain(&self.prevention)
            .chain(self.letter.iter().flat_map(Letter::texts))
    }
}

/// Each carrier's channels: channel kind, then carrier, to the fact that is
/// that channel. Looked up by `&str` on every placeholder, without allocating.
#[derive(Debug, Default)]
pub struct Channels(HashMap<String, HashMap<usize, usize>>);

impl Channels {
    pub fn get(&self, carrier: usize, kind: &str) -> Option<usize> {
        self.0
            .get(kind)
            .and_then(|by_carrier| by_carrier.get(&carrier))
            .copied()
    }

    pub fn contains(&self, carrier: usize, kind: &str) -> bool {
        self.get(carrier, kind).is_some()
    }

    pub fn insert(&mut self, carrier: usize, kind: &str, fact: usize) {
        self.0
            .entry(kind.to_owned())
            .or_default()
            .insert(carrier, fact);
    }
}

/// A definition replaced by one with the same id in a later rules layer.
#[derive(Debug, Clone)]
pub struct Override {
    /// `fact`, `question`, `conclusion`, `cause`, `carrier` or `case`.
    pub kind: &'static str,
    pub id: String,
    /// Where the replacing definition stands (`file:line:column`).
    pub by: String,
    /// Where the replaced one stood.
    pub replaced: String,
}

/// A scenario with its answers resolved.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Case {
    pub name: String,
    /// The rule file it stands in, for reports.
    pub file: String,
    /// (question, answer) pairs.
    pub answers: Vec<(usize, Answer)>,
    /// (detail id, value) pairs, read like `--answers` when the case runs.
    pub details: Vec<(String, String)>,
    pub causes: Vec<String>,
    pub conclusions: Option<Vec<String>>,
    pub possible_causes: Option<Vec<String>>,
    pub facts: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Step {
    pub text: Text,
    pub channel: Option<String>,
    /// Carrier indices the step applies to; `None` for all.
    pub carriers: Option<Vec<usize>>,
    /// Explicitly listed facts.
    pub facts: Vec<usize>,
    /// The escalation rung, for escalation steps.
    pub rung: Option<usize>,
    /// When the step is shown.
    pub when: Condition,
}

/// A rung of the escalation ladder.
#[derive(Debug, Serialize, Deserialize)]
pub struct Rung {
    pub id: String,
    pub title: Text,
}

/// A case detail asked after the diagnosis.
#[derive(Debug, Serialize, Deserialize)]
pub struct Detail {
    pub id: String,
    pub kind: DetailKind,
    pub text: Text,
    pub help: Option<Text>,
    pub choices: Vec<Choice>,
    /// (detail index, allowed choice indices): asked only when one holds.
    pub only_if: Vec<(Subject, Vec<usize>)>,
    pub ask_in: Vec<AskIn>,
}

/// What a problem of the whole rule set, rather than of one file, names as its file.
pub const WHOLE_SET: &str = "rules";

/// The id of the question whose answer is the user's carrier.
pub const CARRIER_QUESTION: &str = "carrier";

/// A value per node, questions first and then conclusions: lookups without
/// hashing, for the walks over whole trees that checking a large pack makes.
#[derive(Debug, Clone)]
pub struct NodeMap<T> {
    questions: usize,
    values: Vec<T>,
}

impl<T: Clone> NodeMap<T> {
    /// `value` for every node of `tree`.
    pub fn filled(tree: &Tree, value: T) -> NodeMap<T> {
        NodeMap {
            questions: tree.questions.len(),
            values: vec![value; tree.questions.len() + tree.conclusions.len()],
        }
    }
}

impl<T> NodeMap<T> {
    fn slot(&self, node: Node) -> usize {
        match node {
            Node::Question(q) => q,
            Node::Conclusion(c) => self.questions + c,
        }
    }
}

impl<T> std::ops::Index<Node> for NodeMap<T> {
    type Output = T;

    fn index(&self, node: Node) -> &T {
        &self.values[self.slot(node)]
    }
}

impl<T> std::ops::IndexMut<Node> for NodeMap<T> {
    fn index_mut(&mut self, node: Node) -> &mut T {
        let slot = self.slot(node);
        &mut self.values[slot]
    }
}

/// A set of nodes: one flag per node.
pub type NodeSet = NodeMap<bool>;

impl NodeSet {
    pub fn new(tree: &Tree) -> NodeSet {
        NodeMap::filled(tree, false)
    }

    /// Adds `node`; false when it was already there.
    pub fn insert(&mut self, node: Node) -> bool {
        !std::mem::replace(&mut self[node], true)
    }

    pub fn contains(&self, node: Node) -> bool {
        self[node]
    }
}

/// The checked tree. It is also the compiled form of the built-in rules:
/// `build.rs` checks `rules/*.toml` and stores the tree with postcard, so a run
/// on the built-in rules parses no TOML. The lookups that follow from `facts`
/// are left out of that form and rebuilt on loading.
#[derive(Debug, Serialize, Deserialize)]
pub struct Tree {
    pub start: Node,
    pub carriers: Vec<Carrier>,
    pub causes: Vec<Cause>,
    pub facts: Vec<Fact>,
    pub questions: Vec<Question>,
    pub conclusions: Vec<Conclusion>,
    pub rungs: Vec<Rung>,
    pub escalation: Vec<Step>,
    pub evidence: Vec<Item>,
    pub details: Vec<Detail>,
    pub hotline_ask: Vec<Item>,
    pub hotline_note: Vec<Item>,
    /// Scenarios, for `rules test`, which reads the TOML: not stored.
    #[serde(skip)]
    pub cases: Vec<Case>,
    /// Definitions that a later rules layer replaced (none in the built-in set).
    #[serde(skip)]
    pub overrides: Vec<Override>,
    #[serde(skip)]
    pub(crate) fact_ids: HashMap<String, usize>,
    /// (carrier, channel kind) to the fact that is that channel.
    #[serde(skip)]
    pub(crate) channels: Channels,
}

impl Tree {
    /// The tree in its stored form (postcard). Equal trees give equal bytes:
    /// nothing in the stored form depends on hashing order.
    pub fn to_bytes(&self) -> Result<Vec<u8>, postcard::Error> {
        postcard::to_stdvec(self)
    }

    /// A tree stored by [`Tree::to_bytes`], with its lookups rebuilt.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tree, postcard::Error> {
        let mut tree: Tree = postcard::from_bytes(bytes)?;
        tree.fact_ids = tree
            .facts
            .iter()
            .enumerate()
            .map(|(i, fact)| (fact.id.clone(), i))
            .collect();
        for (i, fact) in tree.facts.iter().enumerate() {
            if let (Some(carrier), Some(kind)) = (fact.carrier, &fact.channel) {
                tree.channels.insert(carrier, kind, i);
            }
        }
        Ok(tree)
    }

    /// Empties every text of the other language: Chinese texts stay when
    /// `zh`, English ones otherwise. The compiled built-in form stores one such
    /// tree per language, since a run speaks one.
    pub fn keep_language(&mut self, zh: bool) {
        for text in self.texts_mut() {
            let other = if zh { &mut text.en } else { &mut text.zh };
            *other = String::new();
        }
    }

    /// Every text of the tree.
    pub(crate) fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut texts: Vec<&mut Text> = Vec::new();
        texts.extend(self.carriers.iter_mut().map(|c| &mut c.name));
        texts.extend(self.causes.iter_mut().map(|c| &mut c.title));
        for fact in &mut self.facts {
            texts.push(&mut fact.label);
            texts.extend(&mut fact.note);
        }
        for question in &mut self.questions {
            texts.push(&mut question.text);
            texts.extend(&mut question.help);
            texts.extend(question.choices.iter_mut().map(|c| &mut c.label));
        }
        for conclusion in &mut self.conclusions {
            texts.extend(&mut conclusion.title);
            texts.push(&mut conclusion.explanation);
            texts.extend(&mut conclusion.confirm);
            texts.extend(&mut conclusion.script);
            texts.extend(conclusion.steps.iter_mut().map(|s| &mut s.text));
            texts.extend(conclusion.evidence.iter_mut().map(|i| &mut i.text));
            texts.extend(&mut conclusion.prevention);
            texts.extend(conclusion.letter.iter_mut().flat_map(Letter::texts_mut));
        }
        texts.extend(self.rungs.iter_mut().map(|r| &mut r.title));
        texts.extend(self.escalation.iter_mut().map(|s| &mut s.text));
        texts.extend(self.evidence.iter_mut().map(|i| &mut i.text));
        for detail in &mut self.details {
            texts.push(&mut detail.text);
            texts.extend(&mut detail.help);
            texts.extend(detail.choices.iter_mut().map(|c| &mut c.label));
        }
        texts.extend(self.hotline_ask.iter_mut().map(|i| &mut i.text));
        texts.extend(self.hotline_note.iter_mut().map(|i| &mut i.text));
        texts
    }

    /// Question indices in the order a walk meets them (breadth first from
    /// the start), then any others: the order to list them to people.
    pub fn questions_in_walk_order(&self) -> Vec<usize> {
        let mut order = Vec::new();
        let mut seen = NodeSet::new(self);
        seen.insert(self.start);
        let mut queue = VecDeque::from([self.start]);
        while let Some(node) = queue.pop_front() {
            if let Node::Question(q) = node {
                order.push(q);
            }
            for next in successors(self, node) {
                if seen.insert(next) {
                    queue.push_back(next);
                }
            }
        }
        let unreached: Vec<usize> = (0..self.questions.len())
            .filter(|&q| !seen.contains(Node::Question(q)))
            .collect();
        order.extend(unreached);
        order
    }

    pub fn detail(&self, id: &str) -> Option<usize> {
        self.details.iter().position(|d| d.id == id)
    }

    pub fn question(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    pub fn carrier_index(&self, id: &str) -> Option<usize> {
        self.carriers.iter().position(|c| c.id == id)
    }

    pub fn fact(&self, id: &str) -> Option<usize> {
        self.fact_ids.get(id).copied()
    }

    /// How fresh the advice is: the day the most recently checked fact was
    /// compared with its source (`YYYY-MM-DD`); none without facts.
    pub fn rules_checked(&self) -> Option<&str> {
        self.facts.iter().map(|f| f.verified.as_str()).max()
    }

    /// The carrier's fact for a channel kind, such as `hotline`.
    pub fn channel(&self, carrier: usize, kind: &str) -> Option<&Fact> {
        self.channels.get(carrier, kind).map(|i| &self.facts[i])
    }

    /// Whether a step is shown to a user of `carrier` (all steps when the
    /// carrier is not known).
    pub fn applies(step: &Step, carrier: Option<usize>) -> bool {
        match (&step.carriers, carrier) {
            (Some(list), Some(c)) => list.contains(&c),
            _ => true,
        }
    }

    /// The facts a placeholder name stands for: a fact id, or a channel kind
    /// of the carrier (of every carrier when it is not known yet).
    fn resolve(&self, name: &str, carrier: Option<usize>) -> Vec<usize> {
        if let Some(i) = self.fact(name) {
            return vec![i];
        }
        if let Some((i, _)) = self.quantity_of(name) {
            return vec![i];
        }
        let carriers: Vec<usize> = match carrier {
            Some(c) => vec![c],
            None => (0..self.carriers.len()).collect(),
        };
        carriers
            .into_iter()
            .filter_map(|c| self.channels.get(c, name))
            .collect()
    }

    /// `{id.period}` or `{id.number}`: the fact and which of its quantities.
    fn quantity_of(&self, name: &str) -> Option<(usize, Quantity)> {
        let (id, what) = name.rsplit_once('.')?;
        let quantity = match what {
            "period" => Quantity::Period,
            "number" => Quantity::Number,
            _ => return None,
        };
        Some((self.fact(id)?, quantity))
    }

    /// `text` with each `{name}` replaced by its fact's value, and each
    /// `{id.period}` or `{id.number}` by that quantity of the fact, in
    /// `lang`'s words: a rule pack that changes a fact changes every text.
    pub fn fill(&self, text: &Text, lang: Lang, carrier: Option<usize>) -> String {
        self.fill_keeping(text, lang, carrier, |_| false)
    }

    /// [`Tree::fill`], keeping each `{name}` that `keep` holds as it is: a
    /// letter's blanks, which the letter fills.
    pub fn fill_keeping(
        &self,
        text: &Text,
        lang: Lang,
        carrier: Option<usize>,
        keep: impl Fn(&str) -> bool,
    ) -> String {
        let text = text.get(lang);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_placeholder(rest) {
            out.push_str(before);
            if keep(name) {
                out.push_str(&format!("{{{name}}}"));
                rest = after;
                continue;
            }
            let quantity = self.fact(name).is_none().then(|| self.quantity_of(name));
            if let Some(Some((i, quantity))) = quantity {
                let fact = &self.facts[i];
                let words = match quantity {
                    Quantity::Period => fact.period.map(|p| period_words(p, lang)),
                    Quantity::Number => fact.number.map(|n| n.to_string()),
                };
                // The checker rejects a quantity the fact lacks.
                out.push_str(&words.unwrap_or_else(|| format!("{{{name}}}")));
                rest = after;
                continue;
            }
            let facts = self.resolve(name, carrier);
            if facts.is_empty() {
                // The checker rejects unknown names; keep the text readable anyway.
                out.push_str(&format!("{{{name}}}"));
            } else {
                let values: Vec<&str> = facts
                    .iter()
                    .map(|&i| self.facts[i].value.as_str())
                    .collect();
                out.push_str(&values.join("/"));
            }
            rest = after;
        }
        out.push_str(rest);
        out
    }

    /// Every fact a step relies on for this carrier: its channel, its
    /// placeholders and its listed facts, each once, in that order.
    pub fn step_facts(&self, step: &Step, carrier: Option<usize>) -> Vec<usize> {
        let channel = step
            .channel
            .iter()
            .flat_map(|kind| self.resolve(kind, carrier));
        let mut facts: Vec<usize> = channel.collect();
        facts.extend(self.text_facts([&step.text], carrier));
        facts.extend(&step.facts);
        let mut seen = HashSet::new();
        facts.retain(|f| seen.insert(*f));
        facts
    }

    /// The facts a conclusion's own texts rely on (beyond its steps): its
    /// listed facts, the facts its letter cites, and the placeholders of its
    /// explanation, confirmation, script, evidence, prevention and letter.
    pub fn conclusion_facts(&self, conclusion: &Conclusion, carrier: Option<usize>) -> Vec<usize> {
        let mut facts = conclusion.facts.clone();
        facts.extend(conclusion.letter.iter().flat_map(|l| &l.facts));
        facts.extend(self.text_facts(conclusion.texts(), carrier));
        let mut seen = HashSet::new();
        facts.retain(|f| seen.insert(*f));
        facts
    }

    /// The facts named by placeholders in these texts, in either language.
    fn text_facts<'a>(
        &self,
        texts: impl IntoIterator<Item = &'a Text>,
        carrier: Option<usize>,
    ) -> Vec<usize> {
        texts
            .into_iter()
            .flat_map(|t| [&t.zh, &t.en])
            .flat_map(|body| placeholders(body))
            .flat_map(|name| self.resolve(name, carrier))
            .collect()
    }

    /// Where an answer to question `q` leads: the chosen choice's `next`,
    /// or for a `multiple` question the question's own.
    pub fn next_after(&self, q: usize, answer: Answer) -> Option<Node> {
        let question = &self.questions[q];
        match answer {
            Answer::One(c) => question.choices[c].next,
            Answer::Set(_) => question.next,
        }
    }

    /// An answer as `--answers` and the answers file write it: the value,
    /// or a set's values joined by `+` (`none` for the empty set).
    pub fn answer_value(&self, q: usize, answer: Answer) -> String {
        let choices = &self.questions[q].choices;
        match answer {
            Answer::One(c) => choices[c].value.clone(),
            Answer::Set(set) if set.is_empty() => NONE.to_owned(),
            Answer::Set(set) => {
                let values: Vec<&str> = set.iter().map(|c| choices[c].value.as_str()).collect();
                values.join(&JOIN.to_string())
            }
        }
    }

    /// A question's answer from text: a value or alias, or for a `multiple`
    /// question values and aliases joined by `+`, or `none`. The error
    /// names the part that is no value, or is `None` for a blank part
    /// (`tried=`, `app+`): the empty set is written `none`.
    pub fn parse_answer<'a>(&self, q: usize, text: &'a str) -> Result<Answer, Option<&'a str>> {
        if !self.questions[q].multiple {
            return self.choice(q, text).map(Answer::One).ok_or(Some(text));
        }
        if text.eq_ignore_ascii_case(NONE) {
            return Ok(Answer::Set(ChoiceSet::default()));
        }
        let mut set = ChoiceSet::default();
        for part in text.split(JOIN).map(str::trim) {
            if part.is_empty() {
                return Err(None);
            }
            set.insert(self.choice(q, part).ok_or(Some(part))?);
        }
        Ok(Answer::Set(set))
    }

    /// Which choice of a question a value or alias names (aliases ignore ASCII case).
    pub fn choice(&self, question: usize, value: &str) -> Option<usize> {
        let choices = &self.questions[question].choices;
        choices.iter().position(|c| c.value == value).or_else(|| {
            choices.iter().position(|c| {
                c.value.eq_ignore_ascii_case(value)
                    || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
            })
        })
    }
}

/// Which quantity of a fact a placeholder names.
#[derive(Debug, Clone, Copy)]
enum Quantity {
    Period,
    Number,
}

/// A period in words: `15日`, `5个月`, `48小时`; `15 days`, `5 months`.
pub fn period_words(span: jiff::Span, lang: Lang) -> String {
    let parts = [
        (i64::from(span.get_years()), "年", "year"),
        (i64::from(span.get_months()), "个月", "month"),
        (i64::from(span.get_weeks()), "周", "week"),
        (i64::from(span.get_days()), "日", "day"),
        (span.get_hours() as i64, "小时", "hour"),
    ];
    let words: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n != 0)
        .map(|&(n, zh, en)| match lang {
            Lang::Zh => format!("{n}{zh}"),
            Lang::En if n == 1 => format!("{n} {en}"),
            Lang::En => format!("{n} {en}s"),
        })
        .collect();
    match lang {
        Lang::Zh => words.concat(),
        Lang::En => words.join(" "),
    }
}

pub fn node_id(tree: &Tree, node: Node) -> &str {
    match node {
        Node::Question(i) => &tree.questions[i].id,
        Node::Conclusion(i) => &tree.conclusions[i].id,
    }
}

pub(crate) fn successors(tree: &Tree, node: Node) -> Vec<Node> {
    match node {
        Node::Question(i) if tree.questions[i].multiple => {
            tree.questions[i].next.into_iter().collect()
        }
        Node::Question(i) => tree.questions[i]
            .choices
            .iter()
            .filter_map(|c| c.next)
            .collect(),
        Node::Conclusion(i) => tree.conclusions[i].next.into_iter().collect(),
    }
}
