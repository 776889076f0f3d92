//! `refnum list`: one line per profile or post, with its counts.

use serde::Serialize;

use crate::cli::{ListArgs, ListFormat};
use crate::diagnostic::{Summary, human};
use crate::error::Error;
use crate::model::{Categorie, Document};
use crate::workspace::batch::check_all;
use crate::{Outcome, Terminal, exit};

/// One row of the listing.
#[derive(Debug, Serialize)]
pub struct Row {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: String,
    pub version: Option<String>,
    pub statut: Option<String>,
    pub intitule: String,
    pub missions: usize,
    pub savoirs: usize,
    pub savoir_faire: usize,
    pub savoir_etre: usize,
    pub profil: Option<String>,
    pub file: String,
}

impl Row {
    fn of(document: &Document) -> Row {
        match document {
            Document::Profil(p) => Row {
                kind: "profil",
                id: p.id.value.clone(),
                version: Some(p.version.value.clone()),
                statut: Some(p.statut.label().to_owned()),
                intitule: p.intitule.value.clone(),
                missions: p.missions.len(),
                savoirs: p.competences.list(Categorie::Savoirs).len(),
                savoir_faire: p.competences.list(Categorie::SavoirFaire).len(),
                savoir_etre: p.competences.list(Categorie::SavoirEtre).len(),
                profil: None,
                file: String::new(),
            },
            Document::Adaptation(a) => Row {
                kind: "adaptation",
                id: a.id.value.clone(),
                version: Some(a.version.value.clone()),
                statut: a.statut.as_ref().map(|s| s.label().to_owned()),
                intitule: a.intitule.as_ref().map_or_else(
                    || format!("(intitulé du profil {})", a.extends.value.reference().value),
                    |t| t.value.clone(),
                ),
                missions: 0,
                savoirs: 0,
                savoir_faire: 0,
                savoir_etre: 0,
                profil: Some(a.extends.value.reference().value.clone()),
                file: String::new(),
            },
            Document::Poste(p) => Row {
                kind: "poste",
                id: p.id.value.clone(),
                version: None,
                statut: None,
                intitule: p
                    .intitule
                    .as_ref()
                    .map_or_else(|| format!("(intitulé du profil {})", p.profil.value), |t| t.value.clone()),
                missions: p.missions_specifiques.len(),
                savoirs: 0,
                savoir_faire: 0,
                savoir_etre: 0,
                profil: Some(p.profil.value.clone()),
                file: String::new(),
            },
        }
    }
}

pub fn run(args: &ListArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let inputs = super::inputs(&args.paths)?;
    let checked = check_all(&inputs, Row::of)?;
    let mut rows = Vec::new();
    let mut invalid = Vec::new();
    for c in checked {
        match c.kept {
            Some(mut row) => {
                row.file = c.report.name.clone();
                rows.push(row);
            }
            None => invalid.push(c.report),
        }
    }
    let stdout = match args.format {
        ListFormat::Json => {
            let mut s = serde_json::to_string_pretty(&rows).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Table => table(&rows),
    };
    let mut stderr = String::new();
    let mut code = exit::OK;
    invalid.retain(|r| r.count(crate::diagnostic::Severity::Error) > 0);
    if !invalid.is_empty() {
        let summary = Summary::of(&invalid);
        stderr = human::render(&invalid, &summary, terminal.stderr_color);
        stderr.push_str(&format!(
            "{} fichier(s) non listé(s) car invalide(s) : lancez `refnum validate` pour le détail.\n",
            invalid.len()
        ));
        code = exit::INVALID;
    }
    Ok(Outcome { stdout: stdout.into_bytes(), stderr, code })
}

fn table(rows: &[Row]) -> String {
    let header = [
        "TYPE",
        "ID",
        "VERSION",
        "STATUT",
        "INTITULÉ",
        "MISSIONS",
        "SAVOIRS",
        "SAVOIR-FAIRE",
        "SAVOIR-ÊTRE",
        "FICHIER",
    ];
    let cells: Vec<[String; 10]> = rows
        .iter()
        .map(|r| {
            let (s, sf, se) = if r.kind == "profil" {
                (r.savoirs.to_string(), r.savoir_faire.to_string(), r.savoir_etre.to_string())
            } else {
                ("-".into(), "-".into(), "-".into())
            };
            [
                r.kind.to_owned(),
                r.id.clone(),
                r.version.clone().unwrap_or_else(|| "-".into()),
                r.statut.clone().unwrap_or_else(|| "-".into()),
                r.intitule.clone(),
                if r.kind == "adaptation" { "-".into() } else { r.missions.to_string() },
                s,
                sf,
                se,
                r.file.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            l.push_str(cell);
            if i + 1 < cells.len() {
                l.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for row in &cells {
        line(row.iter().map(String::as_str).collect());
    }
    if rows.is_empty() {
        out.push_str("(aucun profil ni poste valide)\n");
    }
    out
}
