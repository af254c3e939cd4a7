//! The rule ids the code reads by name, declared once: what each must be in
//! the rules, and which feature reads it. `rules check` (and every load of
//! the rules) verifies the merged layers against this table, so a pack that
//! redefines `complaint_date` as text fails with the place of that
//! definition instead of a timeline that silently goes missing.
//!
//! The code reads these ids through the constants here; the ids are the
//! rules' public contract as much as the carrier and cause ids are.

use crate::rules::DetailKind;

/// The question whose answer is the user's carrier.
pub const CARRIER: &str = crate::tree::CARRIER_QUESTION;
/// The question of what happens when the user tries to unsubscribe: the
/// letters quote its answer.
pub const SYMPTOM: &str = "symptom";
/// Symptoms that say the package was never ordered by the user: added
/// without an order, or unknown to them.
pub const SYMPTOMS_NOT_ORDERED: &[&str] = &["auto_added", "not_ordered"];
/// How the package was taken up. A conclusion without a `letter` gets the
/// general wording: for a package the user did not order (these values, or
/// the symptoms above) "charged without consent", refunds from the first
/// charge; otherwise "cannot be cancelled", refunds from the first attempt.
pub const PACKAGE_ORIGIN: &str = "package_origin";
pub const NOT_ORDERED: &[&str] = &["never_ordered", "auto_topup", "promo_renewed"];

/// Whether and how the user complained to the carrier.
pub const COMPLAINT: &str = "complaint";
/// Values of `complaint` the code tells apart.
pub const COMPLAINT_NOT_YET: &str = "not_yet";
pub const COMPLAINT_NO_REPLY: &str = "no_reply";
pub const COMPLAINT_UNSATISFIED: &str = "unsatisfied";
pub const COMPLAINT_DATE: &str = "complaint_date";
pub const COMPLAINT_TICKET: &str = "complaint_ticket";
pub const FIRST_CHARGE_DATE: &str = "first_charge_date";
pub const FIRST_ATTEMPT_DATE: &str = "first_attempt_date";
/// The day the package was unsubscribed, and when the confirmation said it
/// takes effect: together they give the day its charges must stop.
pub const UNSUBSCRIBE_DATE: &str = "unsubscribe_date";
pub const EFFECTIVE: &str = "effective";
/// Values of `effective` the code counts with.
pub const EFFECTIVE_NEXT_MONTH: &str = "next_month";
pub const EFFECTIVE_IMMEDIATELY: &str = "immediately";
/// When the minimum term started, and how many months it runs (a `choice`
/// detail whose values are numbers of months): together, when it ends.
pub const CONTRACT_START: &str = "contract_start";
pub const CONTRACT_MONTHS: &str = "contract_months";
pub const APPEAL_DATE: &str = "appeal_date";
pub const PACKAGE_NAME: &str = "package_name";
/// `followup`'s question: did the last step work?
pub const FOLLOWUP_WORKED: &str = "followup_worked";
pub const FOLLOWUP_YES: &str = "yes";
pub const FOLLOWUP_NO: &str = "no";

/// Facts whose `period` the timeline counts with.
pub const APPEAL_WAIT: &str = "miit.precondition";
pub const FEE_DISPUTE_LIMIT: &str = "miit.fee_dispute_limit";
pub const OTHER_DISPUTE_LIMIT: &str = "miit.other_dispute_limit";
pub const REPLY_LIMIT: &str = "miit.reply_limit";
/// How periods are counted (the Civil Code): the first day is not counted.
pub const PERIOD_COUNTING: &str = "law.period_counting";
/// Whether weekends count as holidays when a period's last day moves: the
/// sources differ, and the timeline cites this fact for its choice.
pub const WEEKENDS: &str = "law.rest_day_weekends";
/// The commitment to remind users before an automatic renewal: its period
/// is how long before the end of a term the reminder is due.
pub const RENEWAL_REMINDER: &str = "law.renewal_reminder_2025";
/// The fact that says where to appeal: the appeal letter cites its label.
pub const APPEAL_WHERE: &str = "miit.where";

