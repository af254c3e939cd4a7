//! The dates that matter for escalating: when the MIIT appeal opens, whether
//! a fee dispute is still inside its window, the limit for other disputes and
//! when an appeal's answer is due. The periods come from the facts that set
//! them (their `period`), and jiff does the calendar arithmetic. Periods are
//! counted as the Civil Code counts them (arts. 201 and 203): the start day is
//! not counted, and a day the user waits for that falls on a rest day (a
//! holiday in the rules' calendars, or a weekend that is not a make-up
//! working day) moves to the next working day. A deadline the user must meet
//! never moves: where the sources differ, the user gets the safer date.

use jiff::civil::{Date, Weekday};
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
    /// When the appeal centre's answer is due, from the appeal date (moved
    /// past rest days as `appeal_reply_counted` says).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_reply_due: Option<Date>,
    /// How `appeal_reply_due` was counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal_reply_counted: Option<Counted>,
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
    /// For the appeal after an unanswered complaint: how `from` was counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<Counted>,
}

/// How the last day of a period was counted: the start day not counted
/// (Civil Code art. 201), then moved past rest days (art. 203).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Counted {
    /// The period's last day before any move.
    pub last_day: Date,
    /// The last day fell on a rest day (a holiday, or a weekend that is not
    /// a make-up working day): the period ends on this day instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<Date>,
    /// The holiday calendars consulted (fact ids).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<String>,
    /// Years consulted that no calendar in the rules covers: a holiday then
    /// could move the date further.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncovered: Vec<i16>,
}

impl Counted {
    /// The day the period ends, after any move.
    pub fn end(&self) -> Date {
        self.moved_to.unwrap_or(self.last_day)
    }
}

