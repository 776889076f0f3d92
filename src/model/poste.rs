//! The job post (`type: poste`): one real post in one structure, built on a profile.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fusion, Lignes, Profil, Section, Spanned, Text};

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
    // Replaces the profile's unless given as `{ complete: [...] }`.
    #[schemars(
        description = "Conditions d'exercice du poste : remplacent celles du profil (ou les complètent avec `{ complete: [...] }`)."
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_exercice: Option<Lignes>,
    #[serde(default, skip_serializing_if = "RelationsPoste::is_empty")]
    pub relations: RelationsPoste,
    #[serde(default, skip_serializing_if = "ProfilRecherchePoste::is_empty")]
    pub profil_recherche: ProfilRecherchePoste,
    // Added to the profile's unless given as `{ remplace: [...] }`.
    #[schemars(
        description = "Indicateurs propres au poste : s'ajoutent à ceux du profil (ou les remplacent avec `{ remplace: [...] }`)."
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicateurs: Option<Lignes>,
    #[schemars(
        description = "Évolutions propres au poste : s'ajoutent à celles du profil (ou les remplacent avec `{ remplace: [...] }`)."
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evolutions: Option<Lignes>,
    // `AAAA-MM-JJ`.
    #[schemars(description = "Date au format AAAA-MM-JJ.")]
    pub mise_a_jour: Text,
}

impl Poste {
    /// Every section the post shares with its profile, in document order,
    /// with the way a plain list combines: what describes the real post
    /// (conditions, relations, profil recherché) replaces the profile's
    /// generic lines; indicators and career paths are added to them.
    pub fn sections<'a>(&'a self, profil: &'a Profil) -> [Section<'a>; 7] {
        let section = |cle, poste: &'a Option<Lignes>, profil: &'a [Text], defaut| Section {
            cle,
            poste: poste.as_ref(),
            profil,
            defaut,
        };
        [
            section("conditions-exercice", &self.conditions_exercice, &profil.conditions_exercice, Fusion::Remplace),
            section("relations.internes", &self.relations.internes, &profil.relations.internes, Fusion::Remplace),
            section("relations.externes", &self.relations.externes, &profil.relations.externes, Fusion::Remplace),
            section(
                "profil-recherche.formation",
                &self.profil_recherche.formation,
                &profil.profil_recherche.formation,
                Fusion::Remplace,
            ),
            section(
                "profil-recherche.experience",
                &self.profil_recherche.experience,
                &profil.profil_recherche.experience,
                Fusion::Remplace,
            ),
            section("indicateurs", &self.indicateurs, &profil.indicateurs, Fusion::Complete),
            section("evolutions", &self.evolutions, &profil.evolutions, Fusion::Complete),
        ]
    }

    /// The section of key `cle` (see `sections`).
    pub fn section<'a>(&'a self, profil: &'a Profil, cle: &str) -> Option<Section<'a>> {
        self.sections(profil).into_iter().find(|s| s.cle == cle)
    }
}

/// Working relations of the post.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    description = "Relations de travail du poste : remplacent celles du profil (ou les complètent avec `{ complete: [...] }`)."
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelationsPoste {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internes: Option<Lignes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub externes: Option<Lignes>,
}

impl RelationsPoste {
    pub fn is_empty(&self) -> bool {
        self.internes.is_none() && self.externes.is_none()
    }
}

/// Background sought for the post.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    description = "Formation et expérience recherchées pour le poste : remplacent celles du profil (ou les complètent avec `{ complete: [...] }`)."
)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProfilRecherchePoste {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formation: Option<Lignes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<Lignes>,
}

impl ProfilRecherchePoste {
    pub fn is_empty(&self) -> bool {
        self.formation.is_none() && self.experience.is_none()
    }
}

/// The employing structure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Structure employeuse.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Structure {
    pub nom: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presentation: Option<Text>,
    // An http(s) address.
    #[schemars(description = "Adresse du site web, commençant par https:// (ou http://).")]
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
