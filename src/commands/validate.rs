//! `refnum validate`: every problem of every file, then a summary.

use crate::check::batch::{Input, check_all_with};
use crate::cli::{ReportFormat, ValidateArgs};
use crate::diagnostic::{FileReport, Summary, github, human, json};
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
        ReportFormat::Github => github::render(&reports, &summary),
    };
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(Outcome {
        stdout: text.into_bytes(),
        stderr: String::new(),
        code: if failed { exit::INVALID } else { exit::OK },
    })
}

/// Checks the inputs and returns one report per file.
pub fn validate(inputs: &[Input]) -> Result<Vec<FileReport>, Error> {
    Ok(check_all_with(inputs, |_| (), &Silent)?.into_iter().map(|c| c.report).collect())
}
