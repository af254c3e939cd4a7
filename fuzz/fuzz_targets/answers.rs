//! Any `--answers` text and any batch line against the built-in rules: an
//! error or a diagnosis, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use unsub_doctor::answers::Answers;
use unsub_doctor::lang::Lang;
use unsub_doctor::{builtin, commands, engine, report};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(tree) = builtin::tree_in(Lang::Zh) else {
        return;
    };
    let today = jiff::civil::date(2026, 11, 25);
    // As `--answers TEXT`, and as `--carrier TEXT` with no other answers.
    for (args, carrier) in [(vec![text.to_owned()], None), (Vec::new(), Some(text))] {
        if let Ok(answers) = Answers::parse(tree, &args, carrier, Lang::Zh) {
            let outcome = engine::walk(tree, &mut answers.clone());
            let report = report::report(tree, &outcome, &answers, Lang::Zh, today);
            let _ = serde_json::to_vec(&report);
        }
    }
    // As batch input: every line gives exactly one result line.
    let mut out = Vec::new();
    if let Ok(summary) = commands::batch::diagnose_lines(
        tree,
        text.as_bytes(),
        commands::batch::Shape::Brief,
        Lang::Zh,
        today,
        &mut out,
    ) {
        assert_eq!(summary.lines, out.iter().filter(|&&b| b == b'\n').count());
    }
});
