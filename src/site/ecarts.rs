//! The page of an adaptation's changes: `refnum diff` between its base and
//! the merged profile, shown as tables, with the reason given for each change.

use serde::Serialize;

use super::pages::{Lien, changed_fields, plural};
use crate::adapt::Provenance;
use crate::adapt::diff::{Diff, FieldChange, ItemChange, label};
use crate::model::{Categorie, Profil};

/// The adaptation or its base, as named at the top of the page.
#[derive(Debug, Serialize)]
pub struct Document {
    pub id: String,
    pub titre: String,
    pub version: String,
    pub url: Option<String>,
}

/// One field that changed, with a French name; texts are Markdown.
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
    /// What an added item brings, or what a removed one took away.
    pub contenu: Option<Contenu>,
    /// Markdown.
    pub motif: Option<String>,
}

/// An item added or removed, in full: its level, description and activities.
#[derive(Debug, Default, Serialize)]
pub struct Contenu {
    /// `3 – Maîtrise`: the expected level and its name on the profile's scale.
    pub niveau: Option<String>,
    pub essentielle: bool,
    /// Markdown.
    pub description: Option<String>,
    pub activites: Vec<String>,
    /// Ids of the missions served (a competency).
    pub missions: Vec<String>,
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
        let champs: Vec<Champ> = changed_fields(diff).map(|c| champ(c, base, merged)).collect();
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
                    champs: e.champs.iter().map(|c| champ(c, base, merged)).collect(),
                    contenu: match e.nature {
                        "ajout" => contenu(merged, e),
                        "retrait" => contenu(base, e),
                        _ => None,
                    },
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

fn champ(c: &FieldChange, base: &Profil, merged: &Profil) -> Champ {
    // A level reads better with its name on the scale: `3 – Maîtrise`.
    // A date as every other page writes it: `28 novembre 2026`.
    let (avant, apres) = if c.champ == "niveau" {
        (level_text(base, &c.avant), level_text(merged, &c.apres))
    } else if c.champ == "mise-a-jour" {
        (crate::render::view::date_fr(c.avant.trim()), crate::render::view::date_fr(c.apres.trim()))
    } else {
        (c.avant.trim().to_owned(), c.apres.trim().to_owned())
    };
    Champ {
        champ: label(c.champ),
        avant,
        apres,
        liste: c.liste,
        retires: c.elements.0.clone(),
        ajoutes: c.elements.1.clone(),
    }
}

/// `3` as `3 – Maîtrise` on the scale of `p` (as is when not on it).
fn level_text(p: &Profil, level: &str) -> String {
    let level = level.trim();
    match level.parse::<i64>().ok().and_then(|n| level_name(p, n)) {
        Some(name) => format!("{level} – {name}"),
        None => level.to_owned(),
    }
}

fn level_name(p: &Profil, n: i64) -> Option<String> {
    p.scale().into_iter().find(|x| x.niveau.value == n).map(|x| x.libelle.value.trim().to_owned())
}

/// The content of the item `e` as found in `p`.
fn contenu(p: &Profil, e: &ItemChange) -> Option<Contenu> {
    let text = |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.value.trim().to_owned()).filter(|t| !t.is_empty());
    if e.categorie == "missions" {
        let m = p.missions.iter().find(|m| m.id.value == e.id)?;
        return Some(Contenu {
            description: text(&m.description),
            activites: m.activites.iter().map(|a| a.value.trim().to_owned()).collect(),
            ..Contenu::default()
        });
    }
    let cat = Categorie::ALL.into_iter().find(|c| c.key() == e.categorie)?;
    let c = p.competences.list(cat).iter().find(|c| c.id.value == e.id)?;
    let n = c.niveau.value;
    Some(Contenu {
        niveau: Some(match level_name(p, n) {
            Some(name) => format!("{n} – {name}"),
            None => n.to_string(),
        }),
        essentielle: *c.essentielle,
        description: text(&c.description),
        missions: c.missions.iter().map(|m| m.value.clone()).collect(),
        activites: Vec::new(),
    })
}
