//! Running the `[[case]]` scenarios of a rule set: each case's answers are
//! walked like `--answers` and the diagnosis is compared with what the case
//! expects, so rule authors can test their rules without writing code.

use crate::answers::Answers;
use crate::engine::{self, End};
use crate::lang::Lang;
use crate::report;
use crate::report::timeline;
use crate::tree::{Case, Tree};

/// One case's result: what differs from the expectation, if anything.
#[derive(Debug)]
pub struct CaseResult {
    pub name: String,
    pub file: String,
    /// The conclusion ids the case's answers reach.
    pub conclusions: Vec<String>,
    pub failures: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every case of the tree, in file order.
pub fn run_all(tree: &Tree) -> Vec<CaseResult> {
    tree.cases.iter().map(|case| run(tree, case)).collect()
}

pub fn run(tree: &Tree, case: &Case) -> CaseResult {
    let mut answers = Answers::from_pairs(case.answers.clone());
    let mut failures = Vec::new();
    // Details the steps' conditions read; their sources are checked after
    // the conditions applied.
    for (id, value) in &case.details {
        if let Err(e) = answers.set(tree, id, value, Lang::En) {
            failures.push(e.to_string());
        }
    }
    let outcome = engine::walk(tree, &mut answers);
    let report = report::report(tree, &outcome, &answers, Lang::Zh, timeline::today());
    let reached: Vec<String> = report.conclusions.iter().map(|c| c.id.clone()).collect();
    if let End::NeedsInput(q) | End::Interrupted(q) = outcome.end {
        failures.push(format!(
            "stops at question `{}`: no answer given",
            tree.questions[q].id
        ));
    }
    let causes: Vec<&str> = report.causes.iter().map(|c| c.id.as_str()).collect();
    if causes != case.causes {
        failures.push(format!(
            "causes: expected {:?}, got {causes:?}",
            case.causes
        ));
    }
    let possible: Vec<&str> = report
        .possible_causes
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    if let Some(expected) = case.possible_causes.as_ref().filter(|e| **e != possible) {
        failures.push(format!(
            "possible causes: expected {expected:?}, got {possible:?}"
        ));
    }
    if let Some(expected) = case.conclusions.as_ref().filter(|e| **e != reached) {
        failures.push(format!(
            "conclusions: expected {expected:?}, got {reached:?}"
        ));
    }

    for fact in &case.facts {
        if !report.sources.iter().any(|s| &s.id == fact) {
            failures.push(format!("fact `{fact}` is not among the sources"));
        }
    }
    for unused in answers.unused(tree, &outcome.trace) {
        failures.push(format!("answer `{unused}` is never asked"));
    }
    // Coverage counts the conclusions that name a possible cause too.
    let mut covered = reached;
    covered.extend(report.possible_causes.iter().map(|p| p.conclusion.clone()));
    CaseResult {
        name: case.name.clone(),
        file: case.file.clone(),
        conclusions: covered,
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn built_in() -> Tree {
        crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn every_built_in_case_passes() {
        let tree = built_in();
        let results = run_all(&tree);
        let failed: Vec<String> = results
            .iter()
            .filter(|r| !r.passed())
            .map(|r| format!("{} ({}): {}", r.name, r.file, r.failures.join("; ")))
            .collect();
        assert!(failed.is_empty(), "{}", failed.join("\n"));
        assert!(results.len() >= 24, "only {} cases", results.len());
    }

    #[test]
    fn every_conclusion_and_carrier_has_a_case() {
        let tree = built_in();
        for conclusion in &tree.conclusions {
            let covered = tree.cases.iter().any(|case| {
                let mut answers = Answers::from_pairs(case.answers.clone());
                engine::walk(&tree, &mut answers)
                    .conclusions
                    .iter()
                    .any(|&c| tree.conclusions[c].id == conclusion.id)
            });
            assert!(covered, "no case reaches `{}`", conclusion.id);
        }
        for cause in &tree.causes {
            for carrier in &tree.carriers {
                let covered = tree.cases.iter().any(|case| {
                    let carrier_answer = case.answers.iter().any(|&(q, a)| {
                        tree.questions[q].id == "carrier" && tree.answer_value(q, a) == carrier.id
                    });
                    carrier_answer && case.causes.contains(&cause.id)
                });
                assert!(covered, "no case of `{}` for `{}`", cause.id, carrier.id);
            }
        }
    }

    #[test]
    fn a_broken_case_fails_with_what_differs() {
        let tree = built_in();
        let mut case = tree
            .cases
            .iter()
            .find(|c| c.name == "mobile_wrong_code")
            .unwrap()
            .clone();
        case.causes = vec!["pending".into()];
        case.facts.push("unicom.hotline".into());
        let code_source = tree.question("code_source").unwrap();
        case.answers.retain(|&(q, _)| q != code_source);
        let result = run(&tree, &case);
        assert!(!result.passed());
        let failures = result.failures.join("\n");
        assert!(
            failures.contains("stops at question `code_source`"),
            "{failures}"
        );
        assert!(
            failures.contains("causes: expected [\"pending\"], got []"),
            "{failures}"
        );
        assert!(
            failures.contains("fact `unicom.hotline` is not among the sources"),
            "{failures}"
        );
    }
}
