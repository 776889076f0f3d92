//! Checks a set of files in parallel, then the rules across them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::check::project::{self, Entry};
use crate::check::{Analysis, analyze};
use crate::diagnostic::{Code, Diagnostic, FileReport};
use crate::error::Error;
use crate::load::discover::is_yaml;
use crate::load::{Input, builtin};
use crate::model::Document;
use crate::model::Span;
use crate::progress::{Progress, Silent};
use crate::workspace;
use crate::workspace::catalog::Found;
use crate::workspace::set::SetIndex;

/// A checked file, what the cross-file rules need of it, and whether it is
/// a valid adaptation, to resolve once every base is known.
type Triple<T> = (Checked<T>, Option<Entry>, bool);

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
    check_all_with(inputs, keep, &Silent)
}

/// Like `check_all`, reporting one step of `progress` per file.
pub fn check_all_with<T, F>(inputs: &[Input], keep: F, progress: &dyn Progress) -> Result<Vec<Checked<T>>, Error>
where
    T: Send,
    F: Fn(&Document) -> T + Sync,
{
    check_all_indexed(inputs, keep, progress, false).map(|(checked, _)| checked)
}

/// Like `check_all_with`, and also returns the documents of the set (see
/// `SetIndex`): the valid adaptations as read and the bases they name, and
/// with `keep_posts` the valid posts too, within the budget of the index.
pub fn check_all_indexed<'a, T, F>(
    inputs: &'a [Input],
    keep: F,
    progress: &dyn Progress,
    keep_posts: bool,
) -> Result<(Vec<Checked<T>>, SetIndex<'a>), Error>
where
    T: Send,
    F: Fn(&Document) -> T + Sync,
{
    progress.start("Vérification", inputs.len());
    let mut set = SetIndex::new(inputs);
    let results: Vec<Result<Triple<T>, Error>> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let (source, analysis) = match input.source()? {
                Ok(source) => {
                    let analysis = analyze(&source);
                    (Some(source), analysis)
                }
                Err(d) => (None, Analysis { document: None, diagnostics: vec![d], entry: None }),
            };
            let entry = analysis.entry.clone();
            let valid = !analysis.has_errors();
            let kept = analysis.document.as_ref().filter(|_| valid).map(&keep);
            let report = FileReport {
                name: input.name(),
                source: source.as_ref().filter(|_| !analysis.diagnostics.is_empty()).map(|s| Arc::clone(&s.text)),
                diagnostics: analysis.diagnostics,
            };
            // Kept as read when the budget allows: resolving an adaptation,
            // or rendering a post, then does not parse it again.
            let adaptation = valid && matches!(analysis.document, Some(Document::Adaptation(_)));
            let wanted = adaptation || (keep_posts && matches!(analysis.document, Some(Document::Poste(_))));
            if let (true, Some(document), Some(s)) = (wanted && valid, analysis.document, source) {
                set.offer(i, Found { document, input: input.clone(), source: Some(s.text) });
            }
            progress.advance();
            Ok((Checked { report, kept }, entry, adaptation))
        })
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    let mut entries = Vec::with_capacity(results.len());
    let mut adaptations = Vec::new();
    for (i, result) in results.into_iter().enumerate() {
        let (c, e, adaptation) = result?;
        checked.push(c);
        entries.push(e);
        if adaptation {
            adaptations.push(i);
        }
    }
    let ids = entries.iter().enumerate().filter_map(|(i, e)| match e {
        Some(Entry::Profil { id, .. }) => Some((id.clone(), i)),
        _ => None,
    });
    set.index(ids);
    resolve_adaptations(&set, adaptations, &mut checked, inputs);
    let files: Vec<Option<PathBuf>> = inputs.iter().map(Input::path).collect();
    let builtin_ids = builtin_ids();
    let known: Vec<&str> = builtin_ids.iter().map(String::as_str).collect();
    let mut findings = project::check(&files, &entries, &known);
    let valid: Vec<bool> = checked.iter().map(|c| c.kept.is_some()).collect();
    findings.extend(post_profiles_by_path(&set, inputs, &entries, &valid));
    for (i, d) in findings {
        let report = &mut checked[i].report;
        if report.source.is_none() {
            report.source = reread(&inputs[i]);
        }
        report.diagnostics.push(d);
        report.diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
        checked[i].kept = None;
    }
    let valid_posts: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(i, e)| matches!(e, Some(Entry::Poste { .. })) && checked[*i].kept.is_some())
        .map(|(i, _)| i)
        .collect();
    for (i, diagnostics) in repeated_lines(&set, inputs, valid_posts) {
        let report = &mut checked[i].report;
        if report.source.is_none() {
            report.source = reread(&inputs[i]);
        }
        report.diagnostics.extend(diagnostics);
        report.diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
    }
    Ok((checked, set))
}

