//! Shell integration: completion scripts (clap_complete) and the man page
//! (clap_mangen), both from the same definitions as `--help`. Bash also
//! completes `--answers` with the question ids and values of the loaded
//! rules, through the hidden `complete-answers` command.

use std::io::Write;

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::config::Config;
use crate::error::Exit;
use crate::tree::{JOIN, Tree};
use crate::visible;

/// Wraps clap's bash function: after `--answers`/`-a`, asks the tool for
/// `id=value` candidates; everything else goes to clap's completion.
/// Bash splits words at `=` and `:`, so candidates are trimmed to the part
/// bash is completing.
const BASH_ANSWERS: &str = r#"
_unsub_doctor_with_answers() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local line="${COMP_LINE:0:COMP_POINT}"
    local token="${line##*[[:space:]]}"
    local before="${line%"$token"}"
    local prev="${before%"${before##*[![:space:]]}"}"
    prev="${prev##*[[:space:]]}"
    if [[ "$prev" == "--answers" || "$prev" == "-a" ]]; then
        local head="${token%"$cur"}"
        local candidate
        COMPREPLY=()
        while IFS= read -r candidate; do
            COMPREPLY+=("${candidate#"$head"}")
        done < <(unsub-doctor complete-answers -- "$token" 2>/dev/null)
        compopt -o nospace 2>/dev/null || true
        return 0
    fi
    _unsub__doctor "$@"
}
complete -F _unsub_doctor_with_answers -o nosort -o bashdefault -o default unsub-doctor
"#;

/// `unsub-doctor completions SHELL`.
pub fn completions(shell: Shell, out: &mut impl Write) -> anyhow::Result<Exit> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails (a closed pipe, a full
    // disk), so the script is made in memory and written here, where a
    // failure is an error like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "unsub-doctor", &mut script);
    if shell == Shell::Bash {
        script.extend_from_slice(BASH_ANSWERS.as_bytes());
    }
    out.write_all(&script)?;
    Ok(Exit::Ok)
}

/// `unsub-doctor man`.
pub fn man(out: &mut impl Write) -> anyhow::Result<Exit> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(Exit::Ok)
}

/// `unsub-doctor complete-answers WORD`, for the bash completion script.
pub fn complete_answers(config: &Config, word: &str, out: &mut impl Write) -> anyhow::Result<Exit> {
    // Completion must never print an error into the user's prompt.
    if let Ok(tree) = config.layers.tree(config.lang) {
        for candidate in candidates(tree, word) {
            writeln!(out, "{}", visible::visible(&candidate))?;
        }
    }
    Ok(Exit::Ok)
}

/// Completions of one `--answers` word: the ids and values that can follow
/// what is typed so far (after its last comma), each as the whole word.
fn candidates(tree: &Tree, word: &str) -> Vec<String> {
    let (done, last) = match word.rfind(',') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    match last.split_once('=') {
        Some((id, value)) => {
            let (choices, multiple) = match (tree.question(id), tree.detail(id)) {
                (Some(q), _) => (&tree.questions[q].choices, tree.questions[q].multiple),
                (None, Some(d)) => (&tree.details[d].choices, false),
                (None, None) => return Vec::new(),
            };
            // A set is completed value by value, after its last `+`.
            let (taken, value) = match value.rfind(JOIN).filter(|_| multiple) {
                Some(i) => (&value[..=i], &value[i + 1..]),
                None => ("", value),
            };
            choices
                .iter()
                .filter(|c| c.value.starts_with(value))
                .map(|c| format!("{done}{id}={taken}{}", c.value))
                .collect()
        }
        None => tree
            .questions_in_walk_order()
            .into_iter()
            .map(|q| tree.questions[q].id.as_str())
            .chain(tree.details.iter().map(|d| d.id.as_str()))
            .filter(|id| id.starts_with(last))
            .map(|id| format!("{done}{id}="))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    #[test]
    fn answers_complete_ids_then_values() {
        let tree = crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap();
        assert_eq!(candidates(&tree, "car"), ["carrier="]);
        assert_eq!(candidates(&tree, "carrier=u"), ["carrier=unicom"]);
        assert_eq!(
            candidates(&tree, "carrier=unicom,symptom=st"),
            ["carrier=unicom,symptom=still_active"]
        );
        assert!(candidates(&tree, "nothing=").is_empty());
    }
}
