//! `refnum fiche`: the fiche de poste of a post, or of a profile alone.

use crate::cli::{FicheArgs, FicheFormat};
use crate::error::Error;
use crate::load::catalog;
use crate::model::Document;
use crate::render::{self, Format};
use crate::{Outcome, Terminal};

pub fn run(args: &FicheArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let found = catalog::find(&args.cible, dir.as_deref())?;
    let format = match args.format {
        FicheFormat::Markdown => Format::Markdown,
        FicheFormat::Html => Format::Html,
        FicheFormat::Docx => Format::Docx,
        FicheFormat::Jsonld => return job_posting(&found, dir.as_deref(), args, terminal),
    };
    let templates = super::templates_from(args.document.templates.as_deref())?;
    let bytes = match &found.document {
        Document::Poste(poste) => {
            let resolved = catalog::profil_of(poste, &found.input, dir.as_deref())?;
            render::fiche(&resolved.profil, Some(poste), format, args.complet, &templates)?
        }
        _ => {
            let resolved = catalog::resolve(found.clone(), dir.as_deref())?;
            render::fiche(&resolved.profil, None, format, args.complet, &templates)?
        }
    };
    super::deliver(bytes, args.document.output.as_deref(), format == Format::Docx, "Fiche de poste écrite", terminal)
}

/// The post as a schema.org `JobPosting`.
fn job_posting(
    found: &catalog::Found,
    dir: Option<&std::path::Path>,
    args: &FicheArgs,
    terminal: Terminal,
) -> Result<Outcome, Error> {
    let text = match &found.document {
        Document::Poste(poste) => {
            let resolved = catalog::profil_of(poste, &found.input, dir)?;
            crate::export::jsonld::job_posting(&resolved.profil, Some(poste))
        }
        _ => {
            let resolved = catalog::resolve(found.clone(), dir)?;
            crate::export::jsonld::job_posting(&resolved.profil, None)
        }
    };
    let text = text.map_err(Error::Usage)?;
    super::deliver(text.into_bytes(), args.document.output.as_deref(), false, "Offre d'emploi écrite", terminal)
}
