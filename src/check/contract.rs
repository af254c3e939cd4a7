//! The rule-id contract (`crate::contract`): every id the code reads by name
//! must, in the merged layers, be what the code reads it as. One of the
//! wrong kind is an error at its definition: the code would misread it. One
//! that is missing is a warning, and only in a pack that uses the feature
//! (defines one of the details it reads): a small `--no-builtin` pack that
//! has no letters or timeline is not told about them.

use super::context::Checker;
use super::layers::Defs;
use super::problem::{Place, ProblemKind, Severity};
use crate::contract::{CARRIER, Expected, Feature, READ_BY_CODE, Shape};
use crate::rules::DetailKind;

/// What the rules hold under an expected id.
enum Found {
    /// What the code reads it as.
    Right,
    /// Something else, defined at the place: what it is, in zh and en.
    Wrong(Place, (String, String)),
    Missing,
}

impl Checker<'_> {
    pub(super) fn check_contract(&mut self, defs: &Defs) {
        let in_use: Vec<Feature> = [
            Feature::Timeline,
            Feature::Letters,
            Feature::Followup,
            Feature::Ladder,
        ]
        .into_iter()
        .filter(|&f| uses(defs, f))
        .collect();
        for expected in READ_BY_CODE {
            // The carrier question is every walk's: its own pass makes a
            // missing or mismatched one an error.
            if expected.id == CARRIER {
                continue;
            }
            match self.find(defs, expected) {
                Found::Right => {}
                Found::Wrong(place, (found_zh, found_en)) => {
                    let id = expected.id;
                    let (want_zh, want_en) = describe(expected.shape);
                    let (by_zh, by_en) = features(expected.read_by);
                    let message = self.options.lang.tr(
                        format!("代码把 `{id}` 当作{want_zh}读取（{by_zh}），但它是{found_zh}"),
                        format!(
                            "the code reads `{id}` as {want_en} ({by_en}), but it is {found_en}"
                        ),
                    );
                    self.report(ProblemKind::ContractKind, place, id, message);
                }
                Found::Missing => {
                    let left_out: Vec<Feature> = expected
                        .read_by
                        .iter()
                        .copied()
                        .filter(|f| in_use.contains(f))
                        .collect();
                    if left_out.is_empty() {
                        continue;
                    }
                    let id = expected.id;
                    let (want_zh, want_en) = describe(expected.shape);
                    let zh: Vec<&str> = left_out.iter().map(|f| f.without().0).collect();
                    let en: Vec<&str> = left_out.iter().map(|f| f.without().1).collect();
                    let (zh, en) = (zh.join("；"), en.join("; "));
                    let message = if expected.shape == Shape::EscalationChannel {
                        self.options.lang.tr(
                            format!("没有升级步骤使用渠道 `{id}`：{zh}"),
                            format!("no escalation step uses channel `{id}`: {en}"),
                        )
                    } else {
                        self.options.lang.tr(
                            format!("规则中没有 `{id}`（代码把它当作{want_zh}读取）：{zh}"),
                            format!("`{id}` is not defined (the code reads it as {want_en}): {en}"),
                        )
                    };
                    let problem = Checker::set_problem(
                        Severity::Warning,
                        ProblemKind::ContractMissing,
                        vec![id.to_owned()],
                        message,
                    );
                    self.problems.push(problem);
                }
            }
        }
    }

    /// What the merged definitions hold under `expected.id`. Each kind of
    /// definition has its own ids, so the id is looked for in every one.
    fn find(&self, defs: &Defs, expected: &Expected) -> Found {
        let id = expected.id;
        if let Shape::Rung = expected.shape {
            let defined = defs.rungs.iter().any(|(_, r)| r.id.get_ref() == id);
            return if defined {
                Found::Right
            } else {
                Found::Missing
            };
        }
        if let Shape::EscalationChannel = expected.shape {
            let used = defs
                .escalation
                .iter()
                .any(|(_, s)| s.channel.as_deref() == Some(id));
            return if used { Found::Right } else { Found::Missing };
        }
        let detail = defs.details.iter().find(|(_, d)| d.id.get_ref() == id);
        let fact = defs.facts.iter().find(|(_, d)| d.id.get_ref() == id);
        let question = defs.questions.iter().find(|(_, d)| d.id.get_ref() == id);
        let conclusion = defs.conclusions.iter().find(|(_, d)| d.id.get_ref() == id);
        let wrong = |place, zh: &str, en: &str| Found::Wrong(place, (zh.to_owned(), en.to_owned()));
        match (expected.shape, detail, fact, question) {
            (Shape::Detail(kind), Some((file, d)), _, _) => {
                if d.kind == kind {
                    return Found::Right;
                }
                let (zh, en) = detail_kind(d.kind);
                Found::Wrong(self.place(*file, &d.id), (zh, en))
            }
            (Shape::Choice(values), Some((file, d)), _, _) => {
                let place = self.place(*file, &d.id);
                if d.kind != DetailKind::Choice {
                    return Found::Wrong(place, detail_kind(d.kind));
                }
                let lacking: Vec<&str> = values
                    .iter()
                    .copied()
                    .filter(|v| !d.choices.iter().any(|c| c.value.get_ref() == v))
                    .collect();
                if lacking.is_empty() {
                    return Found::Right;
                }
                let list = quoted(&lacking);
                let s = if lacking.len() == 1 { "" } else { "s" };
                Found::Wrong(
                    place,
                    (
                        format!("没有取值 {list} 的 `choice` 类细节"),
                        format!("a `choice` detail without the value{s} {list}"),
                    ),
                )
            }
            (Shape::FactWithPeriod | Shape::Fact, _, Some((file, f)), _) => {
                if expected.shape == Shape::Fact || f.period.is_some() {
                    return Found::Right;
                }
                let place = self.place(*file, &f.id);
                wrong(place, "没有 `period` 的事实", "a fact without a `period`")
            }
            (Shape::Question, _, _, Some(_)) => Found::Right,
            _ => {
                if let Some((file, d)) = detail {
                    let (zh, en) = detail_kind(d.kind);
                    Found::Wrong(self.place(*file, &d.id), (zh, en))
                } else if let Some((file, f)) = fact {
                    wrong(self.place(*file, &f.id), "事实", "a fact")
                } else if let Some((file, q)) = question {
                    wrong(self.place(*file, &q.id), "问题", "a question")
                } else if let Some((file, c)) = conclusion {
                    wrong(self.place(*file, &c.id), "结论", "a conclusion")
                } else {
                    Found::Missing
                }
            }
        }
    }
}

