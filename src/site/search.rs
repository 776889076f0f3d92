//! The search index of the site: every document, mission and competency,
//! and each line of the sections that describe the work (conditions
//! d'exercice, relations, profil recherché, indicateurs, évolutions, moyens),
//! grouped by title and text so that an item shared by many profiles is one
//! entry with links to each, and written as a script (`recherche-index.js`) that
//! the search page loads without any request, even from `file://`.
//!
//! Each occurrence links to the item's anchor in its page: the id of a
//! mission or competency (`M-01`, which the search also finds), or the id of
//! the section that shows the line (`conditions`).

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::pages::Row;
use crate::adapt::{Change, ChangeKind};
use crate::model::{Categorie, Poste, Profil, Text};
use crate::text::suggest::fold;

/// Longest text kept to show under a result.
const MAX_TEXT: usize = 220;

/// One searchable item found in one document.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub titre: String,
    pub genre: &'static str,
    pub texte: String,
    /// The page of the document, from the root of the site (shared by its items).
    pub page: Arc<str>,
    /// The anchor of the item in that page (empty for the document itself).
    pub ancre: String,
}

fn flat(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > MAX_TEXT {
        format!("{}…", flat.chars().take(MAX_TEXT - 1).collect::<String>().trim_end())
    } else {
        flat
    }
}

fn genre(categorie: Categorie) -> &'static str {
    match categorie {
        Categorie::Savoirs => "Savoir",
        Categorie::SavoirFaire => "Savoir-faire",
        Categorie::SavoirEtre => "Savoir-être",
    }
}

/// The lines of a section, each an occurrence at the section's anchor.
fn lines<'a>(
    texts: impl IntoIterator<Item = &'a Text>,
    genre: &'static str,
    ancre: &'static str,
    page: &Arc<str>,
) -> impl Iterator<Item = Occurrence> {
    let page = Arc::clone(page);
    texts.into_iter().filter(|t| !t.value.trim().is_empty()).map(move |t| Occurrence {
        titre: flat(&t.value),
        genre,
        texte: String::new(),
        page: Arc::clone(&page),
        ancre: ancre.to_owned(),
    })
}

/// The sections of a profile about the work, with the anchors of the
/// site's référentiel page (the same as in a fiche de poste).
fn sections(p: &Profil, page: &Arc<str>) -> Vec<Occurrence> {
    let mut out: Vec<Occurrence> = lines(&p.conditions_exercice, "Conditions d'exercice", "conditions", page).collect();
    out.extend(lines(&p.relations.internes, "Relations internes", "relations", page));
    out.extend(lines(&p.relations.externes, "Relations externes", "relations", page));
    out.extend(lines(&p.profil_recherche.formation, "Formation recherchée", "profil-recherche", page));
    out.extend(lines(&p.profil_recherche.experience, "Expérience recherchée", "profil-recherche", page));
    out.extend(lines(&p.indicateurs, "Indicateur", "indicateurs", page));
    out.extend(lines(&p.evolutions, "Évolution possible", "evolutions", page));
    out
}

/// A profile: itself, its missions, its competencies and its sections.
pub fn of_profil(p: &Profil, page: &str) -> Vec<Occurrence> {
    let page: Arc<str> = page.into();
    let mut out = vec![document(p, "Profil", &page)];
    out.extend(p.missions.iter().map(|m| Occurrence {
        titre: flat(&m.intitule.value),
        genre: "Mission",
        texte: m.description.as_ref().map(|d| flat(&d.value)).unwrap_or_default(),
        page: Arc::clone(&page),
        ancre: m.id.value.clone(),
    }));
    out.extend(p.competences.iter().map(|(cat, c)| competence(cat, c, &page)));
    out.extend(sections(p, &page));
    out
}

