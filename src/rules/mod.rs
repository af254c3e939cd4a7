//! The rule files as they are written: the serde model of one TOML file
//! (`file.rs`), and loading the rule set from the built-in files and
//! `--rules DIR` overrides (`load.rs`).
//!
//! Everything here mirrors the file format and nothing more; ids are plain
//! strings. Resolving ids and checking that the files make a sound decision
//! tree is the job of `tree/`. Every struct denies unknown keys, so a typo in
//! a key is an error with line and column rather than a silently ignored line.

mod file;
mod load;

pub use file::*;
pub use load::*;
