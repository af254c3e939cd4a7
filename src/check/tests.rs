//! Whole-set checks: the built-in rules plus one extra file, and what
//! each kind of mistake in it makes the checker say.

use super::*;
use crate::rules;

/// The messages for the built-in rules plus one extra file.
fn problems_with(extra: &str) -> Vec<String> {
    let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
    // In the built-in layer: a clash is a duplicate, not an override.
    sources.push(Source {
        defect: None,
        name: "extra.toml".into(),
        origin: "extra.toml".into(),
        layer: 0,
        text: extra.into(),
    });
    match build(&sources) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

fn assert_problem(extra: &str, expected: &str) {
    let problems = problems_with(extra);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "no {expected:?} in {problems:#?}"
    );
}

#[test]
fn the_built_in_rules_are_sound() {
    let sources = rules::load_sources(&[] as &[&str]).unwrap();
    let tree = build(&sources).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let causes: Vec<&str> = tree.causes.iter().map(|c| c.id.as_str()).collect();
    let mut sorted = causes.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "account_status",
            "auto_topup",
            "bundling",
            "contract_lock",
            "pending",
            "price_mismatch",
            "promo_package",
            "refused_no_basis",
            "secondary_card",
            "unconsented_order",
            "wrong_code"
        ]
    );
    let carriers: Vec<&str> = tree.carriers.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(carriers.len(), 3);
    for id in ["mobile", "unicom", "telecom"] {
        assert!(carriers.contains(&id), "{id}");
    }
}

#[test]
fn a_question_without_choices_and_a_conclusion_without_steps() {
    let extra = r#"
[[question]]
id = "empty"
text = { zh = "空", en = "empty" }

[[conclusion]]
id = "stepless"
cause = "pending"
explanation = { zh = "无", en = "none" }
"#;
    assert_problem(extra, "extra.toml:3:6: question `empty` has no choices");
    assert_problem(extra, "extra.toml:7:6: conclusion `stepless` has no steps");
    assert_problem(extra, "`empty` is not reachable from the start");
    assert_problem(extra, "`stepless` is not reachable from the start");
}

#[test]
fn a_choice_that_ends_the_walk_before_any_conclusion_is_a_dead_end() {
    let triage = rules::BUILTIN
        .iter()
        .find(|(n, _)| *n == "triage.toml")
        .unwrap()
        .1;
    let broken = triage.replacen(", next = \"code_source\" }", " }", 1);
    assert_ne!(broken, triage);
    let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
    sources
        .iter_mut()
        .find(|s| s.name == "triage.toml")
        .unwrap()
        .text = broken;
    let problems: Vec<String> = build(&sources)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("dead end: choice `code_failed` of `symptom`")),
        "{problems:#?}"
    );
}

#[test]
fn a_step_may_not_rely_on_a_low_fact_or_an_unknown_name() {
    let extra = r#"
[[fact]]
id = "folk.qxlltc"
value = "QXLLTC"
label = { zh = "流传的指令", en = "a circulating code" }
source = "an SEO page"
confidence = "low"
verified = 2026-01-01

[[escalation]]
text = { zh = "发送{folk.qxlltc}", en = "send {folk.qxlltc}" }

[[escalation]]
text = { zh = "拨打{hotlin}", en = "call {hotlin}" }
"#;
    assert_problem(
        extra,
        "`escalation` relies on fact `folk.qxlltc`, whose confidence is low",
    );
    assert_problem(
        extra,
        "`{hotlin}` in `escalation` is neither a fact nor a channel",
    );
}

#[test]
fn verified_must_be_a_date_and_facts_must_resolve() {
    let extra = r#"
[[fact]]
id = "x.when"
carrier = "vodafone"
value = "1"
label = { zh = "甲", en = "A" }
source = "s"
confidence = "high"
verified = 2026-01-01T10:00:00
"#;
    assert_problem(extra, "`verified` of fact `x.when` must be a date");
    assert_problem(extra, "unknown carrier `vodafone` in fact `x.when`");
    let bad_date = extra.replace("2026-01-01T10:00:00", "2026-13-01");
    let problems = problems_with(&bad_date);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("extra.toml:9:"), "{problems:#?}");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let extra = r#"
[[cause]]
id = "pending"
title = { zh = "重复", en = "duplicate" }

