//! The first pass: parsing each file, and the problems of files that are not
//! rules at all (too large, not UTF-8, TOML errors, unknown or missing keys).
//! Every later pass sees only the files that parsed.

use super::context::Checker;
use super::problem::{Place, ProblemKind, Severity};
use crate::rules::{self, RuleFile, Source};

impl Checker<'_> {
    /// The files that parsed, with their index among the sources; a problem
    /// for each of the others.
    pub(super) fn parse_files(&mut self) -> Vec<(usize, RuleFile)> {
        let mut files = Vec::new();
        for (index, parsed) in parse_all(self.sources).into_iter().enumerate() {
            if let Some(defect) = &self.sources[index].defect {
                // The file was not taken as rules: its own problem, and nothing to parse.
                let place = Place {
                    file: index,
                    span: defect.offset.map(|at| (at, at + 1)),
                };
                let problem = self.problem(
                    Severity::Error,
                    defect_kind(defect.code),
                    place,
                    Vec::new(),
                    String::new(),
                );
                // Once: a directory given twice as `--rules` holds the file twice.
                self.say_once(problem, &[], || defect.message.clone());
                continue;
            }
            match parsed {
                Ok(file) => files.push((index, file)),
                Err(e) => {
                    let kind = if e.message.starts_with("unknown field") {
                        ProblemKind::UnknownKey
                    } else if e.message.starts_with("missing field") {
                        ProblemKind::MissingKey
                    } else {
                        ProblemKind::Syntax
                    };
                    let place = Place {
                        file: index,
                        span: e.span.map(|s| (s.start, s.end)),
                    };
                    let problem =
                        self.problem(Severity::Error, kind, place, Vec::new(), String::new());
                    self.say_once(problem, &[], || e.message);
                }
            }
        }
        files
    }
}

/// The kind of a file the loader could not take as rules. The loader
/// (`rules/load.rs`) names it by code, as it cannot depend on the checker.
fn defect_kind(code: &str) -> ProblemKind {
    let kind = ProblemKind::from_code(code);
    debug_assert!(
        kind.is_some(),
        "the loader's code {code:?} is no ProblemKind"
    );
    // An unknown code is still a file that could not be read as rules.
    kind.unwrap_or(ProblemKind::Syntax)
}

/// Parses every file, on as many threads as there are cores when the set is
/// large enough to pay for them (a pack of many files, per province or product).
fn parse_all(sources: &[Source]) -> Vec<Result<RuleFile, rules::ParseError>> {
    const WORTH_A_THREAD: usize = 1 << 20;
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(sources.len())
        .min(bytes / WORTH_A_THREAD);
    // A defective file (too large, not UTF-8) is reported, not parsed.
    let parse = |source: &Source| match source.defect {
        Some(_) => Ok(RuleFile::default()),
        None => rules::parse(source),
    };
    if threads <= 1 {
        return sources.iter().map(parse).collect();
    }
    // Each thread takes the next file not yet taken, so uneven files balance.
    // This thread is one of them: each thread allocates from its own malloc
    // arena, and one arena fewer is tens of megabytes less at the peak.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(source) = sources.get(i) else {
                return done;
            };
            done.push((i, parse(source)));
        }
    };
    let mut parsed: Vec<(usize, Result<RuleFile, rules::ParseError>)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut parsed = work();
        for helper in helpers {
            parsed.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        parsed
    });
    parsed.sort_by_key(|(i, _)| *i);
    parsed.into_iter().map(|(_, p)| p).collect()
}
