//! A rule pack built from fuzz bytes to pass `rules check`: the carrier
//! question and its carriers with their channels, facts (periods, numbers,
//! holiday calendars, every confidence), questions single and multiple,
//! conclusions with causes, steps, conditions and placeholders, case
//! details, the escalation ladder, shared lists and cases, spread over
//! files, with a second layer that redefines some of them.
//!
//! Validity comes from the construction: nodes only lead to later nodes (no
//! cycle), each node after the start has a parent that leads to it (all
//! reachable), a choice with no `next` is given one when no conclusion comes
//! before it, a placeholder names only what every carrier it is shown to
//! has, and no advice relies on a `low` fact. The ids the code reads
//! (`symptom`, `tried`, `complaint_date`, `miit.precondition`, the rungs...)
//! are defined as the code reads them, so the timeline, the letters and the
//! ladder are reached too.

use arbitrary::{Arbitrary, Unstructured};
use toml::{Table, Value};

/// The channel kinds the built-in rules use.
pub const KINDS: &[&str] = &[
    "hotline",
    "sms_number",
    "sms_unsubscribe",
    "app",
    "app_unsubscribe",
    "web",
    "store",
    "complaint",
    "supervision",
];

const PERIODS: &[&str] = &["P15D", "P5M", "P2Y", "PT48H", "P30D", "P1W", "P0D", "P90D"];

/// The most characters a text keeps. How many of each part a pack has is
/// bounded by the `Many` of its spec: small packs find bugs as well as big
/// ones, and run faster.
const MAX_TEXT: usize = 120;

#[derive(Debug, Arbitrary)]
pub struct Spec {
    /// First, so that the input's bytes go to the shape of the tree first.
    nodes: Many<NodeSpec, 30>,
    carriers: Many<CarrierSpec, 4>,
    causes: u8,
    facts: Many<FactSpec, 12>,
    /// Which of the definitions the code reads by id to include, a bit each.
    contract: u32,
    details: Many<DetailSpec, 8>,
    extra_rungs: u8,
    escalation: Many<StepSpec, 6>,
    items: Many<ItemSpec, 6>,
    cases: Many<CaseSpec, 4>,
    /// How many files the first layer is spread over.
    files: u8,
    /// Definitions a second layer redefines with other texts, by position.
    overlay: Many<u8, 4>,
}

#[derive(Debug, Arbitrary)]
struct TextSpec {
    zh: Short,
    en: Short,
    /// Placeholders to add, each an index into the names allowed here.
    holes: Many<u8, 4>,
}

#[derive(Debug, Arbitrary)]
struct CarrierSpec {
    suffix: Option<Short>,
    name: TextSpec,
    /// The channel kinds it has, a bit each.
    channels: u16,
    alias: Option<Short>,
    /// The confidence of its channel facts: never `low`, which no step may use.
    medium: bool,
}

#[derive(Debug, Arbitrary)]
struct FactSpec {
    value: Short,
    label: TextSpec,
    note: Option<TextSpec>,
    period: Option<u8>,
    number: Option<u32>,
    calendar: Option<CalendarSpec>,
    source: Short,
    author_note: Option<Short>,
    url: Option<Short>,
    confidence: u8,
    verified: (u16, u8, u8),
}

#[derive(Debug, Arbitrary)]
struct CalendarSpec {
    year: u8,
    rest: Many<(u16, u8), 4>,
    work: Many<u16, 4>,
}

#[derive(Debug, Arbitrary)]
struct NodeSpec {
    kind: NodeKind,
    /// Picks the node that leads here, among the earlier ones with room.
    parent: u8,
    suffix: Option<Short>,
    text: TextSpec,
}

#[derive(Debug, Arbitrary)]
enum NodeKind {
    Question(QuestionSpec),
    Conclusion(ConclusionSpec),
}

#[derive(Debug, Arbitrary)]
struct QuestionSpec {
    multiple: bool,
    optional: bool,
    help: Option<TextSpec>,
    choices: Many<ChoiceSpec, 8>,
    /// A question the code reads by id: `symptom`, `package_origin`, `tried`.
    named: u8,
    /// For a multiple question: where all its answers go, when no child does.
    next: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct ChoiceSpec {
    suffix: Option<Short>,
    label: TextSpec,
    aliases: Many<Option<Short>, 3>,
    next: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct ConclusionSpec {
    cause: Option<u8>,
    title: TextSpec,
    possible: bool,
    explanation: TextSpec,
    confirm: Many<TextSpec, 3>,
    script: TextSpec,
    steps: Many<StepSpec, 4>,
    evidence: Many<ItemSpec, 3>,
    prevention: Many<TextSpec, 3>,
    facts: Many<u8, 3>,
    next: Option<u8>,
}

#[derive(Debug, Arbitrary)]
struct StepSpec {
    text: TextSpec,
    channel: Option<u8>,
    /// The carriers it is limited to, a bit each.
    carriers: Option<u8>,
    facts: Many<u8, 3>,
    only_if: Many<CondSpec, 3>,
    unless: Many<CondSpec, 3>,
    rung: u8,
}

#[derive(Debug, Arbitrary)]
struct ItemSpec {
    /// Shared lists are not checked for placeholders: any text goes.
    zh: Short,
    en: Short,
    only_if: Many<CondSpec, 3>,
    unless: Many<CondSpec, 3>,
    list: u8,
}

#[derive(Debug, Arbitrary)]
struct CondSpec {
    subject: u8,
    values: Many<u8, 3>,
}

#[derive(Debug, Arbitrary)]
struct DetailSpec {
    kind: u8,
    text: Short,
    help: Option<Short>,
    choices: Many<(Option<Short>, Short), 6>,
    only_if: Many<CondSpec, 3>,
    ask_in: u8,
}

#[derive(Debug, Arbitrary)]
struct CaseSpec {
    answers: Many<(u8, u8), 8>,
    causes: Many<u8, 3>,
    conclusions: Option<Many<u8, 3>>,
    possible_causes: Option<Many<u8, 3>>,
    facts: Many<u8, 3>,
}

/// Up to `N` items, as many as the input says (not one more each time a bit
/// is set, which in text-like input ends a list after two items or so).
#[derive(Debug)]
pub struct Many<T, const N: usize>(Vec<T>);

impl<'a, T: Arbitrary<'a>, const N: usize> Arbitrary<'a> for Many<T, N> {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let count = u.int_in_range(0..=N)?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            if u.is_empty() {
                break;
            }
            items.push(T::arbitrary(u)?);
        }
        Ok(Many(items))
    }
}

