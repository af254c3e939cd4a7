//! Interactive answers: the only module that reads the terminal. Answers given
//! up front are used first; each missing one is asked with an arrow-key menu
//! (or a line of input for dates and text) on stderr, so stdout stays clean
//! for the result. Every answer is saved at once when `--save` asks for it.

mod menu;
mod mode;
mod theme;

use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use dialoguer::console::{Term, style};
use dialoguer::theme::{SimpleTheme, Theme};
use dialoguer::{Input, MultiSelect, Select};

use crate::answers::{self, Answers, DetailValue};
use crate::engine::{Answerer, Ask, Reply};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::{AskIn, DetailKind};
use crate::save::Keeper;
use crate::signals;
use crate::tree::{Answer, ChoiceSet, Subject, Tree};
use crate::visible::visible;
use crate::wrap;

pub struct Interactive {
    /// Answers given up front, then every answer taken at the terminal.
    answers: Answers,
    lang: Lang,
    color: bool,
    /// No cursor movement: choices are listed and answered by number.
    plain: bool,
    /// `COLUMNS`: the width to wrap to instead of the terminal's.
    columns: Option<usize>,
    term: Term,
    /// The answers file to save each answer to.
    save: Option<Keeper>,
    /// The command line that replays the answers so far, for the Ctrl-C handler.
    replay: Arc<Mutex<String>>,
    /// The command and options that line repeats around the answers.
    command: answers::Replay,
    /// How many questions have been put so far, for their numbers.
    asked: usize,
    /// A failure to save an answer, which stops the walk and is reported.
    failed: Option<anyhow::Error>,
    /// The latest date a date detail may take (today): they are past days.
    until: Option<jiff::civil::Date>,
}

impl Interactive {
    /// Refuses a typed date after `today`: every date asked is a past day.
    pub fn until(mut self, today: jiff::civil::Date) -> Interactive {
        self.until = Some(today);
        self
    }

    /// Prepares the prompts and takes over Ctrl-C. The terminal is in raw
    /// mode only while a key is read, where Ctrl-C arrives as a key; between
    /// keys it arrives as SIGINT, and the handler ends the run the same way.
    pub fn new(
        answers: Answers,
        lang: Lang,
        color: bool,
        plain: bool,
        columns: Option<usize>,
        save: Option<Keeper>,
    ) -> anyhow::Result<Interactive> {
        dialoguer::console::set_colors_enabled_stderr(color);
        let replay = Arc::new(Mutex::new("unsub-doctor".to_owned()));
        let for_handler = Arc::clone(&replay);
        // Saved before any menu puts the terminal in raw mode, since a signal
        // from outside can end the run while a menu waits for a key.
        let mode = mode::Mode::save();
        signals::on_interrupt(move || {
            mode.restore();
            let term = Term::stderr();
            let _ = term.show_cursor();
            let replay = for_handler.lock().map(|r| r.clone()).unwrap_or_default();
            let message = Error::interrupted(replay, lang).to_string();
            let _ = term.write_line(&format!("\n{}", visible(&message)));
        })
        .map_err(anyhow::Error::msg)
        .context(lang.tr("无法处理 Ctrl-C", "cannot handle Ctrl-C"))?;
        Ok(Interactive {
            answers,
            lang,
            color,
            plain,
            columns,
            term: Term::stderr(),
            save,
            replay,
            command: answers::Replay::default(),
            asked: 0,
            failed: None,
            until: None,
        })
    }

    /// Sets the command the line to go on repeats, with the answers given so far.
    pub fn with_replay(mut self, command: answers::Replay, tree: &Tree) -> Interactive {
        self.command = command;
        if let Ok(mut line) = self.replay.lock() {
            *line = answers::replay_line(tree, &self.answers, &self.command);
        }
        self
    }

    /// Everything answered so far, the answers file, and a failure to save
    /// an answer if there was.
    pub fn finish(self) -> (Answers, Option<Keeper>, Option<anyhow::Error>) {
        (self.answers, self.save, self.failed)
    }

    /// The command line that replays everything answered so far.
    pub fn replay_line(&self, tree: &Tree) -> String {
        answers::replay_line(tree, &self.answers, &self.command)
    }

