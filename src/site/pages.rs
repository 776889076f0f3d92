//! Where each page goes, and the rows of the site's index.

use serde::Serialize;

use crate::adapt::diff::Diff;
use crate::model::{Categorie, Poste, Profil};

/// What every page of the site knows of the site.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub titre: String,
    /// The way back to the root from the page: `""` or `"../"`.
    pub racine: &'static str,
    /// `index`, `comparaison`, `recherche`, or the kind of document page.
    pub page: &'static str,
    /// Number of files the site was built from.
    pub fichiers: usize,
}

/// The page of a profile or an adaptation (its référentiel).
pub fn profil_page(id: &str) -> String {
    format!("profils/{}.html", file_name(id))
}

/// The page comparing an adaptation with its base.
pub fn ecarts_page(id: &str) -> String {
    format!("ecarts/{}.html", file_name(id))
}

/// The page of a post, under a name made unique beforehand.
pub fn poste_page(name: &str) -> String {
    format!("postes/{name}.html")
}

/// Ids are checked slugs; anything else is replaced, so a page name never
/// leaves its folder.
pub fn file_name(id: &str) -> String {
    let name: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if name.is_empty() { "sans-identifiant".into() } else { name }
}

/// Which table of the index a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Groupe {
    Profil,
    Adaptation,
    Poste,
}

/// A link to another document of the site, or only its name when it has no page.
#[derive(Debug, Clone, Serialize)]
pub struct Lien {
    pub titre: String,
    pub url: Option<String>,
}

/// One row of the index.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    #[serde(skip)]
    pub groupe: Groupe,
    pub id: String,
    pub intitule: String,
    pub url: String,
    pub statut: Option<&'static str>,
    pub version: Option<String>,
    /// Missions and competencies, in words.
    pub contenu: String,
    /// The profile adapted (adaptation) or used (post).
    pub base: Option<Lien>,
    /// The employer and the place (post).
    pub structure: Option<String>,
    pub mise_a_jour: String,
    pub fichier: String,
    pub ecarts: Option<String>,
    pub ecarts_resume: Option<String>,
}

impl Row {
    /// A profile or an adapted profile (merged), at its page.
    pub fn profil(p: &Profil, groupe: Groupe, fichier: String) -> Row {
        Row {
            groupe,
            id: p.id.value.clone(),
            intitule: p.intitule.value.trim().to_owned(),
            url: profil_page(&p.id.value),
            statut: Some(p.statut.label()),
            version: Some(p.version.value.clone()),
            contenu: contenu(p),
            base: None,
            structure: None,
            mise_a_jour: crate::render::view::date_fr(&p.mise_a_jour.value),
            fichier,
            ecarts: None,
            ecarts_resume: None,
        }
    }

    /// An adaptation: its merged profile, its base and the size of its changes.
    pub fn adaptation(merged: &Profil, base: Lien, diff: &Diff, fichier: String) -> Row {
        let count = |n: &str| diff.elements.iter().filter(|e| e.nature == n).count();
        let fields = changed_fields(diff).count();
        let resume = if fields + diff.elements.len() == 0 {
            "aucun écart".to_owned()
        } else {
            format!(
                "{}, {}, {}",
                plural(count("ajout"), "ajout", "ajouts"),
                plural(count("modification") + fields, "modification", "modifications"),
                plural(count("retrait"), "retrait", "retraits")
            )
        };
        Row {
            base: Some(base),
            ecarts: Some(ecarts_page(&merged.id.value)),
            ecarts_resume: Some(resume),
            ..Row::profil(merged, Groupe::Adaptation, fichier)
        }
    }

    /// A post, at the page named `page`, built on the profile `profil`.
    pub fn poste(p: &Poste, profil: Lien, intitule: &str, page: String, fichier: String) -> Row {
        Row {
            groupe: Groupe::Poste,
            id: p.id.value.clone(),
            intitule: intitule.trim().to_owned(),
            url: page,
            statut: None,
            version: None,
            contenu: plural(p.missions_specifiques.len(), "mission propre au poste", "missions propres au poste"),
            base: Some(profil),
            structure: Some(format!("{}, {}", p.structure.nom.value.trim(), p.localisation.ville.value.trim())),
            mise_a_jour: crate::render::view::date_fr(&p.mise_a_jour.value),
            fichier,
            ecarts: None,
            ecarts_resume: None,
        }
    }

    /// The key the index is sorted by: title without accents or case, then id.
    pub fn sort_key(&self) -> (Groupe, String, String) {
        (self.groupe, crate::text::suggest::fold(&self.intitule), self.id.clone())
    }
}

fn contenu(p: &Profil) -> String {
    let n = |c: Categorie| p.competences.list(c).len();
    format!(
        "{} ; {} ({}, {}, {})",
        plural(p.missions.len(), "mission", "missions"),
        plural(p.competences.len(), "compétence", "compétences"),
        plural(n(Categorie::Savoirs), "savoir", "savoirs"),
        plural(n(Categorie::SavoirFaire), "savoir-faire", "savoir-faire"),
        plural(n(Categorie::SavoirEtre), "savoir-être", "savoir-être")
    )
}

/// `1 mission`, `0 mission`, `2 missions` (French: the plural starts at 2).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}

/// The fields of the profile a diff changes, without those that always
/// differ between an adaptation and its base (`id`, `version`).
pub fn changed_fields(diff: &Diff) -> impl Iterator<Item = &crate::adapt::diff::FieldChange> {
    diff.champs.iter().filter(|c| !matches!(c.champ, "id" | "version"))
}

/// How a file is named in the index: relative to the current folder when
/// it is inside it (no `./`, no absolute path of the machine that built).
pub fn shown(input: &crate::load::Input) -> String {
    use std::path::{Component, Path};
    let crate::load::Input::Disk(path) = input else {
        return input.name();
    };
    let here = std::env::current_dir().ok();
    let relative = match &here {
        Some(here) if path.is_absolute() => path.strip_prefix(here).unwrap_or(path),
        _ => path.as_path(),
    };
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() { Path::new(path).display().to_string() } else { parts.join("/") }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn page_names_never_leave_their_folder() {
        assert_eq!(file_name("conseiller-cci-aveyron"), "conseiller-cci-aveyron");
        assert_eq!(file_name("../../etc/passwd"), "------etc-passwd");
        assert_eq!(file_name("é/x"), "--x");
        assert_eq!(file_name(""), "sans-identifiant");
    }
}
