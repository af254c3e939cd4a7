//! The shape of the code, guarded: every top-level module of `src/` (a file
//! or a folder) has a layer, and imports only modules on lower layers. So
//! the pipeline reads in one direction (arguments -> configuration -> rules
//! -> check -> walk -> report -> writers -> commands), the command line is
//! known only to the configuration and the commands, the report never
//! reaches for a writer, and the engine, tree and rules never import
//! anything above them. A new module must be given its layer here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module, lowest first. A module may import only modules of
/// a lower layer; modules on one layer do not import each other.
const LAYERS: &[&[&str]] = &[
    // Words, wrapping and safety for the terminal, with no crate imports at all.
    &["lang", "visible", "help_zh", "wrap"],
    // The rule files as written.
    &["rules"],
    // What an answer is (one choice or a set), and conditions on answers.
    &["picks"],
    // The checked decision tree.
    &["tree"],
    // The rule ids the code reads, with what each must be.
    &["contract"],
    // Checking and walking the tree, and the compiled built-in tree.
    &["check", "engine", "paths", "builtin"],
    // Exit codes and the errors that choose one.
    &["error"],
    // The one signal handler, which lets a write finish.
    &["signals"],
    // Writing the user's files without losing one.
    &["files"],
    // Answers given on the command line or in a file, and the answers file.
    &["answers", "save"],
    // The JSON contract: data only.
    &["report"],
    // Writers for people, the terminal prompts, and rule cases.
    &["write", "prompt", "cases"],
    // Gathering answers for a command.
    &["session"],
    // The command line's definitions.
    &["cli"],
    // Arguments and environment, resolved once.
    &["config"],
    // One module per command.
    &["commands"],
];

/// Modules that only declare and wire: `lib.rs` names every module.
const WIRING: &[&str] = &["lib", "main"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The top-level module a path under `src/` belongs to.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(src()).unwrap_or(path);
    let first = relative.components().next().map_or_else(String::new, |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    first.trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The code of a file without its unit tests: a test may use any module.
fn without_tests(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod ") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The top-level modules a piece of code names through `crate::`, including
/// each name in a `use crate::{a, b::c}` group.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        // `unsub_doctor::` in doc examples is not this crate's path.
        if code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 1 => {
                        item_start = false;
                        let name = ident(&group[i..]);
                        if !name.is_empty() {
                            found.insert(name);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// Every top-level module and the top-level modules it imports.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let used = crate_imports(without_tests(&text));
        graph
            .entry(module.clone())
            .or_default()
            .extend(used.into_iter().filter(|m| *m != module));
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// What breaks the layering: one line per forbidden import or unplaced module.
fn violations(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut found = Vec::new();
    for (module, used) in graph {
        if WIRING.contains(&module.as_str()) {
            continue;
        }
        let Some(layer) = layer_of(module) else {
            found.push(format!("src/{module}: no layer; give it one in LAYERS"));
            continue;
        };
        for import in used {
            match layer_of(import) {
                Some(other) if other < layer => {}
                Some(_) => found.push(format!(
                    "src/{module} imports crate::{import}, which is not below it"
                )),
                None => found.push(format!(
                    "src/{module} imports crate::{import}, which has no layer"
                )),
            }
        }
    }
    found
}

#[test]
fn every_module_imports_only_modules_below_it() {
    let graph = imports();
    assert!(graph.len() > 10, "src/ was not read: {graph:?}");
    let problems = violations(&graph);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_a_forbidden_import() {
    // The checks above would pass vacuously if imports were not found.
    let mut graph = imports();
    assert!(graph["commands"].contains("config"));
    assert!(graph["report"].contains("tree"));
    graph.get_mut("report").unwrap().insert("write".to_owned());
    graph.get_mut("tree").unwrap().insert("cli".to_owned());
    let problems = violations(&graph);
    assert_eq!(
        problems,
        [
            "src/report imports crate::write, which is not below it",
            "src/tree imports crate::cli, which is not below it"
        ]
    );
}

#[test]
fn imports_are_read_from_paths_and_groups() {
    let code = "use crate::lang::Lang;\nuse crate::{report::{self, Report}, write};\nlet x = crate::check::build(s);\nunsub_doctor::config";
    assert_eq!(
        crate_imports(code).into_iter().collect::<Vec<_>>(),
        ["check", "lang", "report", "write"]
    );
}

/// Files stay a size a person can hold in mind, and `lib.rs` only wires.
#[test]
fn no_source_file_is_over_700_lines_and_lib_is_short() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for file in &files {
        let lines = std::fs::read_to_string(file).unwrap().lines().count();
        if lines > 700 {
            long.push(format!("{}: {lines} lines", file.display()));
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    assert!(
        lib.lines().count() < 150,
        "src/lib.rs has {} lines",
        lib.lines().count()
    );
}
