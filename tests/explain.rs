//! `--explain` and `why-not`, for each of the six causes.

mod common;

use common::{PATHS, json, run};

#[test]
fn explain_shows_the_path_and_what_found_each_cause() {
    for (cause, answers) in PATHS {
        let report = json(&run(&[
            "--json",
            "--explain",
            "--carrier",
            "telecom",
            "--answers",
            answers,
        ]));
        let explain = &report["explain"];
        let path = explain["path"].as_array().unwrap();
        assert_eq!(path.len(), report["trace"].as_array().unwrap().len());
        assert_eq!(path[0]["question"], "carrier");
        assert_eq!(path[0]["leads_to"], "question");
        assert!(
            path[0]["origin"]
                .as_str()
                .unwrap()
                .starts_with("rules/triage.toml:")
        );
        assert!(
            path.iter().any(|s| s["leads_to"] == "conclusion"),
            "{cause}"
        );
        let finding = &explain["findings"][0];
        assert_eq!(finding["cause"], *cause);
        let origin = finding["origin"].as_str().unwrap();
        assert!(
            origin.starts_with("rules/") && origin.contains(".toml:"),
            "{origin}"
        );
        let found_by: Vec<&str> = finding["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(found_by[0], "carrier=telecom");
        // The answers that found it are the path up to the answer that led to it.
        for (i, pair) in found_by.iter().enumerate() {
            let step = format!(
                "{}={}",
                path[i]["question"].as_str().unwrap(),
                path[i]["answer"].as_str().unwrap()
            );
            assert_eq!(*pair, step, "{cause}");
        }
        assert_eq!(
            path[found_by.len() - 1]["leads_to_id"],
            finding["conclusion"],
            "{cause}"
        );
    }
    let text = run(&[
        "--explain",
        "--lang",
        "en",
        "--carrier",
        "mobile",
        "--answers",
        PATHS[0].1,
    ]);
    assert!(text.stdout.contains("Why\n"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("has_min_term=yes -> conclusion contract_lock"),
        "{}",
        text.stdout
    );
}

#[test]
fn why_not_names_what_ruled_a_cause_out_and_the_smallest_change_that_finds_it() {
    for (cause, answers) in PATHS {
        // Start from a path that finds some other cause.
        let (_, other) = PATHS.iter().find(|(c, _)| c != cause).unwrap();
        let report = json(&run(&[
            "why-not",
            cause,
            "--json",
            "--carrier",
            "unicom",
            "--answers",
            other,
        ]));
        assert_eq!(report["cause"], *cause);
        assert_eq!(report["found"], false, "{cause}");
        assert!(
            !report["ruled_out_by"].as_array().unwrap().is_empty(),
            "{cause}: {report}"
        );
        let change = &report["smallest_change"];
        let line = change["answers"].as_str().unwrap();
        // The suggested answers really find the cause.
        let diagnosis = json(&run(&["--json", "--answers", line]));
        let causes: Vec<&str> = diagnosis["causes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert!(causes.contains(cause), "{cause}: {line} finds {causes:?}");
        assert!(
            line.starts_with("carrier=unicom"),
            "the carrier is kept: {line}"
        );
        // And its own path finds it, with nothing to change.
        let found = json(&run(&[
            "why-not",
            cause,
            "--json",
            "--carrier",
            "unicom",
            "--answers",
            answers,
        ]));
        assert_eq!(found["found"], true, "{cause}");
    }
}

#[test]
fn why_not_keeps_answers_that_do_not_matter() {
    let report = json(&run(&[
        "why-not",
        "bundling",
        "--json",
        "--carrier",
        "mobile",
        "--answers",
        PATHS[5].1,
    ]));
    let change = &report["smallest_change"];
    assert_eq!(
        change["change"],
        serde_json::json!(["package_origin=main_plan"])
    );
    assert_eq!(change["add"], serde_json::json!([]));
    let bad = run(&["why-not", "bad_luck"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("contract_lock, bundling"),
        "{}",
        bad.stderr
    );
}
