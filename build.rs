//! Compiles the built-in rules: checks `rules/*.toml` with the same checker a
//! `--rules` pack meets at run time and stores the checked tree (postcard) in
//! `$OUT_DIR/builtin.{zh,en}.tree`, one per language, which `src/builtin.rs` embeds. A run on the
//! built-in rules then parses no TOML; a rule error fails the build with the
//! checker's own messages.
//!
//! The model, checker, rule-id contract and tree are the crate's own modules, compiled here by
//! path, so the build and the tool cannot disagree about the format.

// The build uses a small part of these modules. The checker is a folder:
// its passes (`src/check/*.rs`) resolve beside its `mod.rs`. It checks the
// rule-id contract, so `src/contract.rs` comes along.
#[allow(dead_code, unused_imports)]
#[path = "src/check/mod.rs"]
mod check;
#[allow(dead_code)]
#[path = "src/contract.rs"]
mod contract;
#[allow(dead_code)]
#[path = "src/picks.rs"]
mod picks;
#[allow(dead_code)]
#[path = "src/rules/mod.rs"]
mod rules;
#[allow(dead_code)]
#[path = "src/tree/mod.rs"]
mod tree;

// The language type; the build's messages are for developers and speak
// English (`check::Options::default()`).
#[allow(dead_code)]
#[path = "src/lang.rs"]
mod lang;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    for watched in [
        "rules",
        "src/check",
        "src/contract.rs",
        "src/lang.rs",
        "src/picks.rs",
        "src/rules",
        "src/tree",
    ] {
        println!("cargo::rerun-if-changed={watched}");
    }
    let sources = match rules::load_layers(true, &[] as &[&str], lang::Lang::En) {
        Ok(sources) => sources,
        Err(e) => return fail(&format!("cannot read the built-in rules: {e:#}")),
    };
    let checked = check::check(&sources, check::Options::default());
    let Some(tree) = checked.tree else {
        let problems: Vec<String> = checked
            .problems
            .iter()
            .filter(|p| p.severity == check::Severity::Error)
            .map(|p| p.to_string())
            .collect();
        return fail(&format!(
            "the built-in rules in rules/ have errors:\n{}",
            problems.join("\n")
        ));
    };
    match store(&tree) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot store the built-in tree: {e}")),
    }
}

/// Writes one tree per language, each with the other language's texts left
/// empty: a run speaks one language and so loads half the text.
fn store(tree: &tree::Tree) -> Result<(), String> {
    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?;
    let both = tree.to_bytes().map_err(|e| e.to_string())?;
    for (lang, zh) in [("zh", true), ("en", false)] {
        let mut one = tree::Tree::from_bytes(&both).map_err(|e| e.to_string())?;
        one.keep_language(zh);
        let path = PathBuf::from(&out_dir).join(format!("builtin.{lang}.tree"));
        let bytes = one.to_bytes().map_err(|e| e.to_string())?;
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn fail(message: &str) -> ExitCode {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    ExitCode::FAILURE
}
