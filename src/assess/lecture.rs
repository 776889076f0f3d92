//! Filled grids read back: from the workbook `refnum grille` wrote, or from
//! a YAML `type: positionnement` file; then checked against the profile and
//! version they name. Every problem is a finding at its place (sheet, row
//! and column for a workbook; line and column for YAML).

use std::collections::BTreeMap;

use super::{Grille, NON_EVALUE};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{self, Source};
use crate::model::{Contexte, Positionnement, Profil, Span};
use crate::text::suggest;

/// Where a value was read: its span and, in a workbook, the words that say
/// where the cell is (`feuille « Grille », ligne 12, colonne G`).
#[derive(Debug, Clone, Default)]
pub struct Lieu {
    pub span: Span,
    pub cellule: Option<String>,
}

impl Lieu {
    /// ` (feuille « Grille », ligne 12, colonne G)`, empty for YAML.
    pub fn dit(&self) -> String {
        self.cellule.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
    }
}

/// A level as written in a filled grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NiveauLu {
    NonEvalue,
    Nombre(i64),
    /// Text that is neither a level nor « non évalué ».
    Texte(String),
}

/// One row of a filled grid, before checking.
#[derive(Debug, Clone)]
pub struct LigneLue {
    pub id: String,
    pub lieu_id: Lieu,
    pub niveau: NiveauLu,
    pub lieu_niveau: Lieu,
    pub preuves: Option<String>,
}

/// A filled grid as read, before it is checked against its profile.
#[derive(Debug, Clone, Default)]
pub struct Lu {
    pub profil: String,
    pub lieu_profil: Lieu,
    pub version: String,
    pub lieu_version: Lieu,
    pub personne: Option<String>,
    pub evaluateur: Option<String>,
    pub date: Option<(String, Lieu)>,
    pub contexte: Option<Contexte>,
    pub lignes: Vec<LigneLue>,
    /// The form lists every competency of its profile (an exported
    /// workbook): a missing row was deleted, not left unassessed.
    pub toutes_les_lignes: bool,
}

/// A filled grid checked against its profile: one person's levels.
#[derive(Debug, Clone)]
pub struct Saisie {
    pub personne: Option<String>,
    pub evaluateur: Option<String>,
    pub date: Option<String>,
    pub contexte: Option<Contexte>,
    /// Observed level (`None`: not assessed) and evidence, by competency id.
    pub niveaux: BTreeMap<String, (Option<i64>, Option<String>)>,
}

/// Reads a YAML positioning file; structural problems come back as findings.
pub fn yaml(source: &Source) -> Result<Lu, Vec<Diagnostic>> {
    let root = match load::parse(source) {
        Ok(Some(root)) => root,
        Ok(None) => {
            return Err(vec![Diagnostic::new(Code::EmptyFile, source.start_span(), "le fichier est vide").with_help(
                "un positionnement commence par `type: positionnement`, `profil:` et `version:` ; voir `refnum schema positionnement`",
            )]);
        }
        Err(d) => return Err(vec![d]),
    };
    let mut out = Vec::new();
    crate::check::structure::check_against(source, &root, crate::schema::positionnement(), &mut out);
    if !out.is_empty() {
        return Err(out);
    }
    let p: Positionnement = load::from_tree(source, root).map_err(|e| {
        vec![Diagnostic::new(Code::WrongType, e.span.unwrap_or_else(|| source.start_span()), e.message)]
    })?;
    let lieu = |span: Span| Lieu { span, cellule: None };
    let texte =
        |t: &Option<crate::model::Text>| t.as_ref().map(|t| t.value.trim().to_owned()).filter(|t| !t.is_empty());
    Ok(Lu {
        profil: p.profil.value.trim().to_owned(),
        lieu_profil: lieu(p.profil.span),
        version: p.version.value.trim().to_owned(),
        lieu_version: lieu(p.version.span),
        personne: texte(&p.personne),
        evaluateur: texte(&p.evaluateur),
        date: p.date.as_ref().map(|d| (d.value.trim().to_owned(), lieu(d.span))),
        contexte: p.contexte.map(|c| c.value),
        lignes: p
            .observations
            .iter()
            .map(|o| LigneLue {
                id: o.competence.value.trim().to_owned(),
                lieu_id: lieu(o.competence.span),
                niveau: o.niveau.as_ref().map_or(NiveauLu::NonEvalue, |n| NiveauLu::Nombre(n.value)),
                lieu_niveau: lieu(o.niveau.as_ref().map_or(o.competence.span, |n| n.span)),
                preuves: texte(&o.preuves),
            })
            .collect(),
        toutes_les_lignes: false,
    })
}

/// A level cell of a workbook: `3 – Maîtrise`, `3`, `Maîtrise`, « non
/// évalué » or empty.
pub fn niveau_cellule(text: &str, grille: Option<&Grille>) -> NiveauLu {
    let text = text.trim();
    let folded = text.to_lowercase();
    if text.is_empty() || folded == NON_EVALUE || folded == "non evalue" {
        return NiveauLu::NonEvalue;
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let rest = text[digits.len()..].trim_start_matches([' ', '\u{a0}', '–', '-', '.']).trim();
        if let Ok(n) = digits.parse::<i64>() {
            // `3 – Maîtrise`: the number decides, the label must agree with it.
            let agrees = rest.is_empty()
                || grille
                    .is_none_or(|g| g.niveaux.iter().any(|l| l.niveau == n && l.libelle.eq_ignore_ascii_case(rest)));
            if agrees {
                return NiveauLu::Nombre(n);
            }
        }
        return NiveauLu::Texte(text.to_owned());
    }
    match grille.and_then(|g| g.niveaux.iter().find(|l| l.libelle.to_lowercase() == folded)) {
        Some(l) => NiveauLu::Nombre(l.niveau),
        None => NiveauLu::Texte(text.to_owned()),
    }
}

