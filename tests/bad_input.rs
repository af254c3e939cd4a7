//! The catalogue of bad input (docs/bad-input.md), one test per row: what a
//! person sees and the exit code. Every run has a time limit, so a hang fails
//! its test; a panic or a signal fails it too (the helpers insist on an exit
//! code, and a panic would say "internal error").

mod common;

use std::path::Path;
use std::time::Duration;

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
        // A file no one can read, even root: reading /proc/self/mem at 0 fails.
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
        assert_eq!(at("--save"), saved.to_str().unwrap());
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

    fn internal_error() {
        // A bug's panic (debug builds can be asked for one): one line, exit 1.
        let run = common::run_with_env(&["--lang", "en"], &[("UNSUB_DOCTOR_TEST_PANIC", "1")]);
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(run.stderr.contains(&format!("unsub-doctor {}: internal error", env!("CARGO_PKG_VERSION"))));
        assert!(!run.stderr.contains("panicked") && !run.stderr.contains("backtrace"));
    }
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
