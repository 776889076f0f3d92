//! Finds a profile or a post from what a user types: a path, an id, or a
//! unique prefix of an id, among the profile folder and the built-in profiles.

use std::path::{Path, PathBuf};

use crate::check::analyze;
use crate::check::batch::{Input, check_all};
use crate::check::suggest;
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::discover::{discover, is_yaml};
use crate::model::{Document, Poste, Profil};

/// A document found and checked, with where it came from.
#[derive(Debug, Clone)]
pub struct Found {
    pub document: Document,
    pub input: Input,
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
        Some(document) if !analysis.has_errors() => Ok(Found { document, input }),
        _ => {
            let diagnostics = analysis.diagnostics.into_iter().filter(|d| d.severity() == Severity::Error).collect();
            Err(Error::Invalid(vec![FileReport { name: input.name(), source: Some(source.text), diagnostics }]))
        }
    }
}

/// Finds what `reference` names: an existing file, else an id or a unique
/// prefix of an id among the profile folder (`dir`) and the built-ins.
pub fn find(reference: &str, dir: Option<&Path>) -> Result<Found, Error> {
    let path = Path::new(reference);
    if path.is_file() || is_yaml(path) || reference.contains(std::path::MAIN_SEPARATOR) {
        return load(Input::Disk(path.to_path_buf()));
    }
    let mut candidates: Vec<(String, Input)> = Vec::new();
    if let Some(dir) = dir {
        let inputs: Vec<Input> = discover(&[dir.to_path_buf()])?.into_iter().map(Input::Disk).collect();
        for (checked, input) in check_all(&inputs, |d| d.id().value.clone())?.into_iter().zip(inputs) {
            if let Some(id) = checked.kept {
                candidates.push((id, input));
            }
        }
    }
    for input in Input::builtins() {
        if let Ok(Ok(source)) = input.source()
            && let Some(document) = analyze(&source).document
        {
            let id = document.id().value.clone();
            if !candidates.iter().any(|(known, _)| *known == id) {
                candidates.push((id, input));
            }
        }
    }
    if let Some((_, input)) = candidates.iter().find(|(id, _)| id == reference) {
        return load(input.clone());
    }
    let matching: Vec<&(String, Input)> = candidates.iter().filter(|(id, _)| id.starts_with(reference)).collect();
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

/// Finds a profile (not a post).
pub fn find_profil(reference: &str, dir: Option<&Path>) -> Result<(Profil, Input), Error> {
    let found = find(reference, dir)?;
    match found.document {
        Document::Profil(p) => Ok((*p, found.input)),
        Document::Poste(_) => Err(Error::Usage(format!(
            "{} est une fiche de poste ; cette commande attend un profil (utilisez `refnum fiche` pour un poste)",
            found.input.name()
        ))),
    }
}

/// The profile a post is built on: a path relative to the post's file, or an exact id.
pub fn profil_of(poste: &Poste, poste_input: &Input, dir: Option<&Path>) -> Result<(Profil, Input), Error> {
    let reference = poste.profil.value.as_str();
    if is_yaml(Path::new(reference))
        && let Input::Disk(path) = poste_input
    {
        let base = path.parent().unwrap_or(Path::new("."));
        return find_profil(&base.join(reference).display().to_string(), dir);
    }
    let (profil, input) = find_profil(reference, dir)?;
    if profil.id.value != reference {
        return Err(Error::Usage(format!(
            "le poste {} renvoie au profil « {reference} », introuvable (le plus proche : {})",
            poste_input.name(),
            profil.id.value
        )));
    }
    Ok((profil, input))
}
