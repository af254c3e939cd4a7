//! The public user stories that are played in a terminal, answered at the
//! real prompts as that user would (`../shared/stories/public.md`). Each
//! asserts what a right diagnosis must give that user and what it must never
//! do; the same stories are `[[case]]`s named `story_pN` in the rules.

#![cfg(unix)]

mod common;

use common::pty::{DOWN, ENTER, answer, finish, spawn_with};

/// P1: a data package that came with a phone on contract; the user does not
/// remember a minimum term. Not being sure must not end the interview: the
/// bundle is still asked about, and both causes are named as possible, each
/// with how to check it on the carrier's own channels.
#[test]
fn story_p1() {
    let mut session = spawn_with(&["--today", "2026-12-01"], &[], false);
    answer(&mut session, "你的手机号是哪家运营商的？", &[ENTER]);
    answer(
        &mut session,
        "你在退订时遇到了什么情况？",
        // The last choice: 说不清 / 其他情况.
        &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你的号码现在是什么状态？", &[ENTER]);
    answer(&mut session, "这个流量包是怎么办理的？", &[ENTER]);
    answer(&mut session, "是否承诺了最低在网时长", &[DOWN, DOWN, ENTER]);
    answer(
        &mut session,
        "查过之后，有没有约定合约期？",
        &[DOWN, DOWN, ENTER],
    );
    answer(
        &mut session,
        "这个合约是否还绑着其他业务",
        &[DOWN, DOWN, ENTER],
    );
    answer(
        &mut session,
        "查过之后，合约是否绑了其他业务？",
        &[DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你已经向运营商正式投诉过了吗？", &[ENTER]);
    answer(&mut session, "第一次出现不想要的扣费是哪一天？", &[ENTER]);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("可能的原因（需要先确认）"), "{output}");
    assert!(
        output.contains("可能有合约期（还没确认） [contract_lock]"),
        "{output}"
    );
    assert!(
        output.contains("合约可能绑了其他业务（还没确认） [bundling]"),
        "{output}"
    );
    assert!(output.contains("中国移动APP"), "{output}");
    assert!(output.contains("拨打10086问客服"), "{output}");
    assert!(output.contains("如果确认是这个原因"), "{output}");
    assert!(!output.contains("还不能确定原因"), "{output}");
}
