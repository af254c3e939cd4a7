//! What a letter says for a conclusion, as data: the matter, what happened,
//! what it asks for and the facts it cites, in the report's language with
//! the conditions of its sentences applied. `draft` writes the letter from
//! it, and a program reading the JSON can write its own.

use serde::Serialize;

use crate::contract;
use crate::lang::Lang;
use crate::rules::RefundFrom;
use crate::tree::{Item, Letter, Tree};

/// A conclusion's letter. Its texts may hold the letter's blanks
/// (`{package}`, `{symptom}`, `{first_charge_date}`, `{first_attempt_date}`,
/// `{unsubscribe_date}`, `{charges_stop}`, `{refund_from}`), which `draft`
/// fills from the case details or leaves marked for the user to fill.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct LetterView {
    /// The matter in a few words, for the title.
    pub subject: String,
    /// What happened, as the user states it: sentences of one paragraph.
    pub situation: Vec<String>,
    /// What the letter asks for, in order.
    pub asks: Vec<String>,
    /// From which day `{refund_from}` counts: `first_charge`,
    /// `first_attempt` or `effective`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_from: Option<RefundFrom>,
    /// The facts the letter cites as its rules, listed in `sources`.
    pub facts: Vec<String>,
}

/// The view of `letter` for `carrier` in `lang`, with the sentences whose
/// condition `shows` holds.
pub fn view(
    tree: &Tree,
    letter: &Letter,
    lang: Lang,
    carrier: Option<usize>,
    shows: impl Fn(&Item) -> bool,
) -> LetterView {
    let blank = |name: &str| contract::LETTER_BLANKS.contains(&name);
    let texts = |items: &[Item]| -> Vec<String> {
        items
            .iter()
            .filter(|i| shows(i))
            .map(|i| tree.fill_keeping(&i.text, lang, carrier, blank))
            .collect()
    };
    LetterView {
        subject: tree.fill_keeping(&letter.subject, lang, carrier, blank),
        situation: texts(&letter.situation),
        asks: texts(&letter.asks),
        refund_from: letter.refund_from,
        facts: letter
            .facts
            .iter()
            .map(|&f| tree.facts[f].id.clone())
            .collect(),
    }
}
