//! The dates that matter for escalating: when the MIIT appeal opens, whether
//! a fee dispute is still inside its window, the limit for other disputes and
//! when an appeal's answer is due. The periods come from the facts that set
//! them (their `period`), and jiff does the calendar arithmetic.

use jiff::civil::Date;
use serde::Serialize;

use crate::answers::{Answers, DetailValue};
use crate::contract::{self, APPEAL_WAIT, FEE_DISPUTE_LIMIT, OTHER_DISPUTE_LIMIT, REPLY_LIMIT};
use crate::tree::Tree;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Timeline {
    pub today: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaint_ticket: Option<String>,
    /// Whether the MIIT appeal may be filed, and from when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal: Option<Window>,
    /// The window for appealing a fee dispute: `from` the first unwanted
    /// charge, `until` when that first charge falls out of time (`open`
    /// while it has not). Each charge is its own dispute: `charges_from`
    /// is the earliest charge that may still be appealed today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee_dispute: Option<Window>,
    /// The window for appealing other disputes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_disputes: Option<Window>,
    /// When the appeal centre's answer is due, from the appeal date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_reply_due: Option<Date>,
    /// When the minimum term ends, from when it started and how long it runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractTerm>,
    /// When the package's charges must stop, from the day it was
    /// unsubscribed and when the confirmation said it takes effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charges_stop: Option<ChargesStop>,
    /// The facts whose periods were used.
    pub sources: Vec<String>,
}

/// A minimum term: when it started, how long it runs and when it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ContractTerm {
    pub start: Date,
    pub months: i64,
    /// About when the term ends: `months` after the start. Carriers may count
    /// from another day (the next month's first, say): the contract's own
    /// date decides, and the text says so.
    pub end: Date,
    /// `end` has passed.
    pub ended: bool,
    /// When a reminder is due if the term renews automatically: the
    /// commitment's period before `end` (absent without that fact).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remind_by: Option<Date>,
}

/// The day an unsubscribe takes effect, as its confirmation said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ChargesStop {
    /// The day the package was unsubscribed.
    pub unsubscribed: Date,
    /// When the confirmation said it takes effect: `next_month` (次月生效)
    /// or `immediately` (立即生效).
    pub effective: String,
    /// The first day no charge for the package is expected.
    pub from: Date,
    /// `from` has come: a charge for the package from then on is not expected.
    pub passed: bool,
}

/// A window: open from `from` (when known) until `until` (when it closes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Window {
    pub open: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// For a fee dispute: charges on or after this day may still be
    /// appealed today (each charge has its own time limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charges_from: Option<Date>,
}

