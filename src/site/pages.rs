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
    /// Id of the profile adapted (adaptation) or used (post); made a link at the end.
    #[serde(skip)]
    pub base_id: Option<String>,
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
            base_id: None,
            base: None,
            structure: None,
            mise_a_jour: crate::render::view::date_fr(&p.mise_a_jour.value),
            fichier,
            ecarts: None,
            ecarts_resume: None,
        }
    }

    /// An adaptation: its merged profile, its base and the size of its changes.
    pub fn adaptation(merged: &Profil, base_id: &str, diff: &Diff, fichier: String) -> Row {
        let count = |n: &str| diff.elements.iter().filter(|e| e.nature == n).count();
        let resume = format!(
            "{} ajout(s), {} modification(s), {} retrait(s)",
            count("ajout"),
            count("modification") + diff.champs.len(),
            count("retrait")
        );
        Row {
            base_id: Some(base_id.to_owned()),
            ecarts: Some(ecarts_page(&merged.id.value)),
            ecarts_resume: Some(resume),
            ..Row::profil(merged, Groupe::Adaptation, fichier)
        }
    }

    /// A post, at the page named `page`, built on `profil`.
    pub fn poste(p: &Poste, profil: &Profil, page: String, fichier: String) -> Row {
        Row {
            groupe: Groupe::Poste,
            id: p.id.value.clone(),
            intitule: p.intitule.as_ref().unwrap_or(&profil.intitule).value.trim().to_owned(),
            url: page,
            statut: None,
            version: None,
            contenu: format!("{} mission(s) propre(s) au poste", p.missions_specifiques.len()),
            base_id: Some(profil.id.value.clone()),
            base: None,
            structure: Some(format!("{}, {}", p.structure.nom.value.trim(), p.localisation.ville.value.trim())),
            mise_a_jour: crate::render::view::date_fr(&p.mise_a_jour.value),
            fichier,
            ecarts: None,
            ecarts_resume: None,
        }
    }

    /// The key the index is sorted by: title without accents or case, then id.
    pub fn sort_key(&self) -> (Groupe, String, String) {
        (self.groupe, crate::check::suggest::fold(&self.intitule), self.id.clone())
    }
}

fn contenu(p: &Profil) -> String {
    let n = |c: Categorie| p.competences.list(c).len();
    format!(
        "{} missions ; {} compétences ({} savoirs, {} savoir-faire, {} savoir-être)",
        p.missions.len(),
        p.competences.len(),
        n(Categorie::Savoirs),
        n(Categorie::SavoirFaire),
        n(Categorie::SavoirEtre)
    )
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