/// Whether a pack uses `feature`: it defines one of the details the feature
/// reads, or for the ladder, any rung.
fn uses(defs: &Defs, feature: Feature) -> bool {
    if feature == Feature::Ladder {
        return !defs.rungs.is_empty();
    }
    READ_BY_CODE
        .iter()
        .filter(|e| e.read_by.contains(&feature))
        .filter(|e| matches!(e.shape, Shape::Detail(_) | Shape::Choice(_)))
        .any(|e| defs.details.iter().any(|(_, d)| d.id.get_ref() == e.id))
}

/// What a shape is, in zh and en.
fn describe(shape: Shape) -> (String, String) {
    match shape {
        Shape::Question => ("问题".to_owned(), "a question".to_owned()),
        Shape::Detail(kind) => detail_kind(kind),
        Shape::Choice(values) => {
            let list = quoted(values);
            (
                format!("含取值 {list} 的 `choice` 类细节"),
                format!("a `choice` detail with the values {list}"),
            )
        }
        Shape::FactWithPeriod => (
            "带 `period` 的事实".to_owned(),
            "a fact with a `period`".to_owned(),
        ),
        Shape::Fact => ("事实".to_owned(), "a fact".to_owned()),
        Shape::EscalationChannel => (
            "升级步骤使用的渠道类型".to_owned(),
            "the channel kind of an escalation step".to_owned(),
        ),
        Shape::Rung => (
            "逐级升级的一级（`[[rung]]`）".to_owned(),
            "a rung of the ladder (`[[rung]]`)".to_owned(),
        ),
    }
}

fn detail_kind(kind: DetailKind) -> (String, String) {
    let name = match kind {
        DetailKind::Date => "date",
        DetailKind::Text => "text",
        DetailKind::Choice => "choice",
    };
    (format!("`{name}` 类细节"), format!("a `{name}` detail"))
}

/// The features' names, joined, in zh and en.
fn features(read_by: &[Feature]) -> (String, String) {
    let zh: Vec<&str> = read_by.iter().map(|f| f.name().0).collect();
    let en: Vec<&str> = read_by.iter().map(|f| f.name().1).collect();
    (zh.join("、"), en.join(", "))
}

fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
