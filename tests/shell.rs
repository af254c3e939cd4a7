//! Shell integration: the completion scripts load, bash completes
//! `--answers` from the rules, and the man page builds.

mod common;

use std::path::Path;
use std::process::Command;

use common::run;

#[test]
fn bash_loads_the_completions_and_completes_answers() {
    let script = run(&["completions", "bash"]);
    assert_eq!(script.code, 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("unsub-doctor.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_unsub-doctor"))
        .parent()
        .unwrap();
    let probe = format!(
        r#"set -e
source "{file}"
complete -p unsub-doctor
COMP_LINE="unsub-doctor --answers carrier=un"; COMP_POINT=${{#COMP_LINE}}
COMP_WORDS=(unsub-doctor --answers carrier = un); COMP_CWORD=4
_unsub_doctor_with_answers unsub-doctor un =
echo "values: ${{COMPREPLY[*]}}"
COMP_LINE="unsub-doctor --answers carrier=unicom,sy"; COMP_POINT=${{#COMP_LINE}}
COMP_WORDS=(unsub-doctor --answers carrier = unicom,sy); COMP_CWORD=4
_unsub_doctor_with_answers unsub-doctor unicom,sy =
echo "ids: ${{COMPREPLY[*]}}"
COMP_LINE="unsub-doctor --lan"; COMP_POINT=${{#COMP_LINE}}
COMP_WORDS=(unsub-doctor --lan); COMP_CWORD=1
_unsub_doctor_with_answers unsub-doctor --lan unsub-doctor
echo "flags: ${{COMPREPLY[*]}}"
"#,
        file = file.display()
    );
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(&probe)
        .env("PATH", path)
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(stdout.contains("-F _unsub_doctor_with_answers"), "{stdout}");
    assert!(stdout.contains("values: unicom\n"), "{stdout}");
    assert!(stdout.contains("ids: unicom,symptom=\n"), "{stdout}");
    assert!(stdout.contains("flags: --lang\n"), "{stdout}");
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{shell}");
        assert!(script.stdout.contains("unsub-doctor"), "{shell}");
        assert!(script.stdout.contains("answers"), "{shell}");
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
