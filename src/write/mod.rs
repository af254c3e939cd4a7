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

/// Pretty JSON and a newline.
pub fn json(value: &impl Serialize, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}
