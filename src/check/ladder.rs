//! The escalation ladder: its rungs, and the escalation steps, each on a
//! rung. An escalation step has no id: it is placed at its file, so what the
//! steps of one file share is said once.

use super::context::Checker;
use super::ids::Names;
use super::problem::{Place, ProblemKind};
use crate::rules::{RungDef, StepDef};
use crate::tree::{Channels, Step};

/// The owner escalation steps are reported under.
const ESCALATION: &str = "escalation";

impl Checker<'_> {
    /// The checked escalation steps, and where each is defined.
    pub(super) fn check_ladder(
        &mut self,
        rungs: &[(usize, RungDef)],
        escalation: Vec<(usize, StepDef)>,
        names: &Names,
        channels: &Channels,
    ) -> (Vec<Step>, Vec<Place>) {
        let rung_ids = self.ids(rungs, |d| &d.id);
        let rung_index = self.index("rung", &rung_ids);
        let places: Vec<Place> = escalation
            .iter()
            .map(|&(file, _)| Place { file, span: None })
            .collect();
        let mut checked = Vec::with_capacity(escalation.len());
        for ((_, def), &place) in escalation.into_iter().zip(&places) {
            let rung = def.rung.clone();
            let mut step = self.check_step(place, ESCALATION, def, names, channels);
            step.rung = match &rung {
                Some(rung) => {
                    let found = rung_index.get(rung).copied();
                    if found.is_none() {
                        self.report_once(
                            ProblemKind::UnknownReference,
                            place,
                            rung,
                            &["rung", rung],
                            || format!("unknown rung `{rung}` in an escalation step"),
                        );
                    }
                    found
                }
                None => {
                    self.report_once(ProblemKind::MissingRung, place, ESCALATION, &[], || {
                        "an escalation step has no `rung`".to_owned()
                    });
                    None
                }
            };
            checked.push(step);
        }
        (checked, places)
    }
}