/// The timeline for these answers, or none when they give no date and no complaint.
pub fn compute(tree: &Tree, answers: &Answers, today: Date) -> Option<Timeline> {
    let date = |id: &str| match answers.detail_by_id(tree, id) {
        Some(DetailValue::Date(date)) => Some(*date),
        _ => None,
    };
    let choice = |id: &str| match (tree.detail(id), answers.detail_by_id(tree, id)) {
        (Some(d), Some(DetailValue::Choice(c))) => Some(tree.details[d].choices[*c].value.as_str()),
        _ => None,
    };
    let complaint = choice(contract::COMPLAINT);
    let complaint_date = date(contract::COMPLAINT_DATE);
    let first_charge = date(contract::FIRST_CHARGE_DATE);
    let first_attempt = date(contract::FIRST_ATTEMPT_DATE);
    let appeal_date = date(contract::APPEAL_DATE);
    let charges_stop = charges_stop(
        date(contract::UNSUBSCRIBE_DATE),
        choice(contract::EFFECTIVE),
        today,
    );
    let term = contract_term(
        date(contract::CONTRACT_START),
        choice(contract::CONTRACT_MONTHS),
        today,
    );
    if complaint.is_none()
        && charges_stop.is_none()
        && term.is_none()
        && [complaint_date, first_charge, first_attempt, appeal_date]
            .iter()
            .all(Option::is_none)
    {
        return None;
    }

    let mut sources = Vec::new();
    let mut after = |fact: &str, from: Date| -> Option<Date> {
        let period = tree.fact(fact).and_then(|f| tree.facts[f].period)?;
        sources.push(fact.to_owned());
        from.checked_add(period).ok()
    };

    // The appeal needs a complaint first: with no answer it opens after the
    // waiting period; with an unsatisfying answer it is open at once.
    let appeal = match complaint {
        Some(contract::COMPLAINT_NOT_YET) => Some(Window {
            open: false,
            from: None,
            until: None,
            charges_from: None,
        }),
        // The day of the complaint is not counted: the carrier's period
        // ends at the end of its last day, and the appeal opens the next.
        Some(contract::COMPLAINT_NO_REPLY) => complaint_date
            .and_then(|d| after(APPEAL_WAIT, d))
            .and_then(|last| last.tomorrow().ok())
            .map(|from| Window {
                open: today >= from,
                from: Some(from),
                until: None,
                charges_from: None,
            }),
        Some(contract::COMPLAINT_UNSATISFIED) => Some(Window {
            open: true,
            from: complaint_date,
            until: None,
            charges_from: None,
        }),
        _ => None,
    };
    let fee_dispute = first_charge.and_then(|first| {
        let until = after(FEE_DISPUTE_LIMIT, first)?;
        // A charge on day D is in time until D plus the period: today, the
        // charges on or after today less the period still are.
        let period = tree
            .fact(FEE_DISPUTE_LIMIT)
            .and_then(|f| tree.facts[f].period)?;
        let earliest = today.checked_sub(period).ok()?;
        Some(Window {
            open: today <= until,
            from: Some(first),
            until: Some(until),
            charges_from: Some(earliest.max(first)),
        })
    });
    let start = [first_charge, first_attempt].into_iter().flatten().min();
    let other_disputes = start
        .and_then(|d| after(OTHER_DISPUTE_LIMIT, d))
        .map(|until| Window {
            open: today <= until,
            from: start,
            until: Some(until),
            charges_from: None,
        });

    let appeal_reply_due = appeal_date.and_then(|d| after(REPLY_LIMIT, d));
    // The dates above are counted as the Civil Code counts periods.
    let counted = complaint == Some(contract::COMPLAINT_NO_REPLY) && appeal.is_some();
    if counted || fee_dispute.is_some() || other_disputes.is_some() {
        sources.push(contract::PERIOD_COUNTING.to_owned());
    }
    // The renewal reminder is due the commitment's period before the term ends.
    let term = term.map(|mut term| {
        let period = tree
            .fact(contract::RENEWAL_REMINDER)
            .and_then(|f| tree.facts[f].period);
        term.remind_by = period.and_then(|p| term.end.checked_sub(p).ok());
        if term.remind_by.is_some() {
            sources.push(contract::RENEWAL_REMINDER.to_owned());
        }
        term
    });
    let complaint_ticket = match answers.detail_by_id(tree, contract::COMPLAINT_TICKET) {
        Some(DetailValue::Text(t)) => Some(t.clone()),
        _ => None,
    };
    Some(Timeline {
        today,
        complaint_date,
        complaint_ticket,
        appeal,
        fee_dispute,
        other_disputes,
        appeal_reply_due,
        contract: term,
        charges_stop,
        sources,
    })
}

/// About when the term ends: `months` after the start. A choice that is not
/// a number of months (other, not sure) gives no date.
fn contract_term(start: Option<Date>, months: Option<&str>, today: Date) -> Option<ContractTerm> {
    let start = start?;
    let months: i64 = months?.parse().ok().filter(|m| (1..=120).contains(m))?;
    let end = start.checked_add(jiff::Span::new().months(months)).ok()?;
    Some(ContractTerm {
        start,
        months,
        end,
        ended: today >= end,
        remind_by: None,
    })
}

