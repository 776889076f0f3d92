//! Gap reports: one person's levels against the profile (`Rapport`), and a
//! team's (`Equipe`). Plain data, serialized as JSON or shown through the
//! templates `ecarts.*` and `equipe.*`.

use serde::Serialize;

use super::lecture::Saisie;
use super::{Grille, LigneGrille};
use crate::render::view::NiveauView;

/// The profile a report is about.
#[derive(Debug, Clone, Serialize)]
pub struct ProfilRapport {
    pub id: String,
    pub version: String,
    pub intitule: String,
    pub niveaux: Vec<NiveauView>,
}

impl ProfilRapport {
    fn new(g: &Grille) -> ProfilRapport {
        ProfilRapport {
            id: g.profil_id.clone(),
            version: g.version.clone(),
            intitule: g.intitule.clone(),
            niveaux: g.niveaux.clone(),
        }
    }
}

/// One competency of one person, against its required level.
#[derive(Debug, Clone, Serialize)]
pub struct Ecart {
    pub id: String,
    pub libelle: String,
    pub categorie: &'static str,
    pub essentielle: bool,
    pub requis: i64,
    pub requis_libelle: String,
    /// `None`: not assessed.
    pub observe: Option<i64>,
    pub observe_libelle: Option<String>,
    /// Observed less required: negative below the level.
    pub ecart: Option<i64>,
    pub preuves: Option<String>,
    pub criteres: Vec<String>,
}

/// One step of the development plan.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    pub rang: usize,
    pub id: String,
    pub libelle: String,
    pub essentielle: bool,
    /// « Application (2) ».
    pub de: String,
    /// « Maîtrise (3) ».
    pub vers: String,
    pub ecart: i64,
    /// What to aim at: the competency's observable criteria.
    pub criteres: Vec<String>,
}

/// Counts of a report.
#[derive(Debug, Clone, Serialize)]
pub struct Synthese {
    pub competences: usize,
    pub evaluees: usize,
    pub en_dessous: usize,
    pub essentielles_en_dessous: usize,
    pub au_niveau: usize,
    pub au_dessus: usize,
    pub non_evaluees: usize,
}

/// The gap report of one person.
#[derive(Debug, Clone, Serialize)]
pub struct Rapport {
    pub profil: ProfilRapport,
    /// The person's name, or their code (`--pseudonymiser`), or none.
    pub personne: Option<String>,
    pub evaluateur: Option<String>,
    pub date: Option<String>,
    pub date_texte: Option<String>,
    pub contexte: Option<&'static str>,
    pub synthese: Synthese,
    /// Below the required level: essentials first, then the largest gaps.
    pub en_dessous: Vec<Ecart>,
    pub au_niveau: Vec<Ecart>,
    pub au_dessus: Vec<Ecart>,
    pub non_evaluees: Vec<Ecart>,
    /// Essentials not assessed: to assess before concluding.
    pub essentielles_non_evaluees: usize,
    pub plan: Vec<Action>,
}

fn ecart(g: &Grille, l: &LigneGrille, saisie: &Saisie) -> Ecart {
    let (observe, preuves) = saisie.niveaux.get(&l.id).cloned().unwrap_or((None, None));
    Ecart {
        id: l.id.clone(),
        libelle: l.libelle.clone(),
        categorie: l.categorie,
        essentielle: l.essentielle,
        requis: l.niveau,
        requis_libelle: l.niveau_libelle.clone(),
        observe,
        observe_libelle: observe.map(|n| g.libelle(n)),
        ecart: observe.map(|n| n - l.niveau),
        preuves,
        criteres: l.criteres.clone(),
    }
}

/// « Maîtrise (3) ».
fn dit(g: &Grille, n: i64) -> String {
    format!("{} ({n})", g.libelle(n))
}

impl Rapport {
    pub fn new(g: &Grille, saisie: &Saisie, personne: Option<String>, anonyme: bool) -> Rapport {
        let all: Vec<Ecart> = g.lignes().map(|l| ecart(g, l, saisie)).collect();
        let pick = |f: &dyn Fn(i64) -> bool| -> Vec<Ecart> {
            all.iter().filter(|e| e.ecart.is_some_and(f)).cloned().collect()
        };
        let mut en_dessous = pick(&|d| d < 0);
        // Essentials first, then the largest gap; the grid's order otherwise (stable sort).
        en_dessous.sort_by_key(|e| (!e.essentielle, e.ecart.unwrap_or(0)));
        let non_evaluees: Vec<Ecart> = all.iter().filter(|e| e.observe.is_none()).cloned().collect();
        let plan = en_dessous
            .iter()
            .enumerate()
            .map(|(i, e)| Action {
                rang: i + 1,
                id: e.id.clone(),
                libelle: e.libelle.clone(),
                essentielle: e.essentielle,
                de: dit(g, e.observe.unwrap_or(0)),
                vers: dit(g, e.requis),
                ecart: -e.ecart.unwrap_or(0),
                criteres: e.criteres.clone(),
            })
            .collect();
        let synthese = Synthese {
            competences: all.len(),
            evaluees: all.len() - non_evaluees.len(),
            en_dessous: en_dessous.len(),
            essentielles_en_dessous: en_dessous.iter().filter(|e| e.essentielle).count(),
            au_niveau: all.iter().filter(|e| e.ecart == Some(0)).count(),
            au_dessus: all.iter().filter(|e| e.ecart.is_some_and(|d| d > 0)).count(),
            non_evaluees: non_evaluees.len(),
        };
        Rapport {
            profil: ProfilRapport::new(g),
            personne,
            evaluateur: if anonyme { None } else { saisie.evaluateur.clone() },
            date: saisie.date.clone(),
            date_texte: saisie.date.as_deref().map(crate::render::view::date_fr),
            contexte: saisie.contexte.map(|c| c.label()),
            synthese,
            essentielles_non_evaluees: non_evaluees.iter().filter(|e| e.essentielle).count(),
            au_niveau: pick(&|d| d == 0),
            au_dessus: pick(&|d| d > 0),
            en_dessous,
            non_evaluees,
            plan,
        }
    }
}