/// The channel kind of the carrier's complaint line, which the complaint
/// letter names from the escalation steps.
pub const COMPLAINT_CHANNEL: &str = "complaint";

/// The blanks a conclusion's `letter` texts may hold, which the letter fills
/// from the case details (or leaves marked for the user to fill): the
/// package's name, the symptom's answer, the dates given, the day a
/// cancellation had to stop the charges, and the day the refund counts from.
pub const LETTER_PACKAGE: &str = "package";
pub const LETTER_SYMPTOM: &str = "symptom";
pub const LETTER_CHARGES_STOP: &str = "charges_stop";
pub const LETTER_REFUND_FROM: &str = "refund_from";
pub const LETTER_BLANKS: &[&str] = &[
    LETTER_PACKAGE,
    LETTER_SYMPTOM,
    FIRST_CHARGE_DATE,
    FIRST_ATTEMPT_DATE,
    UNSUBSCRIBE_DATE,
    LETTER_CHARGES_STOP,
    LETTER_REFUND_FROM,
];

/// The multiple question of what the user has already tried, and the values
/// that place them on the ladder.
pub const TRIED: &str = "tried";
pub const TRIED_MANAGER: &str = "manager";
pub const TRIED_COMPLAINT: &str = "complaint";
pub const TRIED_APPEAL: &str = "appeal";

/// The rungs of the escalation ladder the code places a user on.
pub const RUNG_MANAGER: &str = "manager";
pub const RUNG_COMPLAINT: &str = "complaint";
pub const RUNG_APPEAL: &str = "appeal";
/// What remains after the appeal (mediation, arbitration or court).
pub const RUNG_AFTER_APPEAL: &str = "after_appeal";
/// The fact naming the appeal website: the appeal step that cites it says
/// where to file, and "do this now" gives it with the letter.
pub const APPEAL_WEBSITE: &str = "miit.website";

/// A feature that reads ids of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// Every walk: engine, paths, `--carrier`.
    Walk,
    /// `timeline::compute`: the dates that matter for escalating.
    Timeline,
    /// `draft`: the complaint and appeal letters.
    Letters,
    /// `followup`: the next rung after a step that did not work.
    Followup,
    /// Where the user stands on the escalation ladder, from the complaint.
    Ladder,
}

impl Feature {
    /// The feature's name, in Chinese and English.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            Feature::Walk => ("诊断", "the diagnosis"),
            Feature::Timeline => ("时间线", "the timeline"),
            Feature::Letters => ("投诉信和申诉书", "the letters"),
            Feature::Followup => ("followup", "`followup`"),
            Feature::Ladder => ("逐级升级的位置", "the place on the ladder"),
        }
    }

    /// What the feature does without the id, in Chinese and English.
    pub fn without(self) -> (&'static str, &'static str) {
        match self {
            Feature::Walk => ("无法开始", "cannot start"),
            Feature::Timeline => (
                "时间线略去依赖它的日期",
                "the timeline leaves out what depends on it",
            ),
            Feature::Letters => ("信件在此处留空", "the letters leave it blank"),
            Feature::Followup => (
                "followup 无法得知上一步是否有效",
                "`followup` cannot tell whether the last step worked",
            ),
            Feature::Ladder => (
                "诊断不说用户在逐级升级中的位置",
                "the diagnosis does not say where the user stands on the ladder",
            ),
        }
    }
}

/// What an id must be in the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A `[[question]]`, answered on the walk.
    Question,
    /// A `[[detail]]` of this kind.
    Detail(DetailKind),
    /// A `choice` detail that offers at least these values.
    Choice(&'static [&'static str]),
    /// A `[[fact]]` with a `period`.
    FactWithPeriod,
    /// A `[[fact]]`.
    Fact,
    /// A channel kind that an escalation step uses.
    EscalationChannel,
    /// A `[[rung]]` of the escalation ladder.
    Rung,
}

/// One id the code reads.
#[derive(Debug, Clone, Copy)]
pub struct Expected {
    pub id: &'static str,
    pub shape: Shape,
    pub read_by: &'static [Feature],
}

