//! Files as other systems save them, and paths as people name them: a rule
//! pack or an answers file with a UTF-8 byte-order mark and CRLF line ends
//! (Notepad, editors on Windows) reads as the same file saved on Linux, and
//! directories and files named in Chinese with spaces work for `--rules`,
//! `--save`, `--resume` and `--out`.

mod common;

use std::path::Path;

use common::{PATHS, json, run, run_within};

const DIAGNOSED: &str = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no";

/// `text` as Notepad saves it: a byte-order mark, then CRLF line ends.
fn windows_text(text: &str) -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    bytes
}

/// A pack that gives China Mobile's hotline a label on two lines.
const HOTLINE_PACK: &str = r#"[[fact]]
id = "mobile.hotline"
carrier = "mobile"
channel = "hotline"
value = "10086"
label.zh = """
中国移动客服热线
（规则包）"""
label.en = """
China Mobile hotline
(from the pack)"""
source = "工业和信息化部通告（2008-04-30）"
confidence = "high"
verified = 2026-12-01
"#;

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_pack_saved_with_a_bom_and_crlf_line_ends_gives_the_same_advice() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("规则 CRLF");
    std::fs::create_dir(&pack).unwrap();
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(rules).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&file).unwrap();
            std::fs::write(pack.join(file.file_name().unwrap()), windows_text(&text)).unwrap();
        }
    }
    let check = run(&["rules", "check", "--no-builtin", "--rules", path(&pack)]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("0 errors, 0 warnings"),
        "{}",
        check.stdout
    );

    for (cause, answers) in PATHS {
        for lang in ["zh", "en"] {
            let args = [
                "--json",
                "--lang",
                lang,
                "--today",
                "2026-11-25",
                "--carrier",
                "mobile",
                "--answers",
                answers,
            ];
            let built_in = run(&args);
            let from_pack = run(&[&["--no-builtin", "--rules", path(&pack)], &args[..]].concat());
            assert_eq!(
                from_pack.code, built_in.code,
                "{cause}: {}",
                from_pack.stderr
            );
            assert_eq!(from_pack.stdout, built_in.stdout, "{cause} ({lang})");
            assert!(
                !from_pack.stdout.contains("\\r"),
                "{cause}: a carriage return is left"
            );
        }
    }
}

#[test]
fn a_multi_line_text_in_a_crlf_file_has_no_carriage_return() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hotline.toml"), windows_text(HOTLINE_PACK)).unwrap();
    let pack = path(dir.path());
    let check = run(&["rules", "check", "--rules", pack]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);

    let run = run(&[
        "--json",
        "--lang",
        "en",
        "--rules",
        pack,
        "--carrier",
        "mobile",
        "--answers",
        DIAGNOSED,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diagnosis = json(&run);
    let hotline = diagnosis["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "mobile.hotline")
        .expect("the hotline is a source");
    assert_eq!(hotline["label"], "China Mobile hotline\n(from the pack)");
}

#[test]
fn a_problem_in_a_file_with_a_bom_is_placed_as_the_editor_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), windows_text("colour = 1\n")).unwrap();
    let run = run(&["rules", "check", "--rules", path(dir.path())]);
    assert_eq!(run.code, 4, "{}", run.stdout);
    let place = format!("{}:1:1", dir.path().join("a.toml").display());
    assert!(run.stdout.contains(&place), "{}", run.stdout);
    assert!(run.stdout.contains("1 | colour = 1\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("feff"), "{}", run.stdout);
}

#[test]
fn paths_in_chinese_with_spaces_work_for_rules_save_resume_and_out() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("我的 案子");
    let pack = dir.join("规则 包");
    std::fs::create_dir_all(&pack).unwrap();
    std::fs::write(pack.join("热线 标签.toml"), HOTLINE_PACK).unwrap();
    let saved = dir.join("我的 情况.toml");
    let letter = dir.join("投诉 信.md");

    // --save with answers missing: the file is written, and the line to go
    // on with quotes the path for the shell.
    let first = run(&[
        "--lang",
        "en",
        "--rules",
        path(&pack),
        "--save",
        path(&saved),
        "--carrier",
        "mobile",
        "--answers",
        "symptom=no_option",
    ]);
    assert_eq!(first.code, 3, "{}", first.stderr);
    let quoted = format!("--resume '{}'", saved.display());
    assert!(first.stderr.contains(&quoted), "{}", first.stderr);
    assert!(
        first
            .stderr
            .contains(&format!("--rules '{}'", pack.display())),
        "{}",
        first.stderr
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("symptom = \"no_option\""), "{text}");

    // --resume from it, with the pack: the pack's label is in the advice.
    let rest = "account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no";
    let second = run(&[
        "--json",
        "--lang",
        "en",
        "--rules",
        path(&pack),
        "--resume",
        path(&saved),
        "--answers",
        rest,
    ]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let diagnosis = json(&second);
    assert_eq!(diagnosis["status"], "diagnosed");
    assert_eq!(diagnosis["carrier"]["id"], "mobile");
    assert!(second.stdout.contains("(from the pack)"));

    // --out writes the letter there, from the same answers file.
    let draft = run(&[
        "--rules",
        path(&pack),
        "draft",
        "complaint",
        "--resume",
        path(&saved),
        "--out",
        path(&letter),
        "--format",
        "markdown",
    ]);
    assert_eq!(draft.code, 0, "{}", draft.stderr);
    let written = std::fs::read_to_string(&letter).unwrap();
    assert!(written.contains("中国移动"), "{written}");
    // Nothing else was left in the directory (no temporary file).
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["我的 情况.toml", "投诉 信.md", "规则 包"]);
}

#[test]
fn an_answers_file_with_a_bom_and_crlf_line_ends_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("情况.toml");
    let text = "# saved on Windows\n[answers]\ncarrier = \"mobile\"\nsymptom = \"no_option\"\naccount_state = \"normal\"\npackage_origin = \"deal\"\nhas_min_term = \"yes\"\ncontract_bundled = \"no\"\n";
    std::fs::write(&saved, windows_text(text)).unwrap();
    let run = run(&["--json", "--resume", path(&saved)]);
    assert_eq!(run.code, 0, "{}\n{text}", run.stderr);
    assert_eq!(json(&run)["causes"][0]["id"], "contract_lock");
}

#[test]
fn a_batch_file_with_a_bom_and_crlf_line_ends_is_read() {
    let input = "\u{feff}{\"carrier\": \"mobile\", \"symptom\": \"code_failed\", \"code_source\": \"website\"}\r\n{\"carrier\": \"unicom\", \"symptom\": \"code_failed\", \"code_source\": \"website\"}\r\n";
    let run = run_within(
        &["batch", "--brief"],
        &[],
        Some(input),
        std::time::Duration::from_secs(30),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for line in lines {
        let result: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(result["status"], "diagnosed", "{line}");
    }
}
