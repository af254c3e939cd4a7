//! What may reach a terminal. Rule packs come from the internet and answers
//! from the command line, so any text they carry could hold an escape
//! sequence that clears the screen, retitles the window or hides a line. Every
//! text for people (pages, prompts, errors, rule-author reports) passes through
//! [`visible`] before it is written: control characters and the Unicode
//! direction overrides that reorder a line are shown as escapes (`\x1b`,
//! `\u{202e}`) instead of acting. JSON needs none of this: serde_json escapes
//! control characters itself.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every character that would act on a terminal rather than be
/// shown replaced by a visible escape. Newlines and tabs stay.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !acts(c) {
            out.push(c);
        } else if u32::from(c) < 0x80 {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], for output already styled by this program: color
/// sequences (`ESC [ digits;... m`, all `colored` writes) pass, every other
/// control character is escaped. For the rule-author reports, whose texts
/// are styled as they are written; a pack's own color sequence could at most
/// recolor a line there, never clear the screen or retitle the window.
pub fn visible_styled(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(acts) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(len) = color_sequence(from) {
            out.push_str(&from[..len]);
            rest = &from[len..];
        } else {
            let c = from.chars().next().unwrap_or_default();
            out.push_str(&visible(&from[..c.len_utf8()]));
            rest = &from[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of the color sequence `text` starts with, if it starts with one.
fn color_sequence(text: &str) -> Option<usize> {
    let params = text.strip_prefix("\x1b[")?;
    let digits = params
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b';')
        .count();
    (params.as_bytes().get(digits) == Some(&b'm')).then_some(2 + digits + 1)
}

/// Whether a character acts on a terminal or on the order of a line.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(visible("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(visible("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(visible("x\ry\x7f"), "x\\x0dy\\x7f");
    }

    #[test]
    fn styled_output_keeps_its_colors_only() {
        let styled = "\x1b[1;31merror\x1b[0m: `a\x1b[2Jb` \x1b]0;t\x07";
        assert_eq!(
            visible_styled(styled),
            "\x1b[1;31merror\x1b[0m: `a\\x1b[2Jb` \\x1b]0;t\\x07"
        );
        assert_eq!(visible_styled("\x1b["), "\\x1b[");
    }

    #[test]
    fn ordinary_text_is_untouched_and_not_copied() {
        for text in ["拨打10086，说“人工”。", "line one\nline two\tend", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
    }
}