/// Checks a grid against the profile it names (found by the caller):
/// same id and version, known competencies, each once, levels on the scale.
pub fn verifier(lu: &Lu, profil: &Profil) -> Result<Saisie, Vec<Diagnostic>> {
    let grille = Grille::new(profil, None);
    let mut errors = Vec::new();
    if lu.profil != grille.profil_id {
        errors.push(
            Diagnostic::new(
                Code::UnknownValue,
                lu.lieu_profil.span,
                format!(
                    "cette grille est celle du profil `{}`, pas de `{}`{}",
                    lu.profil,
                    grille.profil_id,
                    lu.lieu_profil.dit()
                ),
            )
            .with_help("comparez des grilles d'un même profil ; produisez la grille de ce profil avec `refnum grille`"),
        );
        return Err(errors);
    }
    if lu.version != grille.version {
        errors.push(
            Diagnostic::new(
                Code::UnknownValue,
                lu.lieu_version.span,
                format!(
                    "grille remplie sur la version {} du profil `{}`, qui est aujourd'hui en version {}{}",
                    lu.version,
                    grille.profil_id,
                    grille.version,
                    lu.lieu_version.dit()
                ),
            )
            .with_help(
                "les compétences et les niveaux requis ont pu changer : produisez la grille de la version en vigueur avec `refnum grille`, ou lisez celle-ci avec le dossier de profils de sa version (--profiles)",
            ),
        );
        return Err(errors);
    }
    if let Some((date, lieu)) = &lu.date
        && !crate::check::is_date(date)
    {
        errors.push(
            Diagnostic::new(
                Code::InvalidDate,
                lieu.span,
                if looks_like_a_date(date) {
                    format!("le « {date} » n'existe pas au calendrier{}", lieu.dit())
                } else {
                    format!("« {date} » n'est pas une date au format AAAA-MM-JJ{}", lieu.dit())
                },
            )
            .with_help("écrivez la date de l'évaluation ainsi : 2026-03-02 pour le 2 mars 2026"),
        );
    }
    let ids: Vec<&str> = grille.lignes().map(|l| l.id.as_str()).collect();
    let echelle: Vec<String> = grille.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
    let mut niveaux = BTreeMap::new();
    for ligne in &lu.lignes {
        if !ids.contains(&ligne.id.as_str()) {
            let mut d = Diagnostic::new(
                Code::UnknownValue,
                ligne.lieu_id.span,
                format!(
                    "la compétence `{}` n'existe pas dans le profil `{}` (version {}){}",
                    ligne.id,
                    grille.profil_id,
                    grille.version,
                    ligne.lieu_id.dit()
                ),
            );
            d.help = suggest::did_you_mean(&ligne.id, ids.iter().copied())
                .or_else(|| Some("gardez les identifiants de la grille produite par `refnum grille`".into()));
            errors.push(d);
            continue;
        }
        if niveaux.contains_key(&ligne.id) {
            errors.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    ligne.lieu_id.span,
                    format!("la compétence `{}` est évaluée deux fois{}", ligne.id, ligne.lieu_id.dit()),
                )
                .with_help("gardez une seule ligne par compétence"),
            );
            continue;
        }
        let niveau = match &ligne.niveau {
            NiveauLu::NonEvalue => None,
            NiveauLu::Nombre(n) if grille.niveaux.iter().any(|l| l.niveau == *n) => Some(*n),
            NiveauLu::Nombre(n) => {
                errors.push(hors_echelle(&n.to_string(), ligne, &echelle));
                continue;
            }
            NiveauLu::Texte(t) => match niveau_cellule(t, Some(&grille)) {
                NiveauLu::Nombre(n) if grille.niveaux.iter().any(|l| l.niveau == n) => Some(n),
                _ => {
                    errors.push(hors_echelle(t, ligne, &echelle));
                    continue;
                }
            },
        };
        niveaux.insert(ligne.id.clone(), (niveau, ligne.preuves.clone()));
    }
    if lu.toutes_les_lignes {
        // A deleted row: reported where it stood, at the next row kept.
        for (i, id) in ids.iter().enumerate() {
            if lu.lignes.iter().any(|l| l.id == *id) {
                continue;
            }
            let suivante = ids[i + 1..].iter().find_map(|next| lu.lignes.iter().find(|l| l.id == *next));
            let Some(ligne) = suivante.or(lu.lignes.last()) else { break };
            errors.push(
                Diagnostic::new(
                    Code::MissingKey,
                    ligne.lieu_id.span,
                    format!("la ligne de la compétence `{id}` manque dans la grille : a-t-elle été supprimée ?{}", ligne.lieu_id.dit()),
                )
                .with_help("une grille garde une ligne par compétence ; laissez le niveau vide ou « non évalué » plutôt que de supprimer la ligne, ou produisez une nouvelle grille avec `refnum grille`"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Saisie {
        personne: lu.personne.clone(),
        evaluateur: lu.evaluateur.clone(),
        date: lu.date.as_ref().map(|(d, _)| d.clone()),
        contexte: lu.contexte,
        niveaux,
    })
}

/// `AAAA-MM-JJ` in shape, whether or not the day exists.
fn looks_like_a_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn hors_echelle(value: &str, ligne: &LigneLue, echelle: &[String]) -> Diagnostic {
    Diagnostic::new(
        Code::LevelOutOfScale,
        ligne.lieu_niveau.span,
        format!(
            "le niveau observé « {value} » de la compétence `{}` n'est pas sur l'échelle du profil{}",
            ligne.id,
            ligne.lieu_niveau.dit()
        ),
    )
    .with_help(format!("niveaux permis : {}, ou « {NON_EVALUE} »", echelle.join(", ")))
}