    /// Asks the case details meant for `command` that are not answered yet
    /// and whose `only_if` holds. An empty answer skips a detail. Returns
    /// false when the user stopped.
    pub fn ask_details(&mut self, tree: &Tree, command: AskIn) -> anyhow::Result<bool> {
        for (d, detail) in tree.details.iter().enumerate() {
            let applies = detail.ask_in.contains(&command)
                && self.answers.detail(d).is_none()
                && detail
                    .only_if
                    .iter()
                    .all(|(subject, allowed)| match *subject {
                        Subject::Question(q) => {
                            self.answers.get(q).is_some_and(|a| a.matches(allowed))
                        }
                        Subject::Detail(other) => matches!(
                            self.answers.detail(other),
                            Some(DetailValue::Choice(c)) if allowed.contains(c)
                        ),
                    });
            if !applies {
                continue;
            }
            self.asked += 1;
            let reply = match self.ask_detail(tree, d) {
                Ok(reply) => reply,
                Err(_) => return Ok(false),
            };
            let _ = self.term.show_cursor();
            if let Some(value) = reply {
                self.answers.set_detail(d, value);
                self.record(tree)?;
            }
        }
        Ok(true)
    }

    /// One choice from a list: an arrow-key menu, or in plain mode a
    /// numbered list answered by typing the number. `None` when cancelled.
    fn choose(&self, prompt: String, labels: &[String]) -> std::io::Result<Option<usize>> {
        // Rule texts are shown, never sent to the terminal as commands.
        let prompt = visible(&prompt).into_owned();
        let labels: Vec<String> = labels.iter().map(|l| visible(l).into_owned()).collect();
        if let Some(menu) = self.menu(&prompt, &labels, false) {
            let theme = self.theme();
            let mut select = Select::with_theme(theme.as_ref());
            if let Some(max) = menu.max_length {
                select = select.max_length(max);
            }
            return select
                .with_prompt(menu.prompt)
                .items(&menu.labels)
                .default(0)
                .interact_on_opt(&self.term)
                .map_err(|dialoguer::Error::IO(e)| e);
        }
        self.write_numbered(&prompt, &labels)?;
        let count = labels.len();
        let hint = self.lang.tr(
            format!("输入序号（1-{count}）"),
            format!("Type a number (1-{count})"),
        );
        let typed: String = Input::with_theme(&SimpleTheme)
            .with_prompt(hint)
            .validate_with(move |input: &String| -> Result<(), String> {
                match input.trim().parse::<usize>() {
                    Ok(n) if (1..=count).contains(&n) => Ok(()),
                    _ => Err(format!("1-{count}")),
                }
            })
            .interact_text_on(&self.term)
            .map_err(|dialoguer::Error::IO(e)| e)?;
        Ok(typed.trim().parse::<usize>().ok().map(|n| n - 1))
    }

