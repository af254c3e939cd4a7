//! The diagnosis as data: a walk's outcome, with its case details and
//! deadlines, becomes a [`Report`], the serde view that `--format json` prints
//! as it is and that every text writer draws from, so the two never disagree.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use super::SCHEMA_VERSION;
use super::explain::Explanation;
use super::ladder::{self, Standing};
use super::timeline::{self, Timeline};
use crate::answers::{Answers, DetailValue};
use crate::contract;
use crate::engine::{End, Outcome};
use crate::lang::{Lang, words};
use crate::rules::Confidence;
use crate::tree::{Answer, Item, Step, Subject, Tree};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: u32,
    /// `diagnosed` or `needs_input`.
    pub status: &'static str,
    pub lang: Lang,
    /// How fresh the advice is: the day (`YYYY-MM-DD`) the most recently
    /// checked fact of the rules in use was compared with its source; with
    /// the built-in rules, the date `--version` gives. Null without facts.
    pub rules_checked: Option<String>,
    pub carrier: Option<CarrierView>,
    pub causes: Vec<CauseView>,
    /// Causes the answers make possible but not certain (the user was not
    /// sure): each with how to check it and what to do if it applies. A
    /// diagnosis names at least one cause, here or in `causes`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub possible_causes: Vec<PossibleCauseView>,
    /// Every conclusion reached, including one that could not name a cause.
    pub conclusions: Vec<ConclusionView>,
    pub steps: Vec<StepView>,
    pub evidence: Vec<String>,
    pub escalation: Vec<StepView>,
    /// The rungs of the escalation ladder that apply, in order.
    pub rungs: Vec<RungView>,
    /// Every answer: the questions on the path, and any case details.
    pub answers: BTreeMap<String, String>,
    pub trace: Vec<TraceView>,
    /// What to say, ask for and note down on a hotline call (when diagnosed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotline: Option<HotlineView>,
    /// Deadlines from the dates given (when any date or the complaint is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// Where the user stands on the escalation ladder, when the case details
    /// tell it (a complaint made, an appeal filed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    pub sources: Vec<SourceView>,
    /// What to do now: one to three actions chosen from where the user
    /// stands, most urgent first (empty while answers are missing).
    pub now: Vec<super::now::NowView>,
    /// The case details given (complaint, dates, ticket...), in the order
    /// they are asked, as people read them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<DetailAnswerView>,
    /// The next question, when `status` is `needs_input`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<QuestionView>,
    /// With `--explain`: the path taken and what found each cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RungView {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HotlineView {
    /// The words to read aloud, one per conclusion.
    pub scripts: Vec<String>,
    /// What to ask for.
    pub ask: Vec<String>,
    /// What to note down.
    pub note: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CarrierView {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CauseView {
    pub id: String,
    pub title: String,
    pub explanation: String,
}

/// A cause that may apply: what it is, how to check it, what to do if it does.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PossibleCauseView {
    /// The cause id.
    pub id: String,
    /// The conclusion that names it.
    pub conclusion: String,
    pub title: String,
    pub explanation: String,
    /// How to check it: where to look, the exact question to ask.
    pub check: Vec<String>,
    /// What to say on the hotline to find out.
    pub script: Option<String>,
    /// What to do if it turns out to apply.
    pub if_confirmed: Vec<StepView>,
    /// The facts it cites, listed in `sources`.
    pub facts: Vec<String>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ConclusionView {
    pub id: String,
    pub cause: Option<String>,
    pub title: String,
    pub explanation: String,
    /// How to confirm this is the cause: where to look, what to ask.
    pub confirm: Vec<String>,
    /// What to say on the hotline, ending with asking for the ticket number.
    pub script: Option<String>,
    /// How to avoid it next time.
    pub prevention: Vec<String>,
    /// The facts the conclusion cites (rules that apply), listed in `sources`.
    pub facts: Vec<String>,
    /// What the complaint and appeal letters say for it, when the rules say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<super::letter::LetterView>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StepView {
    /// The conclusion the step belongs to; none for escalation steps.
    pub conclusion: Option<String>,
    /// The escalation rung, for escalation steps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rung: Option<String>,
    pub action: String,
    pub channel: Option<ChannelView>,
    /// Ids of the facts the step relies on, listed in `sources`.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ChannelView {
    pub kind: String,
    pub value: String,
    pub label: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TraceView {
    pub question: String,
    /// The value; for a `multiple` question the values joined by `+`, or `none`.
    pub answer: String,
    pub text: String,
    /// The chosen label; for a `multiple` question the labels joined by `、`
    /// (zh) or `, ` (en).
    pub label: String,
    /// Present, and true, only for the answer of a `multiple` question
    /// (absent otherwise, so single answers read as they always did).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
}

/// One answer as people read it: the question and the chosen label (the
/// labels of a set, joined).
pub fn trace_view(
    tree: &Tree,
    (q, answer): (usize, Answer),
    carrier: Option<usize>,
    lang: Lang,
) -> TraceView {
    let question = &tree.questions[q];
    let labels: Vec<String> = answer
        .choices()
        .map(|c| tree.fill(&question.choices[c].label, lang, carrier))
        .collect();
    let label = match answer {
        Answer::One(_) => labels.concat(),
        Answer::Set(_) if labels.is_empty() => lang.pick("（无）", "(none)").to_owned(),
        Answer::Set(_) => labels.join(lang.pick("、", ", ")),
    };
    TraceView {
        question: question.id.clone(),
        answer: tree.answer_value(q, answer),
        text: tree.fill(&question.text, lang, carrier),
        label,
        multiple: matches!(answer, Answer::Set(_)),
    }
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct SourceView {
    pub id: String,
    /// What the fact is, in the report's language.
    pub label: String,
    /// The number, command, path or rule itself.
    pub value: String,
    /// The channel kind (`hotline`, `app`...) when the fact is one of a carrier's channels.
    pub channel: Option<String>,
    /// A caveat about the fact, when there is one.
    pub note: Option<String>,
    /// The source document or page.
    pub title: String,
    /// For rule authors: where the source was found and caveats about the
    /// evidence. Absent when the fact has none; never in the text output.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
    pub url: Option<String>,
    pub confidence: Confidence,
    pub verified: String,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionView {
    pub id: String,
    pub number: usize,
    pub text: String,
    pub help: Option<String>,
    pub choices: Vec<ChoiceView>,
    /// Present, and true, only when several choices may be taken (the
    /// answer is their values joined by `+`, or `none`); absent for a
    /// question with one answer, so its JSON reads as it always did.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChoiceView {
    pub value: String,
    pub label: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Builds the report of a finished or paused walk, with the case details and
/// deadlines counted from `today`.
pub fn report(
    tree: &Tree,
    outcome: &Outcome,
    answers: &Answers,
    lang: Lang,
    today: Date,
) -> Report {
    let carrier = outcome.carrier;
    // Conditions (`only_if`, `unless`) read the answers of the walk and the
    // case details; a step or item without one always shows.
    let matches = |subject: Subject, allowed: &[usize]| match subject {
        Subject::Question(q) => outcome
            .trace
            .iter()
            .find(|(asked, _)| *asked == q)
            .is_some_and(|&(_, answer)| answer.matches(allowed)),
        Subject::Detail(d) => {
            matches!(answers.detail(d), Some(DetailValue::Choice(c)) if allowed.contains(c))
        }
    };
    let shown = |step: &&Step| Tree::applies(step, carrier) && step.when.shows(matches);
    let texts = |items: &[Item]| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.when.shows(matches))
            .map(|i| tree.fill(&i.text, lang, carrier))
            .collect()
    };
    let mut used_facts: Vec<usize> = Vec::new();
    // Each step records the facts it relies on, for the sources list.
    let step_view = |step: &Step, conclusion: Option<&str>, used: &mut Vec<usize>| {
        let facts = tree.step_facts(step, carrier);
        let mut action = tree.fill(&step.text, lang, carrier);
        // A medium fact is flagged with where to confirm it: the carrier's
        // app or hotline for a carrier's fact, the official source for a rule
        // or a regulator's channel (the carrier cannot confirm those).
        let medium: Vec<&crate::tree::Fact> = facts
            .iter()
            .map(|&f| &tree.facts[f])
            .filter(|f| f.confidence == Confidence::Medium)
            .collect();
        if !medium.is_empty() {
            let w = words(lang);
            let note = if medium.iter().all(|f| f.carrier.is_some()) {
                w.check_official
            } else {
                w.check_published
            };
            action = lang.tr(format!("{action}（{note}）"), format!("{action} ({note})"));
        }
        let channel = step.channel.as_ref().and_then(|kind| {
            carrier
                .and_then(|c| tree.channel(c, kind))
                .map(|fact| ChannelView {
                    kind: kind.clone(),
                    value: fact.value.clone(),
                    label: fact.label.get(lang).to_owned(),
                })
        });
        used.extend(&facts);
        StepView {
            conclusion: conclusion.map(str::to_owned),
            rung: step.rung.map(|r| tree.rungs[r].id.clone()),
            action,
            channel,
            sources: facts.iter().map(|&f| tree.facts[f].id.clone()).collect(),
        }
    };

    // A possible cause is not advice to act on yet: it is listed apart,
    // with its steps as what to do if it is confirmed.
    let (possible, conclusions): (Vec<_>, Vec<_>) = outcome
        .conclusions
        .iter()
        .map(|&c| &tree.conclusions[c])
        .partition(|c| c.possible);
    let mut seen = HashSet::new();
    let possible_causes: Vec<PossibleCauseView> = possible
        .iter()
        .filter(|c| c.cause.is_some_and(|k| seen.insert(k)))
        .filter_map(|c| {
            let cause = &tree.causes[c.cause?];
            used_facts.extend(tree.conclusion_facts(c, carrier));
            let if_confirmed = c
                .steps
                .iter()
                .filter(|s| Tree::applies(s, carrier))
                .map(|s| step_view(s, Some(&c.id), &mut used_facts))
                .collect();
            Some(PossibleCauseView {
                id: cause.id.clone(),
                conclusion: c.id.clone(),
                title: c
                    .title
                    .as_ref()
                    .unwrap_or(&cause.title)
                    .get(lang)
                    .to_owned(),
                explanation: tree.fill(&c.explanation, lang, carrier),
                check: c
                    .confirm
                    .iter()
                    .map(|t| tree.fill(t, lang, carrier))
                    .collect(),
                script: c.script.as_ref().map(|t| tree.fill(t, lang, carrier)),
                if_confirmed,
                facts: c.facts.iter().map(|&f| tree.facts[f].id.clone()).collect(),
            })
        })
        .collect();
    let mut steps = Vec::new();
    let mut evidence = Vec::new();
    for conclusion in &conclusions {
        used_facts.extend(tree.conclusion_facts(conclusion, carrier));
        for step in conclusion.steps.iter().filter(shown) {
            steps.push(step_view(step, Some(&conclusion.id), &mut used_facts));
        }
        evidence.extend(texts(&conclusion.evidence));
    }
    let diagnosed = outcome.end == End::Diagnosed;
    let mut escalation = Vec::new();
    if diagnosed {
        evidence.extend(texts(&tree.evidence));
        for step in tree.escalation.iter().filter(shown) {
            escalation.push(step_view(step, None, &mut used_facts));
        }
    }
    let mut seen = HashSet::new();
    evidence.retain(|e| seen.insert(e.clone()));

    let conclusion_views: Vec<ConclusionView> = conclusions
        .iter()
        .map(|c| {
            let cause = c.cause.map(|i| &tree.causes[i]);
            let title = c.title.as_ref().or(cause.map(|k| &k.title));
            ConclusionView {
                id: c.id.clone(),
                cause: cause.map(|k| k.id.clone()),
                title: title.map(|t| t.get(lang).to_owned()).unwrap_or_default(),
                explanation: tree.fill(&c.explanation, lang, carrier),
                confirm: c
                    .confirm
                    .iter()
                    .map(|t| tree.fill(t, lang, carrier))
                    .collect(),
                script: c.script.as_ref().map(|t| tree.fill(t, lang, carrier)),
                prevention: c
                    .prevention
                    .iter()
                    .map(|t| tree.fill(t, lang, carrier))
                    .collect(),
                facts: c.facts.iter().map(|&f| tree.facts[f].id.clone()).collect(),
                letter: c.letter.as_ref().map(|l| {
                    super::letter::view(tree, l, lang, carrier, |i| i.when.shows(matches))
                }),
            }
        })
        .collect();
    let mut seen = HashSet::new();
    let causes: Vec<CauseView> = conclusion_views
        .iter()
        .filter_map(|c| {
            let id = c.cause.as_ref()?;
            seen.insert(id.clone()).then(|| CauseView {
                id: id.clone(),
                title: c.title.clone(),
                explanation: c.explanation.clone(),
            })
        })
        .collect();

    let trace: Vec<TraceView> = outcome
        .trace
        .iter()
        .map(|&answer| trace_view(tree, answer, carrier, lang))
        .collect();
    let question = match outcome.end {
        End::NeedsInput(q) | End::Interrupted(q) => Some(question_view(
            tree,
            q,
            outcome.trace.len() + 1,
            carrier,
            lang,
        )),
        End::Diagnosed => None,
    };
    let hotline = diagnosed.then(|| HotlineView {
        scripts: conclusion_views
            .iter()
            .filter_map(|c| c.script.clone())
            .collect(),
        ask: texts(&tree.hotline_ask),
        note: texts(&tree.hotline_note),
    });
    let timeline = timeline::compute(tree, answers, today);
    for id in timeline.iter().flat_map(|t| &t.sources) {
        used_facts.extend(tree.fact(id));
    }
    let mut seen = HashSet::new();
    used_facts.retain(|f| seen.insert(*f));
    let sources = used_facts
        .iter()
        .map(|&f| {
            let fact = &tree.facts[f];
            SourceView {
                id: fact.id.clone(),
                label: fact.label.get(lang).to_owned(),
                value: fact.value.clone(),
                channel: fact.channel.clone(),
                note: fact.note.as_ref().map(|n| n.get(lang).to_owned()),
                title: fact.source.clone(),
                author_note: fact.author_note.clone(),
                url: fact.url.clone(),
                confidence: fact.confidence,
                verified: fact.verified.clone(),
            }
        })
        .collect();
    let mut all_answers: BTreeMap<String, String> = trace
        .iter()
        .map(|t| (t.question.clone(), t.answer.clone()))
        .collect();
    let details = answers
        .to_pairs(tree)
        .into_iter()
        .filter(|(id, _)| tree.detail(id).is_some());
    all_answers.extend(details);
    let detail_answers = detail_answers(tree, answers, lang);
    // A cause found on the path is no longer only possible.
    let mut possible_causes = possible_causes;
    possible_causes.retain(|p| !causes.iter().any(|c| c.id == p.id));
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        status: if diagnosed {
            "diagnosed"
        } else {
            "needs_input"
        },
        lang,
        rules_checked: tree.rules_checked().map(str::to_owned),
        carrier: carrier.map(|c| CarrierView {
            id: tree.carriers[c].id.clone(),
            name: tree.carriers[c].name.get(lang).to_owned(),
        }),
        causes,
        possible_causes,
        conclusions: conclusion_views,
        steps,
        evidence,
        rungs: tree
            .rungs
            .iter()
            .enumerate()
            .filter(|(r, _)| {
                escalation
                    .iter()
                    .any(|s| s.rung.as_deref() == Some(tree.rungs[*r].id.as_str()))
            })
            .map(|(_, r)| RungView {
                id: r.id.clone(),
                title: r.title.get(lang).to_owned(),
            })
            .collect(),
        escalation,
        answers: all_answers,
        trace,
        hotline,
        standing: ladder::standing(tree, &tried_values(tree, outcome), timeline.as_ref()),
        timeline,
        sources,
        question,
        explain: None,
        now: Vec::new(),
        details: detail_answers,
    };
    if diagnosed {
        report.now = super::now::now(&report);
    }
    report
}

/// A case detail as people read it: the question and the answer (a
/// choice's label, a date, a text).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DetailAnswerView {
    pub id: String,
    pub text: String,
    pub value: String,
    pub label: String,
}

/// The details given, in the order the tree asks them.
fn detail_answers(tree: &Tree, answers: &Answers, lang: Lang) -> Vec<DetailAnswerView> {
    tree.details
        .iter()
        .filter_map(|detail| {
            let value = answers.detail_by_id(tree, &detail.id)?;
            let (value, label) = match value {
                DetailValue::Choice(c) => (
                    detail.choices[*c].value.clone(),
                    detail.choices[*c].label.get(lang).to_owned(),
                ),
                DetailValue::Date(d) => (d.to_string(), d.to_string()),
                DetailValue::Text(t) => (t.clone(), t.clone()),
            };
            Some(DetailAnswerView {
                id: detail.id.clone(),
                text: detail.text.get(lang).to_owned(),
                value,
                label,
            })
        })
        .collect()
}

/// The values of the `tried` answer on the walk, if it was asked.
fn tried_values<'t>(tree: &'t Tree, outcome: &Outcome) -> Vec<&'t str> {
    let Some(q) = tree.question(contract::TRIED) else {
        return Vec::new();
    };
    let question = &tree.questions[q];
    outcome
        .trace
        .iter()
        .filter(|(asked, _)| *asked == q)
        .flat_map(|(_, answer)| answer.choices())
        .map(|c| question.choices[c].value.as_str())
        .collect()
}

