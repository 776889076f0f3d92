//! `refnum fiche`: the fiche de poste of a post, or of a profile alone.

use crate::cli::{FicheArgs, FicheFormat};
use crate::diagnostic::{FileReport, Summary, human};
use crate::error::Error;
use crate::render::docx::{Reference, ReferenceError};
use crate::render::{self, Format};
use crate::workspace::catalog;
use crate::{Outcome, Terminal};
use std::path::{Path, PathBuf};

pub fn run(args: &FicheArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let (found, dir, sources) = super::open_target(&args.cible, &args.document)?;
    let format = match args.format {
        FicheFormat::Markdown => Format::Markdown,
        FicheFormat::Html => Format::Html,
        FicheFormat::Docx => Format::Docx,
        FicheFormat::Jsonld => return job_posting(&found, dir.as_deref(), args, &sources, terminal),
    };
    let reference = match &args.reference_docx {
        Some(path) if format == Format::Docx => Some(reference_model(path)?),
        Some(_) => {
            return Err(Error::Usage(
                "--reference-docx ne s'applique qu'à la fiche Word : ajoutez --format docx".into(),
            ));
        }
        None => None,
    };
    let templates = super::templates_from(args.document.templates.as_deref())?;
    sources.note_templates(&templates);
    if let Some((path, _)) = &reference {
        sources.note_path(path);
    }
    let mut warnings = String::new();
    let (resolved, poste) = sources.target(&found, dir.as_deref(), args.document.output.as_deref())?;
    if let Some(poste) = poste {
        // A line the post repeats from its profile would be printed twice:
        // said here too, for those who run `fiche` and never `validate`.
        let repeated = crate::check::repetition::check(poste, &resolved.profil);
        if !repeated.is_empty() {
            let report = FileReport { name: found.input.name(), source: found.source.clone(), diagnostics: repeated };
            let reports = [report];
            let summary = Summary::of(&reports);
            // The findings, without the closing line of a `validate` run.
            warnings = human::render(&reports, &summary, terminal.stderr_color).replace(&summary.sentence(), "");
            warnings.truncate(warnings.trim_end().len());
            warnings.push('\n');
        }
    }
    let bytes = render::fiche(&resolved.profil, poste, format, args.complet, &templates)?;
    let bytes = match reference {
        Some((path, model)) => model.apply(&bytes).map_err(|e| model_error(&path, &e))?,
        None => bytes,
    };
    let mut outcome = super::deliver(
        bytes,
        args.document.output.as_deref(),
        format == Format::Docx,
        "Fiche de poste écrite",
        &sources,
        terminal,
    )?;
    outcome.stderr.insert_str(0, &warnings);
    Ok(outcome)
}

/// The Word model of `--reference-docx`, read and checked before any work.
fn reference_model(path: &Path) -> Result<(PathBuf, Reference), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let model = Reference::read(&bytes).map_err(|e| model_error(path, &e))?;
    Ok((path.to_path_buf(), model))
}

fn model_error(path: &Path, e: &ReferenceError) -> Error {
    Error::Usage(format!("{} : modèle Word inutilisable (--reference-docx) : {e}", path.display()))
}

/// The post as a schema.org `JobPosting`.
fn job_posting(
    found: &catalog::Found,
    dir: Option<&std::path::Path>,
    args: &FicheArgs,
    sources: &super::Sources,
    terminal: Terminal,
) -> Result<Outcome, Error> {
    let (resolved, poste) = sources.target(found, dir, args.document.output.as_deref())?;
    let text = crate::export::jsonld::job_posting(&resolved.profil, poste);
    let text = text.map_err(Error::Usage)?;
    super::deliver(
        text.into_bytes(),
        args.document.output.as_deref(),
        false,
        "Offre d'emploi écrite",
        sources,
        terminal,
    )
}
