//! `refnum entretien`: the interview guide of a post, or of a profile alone.

use crate::cli::{Contexte, EntretienArgs, EntretienFormat};
use crate::error::Error;
use crate::render::{self, Format};
use crate::{Outcome, Terminal};

pub fn run(args: &EntretienArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let (found, dir, sources) = super::open_target(&args.cible, &args.document)?;
    let format = match args.format {
        EntretienFormat::Markdown => Format::Markdown,
        EntretienFormat::Html => Format::Html,
        EntretienFormat::Docx => Format::Docx,
    };
    let contexte = match args.contexte {
        Contexte::Recrutement => render::Contexte::Recrutement,
        Contexte::EntretienAnnuel => render::Contexte::EntretienAnnuel,
    };
    let templates = super::templates_from(args.document.templates.as_deref())?;
    sources.note_templates(&templates);
    sources.check(args.document.output.as_deref())?;
    let (resolved, poste) = sources.target(&found, dir.as_deref(), args.document.output.as_deref())?;
    let bytes = render::entretien(&resolved.profil, poste, contexte, format, &templates)?;
    super::deliver(
        bytes,
        args.document.output.as_deref(),
        format == Format::Docx,
        "Guide d'entretien écrit",
        &sources,
        terminal,
    )
}
