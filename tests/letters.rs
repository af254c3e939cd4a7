//! The complaint letter for each class of situation, written for the
//! `[[case]]` scenarios of the built-in rules (every carrier a class has a
//! case for): it states what happened and asks for what that class calls
//! for, never the general "it cannot be cancelled, cancel it now", and cites
//! only the rules its conclusions' letters name. The date of every letter is
//! 2026-12-01.

mod common;

use common::run;
use unsub_doctor::check;
use unsub_doctor::rules;
use unsub_doctor::tree::Tree;

fn tree() -> Tree {
    check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
}

/// The `--answers` of a built-in case, its details included.
fn case_answers(tree: &Tree, name: &str) -> String {
    let case = tree
        .cases
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case `{name}`"));
    let mut pairs: Vec<String> = case
        .answers
        .iter()
        .map(|&(q, answer)| format!("{}={}", tree.questions[q].id, tree.answer_value(q, answer)))
        .collect();
    pairs.extend(
        case.details
            .iter()
            .map(|(id, value)| format!("{id}={value}")),
    );
    pairs.join(",")
}

/// The complaint letter for a case's answers and `extra` details.
fn complaint(tree: &Tree, case: &str, extra: &str) -> String {
    let mut answers = case_answers(tree, case);
    if !extra.is_empty() {
        answers = format!("{answers},{extra}");
    }
    let run = run(&[
        "draft",
        "complaint",
        "--today",
        "2026-12-01",
        "--answers",
        &answers,
    ]);
    assert_eq!(run.code, 0, "{case}: {}{}", run.stdout, run.stderr);
    run.stdout
}

/// What the general wording says, which a letter of the rules never says.
const GENERAL: &[&str] = &[
    "无法退订：",
    "至今未能办成。",
    "立即为我办理退订",
    "因未能退订而多收的费用",
    "书面说明不能退订的原因",
    "经了解",
];

fn assert_has(letter: &str, case: &str, parts: &[&str]) {
    for part in parts {
        assert!(letter.contains(part), "{case}: no {part:?} in\n{letter}");
    }
}

fn assert_lacks(letter: &str, case: &str, parts: &[&str]) {
    for part in parts {
        assert!(!letter.contains(part), "{case}: {part:?} in\n{letter}");
    }
}

/// A contract lock: the letter asks for the term's dates, the early-exit fee
/// and the clause it rests on, and for the cancellation at the end of the
/// term (or now, against the fee); never "cancel it now" as if nothing held it.
#[test]
fn a_contract_lock_asks_for_the_term_the_fee_and_the_clause() {
    let tree = tree();
    for case in [
        "mobile_contract_lock",
        "unicom_contract_lock",
        "telecom_contract_lock",
    ] {
        let letter = complaint(&tree, case, "tried=hotline,first_attempt_date=2026-11-02");
        assert_has(
            &letter,
            case,
            &[
                "流量包合约期及退订问题的投诉",
                "约定了合约期",
                "合约的开始和结束日期",
                "提前解约的违约金金额和计算方法",
                "合同条款原文",
                "合约期满时为我办理退订",
                "我已经试过：打客服热线。",
            ],
        );
        assert_lacks(&letter, case, GENERAL);
        assert_lacks(&letter, case, &["退还自"]);
    }
}

/// A promotion renewed at the full price without a reminder: the letter
/// says so and asks the renewed charges back from the first of them, and
/// that the cancellation be confirmed; it never claims the package cannot
/// be cancelled, nor that it was never ordered (however the walk got there).
#[test]
fn a_renewal_without_a_reminder_asks_the_renewed_charges_back() {
    let tree = tree();
    for case in [
        "story_p5",
        "unicom_promo_renewed_via_origin",
        "mobile_promo_renewed_reminder_not_found",
    ] {
        let letter = complaint(
            &tree,
            case,
            "tried=app,first_charge_date=2026-10-05,first_attempt_date=2026-11-20",
        );
        assert_has(
            &letter,
            case,
            &[
                "未经提醒按原价自动续订",
                "自动按原价续订，自2026-10-05起按原价扣费",
                "退还自2026-10-05起续订后按原价扣的费用",
                "现在为我退订这个流量包（已经退订的，确认已经退订）",
                "提醒的发送日期、方式和内容",
                "自动续订、续费前5日提醒用户",
            ],
        );
        assert_lacks(&letter, case, GENERAL);
        assert_lacks(&letter, case, &["从未订购", "2026-11-20"]);
    }
    // What the user answered about the reminder is what the letter says.
    let no = complaint(&tree, "story_p5", "");
    assert_has(&no, "story_p5", &["我没有收到运营商的续订提醒"]);
    let not_found = complaint(&tree, "mobile_promo_renewed_reminder_not_found", "");
    assert_has(&not_found, "not_found", &["记不起收到过"]);
    assert_lacks(&not_found, "not_found", &["我没有收到运营商的续订提醒"]);
}

