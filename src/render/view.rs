//! What the templates see: a profile (and a post) turned into plain,
//! display-ready data, in French, with every lookup already done.
//!
//! Documented for template authors in `templates/README.md`. The post
//! part of a fiche is in `poste_view`.

use serde::Serialize;

use crate::model::referentiels::{DIGCOMP_EDITION, digcomp, pix_title};
use crate::model::{Categorie, Competence, Profil, Text};

/// Text shown where a post-specific field is not known (profile alone).
pub const A_COMPLETER: &str = "à compléter";

/// One level of the scale.
#[derive(Debug, Clone, Serialize)]
pub struct NiveauView {
    pub niveau: i64,
    pub libelle: String,
    pub description: Option<String>,
}

/// A mission and its activities.
#[derive(Debug, Clone, Serialize)]
pub struct MissionView {
    pub id: String,
    pub intitule: String,
    pub description: Option<String>,
    pub activites: Vec<String>,
    /// The activities run in as one paragraph of sentences (compact fiche).
    pub activites_texte: String,
}

/// A reference to an external framework, with its title.
#[derive(Debug, Clone, Serialize)]
pub struct RefView {
    pub referentiel: &'static str,
    pub code: String,
    pub titre: String,
}

/// A competency, with its level and missions resolved.
#[derive(Debug, Clone, Serialize)]
pub struct CompetenceView {
    pub id: String,
    pub libelle: String,
    pub description: Option<String>,
    pub niveau: i64,
    pub niveau_libelle: String,
    /// `●●●○`: the level as filled and empty dots over the scale.
    pub niveau_echelle: String,
    pub essentielle: bool,
    pub missions: Vec<String>,
    pub missions_intitules: Vec<String>,
    pub references: Vec<RefView>,
    pub rome: Vec<String>,
    pub esco: Vec<String>,
    /// Observable criteria: what shows the expected level is reached.
    pub criteres: Vec<String>,
    /// Interview questions (`refnum entretien`), empty when none is given.
    pub questions: Vec<String>,
}

/// One category of competencies.
#[derive(Debug, Clone, Serialize)]
pub struct CategorieView {
    pub cle: &'static str,
    pub titre: &'static str,
    pub competences: Vec<CompetenceView>,
}

/// One row of the competencies × missions matrix.
#[derive(Debug, Clone, Serialize)]
pub struct LigneMatrice {
    pub id: String,
    pub libelle: String,
    pub categorie: &'static str,
    /// One flag per mission, in the order of `missions`.
    pub cellules: Vec<bool>,
}

/// A source of the profile.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub titre: String,
    pub auteur: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub apport: String,
}

/// A profile, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct ProfilView {
    pub id: String,
    pub version: String,
    pub statut: &'static str,
    pub intitule: String,
    pub appellations: Vec<String>,
    pub famille: Option<String>,
    /// The occupation's own ROME fiches (`metier.rome`).
    pub metier_rome: Vec<String>,
    /// The occupation's ESCO URIs (`metier.esco`).
    pub metier_esco: Vec<String>,
    pub finalite: String,
    pub contexte: Option<String>,
    pub mise_a_jour: String,
    pub mise_a_jour_texte: String,
    pub niveaux: Vec<NiveauView>,
    pub missions: Vec<MissionView>,
    pub categories: Vec<CategorieView>,
    pub matrice: Vec<LigneMatrice>,
    pub conditions_exercice: Vec<String>,
    pub relations_internes: Vec<String>,
    pub relations_externes: Vec<String>,
    pub formation: Vec<String>,
    pub experience: Vec<String>,
    pub indicateurs: Vec<String>,
    pub evolutions: Vec<String>,
    pub sources: Vec<SourceView>,
    pub nombre_competences: usize,
    /// For an adapted profile: its base and the local changes.
    pub adaptation: Option<AdaptationView>,
}

/// One local change, as shown in the appendix.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeView {
    /// « Ajout », « Modification » or « Retrait ».
    pub nature: &'static str,
    /// « Mission », « Savoir », « Savoir-faire » or « Savoir-être ».
    pub element: &'static str,
    pub id: String,
    pub libelle: String,
    /// The fields an override changed, comma-separated (empty otherwise).
    pub champs: String,
    pub motif: Option<String>,
}

/// The adaptation of a profile: its base and its changes.
#[derive(Debug, Clone, Serialize)]
pub struct AdaptationView {
    pub base_id: String,
    pub base_version: String,
    pub changements: Vec<ChangeView>,
}

impl AdaptationView {
    pub fn new(p: &crate::adapt::Provenance) -> AdaptationView {
        use crate::adapt::ChangeKind;
        AdaptationView {
            base_id: p.base_id.clone(),
            base_version: p.base_version.clone(),
            changements: p
                .changes
                .iter()
                .map(|c| ChangeView {
                    nature: match c.kind {
                        ChangeKind::Ajout => "Ajout",
                        ChangeKind::Modification => "Modification",
                        ChangeKind::Retrait => "Retrait",
                    },
                    element: match c.categorie {
                        "mission" => "Mission",
                        "savoirs" => "Savoir",
                        "savoir-faire" => "Savoir-faire",
                        _ => "Savoir-être",
                    },
                    id: c.id.clone(),
                    libelle: c.libelle.trim().to_owned(),
                    champs: c
                        .champs
                        .iter()
                        .map(|k| crate::adapt::diff::label(k).to_lowercase())
                        .collect::<Vec<_>>()
                        .join(", "),
                    motif: c.motif.as_ref().map(|m| m.trim().to_owned()),
                })
                .collect(),
        }
    }
}

