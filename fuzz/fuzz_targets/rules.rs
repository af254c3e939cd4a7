//! One rule file of any content: loading and checking it must give a tree or
//! problems, never a panic or a hang; a tree it gives must walk and enumerate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unsub_doctor::answers::Answers;
use unsub_doctor::rules::Source;
use unsub_doctor::{check, engine, paths};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source {
        name: "fuzz.toml".to_owned(),
        origin: "fuzz.toml".to_owned(),
        text: text.to_owned(),
        layer: 0,
        defect: None,
    };
    let checked = check::check(&[source], check::Options::default());
    for problem in &checked.problems {
        let _ = problem.to_string();
    }
    if let Some(tree) = checked.tree {
        if let Ok(all) = paths::enumerate(&tree, 1_000) {
            for path in all {
                let outcome = engine::walk(&tree, &mut Answers::from_pairs(path.answers));
                assert_eq!(outcome.conclusions, path.conclusions);
            }
        }
    }
});
