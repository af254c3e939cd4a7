//! Properties over random input, in process: random rule packs never panic
//! the checker and any tree it accepts walks to an end; random answer sets
//! never panic the engine; an answer given as a script (`--answers` text, any
//! spelling) reaches the same outcome as choosing the same choices one by one
//! at the prompt.

use std::fmt::Write as _;

use proptest::prelude::*;
use unsub_doctor::answers::Answers;
use unsub_doctor::engine::{self, Answerer, Ask, End, Reply};
use unsub_doctor::rules::{self, Source};
use unsub_doctor::tree::{Answer, Tree};
use unsub_doctor::{builtin, check, lang::Lang, paths};

/// Ids drawn from a small pool, so that references often resolve, sometimes
/// dangle, and cycles and duplicates happen.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0..12u8).prop_map(|n| format!("n{n}")),
        1 => Just("carrier".to_owned()),
        1 => "[a-z{}\\\\\"\\x1b\\n]{0,6}",
    ]
}

/// Any text, with the characters that break quoting or terminals.
fn text() -> impl Strategy<Value = String> {
    "[a-z {}\\\\\"'\\x00\\x1b\\x07\\n退订]{0,12}"
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[derive(Debug, Clone)]
enum Def {
    Question {
        id: String,
        text: String,
        choices: Vec<(String, Option<String>)>,
    },
    Conclusion {
        id: String,
        cause: Option<String>,
        text: String,
        next: Option<String>,
    },
    Start(String),
    Garbage(String),
}

fn def() -> impl Strategy<Value = Def> {
    prop_oneof![
        4 => (id(), text(), prop::collection::vec((id(), prop::option::of(id())), 0..4))
            .prop_map(|(id, text, choices)| Def::Question { id, text, choices }),
        3 => (id(), prop::option::of(prop_oneof![Just("pending".to_owned()), id()]), text(), prop::option::of(id()))
            .prop_map(|(id, cause, text, next)| Def::Conclusion { id, cause, text, next }),
        1 => id().prop_map(Def::Start),
        1 => "[\\[\\]=a-z\"{}\\n ]{0,20}".prop_map(Def::Garbage),
    ]
}

fn render(defs: &[Def]) -> String {
    let mut out = String::new();
    for def in defs {
        match def {
            Def::Start(id) => {
                // Keys must come before tables in TOML; a late one is a syntax error, also worth checking.
                let _ = writeln!(out, "start = {}", toml_string(id));
            }
            Def::Question { id, text, choices } => {
                let _ = writeln!(out, "[[question]]\nid = {}", toml_string(id));
                let _ = writeln!(out, "text = {{ zh = {0}, en = {0} }}", toml_string(text));
                for (value, next) in choices {
                    let _ = writeln!(out, "[[question.choices]]\nvalue = {}", toml_string(value));
                    let _ = writeln!(out, "label = {{ zh = {0}, en = {0} }}", toml_string(value));
                    if let Some(next) = next {
                        let _ = writeln!(out, "next = {}", toml_string(next));
                    }
                }
            }
            Def::Conclusion {
                id,
                cause,
                text,
                next,
            } => {
                let _ = writeln!(out, "[[conclusion]]\nid = {}", toml_string(id));
                if let Some(cause) = cause {
                    let _ = writeln!(out, "cause = {}", toml_string(cause));
                }
                let _ = writeln!(
                    out,
                    "explanation = {{ zh = {0}, en = {0} }}",
                    toml_string(text)
                );
                if let Some(next) = next {
                    let _ = writeln!(out, "next = {}", toml_string(next));
                }
                let _ = writeln!(
                    out,
                    "[[conclusion.step]]\ntext = {{ zh = {0}, en = {0} }}",
                    toml_string(text)
                );
            }
            Def::Garbage(text) => out.push_str(text),
        }
        out.push('\n');
    }
    out
}

/// Gives the answers of a path in turn, as a user at the prompt would:
/// one choice, or a set ticked in a multiple-choice menu.
struct Replay(Vec<Answer>);

impl Answerer for Replay {
    fn answer(&mut self, _tree: &Tree, _ask: Ask) -> Reply {
        match self.0.pop() {
            Some(Answer::One(c)) => Reply::Choice(c),
            Some(Answer::Set(set)) => Reply::Set(set),
            None => Reply::Missing,
        }
    }
}

/// Answers whatever is asked with the choice at the given position, as a
/// user moving down a menu would; stops when it runs out.
struct Menu(Vec<usize>);

impl Answerer for Menu {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
        let choices = tree.questions[ask.question].choices.len();
        match self.0.pop() {
            Some(n) if choices > 0 => Reply::Choice(n % choices),
            _ => Reply::Missing,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_rule_packs_never_panic_and_accepted_ones_walk_to_an_end(
        defs in prop::collection::vec(def(), 0..14),
        over_builtin in any::<bool>(),
        picks in prop::collection::vec(0..5usize, 0..40),
    ) {
        let text = render(&defs);
        let mut sources = if over_builtin {
            rules::load_sources(&[] as &[&str]).unwrap()
        } else {
            Vec::new()
        };
        sources.push(Source {
            name: "random.toml".into(),
            origin: "random.toml".into(),
            text,
            layer: usize::from(over_builtin),
            defect: None,
        });
        let checked = check::check(&sources, check::Options::default());
        for problem in &checked.problems {
            prop_assert!(!problem.to_string().is_empty());
        }
        if let Some(tree) = checked.tree {
            let outcome = engine::walk(&tree, &mut Menu(picks));
            prop_assert!(outcome.trace.len() <= tree.questions.len());
            if let Ok(all) = paths::enumerate(&tree, 2_000) {
                for path in all {
                    let walked = engine::walk(&tree, &mut Answers::from_pairs(path.answers));
                    prop_assert_eq!(walked.end, End::Diagnosed);
                }
            }
        }
    }

    #[test]
    fn random_answer_sets_never_panic_the_engine(
        pairs in prop::collection::vec(("[a-z_]{0,14}|carrier|symptom|account_state", "[a-z_]{0,12}|mobile|cmcc|no_option|yes|no|\\x1b"), 0..8),
        carrier in prop::option::of("[a-z移动]{0,6}"),
    ) {
        let tree = builtin::tree_in(Lang::En).unwrap();
        let args: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if let Ok(answers) = Answers::parse(tree, &[args.join(",")], carrier.as_deref(), Lang::En) {
            let outcome = engine::walk(tree, &mut answers.clone());
            prop_assert!(outcome.trace.len() <= tree.questions.len());
            prop_assert!(!matches!(outcome.end, End::Interrupted(_)));
        }
    }

    #[test]
    fn scripted_answers_reach_what_choosing_at_the_prompt_reaches(
        pick in any::<prop::sample::Index>(),
        spelling in prop::collection::vec(0..3u8, 12),
    ) {
        let tree = builtin::tree_in(Lang::Zh).unwrap();
        let all = paths::enumerate(tree, 100_000).unwrap();
        let path = &all[pick.index(all.len())];
        // At the prompt: the user picks each choice on the path in turn.
        let mut menu = Replay(path.answers.iter().rev().map(|&(_, a)| a).collect());
        let chosen = engine::walk(tree, &mut menu);
        // In a script: the same choices as `id=value`, in any case or by alias.
        let args: Vec<String> = path.answers.iter().zip(spelling.iter().cycle()).map(|(&(q, a), &how)| {
            let Answer::One(c) = a else {
                let values: Vec<&str> = match a {
                    Answer::Set(set) => set.iter().map(|c| tree.questions[q].choices[c].value.as_str()).collect(),
                    Answer::One(_) => Vec::new(),
                };
                let values = if values.is_empty() { "none".to_owned() } else { values.join("+") };
                return format!("{}={values}", tree.questions[q].id);
            };
            let choice = &tree.questions[q].choices[c];
            let value = match how {
                0 => choice.value.clone(),
                1 => choice.value.to_uppercase(),
                _ => choice.aliases.first().cloned().unwrap_or_else(|| choice.value.clone()),
            };
            format!("{}={value}", tree.questions[q].id)
        }).collect();
        let scripted = Answers::parse(tree, &[args.join(",")], None, Lang::Zh).unwrap();
        let walked = engine::walk(tree, &mut scripted.clone());
        prop_assert_eq!(&walked.trace, &chosen.trace);
        prop_assert_eq!(&walked.conclusions, &chosen.conclusions);
        prop_assert_eq!(walked.end, End::Diagnosed);
    }
}