/// Each valid post set against its (resolved) profile: the lines it would
/// repeat in the fiche (`repetition`). A profile that cannot be resolved is
/// reported elsewhere.
fn repeated_lines(set: &SetIndex<'_>, inputs: &[Input], posts: Vec<usize>) -> Vec<(usize, Vec<Diagnostic>)> {
    let lookup = |reference: &str, from: &Input| set.lookup(reference, from);
    posts
        .into_par_iter()
        .filter_map(|i| {
            let found = set.get(i).ok()?;
            let Document::Poste(poste) = &found.document else {
                return None;
            };
            let base = lookup(&poste.profil.value, &inputs[i]).ok()?;
            let resolved = workspace::resolve(base, &lookup).ok()?;
            let diagnostics = crate::check::repetition::check(poste, &resolved.profil);
            (!diagnostics.is_empty()).then_some((i, diagnostics))
        })
        .collect()
}

/// A post whose `profil` is a path to an existing file: that file must be
/// a valid profile or adaptation (a path to a missing file is reported by
/// the project rules, an id is checked among the set).
fn post_profiles_by_path(
    set: &SetIndex<'_>,
    inputs: &[Input],
    entries: &[Option<Entry>],
    valid: &[bool],
) -> Vec<(usize, Diagnostic)> {
    let lookup = |reference: &str, from: &Input| set.lookup(reference, from);
    let posts: Vec<(usize, &String, Span)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e {
            Some(Entry::Poste { profil, span }) if is_yaml(Path::new(profil)) && valid[i] => {
                let exists = inputs[i].folder().is_some_and(|folder| folder.join(profil).is_file());
                exists.then_some((i, profil, *span))
            }
            _ => None,
        })
        .collect();
    posts
        .into_par_iter()
        .filter_map(|(i, profil, span)| {
            let problem = match lookup(profil, &inputs[i]) {
                Ok(found) if matches!(found.document, Document::Poste(_)) => {
                    format!("`{profil}` est une autre fiche de poste, pas un profil")
                }
                Ok(found) => match workspace::resolve(found, &lookup) {
                    Ok(_) => return None,
                    Err(_) => format!("le profil `{profil}` de ce poste contient des erreurs"),
                },
                Err(_) => format!("le profil `{profil}` de ce poste contient des erreurs"),
            };
            let d = Diagnostic::new(Code::ProfileNotFound, span, problem).with_help(format!(
                "un poste renvoie à un profil ou à une adaptation valide : lancez `refnum validate {profil}`"
            ));
            Some((i, d))
        })
        .collect()
}

/// Resolves each valid adaptation against its base (among the inputs, by
/// path, or built in) and adds what the merge finds to its report.
fn resolve_adaptations<T: Send>(
    set: &SetIndex<'_>,
    adaptations: Vec<usize>,
    checked: &mut [Checked<T>],
    inputs: &[Input],
) {
    let lookup = |reference: &str, from: &Input| set.lookup(reference, from);
    let found: Vec<(usize, Vec<Diagnostic>)> = adaptations
        .into_par_iter()
        .map(|i| {
            let diagnostics = match set.get(i).and_then(|found| workspace::resolve(found, &lookup)) {
                Ok(resolved) => resolved.findings,
                Err(Error::Invalid(reports)) => reports.into_iter().flat_map(|r| r.diagnostics).collect(),
                Err(e) => vec![Diagnostic::new(Code::BaseNotFound, Span::default(), e.to_string())],
            };
            (i, diagnostics)
        })
        .collect();
    for (i, diagnostics) in found {
        if diagnostics.is_empty() {
            continue;
        }
        let report = &mut checked[i].report;
        if report.source.is_none() {
            report.source = reread(&inputs[i]);
        }
        // The adaptation was read again to be resolved: the same finding may come twice.
        let key = |x: &Diagnostic| (x.code, x.message.clone(), x.span.line, x.span.column);
        let mut seen: std::collections::HashSet<_> = report.diagnostics.iter().map(key).collect();
        for d in diagnostics {
            if seen.insert(key(&d)) {
                report.diagnostics.push(d);
            }
        }
        report.diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
        if report.count(crate::diagnostic::Severity::Error) > 0 {
            checked[i].kept = None;
        }
    }
}

fn reread(input: &Input) -> Option<Arc<str>> {
    input.source().ok()?.ok().map(|s| s.text)
}

/// Ids of the built-in profiles.
pub fn builtin_ids() -> Vec<String> {
    builtin::PROFILES.iter().map(|(name, _)| builtin::id_of(name).to_owned()).collect()
}