impl<T, const N: usize> std::ops::Deref for Many<T, N> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

/// A short text from the input: at most 24 of its bytes, as UTF-8 (an
/// invalid sequence becomes U+FFFD). Texts long or short find the same
/// bugs; short ones leave the input's bytes to the tree's shape.
#[derive(Debug, Clone)]
pub struct Short(String);

impl<'a> Arbitrary<'a> for Short {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Short> {
        let len = u.int_in_range(0..=24)?;
        let bytes = u.bytes(len.min(u.len()))?;
        Ok(Short(String::from_utf8_lossy(bytes).into_owned()))
    }
}

impl std::ops::Deref for Short {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

/// A rule file of the pack: its name, its layer (1 first) and its text.
pub struct File {
    pub name: String,
    pub layer: usize,
    pub text: String,
}

/// A text's characters, at most [`MAX_TEXT`], with `{` made harmless where
/// placeholders are checked: the ones the pack needs are added on purpose.
fn plain(text: &str, braces: bool) -> String {
    text.chars()
        .take(MAX_TEXT)
        .map(|c| if c == '{' && !braces { '(' } else { c })
        .collect()
}

/// An id part from fuzz text: any characters but NUL, `+` and `=`, with no
/// space at either end: what `--answers` can spell in an id and in a value
/// of any question (the checker refuses the rest).
fn suffix(text: &Option<Short>) -> String {
    match text {
        Some(text) => {
            let kept: String = text
                .chars()
                .filter(|c| !"\0+=".contains(*c))
                .take(12)
                .collect();
            let kept = kept.trim().to_owned();
            if kept.is_empty() {
                kept
            } else {
                format!("-{kept}")
            }
        }
        None => String::new(),
    }
}

fn pick<T>(items: &[T], byte: u8) -> Option<&T> {
    (!items.is_empty()).then(|| &items[usize::from(byte) % items.len()])
}

fn text_value(spec: &TextSpec, names: &[String]) -> Value {
    let mut zh = plain(&spec.zh, false);
    let mut en = plain(&spec.en, false);
    for (i, &hole) in spec.holes.iter().take(4).enumerate() {
        if let Some(name) = pick(names, hole) {
            let into = if i % 2 == 0 { &mut zh } else { &mut en };
            into.push_str(&format!("{{{name}}}"));
        }
    }
    pair(zh, en)
}

fn pair(zh: String, en: String) -> Value {
    let mut table = Table::new();
    table.insert("zh".into(), Value::String(zh));
    table.insert("en".into(), Value::String(en));
    Value::Table(table)
}

fn strings(items: impl IntoIterator<Item = String>) -> Value {
    Value::Array(items.into_iter().map(Value::String).collect())
}

/// A definition, and the file it goes in.
struct Def {
    section: &'static str,
    table: Table,
}

/// A subject of conditions: a question or choice detail, and its values.
struct Subject {
    id: String,
    values: Vec<String>,
}

/// A node as laid out before its texts: its id, and for a question its
/// choices' values and where each leads.
struct Node {
    id: String,
    question: bool,
    multiple: bool,
    values: Vec<String>,
    nexts: Vec<Option<usize>>,
    /// A conclusion's or multiple question's one `next`.
    next: Option<usize>,
}

struct Fact {
    id: String,
    low: bool,
    period: bool,
    number: bool,
}

impl Spec {
    /// The pack's files. Each should pass `rules check`: one that does not
    /// is a bug of this generator, or of the checker, to look at.
    pub fn files(&self) -> Vec<File> {
        let mut defs: Vec<Def> = Vec::new();
        let carriers = self.carriers(&mut defs);
        let facts = self.facts(&mut defs);
        let causes: Vec<String> = (0..self.causes % 5).map(|i| format!("cause{i}")).collect();
        for id in &causes {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id.clone()));
            table.insert(
                "title".into(),
                pair(format!("原因{id}"), format!("cause {id}")),
            );
            defs.push(Def {
                section: "cause",
                table,
            });
        }
        let nodes = self.layout(&carriers);
        let details = self.details(&nodes, &mut defs);
        // What conditions may name: questions, then choice details.
        let mut subjects: Vec<Subject> = nodes
            .iter()
            .filter(|n| n.question)
            .map(|n| Subject {
                id: n.id.clone(),
                values: n.values.clone(),
            })
            .collect();
        subjects.extend(details);
        let names = Names::new(&carriers, &facts);
        self.nodes(&nodes, &carriers, &causes, &names, &subjects, &mut defs);
        self.ladder(&carriers, &names, &subjects, &mut defs);
        self.items(&subjects, &mut defs);
        self.cases(&nodes, &causes, &facts, &mut defs);
        self.spread(defs)
    }

    fn carriers(&self, defs: &mut Vec<Def>) -> Vec<(String, Vec<&'static str>)> {
        let mut carriers = Vec::new();
        let specs: Vec<&CarrierSpec> = self.carriers.iter().collect();
        for (i, spec) in specs.iter().enumerate() {
            let id = format!("k{i}{}", suffix(&spec.suffix));
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id.clone()));
            table.insert("name".into(), text_value(&spec.name, &[]));
            defs.push(Def {
                section: "carrier",
                table,
            });
            let kinds: Vec<&'static str> = KINDS
                .iter()
                .enumerate()
                .filter(|(k, _)| spec.channels & (1 << k) != 0)
                .map(|(_, kind)| *kind)
                .collect();
            for kind in &kinds {
                let mut table = Table::new();
                table.insert("id".into(), Value::String(format!("{id}.{kind}")));
                table.insert("carrier".into(), Value::String(id.clone()));
                table.insert("channel".into(), Value::String((*kind).to_owned()));
                table.insert("value".into(), Value::String(format!("100{i}")));
                table.insert("label".into(), pair(format!("{kind}"), format!("{kind}")));
                table.insert("source".into(), Value::String("运营商公告".into()));
                let confidence = if spec.medium { "medium" } else { "high" };
                table.insert("confidence".into(), Value::String(confidence.into()));
                table.insert("verified".into(), date_value(2026, 1, 1));
                defs.push(Def {
                    section: "fact",
                    table,
                });
            }
            carriers.push((id, kinds));
        }
        if carriers.is_empty() {
            let mut table = Table::new();
            table.insert("id".into(), Value::String("k0".into()));
            table.insert("name".into(), pair("甲".into(), "A".into()));
            defs.push(Def {
                section: "carrier",
                table,
            });
            carriers.push(("k0".to_owned(), Vec::new()));
        }
        carriers
    }

    fn facts(&self, defs: &mut Vec<Def>) -> Vec<Fact> {
        // The facts the code reads by id, when their bit is set: with a period where it counts one.
        let contract: &[(&str, bool)] = &[
            ("miit.precondition", true),
            ("miit.fee_dispute_limit", true),
            ("miit.other_dispute_limit", true),
            ("miit.reply_limit", true),
            ("miit.where", false),
            ("miit.website", false),
            ("law.period_counting", false),
            ("law.rest_day_weekends", false),
            ("law.renewal_reminder_2025", true),
        ];
        let mut facts = Vec::new();
        let mut years = Vec::new();
        for (i, spec) in self.facts.iter().enumerate() {
            let (id, needs_period) = match contract.get(i) {
                Some(&(id, period)) if self.contract & (1 << i) != 0 => (id.to_owned(), period),
                _ => (format!("law.f{i}"), false),
            };
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id.clone()));
            table.insert("value".into(), Value::String(plain(&spec.value, true)));
            table.insert("label".into(), text_value(&spec.label, &[]));
            if let Some(note) = &spec.note {
                table.insert("note".into(), text_value(note, &[]));
            }
            let period = match (spec.period, needs_period) {
                (Some(p), _) => Some(PERIODS[usize::from(p) % PERIODS.len()]),
                (None, true) => Some("P15D"),
                (None, false) => None,
            };
            if let Some(period) = period {
                table.insert("period".into(), Value::String(period.into()));
            }
            if let Some(number) = spec.number {
                table.insert("number".into(), Value::Integer(i64::from(number)));
            }
            if let Some(calendar) = &spec.calendar {
                let year = 1949 + i64::from(calendar.year) % 151;
                if !years.contains(&year) {
                    years.push(year);
                    table.insert("calendar".into(), calendar_value(year, calendar));
                }
            }
            let source = plain(&spec.source, true);
            let source = if source.trim().is_empty() {
                "工业和信息化部通告".to_owned()
            } else {
                source
            };
            table.insert("source".into(), Value::String(source));
            if let Some(note) = &spec.author_note {
                table.insert("author_note".into(), Value::String(plain(note, true)));
            }
            if let Some(url) = &spec.url {
                table.insert("url".into(), Value::String(plain(url, true)));
            }
            let confidence = ["high", "medium", "low"][usize::from(spec.confidence) % 3];
            table.insert("confidence".into(), Value::String(confidence.into()));
            let (y, m, d) = spec.verified;
            table.insert(
                "verified".into(),
                date_value(1990 + y % 50, 1 + m % 12, 1 + d % 28),
            );
            defs.push(Def {
                section: "fact",
                table,
            });
            facts.push(Fact {
                id,
                low: confidence == "low",
                period: period.is_some(),
                number: spec.number.is_some(),
            });
        }
        facts
    }
}

