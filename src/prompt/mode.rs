//! The terminal's mode, saved before the first prompt and put back when a
//! signal ends the run. A menu reads keys with the terminal in raw mode (no
//! echo, no line editing); a `kill` from outside arrives while it is in that
//! mode, and the process ends without the menu restoring it, which would
//! leave the user's shell typing blind. Only Unix terminals have such a
//! mode to save here; elsewhere `save` keeps nothing and `restore` does nothing.

/// The mode the terminal had before any prompt, to put back on a signal.
pub struct Mode {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl Mode {
    /// Reads the mode of the terminal on standard input; nothing when it is
    /// not a terminal (then there is nothing to put back).
    pub fn save() -> Mode {
        Mode {
            #[cfg(unix)]
            saved: rustix::termios::tcgetattr(std::io::stdin()).ok(),
        }
    }

    /// Puts the saved mode back. Best effort: the run is ending anyway.
    pub fn restore(&self) {
        #[cfg(unix)]
        if let Some(saved) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin(),
                rustix::termios::OptionalActions::Now,
                saved,
            );
        }
    }
}
