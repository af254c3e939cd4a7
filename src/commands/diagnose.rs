//! `unsub-doctor [--answers ...]`: the diagnosis. The report goes to stdout
//! (text, markdown or JSON); a missing answer's question goes to stderr for
//! people, and into the JSON for programs.

use std::io::{self, Write};

use crate::cli::{DiagnoseArgs, DiagnosisFormat};
use crate::config::Config;
use crate::engine::End;
use crate::error::Exit;
use crate::report::explain;
use crate::rules::AskIn;
use crate::session;
use crate::write::{self, page::Look, page::Page};

pub fn run(
    config: &Config,
    args: &DiagnoseArgs,
    format: DiagnosisFormat,
    stdout: &mut impl Write,
) -> anyhow::Result<Exit> {
    let tree = config.layers.tree(config.lang)?;
    let request = super::request(config, args, AskIn::Diagnose);
    let session = session::gather(&request, tree, super::prompts(config), config.today)?;
    super::note_unused(&session, tree, config.lang);
    let outcome = &session.outcome;
    let mut report = session.report(tree, config.lang);
    if args.explain {
        report.explain = Some(explain::explain(tree, outcome, config.lang));
    }
    let look = match format {
        DiagnosisFormat::Markdown => Look::Markdown,
        _ => config.look(),
    };
    match (format, outcome.end) {
        (DiagnosisFormat::Json, _) => write::json(&report, stdout)?,
        (_, End::Diagnosed) => {
            write::diagnosis::text(
                &report,
                &mut Page::new(stdout, look, config.width),
                args.full,
            )?;
        }
        _ => {}
    }
    if let End::NeedsInput(_) = outcome.end {
        // JSON readers get the question on stdout; people get it here.
        let mut stderr = io::stderr().lock();
        let _ = match format {
            DiagnosisFormat::Json => write::lists::needs_input_note(&report, &mut stderr),
            _ => {
                let line = super::go_on_line(config, tree, &session, &report);
                write::lists::needs_input_text(&report, &line, &mut stderr)
            }
        };
        return Ok(Exit::NeedsInput);
    }
    Ok(Exit::Ok)
}
