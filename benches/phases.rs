//! In-process phases of one diagnosis, on the built-in rules: loading the
//! compiled tree (what a run does), or reading, parsing and checking the rule
//! texts (what `--rules` runs do), one walk, building the report and writing
//! it as JSON. Run with `cargo bench --bench phases`.

use divan::{Bencher, black_box};
use unsub_doctor::answers::Answers;
use unsub_doctor::lang::Lang;
use unsub_doctor::{builtin, check, engine, report, rules, tree::Tree};

const ANSWERS: &str = "carrier=mobile,symptom=no_option,account_state=normal,package_origin=deal,has_min_term=yes,contract_bundled=no";

fn main() {
    divan::main();
}

fn tree() -> Tree {
    check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
}

#[divan::bench]
fn load_compiled_tree() -> Tree {
    Tree::from_bytes(black_box(builtin::stored(Lang::Zh))).unwrap()
}

#[divan::bench]
fn load_builtin_texts() -> Vec<rules::Source> {
    rules::load_sources(black_box(&[] as &[&str])).unwrap()
}

#[divan::bench]
fn parse_and_check(bencher: Bencher) {
    let sources = rules::load_sources(&[] as &[&str]).unwrap();
    bencher.bench(|| check::build(black_box(&sources)).unwrap());
}

#[divan::bench]
fn parse_only(bencher: Bencher) {
    let sources = rules::load_sources(&[] as &[&str]).unwrap();
    bencher.bench(|| {
        for source in black_box(&sources) {
            black_box(rules::parse(source).unwrap());
        }
    });
}

#[divan::bench]
fn walk(bencher: Bencher) {
    let tree = tree();
    let answers = Answers::parse(&tree, &[ANSWERS.to_owned()], None, Lang::Zh).unwrap();
    bencher.bench(|| engine::walk(&tree, &mut black_box(answers.clone())));
}

#[divan::bench]
fn report_and_json(bencher: Bencher) {
    let tree = tree();
    let answers = Answers::parse(&tree, &[ANSWERS.to_owned()], None, Lang::Zh).unwrap();
    let outcome = engine::walk(&tree, &mut answers.clone());
    let today = jiff::civil::date(2026, 11, 25);
    bencher.bench(|| {
        let report = report::report(&tree, &outcome, &answers, Lang::Zh, today);
        serde_json::to_vec(&report).unwrap()
    });
}
