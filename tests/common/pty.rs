//! The program in a pseudo-terminal, as a person runs it: wait for a prompt's
//! text, press keys (each escape sequence in one write), read everything to
//! the end. Every wait has a time limit, so a hang fails the test.

use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};

pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const CTRL_C: &str = "\x03";

/// Starts the binary in a pseudo-terminal with no locale settings, TERM=xterm
/// and no color unless `color`, then `env` on top.
pub fn spawn_with(args: &[&str], env: &[(&str, &str)], color: bool) -> Session {
    let mut command = super::command(args);
    command.env("TERM", "xterm");
    if !color {
        command.env("NO_COLOR", "1");
    }
    for (k, v) in env {
        command.env(k, v);
    }
    let mut session = Session::spawn(command).expect("spawn in a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(10)));
    session
}

/// Waits for a prompt's text, then presses the keys, each sequence in one write.
pub fn answer(session: &mut Session, prompt: &str, keys: &[&str]) {
    session
        .expect(prompt)
        .unwrap_or_else(|e| panic!("no prompt {prompt:?}: {e}"));
    for key in keys {
        session.send(key).unwrap();
    }
}

/// Reads everything until the process closes the terminal, and its exit code.
pub fn finish(mut session: Session) -> (String, i32) {
    let output = session.expect(Eof).expect("the program ends");
    let text = String::from_utf8_lossy(output.get(0).unwrap_or_default()).into_owned();
    let code = match session.get_process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    };
    (text, code)
}