/// The day charges stop: the first of the next month for 次月生效 (the
/// confirmation's own words), the day itself for 立即生效. Other answers
/// (the next billing cycle, not sure) give no date: the bill decides.
fn charges_stop(
    unsubscribed: Option<Date>,
    effective: Option<&str>,
    today: Date,
) -> Option<ChargesStop> {
    let unsubscribed = unsubscribed?;
    let (effective, from) = match effective? {
        contract::EFFECTIVE_NEXT_MONTH => (
            contract::EFFECTIVE_NEXT_MONTH,
            unsubscribed
                .first_of_month()
                .checked_add(jiff::Span::new().months(1))
                .ok()?,
        ),
        contract::EFFECTIVE_IMMEDIATELY => (contract::EFFECTIVE_IMMEDIATELY, unsubscribed),
        _ => return None,
    };
    Some(ChargesStop {
        unsubscribed,
        effective: effective.to_owned(),
        from,
        passed: today >= from,
    })
}

/// Today in China (UTC+8), where the user's deadlines run, unless `--today` says otherwise.
pub fn today() -> Date {
    let china = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    jiff::Timestamp::now().to_zoned(china).date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;
    use jiff::civil::date;

    fn timeline(pairs: &[(&str, &str)], today: Date) -> Option<Timeline> {
        let tree = crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap();
        let pairs = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let answers = Answers::from_layers(&tree, &[pairs], crate::lang::Lang::En).unwrap();
        compute(&tree, &answers, today)
    }

    #[test]
    fn the_appeal_opens_the_day_after_the_carriers_fifteen_days() {
        // The day of the complaint is not counted (Civil Code art. 201): a
        // complaint on 11-01 leaves the carrier until the end of 11-16.
        let t = timeline(
            &[("complaint", "no_reply"), ("complaint_date", "2026-11-01")],
            date(2026, 11, 25),
        )
        .unwrap();
        assert_eq!(
            t.appeal,
            Some(Window {
                open: true,
                from: Some(date(2026, 11, 17)),
                until: None,
                charges_from: None,
            })
        );
        let t = timeline(
            &[("complaint", "no_reply"), ("complaint_date", "2026-11-20")],
            date(2026, 11, 25),
        )
        .unwrap();
        assert_eq!(
            t.appeal,
            Some(Window {
                open: false,
                from: Some(date(2026, 12, 6)),
                until: None,
                charges_from: None,
            })
        );
        assert!(t.sources.contains(&APPEAL_WAIT.to_owned()));
        assert!(t.sources.contains(&contract::PERIOD_COUNTING.to_owned()));
    }

    #[test]
    fn an_unsatisfying_answer_opens_the_appeal_at_once_and_no_complaint_keeps_it_shut() {
        let t = timeline(
            &[
                ("complaint", "unsatisfied"),
                ("complaint_date", "2026-11-24"),
            ],
            date(2026, 11, 25),
        )
        .unwrap();
        assert!(t.appeal.unwrap().open);
        let t = timeline(&[("complaint", "not_yet")], date(2026, 11, 25)).unwrap();
        assert!(!t.appeal.unwrap().open);
    }

    #[test]
    fn each_charge_is_a_fee_dispute_of_its_own() {
        let t = timeline(&[("first_charge_date", "2026-06-24")], date(2026, 11, 25)).unwrap();
        let fee = t.fee_dispute.unwrap();
        // The first charge is out of time; the charges since 06-25 are not.
        assert_eq!(fee.until, Some(date(2026, 11, 24)));
        assert!(!fee.open);
        assert_eq!(fee.charges_from, Some(date(2026, 6, 25)));
        let other = t.other_disputes.unwrap();
        assert_eq!(other.until, Some(date(2028, 6, 24)));
        assert!(other.open);
        let t = timeline(&[("first_charge_date", "2026-06-25")], date(2026, 11, 25)).unwrap();
        assert!(
            t.fee_dispute.unwrap().open,
            "the last day itself is inside the window"
        );
    }

    #[test]
    fn the_appeal_answer_is_due_thirty_days_after_filing() {
        let t = timeline(&[("appeal_date", "2026-12-10")], date(2026, 12, 10)).unwrap();
        assert_eq!(t.appeal_reply_due, Some(date(2027, 1, 9)));
    }

    #[test]
    fn no_dates_no_timeline() {
        assert_eq!(timeline(&[("carrier", "mobile")], date(2026, 11, 25)), None);
    }
}