[[conclusion]]
id = "orphan"
cause = "no_such_cause"
explanation = { zh = "无", en = "none" }
next = "nowhere"
confirm = [{ zh = "查", en = "check" }]
script = { zh = "说", en = "say" }
prevention = [{ zh = "防", en = "prevent" }]
[[conclusion.step]]
text = { zh = "做", en = "do" }
"#;
    let problems = problems_with(extra);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].contains("duplicate cause id `pending`"),
        "{problems:#?}"
    );
    assert!(problems[1].contains("unknown cause `no_such_cause` in conclusion `orphan`"));
    assert!(problems[2].contains("unknown node `nowhere` in `next` of `orphan`"));
}

/// The built-in rules with one more layer, as `--rules DIR` loads it.
fn layered(extra: &str) -> Vec<Problem> {
    let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
    sources.push(Source {
        defect: None,
        name: "layer.toml".into(),
        origin: "pack/layer.toml".into(),
        layer: 1,
        text: extra.into(),
    });
    check(&sources, Options::default()).problems
}

#[test]
fn an_id_the_code_reads_redefined_as_another_kind_is_an_error_at_its_place() {
    let problems = layered(
        r#"
[[detail]]
id = "complaint_date"
kind = "text"
text = { zh = "投诉日期", en = "Complaint date" }
ask_in = ["draft"]
"#,
    );
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.code, ProblemKind::ContractKind);
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(
        (p.file.as_str(), p.line, p.column),
        ("pack/layer.toml", Some(3), Some(6))
    );
    assert_eq!(p.ids, ["complaint_date"]);
    assert!(p.message.contains("`complaint_date`"), "{}", p.message);
}

#[test]
fn a_read_fact_without_its_period_or_a_choice_without_a_read_value_is_an_error() {
    let problems = layered(
        r#"
[[fact]]
id = "miit.reply_limit"
value = "x"
label = { zh = "甲", en = "A" }
source = "s"
confidence = "high"
verified = 2026-01-01

[[detail]]
id = "followup_worked"
kind = "choice"
text = { zh = "有效吗", en = "Did it work?" }
ask_in = ["followup"]
choices = [{ value = "yes", label = { zh = "是", en = "Yes" } }]
"#,
    );
    let codes: Vec<(&str, &[String])> = problems
        .iter()
        .map(|p| (p.code.code(), p.ids.as_slice()))
        .collect();
    assert_eq!(
        codes,
        [
            ("contract-kind", &["followup_worked".to_owned()][..]),
            ("contract-kind", &["miit.reply_limit".to_owned()][..]),
            // The escalation text states the period through the fact.
            ("unknown-reference", &["escalation".to_owned()][..]),
        ],
        "{problems:#?}"
    );
    assert!(
        problems[0].message.contains("`no`"),
        "{}",
        problems[0].message
    );
}

/// A pack alone, as with `--no-builtin`.
fn alone(text: &str) -> Vec<Problem> {
    let source = Source {
        defect: None,
        name: "pack.toml".into(),
        origin: "pack/pack.toml".into(),
        layer: 1,
        text: text.into(),
    };
    check(&[source], Options::default()).problems
}

const SMALL_PACK: &str = r#"
start = "carrier"
[[carrier]]
id = "mobile"
name = { zh = "移动", en = "Mobile" }
[[cause]]
id = "x"
title = { zh = "甲", en = "X" }
[[question]]
id = "carrier"
text = { zh = "运营商", en = "Carrier" }
choices = [{ value = "mobile", label = { zh = "移动", en = "Mobile" }, next = "c" }]
[[conclusion]]
id = "c"
cause = "x"
explanation = { zh = "解释", en = "why" }
confirm = [{ zh = "查", en = "check" }]
script = { zh = "说", en = "say" }
prevention = [{ zh = "防", en = "prevent" }]
step = [{ text = { zh = "做", en = "do" } }]
"#;

#[test]
fn a_missing_id_is_a_warning_only_in_a_pack_that_uses_its_feature() {
    // No detail the timeline, letters or followup read: not told about them.
    assert_eq!(alone(SMALL_PACK), []);
    // One detail of the letters: what else they read is missing.
    let with_detail = format!(
        "{SMALL_PACK}\n[[detail]]\nid = \"package_name\"\nkind = \"text\"\ntext = {{ zh = \"名\", en = \"name\" }}\nask_in = [\"draft\"]\n"
    );
    let problems = alone(&with_detail);
    assert!(!problems.is_empty());
    for p in &problems {
        assert_eq!(p.code, ProblemKind::ContractMissing, "{p}");
        assert_eq!(p.severity, Severity::Warning, "{p}");
        assert_eq!(p.file, "rules");
    }
    let symptom = problems.iter().find(|p| p.ids == ["symptom"]).unwrap();
    assert!(
        symptom.message.contains("the letters leave it blank"),
        "{}",
        symptom.message
    );
    // Followup is not used by this pack: its id is not asked for.
    assert!(!problems.iter().any(|p| p.ids == ["followup_worked"]));
}

