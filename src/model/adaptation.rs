//! A local adaptation (`type: profil` with `extends`): only what differs
//! from a base profile. Items are matched by `id`; `retirer` removes them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Metier, Niveau, ProfilKind, ProfilRecherche, Referentiels, Relations, Source, Spanned, Statut, Text};

// The base of an adaptation: an id or a path, optionally with a version
// requirement. Deserialized by hand (below): a derived untagged enum would
// lose the positions of its values.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(
    description = "Profil de base : identifiant ou chemin, ou { profil, version } avec une exigence de version."
)]
#[serde(untagged)]
pub enum Base {
    Reference(Text),
    Detail {
        profil: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<Text>,
    },
}

impl Base {
    /// The id or path of the base, with its place.
    pub fn reference(&self) -> &Text {
        match self {
            Base::Reference(r) | Base::Detail { profil: r, .. } => r,
        }
    }

    /// The version requirement on the base, with its place.
    pub fn requirement(&self) -> Option<&Text> {
        match self {
            Base::Reference(_) => None,
            Base::Detail { version, .. } => version.as_ref(),
        }
    }
}

impl<'de> Deserialize<'de> for Base {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BaseVisitor)
    }
}

struct BaseVisitor;

impl<'de> serde::de::Visitor<'de> for BaseVisitor {
    type Value = Base;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("un identifiant ou un chemin, ou { profil, version }")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Base, E> {
        Ok(Base::Reference(Spanned::bare(v.to_owned())))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Base, A::Error> {
        let (mut profil, mut version) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "profil" => profil = Some(map.next_value::<Text>()?),
                "version" => version = map.next_value::<Option<Text>>()?,
                other => return Err(serde::de::Error::unknown_field(other, &["profil", "version"])),
            }
        }
        let profil = profil.ok_or_else(|| serde::de::Error::missing_field("profil"))?;
        Ok(Base::Detail { profil, version })
    }
}

// An item removed from the base: its id, optionally with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Élément retiré du profil de base : son identifiant, ou { id, motif }.")]
#[serde(untagged)]
pub enum Retrait {
    Id(String),
    Detail {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        motif: Option<String>,
    },
}

impl Retrait {
    pub fn id(&self) -> &str {
        match self {
            Retrait::Id(id) | Retrait::Detail { id, .. } => id,
        }
    }

    pub fn motif(&self) -> Option<&str> {
        match self {
            Retrait::Id(_) => None,
            Retrait::Detail { motif, .. } => motif.as_deref(),
        }
    }
}

// A mission to override (known id: only the fields given) or to add (new id: complete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    description = "Mission modifiée (identifiant connu : seuls les champs donnés changent) ou ajoutée (nouvel identifiant : mission complète)."
)]
pub struct MissionPatch {
    pub id: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intitule: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activites: Option<Vec<Text>>,
    #[schemars(description = "Raison de la modification ou de l'ajout.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motif: Option<Text>,
}

// A competency to override or to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    description = "Compétence modifiée (identifiant connu : seuls les champs donnés changent) ou ajoutée (nouvel identifiant : compétence complète)."
)]
pub struct CompetencePatch {
    pub id: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub libelle: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub niveau: Option<Spanned<i64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missions: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essentielle: Option<Spanned<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referentiels: Option<Referentiels>,
    #[schemars(
        description = "Critères observables (1 à 3) ; donnés, ils remplacent tous ceux du profil de base.",
        length(min = 1, max = 3)
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteres: Option<Vec<Text>>,
    #[schemars(
        description = "Questions d'entretien (1 ou 2) ; données, elles remplacent toutes celles du profil de base.",
        length(min = 1, max = 2)
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<Text>>,
    #[schemars(description = "Raison de la modification ou de l'ajout.")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motif: Option<Text>,
}

// Competencies to override or add, by category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Compétences modifiées ou ajoutées, par catégorie.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CompetencesPatch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub savoirs: Vec<CompetencePatch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub savoir_faire: Vec<CompetencePatch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub savoir_etre: Vec<CompetencePatch>,
}

// A local adaptation of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "Adaptation locale d'un profil refnum (format v1)",
    description = "Profil qui reprend un profil de base (`extends`) et n'indique que ce qui change."
)]
pub struct Adaptation {
    #[serde(rename = "type")]
    pub kind: Spanned<ProfilKind>,
    #[schemars(description = "Identifiant de l'adaptation : minuscules sans accents et tirets.")]
    pub id: Text,
    #[schemars(
        description = "Profil de base : identifiant ou chemin, ou { profil, version } avec une exigence de version (par exemple « ^1.0 »)."
    )]
    pub extends: Spanned<Base>,
    #[schemars(description = "Version de l'adaptation, au format MAJEUR.MINEUR.CORRECTIF.")]
    pub version: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statut: Option<Spanned<Statut>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intitule: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appellations: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub famille: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metier: Option<Metier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalite: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contexte: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missions: Vec<MissionPatch>,
    #[serde(default)]
    pub competences: CompetencesPatch,
    #[schemars(description = "Missions et compétences du profil de base à retirer : identifiants, ou { id, motif }.")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retirer: Vec<Spanned<Retrait>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub niveaux: Option<Spanned<Vec<Niveau>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions_exercice: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relations: Option<Relations>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profil_recherche: Option<ProfilRecherche>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicateurs: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evolutions: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sources: Option<Vec<Source>>,
    #[schemars(description = "Date de dernière mise à jour, au format AAAA-MM-JJ.")]
    pub mise_a_jour: Text,
}