/// One cell of the team table.
#[derive(Debug, Clone, Serialize)]
pub struct Cellule {
    pub niveau: Option<i64>,
    /// `en-dessous`, `atteint`, `au-dessus` or `non-evalue` (the CSS class).
    pub etat: &'static str,
    /// What the cell shows: `2 ▼`, `3 ●`, `4 ▲`, `–`.
    pub texte: String,
    /// What it means, in words (for screen readers and the legend).
    pub description: String,
}

/// One competency across the team.
#[derive(Debug, Clone, Serialize)]
pub struct LigneEquipe {
    pub id: String,
    pub libelle: String,
    pub categorie: &'static str,
    pub essentielle: bool,
    pub requis: i64,
    pub requis_libelle: String,
    pub cellules: Vec<Cellule>,
    pub en_dessous: usize,
    pub non_evalues: usize,
    /// Sum of the gaps of the people below the level.
    pub ecart_total: i64,
}

/// One training priority of the team.
#[derive(Debug, Clone, Serialize)]
pub struct Priorite {
    pub rang: usize,
    pub id: String,
    pub libelle: String,
    pub essentielle: bool,
    pub requis_libelle: String,
    pub en_dessous: usize,
    pub evalues: usize,
    pub ecart_total: i64,
}

/// The team view: competency × person.
#[derive(Debug, Clone, Serialize)]
pub struct Equipe {
    pub profil: ProfilRapport,
    /// Names or codes, in the order the grids were given.
    pub personnes: Vec<String>,
    pub pseudonymise: bool,
    pub lignes: Vec<LigneEquipe>,
    pub priorites: Vec<Priorite>,
}

impl Equipe {
    pub fn new(g: &Grille, saisies: &[(String, Saisie)], pseudonymise: bool) -> Equipe {
        let lignes: Vec<LigneEquipe> = g
            .lignes()
            .map(|l| {
                let cellules: Vec<Cellule> = saisies
                    .iter()
                    .map(|(_, s)| {
                        let niveau = s.niveaux.get(&l.id).and_then(|(n, _)| *n);
                        let (etat, signe, mot) = match niveau {
                            None => ("non-evalue", "", "non évalué"),
                            Some(n) if n < l.niveau => ("en-dessous", " ▼", "en dessous du niveau requis"),
                            Some(n) if n == l.niveau => ("atteint", " ●", "au niveau requis"),
                            Some(_) => ("au-dessus", " ▲", "au-dessus du niveau requis"),
                        };
                        Cellule {
                            niveau,
                            etat,
                            texte: niveau.map_or_else(|| "–".to_owned(), |n| format!("{n}{signe}")),
                            description: match niveau {
                                Some(n) => format!("{} ({n}), {mot} ({})", g.libelle(n), l.niveau),
                                None => mot.to_owned(),
                            },
                        }
                    })
                    .collect();
                let gaps: Vec<i64> =
                    cellules.iter().filter_map(|c| c.niveau).filter(|n| *n < l.niveau).map(|n| l.niveau - n).collect();
                LigneEquipe {
                    id: l.id.clone(),
                    libelle: l.libelle.clone(),
                    categorie: l.categorie,
                    essentielle: l.essentielle,
                    requis: l.niveau,
                    requis_libelle: l.niveau_libelle.clone(),
                    en_dessous: gaps.len(),
                    non_evalues: cellules.iter().filter(|c| c.niveau.is_none()).count(),
                    ecart_total: gaps.iter().sum(),
                    cellules,
                }
            })
            .collect();
        let mut priorites: Vec<&LigneEquipe> = lignes.iter().filter(|l| l.en_dessous > 0).collect();
        // Most people below first, essentials before the others, then the largest total gap.
        priorites.sort_by_key(|l| (std::cmp::Reverse(l.en_dessous), !l.essentielle, std::cmp::Reverse(l.ecart_total)));
        let priorites = priorites
            .into_iter()
            .enumerate()
            .map(|(i, l)| Priorite {
                rang: i + 1,
                id: l.id.clone(),
                libelle: l.libelle.clone(),
                essentielle: l.essentielle,
                requis_libelle: l.requis_libelle.clone(),
                en_dessous: l.en_dessous,
                evalues: saisies.len() - l.non_evalues,
                ecart_total: l.ecart_total,
            })
            .collect();
        Equipe {
            profil: ProfilRapport::new(g),
            personnes: saisies.iter().map(|(nom, _)| nom.clone()).collect(),
            pseudonymise,
            lignes,
            priorites,
        }
    }
}

/// A stable code for a person (`--pseudonymiser`): the same name always
/// gives the same code, so that two reports can be compared. A
/// pseudonym, not an anonymisation: whoever has the list of names can
/// recompute the codes (the documentation says so).
pub fn code(nom: &str) -> String {
    let folded: String = nom.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let id = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, format!("refnum-personne:{folded}").as_bytes());
    let hex = id.simple().to_string().to_uppercase();
    format!("P-{}", &hex[..6])
}
