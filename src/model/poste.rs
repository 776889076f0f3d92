//! The job post (`type: poste`): one real post in one structure, built on a profile.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};

/// The only accepted value of `type` in a post file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Type de document : `poste`.")]
#[serde(rename_all = "kebab-case")]
pub enum PosteKind {
    Poste,
}

/// A job post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "Fiche de poste refnum (format v1)",
    description = "Poste réel dans une structure, bâti sur un profil."
)]
pub struct Poste {
    #[serde(rename = "type")]
    pub kind: Spanned<PosteKind>,
    // Kebab-case slug.
    #[schemars(description = "Identifiant du poste : minuscules sans accents et tirets.")]
    pub id: Text,
    // Id of a profile, or a path to its file relative to this file.
    #[schemars(description = "Identifiant du profil, ou chemin de son fichier relatif à ce fichier.")]
    pub profil: Text,
    // Title of the post; the profile's title when absent.
    #[schemars(description = "Intitulé du poste ; à défaut, celui du profil.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intitule: Option<Text>,
    pub structure: Structure,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<Text>,
    pub localisation: Localisation,
    // Catégorie or level, e.g. "Catégorie B".
    #[schemars(description = "Catégorie ou niveau, par exemple « Catégorie B ».")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categorie: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rattachement: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encadrement: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temps_de_travail: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contrat: Option<Contrat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remuneration: Option<Text>,
    // `AAAA-MM-JJ`.
    #[schemars(description = "Date au format AAAA-MM-JJ.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prise_de_poste: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidature: Option<Candidature>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moyens: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missions_specifiques: Vec<MissionSpecifique>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions_exercice: Vec<Text>,
    // `AAAA-MM-JJ`.
    #[schemars(description = "Date au format AAAA-MM-JJ.")]
    pub mise_a_jour: Text,
}

/// The employing structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Structure employeuse.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Structure {
    pub nom: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_web: Option<Text>,
}

/// Where the post is based.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Lieu d'exercice du poste.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Localisation {
    pub ville: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_postal: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adresse: Option<Text>,
}

/// Kind of contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Nature du contrat.")]
#[serde(rename_all = "kebab-case")]
pub enum TypeContrat {
    Cdi,
    Cdd,
    Titulaire,
    Contractuel,
    ContratDeProjet,
    Alternance,
    Stage,
}

impl TypeContrat {
    pub fn label(self) -> &'static str {
        match self {
            TypeContrat::Cdi => "CDI",
            TypeContrat::Cdd => "CDD",
            TypeContrat::Titulaire => "Titulaire de la fonction publique",
            TypeContrat::Contractuel => "Contractuel·le de la fonction publique",
            TypeContrat::ContratDeProjet => "Contrat de projet",
            TypeContrat::Alternance => "Alternance",
            TypeContrat::Stage => "Stage",
        }
    }
}

/// The contract offered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Contrat proposé.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contrat {
    #[serde(rename = "type")]
    pub kind: Spanned<TypeContrat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duree: Option<Text>,
}

/// How to apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Modalités de candidature.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Candidature {
    // `AAAA-MM-JJ`.
    #[schemars(description = "Date au format AAAA-MM-JJ.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_limite: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modalites: Option<Text>,
}

/// A mission proper to this post, beyond the profile's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Mission propre à ce poste, en plus de celles du profil.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MissionSpecifique {
    pub intitule: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activites: Vec<Text>,
}
