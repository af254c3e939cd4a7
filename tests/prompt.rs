//! The real prompts in a pseudo-terminal: arrow keys and Enter in Chinese to a
//! diagnosis, and Ctrl-C at a prompt.

#![cfg(unix)]

mod common;

use common::pty::{CTRL_C, DOWN, ENTER, answer, finish, spawn_with};
use expectrl::Expect;
use expectrl::session::OsSession as Session;

/// The SGR reset that ends every colored span.
const RESET: &str = "\x1b[0m";

fn spawn(args: &[&str]) -> Session {
    spawn_with(args, &[], false)
}

fn spawn_with_color(args: &[&str], color: bool) -> Session {
    spawn_with(args, &[], color)
}

/// The details asked after a diagnosis of a request already made: when it
/// was made and when it takes effect, both skipped.
fn skip_unsubscribe_details(session: &mut Session) {
    answer(session, "你是哪一天办理退订的？", &[ENTER]);
    // The skip item comes after the four choices.
    answer(
        session,
        "退订什么时候生效？",
        &[DOWN, DOWN, DOWN, DOWN, ENTER],
    );
}

/// The case details asked after a diagnosis: no complaint yet, no date.
fn skip_details(session: &mut Session) {
    answer(session, "你已经向运营商正式投诉过了吗？", &[ENTER]);
    answer(session, "第一次出现不想要的扣费是哪一天？", &[ENTER]);
}

#[test]
fn arrow_keys_in_chinese_lead_to_a_wrong_code_diagnosis() {
    let mut session = spawn(&[]);
    answer(&mut session, "[1] 你的手机号是哪家运营商的？", &[ENTER]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "[3] 你在退订时遇到了什么情况？",
        &[DOWN, DOWN, ENTER],
    );
    answer(
        &mut session,
        "[4] 你发送的退订短信内容（指令）是从哪里知道的？",
        &[ENTER],
    );
    skip_details(&mut session);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("诊断结果"), "{output}");
    assert!(output.contains("退订指令或渠道不对"), "{output}");
    assert!(output.contains("发送“0000”到10086"), "{output}");
    assert!(!output.contains(RESET), "NO_COLOR is set: {output:?}");
}

#[test]
fn a_terminal_gets_color_unless_no_color_is_set() {
    let mut session = spawn_with_color(
        &["--carrier", "mobile", "--answers", "symptom=code_failed"],
        true,
    );
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(&mut session, "你发送的退订短信内容", &[ENTER]);
    skip_details(&mut session);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(RESET), "{output:?}");
}