    /// The plain look's menu: the prompt, then each label with its number,
    /// wrapped to the width.
    fn write_numbered(&self, prompt: &str, labels: &[String]) -> std::io::Result<()> {
        let width = self.width();
        self.term.write_line(&wrap::fill(prompt, width, "", ""))?;
        for (i, label) in labels.iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            let rest = " ".repeat(number.len());
            self.term
                .write_line(&wrap::fill(label, width, &number, &rest))?;
        }
        Ok(())
    }

    /// The menu for a question and its choices, fitted to the screen as it
    /// is now (it may be resized between questions); `None` in plain mode or
    /// on a screen too low for a menu, where choices are typed by number.
    fn menu(&self, prompt: &str, labels: &[String], checkboxes: bool) -> Option<menu::Menu> {
        if self.plain {
            return None;
        }
        let rows = self.term.size_checked().map(|(rows, _)| usize::from(rows));
        menu::fit(prompt, labels, self.width(), rows, checkboxes)
    }

    /// The width to wrap to, read again for each text, since the terminal
    /// may be resized between questions: `COLUMNS`, else the terminal's.
    fn width(&self) -> Option<usize> {
        self.columns.or_else(|| {
            self.term
                .size_checked()
                .map(|(_, columns)| usize::from(columns))
        })
    }

    fn theme(&self) -> Box<dyn Theme> {
        if self.color {
            Box::new(theme::Marked::default())
        } else {
            Box::new(SimpleTheme)
        }
    }

    /// A blank line, then the question's hint, if it has one, dimmed and
    /// wrapped to the width.
    fn write_help(&self, text: Option<String>) -> std::io::Result<()> {
        self.term.write_line("")?;
        let Some(text) = text else {
            return Ok(());
        };
        for line in wrap::fill(&visible(&text), self.width(), "  ", "  ").lines() {
            self.term.write_line(&style(line).dim().to_string())?;
        }
        Ok(())
    }

    /// One detail: a menu with a last "skip" item, or a line of input where
    /// an empty line skips. `None` is a skip.
    fn ask_detail(&self, tree: &Tree, d: usize) -> std::io::Result<Option<DetailValue>> {
        let detail = &tree.details[d];
        let lang = self.lang;
        self.write_help(detail.help.as_ref().map(|h| tree.fill(h, lang, None)))?;
        let theme = self.theme();
        let prompt = format!("[{}] {}", self.asked, detail.text.get(lang));
        let skip = lang.pick("跳过", "skip");
        match detail.kind {
            DetailKind::Choice => {
                let offered = offered(&detail.choices);
                let mut labels: Vec<String> = offered
                    .iter()
                    .map(|&c| detail.choices[c].label.get(lang).to_owned())
                    .collect();
                labels.push(lang.tr(format!("（{skip}）"), format!("({skip})")));
                let chosen = self
                    .choose(prompt, &labels)?
                    .ok_or_else(|| std::io::Error::other("cancelled"))?;
                Ok(offered.get(chosen).map(|&c| DetailValue::Choice(c)))
            }
            DetailKind::Date | DetailKind::Text => {
                let hint = match detail.kind {
                    DetailKind::Date => {
                        lang.pick("YYYY-MM-DD，留空跳过", "YYYY-MM-DD, empty to skip")
                    }
                    _ => lang.pick("留空跳过", "empty to skip"),
                };
                let kind = detail.kind;
                let until = self.until;
                let malformed = lang.tr(
                    "请按 年-月-日 填写，如 2026-11-25（也可以写 2026年11月25日）",
                    "write it as YYYY-MM-DD, e.g. 2026-11-25",
                );
                let late = lang.tr(
                    format!(
                        "不能晚于今天（{}）",
                        until.map(|u| u.to_string()).unwrap_or_default()
                    ),
                    format!(
                        "not after today ({})",
                        until.map(|u| u.to_string()).unwrap_or_default()
                    ),
                );
                let text: String = Input::with_theme(theme.as_ref())
                    .with_prompt(menu::question(
                        &format!("{} ({hint})", visible(&prompt)),
                        self.width(),
                    ))
                    .allow_empty(true)
                    .validate_with(move |input: &String| -> Result<(), String> {
                        if kind == DetailKind::Date && !input.trim().is_empty() {
                            match crate::answers::parse_date(input) {
                                None => Err(malformed.clone()),
                                Some(date) if until.is_some_and(|u| date > u) => Err(late.clone()),
                                Some(_) => Ok(()),
                            }
                        } else {
                            Ok(())
                        }
                    })
                    .interact_text_on(&self.term)
                    .map_err(|dialoguer::Error::IO(e)| e)?;
                let text = text.trim();
                Ok(if text.is_empty() {
                    None
                } else if kind == DetailKind::Date {
                    crate::answers::parse_date(text).map(DetailValue::Date)
                } else {
                    Some(DetailValue::Text(text.to_owned()))
                })
            }
        }
    }

    /// Several choices from a list, maybe none: a checkbox menu (space
    /// toggles, Enter confirms), or in plain mode a numbered list answered
    /// with numbers separated by commas, an empty line for none. `None`
    /// when cancelled.
    fn choose_many(&self, prompt: String, labels: &[String]) -> std::io::Result<Option<ChoiceSet>> {
        let prompt = visible(&prompt).into_owned();
        let labels: Vec<String> = labels.iter().map(|l| visible(l).into_owned()).collect();
        let hint = self.lang.pick(
            "（空格选择，可多选；回车确认）",
            " (space to tick, several allowed; Enter to confirm)",
        );
        if let Some(menu) = self.menu(&format!("{prompt}{hint}"), &labels, true) {
            let theme = self.theme();
            let mut select = MultiSelect::with_theme(theme.as_ref());
            if let Some(max) = menu.max_length {
                select = select.max_length(max);
            }
            return select
                .with_prompt(menu.prompt)
                .items(&menu.labels)
                .interact_on_opt(&self.term)
                .map(|chosen| chosen.map(|c| c.into_iter().collect()))
                .map_err(|dialoguer::Error::IO(e)| e);
        }
        self.write_numbered(&prompt, &labels)?;
        let count = labels.len();
        let hint = self.lang.tr(
            format!("输入序号，多个用逗号分隔（1-{count}），都没有就直接回车"),
            format!("Type numbers separated by commas (1-{count}), or nothing for none"),
        );
        let typed: String = Input::with_theme(&SimpleTheme)
            .with_prompt(hint)
            .allow_empty(true)
            .validate_with(move |input: &String| -> Result<(), String> {
                match numbers(input, count) {
                    Some(_) => Ok(()),
                    None => Err(format!("1-{count}, e.g. 1,3")),
                }
            })
            .interact_text_on(&self.term)
            .map_err(|dialoguer::Error::IO(e)| e)?;
        Ok(numbers(&typed, count))
    }

    fn ask_question(&self, tree: &Tree, ask: Ask) -> std::io::Result<Option<Answer>> {
        let question = &tree.questions[ask.question];
        self.write_help(
            question
                .help
                .as_ref()
                .map(|h| tree.fill(h, self.lang, ask.carrier)),
        )?;
        let offered = offered(&question.choices);
        let labels: Vec<String> = offered
            .iter()
            .map(|&c| tree.fill(&question.choices[c].label, self.lang, ask.carrier))
            .collect();
        let prompt = format!(
            "[{}] {}",
            ask.number,
            tree.fill(&question.text, self.lang, ask.carrier)
        );
        // The menu's positions are among the offered choices.
        if question.multiple {
            let set = self.choose_many(prompt, &labels)?;
            return Ok(set.map(|s| Answer::Set(s.iter().map(|i| offered[i]).collect())));
        }
        Ok(self
            .choose(prompt, &labels)?
            .map(|i| Answer::One(offered[i])))
    }

    /// After each answer: the replay line for Ctrl-C, and the saved file.
    fn record(&mut self, tree: &Tree) -> anyhow::Result<()> {
        if let Ok(mut line) = self.replay.lock() {
            *line = answers::replay_line(tree, &self.answers, &self.command);
        }
        if let Some(keeper) = &mut self.save {
            let answers = self.answers.to_pairs(tree).into_iter().collect();
            keeper.store(&answers, self.lang)?;
        }
        Ok(())
    }
}

