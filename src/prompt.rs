//! Interactive answers: the only module that reads the terminal. Answers given
//! up front are used first; each missing one is asked with an arrow-key menu
//! on stderr, so stdout stays clean for the result.

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use dialoguer::Select;
use dialoguer::console::{Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::answers::{self, Answers};
use crate::engine::{Answerer, Ask, Reply};
use crate::error::{Error, Exit};
use crate::lang::Lang;
use crate::tree::Tree;

pub struct Interactive {
    scripted: Answers,
    lang: Lang,
    color: bool,
    term: Term,
    /// The answers so far, and the command line that replays them, which the
    /// Ctrl-C handler prints.
    trace: Vec<(usize, usize)>,
    replay: Arc<Mutex<String>>,
}

impl Interactive {
    /// Prepares the prompts and takes over Ctrl-C. The terminal is in raw
    /// mode only while a key is read, where Ctrl-C arrives as a key; between
    /// keys it arrives as SIGINT, and the handler ends the run the same way.
    pub fn new(scripted: Answers, lang: Lang, color: bool) -> anyhow::Result<Interactive> {
        dialoguer::console::set_colors_enabled_stderr(color);
        let replay = Arc::new(Mutex::new(answers::replay_line_empty()));
        let for_handler = Arc::clone(&replay);
        ctrlc::set_handler(move || {
            let term = Term::stderr();
            let _ = term.show_cursor();
            let replay = for_handler.lock().map(|r| r.clone()).unwrap_or_default();
            let _ = term.write_line(&format!("\n{}", Error::Interrupted { replay }));
            std::process::exit(Exit::Interrupted as i32);
        })
        .context("cannot handle Ctrl-C")?;
        Ok(Interactive {
            scripted,
            lang,
            color,
            term: Term::stderr(),
            trace: Vec::new(),
            replay,
        })
    }

    fn ask(&self, tree: &Tree, ask: Ask) -> std::io::Result<Option<usize>> {
        let question = &tree.questions[ask.question];
        self.term.write_line("")?;
        if let Some(help) = &question.help {
            for line in tree.fill(help.get(self.lang), ask.carrier).lines() {
                self.term.write_line(&format!("  {}", style(line).dim()))?;
            }
        }
        let labels: Vec<String> = question
            .choices
            .iter()
            .map(|c| tree.fill(c.label.get(self.lang), ask.carrier))
            .collect();
        let prompt = format!(
            "[{}] {}",
            ask.number,
            tree.fill(question.text.get(self.lang), ask.carrier)
        );
        let theme: Box<dyn Theme> = if self.color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Select::with_theme(theme.as_ref())
            .with_prompt(prompt)
            .items(&labels)
            .default(0)
            .interact_on_opt(&self.term)
            .map_err(|dialoguer::Error::IO(e)| e)
    }
}

impl Answerer for Interactive {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
        let reply = match self.scripted.get(ask.question) {
            Some(choice) => Reply::Choice(choice),
            None => {
                let reply = match self.ask(tree, ask) {
                    Ok(Some(choice)) => Reply::Choice(choice),
                    // Esc or q, Ctrl-C, or the terminal went away: all mean stop here.
                    Ok(None) | Err(_) => Reply::Interrupted,
                };
                // dialoguer hides the cursor while the menu is open and does not
                // show it again when the read fails; leave the terminal as found.
                let _ = self.term.show_cursor();
                reply
            }
        };
        if let Reply::Choice(choice) = reply {
            self.trace.push((ask.question, choice));
            if let Ok(mut line) = self.replay.lock() {
                *line = answers::replay_line(tree, &self.trace);
            }
        }
        reply
    }
}
