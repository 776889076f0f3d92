//! The proficiency scale of a profile.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};

/// One step of the scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Un degré de l'échelle de niveaux.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Niveau {
    pub niveau: Spanned<i64>,
    pub libelle: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// The default four-level scale, used when a profile gives no `niveaux`.
pub fn default_niveaux() -> Vec<Niveau> {
    [
        (1, "Notions", "Connaît les notions de base et sait où trouver l'information ; agit avec de l'aide."),
        (2, "Application", "Applique de façon autonome dans les situations courantes."),
        (3, "Maîtrise", "Maîtrise les situations complexes ou nouvelles et sait expliquer sa démarche."),
        (4, "Expertise", "Fait référence : conseille, forme les autres et fait évoluer les pratiques."),
    ]
    .into_iter()
    .map(|(n, libelle, description)| Niveau {
        niveau: Spanned::bare(n),
        libelle: Spanned::bare(libelle.to_owned()),
        description: Some(Spanned::bare(description.to_owned())),
    })
    .collect()
}
