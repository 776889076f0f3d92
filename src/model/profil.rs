//! The competency profile (`type: profil`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Competences, Mission, Niveau, Spanned, Text, default_niveaux};

/// The only accepted value of `type` in a profile file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Type de document : `profil`.")]
#[serde(rename_all = "kebab-case")]
pub enum ProfilKind {
    Profil,
}

/// Publication status of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Statut de publication : brouillon, publie ou obsolete.")]
#[serde(rename_all = "kebab-case")]
pub enum Statut {
    Brouillon,
    Publie,
    Obsolete,
}

impl Statut {
    pub fn label(self) -> &'static str {
        match self {
            Statut::Brouillon => "brouillon",
            Statut::Publie => "publié",
            Statut::Obsolete => "obsolète",
        }
    }
}

/// A competency profile: the job type, independent of any employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "Profil de compétences refnum (format v1)",
    description = "Profil de compétences : le métier type, indépendamment de tout employeur."
)]
pub struct Profil {
    #[serde(rename = "type")]
    pub kind: Spanned<ProfilKind>,
    // Kebab-case slug, unique among the profiles.
    #[schemars(description = "Identifiant du profil : minuscules sans accents et tirets, unique dans le dépôt.")]
    pub id: Text,
    // Semantic version `MAJEUR.MINEUR.CORRECTIF`.
    #[schemars(description = "Version au format MAJEUR.MINEUR.CORRECTIF, par exemple 1.0.0.")]
    pub version: Text,
    pub statut: Spanned<Statut>,
    pub intitule: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appellations: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub famille: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metier: Option<Metier>,
    pub finalite: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexte: Option<Text>,
    pub missions: Spanned<Vec<Mission>>,
    pub competences: Spanned<Competences>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub niveaux: Option<Spanned<Vec<Niveau>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions_exercice: Vec<Text>,
    #[serde(default, skip_serializing_if = "Relations::is_empty")]
    pub relations: Relations,
    #[serde(default, skip_serializing_if = "ProfilRecherche::is_empty")]
    pub profil_recherche: ProfilRecherche,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicateurs: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evolutions: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    // Date of the last update, `AAAA-MM-JJ`.
    #[schemars(description = "Date de dernière mise à jour, au format AAAA-MM-JJ.")]
    pub mise_a_jour: Text,
}

impl Profil {
    /// The scale in force: the profile's own, or the default one.
    pub fn scale(&self) -> Vec<Niveau> {
        self.niveaux.as_ref().map_or_else(default_niveaux, |n| n.value.clone())
    }
}

/// The occupation's own codes: what the job is, as opposed to the codes of
/// its competencies, which are only correspondences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    description = "Classement du métier lui-même : ses fiches ROME et, s'il en existe une qui convienne, sa profession ESCO. Les codes des compétences ne sont que des correspondances."
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Metier {
    // ROME fiches of the occupation, e.g. `K1802`.
    #[schemars(description = "Fiches ROME (France Travail) du métier, par exemple `K1802`.")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rome: Vec<Text>,
    // ESCO occupations, e.g. `http://data.europa.eu/esco/occupation/<uuid>`.
    #[schemars(description = "Professions ESCO : adresses http://data.europa.eu/esco/occupation/<identifiant>.")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco: Vec<Text>,
}

impl Metier {
    pub fn is_empty(&self) -> bool {
        self.rome.is_empty() && self.esco.is_empty()
    }
}

/// Working relations of the role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Relations de travail, internes et externes.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Relations {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internes: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub externes: Vec<Text>,
}

impl Relations {
    pub fn is_empty(&self) -> bool {
        self.internes.is_empty() && self.externes.is_empty()
    }
}

/// Background sought in candidates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Formation et expérience recherchées.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProfilRecherche {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formation: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience: Vec<Text>,
}

impl ProfilRecherche {
    pub fn is_empty(&self) -> bool {
        self.formation.is_empty() && self.experience.is_empty()
    }
}

/// A source the profile was written from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Source dont le profil s'inspire.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    pub titre: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auteur: Option<Text>,
    // `AAAA`, `AAAA-MM` or `AAAA-MM-JJ`.
    #[schemars(description = "Date de la source : AAAA, AAAA-MM ou AAAA-MM-JJ.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    // What the profile took from this source.
    #[schemars(description = "Ce que le profil doit à cette source.")]
    pub apport: Text,
}