impl Answerer for Interactive {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
        self.asked = ask.number;
        let reply_of = |answer: Answer| match answer {
            Answer::One(c) => Reply::Choice(c),
            Answer::Set(set) => Reply::Set(set),
        };
        if let Some(answer) = self.answers.get(ask.question) {
            return reply_of(answer);
        }
        let answer = match self.ask_question(tree, ask) {
            Ok(Some(answer)) => answer,
            // Esc or q, Ctrl-C, or the terminal went away: all mean stop here.
            Ok(None) | Err(_) => {
                // dialoguer hides the cursor while the menu is open and does
                // not show it again when the read fails; leave the terminal as found.
                let _ = self.term.show_cursor();
                return Reply::Interrupted;
            }
        };
        let _ = self.term.show_cursor();
        self.answers.set_answer(ask.question, answer);
        if let Err(e) = self.record(tree) {
            // An answer that cannot be saved must not be silently lost.
            self.failed = Some(e);
            return Reply::Interrupted;
        }
        reply_of(answer)
    }
}

/// The choices a menu offers, by their index: every one but the retired.
fn offered(choices: &[crate::tree::Choice]) -> Vec<usize> {
    (0..choices.len())
        .filter(|&c| !choices[c].retired)
        .collect()
}

/// The choices typed in plain mode: 1-based numbers separated by commas
/// (or spaces), each within `count`; an empty line is the empty set.
fn numbers(typed: &str, count: usize) -> Option<ChoiceSet> {
    typed
        .split([',', '，', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|n| match n.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Some(n - 1),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_are_a_set_and_empty_is_none_chosen() {
        let set = numbers("3, 1,3", 4).unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 2]);
        assert!(numbers("", 4).unwrap().is_empty());
        assert!(numbers("1，2", 4).is_some());
        assert!(numbers("0", 4).is_none());
        assert!(numbers("5", 4).is_none());
        assert!(numbers("a", 4).is_none());
    }
}
