//! The serde model of one rule file: every section and key a `*.toml` file
//! of the rules may hold, as written. Ids stay plain strings here; `tree/`
//! resolves them.

use std::collections::BTreeMap;
use std::fmt;

use crate::lang::Lang;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// A text shown to users, in both languages the tool speaks.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    /// This text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How sure the project is of a fact. Only `high` and `medium` facts may be
/// given to users as instructions.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        })
    }
}

/// One rule file. Every section is optional, so a file holds whatever part of
/// the tree its name says it holds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The node the walk starts at; exactly one file of the set names it.
    pub start: Option<Spanned<String>>,
    #[serde(default)]
    pub carrier: Vec<CarrierDef>,
    #[serde(default)]
    pub cause: Vec<CauseDef>,
    #[serde(default)]
    pub fact: Vec<FactDef>,
    #[serde(default)]
    pub question: Vec<QuestionDef>,
    #[serde(default)]
    pub conclusion: Vec<ConclusionDef>,
    /// The rungs of the escalation ladder, in order.
    #[serde(default)]
    pub rung: Vec<RungDef>,
    /// The escalation ladder appended to every diagnosis: steps, each on a rung.
    #[serde(default)]
    pub escalation: Vec<StepDef>,
    /// Case details asked after the diagnosis (dates, ticket numbers) for the
    /// timeline and the drafts; every one may be left out.
    #[serde(default)]
    pub detail: Vec<DetailDef>,
    /// What to ask for on any hotline call (cancel now, the ticket number...).
    #[serde(default)]
    pub hotline_ask: Vec<ItemDef>,
    /// What to note down during any hotline call.
    #[serde(default)]
    pub hotline_note: Vec<ItemDef>,
    /// Evidence worth keeping whatever the cause.
    #[serde(default)]
    pub evidence: Vec<ItemDef>,
    /// Scenarios: answers and the diagnosis they must give.
    #[serde(default)]
    pub case: Vec<CaseDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierDef {
    pub id: Spanned<String>,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseDef {
    pub id: Spanned<String>,
    pub title: Text,
}

/// A fact a user may act on: a number, an SMS command, an app path, a rule.
/// With `carrier` and `channel` set it is one of that carrier's channels.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub id: Spanned<String>,
    pub carrier: Option<Spanned<String>>,
    pub channel: Option<String>,
    pub value: String,
    pub label: Text,
    pub note: Option<Text>,
    /// A time limit the fact sets, as an ISO 8601 duration (`P15D`, `P5M`,
    /// `P2Y`), for the timeline's date arithmetic.
    pub period: Option<Spanned<String>>,
    /// A plain number the fact sets (an age, a count of working days), for
    /// texts to state as `{id.number}` instead of copying it.
    pub number: Option<u32>,
    /// A year's statutory holidays and make-up working days, for counting
    /// periods whose last day may move (Civil Code art. 203).
    pub calendar: Option<CalendarDef>,
    /// Title of the source document or page, with its date where known:
    /// what a user could look up, shown with every diagnosis that cites it.
    pub source: String,
    /// For rule authors: where the source's text was found (mirrors, public
    /// code), quotations and caveats about the evidence. Kept out of the text
    /// a user reads, so the source line stays a title they can look up.
    pub author_note: Option<String>,
    pub url: Option<String>,
    pub confidence: Confidence,
    /// When a rule author last checked the fact against its source (a TOML date).
    pub verified: Spanned<Datetime>,
}

