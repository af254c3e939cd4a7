//! The bash side of completion: the script `completions bash` prints, and
//! the binary's answer to it. The script sends the line up to the cursor
//! and the part of it bash will replace (`$2`); the line is split into
//! words as bash will run it ([`split_line`]: quotes, backslashes,
//! redirections), clap's engine completes the last word, and each
//! candidate comes back as that part followed by the rest of the
//! candidate, quoted for where the cursor stands ([`quote_for`]). So `=`
//! and `:` in a word, where bash's completion splits words, do not matter.
//! File names are left to bash's own completion (quoting, `~`).

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};

use clap::ValueHint;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use clap_complete::env::EnvCompleter;

use super::complete::{ANSWERS_TAG, FILES_TAG};

/// Bash glue: the script reads back a first line (`nospace`, `files` or
/// nothing) and one replacement a line.
#[derive(Debug, Clone, Copy)]
pub struct Bash;

const BASH_SCRIPT: &str = r#"# bash completion for unsub-doctor, from `unsub-doctor completions bash`.
# At each Tab it asks unsub-doctor, with the line up to the cursor.
_unsub_doctor() {
    local reply line directive= first=1
    reply=$(@VAR@=bash @COMPLETER@ -- "${COMP_LINE:0:COMP_POINT}" "$2" 2>/dev/null) || return 0
    COMPREPLY=()
    while IFS= read -r line; do
        if [[ -n $first ]]; then
            first=
            directive=$line
        else
            COMPREPLY+=("$line")
        fi
    done <<< "$reply"
    case $directive in
        nospace) compopt -o nospace 2>/dev/null ;;
        files) compopt -o default 2>/dev/null ;;
    esac
    return 0
}
if [[ ${BASH_VERSINFO[0]} -gt 4 || ${BASH_VERSINFO[0]} -eq 4 && ${BASH_VERSINFO[1]} -ge 4 ]]; then
    complete -o nosort -F _unsub_doctor @BIN@
else
    complete -F _unsub_doctor @BIN@
fi
"#;

impl EnvCompleter for Bash {
    fn name(&self) -> &'static str {
        "bash"
    }

    fn is(&self, name: &str) -> bool {
        name == "bash"
    }

    fn write_registration(
        &self,
        var: &str,
        _name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> io::Result<()> {
        let quote = |s: &str| shlex::try_quote(s).map_or_else(|_| s.to_owned(), |q| q.into_owned());
        let script = BASH_SCRIPT
            .replace("@VAR@", var)
            .replace("@COMPLETER@", &quote(completer))
            .replace("@BIN@", &quote(bin));
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        command: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> io::Result<()> {
        let line = args
            .first()
            .map(|a| a.to_string_lossy())
            .unwrap_or_default();
        let replaced = args.get(1).map(|a| a.to_string_lossy()).unwrap_or_default();
        let split = split_line(&line);
        let typed = split.words.last().map_or("", String::as_str);
        if split.redirect {
            return writeln!(buf, "{FILES_TAG}");
        }
        if split.words.len() < 2 {
            return writeln!(buf);
        }
        leave_files_to_bash(command);
        let index = split.words.len() - 1;
        let words = split.words.iter().map(OsString::from).collect();
        let candidates = clap_complete::engine::complete(command, words, index, current_dir)?;
        let tagged =
            |c: &CompletionCandidate, tag: &str| c.get_tag().is_some_and(|t| t.to_string() == tag);
        if !typed.starts_with('-') && candidates.iter().any(|c| tagged(c, FILES_TAG)) {
            return writeln!(buf, "{FILES_TAG}");
        }
        let mut replies = Vec::new();
        let mut nospace = false;
        for c in candidates.iter().filter(|c| !tagged(c, FILES_TAG)) {
            let Some(value) = c.get_value().to_str() else {
                continue;
            };
            let Some(rest) = value.strip_prefix(typed) else {
                continue;
            };
            let Some(quoted) = quote_for(split.quote, rest) else {
                continue;
            };
            nospace |= tagged(c, ANSWERS_TAG) || value.ends_with(['=', '/']);
            replies.push(format!("{replaced}{quoted}"));
        }
        writeln!(buf, "{}", if nospace { "nospace" } else { "" })?;
        for reply in replies {
            writeln!(buf, "{reply}")?;
        }
        Ok(())
    }
}

/// Gives every file or directory argument one candidate tagged
/// [`FILES_TAG`], so that bash completes the name itself.
fn leave_files_to_bash(command: &mut clap::Command) {
    *command = std::mem::take(command).mut_args(|arg| match arg.get_value_hint() {
        ValueHint::FilePath | ValueHint::DirPath | ValueHint::AnyPath => {
            arg.add(ArgValueCompleter::new(|_: &OsStr| {
                vec![CompletionCandidate::new("").tag(Some(FILES_TAG.into()))]
            }))
        }
        _ => arg,
    });
    for sub in command.get_subcommands_mut() {
        leave_files_to_bash(sub);
    }
}

/// The quoting open at the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    /// `'...`
    Single,
    /// `"...`
    Double,
    /// `$'...`
    Dollar,
}

/// A command line up to the cursor, split as the shell will split it.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    /// The words the program will get, the one being completed last (empty
    /// after a space); redirections and their files are not among them.
    pub words: Vec<String>,
    /// The quoting open where the cursor stands.
    quote: Quote,
    /// The word being completed is a redirection's file (`> out.txt`).
    redirect: bool,
}

