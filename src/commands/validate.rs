//! `refnum validate`: every problem of every file, then a summary.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::check::versions;
use crate::cli::{ReportFormat, ValidateArgs};
use crate::diagnostic::rules::{self, Level};
use crate::diagnostic::{FileReport, Summary, github, gitlab, human, json, sarif};
use crate::error::Error;
use crate::load::Input;
use crate::load::Source;
use crate::load::config::Config;
use crate::load::discover::discover;
use crate::load::git::{self, Repository};
use crate::model::{Document, Text};
use crate::progress::{Progress, Silent};
use crate::workspace::batch::check_all_with;
use crate::{Outcome, Terminal, exit};

pub fn run(args: &ValidateArgs, terminal: Terminal, progress: &dyn Progress) -> Result<Outcome, Error> {
    let config = match &args.config {
        Some(path) => Config::read(path)?,
        None => Config::discover(&std::env::current_dir().map_err(|e| Error::io(std::path::Path::new("."), e))?)?,
    };
    let mut levels = config.regles.clone();
    for code in &args.ignore {
        let c = rules::code_named(code)
            .ok_or_else(|| Error::Usage(format!("--ignore {code} : {}", rules::unknown_code(code))))?;
        if let Some(why) = rules::refused(c, Level::Ignore) {
            return Err(Error::Usage(format!("--ignore {code} : {why}")));
        }
        levels.insert(c, Level::Ignore);
    }
    let mut inputs = given_inputs(&args.paths, &config)?;
    let given = inputs.len();
    // The profiles of the repository are read too, unshown, so that a post
    // or an adaptation given alone (as a pre-commit hook does) finds the
    // profile it names.
    if !args.paths.is_empty() {
        inputs.extend(context_inputs(&config, &inputs)?);
    }
    let checked = check_all_with(&inputs, version_of, progress);
    progress.finish();
    let mut checked = checked?;
    checked.truncate(given);
    inputs.truncate(given);
    let mut reports: Vec<FileReport> = Vec::with_capacity(checked.len());
    let mut versions = Vec::with_capacity(checked.len());
    for c in checked {
        reports.push(c.report);
        versions.push(c.kept.flatten());
    }
    if args.verifier_version {
        versions_raised(&inputs, &versions, &mut reports)?;
    }
    rules::apply(&mut reports, &levels);
    let summary = Summary::of(&reports);
    let per_file = (args.max_par_fichier > 0).then_some(args.max_par_fichier);
    let text = match args.format {
        ReportFormat::Human => human::render_capped(&reports, &summary, terminal.color, per_file),
        ReportFormat::Json => json::render(&reports, &summary),
        ReportFormat::Github => {
            // Annotations alone are capped by GitHub at a few per step: the
            // readable text comes first, so every problem is in the log.
            let mut text = human::render_capped(&reports, &summary, false, per_file);
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

/// The files to check: the paths given (or, with none, the profile folders
/// of the configuration that exist, else the built-in profiles), less the
/// excluded ones.
fn given_inputs(paths: &[PathBuf], config: &Config) -> Result<Vec<Input>, Error> {
    if paths.is_empty() {
        let folders: Vec<PathBuf> = config.profils.iter().filter(|d| d.is_dir()).cloned().collect();
        if folders.is_empty() {
            return Ok(Input::builtins());
        }
        let files: Vec<PathBuf> = discover(&folders)?.into_iter().filter(|f| !config.excluded(f)).collect();
        if files.is_empty() {
            let shown: Vec<String> = folders.iter().map(|p| p.display().to_string()).collect();
            return Err(Error::Usage(format!(
                "aucun fichier .yaml ou .yml dans {} : ajoutez-y des profils, ou indiquez les chemins à traiter",
                shown.join(", ")
            )));
        }
        return Ok(files.into_iter().map(Input::Disk).collect());
    }
    let found = discover(paths)?;
    if found.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Usage(format!("aucun fichier .yaml ou .yml dans {}", shown.join(", "))));
    }
    // Every file excluded is not an error: a hook may pass only excluded files.
    Ok(found.into_iter().filter(|f| !config.excluded(f)).map(Input::from_path).collect())
}

/// The files of the profile folders that are not among `inputs`.
fn context_inputs(config: &Config, inputs: &[Input]) -> Result<Vec<Input>, Error> {
    let folders: Vec<PathBuf> = config.profils.iter().filter(|d| d.is_dir()).cloned().collect();
    if folders.is_empty() {
        return Ok(Vec::new());
    }
    let given: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Disk(path) => std::fs::canonicalize(path).ok(),
            Input::Builtin { .. } | Input::Stdin => None,
        })
        .collect();
    Ok(discover(&folders)?
        .into_iter()
        .filter(|f| !config.excluded(f))
        .filter(|f| std::fs::canonicalize(f).is_ok_and(|real| !given.contains(&real)))
        .map(Input::Disk)
        .collect())
}

/// Appends the Markdown summary to the file GitHub Actions shows on the
/// run's page (`GITHUB_STEP_SUMMARY`).
fn append_step_summary(path: &std::path::Path, markdown: &str) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(markdown.as_bytes()).map_err(|e| Error::io(path, e))
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
