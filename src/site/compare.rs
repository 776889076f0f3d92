//! The two reference profiles side by side: their purposes, missions and
//! competencies, and the DigComp areas where their work meets.

use std::collections::BTreeMap;

use serde::Serialize;

use super::pages::profil_page;
use crate::model::referentiels;
use crate::model::{Categorie, Competence, Profil};

/// One profile, as one column of the comparison.
#[derive(Debug, Serialize)]
pub struct Cote {
    pub id: String,
    pub intitule: String,
    pub url: String,
    pub finalite: String,
    pub missions: Vec<MissionLien>,
}

#[derive(Debug, Serialize)]
pub struct MissionLien {
    pub id: String,
    pub intitule: String,
}

/// A competency of one side, linked to its place in the référentiel.
#[derive(Debug, Clone, Serialize)]
pub struct CompetenceLien {
    pub id: String,
    pub libelle: String,
    pub niveau: i64,
    pub essentielle: bool,
    pub url: String,
}

/// One figure for both profiles.
#[derive(Debug, Serialize)]
pub struct Effectif {
    pub libelle: &'static str,
    pub a: String,
    pub b: String,
}

/// One category, both sides.
#[derive(Debug, Serialize)]
pub struct CategorieCote {
    pub cle: &'static str,
    pub titre: &'static str,
    pub a: Vec<CompetenceLien>,
    pub b: Vec<CompetenceLien>,
}

/// One DigComp competence and the competencies of each profile tied to it.
#[derive(Debug, Serialize)]
pub struct LigneDigcomp {
    pub code: String,
    pub titre: String,
    pub a: Vec<CompetenceLien>,
    pub b: Vec<CompetenceLien>,
}

/// The whole comparison page.
#[derive(Debug, Serialize)]
pub struct ComparaisonView {
    pub a: Cote,
    pub b: Cote,
    pub effectifs: Vec<Effectif>,
    pub categories: Vec<CategorieCote>,
    pub digcomp: Vec<LigneDigcomp>,
}

impl ComparaisonView {
    pub fn new(a: &Profil, b: &Profil) -> ComparaisonView {
        let categories = Categorie::ALL
            .iter()
            .map(|&cat| CategorieCote {
                cle: cat.key(),
                titre: cat.label(),
                a: a.competences.list(cat).iter().map(|c| lien(a, c)).collect(),
                b: b.competences.list(cat).iter().map(|c| lien(b, c)).collect(),
            })
            .collect();
        ComparaisonView { a: cote(a), b: cote(b), effectifs: effectifs(a, b), categories, digcomp: digcomp(a, b) }
    }
}

fn cote(p: &Profil) -> Cote {
    Cote {
        id: p.id.value.clone(),
        intitule: p.intitule.value.trim().to_owned(),
        url: profil_page(&p.id.value),
        finalite: p.finalite.value.trim_end().to_owned(),
        missions: p
            .missions
            .iter()
            .map(|m| MissionLien { id: m.id.value.clone(), intitule: m.intitule.value.trim().to_owned() })
            .collect(),
    }
}

fn lien(p: &Profil, c: &Competence) -> CompetenceLien {
    CompetenceLien {
        id: c.id.value.clone(),
        libelle: c.libelle.value.trim().to_owned(),
        niveau: c.niveau.value,
        essentielle: *c.essentielle,
        url: format!("{}#{}", profil_page(&p.id.value), c.id.value),
    }
}

fn effectifs(a: &Profil, b: &Profil) -> Vec<Effectif> {
    let both = |libelle: &'static str, f: &dyn Fn(&Profil) -> String| Effectif { libelle, a: f(a), b: f(b) };
    let mut out = vec![both("Missions", &|p| p.missions.len().to_string())];
    for cat in Categorie::ALL {
        out.push(both(cat.label(), &|p| p.competences.list(cat).len().to_string()));
    }
    out.push(both("Compétences essentielles", &|p| {
        p.competences.iter().filter(|(_, c)| *c.essentielle).count().to_string()
    }));
    out.push(both("Niveau attendu moyen", &|p| mean_level(p)));
    out.push(both("Compétences rattachées à DigComp", &|p| {
        p.competences.iter().filter(|(_, c)| !c.referentiels.digcomp.is_empty()).count().to_string()
    }));
    out
}

/// Mean expected level, with one decimal and a French comma (`2,6`).
fn mean_level(p: &Profil) -> String {
    let levels: Vec<i64> = p.competences.iter().map(|(_, c)| c.niveau.value).collect();
    if levels.is_empty() {
        return "–".into();
    }
    let tenths = (levels.iter().sum::<i64>() * 10 + levels.len() as i64 / 2) / levels.len() as i64;
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The competencies of each side tied to one DigComp code.
type Sides = (Vec<CompetenceLien>, Vec<CompetenceLien>);

fn digcomp(a: &Profil, b: &Profil) -> Vec<LigneDigcomp> {
    // Codes sorted as numbers: 1.1, 1.2 … 5.4.
    let key = |code: &str| -> (u32, u32, String) {
        let (x, y) = code.split_once('.').unwrap_or((code, "0"));
        (x.parse().unwrap_or(u32::MAX), y.parse().unwrap_or(u32::MAX), code.to_owned())
    };
    let mut rows: BTreeMap<(u32, u32, String), Sides> = BTreeMap::new();
    for (side, p) in [(0, a), (1, b)] {
        for (_, c) in p.competences.iter() {
            for code in &c.referentiels.digcomp {
                let row = rows.entry(key(&code.value)).or_default();
                let list = if side == 0 { &mut row.0 } else { &mut row.1 };
                list.push(lien(p, c));
            }
        }
    }
    rows.into_iter()
        .map(|((_, _, code), (a, b))| LigneDigcomp {
            titre: referentiels::digcomp(&code).map(|d| d.titre_fr).unwrap_or("").to_owned(),
            code,
            a,
            b,
        })
        .collect()
}
