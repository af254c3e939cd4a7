//! The program in a pseudo-terminal whose output feeds a terminal emulator:
//! tests read the emulator's screen, as the person in front of it would, so
//! a line the program failed to clear or a question scrolled away shows.

use std::time::{Duration, Instant};

use expectrl::Expect as _;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;

use super::pty::{DOWN, ENTER};

/// A program in a pseudo-terminal of `columns` by `rows`, and the screen
/// its output draws.
pub struct Screen {
    pub session: Session,
    pub parser: vt100::Parser,
    columns: u16,
}

impl Screen {
    pub fn start(command: std::process::Command, columns: u16, rows: u16) -> Screen {
        let mut session = Session::spawn(command).expect("spawn in a pseudo-terminal");
        session
            .get_process_mut()
            .set_window_size(columns, rows)
            .unwrap();
        Screen {
            session,
            parser: vt100::Parser::new(
                std::num::NonZero::new(rows).unwrap(),
                std::num::NonZero::new(columns).unwrap(),
                0,
            ),
            columns,
        }
    }

    /// Reads what the program wrote so far into the screen.
    pub fn drain(&mut self) {
        let mut buf = [0u8; 4096];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.parser.process(&buf[..n]),
                Err(_) => break,
            }
        }
    }

    /// The screen's rows as text.
    pub fn rows(&self) -> Vec<String> {
        self.parser.screen().rows(0, self.columns).collect()
    }

    /// Waits until `text` is on the screen; fails the test after 10 s.
    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            self.drain();
            if self.parser.screen().contents().contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {text:?} on the screen:\n{}",
                self.rows().join("\n")
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Presses the keys, then lets the program redraw.
    pub fn press(&mut self, keys: &[&str]) {
        for key in keys {
            self.session.send(key).unwrap();
            std::thread::sleep(Duration::from_millis(60));
        }
        std::thread::sleep(Duration::from_millis(300));
        self.drain();
    }

    /// How many rows start with `text`.
    pub fn count(&self, text: &str) -> usize {
        self.rows().iter().filter(|r| r.starts_with(text)).count()
    }
}

/// The Chinese interview, plain look, at `columns` by 24: a carrier, no
/// channel tried, then the third question's menu, moved down through all its
/// choices so that it redraws (and at 40 columns turns its page).
pub fn third_question_at(columns: u16) -> Screen {
    let mut command = super::command(&[]);
    command
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS");
    let mut screen = Screen::start(command, columns, 24);
    screen.wait_for("[1] 你的手机号是哪家运营商的？");
    screen.press(&[DOWN, ENTER]);
    screen.wait_for("[2] 为了退订");
    screen.press(&[DOWN, DOWN, ENTER]);
    screen.wait_for("[3] 你在退订时遇到了");
    screen.press(&[DOWN; 9]);
    screen
}

/// What every width must keep: the question on the screen once, one
/// choice under the cursor, and no row left over from an earlier drawing
/// (a row shown twice is one the menu failed to clear).
pub fn assert_menu_intact(screen: &Screen) {
    let shown = screen.rows().join("\n");
    assert_eq!(screen.count("[3] 你在退订时遇到了"), 1, "{shown}");
    assert_eq!(screen.count("> "), 1, "{shown}");
    let rows = screen.rows();
    let menu: Vec<&String> = rows
        .iter()
        .skip_while(|r| !r.starts_with("[3]"))
        .filter(|r| !r.trim().is_empty())
        .collect();
    for (i, row) in menu.iter().enumerate() {
        let again = menu[i + 1..].iter().any(|other| other.trim() == row.trim());
        assert!(!again, "{row:?} is on the screen twice:\n{shown}");
    }
}

/// `kill -SIGNAL` from outside while a menu waits for a key, in a shell that
/// then prints the exit code and whether the terminal's mode is as before
/// the run; the cursor is shown again.
pub fn signal_during_a_menu(signal: &str) {
    let bin = env!("CARGO_BIN_EXE_unsub-doctor");
    // The program runs in the background of a shell without job control, so
    // that its process id is known and the signal reaches it alone; its
    // standard input is the terminal, passed on through descriptor 3.
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let script = r#"before=$(stty -g)
exec 3<&0
"$0" <&3 3<&- & echo $! > "$1"
wait $!; rc=$?
[ "$(stty -g)" = "$before" ] && mode=kept || mode=changed
echo "rc=$rc mode=$mode""#;
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", script, bin])
        .arg(&pid_file)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("LANG")
        .env("XDG_CONFIG_HOME", dir.path());
    let mut screen = Screen::start(command, 80, 24);
    screen.wait_for("[1] 你的手机号是哪家运营商的？");
    // A key the menu has read and redrawn for: it is waiting for the next.
    screen.press(&[DOWN]);
    screen.wait_for("> 中国联通");
    assert!(
        screen.parser.screen().hide_cursor(),
        "the menu hides the cursor"
    );
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let killed = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.trim().to_owned()])
        .status()
        .unwrap();
    assert!(killed.success());
    screen.wait_for(" mode=");
    let shown = screen.rows().join("\n");
    assert!(
        shown.contains("rc=130 mode=kept"),
        "after SIG{signal}:\n{shown}"
    );
    assert!(
        !screen.parser.screen().hide_cursor(),
        "the cursor stays hidden after SIG{signal}"
    );
    let _ = screen.session.expect(expectrl::Eof);
    let status = screen.session.get_process().wait().unwrap();
    assert!(matches!(status, WaitStatus::Exited(_, 0)), "{status:?}");
}
