//! `refnum validate`: every problem of every file, then a summary.

use crate::check::batch::{Input, check_all_with};
use crate::cli::{ReportFormat, ValidateArgs};
use crate::diagnostic::{FileReport, Summary, github, gitlab, human, json, sarif};
use crate::error::Error;
use crate::progress::{Progress, Silent};
use crate::{Outcome, Terminal, exit};

pub fn run(args: &ValidateArgs, terminal: Terminal, progress: &dyn Progress) -> Result<Outcome, Error> {
    let inputs = super::inputs(&args.paths)?;
    let reports = check_all_with(&inputs, |_| (), progress);
    progress.finish();
    let reports: Vec<FileReport> = reports?.into_iter().map(|c| c.report).collect();
    let summary = Summary::of(&reports);
    let text = match args.format {
        ReportFormat::Human => human::render(&reports, &summary, terminal.color),
        ReportFormat::Json => json::render(&reports, &summary),
        ReportFormat::Github => {
            // Annotations alone are capped by GitHub at a few per step: the
            // readable text comes first, so every problem is in the log.
            let mut text = human::render(&reports, &summary, false);
            text.push_str(&github::render(&reports, &summary));
            if let Some(path) = std::env::var_os(github::STEP_SUMMARY_VAR).filter(|p| !p.is_empty()) {
                append_step_summary(std::path::Path::new(&path), &github::step_summary(&reports, &summary))?;
            }
            text
        }
        ReportFormat::Sarif => {
            let docs_url = std::env::var(sarif::DOCS_URL_VAR).ok().filter(|u| !u.is_empty());
            sarif::render(&reports, docs_url.as_deref())
        }
        ReportFormat::Gitlab => gitlab::render(&reports),
    };
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(Outcome {
        stdout: text.into_bytes(),
        stderr: String::new(),
        code: if failed { exit::INVALID } else { exit::OK },
    })
}

/// Appends the Markdown summary to the file GitHub Actions shows on the
/// run's page (`GITHUB_STEP_SUMMARY`).
fn append_step_summary(path: &std::path::Path, markdown: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(markdown.as_bytes()).map_err(|e| Error::io(path, e))
}

/// Checks the inputs and returns one report per file.
pub fn validate(inputs: &[Input]) -> Result<Vec<FileReport>, Error> {
    Ok(check_all_with(inputs, |_| (), &Silent)?.into_iter().map(|c| c.report).collect())
}
