//! Finds a profile or a post from what a user types: a path, an id, or a
//! unique prefix of an id, among the profile folder and the built-in profiles.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::adapt::Resolved;
use crate::check::analyze;
use rayon::prelude::*;

use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::Input;
use crate::load::builtin;
use crate::load::discover::{discover, is_yaml};
use crate::model::{Document, Poste};
use crate::text::suggest;
use crate::workspace;

/// A document found and checked, with where it came from.
#[derive(Debug, Clone)]
pub struct Found {
    pub document: Document,
    pub input: Input,
    /// The text of the file, for findings found later (adaptations).
    pub source: Option<Arc<str>>,
}

/// The profile folder in force: the one given, else `./profiles` when it exists.
pub fn profile_dir(given: Option<&Path>) -> Option<PathBuf> {
    match given {
        Some(dir) => Some(dir.to_path_buf()),
        None => Some(PathBuf::from("profiles")).filter(|p| p.is_dir()),
    }
}

/// Loads and checks one input; errors in it make the whole request fail (exit 1).
pub fn load(input: Input) -> Result<Found, Error> {
    let source = match input.source()? {
        Ok(source) => source,
        Err(d) => {
            return Err(Error::Invalid(vec![FileReport { name: input.name(), source: None, diagnostics: vec![d] }]));
        }
    };
    let analysis = analyze(&source);
    match analysis.document {
        Some(document) if !analysis.has_errors() => Ok(Found { document, input, source: Some(source.text) }),
        _ => {
            let diagnostics = analysis.diagnostics.into_iter().filter(|d| d.severity() == Severity::Error).collect();
            Err(Error::Invalid(vec![FileReport { name: input.name(), source: Some(source.text), diagnostics }]))
        }
    }
}

/// Finds what `reference` names: an existing file, else an id or a unique
/// prefix of an id among the profile folder (`dir`) and the built-ins.
pub fn find(reference: &str, dir: Option<&Path>) -> Result<Found, Error> {
    find_with(reference, dir.into_iter().collect(), true)
}

fn looks_like_path(reference: &str) -> bool {
    let path = Path::new(reference);
    if crate::load::is_stdio(path) {
        return true;
    }
    path.is_file() || is_yaml(path) || reference.contains(std::path::MAIN_SEPARATOR)
}

fn find_with(reference: &str, dirs: Vec<&Path>, prefix: bool) -> Result<Found, Error> {
    if looks_like_path(reference) {
        return load(Input::from_path(PathBuf::from(reference)));
    }
    let candidates = candidates(&dirs)?;
    if let Some((_, input)) = candidates.iter().find(|(id, _)| id == reference) {
        return load(input.clone());
    }
    let matching: Vec<&(String, Input)> =
        if prefix { candidates.iter().filter(|(id, _)| id.starts_with(reference)).collect() } else { Vec::new() };
    match matching.as_slice() {
        [(_, input)] => load(input.clone()),
        [] => {
            let ids: Vec<&str> = candidates.iter().map(|(id, _)| id.as_str()).collect();
            let hint = suggest::did_you_mean(reference, ids.iter().copied())
                .unwrap_or_else(|| format!("profils disponibles : {}", ids.join(", ")));
            Err(Error::Usage(format!("« {reference} » ne désigne ni un fichier ni un profil connu ; {hint}")))
        }
        several => {
            let ids: Vec<&str> = several.iter().map(|(id, _)| id.as_str()).collect();
            Err(Error::Usage(format!("« {reference} » est ambigu : {} ; précisez", ids.join(", "))))
        }
    }
}

/// Ids and files of the valid documents of the profile folder, then of the
/// built-in profiles (a local file hides a built-in profile of the same id).
fn candidates(dirs: &[&Path]) -> Result<Vec<(String, Input)>, Error> {
    let mut candidates: Vec<(String, Input)> = Vec::new();
    for dir in dirs {
        // Each file on its own (no cross-file resolution here: that would recurse).
        let inputs: Vec<Input> = discover(&[dir.to_path_buf()])?.into_iter().map(Input::Disk).collect();
        let ids: Vec<Option<String>> = inputs
            .par_iter()
            .map(|input| {
                let source = input.source().ok()?.ok()?;
                let analysis = analyze(&source);
                let valid = !analysis.has_errors();
                analysis.document.filter(|_| valid).map(|d| d.id().value.clone())
            })
            .collect();
        for (id, input) in ids.into_iter().zip(inputs) {
            if let Some(id) = id.filter(|id| !candidates.iter().any(|(known, _)| known == id)) {
                candidates.push((id, input));
            }
        }
    }
    for (name, text) in builtin::PROFILES {
        let id = builtin::id_of(name).to_owned();
        if !candidates.iter().any(|(known, _)| *known == id) {
            candidates.push((id, Input::Builtin { name, text }));
        }
    }
    Ok(candidates)
}

/// The base an adaptation (or the profile a post) names: a path relative to
/// the file, or an exact id among the profile folder, the file's own folder
/// and the built-in profiles.
pub fn base_of(reference: &str, from: &Input, dir: Option<&Path>) -> Result<Found, Error> {
    base_among(reference, from, dir, true)
}

/// Like `base_of`, without searching folders for ids: for `validate`, whose
/// set of files is the one it was given (plus the built-in profiles).
pub fn base_in_set(reference: &str, from: &Input) -> Result<Found, Error> {
    base_among(reference, from, None, false)
}

fn base_among(reference: &str, from: &Input, dir: Option<&Path>, search_folder: bool) -> Result<Found, Error> {
    let folder = from.folder();
    if is_yaml(Path::new(reference))
        && let Some(folder) = folder
    {
        return load(Input::Disk(folder.join(reference)));
    }
    let folder = folder.filter(|f| search_folder && Some(*f) != dir);
    let dirs: Vec<&Path> = dir.into_iter().chain(folder).collect();
    find_with(reference, dirs, false)
}

/// Resolves a found document into a profile (merging adaptations onto their bases).
pub fn resolve(found: Found, dir: Option<&Path>) -> Result<Resolved, Error> {
    workspace::resolve(found, &|reference: &str, from: &Input| base_of(reference, from, dir))
}

/// Finds a profile or an adaptation (not a post) and resolves it.
pub fn find_profil(reference: &str, dir: Option<&Path>) -> Result<Resolved, Error> {
    resolve(not_poste(find(reference, dir)?)?, dir)
}

/// A document found for a command that expects a profile: a post is refused.
pub fn not_poste(found: Found) -> Result<Found, Error> {
    if let Document::Poste(_) = found.document {
        return Err(Error::Usage(format!(
            "{} est une fiche de poste ; cette commande attend un profil (utilisez `refnum fiche` pour un poste)",
            found.input.name()
        )));
    }
    Ok(found)
}

/// The profile (or adaptation) a post is built on, not yet resolved: a path
/// relative to the post's file, or an exact id.
pub fn profile_found_of(poste: &Poste, poste_input: &Input, dir: Option<&Path>) -> Result<Found, Error> {
    let found = base_of(&poste.profil.value, poste_input, dir).map_err(|e| match e {
        Error::Usage(message) => {
            Error::Usage(format!("le poste {} renvoie à un profil introuvable : {message}", poste_input.name()))
        }
        other => other,
    })?;
    if let Document::Poste(_) = found.document {
        return Err(Error::Usage(format!(
            "le poste {} renvoie à une autre fiche de poste, pas à un profil",
            poste_input.name()
        )));
    }
    Ok(found)
}
