//! What a question's answer is: one choice, or for a `multiple` question a
//! set of choices (maybe empty), and the conditions (`only_if`, `unless`)
//! that show a step or list item only for some answers. Indices only: the
//! tree (`tree/`) gives them their questions and choices.

use serde::{Deserialize, Serialize};

/// A question's answer: one choice, or the set of choices of a `multiple` question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    One(usize),
    Set(ChoiceSet),
}

impl Answer {
    /// The choices taken, in choice order for a set.
    pub fn choices(self) -> impl Iterator<Item = usize> {
        let (one, set) = match self {
            Answer::One(c) => (Some(c), ChoiceSet::default()),
            Answer::Set(s) => (None, s),
        };
        one.into_iter().chain(set.iter())
    }

    /// Whether the answer is one of `allowed`, or a set holding one of them.
    pub fn matches(self, allowed: &[usize]) -> bool {
        self.choices().any(|c| allowed.contains(&c))
    }
}

/// How the empty answer of a `multiple` question is written (`--answers
/// tried=none`); no value or alias of such a question may be spelled so.
pub const NONE: &str = "none";

/// How the values of a set are joined (`--answers tried=app+hotline`).
pub const JOIN: char = '+';

/// Choices of one `multiple` question, one bit each: copied as cheaply as
/// a single choice, which keeps walks and path listings allocation-free per
/// answer. The checker keeps `multiple` questions within [`ChoiceSet::MAX`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChoiceSet(u64);

impl ChoiceSet {
    /// The most choices a `multiple` question may offer.
    pub const MAX: usize = 64;

    /// Adds choice `c` (below [`ChoiceSet::MAX`]).
    pub fn insert(&mut self, c: usize) {
        debug_assert!(c < Self::MAX);
        self.0 |= 1u64.checked_shl(c as u32).unwrap_or(0);
    }

    pub fn contains(self, c: usize) -> bool {
        c < Self::MAX && self.0 & (1u64 << c) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The choices in the set, lowest first.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..Self::MAX).filter(move |&c| self.contains(c))
    }
}

impl FromIterator<usize> for ChoiceSet {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> ChoiceSet {
        let mut set = ChoiceSet::default();
        for c in iter {
            set.insert(c);
        }
        set
    }
}

/// What a condition names: a question or a `choice` detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    Question(usize),
    Detail(usize),
}

/// When a step or list item is shown (`only_if`, `unless`), resolved to
/// choice indices. Empty, as in every rule written before conditions, it
/// always shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// Every one must match.
    pub only_if: Vec<(Subject, Vec<usize>)>,
    /// None may match.
    pub unless: Vec<(Subject, Vec<usize>)>,
}

impl Condition {
    pub fn is_empty(&self) -> bool {
        self.only_if.is_empty() && self.unless.is_empty()
    }

    /// Whether to show: `matches` says whether a subject's answer is one of
    /// the choices (false when it has no answer).
    pub fn shows(&self, matches: impl Fn(Subject, &[usize]) -> bool) -> bool {
        self.only_if.iter().all(|(s, allowed)| matches(*s, allowed))
            && !self.unless.iter().any(|(s, allowed)| matches(*s, allowed))
    }
}