fn date_value(year: u16, month: u8, day: u8) -> Value {
    Value::Datetime(toml::value::Datetime {
        date: Some(toml::value::Date { year, month, day }),
        time: None,
        offset: None,
    })
}

fn calendar_value(year: i64, spec: &CalendarSpec) -> Value {
    let day = |offset: u16| -> String {
        let start = jiff::civil::date(year as i16, 1, 1);
        let day = start
            .checked_add(jiff::Span::new().days(i64::from(offset % 366)))
            .unwrap_or(start);
        day.to_string()
    };
    let mut table = Table::new();
    table.insert("year".into(), Value::Integer(year));
    let rest = spec.rest.iter().take(4).map(|&(from, len)| {
        let end = from.saturating_add(u16::from(len % 10));
        if len % 3 == 0 {
            day(from)
        } else {
            format!("{}..{}", day(from), day(end.max(from)).max(day(from)))
        }
    });
    table.insert("rest".into(), strings(rest));
    table.insert(
        "work".into(),
        strings(spec.work.iter().take(4).map(|&w| day(w))),
    );
    Value::Table(table)
}

/// The placeholders texts may use: for any reader, facts whose confidence is
/// not `low`, their periods and numbers, and the channels every carrier
/// has; questions may name a `low` fact too (they give no advice).
struct Names {
    advice: Vec<String>,
    question: Vec<String>,
    /// Each carrier's channel kinds.
    kinds: Vec<Vec<&'static str>>,
    facts: Vec<String>,
}

