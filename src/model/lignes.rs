//! A list of lines a post shares with its profile (conditions d'exercice,
//! relations, profil recherché, indicateurs, évolutions): the post's lines
//! either replace the profile's or are added after them.
//!
//! Written as a plain list (the section's default way), or as a mapping that
//! says which way: `{ remplace: [...] }` or `{ complete: [...] }`.
//! Deserialized by hand, like `Base`: an untagged enum would lose positions.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};

/// How the post's lines combine with the profile's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fusion {
    /// The post's lines alone.
    Remplace,
    /// The profile's lines, then the post's.
    Complete,
}

impl Fusion {
    /// The key that asks for this way in a post file.
    pub fn key(self) -> &'static str {
        match self {
            Fusion::Remplace => "remplace",
            Fusion::Complete => "complete",
        }
    }
}

/// The lines of one section of a post, and how they combine with its profile's.
#[derive(Debug, Clone, PartialEq)]
pub struct Lignes {
    /// The way the author asked for, with the place of its key; `None` for a
    /// plain list (the section's default way).
    pub fusion: Option<Spanned<Fusion>>,
    pub lignes: Vec<Text>,
}

impl Lignes {
    /// The way in force, given the section's default.
    pub fn fusion(&self, default: Fusion) -> Fusion {
        self.fusion.as_ref().map_or(default, |f| f.value)
    }
}

/// One section of a post set against its profile's.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    /// The key of the section in a post file, e.g. `relations.externes`.
    pub cle: &'static str,
    /// What the post says; `None` when it says nothing (the profile's lines stand).
    pub poste: Option<&'a Lignes>,
    pub profil: &'a [Text],
    /// The way a plain list combines.
    pub defaut: Fusion,
}

impl<'a> Section<'a> {
    /// The way in force for this post.
    pub fn fusion(&self) -> Fusion {
        self.poste.map_or(self.defaut, |l| l.fusion(self.defaut))
    }

    /// The lines a fiche shows: the profile's when the post says nothing,
    /// the post's alone, or the profile's then the post's.
    pub fn lignes(&self) -> Vec<&'a Text> {
        match self.poste {
            None => self.profil.iter().collect(),
            Some(l) => match l.fusion(self.defaut) {
                Fusion::Remplace => l.lignes.iter().collect(),
                Fusion::Complete => self.profil.iter().chain(&l.lignes).collect(),
            },
        }
    }
}

impl Serialize for Lignes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.fusion {
            None => self.lignes.serialize(serializer),
            Some(f) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(f.value.key(), &self.lignes)?;
                map.end()
            }
        }
    }
}

impl JsonSchema for Lignes {
    fn schema_name() -> Cow<'static, str> {
        "Lignes".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        let list = json_schema!({ "type": "array", "items": { "type": "string" } });
        json_schema!({
            "description": "Liste de lignes. Une simple liste suit la règle de la rubrique (voir docs/format.md) ; `{ remplace: [...] }` remplace les lignes du profil, `{ complete: [...] }` s'ajoute à elles.",
            "anyOf": [
                list,
                {
                    "type": "object",
                    "properties": {
                        "remplace": { "description": "Lignes qui remplacent celles du profil.", "type": "array", "items": { "type": "string" } },
                        "complete": { "description": "Lignes ajoutées après celles du profil.", "type": "array", "items": { "type": "string" } }
                    },
                    "additionalProperties": false,
                    "minProperties": 1,
                    "maxProperties": 1
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Lignes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LignesVisitor)
    }
}

struct LignesVisitor;

const KEYS: [&str; 2] = ["remplace", "complete"];

impl<'de> serde::de::Visitor<'de> for LignesVisitor {
    type Value = Lignes;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("une liste, ou { remplace: [...] }, ou { complete: [...] }")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lignes, A::Error> {
        let mut lignes = Vec::new();
        while let Some(line) = seq.next_element::<Text>()? {
            lignes.push(line);
        }
        Ok(Lignes { fusion: None, lignes })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Lignes, A::Error> {
        let mut found: Option<Lignes> = None;
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let fusion = match key.value.as_str() {
                "remplace" => Fusion::Remplace,
                "complete" => Fusion::Complete,
                other => return Err(serde::de::Error::unknown_field(other, &KEYS)),
            };
            if found.is_some() {
                return Err(serde::de::Error::custom(
                    "donnez soit `remplace`, soit `complete`, pas les deux : une rubrique remplace celle du profil ou la complète",
                ));
            }
            let lignes = map.next_value::<Vec<Text>>()?;
            found = Some(Lignes { fusion: Some(Spanned::new(fusion, key.span)), lignes });
        }
        found.ok_or_else(|| serde::de::Error::custom("écrivez `remplace:` ou `complete:` suivi de la liste des lignes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Text> {
        texts.iter().map(|t| Spanned::bare((*t).to_owned())).collect()
    }

    fn shown(section: &Section<'_>) -> Vec<String> {
        section.lignes().into_iter().map(|t| t.value.clone()).collect()
    }

    #[test]
    fn a_section_replaces_or_completes_the_profile() {
        let profil = lines(&["a", "b"]);
        let plain = Lignes { fusion: None, lignes: lines(&["c"]) };
        let complete = Lignes { fusion: Some(Spanned::bare(Fusion::Complete)), lignes: lines(&["c"]) };
        let remplace = Lignes { fusion: Some(Spanned::bare(Fusion::Remplace)), lignes: Vec::new() };
        let section = |poste, defaut| Section { cle: "x", poste, profil: &profil, defaut };
        assert_eq!(shown(&section(None, Fusion::Remplace)), ["a", "b"]);
        assert_eq!(shown(&section(Some(&plain), Fusion::Remplace)), ["c"]);
        assert_eq!(shown(&section(Some(&plain), Fusion::Complete)), ["a", "b", "c"]);
        assert_eq!(shown(&section(Some(&complete), Fusion::Remplace)), ["a", "b", "c"]);
        assert!(shown(&section(Some(&remplace), Fusion::Complete)).is_empty());
    }
}
