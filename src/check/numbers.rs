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
/// neither a list marker, a year nor a marked example. One pass over the
/// text (a pack's text may be long; nothing here looks back over it).
pub(super) fn copied_numbers(body: &str) -> Vec<&str> {
    let plain = blank_placeholders(body);
    let bytes = plain.as_bytes();
    let mut found = Vec::new();
    // An example marker seen since the last sentence end; only blanks since
    // the last line start.
    let (mut example, mut line_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let rest = &plain[i..];
        if let Some(marker) = EXAMPLE_MARKERS.iter().find(|m| rest.starts_with(**m)) {
            // Skipped whole: the full stops of "e.g." end no sentence.
            example = true;
            line_start = false;
            i += marker.len();
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        if !c.is_ascii_digit() {
            if matches!(c, '。' | '；' | '！' | '？' | '\n' | ';' | '!' | '?')
                || (c == '.' && rest[1..].starts_with(' '))
            {
                example = false;
            }
            line_start = c == '\n' || (line_start && matches!(c, ' ' | '\t'));
            i += c.len_utf8();
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let at_line_start = line_start;
        line_start = false;
        // Part of a word or code (`story_p7`, `5G`): not a quantity.
        let joined = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_');
        if joined(start.checked_sub(1).and_then(|s| bytes.get(s))) || joined(bytes.get(i)) {
            continue;
        }
        let run = &body[start..i];
        let list_marker = at_line_start && plain[i..].starts_with(". ");
        if !(list_marker || is_year(run) || example) {
            found.push(run);
        }
    }
    found
}

/// `body` with each `{placeholder}` blanked out (the same length), so the
/// positions of the rest stay true.
fn blank_placeholders(body: &str) -> String {
    let mut plain = String::with_capacity(body.len());
    let mut from = 0;
    for name in placeholders(body) {
        let braced = format!("{{{name}}}");
        // Placeholders come in order: each is searched from the last one on.
        if let Some(at) = body[from..].find(&braced).map(|at| at + from) {
            plain.push_str(&body[from..at]);
            plain.push_str(&" ".repeat(braced.len()));
            from = at + braced.len();
        }
    }
    plain.push_str(&body[from..]);
    plain
}

/// A year, as in "2018年的通知" or "the 2025 commitments".
fn is_year(run: &str) -> bool {
    run.len() == 4 && run.parse::<u16>().is_ok_and(|y| (1949..=2099).contains(&y))
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
