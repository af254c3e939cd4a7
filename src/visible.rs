//! What may reach a terminal. Rule packs come from the internet and answers
//! from the command line, so any text they carry could hold an escape
//! sequence that clears the screen, retitles the window or hides a line. Every
//! text for people (pages, prompts, errors, rule-author reports) passes through
//! [`visible`] before it is written: control characters and the Unicode
//! direction overrides that reorder a line are shown as escapes (`\x1b`,
//! `\u{202e}`) instead of acting. JSON carries the same characters as
//! `\uXXXX` escapes ([`json_safe`]), which keep it valid JSON.

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

/// Whether a character acts on a terminal or on the order of a line, or
/// hides between the visible ones: controls (C0, DEL, C1), the direction
/// marks and overrides, zero-width characters and the byte-order mark, and
/// the Unicode line and paragraph separators.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200f}'
                | '\u{061c}'
                | '\u{feff}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// JSON text (as serde_json writes it) with each character [`visible`]
/// would escape written as a `\uXXXX` escape instead, so that the JSON stays
/// JSON and a reader printing a value cannot be made to act on a terminal.
/// Such characters only ever stand inside strings, where the escape means
/// the same character; serde_json already escapes C0 controls.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(acts) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if acts(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_would_act_and_stays_json() {
        let value = "q\u{202e}evil\u{7f}\u{9b}\u{2066}\u{200b}\u{feff}\u{2028}";
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_safe(&json);
        assert!(safe.is_ascii(), "{safe}");
        assert!(safe.contains("\\u202e") && safe.contains("\\u007f") && safe.contains("\\u009b"));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
        assert_eq!(visible("a\u{200b}b\u{2029}"), "a\\u{200b}b\\u{2029}");
    }

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