fn question_view(
    tree: &Tree,
    q: usize,
    number: usize,
    carrier: Option<usize>,
    lang: Lang,
) -> QuestionView {
    let question = &tree.questions[q];
    QuestionView {
        id: question.id.clone(),
        number,
        text: tree.fill(&question.text, lang, carrier),
        help: question.help.as_ref().map(|h| tree.fill(h, lang, carrier)),
        choices: question
            .choices
            .iter()
            .map(|c| ChoiceView {
                value: c.value.clone(),
                label: tree.fill(&c.label, lang, carrier),
                aliases: c.aliases.clone(),
            })
            .collect(),
        multiple: question.multiple,
    }
}

/// `unsub-doctor questions`: every question and its values.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QuestionList {
    pub schema_version: u32,
    pub lang: Lang,
    pub questions: Vec<QuestionView>,
    /// The case details `--answers` also takes (complaint, dates, ticket...),
    /// in the order they are asked.
    pub details: Vec<DetailListView>,
}

/// A case detail as `questions` lists it: its id, kind and, for a choice,
/// its values.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DetailListView {
    pub id: String,
    /// `date` (YYYY-MM-DD, a day that has happened), `text` or `choice`.
    pub kind: crate::rules::DetailKind,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ChoiceView>,
}

pub fn question_list(tree: &Tree, lang: Lang) -> QuestionList {
    QuestionList {
        schema_version: SCHEMA_VERSION,
        lang,
        questions: tree
            .questions_in_walk_order()
            .into_iter()
            .enumerate()
            .map(|(i, q)| question_view(tree, q, i + 1, None, lang))
            .collect(),
        details: tree
            .details
            .iter()
            .map(|d| DetailListView {
                id: d.id.clone(),
                kind: d.kind,
                text: d.text.get(lang).to_owned(),
                choices: d
                    .choices
                    .iter()
                    .map(|c| ChoiceView {
                        value: c.value.clone(),
                        label: c.label.get(lang).to_owned(),
                        aliases: c.aliases.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
