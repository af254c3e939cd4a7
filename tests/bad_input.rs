//! The catalogue of bad input (docs/bad-input.md), one test per row: what a
//! person sees and the exit code. Every run has a time limit, so a hang fails
//! its test; a panic or a signal fails it too (the helpers insist on an exit
//! code, and a panic would say "internal error").

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use common::bash::Bash;
use common::pty::{CTRL_C, ENTER, answer, finish, spawn_with};
use common::{Run, run, run_within};

const DIAGNOSED: &str = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no";

/// Defines each catalogue test and the list of their names, which must be
/// the ids of docs/bad-input.md's table (with `-` for `_`).
macro_rules! catalogue {
    ($(fn $name:ident() $body:block)*) => {
        $(#[test] fn $name() $body)*
        const CATALOGUE: &[&str] = &[$(stringify!($name)),*];
    };
}

/// Chinese ids that differ only in punctuation (a `--no-builtin` pack).
const MERMAID_PACK: &str = r#"start = "carrier"
[[carrier]]
id = "mobile"
name = { zh = "M", en = "M" }
[[cause]]
id = "x"
title = { zh = "X", en = "X" }
[[question]]
id = "carrier"
text = { zh = "c", en = "c" }
choices = [ { value = "mobile", label = { zh = "m", en = "m" }, next = "问题一" } ]
[[question]]
id = "问题一"
text = { zh = "第一题", en = "first" }
choices = [ { value = "a", label = { zh = "a", en = "a" }, next = "结论-1" }, { value = "b", label = { zh = "b", en = "b" }, next = "问题二" } ]
[[question]]
id = "问题二"
text = { zh = "第二题", en = "second" }
choices = [ { value = "a", label = { zh = "a", en = "a" }, next = "结论_1" } ]
[[conclusion]]
id = "结论-1"
cause = "x"
explanation = { zh = "e1", en = "e1" }
confirm = [{ zh = "c", en = "c" }]
script = { zh = "s", en = "s" }
prevention = [{ zh = "p", en = "p" }]
step = [ { text = { zh = "d", en = "d" } } ]
[[conclusion]]
id = "结论_1"
title = { zh = "other", en = "other" }
explanation = { zh = "e2", en = "e2" }
script = { zh = "s", en = "s" }
step = [ { text = { zh = "d", en = "d" } } ]
"#;

/// A rule pack directory holding `files` (name, bytes).
fn pack(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn check_pack(dir: &Path) -> Run {
    run(&[
        "--rules",
        dir.to_str().unwrap(),
        "rules",
        "check",
        "--lang",
        "en",
    ])
}

/// No run may end in a panic: the hook's one line never shows.
fn assert_no_panic(run: &Run) {
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains("internal error") && !text.contains("panicked"),
            "{text}"
        );
    }
}

fn assert_exit(run: &Run, code: i32, stderr_has: &str) {
    assert_no_panic(run);
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains(stderr_has), "no {stderr_has:?} in:\n{all}");
}

fn diagnose_with(args: &[&str]) -> Run {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    run(&all)
}

