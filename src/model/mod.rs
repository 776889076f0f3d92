//! Typed model of the two file formats (`type: profil`, `type: poste`).
//!
//! Plain data with positions; no I/O. Every struct denies unknown keys, and
//! the JSON Schema (`refnum schema`) is generated from these very types.

mod adaptation;
mod competence;
mod lignes;
mod mission;
mod niveaux;
mod positionnement;
mod poste;
mod profil;
pub mod referentiels;
mod spanned;

pub use adaptation::{Adaptation, Base, CompetencePatch, CompetencesPatch, MissionPatch, Retrait};
pub use competence::{
    COMPETENCE_COLUMNS, Categorie, Competence, Competences, FORMULA_STARTS, Referentiels, restore_formula_guard,
};
pub use lignes::{Fusion, Lignes, Section};
pub use mission::Mission;
pub use niveaux::{Niveau, default_niveaux};
pub use positionnement::{Contexte, Observation, Positionnement, PositionnementKind};
pub use poste::{
    Candidature, Contrat, Localisation, MissionSpecifique, Poste, PosteKind, ProfilRecherchePoste, RelationsPoste,
    Structure, TypeContrat,
};
pub use profil::{Metier, Profil, ProfilKind, ProfilRecherche, Relations, Source, Statut};
pub(crate) use spanned::{PACKED_FIELDS, SPANNED_NAME, VALUE_FIELD};
pub use spanned::{Span, Spanned};

/// A text with its position, the most common field type.
pub type Text = Spanned<String>;

/// One loaded file: a profile or a job post.
#[derive(Debug, Clone)]
pub enum Document {
    Profil(Box<Profil>),
    Poste(Box<Poste>),
    Adaptation(Box<Adaptation>),
}

impl Document {
    pub fn id(&self) -> &Text {
        match self {
            Document::Profil(p) => &p.id,
            Document::Poste(p) => &p.id,
            Document::Adaptation(a) => &a.id,
        }
    }
}
