//! `refnum grille`: the positioning grid of a profile or of a post.

use crate::assess::{Grille, xlsx};
use crate::cli::{GrilleArgs, GrilleFormat};
use crate::error::Error;
use crate::render::{self, Format};
use crate::{Outcome, Terminal};

pub fn run(args: &GrilleArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let (found, dir, sources) = super::open_target(&args.cible, &args.document)?;
    let (resolved, poste) = sources.target(&found, dir.as_deref(), args.document.output.as_deref())?;
    let title = poste.map(|poste| {
        let view = render::PosteView::new(poste, &resolved.profil);
        format!("{} · {}", view.intitule, view.structure)
    });
    let grille = Grille::new(&resolved.profil, title);
    let (bytes, binary) = match args.format {
        GrilleFormat::Xlsx => {
            (xlsx::grille(&grille).map_err(|e| Error::Usage(format!("classeur impossible à écrire : {e}")))?, true)
        }
        GrilleFormat::Docx => (render::grille(&grille, Format::Docx, &super::templates_from(None)?)?, true),
        GrilleFormat::Html | GrilleFormat::Markdown => {
            let templates = super::templates_from(args.document.templates.as_deref())?;
            sources.note_templates(&templates);
            sources.check(args.document.output.as_deref())?;
            let format = if args.format == GrilleFormat::Html { Format::Html } else { Format::Markdown };
            (render::grille(&grille, format, &templates)?, false)
        }
    };
    super::deliver(
        bytes,
        args.document.output.as_deref(),
        binary,
        "Grille de positionnement écrite",
        &sources,
        terminal,
    )
}
