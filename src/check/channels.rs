//! Carriers and their channels: the carrier question against the carriers,
//! and every step and `{placeholder}` that needs a channel or a fact, for
//! each carrier it is shown to.

use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind};
use crate::contract::LETTER_BLANKS;
use crate::rules::{QuestionDef, StepDef, Text};
use crate::tree::{CARRIER_QUESTION, Channels, Step, placeholders};

impl Checker<'_> {
    /// The carrier question and the carriers must match one to one.
    pub(super) fn check_carrier_question(
        &mut self,
        questions: &[(usize, QuestionDef)],
        names: &Names,
    ) {
        let Some((file, def)) = questions
            .iter()
            .find(|(_, d)| d.id.get_ref() == CARRIER_QUESTION)
        else {
            self.report_set(
                ProblemKind::CarrierQuestion,
                vec![CARRIER_QUESTION.to_owned()],
                format!("no question `{CARRIER_QUESTION}` asks for the user's carrier"),
            );
            return;
        };
        // The walk takes one carrier, whose channels every step names.
        if def.multiple {
            let message = format!(
                "question `{CARRIER_QUESTION}` cannot be `multiple`: a number has one carrier"
            );
            let place = self.place(*file, &def.id);
            self.report(
                ProblemKind::CarrierQuestion,
                place,
                CARRIER_QUESTION,
                message,
            );
        }
        for choice in &def.choices {
            if !names.carriers.contains_key(choice.value.get_ref()) {
                let message = format!(
                    "choice `{}` of question `{CARRIER_QUESTION}` is not a carrier id",
                    choice.value.get_ref()
                );
                let place = self.place(*file, &choice.value);
                self.report(
                    ProblemKind::CarrierQuestion,
                    place,
                    CARRIER_QUESTION,
                    message,
                );
            }
        }
        for (id, place) in &names.carrier_ids {
            if !def.choices.iter().any(|c| c.value.get_ref() == id) {
                let message =
                    format!("carrier `{id}` is not a choice of question `{CARRIER_QUESTION}`");
                self.report(ProblemKind::CarrierQuestion, *place, id, message);
            }
        }
    }

    /// A step of `owner` (a conclusion, or `escalation`): its carriers, its
    /// channel for each of them, its placeholders and facts. The steps of one
    /// owner share its place, so what several of them lack is said once.
    pub(super) fn check_step(
        &mut self,
        place: Place,
        owner: &str,
        step: StepDef,
        names: &Names,
        channels: &Channels,
    ) -> Step {
        let carrier_ids = &names.carrier_ids;
        let carriers = step.carriers.as_ref().map(|list| {
            list.iter()
                .filter_map(|c| {
                    let found = carrier_ids.iter().position(|(id, _)| id == c);
                    if found.is_none() {
                        self.report_once(
                            ProblemKind::UnknownReference,
                            place,
                            owner,
                            &["carrier", c],
                            || format!("unknown carrier `{c}` in a step of `{owner}`"),
                        );
                    }
                    found
                })
                .collect::<Vec<_>>()
        });
        let applies_to: Vec<usize> = match &carriers {
            Some(list) => list.clone(),
            None => (0..carrier_ids.len()).collect(),
        };
        if let Some(kind) = &step.channel {
            for &c in &applies_to {
                if !channels.contains(c, kind) {
                    let carrier = carrier_ids[c].0.as_str();
                    self.report_once(
                        ProblemKind::MissingChannel,
                        place,
                        owner,
                        &["channel", kind, carrier],
                        || {
                            format!(
                                "a step of `{owner}` needs channel `{kind}`, which carrier `{carrier}` lacks"
                            )
                        },
                    );
                }
            }
        }
        let needs = Needs {
            carriers: carriers.as_deref(),
            checked_channel: step.channel.as_deref(),
            letter: false,
        };
        self.check_placeholders(place, owner, &step.text, needs, names, channels);
        let within = format!("a step of `{owner}`");
        let listed = self.resolve_facts(names, &step.facts, place, owner, "step fact", &within);
        let what = format!("a step of `{owner}`");
        let when = self.check_condition(place.file, &what, &step.only_if, &step.unless, names);
        Step {
            text: step.text,
            channel: step.channel,
            carriers,
            facts: listed,
            rung: None,
            when,
        }
    }

    /// Every `{name}` must be a fact id or a channel every concerned carrier
    /// has. A name is checked in both languages and in every text of its
    /// owner, and said once.
    pub(super) fn check_placeholders(
        &mut self,
        place: Place,
        owner: &str,
        text: &Text,
        needs: Needs,
        names: &Names,
        channels: &Channels,
    ) {
        self.check_numbers(place, owner, text, "");
        let all: Vec<usize> = (0..names.carrier_ids.len()).collect();
        let carriers = needs.carriers.unwrap_or(&all);
        for body in [&text.zh, &text.en] {
            for name in placeholders(body) {
                // The step's own channel was checked already; a letter's
                // blank is filled by the letter.
                if names.facts.contains_key(name)
                    || names.quantities.contains(name)
                    || needs.checked_channel == Some(name)
                    || (needs.letter && LETTER_BLANKS.contains(&name))
                {
                    continue;
                }
                let lacking: Vec<&str> = carriers
                    .iter()
                    .filter(|&&c| !channels.contains(c, name))
                    .map(|&c| names.carrier_ids[c].0.as_str())
                    .collect();
                if carriers.is_empty() || lacking.len() == carriers.len() {
                    self.report_once(
                        ProblemKind::UnknownReference,
                        place,
                        owner,
                        &["placeholder", name],
                        || match name.rsplit_once('.') {
                            Some((fact, what @ ("period" | "number")))
                                if names.facts.contains_key(fact) =>
                            {
                                format!("`{{{name}}}` in `{owner}`: fact `{fact}` has no `{what}`")
                            }
                            _ if needs.letter => format!(
                                "`{{{name}}}` in the `letter` of `{owner}` is neither a fact, a channel nor one of the letter's blanks ({})",
                                LETTER_BLANKS.join(", ")
                            ),
                            _ => {
                                format!("`{{{name}}}` in `{owner}` is neither a fact nor a channel")
                            }
                        },
                    );
                } else if !lacking.is_empty() {
                    let about: Vec<&str> = ["placeholder", name]
                        .into_iter()
                        .chain(lacking.iter().copied())
                        .collect();
                    self.report_once(ProblemKind::MissingChannel, place, owner, &about, || {
                        format!(
                            "`{{{name}}}` in `{owner}` needs a channel that carrier `{}` lacks",
                            lacking.join("`, `")
                        )
                    });
                }
            }
        }
    }
}

/// What a text's placeholders are checked against: the carriers it is shown
/// to (all when `None`), the channel its step was checked for already, and
/// whether it is a letter's text, which may also name the letter's blanks.
#[derive(Clone, Copy, Default)]
pub(super) struct Needs<'a> {
    pub carriers: Option<&'a [usize]>,
    pub checked_channel: Option<&'a str>,
    pub letter: bool,
}
