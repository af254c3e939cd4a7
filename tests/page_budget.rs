//! The result fits a screen and leads with what to do: for every built-in
//! path, rendered as the terminal shows it, the default text is at most 90
//! lines at 100 columns, and the first "do this now" action is on the first
//! screen of an 80x24 terminal. Every address the JSON holds is whole on one
//! line of the full text at 80 columns. Rendered in-process from the same
//! report the binary prints, so all paths run in seconds.

mod common;

use unsub_doctor::answers::Answers;
use unsub_doctor::lang::Lang;
use unsub_doctor::report::Report;
use unsub_doctor::write::page::{Look, Page};
use unsub_doctor::{builtin, engine, paths, report, write};

/// Every built-in path's report, in `lang`.
fn reports(lang: Lang) -> Vec<Report> {
    let tree = builtin::tree_in(lang).unwrap();
    let today = jiff::civil::date(2026, 12, 1);
    paths::enumerate(tree, 100_000)
        .unwrap()
        .into_iter()
        .map(|path| {
            let mut answers = Answers::from_pairs(path.answers);
            let outcome = engine::walk(tree, &mut answers);
            report::report(tree, &outcome, &answers, lang, today)
        })
        .collect()
}

fn render(report: &Report, width: usize, full: bool) -> String {
    let mut out = Vec::new();
    write::diagnosis::text(
        report,
        &mut Page::new(&mut out, Look::Plain, Some(width)),
        full,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_path_fits_ninety_lines_at_100_columns_and_opens_with_what_to_do() {
    let reports = reports(Lang::Zh);
    assert!(reports.len() > 1000, "{} paths", reports.len());
    for report in &reports {
        assert_eq!(report.status, "diagnosed");
        assert!(!report.now.is_empty(), "no action: {:?}", report.answers);
        let text = render(report, 100, false);
        let lines = text.lines().count();
        assert!(
            lines <= 90,
            "{lines} lines for {:?}:\n{text}",
            report.answers
        );

        let narrow = render(report, 80, false);
        let first_action = narrow
            .lines()
            .position(|l| l.starts_with("   1. "))
            .unwrap_or(usize::MAX);
        assert!(
            first_action < 24,
            "first action on line {first_action}:\n{narrow}"
        );
        // The first action is the first of `now`, and the page ends with it again.
        let first = &report.now[0].action;
        let head: String = first.chars().take(10).collect();
        assert!(
            narrow.lines().nth(first_action).unwrap().contains(&head),
            "{narrow}"
        );
        let tail: Vec<&str> = narrow.lines().rev().take(report.now.len()).collect();
        assert!(tail.last().unwrap().contains(&head), "{narrow}");
    }
}

#[test]
fn every_address_in_the_json_is_whole_on_one_line_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        // Every seventh path: the addresses come from the facts, which the
        // paths share.
        for report in reports(lang).iter().step_by(7) {
            let json = serde_json::to_string(report).unwrap();
            let urls: Vec<&str> = json
                .match_indices("http")
                .map(|(i, _)| {
                    let rest = &json[i..];
                    let end = rest
                        .find(|c: char| c == '"' || c.is_whitespace() || !c.is_ascii())
                        .unwrap_or(rest.len());
                    rest[..end].trim_end_matches(['。', '，', ')', '）'])
                })
                .collect();
            assert!(!urls.is_empty());
            let full = render(report, 80, true);
            for url in urls {
                assert!(
                    full.lines().any(|l| l.contains(url)),
                    "{url} broken or missing:\n{full}"
                );
            }
            // The short page shows no address it does not keep whole either.
            let short = render(report, 80, false);
            for line in short.lines().filter(|l| l.contains("http")) {
                let url = &line[line.find("http").unwrap()..];
                let url = url
                    .split(|c: char| c.is_whitespace() || !c.is_ascii())
                    .next()
                    .unwrap();
                assert!(json.contains(url), "{url} cut in:\n{short}");
            }
        }
    }
}

/// In a real 80x24 terminal, as a person runs it: the first action is on
/// the first screen, for a user starting out, one waiting on a complaint,
/// and one unsure of the cause.
#[test]
fn in_a_terminal_of_80_by_24_the_first_action_is_on_the_first_screen() {
    for answers in [
        "carrier=mobile,tried=none,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=yes",
        "carrier=unicom,tried=hotline+complaint,symptom=not_ordered,complaint=no_reply,complaint_date=2026-11-20,complaint_ticket=T-1,first_charge_date=2026-05-03",
        "carrier=telecom,tried=none,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=unsure,has_min_term_check=still_unsure,contract_bundled=unsure,contract_bundled_check=still_unsure",
    ] {
        // Through a shell that waits a moment, so the terminal has its size
        // before unsub-doctor asks for it.
        let bin = env!("CARGO_BIN_EXE_unsub-doctor");
        let mut command = std::process::Command::new("sh");
        command
            .args(["-c", "sleep 0.3; exec \"$0\" \"$@\"", bin])
            .args(["--today", "2026-12-01", "--no-input", "--answers", answers])
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("COLUMNS")
            .env_remove("LANG");
        let mut session = expectrl::session::OsSession::spawn(command).unwrap();
        session.set_expect_timeout(Some(std::time::Duration::from_secs(10)));
        session.get_process_mut().set_window_size(80, 24).unwrap();
        let (output, code) = common::pty::finish(session);
        assert_eq!(code, 0, "{output}");
        let output = output.replace("\r\n", "\n");
        let first = output.lines().position(|l| l.starts_with("   1. "));
        assert!(first.is_some_and(|i| i < 24), "{answers}:\n{output}");
        assert!(
            output
                .lines()
                .all(|l| unicode_width(l) <= 80 || l.contains("http")),
            "{output}"
        );
    }
}

fn unicode_width(line: &str) -> usize {
    textwrap::core::display_width(line)
}

/// The layout, as a person reads it: a short page at 100 columns and the
/// full markdown, for a user waiting on a complaint.
#[test]
fn the_short_page_and_the_full_markdown_read_as_they_should() {
    let answers = "carrier=unicom,tried=hotline+complaint,symptom=not_ordered,complaint=no_reply,complaint_date=2026-11-20,complaint_ticket=T-1,first_charge_date=2026-05-03";
    let text = common::run_with_env(
        &["--today", "2026-12-01", "--answers", answers],
        &[("COLUMNS", "100"), ("NO_COLOR", "1")],
    );
    assert_eq!(text.code, 0, "{}", text.stderr);
    insta::assert_snapshot!("short_page_zh", text.stdout);
    let markdown = common::run(&[
        "--today",
        "2026-12-01",
        "--lang",
        "en",
        "--format",
        "markdown",
        "--answers",
        answers,
    ]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    insta::assert_snapshot!("full_markdown_en", markdown.stdout);
}