/// An adaptation: itself, what it adds or changes among missions and
/// competencies (the rest is its base's), and its sections (few lines; a
/// line it shares with its base is one entry with a link to each).
pub fn of_adaptation(merged: &Profil, changes: &[Change], page: &str) -> Vec<Occurrence> {
    let page: Arc<str> = page.into();
    let mut out = vec![document(merged, "Adaptation locale", &page)];
    for change in changes.iter().filter(|c| c.kind != ChangeKind::Retrait) {
        if change.categorie == "mission" {
            if let Some(m) = merged.missions.iter().find(|m| m.id.value == change.id) {
                out.push(Occurrence {
                    titre: flat(&m.intitule.value),
                    genre: "Mission",
                    texte: m.description.as_ref().map(|d| flat(&d.value)).unwrap_or_default(),
                    page: Arc::clone(&page),
                    ancre: m.id.value.clone(),
                });
            }
        } else if let Some((cat, c)) =
            merged.competences.iter().find(|(cat, c)| cat.key() == change.categorie && c.id.value == change.id)
        {
            out.push(competence(cat, c, &page));
        }
    }
    out.extend(sections(merged, &page));
    out
}

/// A post: itself, its own missions, means and conditions (those of its
/// profile are indexed with the profile).
pub fn of_poste(p: &Poste, intitule: &str, page: &str) -> Vec<Occurrence> {
    let page: Arc<str> = page.into();
    let mut out = vec![Occurrence {
        titre: flat(intitule),
        genre: "Fiche de poste",
        texte: format!("{}, {}", p.structure.nom.value.trim(), p.localisation.ville.value.trim()),
        page: Arc::clone(&page),
        ancre: String::new(),
    }];
    out.extend(p.missions_specifiques.iter().map(|m| Occurrence {
        titre: flat(&m.intitule.value),
        genre: "Mission propre au poste",
        texte: m.activites.iter().map(|a| a.value.trim()).collect::<Vec<_>>().join(" ; "),
        page: Arc::clone(&page),
        ancre: "missions".to_owned(),
    }));
    for o in &mut out[1..] {
        o.texte = flat(&o.texte);
    }
    out.extend(lines(&p.moyens, "Moyens du poste", "moyens", &page));
    if let Some(l) = &p.conditions_exercice {
        out.extend(lines(&l.lignes, "Conditions d'exercice", "conditions", &page));
    }
    out
}

fn document(p: &Profil, genre: &'static str, page: &Arc<str>) -> Occurrence {
    Occurrence {
        titre: flat(&p.intitule.value),
        genre,
        texte: flat(&p.finalite.value),
        page: Arc::clone(page),
        ancre: String::new(),
    }
}

fn competence(cat: Categorie, c: &crate::model::Competence, page: &Arc<str>) -> Occurrence {
    Occurrence {
        titre: flat(&c.libelle.value),
        genre: genre(cat),
        texte: c.description.as_ref().map(|d| flat(&d.value)).unwrap_or_default(),
        page: Arc::clone(page),
        ancre: c.id.value.clone(),
    }
}

/// Occurrences of one entry: document number and anchor.
type Links = Vec<(usize, String)>;

/// One entry: title, kind, text and occurrences.
type Entry = (String, &'static str, String, Links);

#[derive(Serialize)]
struct Index<'a> {
    /// Title and page of each document, in the order of the index page.
    docs: Vec<(&'a str, &'a str)>,
    /// Title, kind, text and occurrences (document number, anchor).
    entrees: Vec<Entry>,
}

/// The script that holds the index: `window.REFNUM_RECHERCHE = {…};`.
pub fn script(rows: &[Row], occurrences: Vec<Occurrence>) -> String {
    let number: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.url.as_str(), i)).collect();
    let mut grouped: BTreeMap<(String, &'static str, String), (String, String, Links)> = BTreeMap::new();
    for o in occurrences {
        let Some(&doc) = number.get(&*o.page) else {
            continue;
        };
        // Same title and same text: one entry; a changed text is an entry of its own.
        let key = (fold(&o.titre), o.genre, fold(&o.texte));
        let entry = grouped.entry(key).or_insert_with(|| (o.titre, o.texte, Vec::new()));
        entry.2.push((doc, o.ancre));
    }
    let entrees = grouped
        .into_iter()
        .map(|((_, genre, _), (titre, texte, mut occ))| {
            occ.sort();
            occ.dedup();
            (titre, genre, texte, occ)
        })
        .collect();
    let index = Index { docs: rows.iter().map(|r| (r.intitule.as_str(), r.url.as_str())).collect(), entrees };
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{\"docs\":[],\"entrees\":[]}".into());
    format!(
        "// Index de recherche du site, produit par refnum build : ne pas modifier à la main.\nwindow.REFNUM_RECHERCHE = {json};\n"
    )
}
