//! `{name}` placeholders in rule texts: the names a text uses, found in one
//! pass over the text whatever it holds.

/// The first `{name}` in `text`: the text before it, the name and the rest.
/// Only lowercase ASCII names with `_`, `.` and digits count, so ordinary
/// braces in prose stay prose.
pub(super) fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    // One pass: a name runs from a `{` to the first byte that cannot be in a
    // name, and the scan goes on from that byte, so no byte is read more than
    // twice (a text of a million `{` is read once, not a million times).
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| i + from) {
        let start = open + 1;
        let len = bytes[start..]
            .iter()
            .take_while(|&&b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
            })
            .count();
        let close = start + len;
        if len > 0 && bytes.get(close) == Some(&b'}') {
            return Some((&text[..open], &text[start..close], &text[close + 1..]));
        }
        from = close.max(start);
    }
    None
}

/// Every placeholder name in `text`.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some((_, name, after)) = next_placeholder(rest) {
        names.push(name);
        rest = after;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_lowercase_names_in_braces() {
        assert_eq!(
            placeholders("拨打{hotline}，或发送{mobile.sms_unsubscribe}"),
            ["hotline", "mobile.sms_unsubscribe"]
        );
        assert!(placeholders("a {Not one} {} { x }").is_empty());
        assert_eq!(placeholders("{{hotline}}"), ["hotline"]);
        assert_eq!(placeholders("{a {b} {c d} {e}"), ["b", "e"]);
        assert_eq!(placeholders("{x.y}{}{z}"), ["x.y", "z"]);
    }
}