/// Every id the code reads, with what it must be and who reads it.
pub const READ_BY_CODE: &[Expected] = &[
    Expected {
        id: CARRIER,
        shape: Shape::Question,
        read_by: &[Feature::Walk],
    },
    Expected {
        id: SYMPTOM,
        shape: Shape::Question,
        read_by: &[Feature::Letters],
    },
    Expected {
        id: PACKAGE_ORIGIN,
        shape: Shape::Question,
        read_by: &[Feature::Letters],
    },
    Expected {
        id: COMPLAINT,
        shape: Shape::Choice(&[COMPLAINT_NOT_YET, COMPLAINT_NO_REPLY, COMPLAINT_UNSATISFIED]),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: COMPLAINT_DATE,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: COMPLAINT_TICKET,
        shape: Shape::Detail(DetailKind::Text),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: FIRST_CHARGE_DATE,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: FIRST_ATTEMPT_DATE,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: UNSUBSCRIBE_DATE,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: CONTRACT_START,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: CONTRACT_MONTHS,
        shape: Shape::Detail(DetailKind::Choice),
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: EFFECTIVE,
        shape: Shape::Choice(&[EFFECTIVE_NEXT_MONTH, EFFECTIVE_IMMEDIATELY]),
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: APPEAL_DATE,
        shape: Shape::Detail(DetailKind::Date),
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: PACKAGE_NAME,
        shape: Shape::Detail(DetailKind::Text),
        read_by: &[Feature::Letters],
    },
    Expected {
        id: FOLLOWUP_WORKED,
        shape: Shape::Choice(&[FOLLOWUP_YES, FOLLOWUP_NO]),
        read_by: &[Feature::Followup],
    },
    Expected {
        id: APPEAL_WAIT,
        shape: Shape::FactWithPeriod,
        read_by: &[Feature::Timeline, Feature::Letters],
    },
    Expected {
        id: FEE_DISPUTE_LIMIT,
        shape: Shape::FactWithPeriod,
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: OTHER_DISPUTE_LIMIT,
        shape: Shape::FactWithPeriod,
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: REPLY_LIMIT,
        shape: Shape::FactWithPeriod,
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: APPEAL_WHERE,
        shape: Shape::Fact,
        read_by: &[Feature::Letters],
    },
    Expected {
        id: COMPLAINT_CHANNEL,
        shape: Shape::EscalationChannel,
        read_by: &[Feature::Letters],
    },
    Expected {
        id: RUNG_MANAGER,
        shape: Shape::Rung,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: RUNG_COMPLAINT,
        shape: Shape::Rung,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: RUNG_APPEAL,
        shape: Shape::Rung,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: RUNG_AFTER_APPEAL,
        shape: Shape::Rung,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: APPEAL_WEBSITE,
        shape: Shape::Fact,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: TRIED,
        shape: Shape::Question,
        read_by: &[Feature::Ladder],
    },
    Expected {
        id: RENEWAL_REMINDER,
        shape: Shape::FactWithPeriod,
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: PERIOD_COUNTING,
        shape: Shape::Fact,
        read_by: &[Feature::Timeline],
    },
    Expected {
        id: WEEKENDS,
        shape: Shape::Fact,
        read_by: &[Feature::Timeline],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids of different namespaces may be equal: `complaint` is a detail, a
    /// channel kind and a rung.
    fn namespace(shape: Shape) -> u8 {
        match shape {
            Shape::EscalationChannel => 1,
            Shape::Rung => 2,
            _ => 0,
        }
    }

    #[test]
    fn each_id_is_declared_once() {
        for (i, e) in READ_BY_CODE.iter().enumerate() {
            let again = READ_BY_CODE[i + 1..]
                .iter()
                .any(|o| o.id == e.id && namespace(o.shape) == namespace(e.shape));
            assert!(!again, "{} is declared twice", e.id);
            assert!(!e.read_by.is_empty(), "{} is read by nothing", e.id);
        }
    }
}
