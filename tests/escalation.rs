//! The escalation kit as a user relies on it: the deadlines counted from the
//! dates given, the complaint and appeal drafts, writing them safely, saving
//! answers and moving a case up the ladder with `followup`.

mod common;

use common::{json, run};

const CONTRACT: &str = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no";

/// The JSON report for a China Mobile contract lock with `extra` answers, on `today`.
fn report(extra: &str, today: &str) -> serde_json::Value {
    let answers = format!("{CONTRACT},{extra}");
    let run = run(&[
        "--json",
        "--today",
        today,
        "--carrier",
        "mobile",
        "--answers",
        &answers,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json(&run)
}

fn timeline(extra: &str) -> serde_json::Value {
    report(extra, "2026-11-25")["timeline"].clone()
}

#[test]
fn an_unanswered_complaint_opens_the_appeal_after_fifteen_days() {
    // The day of the complaint is not counted: the carrier has until the end
    // of 11-16, and the appeal opens on 11-17.
    let t = timeline("complaint=no_reply,complaint_date=2026-11-01");
    assert_eq!(t["today"], "2026-11-25");
    assert_eq!(t["appeal"]["open"], true);
    assert_eq!(t["appeal"]["from"], "2026-11-17");
}

#[test]
fn a_recent_complaint_means_the_appeal_is_not_open_yet() {
    let t = timeline("complaint=no_reply,complaint_date=2026-11-20");
    assert_eq!(t["appeal"]["open"], false);
    // 15 days after 11-20 end on Saturday 12-05; the carrier's time runs to
    // Monday 12-07 (weekends taken as rest days, the safer date to wait for).
    assert_eq!(t["appeal"]["from"], "2026-12-08");
    assert_eq!(t["appeal"]["counted"]["last_day"], "2026-12-05");
    assert_eq!(t["appeal"]["counted"]["moved_to"], "2026-12-07");
}

#[test]
fn a_fee_dispute_older_than_five_months_is_outside_the_fee_window() {
    // The first charge is out of time, the recent ones are not.
    let t = timeline("first_charge_date=2026-06-01");
    assert_eq!(t["fee_dispute"]["open"], false);
    assert_eq!(t["fee_dispute"]["until"], "2026-11-01");
    assert_eq!(t["fee_dispute"]["charges_from"], "2026-06-25");
    assert_eq!(t["other_disputes"]["open"], true);
    let t = timeline("first_charge_date=2026-10-01");
    assert_eq!(t["fee_dispute"]["open"], true);
}

#[test]
fn the_timeline_in_text_names_the_rule_behind_each_date() {
    let answers = format!(
        "{CONTRACT},complaint=no_reply,complaint_date=2026-11-20,first_charge_date=2026-06-01"
    );
    let run = run(&[
        "--today",
        "2026-11-25",
        "--carrier",
        "unicom",
        "--answers",
        &answers,
    ]);
    assert!(
        run.stdout
            .contains("向省级申诉受理机构申诉：2026-12-08 起才可以申诉"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("收费争议申诉：2026-06-25 及以后的扣费还可以申诉"),
        "{}",
        run.stdout
    );
    // The short page names the rule by its id; --full by its article.
    assert!(
        run.stdout.contains("[miit.fee_dispute_limit]"),
        "{}",
        run.stdout
    );
    let full = run_full(&answers);
    assert!(full.contains("第十一条"), "{full}");
}

fn run_full(answers: &str) -> String {
    run(&[
        "--today",
        "2026-11-25",
        "--carrier",
        "unicom",
        "--full",
        "--answers",
        answers,
    ])
    .stdout
}

#[test]
fn a_bad_date_is_a_clear_usage_error() {
    for (answers, expected) in [
        (
            "complaint_date=2026-13-01",
            "`complaint_date` 需要 2026-11-25 这样的日期（YYYY-MM-DD），而不是 `2026-13-01`",
        ),
        ("complaint_date=yesterday", "而不是 `yesterday`"),
    ] {
        let run = run(&[
            "--carrier",
            "mobile",
            "--answers",
            &format!("{CONTRACT},{answers}"),
        ]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains(expected), "{}", run.stderr);
    }
    let run = run(&["--today", "25/11/2026"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
}

#[test]
fn the_hotline_part_says_what_to_ask_for_and_note_down() {
    let report = json(&run(&[
        "--json",
        "--carrier",
        "telecom",
        "--answers",
        CONTRACT,
    ]));
    let hotline = &report["hotline"];
    assert!(hotline["scripts"][0].as_str().unwrap().contains("工单号"));
    let ask: Vec<&str> = hotline["ask"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert!(ask.iter().any(|a| a.contains("回电")), "{ask:?}");
    assert!(ask.iter().any(|a| a.contains("值班经理")), "{ask:?}");
    assert!(!hotline["note"].as_array().unwrap().is_empty());
    let rungs: Vec<&str> = report["rungs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rungs,
        ["manager", "complaint", "appeal", "after_appeal"],
        "China Telecom has no verified supervision line"
    );
}

fn draft(kind: &str, carrier: &str, lang: &str) -> String {
    let answers = format!(
        "{CONTRACT},complaint=no_reply,complaint_date=2026-11-01,complaint_ticket=T-1101,first_charge_date=2026-10-01"
    );
    let run = run(&[
        "draft",
        kind,
        "--today",
        "2026-11-25",
        "--lang",
        lang,
        "--carrier",
        carrier,
        "--answers",
        &answers,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn drafts_are_complete_letters_for_every_carrier() {
    for carrier in ["mobile", "unicom", "telecom"] {
        for kind in ["complaint", "appeal"] {
            let letter = draft(kind, carrier, "zh");
            // Personal details are never filled in: each is a marked blank.
            for blank in ["【姓名：请填写】", "【签名：请填写】"] {
                if kind == "complaint" || blank == "【签名：请填写】" {
                    assert!(
                        letter.contains(blank),
                        "{kind} {carrier}: {blank}\n{letter}"
                    );
                }
            }
            assert!(!letter.contains('{') && !letter.contains('}'), "{letter}");
            assert!(
                letter.contains("T-1101") && letter.contains("2026-11-01"),
                "{letter}"
            );
            insta::assert_snapshot!(format!("{kind}_{carrier}"), letter);
        }
    }
}

#[test]
fn an_appeal_has_what_the_appeal_rules_ask_for() {
    let letter = draft("appeal", "mobile", "zh");
    for part in [
        "申诉人姓名",
        "联系地址",
        "邮政编码",
        "联系电话",
        "被申诉人：中国移动",
        "被申诉人地址",
        "申诉要求",
        "理由和依据",
        "日期：2026-11-25",
    ] {
        assert!(letter.contains(part), "{part}\n{letter}");
    }
    assert!(letter.contains("运营商至今未答复"), "{letter}");
}

#[test]
fn an_english_draft_is_marked_as_a_translation() {
    let letter = draft("complaint", "unicom", "en");
    assert!(
        letter.starts_with("Translation for reading only: send the Chinese version"),
        "{letter}"
    );
    assert!(letter.contains("[name: fill in]"), "{letter}");
    insta::assert_snapshot!("complaint_unicom_en", letter);
}

#[test]
fn out_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("complaint.md");
    let path_str = path.to_str().unwrap();
    let args = |force: bool| {
        let mut args = vec![
            "draft",
            "complaint",
            "--format",
            "markdown",
            "--out",
            path_str,
            "--carrier",
            "mobile",
            "--answers",
            CONTRACT,
        ];
        if force {
            args.push("--force");
        }
        args
    };
    let first = run(&args(false));
    assert_eq!(first.code, 0, "{}", first.stderr);
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("# 关于中国移动流量包合约期及退订问题的投诉"),
        "{written}"
    );
    assert!(written.contains("- [ ] 合同或电子协议"), "{written}");

    std::fs::write(&path, "my own notes").unwrap();
    let refused = run(&args(false));
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("已存在；要替换它请加 --force"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own notes");

    let forced = run(&args(true));
    assert_eq!(forced.code, 0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# 关于中国移动")
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn save_writes_a_file_a_person_can_edit_and_resume_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let saved = run(&[
        "--carrier",
        "unicom",
        "--answers",
        "symptom=no_option,account_state=normal",
        "--save",
        file,
    ]);
    assert_eq!(saved.code, 3, "answers run out: still saved");
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("carrier = \"unicom\""), "{text}");
    // Edit it as a person would, then go on.
    std::fs::write(file, format!("{text}package_origin = \"gift\"\n")).unwrap();
    let resumed = json(&run(&["--json", "--resume", file]));
    assert_eq!(resumed["causes"][0]["id"], "promo_package");
    // Answers on the command line win over the file.
    let overridden = json(&run(&[
        "--json",
        "--resume",
        file,
        "--answers",
        "package_origin=main_plan",
    ]));
    assert_eq!(overridden["conclusions"][0]["id"], "main_plan");
    std::fs::write(file, "[answers]\ncarrier = \"unicom\"\nmood = \"bad\"\n").unwrap();
    let bad = run(&["--resume", file]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("没有问题 `mood`"), "{}", bad.stderr);
}

#[test]
fn followup_moves_a_case_one_rung_up_the_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let saved = run(&["--carrier", "mobile", "--answers", CONTRACT, "--save", file]);
    assert_eq!(saved.code, 0);

    // The answer is missing and there is no terminal: exit 3, as for any walk.
    let missing = run(&["followup", "--resume", file]);
    assert_eq!(missing.code, 3);
    assert!(
        missing.stderr.contains("followup_worked=yes"),
        "{}",
        missing.stderr
    );

    let first = json(&run(&[
        "followup",
        "--json",
        "--resume",
        file,
        "--today",
        "2026-11-26",
        "--answers",
        "followup_worked=no",
    ]));
    assert_eq!(first["status"], "escalated");
    assert_eq!(first["tried"], "diagnosis");
    assert_eq!(first["rung"]["id"], "manager");
    let second = json(&run(&[
        "followup",
        "--json",
        "--resume",
        file,
        "--today",
        "2026-11-27",
        "--answers",
        "followup_worked=no",
    ]));
    assert_eq!(second["tried"], "manager");
    assert_eq!(second["rung"]["id"], "complaint");
    assert_eq!(second["steps"][0]["channel"]["value"], "10086");
    assert_eq!(second["history"].as_array().unwrap().len(), 2);

    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("rung = \"complaint\""), "{text}");
    assert!(
        !text.contains("followup_worked"),
        "the answer is asked again next time: {text}"
    );

    let solved = json(&run(&[
        "followup",
        "--json",
        "--resume",
        file,
        "--answers",
        "followup_worked=yes",
    ]));
    assert_eq!(solved["status"], "resolved");
    assert_eq!(solved["rung"]["id"], "complaint");
}

#[test]
fn followup_needs_a_saved_case() {
    let run = run(&["followup", "--carrier", "mobile"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--resume FILE"), "{}", run.stderr);
}

/// A user who already complained is not sent back to the bottom of the
/// ladder: the diagnosis says the complaint is done and the appeal is next,
/// open now after an unsatisfying answer, or from its day when unanswered.
#[test]
fn the_ladder_starts_where_the_user_stands() {
    let standing = |details: &str| report(details, "2026-12-01")["standing"].clone();
    let unsatisfied = standing("complaint=unsatisfied,complaint_date=2026-10-08");
    assert_eq!(unsatisfied["done"][0], "complaint");
    assert_eq!(unsatisfied["next"], "appeal");
    assert!(unsatisfied.get("next_from").is_none(), "{unsatisfied}");

    let waiting = standing("complaint=no_reply,complaint_date=2026-11-25");
    assert_eq!(waiting["next"], "appeal");
    assert!(
        waiting["next_from"]
            .as_str()
            .is_some_and(|d| d > "2026-12-01"),
        "{waiting}"
    );

    // Not complained yet: the details do not place the user above the bottom.
    assert!(standing("complaint=not_yet").is_null());
}

/// The minimum term's start and length say about when it ends, and whether
/// it still restricts the cancellation; a length that is not a number of
/// months gives no date rather than a guess.
#[test]
fn the_contract_dates_say_when_the_term_ends() {
    let t = timeline("contract_start=2025-03-10,contract_months=24");
    assert_eq!(t["contract"]["end"], "2027-03-10");
    assert_eq!(t["contract"]["ended"], false);
    // The renewal reminder is due the commitment's period before the end.
    assert_eq!(t["contract"]["remind_by"], "2027-03-05");
    assert!(
        t["sources"]
            .to_string()
            .contains("law.renewal_reminder_2025"),
        "{t}"
    );
    let t = timeline("contract_start=2024-06-01,contract_months=12");
    assert_eq!(t["contract"]["end"], "2025-06-01");
    assert_eq!(t["contract"]["ended"], true);
    let t = timeline("contract_start=2024-06-01,contract_months=other,complaint=not_yet");
    assert!(t.get("contract").is_none(), "{t}");
}

/// Story P4's dates: charged every month since 2026-03-10 for a package
/// never agreed to, complained on 11-10 with no answer. On 2026-12-01 the
/// appeal is open, and charges on or after 2026-07-01 can still be appealed
/// as a fee dispute; nothing says the fee dispute is closed.
#[test]
fn story_p4_dates() {
    let answers = "symptom=not_ordered,complaint=no_reply,complaint_date=2026-11-10,complaint_ticket=CT1110,first_charge_date=2026-03-10";
    let args = [
        "--today",
        "2026-12-01",
        "--carrier",
        "telecom",
        "--answers",
        answers,
    ];
    let report = json(&run(&[&args[..], &["--json"]].concat()));
    let t = &report["timeline"];
    assert_eq!(t["appeal"]["open"], true);
    assert_eq!(t["fee_dispute"]["charges_from"], "2026-07-01");
    let text = run(&args).stdout;
    assert!(text.contains("2026-07-01 及以后的扣费还可以申诉"), "{text}");
    assert!(!text.contains("截止"), "{text}");
    assert_eq!(report["standing"]["next"], "appeal");
}

/// Story P8's dates: complained on 11-18, no answer. The carrier's 15 days
/// run from 11-19 to the end of 12-03, so the appeal opens on 2026-12-04.
#[test]
fn story_p8_dates() {
    let answers =
        "symptom=refused_no_reason,no_basis_check=yes,complaint=no_reply,complaint_date=2026-11-18";
    let args = [
        "--today",
        "2026-12-01",
        "--carrier",
        "unicom",
        "--answers",
        answers,
    ];
    let report = json(&run(&[&args[..], &["--json"]].concat()));
    assert_eq!(report["timeline"]["appeal"]["open"], false);
    assert_eq!(report["timeline"]["appeal"]["from"], "2026-12-04");
    let text = run(&args).stdout;
    assert!(text.contains("2026-12-04 起"), "{text}");
    assert!(text.contains("投诉当天不计入"), "{text}");
    assert!(!text.contains("现在就可以申诉"), "{text}");
}

/// Story P10: `draft appeal` for a user who has not complained yet prints no
/// letter (one would claim a complaint that did not happen), says why, and
/// offers the complaint letter; it exits 5, "not possible yet".
#[test]
fn story_p10() {
    for details in [
        "complaint=not_yet",
        "complaint=no_reply,complaint_date=2026-11-20",
        "",
    ] {
        let answers = if details.is_empty() {
            CONTRACT.to_owned()
        } else {
            format!("{CONTRACT},{details}")
        };
        let run = run(&[
            "draft",
            "appeal",
            "--today",
            "2026-11-25",
            "--carrier",
            "telecom",
            "--answers",
            &answers,
        ]);
        assert_eq!(run.code, 5, "{details}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{details}: {}", run.stdout);
        assert!(
            run.stderr.contains("unsub-doctor draft complaint"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("我已于"), "{}", run.stderr);
    }
    // Not yet answered within the carrier's time: the day it opens is named.
    let answers = format!("{CONTRACT},complaint=no_reply,complaint_date=2026-11-20");
    let run = run(&[
        "draft",
        "appeal",
        "--today",
        "2026-11-25",
        "--carrier",
        "telecom",
        "--answers",
        &answers,
    ]);
    assert_eq!(run.code, 5);
    assert!(
        run.stderr.contains("2026-12-08 起才可以申诉"),
        "{}",
        run.stderr
    );
}

/// Story P12: three `followup` calls on one day, each "it did not work",
/// and no complaint ever filed. The ladder stops below the MIIT appeal and
/// says what must happen first; once a complaint is answered unsatisfactorily
/// the appeal is next.
#[test]
fn story_p12() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let saved = run(&[
        "--carrier",
        "telecom",
        "--answers",
        CONTRACT,
        "--save",
        file,
    ]);
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let followup = |extra: &str| {
        let answers = format!("followup_worked=no{extra}");
        json(&run(&[
            "followup",
            "--json",
            "--resume",
            file,
            "--today",
            "2026-12-01",
            "--answers",
            &answers,
        ]))
    };
    let mut last = serde_json::Value::Null;
    for _ in 0..3 {
        last = followup("");
        assert_ne!(last["rung"]["id"], "appeal", "{last}");
    }
    assert_eq!(last["status"], "waiting", "{last}");
    assert_eq!(last["rung"]["id"], "complaint", "{last}");
    let text = run(&[
        "followup",
        "--resume",
        file,
        "--today",
        "2026-12-01",
        "--answers",
        "followup_worked=no",
    ])
    .stdout;
    assert!(
        text.contains("还不能申诉：申诉前须先向运营商正式投诉"),
        "{text}"
    );

    // A complaint answered unsatisfactorily opens the appeal at once.
    let next = followup(",complaint=unsatisfied,complaint_date=2026-11-20");
    assert_eq!(next["status"], "escalated", "{next}");
    assert_eq!(next["rung"]["id"], "appeal", "{next}");
}

/// An appeal asks back only the charges still inside the fee-dispute window,
/// and says why the earlier ones are not part of it.
#[test]
fn an_appeal_asks_back_only_the_charges_still_in_time() {
    let answers = "symptom=not_ordered,complaint=unsatisfied,complaint_date=2026-11-10,first_charge_date=2026-03-10,first_attempt_date=2026-03-10";
    let run = run(&[
        "draft",
        "appeal",
        "--today",
        "2026-12-01",
        "--carrier",
        "unicom",
        "--answers",
        answers,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "退还自2026-07-01起未经我同意扣的费用（自2026-03-10起的更早扣费已超过收费争议的申诉期限"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("退还自2026-03-10起"), "{}", run.stdout);
}

/// A first `followup` for a user who already complained and appealed starts
/// where they stand: the next rung is what remains after the appeal, never
/// the duty manager again.
#[test]
fn followup_starts_where_the_user_stands() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("case.toml");
    let file = file.to_str().unwrap();
    let answers = format!(
        "{CONTRACT},tried=hotline+complaint+appeal,complaint=unsatisfied,complaint_date=2025-12-10"
    );
    let saved = run(&["--carrier", "mobile", "--answers", &answers, "--save", file]);
    assert_eq!(saved.code, 0, "{}", saved.stderr);
    let next = json(&run(&[
        "followup",
        "--json",
        "--resume",
        file,
        "--today",
        "2026-12-01",
        "--answers",
        "followup_worked=no,appeal_date=2026-11-20",
    ]));
    assert_eq!(next["tried"], "appeal", "{next}");
    assert_eq!(next["rung"]["id"], "after_appeal", "{next}");
}

/// The complaint letter asks back only what became unwanted: for a package
/// the user ordered and could not cancel, the charges since they first asked
/// to cancel; for one they never ordered, every charge since the first.
#[test]
fn the_complaint_letter_asks_refunds_from_when_the_charges_became_unwanted() {
    let letter = |answers: &str| {
        let run = run(&[
            "draft",
            "complaint",
            "--today",
            "2026-12-01",
            "--carrier",
            "mobile",
            "--answers",
            answers,
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        run.stdout
    };
    const REFUSED: &str = "symptom=refused_no_reason,no_basis_check=yes";
    let ordered = letter(&format!(
        "{REFUSED},first_charge_date=2026-01-10,first_attempt_date=2026-09-01"
    ));
    assert!(
        ordered.contains("退还自2026-09-01（我第一次要求退订）起因未能退订而多收的费用"),
        "{ordered}"
    );
    assert!(!ordered.contains("退还自2026-01-10"), "{ordered}");
    // Without the first attempt, a blank to fill, never the first charge.
    let ordered = letter(&format!("{REFUSED},first_charge_date=2026-01-10"));
    assert!(
        ordered.contains("退还自【第一次要求退订的日期"),
        "{ordered}"
    );

    let never = letter(
        "symptom=no_option,account_state=normal,package_origin=never_ordered,first_charge_date=2026-01-10,first_attempt_date=2026-09-01",
    );
    assert!(
        never.contains("退还自2026-01-10起未经我同意扣的费用"),
        "{never}"
    );
    // Told by the symptom rather than by how it was taken up: the same, and
    // the letter asks for the record of consent.
    let never =
        letter("symptom=not_ordered,first_charge_date=2026-03-01,first_attempt_date=2026-10-01");
    assert!(
        never.contains("退还自2026-03-01起未经我同意扣的费用"),
        "{never}"
    );
    assert!(never.contains("提供我同意办理的凭证"), "{never}");
    assert!(!never.contains("无法退订"), "{never}");
}

/// The case details are listed with the questions, so a program (or a
/// person writing `--answers`) can find them and their kinds.
#[test]
fn questions_lists_the_case_details_with_their_kinds() {
    let list = json(&run(&["questions", "--json"]));
    let details = list["details"].as_array().unwrap();
    let kind = |id: &str| {
        details
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["kind"].clone())
    };
    assert_eq!(kind("complaint_date"), Some(serde_json::json!("date")));
    assert_eq!(kind("complaint_ticket"), Some(serde_json::json!("text")));
    assert_eq!(kind("complaint"), Some(serde_json::json!("choice")));
    let text = run(&["questions"]).stdout;
    assert!(text.contains("first_charge_date  YYYY-MM-DD"), "{text}");
}
