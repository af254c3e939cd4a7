//! Shell integration: the completion scripts load and the man page builds
//! (what completes is in tests/completion.rs).

mod common;

use std::process::Command;

use common::run;

#[test]
fn bash_loads_the_completion_script() {
    let script = run(&["completions", "bash"]);
    assert_eq!(script.code, 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unsub-doctor.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -e; source '{}'; complete -p unsub-doctor",
            file.display()
        ))
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("-F _unsub_doctor unsub-doctor"), "{stdout}");
}

#[test]
fn every_shell_gets_a_script() {
    // Each script asks unsub-doctor at the Tab key, which completes
    // `--answers` from the rules in every shell.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{shell}");
        assert!(script.stdout.contains("unsub-doctor"), "{shell}");
        assert!(script.stdout.contains("UNSUB_DOCTOR_COMPLETE"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
}

#[test]
fn the_man_page_builds() {
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH unsub-doctor 1"), "{}", man.stdout);
    assert!(man.stdout.contains(".SH NAME"));
    assert!(
        man.stdout.contains("\\-\\-answers"),
        "the options are listed"
    );
}

#[test]
fn man_and_completions_do_not_need_the_rules() {
    let env = [("UNSUB_DOCTOR_RULES", "/no/such/rules")];
    assert_eq!(common::run_with_env(&["man"], &env).code, 0);
    assert_eq!(common::run_with_env(&["completions", "zsh"], &env).code, 0);
    // A command that does use the rules still reports the missing directory.
    assert_eq!(common::run_with_env(&["questions"], &env).code, 1);
}
