//! A filled positioning grid (`type: positionnement`): the levels observed
//! for one person against one version of one profile. Personal data: never
//! part of a published set (`load::discover` leaves these files aside).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};

/// The only accepted value of `type` in a positioning file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Type de document : `positionnement`.")]
#[serde(rename_all = "kebab-case")]
pub enum PositionnementKind {
    Positionnement,
}

/// Why a person is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    description = "Contexte de l'évaluation : `recrutement`, `entretien-annuel` ou `positionnement-formation` (avant une formation)."
)]
#[serde(rename_all = "kebab-case")]
pub enum Contexte {
    Recrutement,
    EntretienAnnuel,
    PositionnementFormation,
}

impl Contexte {
    pub const ALL: [Contexte; 3] =
        [Contexte::Recrutement, Contexte::EntretienAnnuel, Contexte::PositionnementFormation];

    /// The French label, as the grid's drop-down shows it.
    pub fn label(self) -> &'static str {
        match self {
            Contexte::Recrutement => "Recrutement",
            Contexte::EntretienAnnuel => "Entretien annuel",
            Contexte::PositionnementFormation => "Positionnement avant formation",
        }
    }

    /// The YAML value.
    pub fn key(self) -> &'static str {
        match self {
            Contexte::Recrutement => "recrutement",
            Contexte::EntretienAnnuel => "entretien-annuel",
            Contexte::PositionnementFormation => "positionnement-formation",
        }
    }
}

/// One person positioned against a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "Positionnement refnum (format v1)",
    description = "Niveaux observés chez une personne, comparés à une version d'un profil. Données personnelles : à garder sur le poste de travail, hors du dépôt publié."
)]
pub struct Positionnement {
    #[serde(rename = "type")]
    pub kind: Spanned<PositionnementKind>,
    #[schemars(description = "Identifiant du profil de référence.")]
    pub profil: Text,
    #[schemars(description = "Version du profil sur laquelle la grille a été remplie, par exemple `1.1.0`.")]
    pub version: Text,
    #[schemars(description = "Nom de la personne évaluée (facultatif : un code suffit).")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personne: Option<Text>,
    #[schemars(description = "Nom de la personne qui évalue (facultatif).")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluateur: Option<Text>,
    #[schemars(description = "Date de l'évaluation, AAAA-MM-JJ.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexte: Option<Spanned<Contexte>>,
    #[schemars(description = "Un niveau observé par compétence évaluée ; une compétence absente n'est pas évaluée.")]
    pub observations: Vec<Observation>,
}

/// The level observed for one competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(description = "Niveau observé pour une compétence, et ce qui le montre.")]
pub struct Observation {
    #[schemars(description = "Identifiant de la compétence dans le profil.")]
    pub competence: Text,
    #[schemars(description = "Niveau observé, sur l'échelle du profil ; absent : non évalué.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub niveau: Option<Spanned<i64>>,
    #[schemars(description = "Éléments observés : situations, productions, propos qui fondent le niveau.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preuves: Option<Text>,
}
