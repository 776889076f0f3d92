//! Checks a set of files in parallel, then the rules across them.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::project::{self, Entry};
use super::{Analysis, analyze};
use crate::diagnostic::{Diagnostic, FileReport};
use crate::error::Error;
use crate::load::{self, Source, builtin};
use crate::model::Document;

/// A file to check: on disk, or built into the binary.
#[derive(Debug, Clone)]
pub enum Input {
    Disk(PathBuf),
    Builtin { name: &'static str, text: &'static str },
}

impl Input {
    /// The two built-in reference profiles.
    pub fn builtins() -> Vec<Input> {
        builtin::PROFILES.iter().map(|(name, text)| Input::Builtin { name, text }).collect()
    }

    pub fn name(&self) -> String {
        match self {
            Input::Disk(path) => path.display().to_string(),
            Input::Builtin { name, .. } => builtin::display_name(name),
        }
    }

    fn path(&self) -> Option<PathBuf> {
        match self {
            Input::Disk(path) => Some(path.clone()),
            Input::Builtin { .. } => None,
        }
    }

    /// Reads the input; `Err` only when it cannot be read at all.
    pub fn source(&self) -> Result<Result<Source, Diagnostic>, Error> {
        Ok(match self {
            Input::Disk(path) => Source::from_bytes(self.name(), &load::read(path)?),
            Input::Builtin { text, .. } => Source::from_bytes(self.name(), text.as_bytes()),
        })
    }
}

/// A checked file and what the cross-file rules need of it.
type Pair<T> = (Checked<T>, Option<Entry>);

/// One checked file, with what the caller may still want of its model.
pub struct Checked<T> {
    pub report: FileReport,
    pub kept: Option<T>,
}

/// Checks every input (in parallel), then the cross-file rules. `keep` picks
/// what to retain of each valid model, so memory stays bounded by what the
/// caller needs, not by the size of the repository.
pub fn check_all<T, F>(inputs: &[Input], keep: F) -> Result<Vec<Checked<T>>, Error>
where
    T: Send,
    F: Fn(&Document) -> T + Sync,
{
    let results: Vec<Result<Pair<T>, Error>> = inputs
        .par_iter()
        .map(|input| {
            let (source, analysis) = match input.source()? {
                Ok(source) => {
                    let analysis = analyze(&source);
                    (Some(source), analysis)
                }
                Err(d) => (None, Analysis { document: None, diagnostics: vec![d], entry: None }),
            };
            let entry = analysis.entry.clone();
            let kept = analysis.document.as_ref().filter(|_| !analysis.has_errors()).map(&keep);
            let report = FileReport {
                name: input.name(),
                source: source.filter(|_| !analysis.diagnostics.is_empty()).map(|s| Arc::clone(&s.text)),
                diagnostics: analysis.diagnostics,
            };
            Ok((Checked { report, kept }, entry))
        })
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    let mut entries = Vec::with_capacity(results.len());
    for result in results {
        let (c, e) = result?;
        checked.push(c);
        entries.push(e);
    }
    let files: Vec<Option<PathBuf>> = inputs.iter().map(Input::path).collect();
    let builtin_ids = builtin_ids();
    let known: Vec<&str> = builtin_ids.iter().map(String::as_str).collect();
    for (i, d) in project::check(&files, &entries, &known) {
        let report = &mut checked[i].report;
        if report.source.is_none() {
            report.source = reread(&inputs[i]);
        }
        report.diagnostics.push(d);
        report.diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
        checked[i].kept = None;
    }
    Ok(checked)
}

fn reread(input: &Input) -> Option<Arc<str>> {
    input.source().ok()?.ok().map(|s| s.text)
}

/// Ids of the built-in profiles (read from their text, once).
pub fn builtin_ids() -> Vec<String> {
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        Input::builtins()
            .iter()
            .filter_map(|i| i.source().ok()?.ok())
            .filter_map(|s| analyze(&s).document.map(|d| d.id().value.clone()))
            .collect()
    })
    .clone()
}
