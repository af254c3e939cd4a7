//! A conclusion's `letter`: its texts name facts, channels or the letter's
//! own blanks (`crate::contract::LETTER_BLANKS`) and state no copied number,
//! its items' conditions resolve, the facts it cites exist, and a text that
//! asks charges back from `{refund_from}` says from which day.

use super::channels::Needs;
use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind};
use crate::contract::LETTER_REFUND_FROM;
use crate::rules::LetterDef;
use crate::tree::{Channels, Letter, placeholders};

impl Checker<'_> {
    /// The checked letter of conclusion `owner`, defined in `file` at `place`.
    pub(super) fn check_letter(
        &mut self,
        file: usize,
        place: Place,
        owner: &str,
        def: LetterDef,
        names: &Names,
        channels: &Channels,
    ) -> Letter {
        let what = format!("the `letter` of `{owner}`");
        let situation: Vec<_> = def
            .situation
            .into_iter()
            .map(|item| self.check_item(file, &what, item, names))
            .collect();
        let asks: Vec<_> = def
            .asks
            .into_iter()
            .map(|item| self.check_item(file, &what, item, names))
            .collect();
        let needs = Needs {
            letter: true,
            ..Needs::default()
        };
        let texts = std::iter::once(&def.subject)
            .chain(situation.iter().map(|i| &i.text))
            .chain(asks.iter().map(|i| &i.text));
        let mut refund = false;
        for text in texts {
            self.check_placeholders(place, owner, text, needs, names, channels);
            refund |= [&text.zh, &text.en]
                .iter()
                .any(|body| placeholders(body).contains(&LETTER_REFUND_FROM));
        }
        if refund && def.refund_from.is_none() {
            self.report_once(ProblemKind::MissingKey, place, owner, &["refund_from"], || {
                format!(
                    "the `letter` of `{owner}` writes `{{{LETTER_REFUND_FROM}}}` but has no `refund_from` to say from which day (first_charge, first_attempt or effective)"
                )
            });
        }
        let within = format!("the `letter` of `{owner}`");
        let facts = self.resolve_facts(names, &def.facts, place, owner, "letter fact", &within);
        Letter {
            subject: def.subject,
            situation,
            asks,
            refund_from: def.refund_from,
            facts,
        }
    }
}
