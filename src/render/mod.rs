//! Documents: the référentiel, the fiche de poste and the interview guide,
//! in Markdown and HTML through templates, the fiche and the guide in DOCX.

pub mod docx;
mod entretien_view;
pub mod grille_view;
pub mod markdown;
mod poste_view;
pub mod templates;
pub mod typo;
pub mod view;

use serde::Serialize;

pub use crate::error::TemplateError;
pub use entretien_view::{Contexte, EntretienView};
pub use grille_view::Grille;
pub use poste_view::PosteView;
pub use templates::Templates;
pub use view::ProfilView;

use crate::adapt::Resolved;
use crate::model::{Poste, Profil};

/// The text without the characters no document may hold: control
/// characters other than tab, line feed and carriage return (C0, DEL, C1),
/// and U+FFFE and U+FFFF, which XML forbids. `validate` refuses them in a
/// profile (`E007`); every writer strips them too, so that Word, LibreOffice
/// and Excel can always open what refnum writes, whatever the input.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let banned = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if text.contains(banned) { text.replace(banned, "").into() } else { text.into() }
}

/// Output formats of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Docx,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

#[derive(Serialize)]
struct ReferentielContext<'a> {
    profil: &'a ProfilView,
}

#[derive(Serialize)]
struct FicheContext<'a> {
    profil: &'a ProfilView,
    poste: &'a PosteView,
    /// The full competency tables in an annex (`--complet`).
    complet: bool,
}

/// The référentiel de compétences of a profile (Markdown or HTML); an
/// adapted profile gets an appendix listing its local changes.
pub fn referentiel(resolved: &Resolved, format: Format, templates: &Templates) -> Result<Vec<u8>, TemplateError> {
    let mut view = ProfilView::new(&resolved.profil);
    view.adaptation = resolved.provenance.as_ref().map(view::AdaptationView::new);
    let name = format!("referentiel.{}", format.extension());
    templates.render(&name, ReferentielContext { profil: &view }).map(String::into_bytes)
}

/// The fiche de poste of a post, or of a profile alone (post fields left
/// "à compléter"): compact (three pages at most), or with the full
/// competency tables in an annex when `complet`.
pub fn fiche(
    profil: &Profil,
    poste: Option<&Poste>,
    format: Format,
    complet: bool,
    templates: &Templates,
) -> Result<Vec<u8>, TemplateError> {
    let profil_view = ProfilView::new(profil);
    let poste_view = poste.map_or_else(|| PosteView::placeholder(profil), |p| PosteView::new(p, profil));
    match format {
        Format::Docx => Ok(docx::fiche(&profil_view, &poste_view, complet)),
        _ => {
            let name = format!("fiche.{}", format.extension());
            templates
                .render(&name, FicheContext { profil: &profil_view, poste: &poste_view, complet })
                .map(String::into_bytes)
        }
    }
}

/// The positioning grid (Markdown, HTML or DOCX; the workbook is
/// `assess::xlsx`).
pub fn grille(g: &Grille, format: Format, templates: &Templates) -> Result<Vec<u8>, TemplateError> {
    match format {
        Format::Docx => Ok(docx::grille(g)),
        _ => {
            #[derive(Serialize)]
            struct Context<'a> {
                grille: &'a Grille,
            }
            let name = format!("grille.{}", format.extension());
            templates.render(&name, Context { grille: g }).map(String::into_bytes)
        }
    }
}

#[derive(Serialize)]
struct EntretienContext<'a> {
    profil: &'a ProfilView,
    poste: &'a PosteView,
    entretien: &'a EntretienView,
}

/// The interview guide of a post, or of a profile alone: for each essential
/// competency, its questions (or a generic one), what to listen for and room
/// for notes, worded for a recruitment or an annual review.
pub fn entretien(
    profil: &Profil,
    poste: Option<&Poste>,
    contexte: Contexte,
    format: Format,
    templates: &Templates,
) -> Result<Vec<u8>, TemplateError> {
    let profil_view = ProfilView::new(profil);
    let poste_view = poste.map_or_else(|| PosteView::placeholder(profil), |p| PosteView::new(p, profil));
    let entretien = EntretienView::new(&profil_view, contexte);
    match format {
        Format::Docx => Ok(docx::entretien(&profil_view, &poste_view, &entretien)),
        _ => {
            let name = format!("entretien.{}", format.extension());
            templates
                .render(&name, EntretienContext { profil: &profil_view, poste: &poste_view, entretien: &entretien })
                .map(String::into_bytes)
        }
    }
}