catalogue! {
    // Rule packs.

    fn malformed_toml() {
        let dir = pack(&[("a.toml", b"[[question]\nid = \"x\"\n")]);
        assert_exit(&check_pack(dir.path()), 4, "error[syntax]");
        assert_exit(&check_pack(dir.path()), 4, "a.toml:1:");
    }

    fn empty_file() {
        let dir = pack(&[("a.toml", b"")]);
        let run = run(&["--rules", dir.path().to_str().unwrap(), "--json", "--carrier", "mobile", "--answers", DIAGNOSED]);
        assert_exit(&run, 0, "\"status\": \"diagnosed\"");
    }

    fn binary_file() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let dir = pack(&[("a.toml", &bytes)]);
        assert_exit(&check_pack(dir.path()), 4, "error[not-utf8]");
    }

    fn not_utf8() {
        // "你好" in GBK, as an editor set to a Chinese code page saves it.
        let dir = pack(&[("a.toml", b"start = \"x\"\n# \xc4\xe3\xba\xc3\n")]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "error[not-utf8]: rule file is not UTF-8 text; save it as UTF-8");
        assert!(run.stdout.contains("a.toml:2:3"), "{}", run.stdout);
    }

    fn file_too_large() {
        let big = vec![b'#'; rules_limit() + 1];
        let dir = pack(&[("a.toml", &big)]);
        assert_exit(&check_pack(dir.path()), 4, "error[too-large]: rule file is larger than 8 MB");
    }

    fn pack_too_large() {
        // Nine files just under the file limit; each starts with a byte that
        // is not UTF-8, so none is parsed and the test stays quick.
        let mut file = vec![b'#'; rules_limit() - 1];
        file[0] = 0xff;
        let names: Vec<String> = (0..9).map(|i| format!("p{i}.toml")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), file.as_slice())).collect();
        let dir = pack(&files);
        assert_exit(&check_pack(dir.path()), 4, "error[pack-too-large]: the rule files together are larger than 64 MB");
    }

    fn deep_nesting() {
        let text = format!("a = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[syntax]");
    }

    fn long_line() {
        let text = format!("x = \"{}\" oops\n", "长".repeat(100_000));
        let dir = pack(&[("a.toml", text.as_bytes())]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "error[syntax]");
        // The snippet is a window of the line, not all of it.
        assert!(run.stdout.len() < 2_000, "{} bytes", run.stdout.len());
        assert!(run.stdout.contains('…'), "{}", run.stdout);
    }

    fn long_text() {
        let text = format!(
            "[[cause]]\nid = \"wrong_code\"\ntitle = {{ zh = \"{}\", en = \"x\" }}\n",
            "长".repeat(20_000)
        );
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[too-long]: a text is 20000 characters long, more than 10000");
    }

    fn long_id() {
        let text = format!("[[cause]]\nid = \"{}\"\ntitle = {{ zh = \"x\", en = \"x\" }}\n", "c".repeat(300));
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "is 300 bytes long, more than 100");
    }

    fn unknown_key() {
        let dir = pack(&[("a.toml", b"[[cause]]\nid = \"wrong_code\"\ntitel = { zh = \"x\", en = \"x\" }\n")]);
        assert_exit(&check_pack(dir.path()), 4, "error[unknown-key]");
        assert_exit(&check_pack(dir.path()), 4, "a.toml:3:1");
    }

    fn duplicate_id() {
        let cause = "[[cause]]\nid = \"twice\"\ntitle = { zh = \"x\", en = \"x\" }\n";
        let dir = pack(&[("a.toml", format!("{cause}{cause}").as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "duplicate cause id `twice`");
    }

    fn dangling_reference() {
        let text = "[[conclusion]]\nid = \"wrong_code\"\ncause = \"no_such_cause\"\nexplanation = { zh = \"x\", en = \"x\" }\n";
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "unknown cause `no_such_cause`");
    }

    fn cycle() {
        let text = "[[question]]\nid = \"code_source\"\ntext = { zh = \"x\", en = \"x\" }\nchoices = [ { value = \"a\", label = { zh = \"a\", en = \"a\" }, next = \"symptom\" } ]\n";
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[cycle]");
    }

    fn unanswerable_spelling() {
        // Found by fuzzing: such a pack loaded, and its answer could never be given.
        let text = "[[detail]]\nid = \"ticket=2\"\nkind = \"choice\"\ntext = { zh = \"t\", en = \"t\" }\nchoices = [ { value = \"yes \", label = { zh = \"是\", en = \"yes\" } } ]\nask_in = [\"diagnose\"]\n";
        let dir = pack(&[("a.toml", text.as_bytes())]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "error[unanswerable]: id `ticket=2` holds `=`, which ends an id in `--answers ID=VALUE`: it could never be answered");
        assert_exit(&run, 4, "choice `yes ` of `ticket=2` begins or ends with a space");
    }

    fn escape_sequences_in_rules() {
        let title = "清屏\\u001b[2J改标题\\u001b]0;title\\u0007";
        let text = format!("[[cause]]\nid = \"contract_lock\"\ntitle = {{ zh = \"{title}\", en = \"{title}\" }}\n");
        let dir = pack(&[("a.toml", text.as_bytes())]);
        // On a terminal, with colors: the texts show as escapes, never act.
        let args = ["--rules", dir.path().to_str().unwrap(), "--carrier", "mobile", "--answers", DIAGNOSED, "--color", "always", "--no-input"];
        let session = spawn_with(&args, &[], true);
        let (output, code) = finish(session);
        assert_eq!(code, 0, "{output}");
        assert!(output.contains("清屏\\x1b[2J改标题\\x1b]0;title\\x07"), "{output:?}");
        assert!(!output.contains("\x1b[2J") && !output.contains("\x1b]0;") && !output.contains('\x07'), "{output:?}");
        // JSON escapes them as JSON does.
        let json = run(&["--rules", dir.path().to_str().unwrap(), "--json", "--carrier", "mobile", "--answers", DIAGNOSED]);
        assert!(json.stdout.contains("\\u001b[2J"), "{}", json.stdout);
        // And the rule author's report shows them too.
        let check = check_pack(dir.path());
        assert!(!check.stdout.contains('\x1b') && !check.stdout.contains('\x07'), "{:?}", check.stdout);
    }

    fn hidden_characters_in_json() {
        let dir = pack(&[("x.toml", "[[question]]\nid = \"q\\u202eevil\\u007f\\u009b\\u2066\"\ntext = { zh = \"t\", en = \"t\" }\n".as_bytes())]);
        let run = run(&["rules", "check", "--json", "--rules", dir.path().to_str().unwrap()]);
        assert_exit(&run, 4, "");
        let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("rules check --json stays JSON");
        assert!(report["problems"].as_array().is_some_and(|p| !p.is_empty()), "{report}");
        assert!(run.stdout.contains("\\u202e") && run.stdout.contains("\\u009b"), "{}", run.stdout);
        assert!(!run.stdout.contains(['\u{202e}', '\u{7f}', '\u{9b}', '\u{2066}']), "{}", run.stdout);
    }

    fn hidden_characters_in_text() {
        let title = "a\\u200bb\\u200dc\\u061cd\\ufeffe\\u2028f\\u2029g";
        let layer = format!("[[cause]]\nid = \"contract_lock\"\ntitle = {{ zh = \"{title}\", en = \"{title}\" }}\n");
        let dir = pack(&[("x.toml", layer.as_bytes())]);
        let run = run(&["--rules", dir.path().to_str().unwrap(), "--carrier", "mobile", "--answers", DIAGNOSED, "--explain"]);
        assert_exit(&run, 0, "");
        assert!(run.stdout.contains("a\\u{200b}b"), "the title is shown, escaped:\n{}", run.stdout);
        for c in ['\u{200b}', '\u{200d}', '\u{061c}', '\u{feff}', '\u{2028}', '\u{2029}'] {
            assert!(!run.stdout.contains(c), "{c:?} passed unescaped:\n{}", run.stdout);
        }
    }

    fn non_ascii_ids_in_graph() {
        // `结论-1` and `结论_1` once became the same Mermaid node, drawing a false edge.
        let dir = pack(&[("a.toml", MERMAID_PACK.as_bytes())]);
        let run = run(&["rules", "graph", "--format", "mermaid", "--no-builtin", "--rules", dir.path().to_str().unwrap()]);
        assert_exit(&run, 0, "");
        let names: std::collections::HashSet<&str> = run
            .stdout
            .lines()
            .filter(|l| l.contains("[\"") || l.contains("{\""))
            .filter_map(|l| l.trim().split(['{', '(']).next())
            .collect();
        assert_eq!(names.len(), 5, "five distinct nodes:\n{}", run.stdout);
    }

    fn link_out_of_the_pack() {
        // `ln -s /proc/self/environ p/a.toml` once put the environment into error snippets.
        let dir = pack(&[]);
        std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("a.toml")).unwrap();
        let run = check_pack(dir.path());
        assert_exit(&run, 1, "it is a link to a file outside the rules directory, and was not read");
        assert!(!run.stderr.contains("PATH=") && !run.stderr.contains("HOME="), "{}", run.stderr);
    }

    fn newline_in_file_name() {
        // A file named `a<newline>error[fake]: b.toml` once printed a fake problem line.
        let dir = pack(&[("a\nerror[fake]: b.toml", b"[[cause]]\nid = 1\n")]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "");
        assert!(run.stdout.contains("a\\nerror[fake]: b.toml:2:6"), "{}", run.stdout);
        assert!(!run.stdout.lines().any(|l| l.starts_with("error[fake]")), "{}", run.stdout);
    }

    fn empty_rules_directory() {
        let dir = pack(&[("notes.txt", b"not rules")]);
        let run = run(&["--rules", dir.path().to_str().unwrap(), "--lang", "en", "--carrier", "mobile", "--answers", DIAGNOSED]);
        assert_exit(&run, 0, "holds no rule files (*.toml): that layer is empty");
        assert!(run.stdout.contains("Minimum-term contract"), "the built-in rules still answer:\n{}", run.stdout);
    }

    fn include_attempt() {
        // Rule files are data: there is no key that reads another file.
        let dir = pack(&[("a.toml", b"include = \"/etc/passwd\"\n")]);
        assert_exit(&check_pack(dir.path()), 4, "error[unknown-key]");
    }

    fn fifo_in_pack() {
        let dir = pack(&[]);
        let fifo = dir.path().join("a.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        // Not a regular file: skipped, and nothing waits for a writer.
        assert_exit(&check_pack(dir.path()), 0, "0 errors");
    }

    fn rules_dir_missing() {
        assert_exit(&run(&["--lang", "en", "--rules", "/no/such/dir", "rules", "check"]), 1, "cannot read rules directory `/no/such/dir`");
    }

    fn rules_dir_is_a_file() {
        let dir = pack(&[("a.toml", b"")]);
        let file = dir.path().join("a.toml");
        let run = run(&["--lang", "en", "--rules", file.to_str().unwrap(), "rules", "check"]);
        assert_exit(&run, 1, "Not a directory");
    }

    fn rules_file_unreadable() {
        // A file no one can read, even root (/proc/self/mem): as a link out
        // of the pack it is refused before any read, with the same message.
        let dir = pack(&[]);
        std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("a.toml")).unwrap();
        assert_exit(&check_pack(dir.path()), 1, "cannot read rule file");
    }

    // Answers.

    fn unknown_carrier() {
        assert_exit(&diagnose_with(&["--carrier", "vodafone"]), 2, "mobile, unicom, telecom");
    }

    fn unknown_question_id() {
        assert_exit(&diagnose_with(&["--answers", "symptm=no_option"]), 2, "symptom");
    }

    fn invalid_value() {
        assert_exit(&diagnose_with(&["--answers", "symptom=broken"]), 2, "no_option, refused, code_failed, still_active, refused_no_reason, main_card_only, not_ordered, charged_more, auto_added, unsure");
    }

    fn answered_twice_differently() {
        assert_exit(&diagnose_with(&["--answers", "symptom=refused,symptom=no_option"]), 2, "answered twice");
    }

    fn missing_equals() {
        assert_exit(&diagnose_with(&["--answers", "symptom"]), 2, "ID=VALUE");
    }

    fn empty_value() {
        assert_exit(&diagnose_with(&["--answers", "symptom="]), 2, "no_option, refused");
    }

    fn non_utf8_argument() {
        use std::os::unix::ffi::OsStrExt as _;
        let arg = std::ffi::OsStr::from_bytes(b"carrier=\xff\xfe");
        let child = common::command(&["--answers"])
            .arg(arg)
            .env("LANG", "en_US.UTF-8")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let output = within_ten_seconds(child);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("invalid UTF-8"));
    }

    fn escape_in_argument() {
        let run = diagnose_with(&["--carrier", "\x1b]0;title\x07"]);
        assert_exit(&run, 2, "\\x1b]0;title\\x07");
        assert!(!run.stderr.contains('\x1b') && !run.stderr.contains('\x07'), "{:?}", run.stderr);
    }

    fn today_malformed() {
        assert_exit(&diagnose_with(&["--today", "2026-13-01", "--carrier", "mobile", "--answers", DIAGNOSED]), 2, "2026-13-01");
    }

    fn resume_file_malformed() {
        let dir = pack(&[("saved.toml", b"[answers\n")]);
        let run = diagnose_with(&["--resume", dir.path().join("saved.toml").to_str().unwrap()]);
        assert_exit(&run, 2, "answers file");
    }

    fn batch_line_not_json() {
        let input = "{\"carrier\":\"mobile\"}\nnot json\n{\"carrier\":\"ctcc\"}\n";
        let run = run_within(&["batch", "--brief", "--lang", "en"], &[], Some(input), Duration::from_secs(10));
        assert_exit(&run, 0, "line 2: not a JSON object of answers");
        assert_eq!(run.stdout.lines().count(), 3);
    }

    fn batch_line_not_utf8() {
        let dir = pack(&[("cases.jsonl", b"{\"carrier\":\"mobile\"}\n\xff\xfe\n{\"carrier\":\"ctcc\"}\n")]);
        let run = run(&["batch", "--brief", "--lang", "en", dir.path().join("cases.jsonl").to_str().unwrap()]);
        assert_exit(&run, 0, "line 2: the line is not UTF-8 text");
        assert_eq!(run.stdout.lines().count(), 3);
    }

    fn batch_directory() {
        let dir = pack(&[]);
        let run = run(&["batch", "--lang", "en", dir.path().to_str().unwrap()]);
        assert_exit(&run, 1, &format!("cannot read `{}`: it is a directory", dir.path().display()));
    }

    fn date_as_written_in_chinese() {
        let answers = format!("{DIAGNOSED},complaint=no_reply,complaint_date=2026年11月10日");
        let run = run(&["--carrier", "mobile", "--today", "2026-12-01", "--json", "--answers", &answers]);
        assert_exit(&run, 0, "");
        assert!(run.stdout.contains("\"complaint_date\": \"2026-11-10\""), "{}", run.stdout);
    }

    fn date_in_the_future() {
        let answers = format!("{DIAGNOSED},first_charge_date=9999-12-31");
        let run = run(&["--carrier", "mobile", "--today", "2026-12-01", "--lang", "en", "--answers", &answers]);
        assert_exit(&run, 2, "`first_charge_date` is a day that has happened, so not after today (2026-12-01), not `9999-12-31`");
    }

    fn questions_list_details() {
        let json_run = run(&["questions", "--json"]);
        assert_eq!(json_run.code, 0, "{}", json_run.stderr);
        let json = common::json(&json_run);
        let kind = |id: &str| {
            json["details"].as_array().unwrap().iter().find(|d| d["id"] == id).map(|d| d["kind"].as_str().unwrap().to_owned())
        };
        assert_eq!(kind("complaint_date").as_deref(), Some("date"));
        assert_eq!(kind("complaint").as_deref(), Some("choice"));
        assert_eq!(kind("complaint_ticket").as_deref(), Some("text"));
        assert_eq!(kind("first_charge_date").as_deref(), Some("date"));
        let text = run(&["--lang", "en", "questions"]);
        assert!(text.stdout.contains("complaint_date  YYYY-MM-DD"), "{}", text.stdout);
    }

    fn verified_in_the_future() {
        let fact = "[[fact]]\nid = \"mobile.hotline\"\ncarrier = \"mobile\"\nchannel = \"hotline\"\nvalue = \"10086\"\nlabel.zh = \"x\"\nlabel.en = \"x\"\nsource = \"s\"\nconfidence = \"high\"\nverified = 9999-01-01\n";
        let dir = pack(&[("a.toml", fact.as_bytes())]);
        let run = run(&["--lang", "en", "rules", "check", "--rules", path(dir.path())]);
        assert_exit(&run, 0, "warning[stale-fact]: fact `mobile.hotline` says it was checked on 9999-01-01, which is after today (");
    }

    fn followup_without_answer() {
        let dir = pack(&[]);
        let case = dir.path().join("case.toml");
        let answers = format!("{DIAGNOSED},tried=none");
        let saved = run(&["--carrier", "mobile", "--answers", &answers, "--save", path(&case), "--no-input"]);
        assert_eq!(saved.code, 0, "{}", saved.stderr);
        let before = fs::read_to_string(&case).unwrap();
        let run = run(&["--lang", "en", "followup", "--resume", path(&case), "--no-input"]);
        assert_exit(&run, 3, "followup_worked=yes");
        assert_eq!(fs::read_to_string(&case).unwrap(), before, "the file is untouched");
    }

    fn batch_line_too_long() {
        let long = format!("{{\"carrier\":\"{}\"}}\n", "m".repeat(unsub_doctor::commands::batch::MAX_LINE_BYTES));
        let input = format!("{long}{{\"carrier\":\"ctcc\"}}\n");
        let run = run_within(&["batch", "--brief", "--lang", "en"], &[], Some(&input), Duration::from_secs(10));
        assert_exit(&run, 0, "line 1: the line is longer than 1 MiB (1048576 bytes) and was not read");
        assert_eq!(run.stdout.lines().count(), 2);
        assert!(run.stdout.lines().nth(1).unwrap().contains("\"carrier\":\"telecom\""), "{}", run.stdout);
    }

    fn batch_endless_line() {
        // `/dev/zero` has no line end: the error comes at once, and memory stays flat while the rest is skipped.
        let mut child = common::command(&["batch", "--brief", "--lang", "en", "/dev/zero"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(first.contains("line 1: the line is longer than 1 MiB"), "{first}");
        let peak_kb: u64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).unwrap().trim().trim_end_matches(" kB").parse().unwrap();
        assert!(peak_kb < 64 * 1024, "peak memory {peak_kb} kB");
    }

    fn batch_key_twice() {
        let input = "{\"carrier\":\"mobile\",\"carrier\":\"unicom\"}\n{\"carrier\":\"ctcc\"}\n";
        let run = run_within(&["batch", "--brief", "--lang", "en"], &[], Some(input), Duration::from_secs(10));
        assert_exit(&run, 0, "line 1: `carrier` is given twice on the line");
        assert_eq!(run.stdout.lines().count(), 2);
    }

    fn spaces_around_an_answer() {
        // Found by fuzzing: an answers file kept the spaces that --answers
        // trims, so the line to go on with gave other answers than the run.
        let dir = pack(&[("case.toml", "[answers]\ncarrier = \" unicom \"\ncomplaint_ticket = \" YD 2026 \"\n".as_bytes())]);
        let case = dir.path().join("case.toml");
        let resumed = diagnose_with(&["--resume", path(&case), "--json"]);
        assert_exit(&resumed, 3, "needs_input");
        let report: serde_json::Value = serde_json::from_str(&resumed.stdout).unwrap();
        assert_eq!(report["answers"]["carrier"], "unicom");
        assert_eq!(report["answers"]["complaint_ticket"], "YD 2026");
        let go_on = diagnose_with(&["--resume", path(&case)]);
        assert_exit(&go_on, 3, "--answers 'carrier=unicom,tried=none,complaint_ticket=YD 2026,symptom=VALUE'");
        let line = "{\"carrier\":\" unicom \",\"complaint_ticket\":\" YD 2026 \"}\n";
        let batch = run_within(&["batch", "--lang", "en"], &[], Some(line), Duration::from_secs(10));
        assert_exit(&batch, 0, "1 need more answers, 0 errors");
        let result: serde_json::Value = serde_json::from_str(&batch.stdout).unwrap();
        assert_eq!(result["answers"]["complaint_ticket"], "YD 2026");
    }

    // The command line.

    fn option_before_subcommand() {
        // The diagnosis' options before a command's name would be ignored: refused, saying where they go.
        let dir = pack(&[]);
        let saved = dir.path().join("x.toml");
        let cases: &[&[&str]] = &[
            &["--save", saved.to_str().unwrap(), "draft", "complaint", "--carrier", "mobile", "--answers", DIAGNOSED],
            &["--carrier", "unicom", "draft", "complaint", "--answers", DIAGNOSED],
            &["--json", "questions"],
            &["--carrier", "mobile", "--answers", DIAGNOSED, "why-not", "bundling"],
            &["--today", "2026-01-01", "batch"],
        ];
        for args in cases {
            let run = diagnose_with(args);
            assert_exit(&run, 2, "cannot be used with");
            assert!(run.stderr.contains("tip: options of a command go after its name"), "{}", run.stderr);
        }
        assert!(!saved.exists());
        let chinese = run(&["--lang", "zh", "--carrier", "unicom", "draft", "complaint"]);
        assert_exit(&chinese, 2, "`--carrier` 不能和 `draft` 一起用；命令的选项要写在命令名后面");
        // The options every command takes apply wherever they stand.
        let multi = pack(&[("a.toml", common::MULTI_PACK.as_bytes())]);
        let rules = multi.path().to_str().unwrap();
        for args in [["--no-builtin", "--rules", rules, "questions"], ["questions", "--no-builtin", "--rules", rules]] {
            let run = diagnose_with(&args);
            assert_exit(&run, 0, "tried");
            assert!(!run.stdout.contains("symptom"), "{}", run.stdout);
        }
    }

    // Completion at the Tab key, in an interactive bash with the script of
    // `completions bash` sourced (tests/common/bash.rs).

    fn completion_subcommand() {
        let mut bash = Bash::start();
        assert_eq!(bash.line_after("unsub-doctor dr\t"), "unsub-doctor draft ");
        // After the subcommand too, where the written script completed nothing.
        assert_eq!(bash.line_after("unsub-doctor draft complaint --ou\t"), "unsub-doctor draft complaint --out ");
    }

    fn completion_answers_value() {
        let mut bash = Bash::start();
        let typed = bash.typed("unsub-doctor --answers symptom=\t\t");
        assert_eq!(typed.line, "unsub-doctor --answers symptom=", "not symptom==");
        for value in ["no_option", "still_active", "charged_more", "unsure"] {
            assert!(typed.screen.contains(value), "{value} is offered: {}", typed.screen);
        }
        // No space after a value: a comma and the next answer may follow.
        assert_eq!(bash.line_after("unsub-doctor --answers symptom=st\t"), "unsub-doctor --answers symptom=still_active");
    }

    fn completion_after_comma() {
        let mut bash = Bash::start();
        assert_eq!(
            bash.line_after("unsub-doctor --answers carrier=unicom,sy\t"),
            "unsub-doctor --answers carrier=unicom,symptom="
        );
        assert_eq!(
            bash.line_after("unsub-doctor --answers carrier=unicom,symptom=st\t"),
            "unsub-doctor --answers carrier=unicom,symptom=still_active"
        );
        // An id already answered is not offered again. (bash lists what
        // follows the word's last `=`.)
        let typed = bash.typed("unsub-doctor --answers carrier=unicom,\t\t");
        let offered: Vec<&str> = typed.screen.split_whitespace().collect();
        assert!(offered.contains(&"unicom,symptom="), "{}", typed.screen);
        assert!(!offered.contains(&"unicom,carrier="), "{}", typed.screen);
    }

    fn completion_escaped_comma() {
        let mut bash = Bash::start();
        // In quotes, as the README writes it; readline closes the quote.
        assert_eq!(
            bash.line_after("unsub-doctor --answers 'complaint_ticket=YD 2026\\,x,sy\t"),
            "unsub-doctor --answers 'complaint_ticket=YD 2026\\,x,symptom='"
        );
        // `\\,` keeps `sy` in the ticket: there is nothing to complete.
        assert_eq!(
            bash.line_after("unsub-doctor --answers 'complaint_ticket=YD 2026\\,sy\t\t"),
            "unsub-doctor --answers 'complaint_ticket=YD 2026\\,sy"
        );
        // Unquoted, the backslash is doubled for the shell.
        assert_eq!(
            bash.line_after("unsub-doctor --answers complaint_ticket=YD\\\\,x,sy\t"),
            "unsub-doctor --answers complaint_ticket=YD\\\\,x,symptom="
        );
        // The quote closed after the comma's item, the next value completes.
        assert_eq!(
            bash.line_after("unsub-doctor --answers 'complaint_ticket=YD\\,x,symptom='st\t"),
            "unsub-doctor --answers 'complaint_ticket=YD\\,x,symptom='still_active"
        );
    }

    fn answers_value_with_comma() {
        let dir = pack(&[]);
        let saved = dir.path().join("case.toml");
        let ticket = "complaint_ticket=YD 2026(加急)\\,二次";
        let run = diagnose_with(&["--carrier", "mobile", "--answers", DIAGNOSED, "--answers", ticket, "--save", saved.to_str().unwrap()]);
        assert_exit(&run, 0, "");
        let text = std::fs::read_to_string(&saved).unwrap();
        assert!(text.contains("complaint_ticket = \"YD 2026(加急),二次\""), "{text}");
    }

    fn replay_line_quoted() {
        // A value with shell syntax and a comma: the line to go on, pasted
        // into a shell, runs the same command with the same value, nothing else.
        let dir = pack(&[]);
        let (saved, letter, marker) = (dir.path().join("case.toml"), dir.path().join("letter.txt"), dir.path().join("pwned"));
        let ticket = format!("YD 2026(加急)\\,二次 $(touch {}) `touch {}` ';touch {}'", marker.display(), marker.display(), marker.display());
        let args = ["draft", "complaint", "--lang", "en", "--carrier", "mobile", "--answers", &format!("complaint_ticket={ticket}"), "--out", letter.to_str().unwrap(), "--save", saved.to_str().unwrap(), "--today", "2026-11-20"];
        let first = run(&args);
        assert_exit(&first, 3, "go on with: unsub-doctor draft complaint --answers ");
        let line = first.stderr.lines().find_map(|l| l.strip_prefix("go on with: ")).unwrap();
        let words = shlex::split(line).unwrap();
        let at = |flag: &str| words[words.iter().position(|w| w == flag).unwrap() + 1].clone();
        assert_eq!(at("--out"), letter.to_str().unwrap());
        // The run saved its answers there: going on resumes from them.
        assert_eq!(at("--resume"), saved.to_str().unwrap());
        assert_eq!((at("--today"), at("--lang")), ("2026-11-20".to_owned(), "en".to_owned()));
        // Pasted, with the missing answer filled in, it runs the same command.
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_unsub-doctor")).parent().unwrap();
        let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
        let pasted = std::process::Command::new("sh")
            .arg("-c")
            .arg(line.replace("symptom=VALUE", "symptom=no_option"))
            .env("PATH", path)
            .output()
            .unwrap();
        assert_eq!(pasted.status.code(), Some(3), "{}", String::from_utf8_lossy(&pasted.stderr));
        assert!(!marker.exists(), "the value ran as a command");
        let text = std::fs::read_to_string(&saved).unwrap();
        assert!(text.contains("YD 2026(加急),二次 $(touch"), "{text}");
    }

    fn replay_line_at_ctrl_c() {
        // Ctrl-C: the line to go on names the command and its options too.
        let dir = pack(&[]);
        let letter = dir.path().join("letter.txt");
        let args = ["draft", "complaint", "--lang", "en", "--out", letter.to_str().unwrap(), "--today", "2026-11-20"];
        let mut session = spawn_with(&args, &[], false);
        answer(&mut session, "Which carrier is your phone number with?", &[CTRL_C]);
        let (output, code) = finish(session);
        assert_eq!(code, 130, "{output}");
        let expected = format!("unsub-doctor draft complaint --out {} --today 2026-11-20 --lang en", letter.display());
        assert!(output.contains(&expected), "{output}");
    }

    // The terminal, pipes and files.

    fn batch_reader_gone() {
        // As `batch FILE | head -1`: the reader takes one line and goes.
        let input = "{\"carrier\":\"mobile\"}\n".repeat(200);
        let dir = pack(&[("cases.jsonl", input.as_bytes())]);
        let mut child = common::command(&["batch", "--lang", "en", dir.path().join("cases.jsonl").to_str().unwrap()])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        std::io::BufRead::read_line(&mut stdout, &mut String::new()).unwrap();
        drop(stdout);
        let output = within_ten_seconds(child);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    fn stdout_pipe_closed() {
        // The reader is gone before the first byte: every command ends
        // quietly, with the exit code it would have had.
        let commands: &[(&[&str], i32)] = &[
            (&["completions", "zsh"], 0),
            (&["completions", "bash"], 0),
            (&["man"], 0),
            (&["schema"], 0),
            (&["questions"], 0),
            (&["rules", "list"], 0),
            (&["--help"], 0),
            (&["--carrier", "mobile", "--answers", DIAGNOSED], 0),
            (&["--json", "--carrier", "mobile"], 3),
            (&["--json", "--carrier", "vodafone"], 2),
            (&["why-not", "bundling", "--json", "--carrier", "mobile"], 0),
        ];
        for (args, code) in commands {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            let child = common::command(args)
                .arg("--lang")
                .arg("en")
                .stdin(std::process::Stdio::null())
                .stdout(writer)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let output = within_ten_seconds(child);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(*code), "{args:?}: {stderr}");
            assert!(!stderr.contains("Broken pipe") && !stderr.contains("internal error"), "{args:?}: {stderr}");
        }
    }

    fn stdout_full() {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let child = common::command(&["completions", "bash", "--lang", "en"])
            .stdin(std::process::Stdio::null())
            .stdout(full)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let output = within_ten_seconds(child);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("error: cannot write to standard output: No space left on device"), "{stderr}");
        assert!(!stderr.contains("internal error"), "{stderr}");
    }

    fn json_parse_error() {
        let run = run(&["--json", "--carier", "mobile", "--lang", "en"]);
        assert_exit(&run, 2, "unexpected argument '--carier'");
        let json = common::json(&run);
        assert_eq!(json["error"]["code"], "usage");
        assert_eq!(json["error"]["exit_code"], 2);
    }

    fn stdout_closed_early() {
        // As `unsub-doctor ... | head -c1`: the reader goes away after one byte.
        let mut child = common::command(&["rules", "paths"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        std::io::Read::read_exact(&mut stdout, &mut one).unwrap();
        drop(stdout);
        let output = within_ten_seconds(child);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    fn no_terminal_missing_answers() {
        let run = run(&["--lang", "en", "--carrier", "mobile"]);
        assert_exit(&run, 3, "more answers needed: [3] What happens when you try to unsubscribe? (`symptom`)");
    }

    fn stdin_at_end_of_file() {
        // Standard input is a pipe that is already closed: no prompt, no wait.
        let run = run_within(&["--lang", "en", "--carrier", "mobile"], &[], Some(""), Duration::from_secs(10));
        assert_exit(&run, 3, "symptom");
    }

    fn ctrl_c_at_prompt() {
        let mut session = spawn_with(&["--lang", "en"], &[], false);
        answer(&mut session, "Which carrier is your phone number with?", &[CTRL_C]);
        let (output, code) = finish(session);
        assert_eq!(code, 130, "{output}");
        assert!(output.contains("\x1b[?25h"), "the cursor is shown again: {output:?}");
    }

    fn menu_at_80_columns() {
        let screen = common::screen::third_question_at(80);
        common::screen::assert_menu_intact(&screen);
        let shown = screen.rows().join("\n");
        assert_eq!(screen.count("[1] 你的手机号是哪家运营商的？"), 1, "{shown}");
        assert_eq!(screen.count("[2] 为了退订"), 1, "{shown}");
        assert!(shown.contains("中国联通"), "{shown}");
    }

    fn menu_at_40_columns() {
        let screen = common::screen::third_question_at(40);
        common::screen::assert_menu_intact(&screen);
        let shown = screen.rows().join("\n");
        assert!(shown.contains("[Page 2/"), "turned to its second page:\n{shown}");
    }

    fn sigint_during_menu() {
        common::screen::signal_during_a_menu("INT");
    }

    fn sigterm_during_menu() {
        common::screen::signal_during_a_menu("TERM");
        // The same handler prints the line to go on from.
        let mut session = spawn_with(&["--answers", "carrier=mobile"], &[], false);
        answer(&mut session, "[2] 为了退订", &[]);
        let pid = session.get_process().pid().to_string();
        let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let (output, code) = finish(session);
        assert_eq!(code, 130, "{output}");
        assert!(output.contains("--answers carrier=mobile"), "{output}");
    }

    fn term_dumb() {
        let mut session = spawn_with(&["--lang", "en"], &[("TERM", "dumb")], true);
        answer(&mut session, "  2. China Unicom", &[]);
        answer(&mut session, "Type a number (1-3)", &["2", ENTER]);
        // What was already tried: nothing.
        answer(&mut session, "Type numbers separated by commas", &[ENTER]);
        answer(&mut session, "Type a number (1-10)", &[CTRL_C]);
        let (output, code) = finish(session);
        assert_eq!(code, 130, "{output}");
        // Typing 2 chose the second carrier.
        assert!(output.contains("unsub-doctor --answers carrier=unicom"), "{output}");
        assert!(!output.contains("\x1b[1m") && !output.contains("\x1b[3"), "no color: {output:?}");
    }

    fn narrow_terminal() {
        // Through a shell that waits a moment, so the terminal is 20 columns
        // wide before unsub-doctor asks how wide it is.
        let script = "sleep 0.3; exec \"$0\" \"$@\"";
        let bin = env!("CARGO_BIN_EXE_unsub-doctor");
        let args = ["-c", script, bin, "--lang", "en", "--carrier", "mobile", "--answers", DIAGNOSED, "--no-input"];
        let mut command = std::process::Command::new("sh");
        command.args(args).env("NO_COLOR", "1").env("TERM", "xterm");
        command.env_remove("LANG").env_remove("COLUMNS");
        let mut session = expectrl::session::OsSession::spawn(command).unwrap();
        session.set_expect_timeout(Some(Duration::from_secs(10)));
        session.get_process_mut().set_window_size(20, 40).unwrap();
        let (output, code) = finish(session);
        assert_eq!(code, 0, "{output}");
        // The text is wrapped to the width: only a few headings run past it.
        let lines: Vec<&str> = output.lines().map(|l| l.trim_end_matches('\r')).collect();
        let long = lines.iter().filter(|l| l.chars().count() > 20).count();
        assert!(lines.len() > 100 && long * 10 < lines.len(), "{long} of {} lines:\n{output}", lines.len());
    }

    fn save_unwritable() {
        let run = diagnose_with(&["--carrier", "mobile", "--answers", DIAGNOSED, "--save", "/no/such/dir/answers.toml"]);
        assert_exit(&run, 1, "cannot save answers to `/no/such/dir/answers.toml`");
    }

    fn save_over_other_file() {
        let dir = pack(&[("notes.txt", b"my notes\n")]);
        let notes = dir.path().join("notes.txt");
        let run = diagnose_with(&["--carrier", "mobile", "--answers", DIAGNOSED, "--save", notes.to_str().unwrap()]);
        assert_exit(&run, 2, "is not an unsub-doctor answers file: it was left as it is");
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes\n");
    }

    fn draft_over_existing_file() {
        let dir = pack(&[("letter.txt", b"an earlier letter\n")]);
        let letter = dir.path().join("letter.txt");
        let run = run(&["--lang", "en", "draft", "complaint", "--carrier", "mobile", "--answers", DIAGNOSED, "--out", letter.to_str().unwrap()]);
        assert_exit(&run, 2, "--force");
        assert_eq!(std::fs::read_to_string(&letter).unwrap(), "an earlier letter\n");
    }

    // Answers files and drafts: never lost, never replaced by surprise.

    fn save_over_saved_answers() {
        let (dir, case) = saved_case();
        fs::write(&case, format!("{}[followup]\nrung = \"complaint\"\n\n[[followup.history]]\ndate = \"2026-11-25\"\nrung = \"manager\"\nworked = false\n", fs::read_to_string(&case).unwrap())).unwrap();
        let before = fs::read_to_string(&case).unwrap();
        let run = diagnose_with(&["--save", path(&case), "--answers", "carrier=unicom", "--no-input"]);
        assert_exit(&run, 2, "already holds saved answers: it was left as it is. To go on from them, use --resume");
        assert_eq!(fs::read_to_string(&case).unwrap(), before);
        drop(dir);
    }

    fn save_through_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.toml");
        let case = dir.path().join("case.toml");
        symlink("case.toml", &link);
        assert_exit(&diagnose_with(&["--save", path(&link), "--carrier", "mobile", "--no-input"]), 3, "more answers needed");
        assert_exit(&diagnose_with(&["--resume", path(&link), "--answers", "tried=app", "--no-input"]), 3, "more answers needed");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        let text = fs::read_to_string(&case).unwrap();
        assert!(text.contains("carrier = \"mobile\"") && text.contains("tried = \"app\""), "{text}");
    }

    fn resume_keeps_mode_and_group() {
        let (_dir, case) = saved_case();
        set_mode(&case, 0o640);
        // Another group of the user's, where there is one (root has them all).
        let group = other_group(&case);
        resume_adding(&case, "tried=app");
        assert!(fs::read_to_string(&case).unwrap().contains("tried = \"app\""));
        assert_eq!(mode(&case), 0o640);
        if let Some(group) = group {
            assert_eq!(gid(&case), group);
        }
    }

    fn resume_hard_linked_file() {
        let (dir, case) = saved_case();
        let other = dir.path().join("copy.toml");
        fs::hard_link(&case, &other).unwrap();
        resume_adding(&case, "tried=app");
        // Written in place: both names are still one file, with the new answer.
        assert_eq!(fs::read_to_string(&other).unwrap(), fs::read_to_string(&case).unwrap());
        assert!(fs::read_to_string(&other).unwrap().contains("tried = \"app\""));
    }

    fn resume_read_only_file() {
        let (_dir, case) = saved_case();
        set_mode(&case, 0o444);
        let before = fs::read_to_string(&case).unwrap();
        let run = diagnose_with(&["--resume", path(&case), "--answers", "tried=app", "--no-input"]);
        assert_exit(&run, 2, "is read-only: it was left as it is");
        assert_eq!(fs::read_to_string(&case).unwrap(), before);
        assert_eq!(mode(&case), 0o444);
    }

    fn resume_from_a_pipe() {
        // As `--resume <(cat case.toml)`: read, and not written back.
        let (_dir, case) = saved_case();
        let text = fs::read_to_string(&case).unwrap();
        let run = run_within(&["--lang", "en", "--resume", "/dev/stdin", "--json"], &[], Some(&text), Duration::from_secs(10));
        assert_exit(&run, 0, "is not a regular file: the answers were read from it and will not be written back");
        assert_eq!(common::json(&run)["causes"][0]["id"], "contract_lock");
    }

    fn resume_dev_zero() {
        let run = diagnose_with(&["--resume", "/dev/zero"]);
        assert_exit(&run, 2, "`/dev/zero` is larger than 1 MB: not an answers file");
    }

    fn concurrent_resumes() {
        let (dir, case) = saved_case();
        // Twenty runs at once, each adding an answer of its own.
        let added: Vec<String> = QUESTIONS.iter().map(|(id, value)| format!("{id}={value}")).collect();
        let runs: Vec<_> = added
            .iter()
            .map(|answer| {
                common::command(&["--lang", "en", "--resume", path(&case), "--answers", answer, "--no-input"])
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in runs {
            let output = within_ten_seconds(child);
            assert!(matches!(output.status.code(), Some(0 | 3)), "{output:?}");
        }
        let text = fs::read_to_string(&case).unwrap();
        for (id, value) in QUESTIONS {
            assert!(text.contains(&format!("{id} = \"{value}\"")), "{id} lost:\n{text}");
        }
        assert!(text.contains("carrier = \"mobile\""), "{text}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "a temporary file was left");
    }

    fn signal_during_save() {
        let (dir, case) = saved_case();
        // Debug builds hold the write, with its temporary file made, until the gate goes.
        let gate = dir.path().join("gate");
        fs::write(&gate, "").unwrap();
        let child = common::command(&["--lang", "en", "--resume", path(&case), "--answers", "tried=app", "--no-input"])
            .env("UNSUB_DOCTOR_TEST_HOLD_WRITE", &gate)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let held = gate.with_extension("held");
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !held.exists() {
            assert!(std::time::Instant::now() < deadline, "the write never started");
            std::thread::sleep(Duration::from_millis(5));
        }
        let killed = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        fs::remove_file(&gate).unwrap();
        let output = within_ten_seconds(child);
        // The write finished before the run ended: the file is whole, nothing is left beside it.
        assert!(matches!(output.status.code(), Some(0 | 3 | 130)), "{output:?}");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 2, "{left:?}"); // case.toml and gate.held
        assert!(fs::read_to_string(&case).unwrap().contains("tried = \"app\""));
    }

    fn save_to_stdout_pipe() {
        // As `--save /dev/stdout | cat`: stdout is a pipe here.
        let run = diagnose_with(&["--save", "/dev/stdout", "--carrier", "mobile", "--answers", DIAGNOSED]);
        assert_exit(&run, 2, "`/dev/stdout` is not a regular file (it is a pipe, a device or a directory)");
    }

    fn save_to_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("answers.toml");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let run = diagnose_with(&["--save", path(&fifo), "--carrier", "mobile", "--answers", DIAGNOSED]);
        assert_exit(&run, 2, "is not a regular file");
        assert!(!fs::metadata(&fifo).unwrap().is_file());
    }

    fn draft_over_device() {
        let run = run(&["--lang", "en", "draft", "complaint", "--carrier", "mobile", "--answers", DIAGNOSED, "--out", "/dev/null", "--force"]);
        assert_exit(&run, 2, "`/dev/null` is not a regular file");
        assert!(!fs::metadata("/dev/null").unwrap().is_file());
    }

    fn followup_one_write() {
        let (_dir, case) = saved_case();
        let followup = |file: &Path| run(&["--lang", "en", "followup", "--resume", path(file), "--answers", "followup_worked=no", "--today", "2026-12-01"]);
        assert_exit(&followup(&case), 0, "");
        let text = fs::read_to_string(&case).unwrap();
        // The answer is not kept without its history: the next followup asks again.
        assert!(!text.contains("followup_worked") && text.contains("[[followup.history]]"), "{text}");
        // A file that cannot be written is refused before the run, left as it was.
        set_mode(&case, 0o444);
        assert_exit(&followup(&case), 2, "is read-only");
        assert_eq!(fs::read_to_string(&case).unwrap(), text);
    }

    fn internal_error() {
        // A bug's panic (debug builds can be asked for one): one line, exit 1.
        let run = common::run_with_env(&["--lang", "en"], &[("UNSUB_DOCTOR_TEST_PANIC", "1")]);
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(&format!("unsub-doctor {}: internal error", env!("UNSUB_DOCTOR_VERSION"))));
        assert!(!run.stderr.contains("panicked") && !run.stderr.contains("backtrace"));
    }

    // Packs within every limit that once cost minutes, gigabytes or a crash.

    fn long_choice_value() {
        // A value of 65,536 bytes once passed and then broke every listing that pads values.
        let dir = chain_pack(1, 1, &"v".repeat(65_536));
        let run = no_builtin(dir.path(), &["rules", "check"]);
        assert_exit(&run, 4, "error[too-long]: choice value `vvvv");
        assert_exit(&run, 4, "is 65536 bytes long, more than 100");
        assert_exit(&no_builtin(dir.path(), &["questions"]), 4, "is 65536 bytes long, more than 100");
        let fine = chain_pack(1, 1, &"v".repeat(100));
        assert_exit(&no_builtin(fine.path(), &["questions"]), 0, "vvvv");
    }

    fn long_conclusion_chain() {
        // 100,000 conclusions in a row once overflowed the stack in `why-not`.
        let dir = chain_pack(101, 0, "b");
        let run = no_builtin(dir.path(), &["rules", "check"]);
        assert_exit(&run, 4, "error[too-deep]: a walk through the rules can reach 101 conclusions, more than 100");
        let dir = chain_pack(100, 0, "b");
        assert_exit(&no_builtin(dir.path(), &["rules", "check"]), 0, "0 errors");
        assert_exit(&no_builtin(dir.path(), &["why-not", "y", "--answers", "carrier=mobile"]), 0, "");
        assert_exit(&no_builtin(dir.path(), &["--answers", "carrier=mobile"]), 0, "");
        assert_exit(&no_builtin(dir.path(), &["--json", "--answers", "carrier=mobile"]), 0, "");
    }

    fn many_long_paths() {
        // Paths that share a long chain are read one at a time, never all kept.
        let dir = chain_pack(100, 10, "b");
        assert_exit(&no_builtin(dir.path(), &["rules", "paths"]), 0, "1024 paths");
        assert_exit(&no_builtin(dir.path(), &["rules", "paths", "--limit", "1000"]), 1, "more than 1000 paths");
        let run = no_builtin(dir.path(), &["why-not", "x", "--json", "--answers", "carrier=mobile"]);
        assert_exit(&run, 0, "\"found\": true");
    }

    fn braces_text() {
        // A text of `{` once took a scan per brace, before its length was checked.
        let text = format!("[[question]]\nid = \"braces\"\ntext = {{ zh = \"{}\", en = \"x\" }}\nchoices = [ {{ value = \"a\", label = {{ zh = \"a\", en = \"a\" }} }} ]\n", "{".repeat(1_000_000));
        let dir = pack(&[("a.toml", text.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[too-long]: a text is 1000000 characters long, more than 10000");
    }

    fn many_carriers() {
        // 10,000 carriers once cost a minute a run: each is followed through the tree.
        let carriers: String = (0..51).map(|i| format!("[[carrier]]\nid = \"k{i}\"\nname = {{ zh = \"k\", en = \"k\" }}\n")).collect();
        let dir = pack(&[("k.toml", carriers.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[too-many]: the rules have 54 carriers, more than 50");
    }

    fn many_rungs() {
        // 100,000 rungs and steps once cost minutes a diagnosis.
        let rungs: String = (0..996).map(|i| format!("[[rung]]\nid = \"r{i}\"\ntitle = {{ zh = \"r\", en = \"r\" }}\n")).collect();
        let steps = "[[escalation]]\ntext = { zh = \"s\", en = \"s\" }\nrung = \"appeal\"\n".repeat(992);
        let dir = pack(&[("r.toml", rungs.as_bytes()), ("s.toml", steps.as_bytes())]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "error[too-many]: the rules have 1001 rungs, more than 1000");
        assert_exit(&run, 4, "error[too-many]: the rules have 1001 escalation steps, more than 1000");
    }

    fn chained_details() {
        // 60,000 details, each `only_if` the one before, once cost minutes.
        let detail = |i: usize| {
            let only_if = if i > 0 { format!("only_if = {{ d{} = [\"a\"] }}\n", i - 1) } else { String::new() };
            format!("[[detail]]\nid = \"d{i}\"\nkind = \"choice\"\ntext = {{ zh = \"t\", en = \"t\" }}\nask_in = [\"draft\"]\nchoices = [ {{ value = \"a\", label = {{ zh = \"a\", en = \"a\" }} }} ]\n{only_if}")
        };
        let many: String = (0..989).map(detail).collect();
        let dir = pack(&[("d.toml", many.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 4, "error[too-many]: the rules have 1001 details, more than 1000");
        let within: String = (0..900).map(detail).collect();
        let dir = pack(&[("d.toml", within.as_bytes())]);
        assert_exit(&check_pack(dir.path()), 0, "0 errors");
    }

    fn problems_on_one_line() {
        // 20,000 problems on one line once took a column count from the line's start each.
        let items: Vec<String> = (0..5000).map(|i| format!("{{id=\"q{i}\", text={{zh=\"t\",en=\"t\"}}, choices=[{{value=\"a\", label={{zh=\"a\",en=\"a\"}}}}]}}")).collect();
        let text = format!("question = [{}]\n", items.join(", "));
        let dir = pack(&[("a.toml", text.as_bytes())]);
        let run = check_pack(dir.path());
        assert_exit(&run, 4, "`q4999` is not reachable from the start");
        assert_exit(&run, 4, "a.toml:1:408825");
    }
}

/// A `--no-builtin` pack: the carrier question leads to a chain of `chain`
/// conclusions (`c0` finds cause `x`), then to `forks` two-way questions in
/// a row, so that `2^forks` paths share the chain; `value` is the first
/// fork's second choice.
fn chain_pack(chain: usize, forks: usize, value: &str) -> tempfile::TempDir {
    let t = |s: &str| format!("{{ zh = \"{s}\", en = \"{s}\" }}");
    let mut text = format!(
        "start = \"carrier\"\n[[carrier]]\nid = \"mobile\"\nname = {m}\n[[cause]]\nid = \"x\"\ntitle = {m}\n\
         [[cause]]\nid = \"y\"\ntitle = {m}\n[[question]]\nid = \"carrier\"\ntext = {m}\n\
         choices = [ {{ value = \"mobile\", label = {m}, next = \"c0\" }} ]\n",
        m = t("m")
    );
    for j in 0..chain {
        let next = if j + 1 < chain {
            format!("c{}", j + 1)
        } else {
            "q0".to_owned()
        };
        let what = if j == 0 {
            format!(
                "cause = \"x\"\nconfirm = [{c}]\nprevention = [{c}]",
                c = t("c")
            )
        } else {
            format!("title = {}", t("t"))
        };
        let next = if j + 1 == chain && forks == 0 {
            String::new()
        } else {
            format!("next = \"{next}\"\n")
        };
        text += &format!(
            "[[conclusion]]\nid = \"c{j}\"\n{what}\nexplanation = {e}\nscript = {e}\nstep = [ {{ text = {e} }} ]\n{next}",
            e = t("e")
        );
    }
    for i in 0..forks {
        let next = if i + 1 < forks {
            format!(", next = \"q{}\"", i + 1)
        } else {
            String::new()
        };
        let second = if i == 0 { value } else { "b" };
        text += &format!(
            "[[question]]\nid = \"q{i}\"\ntext = {q}\nchoices = [ {{ value = \"a\", label = {q}{next} }}, {{ value = \"{second}\", label = {q}{next} }} ]\n",
            q = t("q")
        );
    }
    pack(&[("a.toml", text.as_bytes())])
}

fn no_builtin(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec![
        "--lang",
        "en",
        "--no-builtin",
        "--rules",
        dir.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    run(&all)
}

/// Waits for a child that has no more input to give, failing the test if it
/// has not ended within ten seconds (a hang) or was ended by a signal.
fn within_ten_seconds(mut child: std::process::Child) -> std::process::Output {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("hung");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.code().is_some(),
        "ended by a signal: {output:?}"
    );
    output
}

/// A directory holding `case.toml`, saved by a run diagnosed as contract_lock.
fn saved_case() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case.toml");
    let saved = diagnose_with(&[
        "--carrier",
        "mobile",
        "--answers",
        DIAGNOSED,
        "--save",
        path(&case),
    ]);
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    (dir, case)
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn resume_adding(case: &Path, answer: &str) {
    let run = diagnose_with(&["--resume", path(case), "--answers", answer, "--no-input"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// An answer each to twenty questions besides the carrier.
const QUESTIONS: [(&str, &str); 20] = [
    ("tried", "app"),
    ("symptom", "no_option"),
    ("account_state", "normal"),
    ("code_source", "website"),
    ("submitted_via", "official"),
    ("no_basis_check", "yes"),
    ("price_promise", "intro_only"),
    ("package_origin", "deal"),
    ("account_state_which", "lost"),
    ("account_state_check", "normal"),
    ("got_confirmation", "yes"),
    ("renewal_reminder", "no"),
    ("has_min_term", "yes"),
    ("bundled", "yes"),
    ("package_origin_check", "deal"),
    ("confirmation_check", "yes"),
    ("has_min_term_check", "yes"),
    ("addon_discount", "yes"),
    ("bundled_check", "yes"),
    ("contract_bundled", "no"),
];

fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn set_mode(file: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(file, fs::Permissions::from_mode(mode)).unwrap();
}

fn mode(file: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    fs::metadata(file).unwrap().permissions().mode() & 0o7777
}

fn gid(file: &Path) -> u32 {
    use std::os::unix::fs::MetadataExt as _;
    fs::metadata(file).unwrap().gid()
}

/// Gives `file` a group other than its own, if the user may: that group.
fn other_group(file: &Path) -> Option<u32> {
    let group = if gid(file) == 1 { 2 } else { 1 };
    std::os::unix::fs::chown(file, None, Some(group))
        .ok()
        .map(|()| group)
}

/// The per-file size limit, as the binary enforces it.
fn rules_limit() -> usize {
    unsub_doctor::rules::MAX_FILE_BYTES
}

#[test]
fn the_catalogue_documents_every_test_and_nothing_else() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/bad-input.md")).unwrap();
    let mut documented: Vec<String> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("| `")?.split('`').next())
        .map(|id| id.replace('-', "_"))
        .collect();
    let mut tested: Vec<String> = CATALOGUE.iter().map(|s| (*s).to_owned()).collect();
    documented.sort();
    tested.sort();
    assert_eq!(documented, tested);
    assert!(tested.len() >= 30);
}
