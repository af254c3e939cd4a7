//! Numbers copied into texts. A number a fact sets (15日, 5个月, 48小时, an
//! age) belongs in the text as a placeholder (`{miit.precondition.period}`,
//! `{law.elderly_human_agent.number}`), so that a rule pack that changes the
//! fact changes every text that states it. Any other digit run in a text a
//! user reads is a warning, `copied-number`, unless it is plainly not such a
//! number: a list marker at the start of a line, a year (a document's year,
//! 1949 to 2099), the choice's own value in its label, or an example the
//! author marks as one (例如, 比如, 如“, for example, e.g., such as, earlier in
//! the same sentence).

use super::context::Checker;
use super::problem::{Place, ProblemKind, Severity};
use crate::rules::Text;
use crate::tree::placeholders;

/// What marks the numbers after it, in the same sentence, as examples.
const EXAMPLE_MARKERS: &[&str] = &[
    "例如",
    "比如",
    "譬如",
    "如“",
    "如\"",
    "for example",
    "e.g.",
    "such as",
];

impl Checker<'_> {
    /// Warns once per number about each digit run of `text` (both languages)
    /// that states a number without a placeholder. `own` is the text's own
    /// value (a choice's), which its label may repeat.
    pub(super) fn check_numbers(&mut self, place: Place, owner: &str, text: &Text, own: &str) {
        for (lang, body) in [("zh", &text.zh), ("en", &text.en)] {
            for number in copied_numbers(body) {
                if number == own {
                    continue;
                }
                let problem = self.problem(
                    Severity::Warning,
                    ProblemKind::CopiedNumber,
                    place,
                    vec![owner.to_owned()],
                    String::new(),
                );
                self.say_once(problem, &["number", lang, number], || {
                    format!(
                        "the {lang} text of `{owner}` writes the number {number}: if a fact sets it, write `{{fact_id.period}}` or `{{fact_id.number}}`; if it is an example, say so (例如 / for example)"
                    )
                });
            }
        }
    }
}

/// The digit runs of `body` that state a number: outside placeholders, and
/// neither a list marker, a year nor a marked example.
pub(super) fn copied_numbers(body: &str) -> Vec<&str> {
    // Placeholders are blanked out (same length) so positions stay true.
    let mut plain = body.to_owned();
    for name in placeholders(body) {
        let braced = format!("{{{name}}}");
        plain = plain.replacen(&braced, &" ".repeat(braced.len()), 1);
    }
    let bytes = plain.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // Part of a word or code (`story_p7`, `5G`): not a quantity.
        let joined = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
        if joined(start.checked_sub(1).and_then(|s| bytes.get(s))) || joined(bytes.get(i)) {
            continue;
        }
        let run = &body[start..i];
        if is_list_marker(&plain, start, i) || is_year(run) || is_example(&plain[..start]) {
            continue;
        }
        found.push(run);
    }
    found
}

/// `1. ` at the start of a line (or of the text).
fn is_list_marker(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].trim_end_matches([' ', '\t']);
    (line_start.is_empty() || line_start.ends_with('\n')) && text[end..].starts_with(". ")
}

/// A year, as in "2018年的通知" or "the 2025 commitments".
fn is_year(run: &str) -> bool {
    run.len() == 4 && run.parse::<u16>().is_ok_and(|y| (1949..=2099).contains(&y))
}

/// Whether an example marker comes after the last sentence end of `before`.
fn is_example(before: &str) -> bool {
    // "e.g." holds a full stop that does not end a sentence.
    let before = before.replace("e.g.", "e_g_");
    let marker = EXAMPLE_MARKERS
        .iter()
        .map(|m| m.replace("e.g.", "e_g_"))
        .filter_map(|m| before.rfind(&m))
        .max();
    let sentence_end = before
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '。' | '；' | '！' | '？' | '\n' | ';' | '!' | '?')
                || (c == '.' && before[i + 1..].starts_with(' '))
        })
        .map(|(i, _)| i)
        .max();
    match (marker, sentence_end) {
        (Some(m), Some(e)) => m > e,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::copied_numbers;

    #[test]
    fn a_number_a_fact_could_set_is_found_and_the_rest_is_not() {
        assert_eq!(copied_numbers("运营商15日内没有答复"), ["15"]);
        assert_eq!(
            copied_numbers("call within 48 hours, aged 65 or over"),
            ["48", "65"]
        );
        assert!(copied_numbers("运营商{miit.precondition.period}内没有答复").is_empty());
        assert!(copied_numbers("按工信部2018年的通知；the 2025 commitments").is_empty());
        assert!(copied_numbers("怎么查：\n1. 找合同\n2. 或拨打").is_empty());
        assert!(copied_numbers("合约期（例如12个月、24个月）").is_empty());
        assert!(copied_numbers("for example 12 or 24 months").is_empty());
        assert!(copied_numbers("such as \"5 yuan a month\"").is_empty());
        assert!(copied_numbers("story_p7 and 5G").is_empty());
    }

    #[test]
    fn an_example_marker_reaches_only_to_the_end_of_its_sentence() {
        assert_eq!(copied_numbers("例如12个月。之后5天内提醒"), ["5"]);
        assert_eq!(copied_numbers("e.g. 12 months. Then 5 days"), ["5"]);
    }
}
