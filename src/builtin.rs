//! The built-in rules in their compiled form: the tree `build.rs` checked and
//! stored from `rules/*.toml`, embedded in the binary. Loading it costs a
//! fraction of parsing and checking the TOML, which is what makes a diagnosis
//! start instantly. Runs with `--rules`, `--no-builtin` or `rules ...` parse
//! the TOML instead (layers override by id, and `rules check` reports warnings).

use crate::tree::Tree;

/// The stored tree (postcard), written by `build.rs`.
static STORED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.tree"));

/// The built-in tree.
pub fn tree() -> anyhow::Result<Tree> {
    // Only a mismatch between build.rs and this binary could fail here.
    Tree::from_bytes(STORED).map_err(|e| anyhow::anyhow!("the built-in rules are damaged: {e}"))
}

/// The stored bytes, for the test that they match the TOML they came from.
pub fn stored() -> &'static [u8] {
    STORED
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::engine;
    use crate::lang::Lang;
    use crate::{paths, render, rules};

    fn from_toml() -> Tree {
        Tree::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn the_stored_tree_is_the_checked_toml() {
        // Byte for byte: the compiled form is current and loses nothing.
        assert_eq!(from_toml().to_bytes().unwrap(), stored());
        assert_eq!(tree().unwrap().to_bytes().unwrap(), stored());
    }

    #[test]
    fn every_path_gives_the_same_diagnosis_from_both_forms() {
        let toml = from_toml();
        let compiled = tree().unwrap();
        let today = jiff::civil::date(2026, 11, 25);
        let paths = paths::enumerate(&toml, 100_000).unwrap();
        assert!(paths.len() > 50, "{} paths", paths.len());
        for path in paths {
            let by_id = Answers::from_pairs(path.answers).to_pairs(&toml);
            for lang in [Lang::Zh, Lang::En] {
                let mut outputs = Vec::new();
                for tree in [&toml, &compiled] {
                    let answers = Answers::from_layers(tree, std::slice::from_ref(&by_id)).unwrap();
                    let outcome = engine::walk(tree, &mut answers.clone());
                    let report = render::report(tree, &outcome, &answers, lang, today);
                    // The text output is rendered from this same report.
                    outputs.push(serde_json::to_string(&report).unwrap());
                }
                assert_eq!(outputs[0], outputs[1], "answers {by_id:?}");
            }
        }
    }
}
