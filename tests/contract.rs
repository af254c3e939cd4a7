//! The rule-id contract as a pack author meets it: a layer that redefines an
//! id the code reads as another kind stops every command that loads the
//! rules, naming the id and where it is defined.

mod common;

use common::run;

const LAYER: &str = r#"# complaint_date as free text: the timeline could no longer read it
[[detail]]
id = "complaint_date"
kind = "text"
text = { zh = "投诉日期", en = "Complaint date" }
ask_in = ["draft"]
"#;

fn pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("layer.toml"), LAYER).unwrap();
    dir
}

#[test]
fn an_id_of_the_wrong_kind_stops_a_diagnosis_with_its_place() {
    let dir = pack();
    let rules = dir.path().to_str().unwrap();
    let place = format!("{}:3:6", dir.path().join("layer.toml").display());
    let run = run(&[
        "--lang",
        "en",
        "--rules",
        rules,
        "--answers",
        "carrier=mobile",
    ]);
    assert_eq!(run.code, 4, "{}{}", run.stdout, run.stderr);
    assert!(run.stderr.contains(&place), "{}", run.stderr);
    assert!(run.stderr.contains("`complaint_date`"), "{}", run.stderr);
}

#[test]
fn rules_check_reports_it_as_a_contract_error() {
    let dir = pack();
    let rules = dir.path().to_str().unwrap();
    let place = format!("{}:3:6", dir.path().join("layer.toml").display());
    let text = run(&["rules", "check", "--lang", "en", "--rules", rules]);
    assert_eq!(text.code, 4, "{}", text.stdout);
    assert!(
        text.stdout.contains("error[contract-kind]"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("`complaint_date`"), "{}", text.stdout);
    assert!(text.stdout.contains(&place), "{}", text.stdout);

    let json = common::json(&run(&["rules", "check", "--json", "--rules", rules]));
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{json:#}");
    assert_eq!(problems[0]["code"], "contract-kind");
    assert_eq!(problems[0]["ids"], serde_json::json!(["complaint_date"]));
    assert_eq!(problems[0]["line"], 3);
}
