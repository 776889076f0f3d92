//! A mission of a profile and its activities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

/// A mission: a large part of the job, broken into activités.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(description = "Mission : une grande part du métier, déclinée en activités.")]
pub struct Mission {
    // Unique within the profile, e.g. `M-01`.
    #[schemars(description = "Identifiant unique dans le profil, par exemple `M-01`.")]
    pub id: Text,
    pub intitule: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    // Each begins with an infinitive verb.
    #[schemars(description = "Activités, chacune commençant par un verbe à l'infinitif.")]
    pub activites: Vec<Text>,
}