/// Over the built-in rules: a multiple question reached from no node,
/// with the mistakes a multiple question can hold.
#[test]
fn multiple_questions_take_one_question_level_next() {
    let extra = r#"
[[question]]
id = "tried"
multiple = true
next = "symptom"
text = { zh = "试过哪些？", en = "Tried?" }
choices = [
  { value = "app", label = { zh = "APP", en = "App" }, next = "symptom" },
  { value = "none", label = { zh = "都没有", en = "None" } },
  { value = "sms", label = { zh = "短信", en = "SMS" }, aliases = ["a+b"] },
]

[[question]]
id = "single"
next = "symptom"
text = { zh = "单选", en = "Single" }
choices = [{ value = "x", label = { zh = "甲", en = "X" }, next = "symptom" }]
"#;
    assert_problem(
        extra,
        "extra.toml:8:63: choice `app` of `multiple` question `tried` has its own `next`",
    );
    assert_problem(
        extra,
        "extra.toml:9:13: `none` cannot be a value of `multiple` question `tried`",
    );
    assert_problem(
        extra,
        "extra.toml:10:13: `a+b` cannot be a value of `multiple` question `tried`",
    );
    assert_problem(
        extra,
        "extra.toml:15:8: question `single` has a question-level `next`",
    );
    let codes: Vec<String> = {
        let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
        sources.push(Source {
            defect: None,
            name: "extra.toml".into(),
            origin: "extra.toml".into(),
            layer: 0,
            text: extra.into(),
        });
        check(&sources, Options::default())
            .problems
            .iter()
            .map(|p| p.code.code().to_owned())
            .collect()
    };
    for code in [
        "next-on-multiple-choice",
        "next-on-single-question",
        "reserved-value",
    ] {
        assert!(codes.iter().any(|c| c == code), "{code} not in {codes:?}");
    }
}

#[test]
fn a_multiple_question_without_next_before_any_conclusion_is_a_dead_end() {
    let extra = r#"
[[question]]
id = "done_before"
multiple = true
text = { zh = "试过哪些？", en = "Tried?" }
choices = [{ value = "app", label = { zh = "APP", en = "App" } }]

[[question]]
id = "first"
text = { zh = "先问", en = "First" }
choices = [{ value = "x", label = { zh = "甲", en = "X" }, next = "done_before" }]
"#;
    // `first` is unreachable, so `done_before` is too: no dead end is
    // claimed for a node no walk meets, only that it is unreachable.
    assert_problem(extra, "`done_before` is not reachable from the start");
}

