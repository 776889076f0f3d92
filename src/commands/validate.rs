//! `refnum validate`: every problem of every file, then a summary.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::check::batch::{Input, check_all_with};
use crate::check::versions;
use crate::cli::{ReportFormat, ValidateArgs};
use crate::diagnostic::{FileReport, Summary, github, human, json};
use crate::error::Error;
use crate::load::Source;
use crate::load::git::{self, Repository};
use crate::model::{Document, Text};
use crate::progress::{Progress, Silent};
use crate::{Outcome, Terminal, exit};

pub fn run(args: &ValidateArgs, terminal: Terminal, progress: &dyn Progress) -> Result<Outcome, Error> {
    let inputs = super::inputs(&args.paths)?;
    let checked = check_all_with(&inputs, version_of, progress);
    progress.finish();
    let checked = checked?;
    let mut reports: Vec<FileReport> = Vec::with_capacity(checked.len());
    let mut versions = Vec::with_capacity(checked.len());
    for c in checked {
        reports.push(c.report);
        versions.push(c.kept.flatten());
    }
    if args.verifier_version {
        versions_raised(&inputs, &versions, &mut reports)?;
    }
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

/// The `version` of a profile or an adaptation (a post has none).
fn version_of(d: &Document) -> Option<Text> {
    match d {
        Document::Profil(p) => Some(p.version.clone()),
        Document::Adaptation(a) => Some(a.version.clone()),
        Document::Poste(_) => None,
    }
}

/// `W010` for each file of a git work tree changed since the default branch
/// without a higher `version`; files outside a work tree are left alone.
fn versions_raised(inputs: &[Input], versions: &[Option<Text>], reports: &mut [FileReport]) -> Result<(), Error> {
    let mut repositories: HashMap<PathBuf, Option<Repository>> = HashMap::new();
    for ((input, version), report) in inputs.iter().zip(versions).zip(reports.iter_mut()) {
        let (Input::Disk(path), Some(version)) = (input, version) else {
            continue;
        };
        let folder = git::folder_of(path);
        let repository = match repositories.get(&folder) {
            Some(r) => r.clone(),
            None => {
                let r = Repository::of(&folder)?;
                repositories.insert(folder, r.clone());
                r
            }
        };
        let Some(committed) = repository.map(|r| r.committed(path)).transpose()?.flatten() else {
            continue;
        };
        let Some(old) = &committed.text else {
            continue;
        };
        let Ok(source) = Source::from_bytes(input.name(), &crate::load::read(path)?) else {
            continue;
        };
        if let Some(d) = versions::check(version, &source.text, old, &committed.branch) {
            report.diagnostics.push(d);
            report.diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
            report.source.get_or_insert_with(|| Arc::clone(&source.text));
        }
    }
    Ok(())
}

/// Checks the inputs and returns one report per file.
pub fn validate(inputs: &[Input]) -> Result<Vec<FileReport>, Error> {
    Ok(check_all_with(inputs, |_| (), &Silent)?.into_iter().map(|c| c.report).collect())
}
