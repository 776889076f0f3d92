//! The positioning grid of a profile, ready to show: one row per
//! competency, grouped by category, essentials first (see `crate::assess`).

use serde::Serialize;

use super::ProfilView;
use super::view::NiveauView;
use crate::model::{Contexte, Profil};

/// The text the grid offers for a competency not assessed.
pub const NON_EVALUE: &str = "non évalué";

/// One row of the grid: a competency and what it takes.
#[derive(Debug, Clone, Serialize)]
pub struct LigneGrille {
    pub id: String,
    pub libelle: String,
    /// « Savoirs », « Savoir-faire » or « Savoir-être ».
    pub categorie: &'static str,
    pub essentielle: bool,
    pub niveau: i64,
    pub niveau_libelle: String,
    pub criteres: Vec<String>,
}

/// The competencies of one category, essentials first.
#[derive(Debug, Clone, Serialize)]
pub struct CategorieGrille {
    pub titre: &'static str,
    pub lignes: Vec<LigneGrille>,
}

/// The positioning grid of a profile (or of a post, through its profile).
#[derive(Debug, Clone, Serialize)]
pub struct Grille {
    pub profil_id: String,
    pub version: String,
    pub intitule: String,
    /// The post's title and structure, for a grid made from a post.
    pub poste: Option<String>,
    pub niveaux: Vec<NiveauView>,
    /// The labels of the contexts (recrutement…).
    pub contextes: Vec<&'static str>,
    pub categories: Vec<CategorieGrille>,
    pub mise_a_jour: String,
}

impl Grille {
    pub fn new(profil: &Profil, poste: Option<String>) -> Grille {
        let view = ProfilView::new(profil);
        let categories = view
            .categories
            .iter()
            .filter(|c| !c.competences.is_empty())
            .map(|cat| {
                let mut lignes: Vec<LigneGrille> = cat
                    .competences
                    .iter()
                    .map(|c| LigneGrille {
                        id: c.id.clone(),
                        libelle: c.libelle.clone(),
                        categorie: cat.titre,
                        essentielle: c.essentielle,
                        niveau: c.niveau,
                        niveau_libelle: c.niveau_libelle.clone(),
                        criteres: c.criteres.clone(),
                    })
                    .collect();
                // Stable: the profile's order within essentials and within the others.
                lignes.sort_by_key(|l| !l.essentielle);
                CategorieGrille { titre: cat.titre, lignes }
            })
            .collect();
        Grille {
            profil_id: view.id,
            version: view.version,
            intitule: view.intitule,
            poste,
            niveaux: view.niveaux,
            contextes: Contexte::ALL.iter().map(|c| c.label()).collect(),
            categories,
            mise_a_jour: view.mise_a_jour,
        }
    }

    /// Every row, in the grid's order.
    pub fn lignes(&self) -> impl Iterator<Item = &LigneGrille> {
        self.categories.iter().flat_map(|c| c.lignes.iter())
    }

    /// A level as the drop-down shows it: `3 – Maîtrise`.
    pub fn choix(&self, niveau: i64) -> String {
        match self.niveaux.iter().find(|n| n.niveau == niveau) {
            Some(n) => format!("{} – {}", n.niveau, n.libelle),
            None => niveau.to_string(),
        }
    }

    /// The label of a level (`Maîtrise`), empty when it is not on the scale.
    pub fn libelle(&self, niveau: i64) -> String {
        self.niveaux.iter().find(|n| n.niveau == niveau).map(|n| n.libelle.clone()).unwrap_or_default()
    }
}
