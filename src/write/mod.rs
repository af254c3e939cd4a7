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

/// One line of JSON (no newline), escaped as [`json`] escapes.
pub fn json_compact(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    let text = serde_json::to_string(value)?;
    out.write_all(crate::visible::json_safe(&text).as_bytes())
}
