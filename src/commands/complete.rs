//! Completion at the Tab key, in bash, zsh, fish, elvish and PowerShell:
//! the scripts `completions SHELL` prints, and the answers the binary gives
//! them (`UNSUB_DOCTOR_COMPLETE=SHELL unsub-doctor -- ...`), with the
//! `--answers`, `--carrier` and cause ids of the rules the line loads.
//!
//! Why clap's completion engine (clap_complete's `unstable-dynamic`) and not
//! the scripts clap_complete writes ahead of time: the written bash script
//! spells the state of a program whose name holds a hyphen two ways
//! (`unsub__doctor__subcmd__draft` where the words are read,
//! `unsub__subcmd__doctor__subcmd__draft` in its case labels), so nothing
//! after a subcommand ever completed; and a written script knows only fixed
//! words, never the ids of the rules loaded when Tab is pressed. The engine
//! runs in the binary and reads the words with the definitions the command
//! line is parsed with, so every shell completes subcommands, options,
//! values and `--answers` alike, with nothing to keep in step by hand.
//!
//! Bash gets glue of its own (`bash`): clap's hands over the words as bash
//! split them, also at `=` and `:` (COMP_WORDBREAKS), so `symptom=` reached
//! the program as three words and bash replaced only what followed the last
//! `=` (hence `symptom==`); ours sends the line and splits it as bash will
//! run it. zsh, fish, elvish and PowerShell hand over whole words and use
//! clap's glue as it is, with the quotes zsh and fish leave in a word taken
//! out first. clap's `CompleteEnv`, which wires the engine to these
//! scripts, is not used: it reads the environment itself (here only
//! `config` does) and builds the command before it sees the words, while
//! the `--answers` completer must load the rule layers those words name
//! (`--rules DIR`).

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};

use clap::CommandFactory as _;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::{Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::bash::{Bash, dequote, split_line};

use crate::answers;
use crate::cli::Cli;
use crate::config::{self, Layers};
use crate::error::Exit;
use crate::lang::Lang;
use crate::rules::Text;
use crate::tree::{CARRIER_QUESTION, JOIN, Tree};
use crate::visible;

/// The program's name, which the scripts complete and call.
pub(super) const NAME: &str = "unsub-doctor";

/// The tag of `--answers` candidates: bash adds no space after one, so that
/// a comma and the next answer can follow.
pub(super) const ANSWERS_TAG: &str = "answers";

/// The tag of the one candidate a file or directory argument gives in bash:
/// bash completes file names itself (quoting, `~`, directories).
pub(super) const FILES_TAG: &str = "files";

/// The shells that complete, each with its glue.
const SHELLS: [&dyn EnvCompleter; 5] = [&Bash, &Elvish, &Fish, &Powershell, &Zsh];

fn shell_named(name: &str) -> Option<&'static dyn EnvCompleter> {
    // `$SHELL` may be given whole: `/bin/bash` is bash.
    let name = std::path::Path::new(name)
        .file_stem()
        .map_or(name.into(), |stem| stem.to_string_lossy());
    SHELLS.into_iter().find(|shell| shell.is(&name))
}

/// `unsub-doctor completions SHELL`: the script that makes SHELL ask
/// unsub-doctor at each Tab.
pub fn registration(shell: clap_complete::Shell, out: &mut impl Write) -> anyhow::Result<Exit> {
    let glue = shell_named(&shell.to_string())
        .ok_or_else(|| anyhow::anyhow!("no completion for {shell}"))?;
    let mut script = Vec::new();
    glue.write_registration(config::COMPLETE_VAR, NAME, NAME, NAME, &mut script)?;
    out.write_all(&script)?;
    Ok(Exit::Ok)
}

