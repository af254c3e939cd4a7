//! The tool speaks the user's language, not only the rules: `--help`, the
//! diagnosis and errors follow `--lang` or, without it, the locale.

mod common;

use common::run_with_env;

fn cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// An English line: Chinese only as short names (an app, a carrier alias, a
/// term glossed in brackets), never as the words of the line.
fn assert_english(line: &str, place: &str) {
    let han = line.chars().filter(|&c| cjk(c)).count();
    let latin = line.chars().filter(char::is_ascii_alphabetic).count();
    assert!(han * 2 <= latin || han == 0, "{place}: not English: {line}");
}

/// A Chinese line: no English sentence in it, which always has one of the
/// little words English cannot do without; ids and values have none.
fn assert_chinese(line: &str, place: &str) {
    const LITTLE: &[&str] = &[
        "the", "and", "or", "to", "of", "is", "are", "not", "a", "an", "in", "for", "with", "your",
        "you", "this", "that", "it", "on", "at", "by", "from", "be",
    ];
    // Words, not identifiers: `why-not` and `no_option` are names.
    let words = line
        .split(|c: char| c.is_whitespace() || cjk(c))
        .map(|t| t.trim_matches(|c: char| ",.;:()[]<>`'\"".contains(c)))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic()));
    for word in words {
        assert!(
            !LITTLE.contains(&word.to_ascii_lowercase().as_str()),
            "{place}: English in a Chinese line: {line}"
        );
    }
}

const CONTRACT: &str = "symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=yes";

fn outputs(locale: &str) -> Vec<(&'static str, String)> {
    let env = [("LANG", locale)];
    let help = run_with_env(&["--help"], &env);
    assert_eq!(help.code, 0);
    let diagnosis = run_with_env(&["--carrier", "mobile", "--answers", CONTRACT], &env);
    assert_eq!(diagnosis.code, 0);
    let error = run_with_env(&["--carrier", "vodafone"], &env);
    assert_eq!(error.code, 2);
    let parse_error = run_with_env(&["--format", "yaml"], &env);
    assert_eq!(parse_error.code, 2);
    vec![
        ("--help", help.stdout),
        ("diagnosis", diagnosis.stdout),
        ("error", error.stderr),
        ("parse error", parse_error.stderr),
    ]
}

/// Source notes cite Chinese documents by their Chinese titles, in both
/// languages: the notes under a source, and the one-line list of sources
/// (`• [id] title · confidence · date`).
fn is_citation(line: &str) -> bool {
    let source_line = ["• [", "- ["]
        .iter()
        .any(|b| line.trim_start().starts_with(b))
        && line.contains(" · ");
    source_line
        || line.starts_with("      ")
            && (line.contains('《')
                || line.contains("·")
                || line.contains("verified")
                || line.contains("checked"))
}

#[test]
fn an_english_locale_gets_english() {
    for (place, text) in outputs("en_US.UTF-8") {
        assert!(!text.is_empty(), "{place}");
        for line in text.lines().filter(|l| !is_citation(l)) {
            assert_english(line, place);
        }
    }
}

#[test]
fn a_chinese_locale_gets_chinese() {
    for (place, text) in outputs("zh_CN.UTF-8") {
        assert!(!text.is_empty(), "{place}");
        // Command lines and addresses are the same in every language.
        for line in text
            .lines()
            .filter(|l| !l.contains("http") && !l.contains("unsub-doctor "))
        {
            assert_chinese(line, place);
        }
        assert!(text.chars().any(cjk), "{place}");
    }
}

#[test]
fn the_flag_wins_over_the_locale() {
    let help = run_with_env(&["--lang", "zh", "--help"], &[("LANG", "en_US.UTF-8")]);
    assert!(help.stdout.contains("用法："), "{}", help.stdout);
    let help = run_with_env(&["--help", "--lang=en"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(help.stdout.contains("Usage:"), "{}", help.stdout);
}