#[test]
fn a_condition_naming_an_unknown_id_or_value_is_an_error_at_that_name() {
    let extra = r#"
[[escalation]]
rung = "complaint"
text = { zh = "甲", en = "A" }
only_if = { symptom = ["no_option", "brokn"], complaint = ["no_reply"] }
unless = { complaint_date = ["x"], nosuch = ["y"] }

[[hotline_note]]
zh = "乙"
en = "B"
unless = { carrier = ["mobil"] }
"#;
    assert_problem(
        extra,
        "extra.toml:5:37: `brokn` is not a value of `symptom` (in `only_if` of a step of `escalation`)",
    );
    // A date detail holds no choice a condition could name.
    assert_problem(
        extra,
        "extra.toml:6:12: `unless` of a step of `escalation` names `complaint_date`, which is neither a question nor a `choice` detail",
    );
    assert_problem(
        extra,
        "extra.toml:6:36: `unless` of a step of `escalation` names `nosuch`",
    );
    assert_problem(
        extra,
        "extra.toml:11:23: `mobil` is not a value of `carrier` (in `unless` of an item of `hotline_note`)",
    );
    let problems = problems_with(extra);
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn conditions_resolve_to_questions_and_choice_details() {
    let extra = r#"
[[escalation]]
rung = "complaint"
text = { zh = "甲", en = "A" }
only_if = { symptom = ["refused", "no_option"], complaint = ["no_reply"] }
"#;
    let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
    sources.push(Source {
        defect: None,
        name: "extra.toml".into(),
        origin: "extra.toml".into(),
        layer: 0,
        text: extra.into(),
    });
    let tree = build(&sources).unwrap();
    let step = tree.escalation.last().unwrap();
    let symptom = tree.question("symptom").unwrap();
    let complaint = tree.detail("complaint").unwrap();
    let values = |s: crate::tree::Subject, allowed: &[usize]| -> Vec<String> {
        let choices = match s {
            crate::tree::Subject::Question(q) => &tree.questions[q].choices,
            crate::tree::Subject::Detail(d) => &tree.details[d].choices,
        };
        allowed.iter().map(|&c| choices[c].value.clone()).collect()
    };
    let only_if: Vec<_> = step
        .when
        .only_if
        .iter()
        .map(|(s, allowed)| (*s, values(*s, allowed)))
        .collect();
    // In the order of the ids (a table's keys are sorted), values as written.
    assert_eq!(
        only_if,
        [
            (
                crate::tree::Subject::Detail(complaint),
                vec!["no_reply".to_owned()]
            ),
            (
                crate::tree::Subject::Question(symptom),
                vec!["refused".to_owned(), "no_option".to_owned()]
            ),
        ]
    );
    assert!(step.when.unless.is_empty());
}

/// A conclusion's `letter` is checked like every text a user reads: keys,
/// both languages, placeholders (facts, channels and the letter's own
/// blanks), conditions, the facts it cites, copied numbers, and a refund
/// that says from which day it counts.
#[test]
fn a_letter_is_checked_like_the_texts_a_user_reads() {
    let conclusion = |letter: &str| {
        format!(
            r#"
[[fact]]
id = "folk.rumour"
value = "QX"
label = {{ zh = "流传", en = "a rumour" }}
source = "an SEO page"
confidence = "low"
verified = 2026-01-01

[[conclusion]]
id = "lettered"
cause = "pending"
explanation = {{ zh = "无{{package}}", en = "none" }}
confirm = [{{ zh = "查", en = "check" }}]
script = {{ zh = "说", en = "say" }}
prevention = [{{ zh = "防", en = "prevent" }}]
{letter}
[[conclusion.step]]
text = {{ zh = "做", en = "do" }}
"#
        )
    };
    let extra = conclusion(
        r#"[conclusion.letter]
subject = { zh = "事由", en = "the matter" }
situation = [
  { zh = "我于{unsubscribe_date}退订了{package}。", en = "On {unsubscribe_date} I cancelled {package}." },
  { zh = "拨打了{hotline}，等了3天。", en = "I called {hotline}.", only_if = { symptom = ["brokn"] } },
]
asks = [{ zh = "退还自{refund_from}起的{pakage}", en = "refund since {refund_from}" }]
facts = ["law.nope", "folk.rumour", "law.on_the_spot_2025"]
"#,
    );
    let problems = problems_with(&extra);
    for expected in [
        // A letter's blank is for letters only.
        "`{package}` in `lettered` is neither a fact nor a channel",
        "`{pakage}` in the `letter` of `lettered` is neither a fact, a channel nor one of the letter's blanks",
        "`brokn` is not a value of `symptom` (in `only_if` of the `letter` of `lettered`)",
        "unknown fact `law.nope` in the `letter` of `lettered`",
        "`lettered` relies on fact `folk.rumour`, whose confidence is low",
        "writes `{refund_from}` but has no `refund_from`",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "no {expected:?} in {problems:#?}"
        );
    }
    // The blanks, facts and channels a letter names are not problems.
    assert!(
        !problems
            .iter()
            .any(|p| p.contains("{unsubscribe_date}") || p.contains("{hotline}")),
        "{problems:#?}"
    );
    let mut sources = rules::load_sources(&[] as &[&str]).unwrap();
    sources.push(Source {
        defect: None,
        name: "extra.toml".into(),
        origin: "extra.toml".into(),
        layer: 0,
        text: extra,
    });
    let copied = check(&sources, Options::default()).problems;
    assert!(
        copied
            .iter()
            .any(|p| p.code == ProblemKind::CopiedNumber && p.message.contains("number 3")),
        "{copied:#?}"
    );

    // Unknown keys and a text in one language are syntax errors with their place.
    let typo = conclusion(
        r#"[conclusion.letter]
subject = { zh = "事由" }
situation = []
asks = []
refund = "first_charge"
"#,
    );
    let problems = problems_with(&typo);
    assert!(
        problems.iter().any(|p| p.contains("missing field `en`")),
        "{problems:#?}"
    );
    let typo = conclusion(
        r#"[conclusion.letter]
subject = { zh = "事由", en = "the matter" }
situation = []
asks = []
refund = "first_charge"
"#,
    );
    let problems = problems_with(&typo);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("extra.toml:21:1") && p.contains("unknown field `refund`")),
        "{problems:#?}"
    );
}