/// When the shell asks for completions (`UNSUB_DOCTOR_COMPLETE=SHELL`),
/// answers it on stdout and gives the exit code; `None` for an ordinary run.
/// `args` is the whole command line, program name first.
pub fn from_env(args: &[OsString]) -> Option<Exit> {
    let shell = config::completion_shell()?;
    let Some(glue) = shell_named(&shell) else {
        let shell = visible::visible(&shell);
        let lang = config::language(args);
        let _ = writeln!(
            io::stderr(),
            "{}",
            lang.tr(
                format!("错误：{} 里的 `{shell}` 不是能补全的 shell；可以是 bash、elvish、fish、powershell 或 zsh", config::COMPLETE_VAR),
                format!("error: {} names `{shell}`, a shell unsub-doctor does not complete; expected bash, elvish, fish, powershell or zsh", config::COMPLETE_VAR),
            )
        );
        return Some(Exit::Usage);
    };
    // The words to complete follow `--`; none asks for the script.
    let mut words: Vec<OsString> = match args.iter().skip(1).position(|a| a == "--") {
        Some(at) => args[at + 2..].to_vec(),
        None => Vec::new(),
    };
    let mut out = Vec::new();
    let written = if words.is_empty() {
        glue.write_registration(config::COMPLETE_VAR, NAME, NAME, NAME, &mut out)
    } else {
        // zsh hands over the words as typed, quotes and all, and fish the
        // word being completed; both match candidates with the quotes
        // removed, so they are removed here too.
        let last = words.len() - 1;
        for (i, word) in words.iter_mut().enumerate() {
            if glue.is("zsh") || glue.is("fish") && i == last {
                *word = dequote(&word.to_string_lossy()).into();
            }
        }
        // Bash sends the line up to the cursor, and the part bash replaces.
        let typed: Vec<String> = if glue.is("bash") {
            split_line(&words[0].to_string_lossy()).words
        } else {
            words
                .iter()
                .map(|w| w.to_string_lossy().into_owned())
                .collect()
        };
        let done = &typed[..typed.len().saturating_sub(1)];
        let rules = Rules {
            layers: config::layers_of_words(done),
            lang: config::language(&done.iter().map(OsString::from).collect::<Vec<_>>()),
        };
        let mut command = command(&rules);
        let here = std::env::current_dir().ok();
        glue.write_complete(&mut command, words, here.as_deref(), &mut out)
    };
    // A completion that fails prints nothing: never an error in the prompt.
    if written.is_ok() {
        let _ = io::stdout().lock().write_all(&out);
    }
    Some(Exit::Ok)
}

/// The rules a line being completed loads, loaded only if a completer needs
/// them.
#[derive(Debug, Clone)]
struct Rules {
    layers: Layers,
    lang: Lang,
}

impl Rules {
    fn tree(&self) -> Option<&'static Tree> {
        self.layers.tree(self.lang).ok()
    }

    fn answers(&self, word: &OsStr) -> Vec<CompletionCandidate> {
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        answer_candidates(tree, &word.to_string_lossy())
            .into_iter()
            .filter_map(|(value, help)| candidate(value, help.get(self.lang)))
            .map(|c| c.tag(Some(ANSWERS_TAG.into())))
            .collect()
    }

    fn carriers(&self, word: &OsStr) -> Vec<CompletionCandidate> {
        let word = word.to_string_lossy();
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        let Some(question) = tree.question(CARRIER_QUESTION) else {
            return Vec::new();
        };
        tree.questions[question]
            .choices
            .iter()
            .filter(|c| c.value.starts_with(&*word))
            .filter_map(|c| candidate(c.value.clone(), c.label.get(self.lang)))
            .collect()
    }

    fn causes(&self, word: &OsStr) -> Vec<CompletionCandidate> {
        let word = word.to_string_lossy();
        let Some(tree) = self.tree() else {
            return Vec::new();
        };
        tree.causes
            .iter()
            .filter(|c| c.id.starts_with(&*word))
            .filter_map(|c| candidate(c.id.clone(), c.title.get(self.lang)))
            .collect()
    }
}

/// A candidate with the first line of its help, the help shown escaped
/// where it holds what could act on the terminal; none for a value that
/// does (a shell would type it as it is).
fn candidate(value: String, help: &str) -> Option<CompletionCandidate> {
    if visible::visible(&value) != value {
        return None;
    }
    let help = help.lines().next().unwrap_or_default();
    let help = visible::visible(help).into_owned();
    Some(CompletionCandidate::new(value).help(Some(help.into())))
}

/// The command line's definitions, with the completers that read the rules.
fn command(rules: &Rules) -> clap::Command {
    let mut command = Cli::command();
    add_completers(&mut command, rules);
    command
}

fn add_completers(command: &mut clap::Command, rules: &Rules) {
    *command = std::mem::take(command).mut_args(|arg| {
        let rules = rules.clone();
        match arg.get_id().as_str() {
            "answers" => arg.add(ArgValueCompleter::new(move |w: &OsStr| rules.answers(w))),
            "carrier" => arg.add(ArgValueCompleter::new(move |w: &OsStr| rules.carriers(w))),
            "cause" => arg.add(ArgValueCompleter::new(move |w: &OsStr| rules.causes(w))),
            _ => arg,
        }
    });
    for sub in command.get_subcommands_mut() {
        add_completers(sub, rules);
    }
}

