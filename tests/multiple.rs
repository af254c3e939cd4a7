//! Multiple-choice questions and conditions as scripts and rule authors
//! meet them, on the small pack of `common::MULTI_PACK`: sets in
//! `--answers`, the answers file and batch lines; the JSON trace of a set;
//! steps and list items shown or hidden by the answers; the rule tools; and
//! a condition that names nothing, reported with its file and line.

mod common;

use std::time::Duration;

use common::{Run, json, multi_pack, run, run_within};

/// A run over the pack alone, in English, never prompting.
fn on_pack(dir: &tempfile::TempDir, args: &[&str]) -> Run {
    let rules = dir.path().to_str().unwrap();
    let mut all = vec!["--no-builtin", "--rules", rules, "--lang", "en"];
    all.extend_from_slice(args);
    run(&all)
}

fn actions(report: &serde_json::Value) -> Vec<String> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["action"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_set_is_one_trace_entry_and_one_answer() {
    let pack = multi_pack();
    let en = on_pack(
        &pack,
        &["--answers", "carrier=mobile,tried=call+app", "--json"],
    );
    assert_eq!(en.code, 0, "{}{}", en.stdout, en.stderr);
    let report = json(&en);
    assert_eq!(report["answers"]["tried"], "app+hotline");
    let trace = report["trace"].as_array().unwrap();
    assert_eq!(trace[1]["answer"], "app+hotline");
    assert_eq!(trace[1]["label"], "The app, The hotline");
    assert_eq!(trace[1]["multiple"], true);
    // A single answer has no `multiple` at all, as before.
    assert!(trace[0].get("multiple").is_none(), "{}", trace[0]);

    let rules = pack.path().to_str().unwrap();
    let zh = run(&[
        "--no-builtin",
        "--rules",
        rules,
        "--lang",
        "zh",
        "--answers",
        "carrier=mobile,tried=app+sms",
        "--json",
    ]);
    assert_eq!(json(&zh)["trace"][1]["label"], "手机APP、短信");
}

#[test]
fn none_is_the_empty_set_and_a_blank_is_an_error() {
    let pack = multi_pack();
    let none = on_pack(&pack, &["--answers", "carrier=mobile,tried=none", "--json"]);
    assert_eq!(none.code, 0, "{}", none.stderr);
    let report = json(&none);
    assert_eq!(report["answers"]["tried"], "none");
    assert_eq!(report["trace"][1]["label"], "(none)");

    let blank = on_pack(&pack, &["--answers", "carrier=mobile,tried=", "--no-input"]);
    assert_eq!(blank.code, 2, "{}", blank.stderr);
    assert!(
        blank.stderr.contains("`tried=none` for none of them"),
        "{}",
        blank.stderr
    );

    let unknown = on_pack(
        &pack,
        &["--answers", "carrier=mobile,tried=app+fax", "--no-input"],
    );
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("`fax` is not an answer to `tried`"),
        "{}",
        unknown.stderr
    );
    assert!(
        unknown
            .stderr
            .contains("app, sms, hotline, store (several joined by `+`"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn conditions_show_and_hide_steps_and_list_items() {
    let pack = multi_pack();
    let report = json(&on_pack(
        &pack,
        &["--answers", "carrier=mobile,tried=hotline", "--json"],
    ));
    assert_eq!(
        actions(&report),
        [
            "Call 10086",
            "Call again and ask for a manager",
            "Go to a store"
        ]
    );
    let sources: Vec<&str> = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["mobile.hotline", "rule.manager"]);
    assert_eq!(
        report["hotline"]["ask"],
        serde_json::json!(["Ask to cancel now"])
    );
    assert_eq!(report["evidence"], serde_json::json!(["Call log"]));

    let report = json(&on_pack(
        &pack,
        &[
            "--answers",
            "carrier=mobile,tried=store+app,reply=refused",
            "--json",
        ],
    ));
    assert_eq!(
        actions(&report),
        ["Call 10086", "Attach the written refusal"]
    );
    // The manager's fact is not cited once its step is hidden.
    assert_eq!(report["sources"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["hotline"]["ask"],
        serde_json::json!(["Ask to cancel now", "Ask for a manager"])
    );
    assert_eq!(
        report["evidence"],
        serde_json::json!(["App screenshots", "Call log", "The store's receipt"])
    );
}

#[test]
fn a_set_survives_the_answers_file_and_the_replay_line() {
    let pack = multi_pack();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let saved = on_pack(
        &pack,
        &[
            "--answers",
            "carrier=mobile,tried=CALL+sms",
            "--save",
            file,
            "--no-input",
        ],
    );
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("tried = \"sms+hotline\""), "{text}");
    let resumed = json(&on_pack(&pack, &["--resume", file, "--json"]));
    assert_eq!(resumed["answers"]["tried"], "sms+hotline");

    // Stopped at the set: the hint says how to write one.
    let stopped = on_pack(&pack, &["--answers", "carrier=mobile", "--no-input"]);
    assert_eq!(stopped.code, 3);
    assert!(
        stopped.stderr.contains("several may be chosen"),
        "{}",
        stopped.stderr
    );
    assert!(
        stopped
            .stderr
            .contains("unsub-doctor --answers carrier=mobile,tried=VALUE"),
        "{}",
        stopped.stderr
    );
    let question = json(&on_pack(&pack, &["--answers", "carrier=mobile", "--json"]));
    assert_eq!(question["question"]["multiple"], true);
}

#[test]
fn questions_mark_the_multiple_one_only() {
    let pack = multi_pack();
    let list = json(&on_pack(&pack, &["questions", "--format", "json"]));
    let questions = list["questions"].as_array().unwrap();
    assert!(questions[0].get("multiple").is_none(), "{}", questions[0]);
    assert_eq!(questions[1]["multiple"], true);
    let text = on_pack(&pack, &["questions"]);
    assert!(
        text.stdout.contains("several may be chosen"),
        "{}",
        text.stdout
    );
}

#[test]
fn batch_takes_a_set_as_a_string_or_an_array() {
    let pack = multi_pack();
    let rules = pack.path().to_str().unwrap();
    let lines = "{\"carrier\":\"mobile\",\"tried\":\"app+hotline\"}\n\
                 {\"carrier\":\"mobile\",\"tried\":[\"hotline\",\"app\"]}\n\
                 {\"carrier\":\"mobile\",\"tried\":[]}\n";
    let run = run_within(
        &["--no-builtin", "--rules", rules, "--lang", "en", "batch"],
        &[],
        Some(lines),
        Duration::from_secs(10),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let answers: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["answers"]["tried"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(answers, ["app+hotline", "app+hotline", "none"]);
}

#[test]
fn the_rule_tools_go_through_a_set_once() {
    let pack = multi_pack();
    let test = on_pack(&pack, &["rules", "test"]);
    assert_eq!(test.code, 0, "{}{}", test.stdout, test.stderr);
    assert!(
        test.stdout.contains("2 passed, 0 failed"),
        "{}",
        test.stdout
    );
    let paths = json(&on_pack(&pack, &["rules", "paths", "--format", "json"]));
    assert_eq!(paths["total"], 1);
    assert_eq!(paths["paths"][0]["answers"][1]["answer"], "none");
    let graph = on_pack(&pack, &["rules", "graph"]);
    assert!(
        graph
            .stdout
            .contains("q_tried -->|\"app+sms+hotline+store\"| c_stuck"),
        "{}",
        graph.stdout
    );
}

#[test]
fn a_case_fails_when_a_condition_hides_the_step_of_a_listed_fact() {
    let pack = multi_pack();
    let broken = common::MULTI_PACK.replace(
        "answers = { carrier = \"mobile\", tried = \"app+call\" }",
        "answers = { carrier = \"mobile\", tried = \"app\" }",
    );
    std::fs::write(pack.path().join("pack.toml"), broken).unwrap();
    let test = on_pack(&pack, &["rules", "test"]);
    assert_eq!(test.code, 1, "{}", test.stdout);
    assert!(
        test.stdout
            .contains("fact `rule.manager` is not among the sources"),
        "{}",
        test.stdout
    );
}

#[test]
fn check_names_the_unknown_id_and_value_of_a_condition_with_file_and_line() {
    let pack = multi_pack();
    let extra = "[[hotline_note]]\nzh = \"甲\"\nen = \"A\"\nonly_if = { tryed = [\"app\"] }\n\n\
                 [[escalation]]\nrung = \"none\"\ntext = { zh = \"乙\", en = \"B\" }\n\
                 unless = { tried = [\"fax\"] }\n";
    std::fs::write(pack.path().join("z-extra.toml"), extra).unwrap();
    let run = on_pack(&pack, &["rules", "check"]);
    assert_eq!(run.code, 4, "{}{}", run.stdout, run.stderr);
    let file = pack.path().join("z-extra.toml");
    let at = |line_col: &str| format!("{}:{line_col}", file.display());
    assert!(
        run.stdout.contains("error[unknown-condition-id]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&at("4:13")), "{}", run.stdout);
    assert!(run.stdout.contains("names `tryed`"), "{}", run.stdout);
    assert!(
        run.stdout.contains("error[unknown-condition-value]"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(&at("9:21")), "{}", run.stdout);
    assert!(
        run.stdout.contains("`fax` is not a value of `tried`"),
        "{}",
        run.stdout
    );

    let problems = json(&on_pack(&pack, &["rules", "check", "--format", "json"]));
    let codes: Vec<&str> = problems["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"unknown-condition-id"), "{codes:?}");
    assert!(codes.contains(&"unknown-condition-value"), "{codes:?}");
}
