//! Any bytes as the answers file `--resume` reads: an error, or answers that
//! `--save` writes back to the same file, and, on the built-in rules, a walk
//! and everything written from it. Never a panic.
#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use unsub_doctor::builtin;
use unsub_doctor::engine;
use unsub_doctor::lang::Lang;
use unsub_doctor::report::error::ErrorReport;
use unsub_doctor::save::SaveFile;
use unsub_doctor::session;

fuzz_target!(|data: &[u8]| {
    let today = jiff::civil::date(2026, 11, 25);
    // The language by the input, so that both are fuzzed at the cost of one.
    let lang = if data.first().is_some_and(|b| b & 1 == 1) {
        Lang::En
    } else {
        Lang::Zh
    };
    let shown = Path::new("case.toml");
    let file = match SaveFile::read(data, shown, lang) {
        Ok(file) => file,
        Err(error) => {
            let _ = serde_json::to_vec(&ErrorReport::of(&error));
            return;
        }
    };
    // What `--save` writes reads back the same: each write re-reads the file.
    let text = file.to_text().expect("answers read can be written");
    let back = SaveFile::read(text.as_bytes(), shown, lang)
        .unwrap_or_else(|e| panic!("the file as written does not read back: {e:#}\n{text}"));
    assert_eq!(back.answers, file.answers, "{text}");
    assert_eq!(
        format!("{:?}", back.followup),
        format!("{:?}", file.followup),
        "{text}"
    );
    let Ok(tree) = builtin::tree_in(lang) else {
        return;
    };
    let given = match session::given(tree, file, &[], None, lang, today) {
        Ok(given) => given,
        Err(error) => {
            let _ = serde_json::to_vec(&ErrorReport::of(&error.into()));
            return;
        }
    };
    let outcome = engine::walk(tree, &mut given.clone());
    let why_not = (!tree.causes.is_empty()).then(|| data.len() % tree.causes.len());
    let knobs = common::Knobs {
        width: Some(20 + data.len() % 100),
        full: data.len() % 3 == 0,
        why_not,
    };
    common::render(tree, &outcome, &given, lang, today, knobs);
});
