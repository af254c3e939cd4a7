//! Numbers a fact sets are stated through placeholders: a pack that changes
//! the fact changes every text, and `rules check` warns about a number
//! copied into a text.

mod common;

use common::run;

/// The wait before an appeal, changed by a province's layer.
const LONGER_WAIT: &str = r#"[[fact]]
id = "miit.precondition"
value = "已经向被申诉人投诉且对其处理结果不满意或者其未在20日内答复"
period = "P20D"
label = { zh = "测试：20日", en = "Test: 20 days" }
source = "测试用的规则包"
confidence = "high"
verified = 2026-12-01
"#;

/// A small pack whose conclusion copies a number instead of citing its
/// fact, next to an example and a placeholder.
const COPIED: &str = r#"start = "carrier"

[[carrier]]
id = "mobile"
name = { zh = "中国移动", en = "China Mobile" }

[[fact]]
id = "rule.restore"
value = "48小时内恢复"
period = "PT48H"
label = { zh = "恢复服务的时限", en = "Time to restore service" }
source = "test"
confidence = "high"
verified = 2026-12-01

[[question]]
id = "carrier"
text = { zh = "运营商？", en = "Carrier?" }
choices = [{ value = "mobile", label = { zh = "移动", en = "Mobile" }, next = "copied_numbers" }]

[[conclusion]]
id = "copied_numbers"
title = { zh = "抄写的数字", en = "Copied numbers" }
explanation = { zh = "运营商应在48小时内恢复。合约期例如12个月。", en = "The carrier must restore it within 48 hours. A term of, for example, 12 months." }
script = { zh = "请现在办理", en = "Please do it now" }

[[conclusion.step]]
text = { zh = "等{rule.restore.period}", en = "Wait {rule.restore.period}" }
"#;

fn pack(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

#[test]
fn a_pack_that_changes_a_period_changes_every_text_that_states_it() {
    let dir = pack("province.toml", LONGER_WAIT);
    let rules = dir.path().to_str().unwrap();
    let answers = "carrier=mobile,tried=none,symptom=no_option,account_state=suspended";
    for (lang, new, old) in [
        ("zh", "20日内没有答复", "15日"),
        ("en", "within 20 days", "15 days"),
    ] {
        let run = run(&[
            "--lang",
            lang,
            "--plain",
            "--full",
            "--today",
            "2026-12-01",
            "--rules",
            rules,
            "--answers",
            answers,
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(new), "{lang}: {}", run.stdout);
        assert!(
            !run.stdout.contains(old),
            "{lang} still says {old}: {}",
            run.stdout
        );
    }
    // The built-in rules say 15 days, through the same placeholder.
    let run = run(&["--lang", "en", "--plain", "--full", "--answers", answers]);
    assert!(run.stdout.contains("within 15 days"), "{}", run.stdout);
}

#[test]
fn rules_check_warns_about_a_copied_number_but_not_an_example() {
    let dir = pack("copied.toml", COPIED);
    let rules = dir.path().to_str().unwrap();
    let text = run(&[
        "rules",
        "check",
        "--lang",
        "en",
        "--no-builtin",
        "--rules",
        rules,
    ]);
    assert_eq!(text.code, 0, "a warning alone passes: {}", text.stdout);
    assert!(
        text.stdout.contains(
            "warning[copied-number]: the zh text of `copied_numbers` writes the number 48"
        ),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("the en text of `copied_numbers` writes the number 48"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("copied.toml:22:6"), "{}", text.stdout);
    assert!(
        !text.stdout.contains("number 12"),
        "an example is not a copy: {}",
        text.stdout
    );

    let json = common::json(&run(&[
        "rules",
        "check",
        "--json",
        "--no-builtin",
        "--rules",
        rules,
    ]));
    let codes: Vec<&str> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert_eq!(codes, ["copied-number", "copied-number"], "{json:#}");

    let denied = run(&[
        "rules",
        "check",
        "--deny-warnings",
        "--no-builtin",
        "--rules",
        rules,
    ]);
    assert_ne!(denied.code, 0, "{}", denied.stdout);

    // The placeholder reads the fact, in each language.
    let zh = run(&[
        "--no-builtin",
        "--rules",
        rules,
        "--plain",
        "--answers",
        "carrier=mobile",
    ]);
    assert!(zh.stdout.contains("等48小时"), "{}", zh.stdout);
    let en = run(&[
        "--no-builtin",
        "--rules",
        rules,
        "--lang",
        "en",
        "--plain",
        "--answers",
        "carrier=mobile",
    ]);
    assert!(en.stdout.contains("Wait 48 hours"), "{}", en.stdout);
}