/// Whether `day` is a rest day: inside a calendar's rest days, or a weekend
/// that no calendar makes a working day. Weekends count as rest here because
/// this is used only for days the user waits for, where the later date is
/// the safe one (`law.rest_day_weekends`).
fn is_rest(tree: &Tree, day: Date) -> bool {
    let mut make_up_workday = false;
    for calendar in tree.facts.iter().filter_map(|f| f.calendar.as_ref()) {
        if calendar.rest.iter().any(|&(a, b)| a <= day && day <= b) {
            return true;
        }
        make_up_workday |= calendar.work.contains(&day);
    }
    !make_up_workday && matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// `last` moved past rest days, saying which calendars decided.
pub fn count_last_day(tree: &Tree, last: Date) -> Counted {
    let mut counted = Counted {
        last_day: last,
        moved_to: None,
        calendars: Vec::new(),
        uncovered: Vec::new(),
    };
    let mut day = last;
    // The longest run of rest days is a holiday week: a bound keeps a
    // hostile calendar from holding the walk.
    for _ in 0..60 {
        let year = day.year();
        match tree
            .facts
            .iter()
            .find(|f| f.calendar.as_ref().is_some_and(|c| c.year == year))
        {
            Some(f) if !counted.calendars.contains(&f.id) => counted.calendars.push(f.id.clone()),
            Some(_) => {}
            None if !counted.uncovered.contains(&year) => counted.uncovered.push(year),
            None => {}
        }
        if !is_rest(tree, day) {
            break;
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    counted.moved_to = (day != last).then_some(day);
    counted
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
            counted: None,
        }),
        // The day of the complaint is not counted: the carrier's period
        // ends at the end of its last day, and the appeal opens the next.
        Some(contract::COMPLAINT_NO_REPLY) => complaint_date
            .and_then(|d| after(APPEAL_WAIT, d))
            .map(|last| count_last_day(tree, last))
            .and_then(|counted| {
                let from = counted.end().tomorrow().ok()?;
                Some(Window {
                    open: today >= from,
                    from: Some(from),
                    until: None,
                    charges_from: None,
                    counted: Some(counted),
                })
            }),
        Some(contract::COMPLAINT_UNSATISFIED) => Some(Window {
            open: true,
            from: complaint_date,
            until: None,
            charges_from: None,
            counted: None,
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
            counted: None,
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
            counted: None,
        });

    let appeal_reply_counted = appeal_date
        .and_then(|d| after(REPLY_LIMIT, d))
        .map(|last| count_last_day(tree, last));
    let appeal_reply_due = appeal_reply_counted.as_ref().map(Counted::end);
    // The dates above are counted as the Civil Code counts periods.
    let counted = complaint == Some(contract::COMPLAINT_NO_REPLY) && appeal.is_some();
    if counted || fee_dispute.is_some() || other_disputes.is_some() || appeal_date.is_some() {
        sources.push(contract::PERIOD_COUNTING.to_owned());
    }
    // The days that moved past rest days cite the calendars and the choice
    // about weekends.
    let moved = appeal
        .iter()
        .filter_map(|a| a.counted.as_ref())
        .chain(&appeal_reply_counted);
    for counted in moved {
        for id in counted
            .calendars
            .iter()
            .map(String::as_str)
            .chain([contract::WEEKENDS])
        {
            if tree.fact(id).is_some() && !sources.iter().any(|s| s == id) {
                sources.push(id.to_owned());
            }
        }
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
        appeal_reply_counted,
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
        let appeal = t.appeal.clone().unwrap();
        assert_eq!(appeal.from, Some(date(2026, 11, 17)));
        assert!(appeal.open);
        assert_eq!(appeal.counted.unwrap().moved_to, None, "11-16 is a Monday");
        let t = timeline(
            &[("complaint", "no_reply"), ("complaint_date", "2026-11-20")],
            date(2026, 11, 25),
        )
        .unwrap();
        // 15 days after 11-20 is Saturday 12-05: the carrier's time runs to
        // Monday 12-07, and the appeal opens on 12-08.
        let appeal = t.appeal.clone().unwrap();
        assert_eq!(appeal.from, Some(date(2026, 12, 8)));
        assert!(!appeal.open);
        let counted = appeal.counted.unwrap();
        assert_eq!(counted.last_day, date(2026, 12, 5));
        assert_eq!(counted.moved_to, Some(date(2026, 12, 7)));
        assert_eq!(counted.calendars, ["calendar.2026"]);
        assert!(t.sources.contains(&contract::WEEKENDS.to_owned()));
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
    fn a_last_day_in_a_holiday_moves_past_it_and_a_make_up_working_day_does_not() {
        let opens = |complained: &str| {
            let t = timeline(
                &[("complaint", "no_reply"), ("complaint_date", complained)],
                date(2026, 12, 1),
            )
            .unwrap();
            t.appeal.unwrap()
        };
        // 09-20 + 15 days = 10-05, inside the National Day holiday (10-01..10-07).
        let appeal = opens("2026-09-20");
        assert_eq!(
            appeal.counted.as_ref().unwrap().moved_to,
            Some(date(2026, 10, 8))
        );
        assert_eq!(appeal.from, Some(date(2026, 10, 9)));
        // 09-25 + 15 days = Saturday 10-10, a make-up working day: no move.
        let appeal = opens("2026-09-25");
        assert_eq!(appeal.counted.as_ref().unwrap().moved_to, None);
        assert_eq!(appeal.from, Some(date(2026, 10, 11)));
    }

    #[test]
    fn a_year_without_a_calendar_is_named() {
        let t = timeline(
            &[("complaint", "no_reply"), ("complaint_date", "2027-03-01")],
            date(2027, 3, 2),
        )
        .unwrap();
        let counted = t.appeal.unwrap().counted.unwrap();
        assert_eq!(counted.uncovered, [2027]);
        assert!(counted.calendars.is_empty());
    }

    #[test]
    fn the_appeal_answer_is_due_thirty_days_after_filing() {
        let t = timeline(&[("appeal_date", "2026-12-10")], date(2026, 12, 10)).unwrap();
        // 30 days end on Saturday 2027-01-09: the answer is due on Monday,
        // and 2027's holidays are not in the rules yet.
        assert_eq!(t.appeal_reply_due, Some(date(2027, 1, 11)));
        let counted = t.appeal_reply_counted.unwrap();
        assert_eq!(counted.last_day, date(2027, 1, 9));
        assert_eq!(counted.uncovered, [2027]);
    }

    #[test]
    fn no_dates_no_timeline() {
        assert_eq!(timeline(&[("carrier", "mobile")], date(2026, 11, 25)), None);
    }
}
