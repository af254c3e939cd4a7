//! The rule author's tools as authors use them: `rules check`, `paths`,
//! `test`, `graph` and `list`, on the built-in rules, on packs a test breaks
//! and on the example province pack.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{json, run, run_with_env};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/guangdong");

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn pack(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

#[test]
fn check_passes_the_built_in_rules() {
    let run = run(&["rules", "check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
    let report = json(&common::run(&["rules", "check", "--format", "json"]));
    assert_eq!(report["errors"], 0);
    assert_eq!(report["problems"].as_array().unwrap().len(), 0);
}

#[test]
fn check_names_every_problem_with_file_line_and_column() {
    let dir = pack(&[
        ("syntax.toml", "[[fact]\nid = \"x\"\n"),
        (
            "typo.toml",
            "[[cause]]\nid = \"x\"\ntitle = { zh = \"甲\", en = \"A\" }\ncolour = 1\n",
        ),
        ("nodes.toml", common::BROKEN_NODES),
        (
            "facts.toml",
            "[[fact]]\nid = \"no.source\"\nvalue = \"1\"\nlabel = { zh = \"甲\", en = \"A\" }\nconfidence = \"high\"\nverified = 2026-01-01\n",
        ),
    ]);
    let path = |name: &str| dir.path().join(name).display().to_string();
    let run = run(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    for expected in [
        "error[syntax]".to_owned(),
        format!("--> {}:1:", path("syntax.toml")),
        "error[unknown-key]: unknown field `colour`".to_owned(),
        format!("--> {}:4:1", path("typo.toml")),
        format!(
            "error[duplicate-id]: duplicate node id `loop_b` (first defined at {}:7:6)",
            path("nodes.toml")
        ),
        format!("--> {}:15:6", path("nodes.toml")),
        "error[unknown-reference]: unknown node `nowhere` in `next` of `loop_b`".to_owned(),
        format!("--> {}:11:57", path("nodes.toml")),
        "error[cycle]: cycle: `loop_a` -> `loop_b` -> `loop_a`".to_owned(),
        "error[missing-key]: missing field `source`".to_owned(),
        format!("--> {}:1:1", path("facts.toml")),
    ] {
        assert!(
            run.stdout.contains(&expected),
            "missing {expected:?} in:\n{}",
            run.stdout
        );
    }
    // The offending line, with a caret under the place.
    assert!(
        run.stdout.contains("4 | colour = 1\n  | ^^^^^^"),
        "{}",
        run.stdout
    );

    let report = json(&common::run(&[
        "rules",
        "check",
        "--json",
        "--rules",
        dir.path().to_str().unwrap(),
    ]));
    let cycle = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "cycle")
        .unwrap();
    assert_eq!(cycle["severity"], "error");
    assert_eq!(cycle["file"], path("nodes.toml"));
    assert!(cycle["line"].is_u64() && cycle["column"].is_u64());
    assert_eq!(
        cycle["ids"],
        serde_json::json!(["loop_a", "loop_b", "loop_a"])
    );
}

#[test]
fn check_finds_unreachable_nodes_and_dead_ends() {
    let dir = pack(&[(
        "extra.toml",
        r#"[[question]]
id = "orphan"
text = { zh = "孤", en = "orphan" }
choices = [{ value = "a", label = { zh = "甲", en = "A" } }]
"#,
    )]);
    let run = run(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 4);
    assert!(
        run.stdout
            .contains("error[unreachable]: `orphan` is not reachable from the start"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_check_date_after_today_is_a_warning() {
    let dir = pack(&[(
        "future.toml",
        "[[fact]]\nid = \"future.fact\"\nvalue = \"1\"\nlabel = { zh = \"未来\", en = \"future\" }\nsource = \"s\"\nconfidence = \"medium\"\nverified = 9999-01-01\n",
    )]);
    let run = run(&["rules", "check", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("warning[stale-fact]: fact `future.fact` says it was checked on 9999-01-01, which is after today"),
        "{}",
        run.stdout
    );
}

#[test]
fn stale_facts_are_warnings_that_fail_only_when_denied() {
    let dir = pack(&[(
        "old.toml",
        "[[fact]]\nid = \"old.fact\"\nvalue = \"1\"\nlabel = { zh = \"旧\", en = \"old\" }\nsource = \"s\"\nconfidence = \"medium\"\nverified = 2020-01-01\n",
    )]);
    let rules = dir.path().to_str().unwrap();
    let warned = run(&["rules", "check", "--rules", rules]);
    assert_eq!(warned.code, 0, "{}", warned.stdout);
    assert!(
        warned
            .stdout
            .contains("warning[stale-fact]: fact `old.fact` was last checked"),
        "{}",
        warned.stdout
    );
    assert!(warned.stdout.contains("0 errors, 1 warning"));
    let denied = run(&["rules", "check", "--deny-warnings", "--rules", rules]);
    assert_eq!(denied.code, 4);
    let relaxed = run(&[
        "rules",
        "check",
        "--deny-warnings",
        "--stale-after",
        "100000",
        "--rules",
        rules,
    ]);
    assert_eq!(relaxed.code, 0, "{}", relaxed.stdout);
}

#[test]
fn paths_counts_per_carrier_and_cause_and_finds_no_uncovered_conclusion() {
    let report = json(&run(&["rules", "paths", "--format", "json"]));
    let total = report["total"].as_u64().unwrap();
    assert_eq!(report["paths"].as_array().unwrap().len() as u64, total);
    let per_carrier = report["per_carrier"].as_object().unwrap();
    assert_eq!(per_carrier.len(), 3);
    let counts: Vec<u64> = per_carrier.values().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(counts.iter().sum::<u64>(), total);
    assert!(
        counts.iter().all(|&c| c == counts[0] && c > 0),
        "{counts:?}"
    );
    for cause in [
        "contract_lock",
        "bundling",
        "pending",
        "wrong_code",
        "account_status",
        "promo_package",
    ] {
        assert!(report["per_cause"][cause].as_u64().unwrap() > 0, "{cause}");
    }
    assert_eq!(report["uncovered"], serde_json::json!([]));
    let first = &report["paths"][0];
    assert_eq!(first["answers"][0]["question"], "carrier");
    assert!(first["causes"].is_array());

    let text = run(&["rules", "paths"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.contains("every conclusion has a case"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains(&format!("{total} paths")));
}

#[test]
fn paths_reports_a_conclusion_no_case_covers() {
    // Replace a built-in question (same id, later layer) so it can lead to a new conclusion.
    let promo = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/promo_package.toml"
    ))
    .unwrap();
    let question =
        &promo[promo.find("[[question]]").unwrap()..promo.find("[[conclusion]]").unwrap()];
    // A new choice that no case gives leads to the new conclusion.
    let rerouted = question.replacen(
        "label.en = \"Not sure\", next = \"promo_possible\" },",
        "label.en = \"Not sure\", next = \"promo_possible\" },\n  { value = \"other\", label.zh = \"其他\", label.en = \"Other\", next = \"uncovered\" },",
        1,
    );
    assert_ne!(rerouted, question);
    let conclusion = r#"
[[conclusion]]
id = "uncovered"
title = { zh = "未覆盖", en = "Uncovered" }
explanation = { zh = "无", en = "none" }
script = { zh = "请给我工单号", en = "ticket number" }
[[conclusion.step]]
channel = "hotline"
text = { zh = "拨打{hotline}", en = "call {hotline}" }
"#;
    let dir = pack(&[("pack.toml", &format!("{rerouted}{conclusion}"))]);
    let report = json(&run(&[
        "rules",
        "paths",
        "--json",
        "--rules",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(report["uncovered"], serde_json::json!(["uncovered"]));
}

#[test]
fn paths_stops_at_the_limit_with_a_clear_message() {
    let run = run(&["rules", "paths", "--limit", "10"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("more than 10 paths; raise --limit"),
        "{}",
        run.stderr
    );
}

#[test]
fn test_runs_every_built_in_case() {
    let run = run(&["rules", "test"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    let passed: usize = last
        .strip_suffix(" passed, 0 failed")
        .unwrap_or_else(|| panic!("{last}"))
        .parse()
        .unwrap();
    assert!(passed >= 24, "{last}");
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.starts_with("pass "))
            .count(),
        passed
    );
}

#[test]
fn test_fails_a_broken_case_with_what_differs() {
    let dir = pack(&[(
        "cases.toml",
        r#"[[case]]
name = "expects_the_wrong_cause"
answers = { carrier = "mobile", symptom = "code_failed", code_source = "website" }
causes = ["pending"]
facts = ["unicom.hotline"]
"#,
    )]);
    let run = run(&["rules", "test", "--rules", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("FAIL expects_the_wrong_cause"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("causes: expected [\"pending\"], got [\"wrong_code\"]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("fact `unicom.hotline` is not among the sources"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.trim_end().ends_with("passed, 1 failed"),
        "{}",
        run.stdout
    );
}

#[test]
fn graph_draws_every_node_and_restricts_to_a_carrier() {
    let mermaid = run(&["rules", "graph", "--lang", "en"]);
    assert_eq!(mermaid.code, 0);
    assert!(mermaid.stdout.starts_with("flowchart TD\n"));
    for id in [
        "contract_lock",
        "bundling",
        "main_plan",
        "pending_confirmed",
        "wrong_code",
        "refused_no_basis",
        "contract_lock_possible",
    ] {
        assert!(mermaid.stdout.contains(&format!("c_{id}([")), "{id}");
    }
    assert!(mermaid.stdout.contains("q_carrier -->|\"unicom\"| q_tried"));
    assert!(
        mermaid
            .stdout
            .contains("Which carrier is your phone number with?")
    );

    let one = run(&["rules", "graph", "--carrier", "联通"]);
    assert!(one.stdout.contains("q_carrier -->|\"unicom\"| q_tried"));
    assert!(!one.stdout.contains("|\"mobile\"|"));
    let bad = run(&["rules", "graph", "--carrier", "vodafone"]);
    assert_eq!(bad.code, 2);
}

/// Graphviz must accept the DOT output. CI installs it; elsewhere a machine
/// without `dot` skips this check and says so.
#[test]
fn graph_dot_renders_with_graphviz() {
    let dot = run(&["rules", "graph", "--format", "dot"]);
    assert_eq!(dot.code, 0);
    assert!(dot.stdout.starts_with("digraph unsub_doctor {"));
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("graphviz `dot` is not installed: DOT rendering not checked");
            return;
        }
        Err(e) => panic!("CI must have graphviz `dot`: {e}"),
    };
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.stdout.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("syntax error"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
}

#[test]
fn the_readme_shows_the_current_tree() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- rules-graph:start -->\n```mermaid\n")
        .expect("graph block in README");
    let block = &readme[start..];
    let block = &block
        [block.find("flowchart").unwrap()..block.find("```\n<!-- rules-graph:end -->").unwrap()];
    let graph = run(&["rules", "graph", "--format", "mermaid", "--lang", "en"]);
    assert!(
        block == graph.stdout,
        "README.md's tree is out of date: run scripts/readme-graph"
    );
}

#[test]
fn list_counts_per_file_and_marks_what_a_pack_replaced() {
    let report = json(&run(&["rules", "list", "--json"]));
    let total = &report["total"];
    assert_eq!(total["causes"], 11);
    assert!(total["cases"].as_u64().unwrap() >= 24);
    let files = report["files"].as_array().unwrap();
    let contract = files
        .iter()
        .find(|f| f["file"] == "rules/contract_lock.toml")
        .unwrap();
    assert_eq!(contract["causes"], 1);
    assert_eq!(report["overrides"], serde_json::json!([]));

    let text = run(&["rules", "list", "--rules", EXAMPLE]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.contains("replaced by a later layer"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("fact `mobile.web`"), "{}", text.stdout);
    assert!(
        text.stdout.contains("replaces rules/mobile.toml:"),
        "{}",
        text.stdout
    );
}

#[test]
fn the_example_province_pack_works_through_the_flag_and_the_environment() {
    let answers = [
        "--json",
        "--carrier",
        "mobile",
        "--answers",
        "symptom=still_active,submitted_via=official,got_confirmation=no",
    ];
    let plain = json(&run(&answers));
    let web = |report: &serde_json::Value| {
        report["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "mobile.web")
            .map(|s| s["value"].as_str().unwrap().to_owned())
    };
    assert_eq!(web(&plain).as_deref(), Some("www.10086.cn"));
    let flag = json(&run(&[&["--rules", EXAMPLE][..], &answers].concat()));
    assert_eq!(web(&flag).as_deref(), Some("wap.gd.10086.cn"));
    let env = json(&run_with_env(&answers, &[("UNSUB_DOCTOR_RULES", EXAMPLE)]));
    assert_eq!(web(&env).as_deref(), Some("wap.gd.10086.cn"));

    for runs in [
        run(&["rules", "test", "--rules", EXAMPLE]),
        run_with_env(&["rules", "test"], &[("UNSUB_DOCTOR_RULES", EXAMPLE)]),
    ] {
        assert_eq!(runs.code, 0, "{}", runs.stdout);
        assert!(
            runs.stdout
                .contains("pass guangdong_mobile_pending_unconfirmed"),
            "{}",
            runs.stdout
        );
    }
}

#[test]
fn no_builtin_starts_from_nothing() {
    let empty = tempfile::tempdir().unwrap();
    let run = run(&[
        "--no-builtin",
        "--rules",
        empty.path().to_str().unwrap(),
        "questions",
    ]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.contains("no file sets `start`"),
        "{}",
        run.stderr
    );
}
