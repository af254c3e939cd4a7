//! The command line as scripts use it: `--answers`, JSON, exit codes, rule
//! overrides and broken rule files. Every run has no terminal, so none may prompt.

mod common;

use std::path::Path;

use common::{PATHS, json, run, run_with_env};
use serde_json::Value;

fn cause_ids(report: &Value) -> Vec<&str> {
    report["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

const HOTLINES: &[(&str, &str)] = &[
    ("mobile", "10086"),
    ("unicom", "10010"),
    ("telecom", "10000"),
];

#[test]
fn every_cause_is_reached_for_every_carrier_with_its_own_hotline() {
    for (carrier, hotline) in HOTLINES {
        for (cause, answers) in PATHS {
            let run = run(&["--json", "--carrier", carrier, "--answers", answers]);
            assert_eq!(run.code, 0, "{carrier} {cause}: {}", run.stderr);
            let report = json(&run);
            assert_eq!(report["status"], "diagnosed");
            assert_eq!(report["carrier"]["id"], *carrier);
            let causes = cause_ids(&report);
            assert_eq!(causes, [*cause], "{carrier}");

            // The hotline steps name this carrier's number, and no step or
            // escalation names another carrier's hotline.
            let steps: Vec<&Value> = report["steps"]
                .as_array()
                .unwrap()
                .iter()
                .chain(report["escalation"].as_array().unwrap())
                .collect();
            let hotline_steps: Vec<&&Value> = steps
                .iter()
                .filter(|s| s["channel"]["kind"] == "hotline")
                .collect();
            assert!(
                !hotline_steps.is_empty(),
                "{carrier} {cause}: no hotline step"
            );
            for step in hotline_steps {
                assert_eq!(step["channel"]["value"], *hotline);
                assert!(step["action"].as_str().unwrap().contains(hotline));
            }
            for (other, other_hotline) in HOTLINES.iter().filter(|(c, _)| c != carrier) {
                for step in &steps {
                    let action = step["action"].as_str().unwrap();
                    assert!(
                        !action.contains(other_hotline),
                        "{carrier} {cause}: a step names {other}'s {other_hotline}: {action}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_diagnosis_lists_every_fact_its_steps_rely_on_and_none_is_low() {
    for (carrier, _) in HOTLINES {
        for (_, answers) in PATHS {
            let report = json(&run(&[
                "--json",
                "--carrier",
                carrier,
                "--answers",
                answers,
            ]));
            let sources = report["sources"].as_array().unwrap();
            let listed: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
            for step in report["steps"]
                .as_array()
                .unwrap()
                .iter()
                .chain(report["escalation"].as_array().unwrap())
            {
                for id in step["sources"].as_array().unwrap() {
                    assert!(
                        listed.contains(&id.as_str().unwrap()),
                        "{id} is not in sources"
                    );
                }
            }
            for source in sources {
                assert!(
                    ["high", "medium"].contains(&source["confidence"].as_str().unwrap()),
                    "{source}"
                );
                let verified = source["verified"].as_str().unwrap();
                assert_eq!(verified.len(), 10, "{verified}");
                assert!(!source["title"].as_str().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn the_json_report_has_the_documented_fields() {
    let run = run(&["--json", "--carrier", "mobile", "--answers", PATHS[3].1]);
    let report = json(&run);
    for field in [
        "schema_version",
        "status",
        "carrier",
        "lang",
        "causes",
        "steps",
        "evidence",
        "escalation",
        "answers",
        "trace",
        "sources",
    ] {
        assert!(report.get(field).is_some(), "missing `{field}`");
    }
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["lang"], "zh");
    assert_eq!(report["carrier"]["name"], "中国移动");
    assert_eq!(report["answers"]["carrier"], "mobile");
    assert_eq!(report["answers"]["code_source"], "website");
    assert_eq!(report["trace"][0]["question"], "carrier");
    assert_eq!(report["trace"][0]["answer"], "mobile");
    assert!(report.get("question").is_none());
    let conclusion = &report["conclusions"][0];
    assert_eq!(conclusion["id"], "wrong_code");
    assert!(!conclusion["confirm"].as_array().unwrap().is_empty());
    assert!(conclusion["script"].as_str().unwrap().contains("工单号"));
    assert!(!conclusion["prevention"].as_array().unwrap().is_empty());
    let cause = &report["causes"][0];
    assert_eq!(cause["id"], "wrong_code");
    assert!(!cause["title"].as_str().unwrap().is_empty());
    assert!(!cause["explanation"].as_str().unwrap().is_empty());
    // China Mobile's one verified SMS command appears as an SMS step.
    let sms = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["channel"]["kind"] == "sms_unsubscribe")
        .expect("an SMS step for China Mobile");
    assert_eq!(sms["channel"]["value"], "0000");
    assert!(sms["action"].as_str().unwrap().contains("10086"));
    assert!(!report["evidence"].as_array().unwrap().is_empty());
    assert!(!report["escalation"].as_array().unwrap().is_empty());
}

#[test]
fn no_sms_command_is_offered_where_none_is_verified() {
    for carrier in ["unicom", "telecom"] {
        let report = json(&run(&[
            "--json",
            "--carrier",
            carrier,
            "--answers",
            PATHS[3].1,
        ]));
        for step in report["steps"].as_array().unwrap() {
            assert_ne!(step["channel"]["kind"], "sms_unsubscribe", "{carrier}");
            // Telecom's hotline 10000 is not the folklore code 0000.
            let action = step["action"].as_str().unwrap().replace("10000", "");
            for folklore in ["QXLLTC", "TD+", "QXLL", "0000"] {
                assert!(!action.contains(folklore), "{carrier}: {action}");
            }
        }
    }
}

#[test]
fn one_path_finds_a_contract_lock_and_a_bundle() {
    let answers = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=yes";
    let report = json(&run(&["--json", "--carrier", "ctcc", "--answers", answers]));
    let causes = cause_ids(&report);
    assert_eq!(causes, ["contract_lock", "bundling"]);
}

#[test]
fn not_sure_leads_to_how_to_find_out_and_back_into_the_tree() {
    let answers = "symptom=no_option,account_state=normal,package_origin=unsure";
    let run1 = run(&["--json", "--carrier", "unicom", "--answers", answers]);
    assert_eq!(run1.code, 3);
    let report = json(&run1);
    assert_eq!(report["question"]["id"], "package_origin_check");
    let help = report["question"]["help"].as_str().unwrap();
    assert!(help.contains("10010"), "{help}");
    assert!(help.contains("中国联通APP"), "{help}");

    let answers = format!("{answers},package_origin_check=gift");
    let report = json(&run(&[
        "--json",
        "--carrier",
        "unicom",
        "--answers",
        &answers,
    ]));
    assert_eq!(report["causes"][0]["id"], "promo_package");

    // Still not sure: the interview goes on with the cause questions.
    let answers = "symptom=no_option,account_state=normal,package_origin=unsure,package_origin_check=still_unsure";
    let report = json(&run(&[
        "--json",
        "--carrier",
        "unicom",
        "--answers",
        answers,
    ]));
    assert_eq!(report["status"], "needs_input");
    assert_eq!(report["question"]["id"], "has_min_term");

    // Not sure of those either: each cause is named as possible, with how
    // to check it on the carrier's own channels and what to do if it applies.
    let answers = format!(
        "{answers},has_min_term=unsure,has_min_term_check=still_unsure,contract_bundled=unsure,contract_bundled_check=still_unsure"
    );
    let report = json(&run(&[
        "--json",
        "--carrier",
        "unicom",
        "--answers",
        &answers,
    ]));
    assert_eq!(report["status"], "diagnosed");
    assert_eq!(report["causes"].as_array().unwrap().len(), 0);
    let possible: Vec<&str> = report["possible_causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(possible, ["contract_lock", "bundling"]);
    for cause in report["possible_causes"].as_array().unwrap() {
        let check = cause["check"].to_string();
        assert!(check.contains("中国联通APP"), "{check}");
        assert!(!cause["if_confirmed"].as_array().unwrap().is_empty());
        assert!(cause["script"].as_str().unwrap().contains("工单号"));
    }
}

#[test]
fn missing_answers_without_a_terminal_give_the_next_question_as_json() {
    let run = run(&["--json", "--carrier", "移动"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let report = json(&run);
    assert_eq!(report["status"], "needs_input");
    assert_eq!(report["carrier"]["id"], "mobile");
    let question = &report["question"];
    assert_eq!(question["id"], "symptom");
    assert!(!question["text"].as_str().unwrap().is_empty());
    let values: Vec<&str> = question["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"code_failed"), "{values:?}");
    assert!(question["choices"][0]["label"].is_string());
    assert!(run.stderr.contains("symptom"), "{}", run.stderr);
}

#[test]
fn missing_answers_in_text_mode_explain_how_to_go_on() {
    let run = run(&["--carrier", "unicom"]);
    assert_eq!(run.code, 3);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("unsub-doctor --answers carrier=unicom,tried=none,symptom=VALUE"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("code_failed"), "{}", run.stderr);
}

#[test]
fn the_step_protocol_reaches_a_diagnosis_one_answer_at_a_time() {
    // A program that always picks the first choice, as a chat bot would relay a user's pick.
    let mut answers: Vec<String> = vec!["carrier=telecom".into()];
    for _ in 0..20 {
        let joined = answers.join(",");
        let run = run(&["--json", "--answers", &joined]);
        let report = json(&run);
        if run.code == 0 {
            assert_eq!(report["status"], "diagnosed");
            assert!(!report["steps"].as_array().unwrap().is_empty());
            return;
        }
        assert_eq!(run.code, 3);
        let question = &report["question"];
        answers.push(format!(
            "{}={}",
            question["id"].as_str().unwrap(),
            question["choices"][0]["value"].as_str().unwrap()
        ));
    }
    panic!("no diagnosis after 20 answers: {answers:?}");
}

#[test]
fn a_bad_question_id_or_value_exits_2_with_the_valid_ones() {
    let run1 = run(&["--answers", "carrier=mobile,symptm=no_option"]);
    assert_eq!(run1.code, 2);
    assert!(run1.stderr.contains("没有问题 `symptm`"), "{}", run1.stderr);
    assert!(run1.stderr.contains("是不是 `symptom`"), "{}", run1.stderr);
    let english = run(&[
        "--lang",
        "en",
        "--answers",
        "carrier=mobile,symptm=no_option",
    ]);
    assert!(
        english.stderr.contains("unknown question `symptm`"),
        "{}",
        english.stderr
    );
    assert!(
        english.stderr.contains("did you mean `symptom`"),
        "{}",
        english.stderr
    );

    let run2 = run(&["--json", "--carrier", "vodafone"]);
    assert_eq!(run2.code, 2);
    assert!(
        run2.stderr.contains("mobile, unicom, telecom"),
        "{}",
        run2.stderr
    );
    // With --json the error is on stdout too, as one JSON object.
    assert_eq!(json(&run2)["error"]["code"], "bad_answer");

    let run3 = run(&["--answers", "carrier=mobile,symptom=brokn"]);
    assert_eq!(run3.code, 2);
    assert!(
        run3.stderr
            .contains("no_option, refused, code_failed, still_active, refused_no_reason, main_card_only, not_ordered, charged_more, auto_added, unsure"),
        "{}",
        run3.stderr
    );

    let run4 = run(&["--answers", "carrier"]);
    assert_eq!(run4.code, 2);
    assert!(run4.stderr.contains("ID=VALUE"), "{}", run4.stderr);

    let run5 = run(&["--format", "yaml"]);
    assert_eq!(run5.code, 2);
}

#[test]
fn questions_lists_every_id_and_value() {
    let list = json(&run(&["questions", "--format", "json"]));
    let questions = list["questions"].as_array().unwrap();
    assert_eq!(questions[0]["id"], "carrier");
    let carrier_values: Vec<&str> = questions[0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(carrier_values, ["mobile", "unicom", "telecom"]);
    for question in questions {
        assert!(
            !question["choices"].as_array().unwrap().is_empty(),
            "{question}"
        );
        assert!(!question["text"].as_str().unwrap().is_empty());
    }
    // Every answer used in the paths above is a listed id and value.
    for (_, answers) in PATHS {
        for pair in answers.split(',') {
            let (id, value) = pair.split_once('=').unwrap();
            let question = questions
                .iter()
                .find(|q| q["id"] == id)
                .unwrap_or_else(|| panic!("{id}"));
            assert!(
                question["choices"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["value"] == value),
                "{pair}"
            );
        }
    }

    let text = run(&["questions", "--lang", "en"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout
            .contains("Which carrier is your phone number with?")
    );
    assert!(text.stdout.contains("cmcc"));
}

#[test]
fn text_output_is_plain_when_piped_and_colored_on_request() {
    let args = ["--carrier", "mobile", "--answers", PATHS[4].1];
    let plain = run(&args);
    assert_eq!(plain.code, 0);
    assert!(!plain.stdout.contains('\u{1b}'));
    assert!(plain.stdout.contains("[account_status]"));
    assert!(plain.stdout.contains("10086"));
    assert!(plain.stdout.contains("依据"));

    let colored = run(&[&args[..], &["--color", "always"]].concat());
    assert!(colored.stdout.contains("\u{1b}["));
    let never = run_with_env(&[&args[..], &["--color", "never"]].concat(), &[]);
    assert!(!never.stdout.contains('\u{1b}'));
}

#[test]
fn english_comes_from_the_flag_or_the_locale() {
    let args = ["--carrier", "telecom", "--answers", PATHS[2].1];
    let zh = run(&args);
    assert!(zh.stdout.contains("退订已提交，尚未生效"));
    let en = run_with_env(&args, &[("LANG", "en_US.UTF-8")]);
    assert!(
        en.stdout.contains("The request is still pending"),
        "{}",
        en.stdout
    );
    let flag = run(&[&args[..], &["--lang", "en"]].concat());
    assert!(flag.stdout.contains("The request is still pending"));
    let zh_flag = run_with_env(
        &[&args[..], &["--lang", "zh"]].concat(),
        &[("LANG", "en_US.UTF-8")],
    );
    assert!(zh_flag.stdout.contains("退订已提交"));
}

#[test]
fn help_documents_the_exit_codes() {
    let run = run(&["--help"]);
    assert_eq!(run.code, 0);
    for line in ["0 ", "2 ", "3 ", "4 ", "130"] {
        assert!(run.stdout.contains(line), "{line}");
    }
    assert!(run.stdout.contains("--answers"));
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn broken_rule_files_exit_4_and_name_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    // An id defined twice in one pack, a dangling `next`, a cycle.
    write(dir.path(), "broken.toml", common::BROKEN_NODES);
    // An unknown key.
    write(
        dir.path(),
        "typo.toml",
        "[[cause]]\nid = \"x\"\ntitle = { zh = \"甲\", en = \"A\" }\nexplaination = \"typo\"\n",
    );
    let run = run(&[
        "--rules",
        dir.path().to_str().unwrap(),
        "--carrier",
        "mobile",
    ]);
    assert_eq!(run.code, 4, "{}", run.stderr);
    let broken = dir.path().join("broken.toml").display().to_string();
    let typo = dir.path().join("typo.toml").display().to_string();
    for expected in [
        format!("{typo}:4:1: unknown field `explaination`"),
        format!("{broken}:15:6: duplicate node id `loop_b` (first defined at {broken}:7:6)"),
        format!("{broken}:11:57: unknown node `nowhere` in `next` of `loop_b`"),
        "cycle: `loop_a` -> `loop_b` -> `loop_a`".to_owned(),
    ] {
        assert!(
            run.stderr.contains(&expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
    assert!(run.stdout.is_empty());
}

#[test]
fn a_step_needing_a_channel_a_carrier_lacks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wrong_code = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/wrong_code.toml"
    ))
    .unwrap();
    // Offer China Mobile's SMS command to every carrier.
    let broken = wrong_code.replacen("carriers = [\"mobile\"]\n", "", 1);
    assert_ne!(broken, wrong_code);
    write(dir.path(), "wrong_code.toml", &broken);
    let run = run(&["--rules", dir.path().to_str().unwrap(), "questions"]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr
            .contains("needs channel `sms_unsubscribe`, which carrier `unicom` lacks"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("which carrier `telecom` lacks"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rules_directory_overrides_definitions_by_id_and_adds_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    // One fact replaced, one added; everything else stays built in.
    write(
        dir.path(),
        "province.toml",
        r#"
[[fact]]
id = "mobile.hotline"
carrier = "mobile"
channel = "hotline"
value = "10086"
label = { zh = "中国移动客服热线（省内）", en = "China Mobile hotline (in the province)" }
source = "a province page"
confidence = "high"
verified = 2026-01-01

[[fact]]
id = "province.note"
value = "x"
label = { zh = "甲", en = "A" }
source = "s"
confidence = "high"
verified = 2026-01-01
"#,
    );
    let run = run(&[
        "--json",
        "--rules",
        dir.path().to_str().unwrap(),
        "--carrier",
        "mobile",
        "--answers",
        PATHS[3].1,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run);
    let hotline = report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["channel"]["kind"] == "hotline")
        .unwrap();
    assert_eq!(hotline["channel"]["label"], "中国移动客服热线（省内）");
    let source = report["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "mobile.hotline")
        .unwrap();
    assert_eq!(source["title"], "a province page");

    let missing = dir.path().join("does-not-exist");
    let run = self::run(&["--rules", missing.to_str().unwrap(), "questions"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("无法读取规则目录"), "{}", run.stderr);
}

#[test]
fn markdown_and_plain_output_read_well_anywhere() {
    let args = ["--carrier", "mobile", "--answers", PATHS[0].1];
    let markdown = run(&[&args[..], &["--format", "markdown"]].concat());
    assert_eq!(markdown.code, 0);
    assert!(
        markdown.stdout.starts_with("# 诊断结果  中国移动\n"),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown.stdout.contains("\n## 怎么做\n\n1. "),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown.stdout.contains("\n- [ ] 合同或电子协议"),
        "{}",
        markdown.stdout
    );
    assert!(!markdown.stdout.contains('\u{1b}'));

    for plain in [
        run(&[&args[..], &["--plain", "--color", "always"]].concat()),
        run_with_env(&args, &[("TERM", "dumb")]),
    ] {
        assert_eq!(plain.code, 0);
        assert!(!plain.stdout.contains('\u{1b}'), "no escape codes");
        for symbol in ['•', '●', '·'] {
            assert!(!plain.stdout.contains(symbol), "{symbol} in plain output");
        }
        assert!(
            plain.stdout.contains("  * 合约期限制 [contract_lock]"),
            "{}",
            plain.stdout
        );
    }
}

/// Story P6: unsubscribed in the app on 11-15, the SMS said 次月生效, and on
/// 12-01 this month was charged. The dates settle it: charges must stop
/// from 2026-12-01, so a December charge for the package is not expected.
#[test]
fn story_p6() {
    let answers = "symptom=still_active,submitted_via=official,got_confirmation=yes,unsubscribe_date=2026-11-15,effective=next_month";
    let diagnosed = run(&[
        "--json",
        "--carrier",
        "mobile",
        "--today",
        "2026-12-01",
        "--answers",
        answers,
    ]);
    assert_eq!(diagnosed.code, 0, "{}", diagnosed.stderr);
    let report = json(&diagnosed);
    assert_eq!(report["causes"][0]["id"], "pending");
    let stop = &report["timeline"]["charges_stop"];
    assert_eq!(stop["unsubscribed"], "2026-11-15");
    assert_eq!(stop["effective"], "next_month");
    assert_eq!(stop["from"], "2026-12-01");
    assert_eq!(stop["passed"], true);

    // The text names the month from which no charge is expected.
    let text = run(&[
        "--lang",
        "zh",
        "--carrier",
        "mobile",
        "--today",
        "2026-12-01",
        "--answers",
        answers,
    ])
    .stdout;
    assert!(text.contains("2026-12-01 起停止扣费"), "{text}");
    assert!(text.contains("2026-12 起的账单里不应再有"), "{text}");

    // Before that day, the month's charge is expected.
    let report = json(&run(&[
        "--json",
        "--carrier",
        "mobile",
        "--today",
        "2026-11-20",
        "--answers",
        answers,
    ]));
    assert_eq!(report["timeline"]["charges_stop"]["passed"], false);
    // Immediately: the day itself.
    let answers = answers.replace("next_month", "immediately");
    let report = json(&run(&[
        "--json",
        "--carrier",
        "mobile",
        "--today",
        "2026-12-01",
        "--answers",
        &answers,
    ]));
    assert_eq!(report["timeline"]["charges_stop"]["from"], "2026-11-15");
}

#[test]
fn version_says_how_fresh_the_rules_are_and_which_commit_was_built() {
    let facts = json(&run(&["rules", "list", "--facts", "--format", "json"]));
    let newest = facts["facts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["verified"].as_str().unwrap())
        .max()
        .unwrap()
        .to_owned();
    let version = run(&["--version"]);
    assert_eq!(version.code, 0, "{}", version.stderr);
    let line = version.stdout.trim_end();
    let start = format!(
        "unsub-doctor {} (rules checked up to {newest}",
        env!("CARGO_PKG_VERSION")
    );
    let rest = line
        .strip_prefix(&start)
        .unwrap_or_else(|| panic!("{line}"));
    // Built from a git checkout, the commit built is named.
    let manifest = env!("CARGO_MANIFEST_DIR");
    let head = std::process::Command::new("git")
        .args(["-C", manifest, "rev-parse", "--short=7", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success() && Path::new(manifest).join(".git").exists())
        .map(|out| String::from_utf8(out.stdout).unwrap().trim().to_owned());
    match head {
        Some(head) => assert_eq!(rest, format!(", commit {head})")),
        None => assert_eq!(rest, ")"),
    }
    // -V says the same, in either language.
    assert_eq!(run(&["-V", "--lang", "zh"]).stdout, version.stdout);

    // A JSON diagnosis, asking or diagnosed, carries the same date.
    let asking = json(&run(&["--json", "--carrier", "mobile"]));
    assert_eq!(asking["status"], "needs_input");
    assert_eq!(asking["rules_checked"], newest.as_str());
    let diagnosis = json(&run(&[
        "--json",
        "--carrier",
        "mobile",
        "--answers",
        PATHS[0].1,
    ]));
    assert_eq!(diagnosis["status"], "diagnosed");
    assert_eq!(diagnosis["rules_checked"], newest.as_str());
    // With a pack, the date is the newest of the rules in use.
    let dir = tempfile::tempdir().unwrap();
    let fact = "[[fact]]\nid = \"mobile.hotline\"\ncarrier = \"mobile\"\nchannel = \"hotline\"\nvalue = \"10086\"\nlabel = { zh = \"热线\", en = \"Hotline\" }\nsource = \"test\"\nconfidence = \"high\"\nverified = 2099-01-01\n";
    std::fs::write(dir.path().join("fact.toml"), fact).unwrap();
    let rules = dir.path().to_str().unwrap();
    let diagnosis = json(&run(&["--json", "--rules", rules, "--carrier", "mobile"]));
    assert_eq!(diagnosis["rules_checked"], "2099-01-01");
}
