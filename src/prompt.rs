//! Interactive answers: the only module that reads the terminal. Answers given
//! up front are used first; each missing one is asked with an arrow-key menu
//! on stderr, so stdout stays clean for the result.

use dialoguer::Select;
use dialoguer::console::{Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::answers::Answers;
use crate::engine::{Answerer, Ask, Reply};
use crate::lang::Lang;
use crate::tree::Tree;

pub struct Interactive {
    scripted: Answers,
    lang: Lang,
    color: bool,
    term: Term,
}

impl Interactive {
    pub fn new(scripted: Answers, lang: Lang, color: bool) -> Interactive {
        dialoguer::console::set_colors_enabled_stderr(color);
        Interactive {
            scripted,
            lang,
            color,
            term: Term::stderr(),
        }
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
        if let Some(choice) = self.scripted.get(ask.question) {
            return Reply::Choice(choice);
        }
        let reply = match self.ask(tree, ask) {
            Ok(Some(choice)) => Reply::Choice(choice),
            // Esc or q, Ctrl-C, or the terminal went away: all mean stop here.
            Ok(None) | Err(_) => Reply::Interrupted,
        };
        // dialoguer hides the cursor while the menu is open and does not show
        // it again when the read fails (Ctrl-C); leave the terminal as found.
        let _ = self.term.show_cursor();
        reply
    }
}
