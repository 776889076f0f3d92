//! `refnum render`: the référentiel de compétences of a profile.

use crate::cli::{RenderArgs, RenderFormat};
use crate::error::Error;
use crate::render::{self, Format};
use crate::workspace::catalog;
use crate::{Outcome, Terminal};

pub fn run(args: &RenderArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let sources = super::Sources::default();
    let resolved = sources.profil(&args.profil, dir.as_deref())?;
    let format = match args.format {
        RenderFormat::Markdown => Format::Markdown,
        RenderFormat::Html => Format::Html,
    };
    let templates = super::templates_from(args.document.templates.as_deref())?;
    sources.note_templates(&templates);
    // Refused before the work, not after.
    sources.check(args.document.output.as_deref())?;
    let bytes = render::referentiel(&resolved, format, &templates)?;
    super::deliver(bytes, args.document.output.as_deref(), false, "Référentiel écrit", &sources, terminal)
}
