//! The built-in rules in their compiled form: the tree `build.rs` checked and
//! stored from `rules/*.toml`, one copy per language, embedded in the binary. Loading it costs a
//! fraction of parsing and checking the TOML, which is what makes a diagnosis
//! start instantly. Runs with `--rules`, `--no-builtin` or `rules ...` parse
//! the TOML instead (layers override by id, and `rules check` reports warnings).

use std::sync::OnceLock;

use crate::lang::Lang;
use crate::tree::Tree;

/// The stored trees (postcard), written by `build.rs`: Chinese texts only,
/// and English texts only.
static STORED_ZH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.zh.tree"));
static STORED_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.en.tree"));

/// The built-in tree with the texts of `lang`, loaded on first use and kept
/// for the life of the process (never freed: a run ends soon after it is
/// done with the tree).
pub fn tree_in(lang: Lang) -> anyhow::Result<&'static Tree> {
    static ZH: OnceLock<Result<Tree, String>> = OnceLock::new();
    static EN: OnceLock<Result<Tree, String>> = OnceLock::new();
    let loaded = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    loaded
        .get_or_init(|| Tree::from_bytes(stored(lang)).map_err(|e| e.to_string()))
        .as_ref()
        // Only a mismatch between build.rs and this binary could fail here.
        .map_err(|e| anyhow::anyhow!("the built-in rules are damaged: {e}"))
}

/// The stored bytes of one language's tree.
pub fn stored(lang: Lang) -> &'static [u8] {
    match lang {
        Lang::Zh => STORED_ZH,
        Lang::En => STORED_EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answers;
    use crate::engine;
    use crate::{paths, report, rules};

    fn from_toml() -> Tree {
        crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn the_stored_trees_are_the_checked_toml() {
        // Byte for byte: the compiled form is current and loses nothing
        // but the other language.
        for (lang, zh) in [(Lang::Zh, true), (Lang::En, false)] {
            let mut tree = from_toml();
            tree.keep_language(zh);
            assert_eq!(tree.to_bytes().unwrap(), stored(lang));
            assert_eq!(tree_in(lang).unwrap().to_bytes().unwrap(), stored(lang));
        }
    }

    #[test]
    fn every_path_gives_the_same_diagnosis_from_both_forms() {
        let toml = from_toml();
        let today = jiff::civil::date(2026, 11, 25);
        let paths = paths::enumerate(&toml, 100_000).unwrap();
        assert!(paths.len() > 50, "{} paths", paths.len());
        for path in paths {
            let by_id = Answers::from_pairs(path.answers).to_pairs(&toml);
            for lang in [Lang::Zh, Lang::En] {
                let mut outputs = Vec::new();
                for tree in [&toml, tree_in(lang).unwrap()] {
                    let answers =
                        Answers::from_layers(tree, std::slice::from_ref(&by_id), lang).unwrap();
                    let outcome = engine::walk(tree, &mut answers.clone());
                    let report = report::report(tree, &outcome, &answers, lang, today);
                    // The text output is rendered from this same report.
                    outputs.push(serde_json::to_string(&report).unwrap());
                }
                assert_eq!(outputs[0], outputs[1], "answers {by_id:?}");
            }
        }
    }
}
