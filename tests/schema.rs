//! The published output contract: every JSON the tool prints validates
//! against `unsub-doctor schema`, and within one `schema_version` the schema
//! only grows: a field renamed or removed without a version bump fails here.

mod common;

use std::collections::BTreeSet;

use common::{json, run, run_with_env};
use serde_json::Value;

fn schemas() -> Value {
    let run = run(&["schema"]);
    assert_eq!(run.code, 0);
    json(&run)
}

fn assert_valid(schemas: &Value, output: &str, instance: &Value) {
    let schema = &schemas["outputs"][output];
    assert!(schema.is_object(), "no schema for `{output}`");
    let validator = jsonschema::validator_for(schema).expect("a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "`{output}` output does not match its schema:\n{}",
        errors.join("\n")
    );
}

#[test]
fn every_command_s_json_validates_against_the_schema() {
    let schemas = schemas();
    let contract = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=yes,complaint=no_reply,complaint_date=2026-11-01,first_charge_date=2026-06-01";
    for carrier in ["mobile", "unicom", "telecom"] {
        let diagnosis = json(&run(&[
            "--json",
            "--today",
            "2026-11-25",
            "--carrier",
            carrier,
            "--answers",
            contract,
        ]));
        assert_valid(&schemas, "diagnosis", &diagnosis);
    }
    let needs_input = json(&run(&["--json", "--carrier", "mobile"]));
    assert_eq!(needs_input["status"], "needs_input");
    assert_valid(&schemas, "diagnosis", &needs_input);

    let bad_answer = run(&["--json", "--carrier", "vodafone"]);
    assert_eq!(bad_answer.code, 2);
    let error = json(&bad_answer);
    assert_eq!(error["status"], "error");
    assert_eq!(error["error"]["code"], "bad_answer");
    assert_eq!(
        error["error"]["valid"],
        serde_json::json!(["mobile", "unicom", "telecom"])
    );
    assert_valid(&schemas, "error", &error);

    let broken = tempfile::tempdir().unwrap();
    std::fs::write(broken.path().join("x.toml"), common::BROKEN_NODES).unwrap();
    let invalid = run(&["--json", "--rules", broken.path().to_str().unwrap()]);
    assert_eq!(invalid.code, 4);
    let error = json(&invalid);
    assert_eq!(error["error"]["code"], "invalid_rules");
    assert!(!error["error"]["problems"].as_array().unwrap().is_empty());
    assert_valid(&schemas, "error", &error);

    assert_valid(&schemas, "questions", &json(&run(&["questions", "--json"])));
    assert_valid(
        &schemas,
        "rules_check",
        &json(&run(&[
            "rules",
            "check",
            "--json",
            "--rules",
            broken.path().to_str().unwrap(),
        ])),
    );
    assert_valid(
        &schemas,
        "rules_check",
        &json(&run(&["rules", "check", "--json"])),
    );
    assert_valid(
        &schemas,
        "rules_paths",
        &json(&run(&["rules", "paths", "--json"])),
    );
    assert_valid(
        &schemas,
        "rules_test",
        &json(&run(&["rules", "test", "--json"])),
    );
    assert_valid(
        &schemas,
        "rules_list",
        &json(&run(&["rules", "list", "--json"])),
    );

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    assert_eq!(
        run(&["--carrier", "mobile", "--answers", contract, "--save", file]).code,
        0
    );
    let followup = json(&run_with_env(
        &[
            "followup",
            "--json",
            "--resume",
            file,
            "--answers",
            "followup_worked=no",
        ],
        &[],
    ));
    assert_valid(&schemas, "followup", &followup);
}

/// Every JSON path a schema describes, following `$ref`s into `$defs`.
fn paths(root: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 20 {
        return;
    }
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        paths(root, &root["$defs"][name], prefix, out, depth + 1);
    }
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        for (key, value) in properties {
            let path = format!("{prefix}.{key}");
            out.insert(path.clone());
            paths(root, value, &path, out, depth + 1);
        }
    }
    if let Some(items) = node.get("items") {
        paths(root, items, &format!("{prefix}[]"), out, depth + 1);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for variant in node
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            paths(root, variant, prefix, out, depth + 1);
        }
    }
    if let Some(map) = node.get("additionalProperties").filter(|v| v.is_object()) {
        paths(root, map, &format!("{prefix}{{}}"), out, depth + 1);
    }
}

#[test]
fn the_schema_only_grows_within_a_version() {
    let current = schemas();
    let version = current["schema_version"].as_u64().unwrap();
    let path = format!("{}/schema/v{version}.json", env!("CARGO_MANIFEST_DIR"));
    let published: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{path} is missing: publish the schema of version {version}")
        }))
        .unwrap();
    for (output, schema) in published["outputs"].as_object().unwrap() {
        let now = &current["outputs"][output];
        assert!(
            now.is_object(),
            "output `{output}` was removed without raising schema_version"
        );
        let mut before = BTreeSet::new();
        paths(schema, schema, output, &mut before, 0);
        let mut after = BTreeSet::new();
        paths(now, now, output, &mut after, 0);
        let gone: Vec<&String> = before.difference(&after).collect();
        assert!(
            gone.is_empty(),
            "fields renamed or removed without raising schema_version: {gone:?}"
        );
    }
}

#[test]
fn batch_lines_validate_against_the_schema() {
    let schemas = schemas();
    let input = "{\"carrier\":\"mobile\",\"symptom\":\"code_failed\",\"code_source\":\"website\"}\n{\"carrier\":\"unicom\"}\nnot json\n";
    for (args, output) in [
        (&["batch"][..], "batch_line"),
        (&["batch", "--brief"][..], "batch_brief_line"),
    ] {
        let run = common::run_within(args, &[], Some(input), std::time::Duration::from_secs(10));
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout.lines().count(), 3);
        for line in run.stdout.lines() {
            assert_valid(&schemas, output, &serde_json::from_str(line).unwrap());
        }
    }
}