/// Completions of one `--answers` word as the program will read it (the
/// shell's quoting removed), each as the whole word with its help: the ids
/// not yet answered that can start its last item, or, after `ID=`, that
/// question's values. Items are split as `--answers` splits them: `\,` is a
/// comma inside a value and `\\` a backslash.
fn answer_candidates<'t>(tree: &'t Tree, word: &str) -> Vec<(String, &'t Text)> {
    let (done, last) = word.split_at(last_item_start(word));
    let given: Vec<String> = answers::split_items(done)
        .iter()
        .filter_map(|item| Some(item.split_once('=')?.0.trim().to_owned()))
        .collect();
    let Some((id, value)) = last.split_once('=') else {
        let questions = tree
            .questions_in_walk_order()
            .into_iter()
            .map(|q| (&tree.questions[q].id, &tree.questions[q].text));
        let details = tree.details.iter().map(|d| (&d.id, &d.text));
        return questions
            .chain(details)
            .filter(|(id, _)| !given.contains(id))
            .map(|(id, text)| (format!("{}=", answers::escape_value(id)), text))
            .filter(|(item, _)| item.starts_with(last))
            .map(|(item, text)| (format!("{done}{item}"), text))
            .collect();
    };
    let key = answers::split_items(id).concat();
    let (choices, multiple) = match (tree.question(key.trim()), tree.detail(key.trim())) {
        (Some(q), _) => (&tree.questions[q].choices, tree.questions[q].multiple),
        (None, Some(d)) => (&tree.details[d].choices, false),
        (None, None) => return Vec::new(),
    };
    // A set is completed value by value, after its last `+`.
    let (taken, value) = match value.rfind(JOIN).filter(|_| multiple) {
        Some(i) => value.split_at(i + JOIN.len_utf8()),
        None => ("", value),
    };
    let chosen: Vec<&str> = taken.split(JOIN).map(str::trim).collect();
    choices
        .iter()
        .filter(|c| !chosen.contains(&c.value.as_str()))
        .map(|c| (answers::escape_value(&c.value), &c.label))
        .filter(|(escaped, _)| escaped.starts_with(value))
        .map(|(escaped, label)| (format!("{done}{id}={taken}{escaped}"), label))
        .collect()
}

/// Where the last item of an `--answers` word starts: after its last comma
/// that is not written `\,`.
fn last_item_start(word: &str) -> usize {
    let mut start = 0;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some((_, ',' | '\\'))) => {
                chars.next();
            }
            ',' => start = i + 1,
            _ => {}
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Tree {
        crate::check::build(&crate::rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    fn values(tree: &Tree, word: &str) -> Vec<String> {
        answer_candidates(tree, word)
            .into_iter()
            .map(|(v, _)| v)
            .collect()
    }

    #[test]
    fn answers_complete_ids_then_values() {
        let tree = tree();
        assert_eq!(values(&tree, "car"), ["carrier="]);
        assert_eq!(values(&tree, "carrier=u"), ["carrier=unicom"]);
        assert_eq!(
            values(&tree, "carrier=unicom,symptom=st"),
            ["carrier=unicom,symptom=still_active"]
        );
        assert!(values(&tree, "nothing=").is_empty());
        // An id already answered is not offered again.
        assert!(!values(&tree, "carrier=unicom,").contains(&"carrier=unicom,carrier=".to_owned()));
        assert!(values(&tree, "carrier=unicom,").contains(&"carrier=unicom,symptom=".to_owned()));
    }

    #[test]
    fn an_escaped_comma_stays_in_its_value() {
        let tree = tree();
        // `\,` is a comma inside the ticket: `sy` is still the ticket's.
        assert!(values(&tree, r"complaint_ticket=YD\,sy").is_empty());
        assert_eq!(
            values(&tree, r"complaint_ticket=YD\,2,sy"),
            [r"complaint_ticket=YD\,2,symptom="]
        );
        // `\\` is a backslash, so the comma after it ends the item.
        assert_eq!(
            values(&tree, r"complaint_ticket=YD\\,sy"),
            [r"complaint_ticket=YD\\,symptom="]
        );
    }
}
