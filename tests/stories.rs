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
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "你在退订时遇到了什么情况？",
        // The last choice: 说不清 / 其他情况.
        &[DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, DOWN, ENTER],
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

/// P6: unsubscribed in the app on 11-15, the SMS said 次月生效, and on 12-01
/// this month was charged. Asked for the two dates, the diagnosis works out
/// that charges had to stop on 2026-12-01 and says which month's charge is
/// not expected, instead of only "this month is charged as normal".
#[test]
fn story_p6() {
    let mut session = spawn_with(&["--today", "2026-12-01"], &[], false);
    answer(&mut session, "你的手机号是哪家运营商的？", &[ENTER]);
    answer(&mut session, "你已经试过哪些办法？", &[ENTER]);
    answer(
        &mut session,
        "你在退订时遇到了什么情况？",
        &[DOWN, DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你是通过什么渠道办理退订的？", &[ENTER]);
    answer(&mut session, "收到运营商“退订成功/已受理”的短信", &[ENTER]);
    answer(
        &mut session,
        "你是哪一天办理退订的？",
        &["2026-11-15", ENTER],
    );
    answer(&mut session, "退订什么时候生效？", &[ENTER]);
    answer(&mut session, "你已经向运营商正式投诉过了吗？", &[ENTER]);
    answer(&mut session, "第一次出现不想要的扣费是哪一天？", &[ENTER]);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("退订已提交，尚未生效"), "{output}");
    // The terminal wraps long lines: compare without the wrapping.
    let flat: String = output.split_whitespace().collect();
    assert!(flat.contains("应从2026-12-01起停止扣费"), "{output}");
    assert!(
        flat.contains("2026-12起的账单里不应再有这个流量包的费用"),
        "{output}"
    );
}

/// P11: everything tried (the app, an SMS, the hotline, a store) and a formal
/// complaint on 10-08 answered unsatisfactorily. The diagnosis opens with
/// where the user stands: the appeal is next and open now, with the command
/// that writes it; it never sends them back to the plain hotline call.
#[test]
fn story_p11() {
    const SPACE: &str = " ";
    let mut session = spawn_with(&["--today", "2026-12-01"], &[], false);
    answer(&mut session, "你的手机号是哪家运营商的？", &[ENTER]);
    // Ticked: app, sms, hotline, store and the complaint.
    answer(
        &mut session,
        "你已经试过哪些办法？",
        &[
            SPACE, DOWN, SPACE, DOWN, SPACE, DOWN, DOWN, SPACE, DOWN, DOWN, SPACE, ENTER,
        ],
    );
    answer(
        &mut session,
        "你在退订时遇到了什么情况？",
        &[DOWN, DOWN, DOWN, DOWN, ENTER],
    );
    answer(&mut session, "你自己单独按原价订购的", &[ENTER]);
    answer(
        &mut session,
        "你已经向运营商正式投诉过了吗？",
        &[DOWN, DOWN, ENTER],
    );
    answer(&mut session, "投诉是哪一天？", &["2026-10-08", ENTER]);
    answer(&mut session, "投诉的工单号是多少？", &["M1008", ENTER]);
    answer(&mut session, "第一次出现不想要的扣费是哪一天？", &[ENTER]);
    let (output, code) = finish(session);
    assert_eq!(code, 0, "{output}");
    let flat: String = output.split_whitespace().collect();
    let result = &flat[flat.find("诊断结果").expect("a diagnosis")..];
    assert!(result.contains("已经做了：向运营商正式投诉"), "{output}");
    let next = result
        .find("下一步：向省级电信用户申诉受理机构申诉，现在就可以")
        .unwrap_or_else(|| panic!("{output}"));
    // Where the user stands comes first, before the causes and steps.
    assert!(next < result.find("可能原因").unwrap(), "{output}");
    assert!(result.contains("unsub-doctordraftappeal"), "{output}");
    assert!(
        !result.contains("拨打10086，按语音提示说“人工”"),
        "{output}"
    );
}
