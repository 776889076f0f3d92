//! JSON Schemas of the two formats, generated from the model types.
//!
//! The same schema documents drive the structural rules (`check::structure`),
//! so what editors complete and what `validate` accepts never drift apart.

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::{Adaptation, Poste, Profil};

/// The two kinds of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Profil,
    Poste,
    /// A profile with `extends`: its own schema, where most keys are optional.
    Adaptation,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Profil, Kind::Poste, Kind::Adaptation];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Profil => "profil",
            Kind::Poste => "poste",
            Kind::Adaptation => "adaptation",
        }
    }

    /// The kind a file declares with `type` (an adaptation is a `profil`).
    pub fn from_type(name: &str) -> Option<Kind> {
        [Kind::Profil, Kind::Poste].into_iter().find(|k| k.name() == name)
    }

    /// The schema as a JSON value, generated once per process.
    pub fn schema(self) -> &'static Value {
        static PROFIL: OnceLock<Value> = OnceLock::new();
        static POSTE: OnceLock<Value> = OnceLock::new();
        static ADAPTATION: OnceLock<Value> = OnceLock::new();
        match self {
            Kind::Profil => PROFIL.get_or_init(generate::<Profil>),
            Kind::Poste => POSTE.get_or_init(generate::<Poste>),
            Kind::Adaptation => ADAPTATION.get_or_init(generate::<Adaptation>),
        }
    }

    /// The schema as pretty-printed JSON text, as committed in `schemas/`.
    pub fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The schema of a filled positioning grid (`type: positionnement`),
/// generated once per process. Not a `Kind`: such a file is personal data,
/// never part of a set of profiles.
pub fn positionnement() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(generate::<crate::model::Positionnement>)
}

/// The positioning schema as pretty-printed JSON text.
pub fn positionnement_text() -> String {
    let mut text = serde_json::to_string_pretty(positionnement()).unwrap_or_default();
    text.push('\n');
    text
}

/// Draft-07, the draft editors' YAML plugins understand best.
fn generate<T: schemars::JsonSchema>() -> Value {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.to_value()
}
