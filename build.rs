//! Compiles the built-in rules: checks `rules/*.toml` with the same checker a
//! `--rules` pack meets at run time and stores the checked tree (postcard) in
//! `$OUT_DIR/builtin.{zh,en}.tree`, one per language, which `src/builtin.rs` embeds. A run on the
//! built-in rules then parses no TOML; a rule error fails the build with the
//! checker's own messages.
//!
//! The model, checker, rule-id contract and tree are the crate's own modules, compiled here by
//! path, so the build and the tool cannot disagree about the format.
//!
//! It also names the build for `--version`: `UNSUB_DOCTOR_VERSION` is
//! `0.1.0 (rules checked up to 2026-12-01, commit abc1234)`, the date the newest
//! built-in fact was checked and, when known, the commit built.

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

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

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
    let checked = tree.rules_checked().unwrap_or("unknown");
    let mut built = format!("rules checked up to {checked}");
    if let Some(commit) = commit() {
        built.push_str(&format!(", commit {commit}"));
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    println!("cargo::rustc-env=UNSUB_DOCTOR_VERSION={version} ({built})");
    match store(&tree) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot store the built-in tree: {e}")),
    }
}

/// The commit built, abbreviated: from git when the crate is its own git
/// checkout (and git is there), from `.cargo_vcs_info.json` in a crate that
/// `cargo package` made from one; none otherwise.
fn commit() -> Option<String> {
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    if !dir.join(".git").exists() {
        // {"git": {"sha1": "<40 hex digits>", ...}, "path_in_vcs": ""}
        let info = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
        // Watched by its relative path: `cargo package` checks the crate in
        // the checkout's target directory, and a checkout, which has no such
        // file, then runs this script again rather than keep its answer.
        println!("cargo::rerun-if-changed=.cargo_vcs_info.json");
        let after = &info[info.find("\"sha1\"")? + 6..];
        let sha1 = after.trim_start_matches([' ', ':', '"']);
        let short = sha1.get(..7)?;
        return short
            .chars()
            .all(|c| c.is_ascii_hexdigit())
            .then(|| short.to_owned());
    }
    // Built again when HEAD moves: HEAD itself, the branch it names, packed
    // refs. Only files that exist: cargo reruns a build for a missing one.
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(&dir, &["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        let path = git(&dir, &["rev-parse", "--git-path", &name]).map(|p| dir.join(p));
        if let Some(path) = path.filter(|p| p.is_file()) {
            println!("cargo::rerun-if-changed={}", path.display());
        }
    }
    git(&dir, &["rev-parse", "--short=7", "HEAD"])
}

/// What `git -C dir ARGS` prints, trimmed; none when it fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_owned())
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
