//! The writers: everything printed for people (the diagnosis on a page,
//! deadlines, short lists, letters, diagrams) and the one JSON writer. Each
//! draws from a value of `report` and decides nothing the JSON does not say.

pub mod diagnosis;
pub mod followup;
pub mod graph;
pub mod letter;
pub mod lists;
pub mod page;
pub mod problems;
pub mod rules;
pub mod timeline;

use std::io::{self, Write};

use serde::Serialize;

/// Pretty JSON and a newline, every character that could act on a
/// terminal written as a `\uXXXX` escape.
pub fn json(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(crate::visible::json_safe(&text).as_bytes())?;
    writeln!(out)
}

/// Pretty JSON as [`json`] writes it, written while it is made, for a value
/// too large to hold as text (`rules paths` streams its paths).
pub fn json_streamed(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    let mut safe = io::BufWriter::new(Safe {
        out: &mut *out,
        tail: Vec::new(),
    });
    serde_json::to_writer_pretty(&mut safe, value)?;
    safe.flush()?;
    drop(safe);
    writeln!(out)
}

/// Writes JSON text through [`crate::visible::json_safe`]. A write may end
/// inside a character (the buffer above cuts where it is full): its first
/// bytes wait for the next write.
struct Safe<W> {
    out: W,
    tail: Vec<u8>,
}

impl<W: Write> Write for Safe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tail.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.tail) {
            Ok(text) => text.len(),
            // An error with no length is a character cut at the end.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.tail[..whole]).unwrap_or_default();
        self.out
            .write_all(crate::visible::json_safe(text).as_bytes())?;
        self.tail.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// One line of JSON (no newline), escaped as [`json`] escapes.
pub fn json_compact(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    let text = serde_json::to_string(value)?;
    out.write_all(crate::visible::json_safe(&text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_json_is_the_same_as_json_even_with_long_strings_of_wide_characters() {
        // Longer than the buffer, so that writes end inside a character.
        let value = serde_json::json!({ "a": "中\u{202e}".repeat(5000), "b": [1, 2] });
        let (mut whole, mut streamed) = (Vec::new(), Vec::new());
        json(&value, &mut whole).unwrap();
        json_streamed(&value, &mut streamed).unwrap();
        assert_eq!(
            String::from_utf8(streamed).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
}
