//! Completion at the Tab key in a real interactive bash (pseudo-terminal,
//! the script from `completions bash` sourced), beyond the four cases in
//! the bad-input catalogue: options of subcommands, `--opt=value`, file
//! names left to bash, rule packs named on the line; and what the binary
//! answers the other shells' scripts.

#![cfg(unix)]

mod common;

use common::bash::Bash;
use common::run_with_env;

#[test]
fn bash_completes_commands_options_and_values() {
    let mut bash = Bash::start();
    // A subcommand's own option, and a nested subcommand.
    assert_eq!(
        bash.line_after("unsub-doctor draft complaint --ou\t"),
        "unsub-doctor draft complaint --out "
    );
    assert_eq!(
        bash.line_after("unsub-doctor rules gr\t"),
        "unsub-doctor rules graph "
    );
    assert_eq!(
        bash.line_after("unsub-doctor rules graph --format m\t"),
        "unsub-doctor rules graph --format mermaid "
    );
    assert_eq!(
        bash.line_after("unsub-doctor draft ap\t"),
        "unsub-doctor draft appeal "
    );
    // Values of the rules: the carrier, a cause, an answer in `--opt=` form.
    assert_eq!(
        bash.line_after("unsub-doctor --carrier un\t"),
        "unsub-doctor --carrier unicom "
    );
    assert_eq!(
        bash.line_after("unsub-doctor why-not contract_l\t"),
        "unsub-doctor why-not contract_lock "
    );
    assert_eq!(
        bash.line_after("unsub-doctor --answers=symptom=still\t"),
        "unsub-doctor --answers=symptom=still_active"
    );
    assert_eq!(
        bash.line_after("unsub-doctor draft complaint -a carrier=te\t"),
        "unsub-doctor draft complaint -a carrier=telecom"
    );
    // A set takes its values one by one after `+`, each only once.
    let set = bash.typed("unsub-doctor --answers tried=app+\t\t");
    let offered: Vec<&str> = set.screen.split_whitespace().collect();
    assert!(
        offered.contains(&"app+sms") && !offered.contains(&"app+app"),
        "{:?}",
        set.screen
    );
}

#[test]
fn bash_completes_file_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("my case.toml"), "").unwrap();
    let prefix = format!("{}/my", dir.path().display());
    let mut bash = Bash::start();
    // bash's own file name completion: quoted, with the space escaped.
    let line = bash.line_after(&format!("unsub-doctor --save {prefix}\t"));
    assert_eq!(line, format!("unsub-doctor --save {prefix}\\ case.toml "));
    let line = bash.line_after(&format!("unsub-doctor --json > {prefix}\t"));
    assert_eq!(line, format!("unsub-doctor --json > {prefix}\\ case.toml "));
    // Not in a free-text answer: no file names there.
    let line = bash.line_after("unsub-doctor --answers complaint_ticket=\t\t");
    assert_eq!(line, "unsub-doctor --answers complaint_ticket=");
}

#[test]
fn bash_completes_the_ids_of_a_pack_named_on_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("extra.toml"),
        "[[detail]]\nid = \"zz_order_number\"\nkind = \"text\"\ntext = { zh = \"订单号\", en = \"Order number\" }\nask_in = [\"diagnose\"]\n",
    )
    .unwrap();
    let check = common::run(&["--rules", dir.path().to_str().unwrap(), "rules", "check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let mut bash = Bash::start();
    let rules = dir.path().display();
    assert_eq!(
        bash.line_after(&format!("unsub-doctor --rules {rules} --answers zz\t")),
        format!("unsub-doctor --rules {rules} --answers zz_order_number=")
    );
    assert_eq!(
        bash.line_after("unsub-doctor --answers zz\t"),
        "unsub-doctor --answers zz"
    );
}

#[test]
fn the_other_shells_get_the_same_candidates() {
    // zsh and fish send the words whole; the binary answers one a line.
    let zsh = run_with_env(
        &["--", "unsub-doctor", "--answers", "symptom=st"],
        &[
            ("UNSUB_DOCTOR_COMPLETE", "zsh"),
            ("_CLAP_COMPLETE_INDEX", "2"),
        ],
    );
    assert_eq!(zsh.code, 0, "{}", zsh.stderr);
    assert!(
        zsh.stdout.starts_with("symptom=still_active:"),
        "{}",
        zsh.stdout
    );
    let fish = run_with_env(
        &["--", "unsub-doctor", "draft", "complaint", "--ou"],
        &[("UNSUB_DOCTOR_COMPLETE", "fish")],
    );
    assert!(fish.stdout.starts_with("--out\t"), "{}", fish.stdout);
    let fish = run_with_env(
        &["--", "unsub-doctor", "dr"],
        &[("UNSUB_DOCTOR_COMPLETE", "fish")],
    );
    assert!(fish.stdout.starts_with("draft\t"), "{}", fish.stdout);
    // An unknown shell is a usage error, said once.
    let tcsh = run_with_env(
        &["--", "unsub-doctor", "dr"],
        &[("UNSUB_DOCTOR_COMPLETE", "tcsh"), ("LANG", "en_US.UTF-8")],
    );
    assert_eq!(tcsh.code, 2);
    assert!(
        tcsh.stderr
            .contains("expected bash, elvish, fish, powershell or zsh"),
        "{}",
        tcsh.stderr
    );
}