#[test]
fn a_second_carrier_and_a_pending_request() {
    let mut session = spawn(&[]);
    answer(&mut session, "你的手机号是哪家运营商的？", &[DOWN, ENTER]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "你在退订时遇到了什么情况？",
        &[DOWN, DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你是通过什么渠道办理退订的？", &[ENTER]);
    answer(&mut session, "收到运营商“退订成功/已受理”的短信", &[ENTER]);
    skip_unsubscribe_details(&mut session);
    skip_details(&mut session);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("中国联通"), "{output}");
    assert!(output.contains("退订已提交，尚未生效"), "{output}");
    assert!(output.contains("拨打10010"), "{output}");
}

#[test]
fn scripted_answers_are_not_asked_again() {
    let mut session = spawn(&["--carrier", "telecom", "--answers", "symptom=no_option"]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(&mut session, "[4] 你的号码现在是什么状态？", &[DOWN, ENTER]);
    skip_details(&mut session);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    // Never asked: the list of answers at the end names the answer alone.
    assert!(output.contains("• 中国电信 · "), "{output}");
    assert_eq!(
        output.matches("你的手机号是哪家运营商的").count(),
        0,
        "{output}"
    );
    assert!(output.contains("[account_status]"), "{output}");
    assert!(output.contains("10000"), "{output}");
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_with_the_replay_line() {
    let mut session = spawn(&[]);
    answer(&mut session, "你的手机号是哪家运营商的？", &[ENTER]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(&mut session, "你在退订时遇到了什么情况？", &[DOWN, ENTER]);
    answer(&mut session, "你的号码现在是什么状态？", &[CTRL_C]);
    let (output, code) = finish(session);
    assert_eq!(code, 130, "{output}");
    assert!(
        output.contains("unsub-doctor --answers carrier=mobile,tried=none,symptom=refused"),
        "{output}"
    );
    // The cursor that the menu hid is shown again.
    assert!(output.contains("\x1b[?25h"), "{output:?}");
}

#[test]
fn details_after_the_diagnosis_build_the_timeline() {
    let mut session = spawn(&[
        "--today",
        "2026-11-25",
        "--carrier",
        "unicom",
        "--answers",
        "symptom=code_failed,code_source=website",
    ]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "你已经向运营商正式投诉过了吗？",
        &[DOWN, ENTER],
    );
    answer(&mut session, "投诉是哪一天？", &["2026-11-32\r"]);
    // A date that does not exist is refused at the prompt, and asked again.
    session.expect("YYYY-MM-DD").unwrap();
    session.send("\x15").unwrap();
    session.send("2026-11-01\r").unwrap();
    answer(&mut session, "投诉的工单号是多少？", &["T123\r"]);
    answer(&mut session, "第一次出现不想要的扣费是哪一天？", &[ENTER]);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("向省级申诉受理机构申诉：自 2026-11-17 起可以申诉"),
        "{output}"
    );
    assert!(output.contains("工单号 T123"), "{output}");
}

#[test]
fn ctrl_c_then_resume_goes_on_from_the_question_it_stopped_at() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let mut session = spawn(&["--save", file]);
    answer(
        &mut session,
        "[1] 你的手机号是哪家运营商的？",
        &[DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "[3] 你在退订时遇到了什么情况？",
        &[DOWN, DOWN, DOWN, ENTER],
    );
    answer(&mut session, "[4] 你是通过什么渠道办理退订的？", &[CTRL_C]);
    let (output, code) = finish(session);
    assert_eq!(code, 130, "{output}");
    let saved = std::fs::read_to_string(file).unwrap();
    assert!(saved.contains("carrier = \"telecom\""), "{saved}");
    assert!(saved.contains("symptom = \"still_active\""), "{saved}");

    let mut session = spawn(&["--resume", file]);
    answer(&mut session, "[4] 你是通过什么渠道办理退订的？", &[ENTER]);
    answer(&mut session, "[5] 办理后，收到运营商", &[DOWN, ENTER]);
    skip_unsubscribe_details(&mut session);
    skip_details(&mut session);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(
        !output.contains("[1] 你的手机号是哪家运营商的？ ›"),
        "{output}"
    );
    assert!(output.contains("中国电信"), "{output}");
    assert!(
        output.contains("pending_unconfirmed") || output.contains("退订可能没有办成"),
        "{output}"
    );
    let saved = std::fs::read_to_string(file).unwrap();
    assert!(saved.contains("got_confirmation = \"no\""), "{saved}");
}

/// The multiple-choice question of the test pack, ticked with the space bar.
#[test]
fn a_multiple_choice_question_takes_two_ticked_choices() {
    let pack = common::multi_pack();
    let dir = pack.path().to_str().unwrap();
    let mut session = spawn(&["--no-builtin", "--rules", dir, "--lang", "en"]);
    answer(&mut session, "[1] Carrier?", &[ENTER]);
    // Tick the app, move down twice, tick the hotline, confirm.
    answer(
        &mut session,
        "[2] Which channels have you tried?",
        &[" ", DOWN, DOWN, " ", ENTER],
    );
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(" · The app, The hotline"), "{output}");
    // Shown only after the hotline was tried; the store step stays.
    assert!(
        output.contains("Call again and ask for a manager"),
        "{output}"
    );
    assert!(output.contains("Go to a store"), "{output}");
    assert!(output.contains("App screenshots"), "{output}");
}

#[test]
fn plain_prompts_take_numbers_separated_by_commas_and_ctrl_c_stops_a_set() {
    let pack = common::multi_pack();
    let dir = pack.path().to_str().unwrap();
    let args = ["--no-builtin", "--rules", dir, "--lang", "en", "--plain"];
    let mut session = spawn(&args);
    answer(&mut session, "Type a number", &["1\r"]);
    answer(
        &mut session,
        "Type numbers separated by commas",
        &["4, 2\r"],
    );
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("An SMS, A store"), "{output}");
    assert!(!output.contains("Go to a store"), "{output}");

    let mut session = spawn(&["--no-builtin", "--rules", dir, "--lang", "en"]);
    answer(&mut session, "[1] Carrier?", &[ENTER]);
    answer(
        &mut session,
        "[2] Which channels have you tried?",
        &[" ", CTRL_C],
    );
    let (output, code) = finish(session);
    assert_eq!(code, 130, "{output}");
    assert!(
        output.contains("unsub-doctor --answers carrier=mobile"),
        "{output}"
    );
    assert!(!output.contains("tried="), "{output}");
}

/// A hint and a plain menu at 40 columns (`COLUMNS`): wrapped at spaces,
/// within the width, except the URL, which stays whole on a line of its own.
#[test]
fn plain_hints_wrap_to_columns_and_keep_a_url_whole() {
    let url = "https://www.miit.gov.cn/jgsj/txs/wjfb/art/index.html";
    let help = format!(
        "help = {{ zh = \"看看你签的合约\", en = \"Look at the contract you signed and the confirmation SMS; the rules are at {url} for reference.\" }}"
    );
    let question = "text = { zh = \"你试过哪些渠道？\", en = \"Which channels have you tried?\" }";
    let pack = common::MULTI_PACK.replace(question, &format!("{question}\n{help}"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.toml"), pack).unwrap();
    let dir = dir.path().to_str().unwrap();
    let args = ["--no-builtin", "--rules", dir, "--lang", "en", "--plain"];
    let mut session = spawn_with(&args, &[("COLUMNS", "40")], false);
    answer(&mut session, "Type a number", &["1\r"]);
    let shown = session.expect("Type numbers separated").unwrap();
    let shown = String::from_utf8_lossy(shown.before()).into_owned();
    session.send("\r").unwrap();
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    let lines: Vec<&str> = shown.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert!(
        lines.iter().any(|l| l.trim() == url),
        "the URL is not whole on its own line:\n{shown}"
    );
    assert!(
        lines.contains(&"  Look at the contract you signed and"),
        "{shown}"
    );
    for line in lines {
        let fits = line.chars().count() <= 40 || line.trim() == url;
        assert!(fits, "{line:?} in\n{shown}");
    }
}

/// In an 80-column terminal a menu's long question and choices are broken
/// into lines that fit, so the menu clears exactly what it drew: no line of
/// the menu runs past the width for the terminal to wrap.
#[test]
fn menus_fit_an_80_column_terminal() {
    let bin = env!("CARGO_BIN_EXE_unsub-doctor");
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", "sleep 0.3; exec \"$0\" \"$@\"", bin])
        .args(["--lang", "en", "--answers", "carrier=mobile,tried=none"])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env_remove("COLUMNS")
        .env_remove("LANG");
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(std::time::Duration::from_secs(10)));
    session.get_process_mut().set_window_size(80, 40).unwrap();
    answer(
        &mut session,
        "[3] What happens",
        &[DOWN, DOWN, DOWN, CTRL_C],
    );
    let (output, code) = finish(session);
    assert_eq!(code, 130, "{output}");
    let mut plain = String::new();
    let mut chars = output.chars().peekable();
    // Drop the escape sequences the menu moves the cursor with.
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        plain.push(c);
    }
    assert!(plain.contains("still\r\n  charged"), "{plain:?}");
    for line in plain.split(['\n', '\r']) {
        assert!(
            textwrap::core::display_width(line) <= 80,
            "{line:?} runs past 80 columns"
        );
    }
}

/// A retired answer (`lost_or_closing`, split into lost, closing and
/// porting) is not offered, and the choices after it keep their meaning:
/// the last one shown, "not sure", leads to how to check.
#[test]
fn a_retired_choice_is_not_offered_and_the_others_keep_their_meaning() {
    let mut session = spawn(&["--answers", "carrier=mobile,tried=none,symptom=no_option"]);
    let menu = session
        .expect("[4] 你的号码现在是什么状态？")
        .map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned())
        .unwrap();
    for key in [DOWN, DOWN, DOWN, DOWN, DOWN, ENTER] {
        session.send(key).unwrap();
    }
    answer(&mut session, "[5] 查过之后，号码是什么状态？", &[CTRL_C]);
    let (output, code) = finish(session);
    assert_eq!(code, 130, "{output}");
    let shown = format!("{menu}{output}");
    assert!(!shown.contains("中的一种"), "{shown}");
    assert!(output.contains("account_state=unsure"), "{output}");
}
