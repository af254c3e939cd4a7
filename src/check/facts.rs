//! Facts: their carriers, dates, periods and sources, the channels they
//! make, how long ago they were checked (`--stale-after`), and that no
//! advice relies on a low-confidence one.

use std::collections::HashSet;

use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind, Severity};
use crate::rules::{CalendarDef, Confidence, FactDef};
use crate::tree::{Calendar, Channels, Fact, Tree};
use jiff::civil::Date;

impl Checker<'_> {
    /// Facts: carriers resolve, dates are dates, one fact per carrier channel.
    pub(super) fn check_facts(
        &mut self,
        facts: &[(usize, FactDef)],
        names: &Names,
    ) -> (Vec<Fact>, Channels) {
        let mut channels = Channels::default();
        let mut checked = Vec::with_capacity(facts.len());
        let mut years = HashSet::new();
        for (i, (file, def)) in facts.iter().enumerate() {
            let id = def.id.get_ref();
            let carrier = def.carrier.as_ref().and_then(|c| {
                let found = names.carriers.get(c.get_ref()).copied();
                if found.is_none() {
                    let message = format!("unknown carrier `{}` in fact `{id}`", c.get_ref());
                    let place = self.place(*file, c);
                    self.report(ProblemKind::UnknownReference, place, id, message);
                }
                found
            });
            let place = self.place(*file, &def.id);
            if def.source.trim().is_empty() {
                let message = format!("fact `{id}` has an empty `source`");
                self.report(ProblemKind::EmptySource, place, id, message);
            }
            let verified = def.verified.get_ref();
            let verified_place = self.place(*file, &def.verified);
            let verified_text = match (&verified.date, &verified.time, &verified.offset) {
                (Some(date), None, None) => {
                    self.check_age(verified_place, id, date);
                    date.to_string()
                }
                _ => {
                    let message =
                        format!("`verified` of fact `{id}` must be a date like 2026-01-31");
                    self.report(ProblemKind::BadDate, verified_place, id, message);
                    verified.to_string()
                }
            };
            match (carrier, &def.channel) {
                (Some(c), Some(kind)) => {
                    if let Some(other) = channels.get(c, kind) {
                        let message = format!(
                            "carrier `{}` has two `{kind}` channels: `{}` and `{id}`",
                            names.carrier_ids[c].0,
                            facts[other].1.id.get_ref()
                        );
                        self.report(ProblemKind::DuplicateChannel, place, id, message);
                    } else {
                        channels.insert(c, kind, i);
                    }
                }
                (None, Some(kind)) if def.carrier.is_none() => {
                    let message = format!("fact `{id}` has channel `{kind}` but no `carrier`");
                    self.report(ProblemKind::ChannelWithoutCarrier, place, id, message);
                }
                _ => {}
            }
            let period = def.period.as_ref().and_then(|p| {
                let span = p.get_ref().parse::<jiff::Span>().ok();
                if span.is_none() {
                    let message = format!(
                        "`period` of fact `{id}` must be an ISO 8601 duration such as P15D, P5M or P2Y"
                    );
                    let place = self.place(*file, p);
                    self.report(ProblemKind::BadPeriod, place, id, message);
                }
                span
            });
            let calendar = def
                .calendar
                .as_ref()
                .and_then(|c| self.check_calendar(*file, id, c, &mut years));
            let mut fact = fact(def, carrier, verified_text, period);
            fact.calendar = calendar;
            checked.push(fact);
        }
        (checked, channels)
    }

    /// A holiday calendar: its year, and dates or `start..end` ranges that
    /// are dates, ends not before starts; one calendar per year.
    fn check_calendar(
        &mut self,
        file: usize,
        id: &str,
        def: &CalendarDef,
        years: &mut HashSet<i64>,
    ) -> Option<Calendar> {
        let year_place = self.place(file, &def.year);
        let year = *def.year.get_ref();
        let year16 = i16::try_from(year)
            .ok()
            .filter(|y| (1949..=2099).contains(y));
        let Some(year16) = year16 else {
            let message =
                format!("`calendar.year` of fact `{id}` must be a year from 1949 to 2099");
            self.report(ProblemKind::BadCalendar, year_place, id, message);
            return None;
        };
        if !years.insert(year) {
            let message = format!("fact `{id}` gives a second holiday calendar for {year}");
            self.report(ProblemKind::BadCalendar, year_place, id, message);
        }
        let mut ok = true;
        let mut rest = Vec::with_capacity(def.rest.len());
        for entry in &def.rest {
            let (start, end) = entry
                .get_ref()
                .split_once("..")
                .unwrap_or((entry.get_ref(), entry.get_ref()));
            match (start.trim().parse::<Date>(), end.trim().parse::<Date>()) {
                (Ok(start), Ok(end)) if start <= end => rest.push((start, end)),
                (Ok(_), Ok(_)) => {
                    let message = format!("a rest range of fact `{id}` ends before it starts");
                    let place = self.place(file, entry);
                    self.report(ProblemKind::BadCalendar, place, id, message);
                    ok = false;
                }
                _ => {
                    let message = format!(
                        "a rest day of fact `{id}` must be a date like 2026-10-01 or a range like 2026-10-01..2026-10-07"
                    );
                    let place = self.place(file, entry);
                    self.report(ProblemKind::BadDate, place, id, message);
                    ok = false;
                }
            }
        }
        let mut work = Vec::with_capacity(def.work.len());
        for entry in &def.work {
            match entry.get_ref().trim().parse::<Date>() {
                Ok(date) => work.push(date),
                Err(_) => {
                    let message =
                        format!("a working day of fact `{id}` must be a date like 2026-10-10");
                    let place = self.place(file, entry);
                    self.report(ProblemKind::BadDate, place, id, message);
                    ok = false;
                }
            }
        }
        ok.then_some(Calendar {
            year: year16,
            rest,
            work,
        })
    }

    /// With `--stale-after`, a fact last checked too long ago is a warning.
    fn check_age(&mut self, place: Place, id: &str, verified: &toml::value::Date) {
        let Some((today, max_days)) = self.options.stale_after else {
            return;
        };
        let Ok(date) = jiff::civil::Date::new(
            verified.year as i16,
            verified.month as i8,
            verified.day as i8,
        ) else {
            return;
        };
        let days = today.duration_since(date).as_hours() / 24;
        // A check date after today is a typo that would keep the fact from
        // ever going stale.
        if days < 0 {
            let message = format!(
                "fact `{id}` says it was checked on {verified}, which is after today ({today})"
            );
            self.report_ids(
                Severity::Warning,
                ProblemKind::StaleFact,
                place,
                vec![id.to_owned()],
                message,
            );
            return;
        }
        if days > max_days {
            let message = format!(
                "fact `{id}` was last checked {days} days ago ({verified}), more than {max_days}: check it against its source again"
            );
            self.report_ids(
                Severity::Warning,
                ProblemKind::StaleFact,
                place,
                vec![id.to_owned()],
                message,
            );
        }
    }

    /// A low-confidence fact is never advice: no step, and no text of a
    /// conclusion, may rely on one, for any carrier it is shown to.
    /// `conclusions` and `escalation` are the places of the tree's conclusions
    /// and escalation steps.
    pub(super) fn check_confidence(
        &mut self,
        tree: &Tree,
        conclusions: &[Place],
        escalation: &[Place],
    ) {
        // Working out every step's facts for every carrier is most of the
        // checker's time on a large pack; without a low fact there is nothing to find.
        if tree.facts.iter().all(|f| f.confidence != Confidence::Low) {
            return;
        }
        let carriers: Vec<Option<usize>> = (0..tree.carriers.len()).map(Some).collect();
        // (place, conclusion or None for the escalation ladder, fact)
        let mut found: Vec<(Place, Option<usize>, usize)> = Vec::new();
        for (index, (conclusion, &place)) in tree.conclusions.iter().zip(conclusions).enumerate() {
            for &carrier in &carriers {
                let steps = conclusion
                    .steps
                    .iter()
                    .filter(|s| Tree::applies(s, carrier));
                let facts = steps
                    .flat_map(|s| tree.step_facts(s, carrier))
                    .chain(tree.conclusion_facts(conclusion, carrier));
                found.extend(facts.map(|f| (place, Some(index), f)));
            }
        }
        for (step, &place) in tree.escalation.iter().zip(escalation) {
            for &carrier in carriers.iter().filter(|&&c| Tree::applies(step, c)) {
                let facts = tree.step_facts(step, carrier);
                found.extend(facts.into_iter().map(|f| (place, None, f)));
            }
        }
        // Once per owner and fact, whichever carrier and step found it first.
        let mut reported = HashSet::new();
        for (place, owner, fact) in found {
            if tree.facts[fact].confidence != Confidence::Low || !reported.insert((owner, fact)) {
                continue;
            }
            let fact = &tree.facts[fact];
            let owner = owner.map_or("escalation", |c| tree.conclusions[c].id.as_str());
            let message = format!(
                "`{owner}` relies on fact `{}`, whose confidence is low",
                fact.id
            );
            self.report(ProblemKind::LowFact, place, owner, message);
        }
    }
}

/// The tree's fact for a definition.
fn fact(
    def: &FactDef,
    carrier: Option<usize>,
    verified: String,
    period: Option<jiff::Span>,
) -> Fact {
    Fact {
        period,
        number: def.number,
        calendar: None,
        id: def.id.get_ref().clone(),
        carrier,
        channel: def.channel.clone(),
        value: def.value.clone(),
        label: def.label.clone(),
        note: def.note.clone(),
        source: def.source.clone(),
        // A blank note says nothing; leaving it out keeps it out of the JSON.
        author_note: def.author_note.clone().filter(|n| !n.trim().is_empty()),
        url: def.url.clone(),
        confidence: def.confidence,
        verified,
    }
}
