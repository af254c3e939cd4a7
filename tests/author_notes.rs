//! A fact's `author_note` is for rule authors: it travels with the JSON
//! sources, and a user reading the text diagnosis sees only the source's title.

mod common;

use common::{json, run};
use serde_json::Value;

const SUSPENDED: &str = "carrier=mobile,tried=none,symptom=no_option,account_state=suspended";

fn sources(report: &Value) -> &Vec<Value> {
    report["sources"].as_array().unwrap()
}

#[test]
fn the_text_diagnosis_shows_source_titles_and_the_json_keeps_author_notes() {
    let report = json(&run(&["--json", "--answers", SUSPENDED]));
    let notes: Vec<&str> = sources(&report)
        .iter()
        .filter_map(|s| s["author_note"].as_str())
        .collect();
    assert!(!notes.is_empty(), "no source has an author_note: {report}");
    // A fact without a note has no key at all, so older readers see no change.
    assert!(
        sources(&report)
            .iter()
            .any(|s| s.get("author_note").is_none()),
        "{report}"
    );
    for lang in ["zh", "en"] {
        let text = run(&["--plain", "--lang", lang, "--answers", SUSPENDED]);
        assert_eq!(text.code, 0, "{}", text.stderr);
        for remark in ["公开代码", "公开脚本", ".com 转载", "百科类页面"] {
            assert!(
                !text.stdout.contains(remark),
                "{lang}: `{remark}` in\n{}",
                text.stdout
            );
        }
        for note in &notes {
            assert!(!text.stdout.contains(note), "{lang}: `{note}` shown");
        }
    }
}

#[test]
fn an_author_note_in_a_rules_pack_reaches_the_json_and_stays_out_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("province.toml"),
        r#"
[[fact]]
id = "mobile.hotline"
carrier = "mobile"
channel = "hotline"
value = "10086"
label = { zh = "中国移动客服热线", en = "China Mobile customer service hotline" }
source = "某省通信管理局公告（2026-01-01）"
author_note = "见于省局网站的转载页，原文未找到"
confidence = "high"
verified = 2026-01-01
"#,
    )
    .unwrap();
    let pack = dir.path().to_str().unwrap();
    let check = run(&["--rules", pack, "rules", "check"]);
    assert!(check.stdout.contains("0 errors"), "{}", check.stdout);

    let report = json(&run(&["--json", "--rules", pack, "--answers", SUSPENDED]));
    let hotline = sources(&report)
        .iter()
        .find(|s| s["id"] == "mobile.hotline")
        .unwrap();
    assert_eq!(hotline["title"], "某省通信管理局公告（2026-01-01）");
    assert_eq!(hotline["author_note"], "见于省局网站的转载页，原文未找到");

    let text = run(&["--plain", "--rules", pack, "--answers", SUSPENDED]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("某省通信管理局公告（2026-01-01）"));
    assert!(!text.stdout.contains("原文未找到"), "{}", text.stdout);
}
