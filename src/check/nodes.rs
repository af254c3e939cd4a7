//! Questions and conclusions, the nodes of the walk: their choices, texts,
//! advice and `next`. Their texts move into the tree rather than being
//! copied: a large pack holds millions of them.

use std::collections::HashMap;

use super::channels::Needs;
use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind};
use crate::rules::{ConclusionDef, QuestionDef};
use crate::tree::{Channels, Choice, ChoiceSet, Conclusion, Item, NONE, Question};

impl Checker<'_> {
    /// The checked questions, and where each is defined.
    pub(super) fn check_questions(
        &mut self,
        questions: Vec<(usize, QuestionDef)>,
        names: &Names,
        channels: &Channels,
    ) -> (Vec<Question>, Vec<Place>) {
        let places: Vec<Place> = questions
            .iter()
            .map(|(file, def)| self.place(*file, &def.id))
            .collect();
        let mut checked = Vec::with_capacity(questions.len());
        for ((file, def), &place) in questions.into_iter().zip(&places) {
            let id = def.id.get_ref();
            self.check_answerable_id(place, id);
            if def.choices.is_empty() {
                let message = format!("question `{id}` has no choices");
                self.report(ProblemKind::NoChoices, place, id, message);
            } else if def.choices.iter().all(|c| c.retired) {
                let message =
                    format!("question `{id}` offers no choices: every one is `retired = true`");
                self.report(ProblemKind::NoChoices, place, id, message);
            }
            // Each spelling, any case, means one choice.
            let mut seen: HashMap<String, &str> = HashMap::new();
            let mut nexts = Vec::with_capacity(def.choices.len());
            for choice in &def.choices {
                let value = choice.value.get_ref();
                let choice_place = self.place(file, &choice.value);
                for spelling in std::iter::once(value).chain(&choice.aliases) {
                    self.check_value_length(choice_place, id, spelling);
                    self.check_answerable_value(choice_place, id, spelling);
                    if let Some(owner) = seen.insert(spelling.to_lowercase(), value) {
                        self.report_once(
                            ProblemKind::DuplicateChoice,
                            choice_place,
                            id,
                            &[spelling, owner, value],
                            || {
                                format!(
                                    "question `{id}` accepts `{spelling}` for both `{owner}` and `{value}`"
                                )
                            },
                        );
                    }
                }
                if def.multiple {
                    self.check_set_spelling(choice_place, id, value, &choice.aliases);
                    // Every answer goes to the question's `next`: one of a
                    // choice's own would never be taken.
                    if let Some(next) = &choice.next {
                        let message = format!(
                            "choice `{value}` of `multiple` question `{id}` has its own `next`; put one `next` on the question"
                        );
                        let place = self.place(file, next);
                        self.report(ProblemKind::NextOnMultipleChoice, place, id, message);
                    }
                    nexts.push(None);
                } else {
                    let next = choice.next.as_ref();
                    nexts.push(next.and_then(|n| self.resolve_node(names, file, n, id)));
                }
            }
            if def.multiple && def.choices.len() > ChoiceSet::MAX {
                let message = format!(
                    "`multiple` question `{id}` offers {} choices, more than {}",
                    def.choices.len(),
                    ChoiceSet::MAX
                );
                self.report(ProblemKind::TooManyChoices, place, id, message);
            }
            if def.optional && !def.multiple {
                let message = format!(
                    "question `{id}` is `optional`, which only a `multiple` question may be"
                );
                self.report(ProblemKind::OptionalSingle, place, id, message);
            }
            let next = match &def.next {
                Some(next) if def.multiple => self.resolve_node(names, file, next, id),
                Some(next) => {
                    let message = format!(
                        "question `{id}` has a question-level `next`, which only a `multiple` question has; put `next` on each choice"
                    );
                    let place = self.place(file, next);
                    self.report(ProblemKind::NextOnSingleQuestion, place, id, message);
                    None
                }
                None => None,
            };
            let texts = std::iter::once(&def.text).chain(&def.help);
            for text in texts {
                self.check_placeholders(place, id, text, Needs::default(), names, channels);
            }
            for choice in &def.choices {
                self.check_numbers(place, id, &choice.label, choice.value.get_ref());
            }
            let origin = self.where_(place);
            let choices = def
                .choices
                .into_iter()
                .zip(nexts)
                .map(|(choice, next)| Choice {
                    value: choice.value.into_inner(),
                    label: choice.label,
                    aliases: choice.aliases,
                    retired: choice.retired,
                    next,
                })
                .collect();
            checked.push(Question {
                id: def.id.into_inner(),
                origin,
                text: def.text,
                help: def.help,
                choices,
                multiple: def.multiple,
                optional: def.optional,
                next,
            });
        }
        (checked, places)
    }

    /// The checked conclusions, and where each is defined.
    pub(super) fn check_conclusions(
        &mut self,
        conclusions: Vec<(usize, ConclusionDef)>,
        names: &Names,
        channels: &Channels,
    ) -> (Vec<Conclusion>, Vec<Place>) {
        let places: Vec<Place> = conclusions
            .iter()
            .map(|(file, def)| self.place(*file, &def.id))
            .collect();
        let mut checked = Vec::with_capacity(conclusions.len());
        for ((file, def), &place) in conclusions.into_iter().zip(&places) {
            let id = def.id.get_ref();
            let cause = def.cause.as_ref().and_then(|c| {
                let found = names.causes.get(c.get_ref()).copied();
                if found.is_none() {
                    let message = format!("unknown cause `{}` in conclusion `{id}`", c.get_ref());
                    let place = self.place(file, c);
                    self.report(ProblemKind::UnknownReference, place, id, message);
                }
                found
            });
            self.check_advice(place, &def);
            let what = format!("an `evidence` item of `{id}`");
            let evidence: Vec<Item> = def
                .evidence
                .into_iter()
                .map(|item| self.check_item(file, &what, item, names))
                .collect();
            let texts = def
                .confirm
                .iter()
                .chain(&def.script)
                .chain(evidence.iter().map(|i| &i.text))
                .chain(&def.prevention);
            if let Some(title) = &def.title {
                self.check_numbers(place, id, title, "");
            }
            for text in std::iter::once(&def.explanation).chain(texts) {
                self.check_placeholders(place, id, text, Needs::default(), names, channels);
            }
            let listed =
                self.resolve_facts(names, &def.facts, place, id, "fact", &format!("`{id}`"));
            if def.steps.iter().any(|s| s.rung.is_some()) {
                let message = format!("a step of `{id}` has a `rung`; only escalation steps do");
                self.report(ProblemKind::MisplacedRung, place, id, message);
            }
            let next = def
                .next
                .as_ref()
                .and_then(|n| self.resolve_node(names, file, n, id));
            let origin = self.where_(place);
            let possible = def.possible;
            let letter = def
                .letter
                .map(|l| self.check_letter(file, place, id, l, names, channels));
            let id = def.id.into_inner();
            let steps = def
                .steps
                .into_iter()
                .map(|s| self.check_step(place, &id, s, names, channels))
                .collect();
            checked.push(Conclusion {
                id,
                origin,
                possible,
                cause,
                title: def.title,
                explanation: def.explanation,
                confirm: def.confirm,
                script: def.script,
                steps,
                evidence,
                prevention: def.prevention,
                facts: listed,
                next,
                letter,
            });
        }
        (checked, places)
    }

    /// A set is written with its values joined by `+`, and `none` for the
    /// empty one, so no value or alias of a `multiple` question may be
    /// `none` or hold a `+`.
    fn check_set_spelling(&mut self, place: Place, id: &str, value: &str, aliases: &[String]) {
        for spelling in std::iter::once(value).chain(aliases.iter().map(String::as_str)) {
            let reserved = spelling.eq_ignore_ascii_case(NONE) || spelling.contains('+');
            if reserved {
                self.report_once(ProblemKind::ReservedValue, place, id, &[spelling], || {
                    format!(
                        "`{spelling}` cannot be a value of `multiple` question `{id}`: answers join values with `+`, and `{NONE}` is the empty answer (choose nothing for \"none of these\")"
                    )
                });
            }
        }
    }

    /// An id a user answers is written `ID=VALUE` in `--answers`, whose
    /// words and values are trimmed, as the answers file's values are: an
    /// id holding `=`, or with a space at an end, could never be answered.
    pub(super) fn check_answerable_id(&mut self, place: Place, id: &str) {
        let why = if id.contains('=') {
            "holds `=`, which ends an id in `--answers ID=VALUE`"
        } else if id.trim() != id {
            "begins or ends with a space, which `--answers` drops"
        } else {
            return;
        };
        let message = format!("id `{id}` {why}: it could never be answered");
        self.report(ProblemKind::Unanswerable, place, id, message);
    }

    /// A choice value or alias with a space at an end could never be given:
    /// `--answers`, the answers file and a batch line all trim the answer.
    pub(super) fn check_answerable_value(&mut self, place: Place, owner: &str, spelling: &str) {
        if spelling.trim() == spelling {
            return;
        }
        self.report_once(ProblemKind::Unanswerable, place, owner, &[spelling], || {
            format!(
                "choice `{spelling}` of `{owner}` begins or ends with a space, which `--answers`, the answers file and batch lines drop: it could never be given"
            )
        });
    }

    /// A conclusion needs a title and steps, and a cause is advice a user
    /// acts on: it must say how to confirm it, what to say on the phone and
    /// how to avoid it next time.
    fn check_advice(&mut self, place: Place, def: &ConclusionDef) {
        let id = def.id.get_ref();
        if def.cause.is_none() && def.title.is_none() {
            let message = format!("conclusion `{id}` has neither a `cause` nor a `title`");
            self.report(ProblemKind::MissingTitle, place, id, message);
        }
        if def.possible && def.cause.is_none() {
            let message = format!("conclusion `{id}` is `possible` but names no `cause`");
            self.report(ProblemKind::PossibleWithoutCause, place, id, message);
        }
        if def.steps.is_empty() {
            let message = format!("conclusion `{id}` has no steps");
            self.report(ProblemKind::NoSteps, place, id, message);
        }
        let lacks = [
            ("script", def.script.is_none()),
            ("confirm", def.cause.is_some() && def.confirm.is_empty()),
            (
                "prevention",
                def.cause.is_some() && def.prevention.is_empty(),
            ),
        ];
        for (key, _) in lacks.iter().filter(|(_, lacking)| *lacking) {
            let message = format!("conclusion `{id}` has no `{key}`");
            self.report(ProblemKind::MissingAdvice, place, id, message);
        }
    }
}