/// A secondary card: the letter asks how the main card's owner can cancel
/// remotely and with what checks, or for the carrier's written basis; it
/// never cites the product term that only the main card may order (another
/// carrier's term, in the carrier's favour).
#[test]
fn a_secondary_card_asks_how_the_owner_can_cancel_remotely() {
    let tree = tree();
    for case in [
        "story_p9",
        "unicom_secondary_card",
        "telecom_secondary_card",
    ] {
        let letter = complaint(&tree, case, "tried=hotline");
        assert_has(
            &letter,
            case,
            &[
                "要由主卡机主（或号码登记的机主）办理",
                "远程办理这个退订（如客服热线、官方APP）",
                "身份核验",
                "书面告知所依据的产品条款或规定原文",
            ],
        );
        assert_lacks(&letter, case, GENERAL);
        assert_lacks(
            &letter,
            case,
            &["只能由主卡订购", "中国联通产品规则", "退还自"],
        );
        // Evidence only for what the user tried: no store, no app message.
        assert_lacks(&letter, case, &["营业厅的业务受理单", "退订时APP页面"]);
        assert_has(&letter, case, &["打过的客服电话的通话记录"]);
    }
}

/// A cancellation already made and still charged: the letter says when it
/// was made and asks the charges back from the day it had to stop them,
/// and the cancellation confirmed; with no known effective day, the carrier
/// is asked for it.
#[test]
fn a_cancellation_still_charged_asks_the_charges_after_it_back() {
    let tree = tree();
    let known = "unsubscribe_date=2026-11-12,effective=next_month";
    for case in [
        "mobile_pending_confirmed",
        "telecom_pending_checked",
        "mobile_pending_unconfirmed",
        "unicom_pending_unconfirmed",
    ] {
        let letter = complaint(&tree, case, known);
        assert_has(
            &letter,
            case,
            &[
                "我已于2026-11-12通过运营商官方渠道",
                "退还自2026-12-01",
                "仍扣的这个流量包的费用",
            ],
        );
        assert_lacks(&letter, case, GENERAL);
        let unknown = complaint(&tree, case, "unsubscribe_date=2026-11-12,effective=unsure");
        assert_has(&unknown, case, &["生效的日期，并退还", "我已于2026-11-12"]);
        assert_lacks(&unknown, case, &["退还自"]);
        assert_lacks(&unknown, case, GENERAL);
    }
    let confirmed = complaint(&tree, "mobile_pending_confirmed", known);
    assert_has(
        &confirmed,
        "confirmed",
        &["收到了退订已受理或已成功的确认", "应从2026-12-01起停止扣费"],
    );
    let unconfirmed = complaint(&tree, "mobile_pending_unconfirmed", known);
    assert_has(
        &unconfirmed,
        "unconfirmed",
        &[
            "没有收到退订已受理或已成功的确认",
            "没有受理的，现在为我办理退订",
        ],
    );
}

/// A package never ordered keeps its letter: titled as an order without
/// consent, asking for the record of consent and every charge since the first.
#[test]
fn a_package_never_ordered_asks_for_the_consent_and_every_charge() {
    let tree = tree();
    for case in ["story_p3", "unicom_never_ordered", "telecom_not_ordered"] {
        let letter = complaint(&tree, case, "first_charge_date=2026-09-05");
        assert_has(
            &letter,
            case,
            &[
                "未经同意订购流量包并扣费的投诉",
                "我从未订购、也从未同意办理",
                "退还自2026-09-05起未经我同意扣的费用",
                "提供我同意办理的凭证",
            ],
        );
        assert_lacks(&letter, case, &["无法退订"]);
    }
}

/// Every case's letter: its answers are said as statements, never pasted in
/// as the questions of the walk; every blank is filled or marked; and the
/// rules it cites are the ones its conclusions' letters name.
#[test]
fn every_case_gets_a_letter_of_statements_citing_its_letters_rules() {
    let tree = tree();
    for case in &tree.cases {
        let answers = case_answers(&tree, &case.name);
        let run = run(&["--json", "--today", "2026-12-01", "--answers", &answers]);
        let report = common::json(&run);
        let letter = complaint(&tree, &case.name, "");
        assert_lacks(&letter, &case.name, &["？", "{", "}"]);
        let cited: Vec<String> = report["conclusions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["letter"]["facts"].as_array().cloned().unwrap_or_default())
            .filter_map(|f| f.as_str().map(str::to_owned))
            .collect();
        for source in report["sources"].as_array().unwrap() {
            let label = source["label"].as_str().unwrap();
            let id = source["id"].as_str().unwrap();
            let line = format!("- {label}（");
            if letter.contains(&line) {
                assert!(
                    cited.iter().any(|c| c == id),
                    "{}: cites `{id}`, which no letter of its conclusions names\n{letter}",
                    case.name
                );
            }
        }
    }
}
