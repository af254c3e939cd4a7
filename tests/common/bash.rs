//! An interactive bash in a pseudo-terminal with unsub-doctor's completion
//! script sourced, as a person has it after `source <(unsub-doctor
//! completions bash)` in ~/.bashrc: keys are typed, Tab pressed, and the
//! line bash then holds is read back through a key bound to print it.
//! Only readline settings that keep the screen predictable are set (no
//! bell, no pager, no question before a long list).

use std::path::Path;
use std::time::Duration;

use expectrl::Expect;
use expectrl::session::OsSession as Session;

/// The key bound to print the line: Ctrl-T.
const PRINT_LINE: &str = "\x14";
/// Ctrl-U: clears the line.
const CLEAR_LINE: &str = "\x15";

pub struct Bash {
    session: Session,
    _home: tempfile::TempDir,
}

/// What a person sees after some keys: everything bash wrote (the typing,
/// any list of candidates), and the line as bash holds it then.
pub struct Typed {
    pub screen: String,
    pub line: String,
}

impl Bash {
    /// Starts `bash -i` with the script `completions bash` prints sourced,
    /// and the binary first on PATH.
    pub fn start() -> Bash {
        let script = super::run(&["completions", "bash"]);
        assert_eq!(script.code, 0, "{}", script.stderr);
        let home = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let path = home.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let completion = file("unsub-doctor.bash", &script.stdout);
        let inputrc = file(
            "inputrc",
            "set bell-style none\nset completion-query-items 1000\nset page-completions off\nset enable-bracketed-paste off\n",
        );
        let rc = file(
            "bashrc",
            &format!(
                "PS1='$ '\nsource '{}'\nbind -x '\"\\C-t\": printf \"\\n@@LINE<%s>@@\\n\" \"$READLINE_LINE\"'\necho READY\n",
                completion.display()
            ),
        );
        let bin = Path::new(env!("CARGO_BIN_EXE_unsub-doctor"))
            .parent()
            .unwrap();
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut command = std::process::Command::new("bash");
        command
            .args(["--noprofile", "--rcfile"])
            .arg(&rc)
            .arg("-i")
            .env("PATH", path)
            .env("HOME", home.path())
            .env("INPUTRC", &inputrc)
            .env("HISTFILE", "/dev/null")
            .env("TERM", "xterm")
            .env_remove("UNSUB_DOCTOR_RULES")
            .env_remove("UNSUB_DOCTOR_COMPLETE");
        let mut session = Session::spawn(command).expect("bash starts in a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        session
            .expect("READY")
            .expect("bash reads the completion script");
        Bash {
            session,
            _home: home,
        }
    }

    /// Types `keys` (Tab as `\t`) on an empty line; then clears the line.
    pub fn typed(&mut self, keys: &str) -> Typed {
        self.session.send(keys).unwrap();
        self.session.send(PRINT_LINE).unwrap();
        let before = self
            .session
            .expect("@@LINE<")
            .unwrap_or_else(|e| panic!("bash did not print the line after {keys:?}: {e}"));
        let screen = String::from_utf8_lossy(before.before()).into_owned();
        let line = self.session.expect(">@@").unwrap();
        let line = String::from_utf8_lossy(line.before()).into_owned();
        self.session.send(CLEAR_LINE).unwrap();
        Typed { screen, line }
    }

    /// The line bash holds after `keys`.
    pub fn line_after(&mut self, keys: &str) -> String {
        self.typed(keys).line
    }
}
