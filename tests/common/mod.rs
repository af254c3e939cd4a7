//! Running the binary as scripts do: no standard input, a clean locale, and
//! a bound on time so that a hang fails the test instead of stalling it.

#![allow(dead_code)] // each test crate uses its own part of this module

#[cfg(unix)]
pub mod bash;
#[cfg(unix)]
pub mod pty;
#[cfg(unix)]
pub mod screen;

use std::io::Read;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    run_with_env(args, &[])
}

/// Runs the binary with no standard input and no locale or color settings
/// but `env`. A run that has not ended after ten seconds is a hang: it is
/// killed and the test fails.
pub fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    run_within(args, env, None, Duration::from_secs(10))
}

/// The binary with `args` and a clean environment: no locale, no color
/// setting, no width, no rule directories and no request for completions
/// but what a test adds.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unsub-doctor"));
    command
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("UNSUB_DOCTOR_RULES")
        .env_remove("UNSUB_DOCTOR_COMPLETE");
    command
}

/// Runs the binary with `stdin` as its standard input, allowing `limit`
/// before it counts as a hang (the debug build is slower than a release).
pub fn run_within(
    args: &[&str],
    env: &[(&str, &str)],
    stdin: Option<&str>,
    limit: Duration,
) -> Run {
    let mut command = command(args);
    command
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("the binary starts");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let text = text.to_owned();
        thread::spawn(move || {
            use std::io::Write as _;
            let _ = pipe.write_all(text.as_bytes());
        });
    }
    // Read both pipes while the program runs, so a long output cannot fill a pipe and stall it.
    let reader = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).expect("UTF-8 output");
            text
        })
    };
    let stdout = reader(Box::new(child.stdout.take().unwrap()));
    let stderr = reader(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("unsub-doctor {args:?} hung");
        }
        thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

pub fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    })
}

/// Questions with a cycle (`loop_a` -> `loop_b` -> `loop_a`), a dangling
/// `next` (line 11, column 57) and `loop_b` defined twice (lines 7 and 15).
pub const BROKEN_NODES: &str = r#"[[question]]
id = "loop_a"
text = { zh = "甲", en = "A" }
choices = [{ value = "a", label = { zh = "甲", en = "A" }, next = "loop_b" }]

[[question]]
id = "loop_b"
text = { zh = "乙", en = "B" }
choices = [
  { value = "a", label = { zh = "甲", en = "A" }, next = "loop_a" },
  { value = "b", label = { zh = "乙", en = "B" }, next = "nowhere" },
]

[[question]]
id = "loop_b"
text = { zh = "重复", en = "again" }
choices = [{ value = "a", label = { zh = "甲", en = "A" }, next = "loop_a" }]
"#;

/// Answers (after the carrier) that lead to each cause.
pub const PATHS: &[(&str, &str)] = &[
    (
        "contract_lock",
        "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no",
    ),
    (
        "bundling",
        "symptom=refused,account_state=normal,package_origin=addon,bundled=yes",
    ),
    (
        "pending",
        "symptom=still_active,submitted_via=official,got_confirmation=yes",
    ),
    ("wrong_code", "symptom=code_failed,code_source=website"),
    (
        "account_status",
        "symptom=no_option,account_state=suspended",
    ),
    (
        "promo_package",
        "symptom=no_option,account_state=normal,package_origin=gift",
    ),
];

/// A small pack (`--no-builtin --rules DIR`) with a multiple-choice question
/// and steps and list items limited by conditions: `tried` (which channels
/// were tried; any set leads to `stuck`), a `reply` choice detail, and steps
/// shown only after the hotline was tried, hidden after a store visit, and
/// shown only when the carrier refused in writing.
pub const MULTI_PACK: &str = r#"start = "carrier"

[[carrier]]
id = "mobile"
name = { zh = "中国移动", en = "China Mobile" }

[[fact]]
id = "mobile.hotline"
carrier = "mobile"
channel = "hotline"
value = "10086"
label = { zh = "客服热线", en = "Hotline" }
source = "test"
confidence = "high"
verified = 2026-11-25

[[fact]]
id = "rule.manager"
value = "ask for a manager"
label = { zh = "找主管", en = "Ask for a manager" }
source = "test"
confidence = "high"
verified = 2026-11-25

[[question]]
id = "carrier"
text = { zh = "运营商？", en = "Carrier?" }
choices = [{ value = "mobile", label = { zh = "移动", en = "Mobile" }, next = "tried" }]

[[question]]
id = "tried"
multiple = true
next = "stuck"
text = { zh = "你试过哪些渠道？", en = "Which channels have you tried?" }
choices = [
  { value = "app", label = { zh = "手机APP", en = "The app" } },
  { value = "sms", label = { zh = "短信", en = "An SMS" } },
  { value = "hotline", label = { zh = "客服热线", en = "The hotline" }, aliases = ["call"] },
  { value = "store", label = { zh = "营业厅", en = "A store" } },
]

[[conclusion]]
id = "stuck"
title = { zh = "还退不掉", en = "Still stuck" }
explanation = { zh = "说明", en = "Explanation" }
script = { zh = "请给我一个工单号", en = "Please give me a ticket number" }
evidence = [
  { zh = "APP截图", en = "App screenshots", only_if = { tried = ["app"] } },
  { zh = "通话记录", en = "Call log" },
]

[[conclusion.step]]
channel = "hotline"
text = { zh = "拨打{hotline}", en = "Call {hotline}" }

[[conclusion.step]]
facts = ["rule.manager"]
only_if = { tried = ["hotline"] }
text = { zh = "再打一次，要求找主管", en = "Call again and ask for a manager" }

[[conclusion.step]]
unless = { tried = ["store"] }
text = { zh = "去营业厅办理", en = "Go to a store" }

[[conclusion.step]]
only_if = { reply = ["refused"] }
text = { zh = "附上书面拒绝", en = "Attach the written refusal" }

[[detail]]
id = "reply"
kind = "choice"
text = { zh = "运营商怎么答复？", en = "What did the carrier reply?" }
choices = [
  { value = "none_yet", label = { zh = "还没答复", en = "No reply yet" } },
  { value = "refused", label = { zh = "书面拒绝", en = "Refused in writing" } },
]
ask_in = ["draft"]

[[hotline_ask]]
zh = "要求立即退订"
en = "Ask to cancel now"

[[hotline_ask]]
zh = "要求转主管"
en = "Ask for a manager"
unless = { tried = ["hotline"] }

[[hotline_note]]
zh = "记下工号"
en = "Note the agent's number"

[[evidence]]
zh = "营业厅回执"
en = "The store's receipt"
only_if = { tried = ["store"] }

[[case]]
name = "app_and_hotline"
answers = { carrier = "mobile", tried = "app+call" }
causes = []
conclusions = ["stuck"]
facts = ["mobile.hotline", "rule.manager"]

[[case]]
name = "nothing_tried"
answers = { carrier = "mobile", tried = "none", reply = "refused" }
causes = []
conclusions = ["stuck"]
"#;

/// A directory holding [`MULTI_PACK`] as `pack.toml`.
pub fn multi_pack() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.toml"), MULTI_PACK).unwrap();
    dir
}