impl Names {
    fn new(carriers: &[(String, Vec<&'static str>)], facts: &[Fact]) -> Names {
        let mut advice = Vec::new();
        let mut question = Vec::new();
        let mut usable = Vec::new();
        for fact in facts {
            let mut names = vec![fact.id.clone()];
            if fact.period {
                names.push(format!("{}.period", fact.id));
            }
            if fact.number {
                names.push(format!("{}.number", fact.id));
            }
            if !fact.low {
                advice.extend(names.iter().cloned());
                usable.push(fact.id.clone());
            }
            question.extend(names);
        }
        let kinds: Vec<Vec<&'static str>> = carriers.iter().map(|(_, k)| k.clone()).collect();
        for kind in common_kinds(&kinds, None) {
            advice.push(kind.to_owned());
            question.push(kind.to_owned());
        }
        Names {
            advice,
            question,
            kinds,
            facts: usable,
        }
    }
}

/// The channel kinds every carrier of `only` (all when `None`) has.
fn common_kinds(kinds: &[Vec<&'static str>], only: Option<&[usize]>) -> Vec<&'static str> {
    let all: Vec<usize> = (0..kinds.len()).collect();
    let carriers = only.unwrap_or(&all);
    KINDS
        .iter()
        .copied()
        .filter(|k| carriers.iter().all(|&c| kinds[c].contains(k)))
        .collect()
}

impl Spec {
    /// Ids, kinds, choices and links of the nodes: node 0 is the carrier
    /// question, the start; every node leads only to later ones; the last is
    /// a conclusion.
    fn layout(&self, carriers: &[(String, Vec<&'static str>)]) -> Vec<Node> {
        let specs: Vec<&NodeSpec> = self.nodes.iter().collect();
        // At least one node after the start: a conclusion when there is no spec.
        let count = specs.len().max(1) + 1;
        let mut nodes = vec![Node {
            id: "carrier".into(),
            question: true,
            multiple: false,
            values: carriers.iter().map(|(id, _)| id.clone()).collect(),
            nexts: vec![None; carriers.len()],
            next: None,
        }];
        let mut named: Vec<&str> = Vec::new();
        for index in 1..count {
            let spec = specs.get(index - 1);
            let last = index + 1 == count;
            let node = match spec.map(|s| &s.kind) {
                Some(NodeKind::Question(q)) if !last => {
                    let multiple = q.multiple;
                    let name = match q.named % 8 {
                        0 if !named.contains(&"symptom") => Some("symptom"),
                        1 if !named.contains(&"package_origin") => Some("package_origin"),
                        2 if multiple && !named.contains(&"tried") => Some("tried"),
                        _ => None,
                    };
                    named.extend(name);
                    let fixed: &[&str] = match name {
                        Some("package_origin") => {
                            &["deal", "never_ordered", "auto_topup", "promo_renewed"]
                        }
                        Some("tried") => &["app", "hotline", "manager", "complaint", "appeal"],
                        _ => &[],
                    };
                    let id = match name {
                        Some(name) => name.to_owned(),
                        None => format!("q{index}{}", suffix(&spec.and_then(|s| s.suffix.clone()))),
                    };
                    let values: Vec<String> = q
                        .choices
                        .iter()
                        .enumerate()
                        .map(|(c, choice)| match fixed.get(c) {
                            Some(value) => (*value).to_owned(),
                            None => format!("v{c}{}", suffix(&choice.suffix)),
                        })
                        .collect();
                    let values = if values.is_empty() {
                        vec!["v0".to_owned()]
                    } else {
                        values
                    };
                    Node {
                        id,
                        question: true,
                        multiple,
                        nexts: vec![None; values.len()],
                        values,
                        next: None,
                    }
                }
                _ => Node {
                    id: format!("c{index}{}", suffix(&spec.and_then(|s| s.suffix.clone()))),
                    question: false,
                    multiple: false,
                    values: Vec::new(),
                    nexts: Vec::new(),
                    next: None,
                },
            };
            // The parent: an earlier node with room for one more link.
            let room: Vec<usize> = (0..index).filter(|&p| has_room(&nodes[p])).collect();
            let parent = *pick(&room, spec.map_or(0, |s| s.parent)).unwrap_or(&(index - 1));
            link(&mut nodes[parent], index);
            nodes.push(node);
        }
        // The other links, each to a later node.
        for i in 0..nodes.len() {
            let later =
                |byte: u8| (i + 1 < count).then(|| i + 1 + usize::from(byte) % (count - i - 1));
            let spec = i.checked_sub(1).and_then(|s| specs.get(s)).map(|s| &s.kind);
            let node = &mut nodes[i];
            match spec {
                Some(NodeKind::Question(q)) if node.question => {
                    if node.multiple {
                        if node.next.is_none() {
                            node.next = q.next.and_then(later);
                        }
                    } else {
                        for (c, choice) in q.choices.iter().take(node.nexts.len()).enumerate() {
                            if node.nexts[c].is_none() {
                                node.nexts[c] = choice.next.and_then(later);
                            }
                        }
                    }
                }
                Some(NodeKind::Conclusion(c)) if !node.question && node.next.is_none() => {
                    node.next = c.next.and_then(later);
                }
                _ => {}
            }
        }
        // No walk may end at a question before it reaches a conclusion: a
        // choice with nowhere to go there goes to the last node, a conclusion.
        let before = before_conclusion(&nodes);
        let last = nodes.len() - 1;
        for (i, node) in nodes.iter_mut().enumerate() {
            if !before[i] || !node.question {
                continue;
            }
            if node.multiple {
                node.next.get_or_insert(last);
            } else {
                for next in &mut node.nexts {
                    next.get_or_insert(last);
                }
            }
        }
        nodes
    }
}

fn has_room(node: &Node) -> bool {
    if node.question && !node.multiple {
        // A single question has a choice for every child: new ones are added.
        node.id != "carrier" || node.nexts.iter().any(Option::is_none)
    } else {
        node.next.is_none()
    }
}

fn link(node: &mut Node, child: usize) {
    if node.question && !node.multiple {
        match node.nexts.iter_mut().find(|n| n.is_none()) {
            Some(next) => *next = Some(child),
            None => {
                node.values.push(format!("v{}", node.values.len()));
                node.nexts.push(Some(child));
            }
        }
    } else {
        node.next = Some(child);
    }
}

/// The nodes a walk can reach from the start through questions only.
fn before_conclusion(nodes: &[Node]) -> Vec<bool> {
    let mut seen = vec![false; nodes.len()];
    let mut todo = vec![0];
    while let Some(i) = todo.pop() {
        if seen[i] || !nodes[i].question {
            continue;
        }
        seen[i] = true;
        todo.extend(nodes[i].nexts.iter().flatten());
        todo.extend(nodes[i].next);
    }
    seen
}

/// The details the code reads by id, each with its bit of `Spec::contract`
/// (after the facts' nine): kind 0 date, 1 text, 2 choice with these values.
const CONTRACT_DETAILS: &[(&str, u8, &[&str])] = &[
    ("complaint", 2, &["not_yet", "no_reply", "unsatisfied"]),
    ("complaint_date", 0, &[]),
    ("complaint_ticket", 1, &[]),
    ("first_charge_date", 0, &[]),
    ("first_attempt_date", 0, &[]),
    ("unsubscribe_date", 0, &[]),
    ("contract_start", 0, &[]),
    (
        "contract_months",
        2,
        &["12", "24", "1", "120", "121", "0", "x"],
    ),
    ("effective", 2, &["next_month", "immediately"]),
    ("appeal_date", 0, &[]),
    ("package_name", 1, &[]),
    ("followup_worked", 2, &["yes", "no"]),
];

/// The rungs the code reads by id, in the built-in order, each with its bit
/// of `Spec::contract` (after the details').
const CONTRACT_RUNGS: &[&str] = &[
    "manager",
    "complaint",
    "supervision",
    "appeal",
    "after_appeal",
];

impl Spec {
    /// The case details, the contract's first; the choice ones as subjects of conditions.
    fn details(&self, nodes: &[Node], defs: &mut Vec<Def>) -> Vec<Subject> {
        let mut subjects: Vec<Subject> = nodes
            .iter()
            .filter(|n| n.question)
            .map(|n| Subject {
                id: n.id.clone(),
                values: n.values.clone(),
            })
            .collect();
        let mut choice_details = Vec::new();
        let mut list: Vec<(String, u8, Vec<String>, Option<&DetailSpec>)> = Vec::new();
        for (bit, &(id, kind, values)) in CONTRACT_DETAILS.iter().enumerate() {
            if self.contract & (1 << (9 + bit)) != 0 {
                let values = values.iter().map(|v| (*v).to_owned()).collect();
                list.push((id.to_owned(), kind, values, None));
            }
        }
        for (i, spec) in self.details.iter().enumerate() {
            let kind = spec.kind % 3;
            let values: Vec<String> = if kind == 2 {
                let mut values: Vec<String> = spec
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(c, (s, _))| format!("w{c}{}", suffix(s)))
                    .collect();
                if values.is_empty() {
                    values.push("w0".into());
                }
                values
            } else {
                Vec::new()
            };
            list.push((format!("d{i}"), kind, values, Some(spec)));
        }
        for (id, kind, values, spec) in list {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id.clone()));
            let kind_name = ["date", "text", "choice"][usize::from(kind)];
            table.insert("kind".into(), Value::String(kind_name.into()));
            let (text, help) = match spec {
                Some(spec) => (
                    plain(&spec.text, true),
                    spec.help.as_deref().map(|h| plain(h, true)),
                ),
                None => (format!("{id}？"), None),
            };
            table.insert("text".into(), pair(text.clone(), text));
            if let Some(help) = help {
                table.insert("help".into(), pair(help.clone(), help));
            }
            if !values.is_empty() {
                let labels = spec.map(|s| &s.choices[..]).unwrap_or(&[]);
                let choices = values.iter().enumerate().map(|(c, value)| {
                    let label = labels
                        .get(c)
                        .map_or_else(|| value.clone(), |(_, l)| plain(l, true));
                    let mut choice = Table::new();
                    choice.insert("value".into(), Value::String(value.clone()));
                    choice.insert("label".into(), pair(label.clone(), label));
                    Value::Table(choice)
                });
                table.insert("choices".into(), Value::Array(choices.collect()));
            }
            if let Some(spec) = spec {
                // Questions, or earlier choice details.
                let only_if = condition(&spec.only_if, &subjects);
                if !only_if.is_empty() {
                    table.insert("only_if".into(), Value::Table(only_if));
                }
            }
            let ask_in = ["diagnose", "draft", "followup"]
                .iter()
                .enumerate()
                .filter(|(b, _)| spec.map_or(0b111, |s| s.ask_in) & (1 << b) != 0)
                .map(|(_, w)| (*w).to_owned());
            table.insert("ask_in".into(), strings(ask_in));
            defs.push(Def {
                section: "detail",
                table,
            });
            if kind == 2 {
                subjects.push(Subject {
                    id: id.clone(),
                    values: values.clone(),
                });
                choice_details.push(Subject { id, values });
            }
        }
        choice_details
    }

    #[allow(clippy::too_many_arguments)]
    fn nodes(
        &self,
        nodes: &[Node],
        carriers: &[(String, Vec<&'static str>)],
        causes: &[String],
        names: &Names,
        subjects: &[Subject],
        defs: &mut Vec<Def>,
    ) {
        for (i, node) in nodes.iter().enumerate() {
            let spec = i.checked_sub(1).and_then(|s| self.nodes.get(s));
            let mut table = Table::new();
            table.insert("id".into(), Value::String(node.id.clone()));
            let text = spec.map(|s| &s.text);
            let named = |n: &Option<usize>| n.map(|n| Value::String(nodes[n].id.clone()));
            if node.question {
                let q = match spec.map(|s| &s.kind) {
                    Some(NodeKind::Question(q)) => Some(q),
                    _ => None,
                };
                let text = text.map_or_else(
                    || pair("运营商？".into(), "Carrier?".into()),
                    |t| text_value(t, &names.question),
                );
                table.insert("text".into(), text);
                if let Some(help) = q.and_then(|q| q.help.as_ref()) {
                    table.insert("help".into(), text_value(help, &names.question));
                }
                if node.multiple {
                    table.insert("multiple".into(), Value::Boolean(true));
                    if q.is_some_and(|q| q.optional) {
                        table.insert("optional".into(), Value::Boolean(true));
                    }
                    if let Some(next) = named(&node.next) {
                        table.insert("next".into(), next);
                    }
                }
                let choices = node.values.iter().enumerate().map(|(c, value)| {
                    let spec = q.and_then(|q| q.choices.get(c));
                    let mut choice = Table::new();
                    choice.insert("value".into(), Value::String(value.clone()));
                    let label = spec.map_or_else(
                        || pair(value.clone(), value.clone()),
                        |s| text_value(&s.label, &[]),
                    );
                    choice.insert("label".into(), label);
                    let mut aliases: Vec<String> = spec
                        .map(|s| &s.aliases[..])
                        .unwrap_or(&[])
                        .iter()
                        .take(3)
                        .enumerate()
                        .map(|(a, s)| format!("a{c}.{a}{}", suffix(s)))
                        .collect();
                    if i == 0 {
                        let carrier = self.carriers.get(c);
                        aliases.extend(
                            carrier
                                .and_then(|k| k.alias.as_ref())
                                .map(|a| format!("alias{c}{}", suffix(&Some(a.clone())))),
                        );
                    }
                    if !aliases.is_empty() {
                        choice.insert("aliases".into(), strings(aliases));
                    }
                    if !node.multiple {
                        if let Some(next) = named(&node.nexts[c]) {
                            choice.insert("next".into(), next);
                        }
                    }
                    Value::Table(choice)
                });
                table.insert("choices".into(), Value::Array(choices.collect()));
                defs.push(Def {
                    section: "question",
                    table,
                });
                continue;
            }
            let c = match spec.map(|s| &s.kind) {
                Some(NodeKind::Conclusion(c)) => Some(c),
                _ => None,
            };
            let cause = c.and_then(|c| c.cause).and_then(|b| pick(causes, b));
            let advice = |t: &TextSpec| text_value(t, &names.advice);
            match cause {
                Some(cause) => {
                    table.insert("cause".into(), Value::String(cause.clone()));
                    if c.is_some_and(|c| c.possible) {
                        table.insert("possible".into(), Value::Boolean(true));
                    }
                }
                None => {
                    let title = c.map_or_else(
                        || pair("结论".into(), "A conclusion".into()),
                        |c| advice(&c.title),
                    );
                    table.insert("title".into(), title);
                }
            }
            let explanation = c.map_or_else(
                || pair("说明".into(), "Why".into()),
                |c| advice(&c.explanation),
            );
            table.insert("explanation".into(), explanation);
            let list = |items: Option<&[TextSpec]>, fallback: &str| -> Value {
                let mut items: Vec<Value> = items.into_iter().flatten().map(advice).collect();
                if items.is_empty() {
                    items.push(pair(fallback.into(), fallback.into()));
                }
                Value::Array(items)
            };
            if cause.is_some() {
                table.insert("confirm".into(), list(c.map(|c| &c.confirm[..]), "confirm"));
                table.insert(
                    "prevention".into(),
                    list(c.map(|c| &c.prevention[..]), "prevent"),
                );
            }
            let script = c.map_or_else(
                || pair("请给我工单号".into(), "The ticket number, please".into()),
                |c| advice(&c.script),
            );
            table.insert("script".into(), script);
            let mut steps: Vec<Value> = c
                .map(|c| &c.steps[..])
                .unwrap_or(&[])
                .iter()
                .map(|s| Value::Table(step(s, carriers, names, subjects, None)))
                .collect();
            if steps.is_empty() {
                let mut only = Table::new();
                only.insert(
                    "text".into(),
                    pair("去营业厅".into(), "Go to a store".into()),
                );
                steps.push(Value::Table(only));
            }
            table.insert("step".into(), Value::Array(steps));
            if let Some(c) = c {
                let evidence: Vec<Value> = c
                    .evidence
                    .iter()
                    .map(|item| {
                        // A conclusion's evidence is checked like its other texts.
                        let mut table = Table::new();
                        let text = text_value(
                            &TextSpec {
                                zh: item.zh.clone(),
                                en: item.en.clone(),
                                holes: Many(Vec::new()),
                            },
                            &[],
                        );
                        if let Value::Table(text) = text {
                            table.extend(text);
                        }
                        conditions(&mut table, &item.only_if, &item.unless, subjects);
                        Value::Table(table)
                    })
                    .collect();
                if !evidence.is_empty() {
                    table.insert("evidence".into(), Value::Array(evidence));
                }
                let listed: Vec<String> = c
                    .facts
                    .iter()
                    .take(4)
                    .filter_map(|&b| pick(&names.facts, b).cloned())
                    .collect();
                if !listed.is_empty() {
                    table.insert("facts".into(), strings(listed));
                }
            }
            if let Some(next) = named(&node.next) {
                table.insert("next".into(), next);
            }
            defs.push(Def {
                section: "conclusion",
                table,
            });
        }
    }

    /// The rungs and the escalation steps on them.
    fn ladder(
        &self,
        carriers: &[(String, Vec<&'static str>)],
        names: &Names,
        subjects: &[Subject],
        defs: &mut Vec<Def>,
    ) {
        let mut rungs: Vec<String> = Vec::new();
        let base = 9 + CONTRACT_DETAILS.len();
        for (bit, id) in CONTRACT_RUNGS.iter().enumerate() {
            if self.contract & (1 << (base + bit)) != 0 {
                rungs.push((*id).to_owned());
            }
        }
        for i in 0..self.extra_rungs % 3 {
            rungs.push(format!("r{i}"));
        }
        for id in &rungs {
            let mut table = Table::new();
            table.insert("id".into(), Value::String(id.clone()));
            table.insert(
                "title".into(),
                pair(format!("第{id}级"), format!("rung {id}")),
            );
            defs.push(Def {
                section: "rung",
                table,
            });
        }
        if !rungs.is_empty() {
            for spec in self.escalation.iter() {
                let rung = pick(&rungs, spec.rung).cloned();
                let table = step(spec, carriers, names, subjects, rung);
                defs.push(Def {
                    section: "escalation",
                    table,
                });
            }
        }
    }

    /// The shared lists: what to ask and note on a call, and evidence.
    fn items(&self, subjects: &[Subject], defs: &mut Vec<Def>) {
        for item in self.items.iter() {
            let section = ["hotline_ask", "hotline_note", "evidence"][usize::from(item.list) % 3];
            let mut table = Table::new();
            table.insert("zh".into(), Value::String(plain(&item.zh, true)));
            table.insert("en".into(), Value::String(plain(&item.en, true)));
            conditions(&mut table, &item.only_if, &item.unless, subjects);
            defs.push(Def { section, table });
        }
    }

    /// Cases that name real questions, values, causes, conclusions and facts;
    /// whether they pass is `rules test`'s business.
    fn cases(&self, nodes: &[Node], causes: &[String], facts: &[Fact], defs: &mut Vec<Def>) {
        let questions: Vec<&Node> = nodes.iter().filter(|n| n.question).collect();
        let conclusions: Vec<&Node> = nodes.iter().filter(|n| !n.question).collect();
        let fact_ids: Vec<String> = facts.iter().map(|f| f.id.clone()).collect();
        for (i, spec) in self.cases.iter().take(4).enumerate() {
            let mut table = Table::new();
            table.insert("name".into(), Value::String(format!("case{i}")));
            let mut answers = Table::new();
            for &(q, v) in spec.answers.iter().take(8) {
                let Some(node) = pick(&questions, q) else {
                    continue;
                };
                let value = if node.multiple && v % 4 == 0 {
                    "none".to_owned()
                } else if node.multiple && v % 4 == 1 {
                    node.values.join("+")
                } else {
                    pick(&node.values, v).cloned().unwrap_or_default()
                };
                answers.insert(node.id.clone(), Value::String(value));
            }
            table.insert("answers".into(), Value::Table(answers));
            let ids = |bytes: &[u8], from: &[String]| -> Value {
                strings(bytes.iter().take(3).filter_map(|&b| pick(from, b).cloned()))
            };
            let conclusion_ids: Vec<String> = conclusions.iter().map(|n| n.id.clone()).collect();
            table.insert("causes".into(), ids(&spec.causes, causes));
            if let Some(list) = &spec.conclusions {
                table.insert("conclusions".into(), ids(list, &conclusion_ids));
            }
            if let Some(list) = &spec.possible_causes {
                table.insert("possible_causes".into(), ids(list, causes));
            }
            table.insert("facts".into(), ids(&spec.facts, &fact_ids));
            defs.push(Def {
                section: "case",
                table,
            });
        }
    }

    /// The definitions spread over one to three files of the first layer,
    /// and a second layer redefining some of them with other texts.
    fn spread(&self, defs: Vec<Def>) -> Vec<File> {
        let count = 1 + usize::from(self.files % 3);
        let mut files: Vec<Table> = vec![Table::new(); count];
        files[0].insert("start".into(), Value::String("carrier".into()));
        let mut overlay = Table::new();
        for &b in self.overlay.iter().take(4) {
            let Some(def) = pick(&defs, b) else {
                continue;
            };
            let field = match def.section {
                "fact" => "label",
                "carrier" => "name",
                "cause" => "title",
                "question" => "text",
                "conclusion" => "explanation",
                _ => continue,
            };
            let id = def.table.get("id");
            let list = overlay
                .entry(def.section)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                if list.iter().any(|d| d.get("id") == id) {
                    continue;
                }
                let mut table = def.table.clone();
                table.insert(field.into(), pair("改写".into(), "redefined".into()));
                list.push(Value::Table(table));
            }
        }
        for (i, def) in defs.into_iter().enumerate() {
            // Details stay in one file, in order: an `only_if` names earlier ones.
            let file = match def.section {
                "detail" => &mut files[0],
                _ => &mut files[i % count],
            };
            let list = file
                .entry(def.section)
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = list {
                list.push(Value::Table(def.table));
            }
        }
        let mut out: Vec<File> = files
            .iter()
            .enumerate()
            .map(|(i, table)| File {
                name: format!("part{i}.toml"),
                layer: 1,
                text: toml::to_string(table).expect("a table serializes"),
            })
            .collect();
        if !overlay.is_empty() {
            out.push(File {
                name: "overlay.toml".into(),
                layer: 2,
                text: toml::to_string(&overlay).expect("a table serializes"),
            });
        }
        out
    }
}

/// A step (of a conclusion, or on `rung` of the ladder): its carriers, a
/// channel they all have, placeholders they all can fill, facts, conditions.
fn step(
    spec: &StepSpec,
    carriers: &[(String, Vec<&'static str>)],
    names: &Names,
    subjects: &[Subject],
    rung: Option<String>,
) -> Table {
    let mut table = Table::new();
    let only: Option<Vec<usize>> = spec.carriers.map(|bits| {
        (0..carriers.len())
            .filter(|c| bits & (1 << c) != 0)
            .collect()
    });
    // Fact names, and channels every carrier the step is shown to has
    // (none for a step shown to no carrier).
    let mut allowed: Vec<String> = names
        .advice
        .iter()
        .filter(|n| !KINDS.contains(&n.as_str()))
        .cloned()
        .collect();
    let kinds = match &only {
        Some(list) if list.is_empty() => Vec::new(),
        other => common_kinds(&names.kinds, other.as_deref()),
    };
    allowed.extend(kinds.iter().map(|k| (*k).to_owned()));
    table.insert("text".into(), text_value(&spec.text, &allowed));
    if let Some(channel) = spec.channel.and_then(|b| pick(&kinds, b)) {
        table.insert("channel".into(), Value::String((*channel).to_owned()));
    }
    if let Some(list) = &only {
        table.insert(
            "carriers".into(),
            strings(list.iter().map(|&c| carriers[c].0.clone())),
        );
    }
    if let Some(rung) = rung {
        table.insert("rung".into(), Value::String(rung));
    }
    let facts: Vec<String> = spec
        .facts
        .iter()
        .take(3)
        .filter_map(|&b| pick(&names.facts, b).cloned())
        .collect();
    if !facts.is_empty() {
        table.insert("facts".into(), strings(facts));
    }
    conditions(&mut table, &spec.only_if, &spec.unless, subjects);
    table
}

fn conditions(table: &mut Table, only_if: &[CondSpec], unless: &[CondSpec], subjects: &[Subject]) {
    for (key, specs) in [("only_if", only_if), ("unless", unless)] {
        let condition = condition(specs, subjects);
        if !condition.is_empty() {
            table.insert(key.into(), Value::Table(condition));
        }
    }
}

/// `{ id = [values] }`, each id once, every value one of its subject's.
fn condition(specs: &[CondSpec], subjects: &[Subject]) -> Table {
    let mut table = Table::new();
    for spec in specs.iter().take(3) {
        let Some(subject) = pick(subjects, spec.subject) else {
            continue;
        };
        let values = spec
            .values
            .iter()
            .take(3)
            .filter_map(|&b| pick(&subject.values, b).cloned());
        table.insert(subject.id.clone(), strings(values));
    }
    table
}