/// One year's holiday arrangement as the State Council publishes it: the
/// rest days (`2026-10-01..2026-10-07` or one date) and the weekend days
/// that are working days instead (调休上班).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    pub year: Spanned<i64>,
    pub rest: Vec<Spanned<String>>,
    #[serde(default)]
    pub work: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    pub id: Spanned<String>,
    pub text: Text,
    /// How to find out the answer, shown with the question.
    pub help: Option<Text>,
    #[serde(default)]
    pub choices: Vec<ChoiceDef>,
    /// Several choices may be taken at once (the answer is a set, maybe
    /// empty); every answer goes on to the question's own `next`.
    #[serde(default)]
    pub multiple: bool,
    /// Only with `multiple`: a script that does not answer it gets the empty
    /// set instead of being asked (the terminal still asks). For questions
    /// about what the user has already done, whose answer refines the advice.
    #[serde(default)]
    pub optional: bool,
    /// The node every answer of a `multiple` question leads to; none ends
    /// the walk (allowed only after a conclusion). Single questions put
    /// `next` on each choice instead.
    pub next: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDef {
    pub value: Spanned<String>,
    pub label: Text,
    /// Other spellings accepted in `--answers` (e.g. `cmcc`, `移动`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Still accepted from `--answers` and saved answers, never offered in a
    /// menu: an answer kept for scripts written before it was split up.
    #[serde(default)]
    pub retired: bool,
    /// The node this answer leads to; none ends the walk (allowed only after a conclusion).
    pub next: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConclusionDef {
    pub id: Spanned<String>,
    /// The failure cause this conclusion finds; none when the cause cannot be told.
    pub cause: Option<Spanned<String>>,
    /// Required when there is no cause; otherwise the cause's title is used.
    pub title: Option<Text>,
    pub explanation: Text,
    /// How the user can confirm this is the cause: where to look, what to ask.
    #[serde(default)]
    pub confirm: Vec<Text>,
    /// Words the user can read aloud on the hotline, ending with asking for the ticket number.
    pub script: Option<Text>,
    #[serde(default, rename = "step")]
    pub steps: Vec<StepDef>,
    #[serde(default)]
    pub evidence: Vec<ItemDef>,
    /// How to avoid this next time.
    #[serde(default)]
    pub prevention: Vec<Text>,
    /// Facts the conclusion's texts rely on beyond placeholders (a cited rule).
    #[serde(default)]
    pub facts: Vec<String>,
    /// Keep asking after this conclusion: a path may find more than one cause.
    pub next: Option<Spanned<String>>,
    /// The answers make `cause` possible, not certain (the user was not sure):
    /// the diagnosis lists it with how to check it (`confirm`) and what to do
    /// if it applies (the steps), and the walk goes on with `next`.
    #[serde(default)]
    pub possible: bool,
    /// What the complaint and appeal letters say for this conclusion; without
    /// it they say the package cannot be cancelled and ask for it to be.
    pub letter: Option<LetterDef>,
}

/// What a letter (`draft complaint`, `draft appeal`) says for a conclusion:
/// the matter, what happened, what it asks for, and which rules it cites.
/// Its texts may hold the letter's blanks (`{package}`, `{refund_from}`...),
/// which the letter fills from the case details or leaves marked, beside
/// the facts and channels every text may name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterDef {
    /// The matter in a few words, for the title: 关于中国移动{subject}的投诉.
    pub subject: Text,
    /// What happened, stated as the user's facts: sentences, each of which
    /// may have a condition, read as one paragraph.
    pub situation: Vec<ItemDef>,
    /// What the letter asks for, in order, each a request the carrier (or the
    /// appeal body, of the carrier) can act on.
    pub asks: Vec<ItemDef>,
    /// From which day `{refund_from}` counts; required when a text uses it.
    pub refund_from: Option<RefundFrom>,
    /// The facts the letter cites as the rules it rests on: only rules in the
    /// user's favour, never a product term that supports the refusal.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// The day from which a letter asks charges back (`{refund_from}`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RefundFrom {
    /// The first unwanted charge (`first_charge_date`, else the first
    /// attempt to cancel): for charges never agreed to, or a renewal.
    FirstCharge,
    /// The day the user first asked to cancel (never before the first
    /// unwanted charge): for a package they ordered and could not cancel.
    FirstAttempt,
    /// The day a cancellation already made had to stop the charges
    /// (`unsubscribe_date` with `effective`).
    Effective,
}

/// One thing to do. `{name}` in the text is replaced by a fact's value: a
/// fact id, or a channel kind (`{hotline}`) meaning the user's carrier's channel.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub text: Text,
    /// The channel kind the step is done through, resolved per carrier.
    pub channel: Option<String>,
    /// Limit the step to these carriers; all carriers when absent.
    pub carriers: Option<Vec<String>>,
    /// The escalation rung the step belongs to (escalation steps only).
    pub rung: Option<String>,
    /// Facts the step relies on beyond its channel and placeholders.
    #[serde(default)]
    pub facts: Vec<String>,
    /// Shown only when every id listed has one of its values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// Hidden when any id listed has one of its values.
    #[serde(default)]
    pub unless: ConditionDef,
}

/// Answers a step, a list item or a detail depends on: a question or
/// choice detail id, to the values that match. Keys and values keep their
/// place in the file, so a name that resolves to nothing is pointed at.
pub type ConditionDef = BTreeMap<Spanned<String>, Vec<Spanned<String>>>;

/// An item of a list (`evidence`, `hotline_ask`, `hotline_note`): a text,
/// written `{ zh, en }` as before, with an optional condition beside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub zh: String,
    pub en: String,
    /// Shown only when every id listed has one of its values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// Hidden when any id listed has one of its values.
    #[serde(default)]
    pub unless: ConditionDef,
}

/// One rung of the escalation ladder: ask a manager, complain, appeal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RungDef {
    pub id: Spanned<String>,
    pub title: Text,
}

/// What kind of answer a detail takes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum DetailKind {
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Free text, such as a ticket number.
    Text,
    /// One of `choices`.
    Choice,
}

/// Where a detail is asked at the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AskIn {
    /// After the diagnosis.
    Diagnose,
    /// Before writing a complaint or appeal draft.
    Draft,
    /// In `followup`.
    Followup,
}

/// A case detail: asked after the diagnosis, never required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailDef {
    pub id: Spanned<String>,
    pub kind: DetailKind,
    pub text: Text,
    pub help: Option<Text>,
    /// For `choice` details; `next` is not used.
    #[serde(default)]
    pub choices: Vec<ChoiceDef>,
    /// Asked at the terminal only when these details have one of these values.
    #[serde(default)]
    pub only_if: ConditionDef,
    /// The commands that ask it at the terminal; scripts may give it anywhere.
    pub ask_in: Vec<AskIn>,
}

/// A scenario: the answers a user gives and what the diagnosis must contain.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDef {
    pub name: Spanned<String>,
    /// Question id to value (or alias; for a `multiple` question, values
    /// joined by `+`, or `none`); must lead to a diagnosis.
    pub answers: BTreeMap<String, String>,
    /// The cause ids found, in order.
    pub causes: Vec<String>,
    /// The conclusion ids reached, in order; unchecked when absent.
    pub conclusions: Option<Vec<String>>,
    /// The cause ids named as possible, in order; unchecked when absent.
    pub possible_causes: Option<Vec<String>>,
    /// Fact ids that must be among the diagnosis's sources.
    #[serde(default)]
    pub facts: Vec<String>,
}
