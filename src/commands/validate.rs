//! `refnum validate`: every problem of every file, then a summary.

use crate::check::batch::{Input, check_all};
use crate::cli::{ReportFormat, ValidateArgs};
use crate::diagnostic::{FileReport, Summary, github, human, json};
use crate::error::Error;
use crate::{Outcome, Terminal, exit};

pub fn run(args: &ValidateArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let inputs = super::inputs(&args.paths)?;
    let reports = validate(&inputs)?;
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
    Ok(check_all(inputs, |_| ())?.into_iter().map(|c| c.report).collect())
}
