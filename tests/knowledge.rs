//! The built-in knowledge base as a user relies on it: every cause has its
//! confirmation, script, steps, evidence, prevention and letter in both languages;
//! numbers come from facts, never copied into texts; English is English.

use unsub_doctor::answers::Answers;
use unsub_doctor::check;
use unsub_doctor::engine;
use unsub_doctor::lang::Lang;
use unsub_doctor::paths;
use unsub_doctor::report;
use unsub_doctor::rules::{self, Confidence, Text};
use unsub_doctor::tree::{Tree, placeholders};

fn tree() -> Tree {
    check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
}

/// Every user-facing text of the tree's questions, conclusions and
/// escalation, with where it stands.
fn texts(tree: &Tree) -> Vec<(String, &Text)> {
    let mut all = Vec::new();
    for q in &tree.questions {
        all.push((format!("question `{}`", q.id), &q.text));
        all.extend(q.help.iter().map(|h| (format!("help of `{}`", q.id), h)));
        all.extend(
            q.choices
                .iter()
                .map(|c| (format!("choice `{}` of `{}`", c.value, q.id), &c.label)),
        );
    }
    for c in &tree.conclusions {
        all.extend(c.texts().map(|t| (format!("conclusion `{}`", c.id), t)));
        all.extend(
            c.steps
                .iter()
                .map(|s| (format!("a step of `{}`", c.id), &s.text)),
        );
    }
    all.extend(
        tree.escalation
            .iter()
            .map(|s| ("escalation".to_owned(), &s.text)),
    );
    all.extend(
        tree.evidence
            .iter()
            .map(|e| ("evidence".to_owned(), &e.text)),
    );
    all
}

#[test]
fn every_cause_has_confirmation_script_steps_evidence_prevention_and_letter() {
    let tree = tree();
    for cause in &tree.causes {
        let conclusions: Vec<_> = tree
            .conclusions
            .iter()
            .filter(|c| c.cause.is_some_and(|i| tree.causes[i].id == cause.id))
            .collect();
        assert!(
            !conclusions.is_empty(),
            "no conclusion finds `{}`",
            cause.id
        );
        for c in conclusions {
            assert!(!c.confirm.is_empty(), "`{}` has no confirmation", c.id);
            let script = c
                .script
                .as_ref()
                .unwrap_or_else(|| panic!("`{}` has no script", c.id));
            assert!(
                script.zh.contains("工单号"),
                "`{}`: the script must ask for the 工单号",
                c.id
            );
            assert!(script.en.contains("ticket number"), "`{}`", c.id);
            assert!(!c.evidence.is_empty(), "`{}` has no evidence", c.id);
            assert!(!c.prevention.is_empty(), "`{}` has no prevention", c.id);
            // A possible cause's steps are what to do once it is confirmed;
            // its check (confirm, script) is what to do first.
            if c.possible {
                continue;
            }
            // A cause found is a class of situation, and its letter says
            // what happened and asks for what that class calls for.
            let letter = c
                .letter
                .as_ref()
                .unwrap_or_else(|| panic!("`{}` has no letter", c.id));
            assert!(
                !letter.situation.is_empty(),
                "`{}`: letter states nothing",
                c.id
            );
            assert!(!letter.asks.is_empty(), "`{}`: letter asks nothing", c.id);
            for carrier in 0..tree.carriers.len() {
                let steps: Vec<_> = c
                    .steps
                    .iter()
                    .filter(|s| Tree::applies(s, Some(carrier)))
                    .collect();
                assert!(
                    steps.iter().any(|s| s.channel.as_deref() == Some("hotline")
                        || s.channel.as_deref() == Some("store")),
                    "`{}` gives carrier `{}` no concrete channel",
                    c.id,
                    tree.carriers[carrier].id
                );
            }
        }
    }
    assert!(!tree.escalation.is_empty());
}

/// Numbers a user dials or sends live in facts; a text names them through
/// placeholders. The one exception is the wrong-code explanation, which names
/// folklore codes as codes not to trust.
#[test]
fn no_text_copies_a_number_or_code_from_a_fact() {
    let tree = tree();
    let values: Vec<&str> = tree
        .facts
        .iter()
        .filter(|f| f.value.chars().all(|c| c.is_ascii_digit()))
        .map(|f| f.value.as_str())
        .collect();
    assert!(values.contains(&"10086") && values.contains(&"0000") && values.contains(&"12381"));
    let wrong_code = tree
        .conclusions
        .iter()
        .find(|c| c.id == "wrong_code")
        .unwrap();
    for (place, text) in texts(&tree) {
        if std::ptr::eq(text, &wrong_code.explanation) {
            continue;
        }
        for body in [&text.zh, &text.en] {
            // Placeholder names such as {miit.phone_12300} are references, not copies.
            let mut body = body.clone();
            for name in placeholders(&body.clone()) {
                body = body.replace(&format!("{{{name}}}"), "");
            }
            for value in &values {
                assert!(!body.contains(value), "{place} copies `{value}`: {body}");
            }
        }
    }
}