/// Splits a bash command line as bash will when it runs it: at blanks
/// outside quotes, with `'...'`, `"..."`, `$'...'` and backslashes removed,
/// redirections (`> FILE`, `2>FILE`) left out. A quote may be left open:
/// the line ends where the cursor is.
pub fn split_line(line: &str) -> Split {
    let mut words = Vec::new();
    let mut word = String::new();
    // A word has started (`''` is a word, though empty).
    let mut started = false;
    let mut quote = Quote::None;
    // The word being read is a redirection's file.
    let mut target = false;
    let mut chars = line.chars().peekable();
    let mut end_word = |word: &mut String, started: &mut bool, target: &mut bool| {
        if *started && !*target {
            words.push(std::mem::take(word));
        }
        word.clear();
        *started = false;
        *target = false;
    };
    while let Some(c) = chars.next() {
        match quote {
            Quote::Single if c == '\'' => quote = Quote::None,
            Quote::Double | Quote::Dollar if c == '\\' => match (quote, chars.next()) {
                (_, None) => word.push('\\'),
                (Quote::Double, Some('\n')) => {}
                (Quote::Double, Some(e @ ('$' | '`' | '"' | '\\'))) => word.push(e),
                (Quote::Dollar, Some('n')) => word.push('\n'),
                (Quote::Dollar, Some('t')) => word.push('\t'),
                (Quote::Dollar, Some(e @ ('\\' | '\'' | '"' | '?'))) => word.push(e),
                (_, Some(e)) => {
                    word.push('\\');
                    word.push(e);
                }
            },
            Quote::Double if c == '"' => quote = Quote::None,
            Quote::Dollar if c == '\'' => quote = Quote::None,
            Quote::Single | Quote::Double | Quote::Dollar => word.push(c),
            Quote::None => match c {
                ' ' | '\t' | '\n' => end_word(&mut word, &mut started, &mut target),
                '\\' => {
                    started = true;
                    match chars.next() {
                        Some('\n') | None => {}
                        Some(e) => word.push(e),
                    }
                }
                '\'' => (quote, started) = (Quote::Single, true),
                '"' => (quote, started) = (Quote::Double, true),
                '$' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    (quote, started) = (Quote::Dollar, true);
                }
                '<' | '>' => {
                    // `2>` names a file descriptor, not a word.
                    if !word.is_empty() && word.chars().all(|d| d.is_ascii_digit()) {
                        word.clear();
                        started = false;
                    }
                    end_word(&mut word, &mut started, &mut target);
                    while chars
                        .next_if(|n| matches!(n, '<' | '>' | '&' | '|'))
                        .is_some()
                    {}
                    target = true;
                    while chars.next_if(|n| matches!(n, ' ' | '\t')).is_some() {}
                }
                '&' if chars.peek() == Some(&'>') => {
                    end_word(&mut word, &mut started, &mut target);
                }
                _ => {
                    word.push(c);
                    started = true;
                }
            },
        }
    }
    let redirect = target;
    if !target {
        words.push(word);
    }
    Split {
        words,
        quote,
        redirect,
    }
}

/// One word as the program will get it, its quoting removed.
pub fn dequote(word: &str) -> String {
    split_line(word).words.concat()
}

/// `text` written so that, typed after what is already there under `quote`,
/// the shell reads it as it is; `None` for text no completion should type
/// (a control character).
fn quote_for(quote: Quote, text: &str) -> Option<String> {
    if text.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match quote {
            Quote::None if !(c.is_alphanumeric() || "_-.,=+:/@%^".contains(c)) => out.push('\\'),
            Quote::Single if c == '\'' => {
                out.push_str("'\\'");
            }
            Quote::Double if matches!(c, '"' | '\\' | '$' | '`') => out.push('\\'),
            Quote::Dollar if matches!(c, '\\' | '\'') => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_bash_runs_them() {
        let words = |line: &str| split_line(line).words;
        assert_eq!(
            words("unsub-doctor --answers symptom="),
            ["unsub-doctor", "--answers", "symptom="]
        );
        assert_eq!(words("unsub-doctor dr"), ["unsub-doctor", "dr"]);
        assert_eq!(words("unsub-doctor draft "), ["unsub-doctor", "draft", ""]);
        let open = split_line(r"unsub-doctor -a 'complaint_ticket=YD\,x,sy");
        assert_eq!(open.words[2], r"complaint_ticket=YD\,x,sy");
        assert_eq!(open.quote, Quote::Single);
        assert_eq!(
            words(r"x complaint_ticket=YD\\,x,sy"),
            ["x", r"complaint_ticket=YD\,x,sy"]
        );
        assert_eq!(
            words(r#"x "a\"b" $'c\'d' e\ f ''"#),
            ["x", r#"a"b"#, "c'd", "e f", ""]
        );
        assert_eq!(
            words("x --json >out.json 2>/dev/null --la"),
            ["x", "--json", "--la"]
        );
        assert!(split_line("x --json > ").redirect);
        assert!(split_line("x --json &>ou").redirect);
        assert!(!split_line("x --json >o y").redirect);
    }

    #[test]
    fn completions_are_quoted_for_where_the_cursor_is() {
        assert_eq!(quote_for(Quote::None, "a b$").as_deref(), Some(r"a\ b\$"));
        assert_eq!(
            quote_for(Quote::None, "symptom=no_option,问题").as_deref(),
            Some("symptom=no_option,问题")
        );
        assert_eq!(
            quote_for(Quote::Single, "it's").as_deref(),
            Some(r"it'\''s")
        );
        assert_eq!(
            quote_for(Quote::Double, r#"a"$"#).as_deref(),
            Some(r#"a\"\$"#)
        );
        assert_eq!(quote_for(Quote::None, "a\x1b[2J"), None);
    }
}
