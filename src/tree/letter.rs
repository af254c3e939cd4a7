//! What a letter says for a conclusion, checked: its subject, the sentences
//! that state what happened and the requests, each with its condition, and
//! the facts it cites. The letter writer fills the letter's own blanks.

use serde::{Deserialize, Serialize};

use super::Item;
use crate::rules::{RefundFrom, Text};

/// A conclusion's letter: see `rules::LetterDef`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Letter {
    pub subject: Text,
    pub situation: Vec<Item>,
    pub asks: Vec<Item>,
    pub refund_from: Option<RefundFrom>,
    /// The facts the letter cites, by index.
    pub facts: Vec<usize>,
}

impl Letter {
    /// Every text of the letter.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        std::iter::once(&self.subject)
            .chain(self.situation.iter().map(|i| &i.text))
            .chain(self.asks.iter().map(|i| &i.text))
    }

    pub(crate) fn texts_mut(&mut self) -> impl Iterator<Item = &mut Text> {
        std::iter::once(&mut self.subject)
            .chain(self.situation.iter_mut().map(|i| &mut i.text))
            .chain(self.asks.iter_mut().map(|i| &mut i.text))
    }
}
