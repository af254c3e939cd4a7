//! Ctrl-C and `kill` (SIGINT, SIGTERM and SIGHUP; Ctrl-C and closing the
//! console on Windows): one handler for the whole process, since a process
//! can have only one. A file being written is finished first, so a signal
//! never leaves a temporary file beside it or a half-written one; then the
//! hook the prompts set (the line to go on from) runs, and the run ends with
//! exit code 130.
//!
//! The handler is installed only when it is needed (the first prompt or the
//! first write); a run that does neither ends on a signal as any program does.

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use crate::error::Exit;

type Hook = Box<dyn Fn() + Send>;

/// Held while a file is written; the handler waits for it.
static WRITING: Mutex<()> = Mutex::new(());
/// What the prompts print when the run is stopped.
static HOOK: Mutex<Option<Hook>> = Mutex::new(None);
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Installs the handler, once. Fails only when the system refuses it.
pub fn install() -> Result<(), String> {
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                let writing = WRITING.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(hook) = HOOK.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
                    hook();
                }
                drop(writing);
                std::process::exit(Exit::Interrupted as i32);
            })
            .map_err(|e| e.to_string())
        })
        .clone()
}

/// Sets what runs when the run is stopped, before it ends with 130.
pub fn on_interrupt(hook: impl Fn() + Send + 'static) -> Result<(), String> {
    install()?;
    *HOOK.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(hook));
    Ok(())
}

/// Keeps a signal from ending the run until the guard is dropped: hold it
/// from creating a file's temporary copy to renaming it into place. If the
/// handler cannot be installed, the default action of a signal stays (and a
/// temporary file may be left), which is no reason to refuse the write.
pub fn writing() -> MutexGuard<'static, ()> {
    let _ = install();
    WRITING.lock().unwrap_or_else(PoisonError::into_inner)
}
