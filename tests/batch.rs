//! `unsub-doctor batch`: JSON Lines in, one result line out per input line,
//! in order, a bad line marked as an error while the run goes on.

mod common;

use std::time::Duration;

use serde_json::Value;

#[test]
fn ten_thousand_lines_give_ten_thousand_results_in_order() {
    let cases = [
        (
            r#"{"carrier":"mobile","symptom":"code_failed","code_source":"website"}"#,
            "wrong_code",
        ),
        (
            r#"{"carrier":"unicom","symptom":"no_option","account_state":"suspended"}"#,
            "account_status",
        ),
        (
            r#"{"carrier":"telecom","symptom":"refused","account_state":"normal","package_origin":"gift"}"#,
            "promo_package",
        ),
        (r#"{"carrier":"ctcc"}"#, "needs_input"),
        ("not json", "error"),
        (r#"{"carrier":"vodafone"}"#, "error"),
        (r#"{"carrier":1}"#, "error"),
    ];
    let mut input = String::new();
    let mut expected = Vec::new();
    for i in 0..10_000 {
        // Mostly good lines, a bad one now and then.
        let (line, outcome) = match i % 100 {
            97 => cases[4],
            98 => cases[5],
            99 => cases[6],
            n => cases[n % 4],
        };
        input.push_str(line);
        input.push('\n');
        expected.push(outcome);
    }
    let run = common::run_within(&["batch"], &[], Some(&input), Duration::from_secs(120));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 10_000);
    for (i, (line, expected)) in lines.iter().zip(&expected).enumerate() {
        let result: Value = serde_json::from_str(line).unwrap();
        let got = match result["status"].as_str().unwrap() {
            "diagnosed" => result["causes"][0]["id"].as_str().unwrap(),
            other => other,
        };
        assert_eq!(got, *expected, "line {}", i + 1);
        if got == "error" {
            let message = result["error"]["message"].as_str().unwrap();
            assert!(
                message.starts_with(&format!("第 {} 行", i + 1)),
                "{message}"
            );
        }
    }
    assert!(
        run.stderr
            .contains("批量：10000 行：7300 个已诊断，2400 个还需要回答，300 个错误"),
        "{}",
        run.stderr
    );
}

#[test]
fn batch_reads_a_file_and_reports_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cases.jsonl");
    std::fs::write(
        &file,
        "{\"carrier\":\"mobile\",\"symptom\":\"code_failed\",\"code_source\":\"website\"}\n",
    )
    .unwrap();
    let run = common::run(&["batch", file.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(run.code, 0);
    let result: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(result["lang"], "en");
    let missing = common::run(&["batch", dir.path().join("nope.jsonl").to_str().unwrap()]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("无法读取"), "{}", missing.stderr);
}

#[test]
fn brief_lines_carry_the_ids_of_the_full_reports() {
    let input = [
        r#"{"carrier":"mobile","symptom":"no_option","account_state":"normal","package_origin":"deal","has_min_term":"yes","contract_bundled":"yes"}"#,
        r#"{"carrier":"unicom","symptom":"no_option","account_state":"suspended"}"#,
        r#"{"carrier":"ctcc"}"#,
        "not json",
        r#"{"carrier":"mobile","symptom":"code_failed","code_source":"website"}"#,
    ]
    .join("\n");
    let full = common::run_within(&["batch"], &[], Some(&input), Duration::from_secs(60));
    let brief = common::run_within(
        &["batch", "--brief"],
        &[],
        Some(&input),
        Duration::from_secs(60),
    );
    assert_eq!(brief.code, 0, "{}", brief.stderr);
    assert_eq!(brief.stderr, full.stderr, "the same summary");
    let parse = |line: &str| serde_json::from_str::<Value>(line).unwrap();
    let full: Vec<Value> = full.stdout.lines().map(parse).collect();
    let brief: Vec<Value> = brief.stdout.lines().map(parse).collect();
    assert_eq!(brief.len(), 5);
    for (line, (full, brief)) in full.iter().zip(&brief).enumerate() {
        if full.get("error").is_some() {
            assert_eq!(brief, full, "line {}: errors are the same object", line + 1);
            continue;
        }
        let ids = |list: &Value| -> Vec<Value> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|x| x["id"].clone())
                .collect()
        };
        let expected = serde_json::json!({
            "schema_version": full["schema_version"],
            "status": full["status"],
            "carrier": full["carrier"]["id"],
            "causes": ids(&full["causes"]),
            "conclusions": ids(&full["conclusions"]),
        });
        let mut expected = expected.as_object().unwrap().clone();
        if let Some(question) = full.get("question") {
            expected.insert("question".into(), question["id"].clone());
        }
        assert_eq!(brief, &Value::Object(expected), "line {}", line + 1);
    }
    assert_eq!(
        brief[0]["causes"],
        serde_json::json!(["contract_lock", "bundling"])
    );
    assert_eq!(brief[2]["question"], "symptom");
}