#[test]
fn folklore_codes_appear_only_in_the_wrong_code_explanation() {
    let tree = tree();
    let wrong_code = tree
        .conclusions
        .iter()
        .find(|c| c.id == "wrong_code")
        .unwrap();
    assert!(wrong_code.explanation.zh.contains("QXLLTC"));
    for (place, text) in texts(&tree) {
        if std::ptr::eq(text, &wrong_code.explanation) {
            continue;
        }
        for body in [&text.zh, &text.en] {
            for code in ["QXLLTC", "QXGPRS", "QXLL", "TDTFY", "QXTC", "CXTD", "XYTX"] {
                assert!(!body.contains(code), "{place} names `{code}`: {body}");
            }
        }
    }
    for fact in &tree.facts {
        assert!(!fact.value.contains("QX"), "fact `{}`", fact.id);
    }
}

/// English texts may keep short Chinese names with a gloss (中国移动APP,
/// 工单号), never a Chinese sentence.
#[test]
fn english_texts_contain_no_untranslated_chinese_sentences() {
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (place, text) in texts(&tree()) {
        let en = &text.en;
        assert!(
            !en.contains(['。', '，', '；', '：', '？']),
            "{place}: Chinese punctuation in English: {en}"
        );
        let mut run = 0;
        for c in en.chars() {
            run = if is_cjk(c) { run + 1 } else { 0 };
            assert!(
                run <= 8,
                "{place}: a Chinese phrase of more than 8 characters in English: {en}"
            );
        }
        let cjk = en.chars().filter(|&c| is_cjk(c)).count();
        assert!(
            cjk * 3 < en.chars().count(),
            "{place}: mostly Chinese: {en}"
        );
        assert!(
            text.zh.chars().any(is_cjk),
            "{place}: the Chinese text is not Chinese: {}",
            text.zh
        );
    }
}

#[test]
fn every_fact_has_a_source_and_a_checked_date() {
    let tree = tree();
    for fact in &tree.facts {
        assert!(!fact.source.trim().is_empty(), "fact `{}`", fact.id);
        let date = &fact.verified;
        assert_eq!(date.len(), 10, "fact `{}`: {date}", fact.id);
        assert!(
            date.as_str() <= "2026-12-31",
            "fact `{}` checked in the future: {date}",
            fact.id
        );
    }
}

#[test]
fn every_reachable_diagnosis_cites_its_sources_and_gives_no_low_or_folklore_advice() {
    let tree = tree();
    let paths = paths::enumerate(&tree, 100_000).unwrap();
    assert!(paths.len() > 50, "only {} paths", paths.len());
    let mut causes_seen = std::collections::HashSet::new();
    for path in &paths {
        let outcome = engine::walk(&tree, &mut Answers::from_pairs(path.answers.clone()));
        assert!(outcome.carrier.is_some());
        for lang in [Lang::Zh, Lang::En] {
            let answers = Answers::from_pairs(path.answers.clone());
            let today = jiff::civil::date(2026, 11, 25);
            let report = report::report(&tree, &outcome, &answers, lang, today);
            let listed: Vec<&str> = report.sources.iter().map(|s| s.id.as_str()).collect();
            for step in report.steps.iter().chain(&report.escalation) {
                for id in &step.sources {
                    assert!(listed.contains(&id.as_str()), "{id} missing from sources");
                }
                let action = step.action.replace("10000", "");
                for code in ["QXLLTC", "QXLL", "TD+", "QXTC", "TDTFY", "CXTD"] {
                    assert!(!action.contains(code), "{action}");
                }
                if report.carrier.as_ref().unwrap().id != "mobile" {
                    assert!(!action.contains("0000"), "{action}");
                }
            }
            for source in &report.sources {
                assert_ne!(source.confidence, Confidence::Low, "{}", source.id);
            }
            assert!(!report.escalation.is_empty());
            // Something to do: steps for a cause found, or for each possible
            // cause how to check it and what to do if it applies.
            assert!(
                !report.steps.is_empty()
                    || report
                        .possible_causes
                        .iter()
                        .all(|p| !p.check.is_empty() && !p.if_confirmed.is_empty()),
                "{:?}",
                path.answers
            );
            causes_seen.extend(report.causes.iter().map(|c| c.id.clone()));
        }
    }
    assert_eq!(causes_seen.len(), 11, "{causes_seen:?}");
}

/// "Not sure" never dead-ends: whatever the user answers, every diagnosis
/// names a cause found, or causes possible with how to check them.
#[test]
fn every_diagnosis_names_a_cause_found_or_possible() {
    let tree = tree();
    let paths = paths::enumerate(&tree, 100_000).unwrap();
    let today = jiff::civil::date(2026, 12, 1);
    let mut without = Vec::new();
    for path in &paths {
        let answers = Answers::from_pairs(path.answers.clone());
        let outcome = engine::walk(&tree, &mut answers.clone());
        let report = report::report(&tree, &outcome, &answers, Lang::Zh, today);
        assert_eq!(report.status, "diagnosed");
        if report.causes.is_empty() && report.possible_causes.is_empty() {
            let walked: Vec<String> = report
                .trace
                .iter()
                .map(|t| format!("{}={}", t.question, t.answer))
                .collect();
            without.push(walked.join(","));
        }
    }
    assert!(
        without.is_empty(),
        "{} paths name no cause, e.g. {}",
        without.len(),
        without.first().map_or("", String::as_str)
    );
}
