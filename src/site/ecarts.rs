//! The page of an adaptation's changes: `refnum diff` between its base and
//! the merged profile, shown as tables, with the reason given for each change.

use serde::Serialize;

use super::pages::{Lien, changed_fields, plural};
use crate::adapt::Provenance;
use crate::adapt::diff::{Diff, FieldChange};
use crate::model::Profil;

/// The adaptation or its base, as named at the top of the page.
#[derive(Debug, Serialize)]
pub struct Document {
    pub id: String,
    pub titre: String,
    pub version: String,
    pub url: Option<String>,
}

/// One field that changed, with a French name.
#[derive(Debug, Serialize)]
pub struct Champ {
    pub champ: &'static str,
    pub avant: String,
    pub apres: String,
    pub liste: bool,
    /// For a list: the elements removed and added.
    pub retires: Vec<String>,
    pub ajoutes: Vec<String>,
}

/// One mission or competency added, removed or modified.
#[derive(Debug, Serialize)]
pub struct Element {
    pub id: String,
    pub libelle: String,
    /// `ajout`, `retrait` or `modification`: the CSS class.
    pub nature_cle: &'static str,
    /// « Ajouté », « Retiré » or « Modifié ».
    pub nature: &'static str,
    pub champs: Vec<Champ>,
    pub motif: Option<String>,
}

/// The changes of one category.
#[derive(Debug, Serialize)]
pub struct Groupe {
    pub cle: &'static str,
    pub titre: &'static str,
    /// The caption of the group's table.
    pub legende: String,
    pub elements: Vec<Element>,
}

/// The whole page.
#[derive(Debug, Serialize)]
pub struct EcartsView {
    pub adaptation: Document,
    pub base: Document,
    pub resume: String,
    pub champs: Vec<Champ>,
    pub groupes: Vec<Groupe>,
}

impl EcartsView {
    /// `diff` goes from `base` to `merged`; `provenance` gives the reasons.
    pub fn new(base: &Profil, base_link: &Lien, merged: &Profil, provenance: &Provenance, diff: &Diff) -> EcartsView {
        let count = |n: &str| diff.elements.iter().filter(|e| e.nature == n).count();
        let champs: Vec<Champ> = changed_fields(diff).map(champ).collect();
        let resume = if champs.is_empty() && diff.elements.is_empty() {
            "L'adaptation reprend le profil de base sans rien y changer.".to_owned()
        } else {
            format!(
                "Par rapport au profil de base : {} ; {}, {}, {}.",
                plural(champs.len(), "rubrique du profil modifiée", "rubriques du profil modifiées"),
                plural(count("ajout"), "élément ajouté", "éléments ajoutés"),
                plural(count("modification"), "modifié", "modifiés"),
                plural(count("retrait"), "retiré", "retirés")
            )
        };
        // Missions are feminine in French, competencies (« savoirs »…) masculine.
        let groupes = [
            ("missions", "mission", "Missions", ["Ajoutée", "Retirée", "Modifiée"]),
            ("savoirs", "savoirs", "Savoirs", ["Ajouté", "Retiré", "Modifié"]),
            ("savoir-faire", "savoir-faire", "Savoir-faire", ["Ajouté", "Retiré", "Modifié"]),
            ("savoir-etre", "savoir-etre", "Savoir-être", ["Ajouté", "Retiré", "Modifié"]),
        ]
        .into_iter()
        .filter_map(|(cle, change_key, titre, natures)| {
            let elements: Vec<Element> = diff
                .elements
                .iter()
                .filter(|e| e.categorie == cle)
                .map(|e| Element {
                    id: e.id.clone(),
                    libelle: e.libelle.trim().to_owned(),
                    nature_cle: e.nature,
                    nature: match e.nature {
                        "ajout" => natures[0],
                        "retrait" => natures[1],
                        _ => natures[2],
                    },
                    champs: e.champs.iter().map(champ).collect(),
                    motif: provenance
                        .changes
                        .iter()
                        .find(|c| c.categorie == change_key && c.id == e.id)
                        .and_then(|c| c.motif.as_ref().map(|m| m.trim().to_owned())),
                })
                .collect();
            let feminine = cle == "missions";
            let legende = format!(
                "{titre} {} par l'adaptation",
                if feminine { "ajoutées, retirées ou modifiées" } else { "ajoutés, retirés ou modifiés" }
            );
            (!elements.is_empty()).then_some(Groupe { cle, titre, legende, elements })
        })
        .collect();
        EcartsView {
            adaptation: Document {
                id: merged.id.value.clone(),
                titre: merged.intitule.value.trim().to_owned(),
                version: merged.version.value.clone(),
                url: Some(super::pages::profil_page(&merged.id.value)),
            },
            base: Document {
                id: base.id.value.clone(),
                titre: base_link.titre.clone(),
                version: base.version.value.clone(),
                url: base_link.url.clone(),
            },
            resume,
            champs,
            groupes,
        }
    }
}

fn champ(c: &FieldChange) -> Champ {
    Champ {
        champ: label(c.champ),
        avant: c.avant.trim().to_owned(),
        apres: c.apres.trim().to_owned(),
        liste: c.liste,
        retires: c.elements.0.clone(),
        ajoutes: c.elements.1.clone(),
    }
}

/// French name of a field of the diff.
fn label(champ: &str) -> &'static str {
    match champ {
        "id" => "Identifiant",
        "version" => "Version",
        "statut" => "Statut",
        "intitule" => "Intitulé",
        "appellations" => "Autres appellations",
        "famille" => "Famille de métiers",
        "metier" => "Classement du métier (ROME, ESCO)",
        "finalite" => "Finalité",
        "contexte" => "Contexte",
        "niveaux" => "Échelle des niveaux",
        "conditions-exercice" => "Conditions d'exercice",
        "relations.internes" => "Relations internes",
        "relations.externes" => "Relations externes",
        "profil-recherche.formation" => "Formation recherchée",
        "profil-recherche.experience" => "Expérience recherchée",
        "indicateurs" => "Indicateurs",
        "evolutions" => "Évolutions possibles",
        "sources" => "Sources",
        "mise-a-jour" => "Date de mise à jour",
        "description" => "Description",
        "activites" => "Activités",
        "libelle" => "Libellé",
        "niveau" => "Niveau attendu",
        "missions" => "Missions servies",
        "essentielle" => "Essentielle",
        "referentiels" => "Correspondances",
        _ => "Autre rubrique",
    }
}
