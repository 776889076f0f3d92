//! `refnum fiche`: the fiche de poste of a post, or of a profile alone.

use crate::cli::{FicheArgs, FicheFormat};
use crate::error::Error;
use crate::load::catalog;
use crate::model::Document;
use crate::render::{self, Format, Templates};
use crate::{Outcome, Terminal};

pub fn run(args: &FicheArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let found = catalog::find(&args.cible, dir.as_deref())?;
    let format = match args.format {
        FicheFormat::Markdown => Format::Markdown,
        FicheFormat::Html => Format::Html,
        FicheFormat::Docx => Format::Docx,
    };
    let templates = Templates::new(args.document.templates.as_deref());
    let bytes = match &found.document {
        Document::Poste(poste) => {
            let resolved = catalog::profil_of(poste, &found.input, dir.as_deref())?;
            render::fiche(&resolved.profil, Some(poste), format, &templates)?
        }
        _ => {
            let resolved = catalog::resolve(found.clone(), dir.as_deref())?;
            render::fiche(&resolved.profil, None, format, &templates)?
        }
    };
    super::deliver(bytes, args.document.output.as_deref(), format == Format::Docx, "Fiche de poste écrite", terminal)
}