pub(super) fn text(t: &Text) -> String {
    t.value.trim_end().to_owned()
}

pub(super) fn texts(list: &[Text]) -> Vec<String> {
    list.iter().map(text).collect()
}

/// Lines run in as one paragraph of sentences: each ends with a full stop
/// (added when the line has no final punctuation), separated by a space.
pub(super) fn run_in(lines: &[String]) -> String {
    let sentences: Vec<String> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| if l.ends_with(['.', '!', '?', '…']) { l.to_owned() } else { format!("{l}.") })
        .collect();
    sentences.join(" ")
}

pub(super) fn opt(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(text)
}

impl ProfilView {
    pub fn new(p: &Profil) -> ProfilView {
        let scale = p.scale();
        let max = scale.len();
        let niveaux: Vec<NiveauView> = scale
            .iter()
            .map(|n| NiveauView { niveau: n.niveau.value, libelle: text(&n.libelle), description: opt(&n.description) })
            .collect();
        let missions: Vec<MissionView> = p
            .missions
            .iter()
            .map(|m| MissionView {
                id: text(&m.id),
                intitule: text(&m.intitule),
                description: opt(&m.description),
                activites: texts(&m.activites),
                activites_texte: run_in(&texts(&m.activites)),
            })
            .collect();
        let competence = |c: &Competence| {
            let level = c.niveau.value;
            let filled = usize::try_from(level).unwrap_or(0).min(max);
            let mut references: Vec<RefView> = c
                .referentiels
                .digcomp
                .iter()
                .map(|code| RefView {
                    referentiel: DIGCOMP_EDITION,
                    code: text(code),
                    titre: digcomp(code).map(|d| d.titre_fr).unwrap_or_default().to_owned(),
                })
                .collect();
            references.extend(c.referentiels.pix.iter().map(|code| RefView {
                referentiel: "CRCN (Pix)",
                code: text(code),
                titre: pix_title(code).unwrap_or_default().to_owned(),
            }));
            CompetenceView {
                id: text(&c.id),
                libelle: text(&c.libelle),
                description: opt(&c.description),
                niveau: level,
                niveau_libelle: niveaux
                    .iter()
                    .find(|n| n.niveau == level)
                    .map(|n| n.libelle.clone())
                    .unwrap_or_default(),
                niveau_echelle: format!("{}{}", "●".repeat(filled), "○".repeat(max - filled)),
                essentielle: c.essentielle.value,
                missions: texts(&c.missions),
                missions_intitules: c
                    .missions
                    .iter()
                    .filter_map(|id| missions.iter().find(|m| m.id == id.value).map(|m| m.intitule.clone()))
                    .collect(),
                references,
                rome: texts(&c.referentiels.rome),
                esco: texts(&c.referentiels.esco),
                criteres: texts(c.criteres()),
                questions: texts(c.questions()),
            }
        };
        let categories: Vec<CategorieView> = Categorie::ALL
            .into_iter()
            .map(|cat| CategorieView {
                cle: cat.key(),
                titre: cat.label(),
                competences: p.competences.list(cat).iter().map(competence).collect(),
            })
            .collect();
        let matrice = categories
            .iter()
            .flat_map(|cat| {
                cat.competences.iter().map(|c| LigneMatrice {
                    id: c.id.clone(),
                    libelle: c.libelle.clone(),
                    categorie: cat.titre,
                    cellules: missions.iter().map(|m| c.missions.contains(&m.id)).collect(),
                })
            })
            .collect();
        ProfilView {
            id: text(&p.id),
            version: text(&p.version),
            statut: p.statut.label(),
            intitule: text(&p.intitule),
            appellations: texts(&p.appellations),
            famille: opt(&p.famille),
            metier_rome: p.metier.as_ref().map(|m| texts(&m.rome)).unwrap_or_default(),
            metier_esco: p.metier.as_ref().map(|m| texts(&m.esco)).unwrap_or_default(),
            finalite: text(&p.finalite),
            contexte: opt(&p.contexte),
            mise_a_jour: text(&p.mise_a_jour),
            mise_a_jour_texte: date_fr(&p.mise_a_jour),
            nombre_competences: p.competences.len(),
            adaptation: None,
            niveaux,
            missions,
            categories,
            matrice,
            conditions_exercice: texts(&p.conditions_exercice),
            relations_internes: texts(&p.relations.internes),
            relations_externes: texts(&p.relations.externes),
            formation: texts(&p.profil_recherche.formation),
            experience: texts(&p.profil_recherche.experience),
            indicateurs: texts(&p.indicateurs),
            evolutions: texts(&p.evolutions),
            sources: p
                .sources
                .iter()
                .map(|s| SourceView {
                    titre: text(&s.titre),
                    auteur: opt(&s.auteur),
                    date: s.date.as_ref().map(|d| date_fr(d)),
                    url: opt(&s.url),
                    apport: text(&s.apport),
                })
                .collect(),
        }
    }
}

/// `2026-11-28` → `28 novembre 2026` (text left as is when it is not a date).
pub fn date_fr(date: &str) -> String {
    const MOIS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m] => match m.parse::<usize>() {
            Ok(m @ 1..=12) => format!("{} {y}", MOIS[m - 1]),
            _ => date.to_owned(),
        },
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m @ 1..=12), Ok(d)) => {
                let d = if d == 1 { "1er".to_owned() } else { d.to_string() };
                format!("{d} {} {y}", MOIS[m - 1])
            }
            _ => date.to_owned(),
        },
        _ => date.to_owned(),
    }
}
