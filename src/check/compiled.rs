//! The JSON Schema of a format compiled once into the form the structural
//! walk (`structure`) reads: no `serde_json::Value` look-ups, no hashing.
//!
//! The schema stays the one source of truth (`crate::schema` generates it
//! from the model types); this is only another layout of the same keywords,
//! read by the same rules as before: `$ref` (followed at most 16 times, as
//! `#/a/b` paths from the root), `allOf`, `anyOf` (else `oneOf`), `type`,
//! `properties`, `additionalProperties: false`, `required`, `items`,
//! `minItems`, `maxItems`, `enum`, `minimum`, `maximum`. Every other keyword
//! is ignored, as the walk always did.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::schema::Kind;

/// A schema as a table of shapes; `$ref`s are resolved into indices of the
/// table, so a recursive definition is one shape referring to itself.
#[derive(Debug)]
pub(super) struct Compiled {
    shapes: Vec<Shape>,
}

/// What one (resolved) schema object asks of a node.
#[derive(Debug, Default)]
pub(super) struct Shape {
    /// `allOf`: every part applies, and nothing else of this shape.
    pub all_of: Option<Vec<usize>>,
    /// `anyOf` (or `oneOf`) read as an optional value or a choice of types.
    pub any_of: Option<AnyOf>,
    /// `type`: the set of JSON types named (for `contains`).
    pub types: Types,
    /// The first type named that is not `null`: it decides how the node is
    /// walked.
    pub first: Option<Ty>,
    /// `properties`, `additionalProperties` and `required` of an object.
    pub object: Object,
    /// `items`.
    pub items: Option<usize>,
    /// `minItems` and `maxItems`.
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    /// `enum`, its texts only.
    pub allowed: Option<Vec<String>>,
    /// `minimum` and `maximum` of an integer.
    pub minimum: Option<i64>,
    pub maximum: Option<i64>,
}

/// The branches of an `anyOf`, sorted once: whether one accepts `null`, the
/// others (in their order), and the types they name, as the message of a
/// value of none of them says them (« un texte ou une liste »).
#[derive(Debug, Default)]
pub(super) struct AnyOf {
    pub nullable: bool,
    pub candidates: Vec<usize>,
    pub label: String,
}

/// The keys of an object schema.
#[derive(Debug, Default)]
pub(super) struct Object {
    /// In the schema's order: messages list them in that order.
    pub properties: Vec<Property>,
    /// Indices into `properties`, sorted by name, for a binary search.
    by_name: Vec<usize>,
    /// `additionalProperties: false`.
    pub closed: bool,
    /// `required`, in the schema's order.
    pub required: Vec<Required>,
}

/// A required key.
#[derive(Debug)]
pub(super) struct Required {
    pub name: String,
    /// The bit that says the walk met the key, when it is a property (among
    /// the first 64 required keys): then no search in the entries is needed.
    pub slot: Option<u32>,
}

#[derive(Debug)]
pub(super) struct Property {
    pub name: String,
    pub shape: usize,
    /// Whether the key is in `required`.
    pub required: bool,
    /// Its `Required::slot`, if it has one.
    pub slot: Option<u32>,
}

impl Object {
    /// The property named `name`, tried first at `*next`, then moves
    /// `*next` after it: a file mostly lists its keys in the schema's order,
    /// so that a walk through its keys mostly compares each once.
    pub fn get_from(&self, name: &str, next: &mut usize) -> Option<&Property> {
        let i = match self.properties.get(*next) {
            Some(p) if p.name == name => *next,
            _ => self.index(name)?,
        };
        *next = i + 1;
        Some(&self.properties[i])
    }

    fn index(&self, name: &str) -> Option<usize> {
        let i = self.by_name.binary_search_by(|&i| self.properties[i].name.as_str().cmp(name)).ok()?;
        Some(self.by_name[i])
    }
}

/// The JSON types a node can have, and `Other` for any name the walk does
/// not check (`number`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Null,
    Boolean,
    Integer,
    String,
    Array,
    Object,
    Other,
}

impl Ty {
    fn named(name: &str) -> Ty {
        match name {
            "null" => Ty::Null,
            "boolean" => Ty::Boolean,
            "integer" => Ty::Integer,
            "string" => Ty::String,
            "array" => Ty::Array,
            "object" => Ty::Object,
            _ => Ty::Other,
        }
    }

    /// How a value of the type is named in a message.
    fn label(self) -> &'static str {
        match self {
            Ty::Object => "un tableau associatif",
            Ty::Array => "une liste",
            Ty::Integer => "un nombre entier",
            Ty::Boolean => "un booléen",
            Ty::Null | Ty::String | Ty::Other => "un texte",
        }
    }
}

/// A set of `Ty`, one bit each.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Types(u8);

impl Types {
    pub fn contains(self, ty: Ty) -> bool {
        self.0 & (1 << ty as u8) != 0
    }

    fn insert(&mut self, ty: Ty) {
        self.0 |= 1 << ty as u8;
    }
}

impl Compiled {
    /// The shape at `index`; 0 is the root.
    pub fn shape(&self, index: usize) -> &Shape {
        &self.shapes[index]
    }

    /// The compiled schema of a kind of file, built once per process.
    pub fn of(kind: Kind) -> &'static Compiled {
        static PROFIL: OnceLock<Compiled> = OnceLock::new();
        static POSTE: OnceLock<Compiled> = OnceLock::new();
        static ADAPTATION: OnceLock<Compiled> = OnceLock::new();
        let cell = match kind {
            Kind::Profil => &PROFIL,
            Kind::Poste => &POSTE,
            Kind::Adaptation => &ADAPTATION,
        };
        cell.get_or_init(|| Compiled::new(kind.schema()))
    }

    /// Compiles a schema document; its root is shape 0.
    pub fn new(root: &Value) -> Compiled {
        let mut builder = Builder { root, shapes: Vec::new(), sources: Vec::new(), done: HashMap::new() };
        builder.compile(root);
        Compiled { shapes: builder.shapes }
    }
}

struct Builder<'v> {
    root: &'v Value,
    shapes: Vec<Shape>,
    /// The schema object each shape is compiled from.
    sources: Vec<&'v Value>,
    /// The shape of each schema object already compiled, by address: each
    /// definition is compiled once, and a recursive one ends.
    done: HashMap<*const Value, usize>,
}

impl<'v> Builder<'v> {
    /// Follows `$ref` to the definition, at most 16 times; a path that leads
    /// nowhere is an empty schema, which checks nothing.
    fn resolve(&self, schema: &'v Value) -> &'v Value {
        static NOTHING: Value = Value::Null;
        let mut schema = schema;
        for _ in 0..16 {
            let Some(target) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let path = target.trim_start_matches("#/");
            let mut next = self.root;
            for part in path.split('/') {
                next = next.get(part).unwrap_or(&NOTHING);
            }
            schema = next;
        }
        schema
    }

    /// The index of the shape of `schema`, compiled on first sight.
    fn compile(&mut self, schema: &'v Value) -> usize {
        let schema = self.resolve(schema);
        if let Some(&index) = self.done.get(&std::ptr::from_ref(schema)) {
            return index;
        }
        let index = self.shapes.len();
        self.shapes.push(Shape::default());
        self.sources.push(schema);
        self.done.insert(std::ptr::from_ref(schema), index);
        let shape = self.shape(schema);
        self.shapes[index] = shape;
        index
    }

    fn shape(&mut self, schema: &'v Value) -> Shape {
        let named = types_of(schema);
        let mut types = Types::default();
        for ty in &named {
            types.insert(*ty);
        }
        let first = named.iter().copied().find(|t| *t != Ty::Null);
        let all_of =
            schema.get("allOf").and_then(Value::as_array).map(|all| all.iter().map(|p| self.compile(p)).collect());
        let any_of = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
            .map(|branches| self.any_of(branches));
        let object = self.object(schema);
        let items = schema.get("items").map(|items| self.compile(items));
        let count = |key: &str| schema.get(key).and_then(Value::as_u64).and_then(|m| usize::try_from(m).ok());
        Shape {
            all_of,
            any_of,
            types,
            first,
            object,
            items,
            min_items: count("minItems"),
            max_items: count("maxItems"),
            allowed: schema
                .get("enum")
                .and_then(Value::as_array)
                .map(|values| values.iter().filter_map(Value::as_str).map(str::to_owned).collect()),
            minimum: schema.get("minimum").and_then(Value::as_i64),
            maximum: schema.get("maximum").and_then(Value::as_i64),
        }
    }

    fn any_of(&mut self, branches: &'v [Value]) -> AnyOf {
        let branches: Vec<usize> = branches.iter().map(|b| self.compile(b)).collect();
        // A branch's types are read from its schema object, so that a
        // definition still being compiled (one that contains itself) has them.
        let types = |b: usize| types_of(self.sources[b]);
        let nullable = branches.iter().any(|&b| types(b).contains(&Ty::Null));
        let candidates: Vec<usize> = branches.into_iter().filter(|&b| !types(b).contains(&Ty::Null)).collect();
        let label: Vec<&str> = candidates.iter().flat_map(|&b| types(b)).map(Ty::label).collect();
        AnyOf { nullable, candidates, label: label.join(" ou ") }
    }

    fn object(&mut self, schema: &'v Value) -> Object {
        let names: Vec<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let mut properties = Vec::new();
        for (name, property) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            let shape = self.compile(property);
            // The first mention of the name in `required` gets the bit.
            let slot = names.iter().position(|r| r == name).and_then(|i| u32::try_from(i).ok()).filter(|i| *i < 64);
            properties.push(Property { name: name.clone(), shape, required: names.contains(&name.as_str()), slot });
        }
        let required = names
            .iter()
            .enumerate()
            .map(|(i, name)| Required {
                name: (*name).to_owned(),
                slot: u32::try_from(i).ok().filter(|i| properties.iter().any(|p| p.slot == Some(*i))),
            })
            .collect();
        let mut by_name: Vec<usize> = (0..properties.len()).collect();
        by_name.sort_by(|&a, &b| properties[a].name.cmp(&properties[b].name));
        Object {
            properties,
            by_name,
            closed: schema.get("additionalProperties") == Some(&Value::Bool(false)),
            required,
        }
    }
}

/// The types a schema object names in `type`, in order.
fn types_of(schema: &Value) -> Vec<Ty> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![Ty::named(t)],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(Ty::named).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Compiled, Kind, Ty};

    #[test]
    fn every_property_is_found_by_name_wherever_the_search_starts() {
        for kind in Kind::ALL {
            let compiled = Compiled::of(kind);
            for shape in &compiled.shapes {
                let object = &shape.object;
                for (i, property) in object.properties.iter().enumerate() {
                    for start in 0..=object.properties.len() {
                        let mut next = start;
                        let found = object.get_from(&property.name, &mut next).map(|p| p.name.as_str());
                        assert_eq!(found, Some(property.name.as_str()));
                        assert_eq!(next, i + 1);
                    }
                }
                let mut next = 0;
                assert!(object.get_from("clé-inconnue", &mut next).is_none());
                assert_eq!(next, 0);
            }
        }
    }

    #[test]
    fn references_become_indices_and_a_cycle_ends() {
        let schema = json!({
            "$ref": "#/definitions/Noeud",
            "definitions": {
                "Noeud": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "enfant": { "$ref": "#/definitions/Noeud" },
                        "perdu": { "$ref": "#/definitions/Absent" },
                        "nom": { "type": ["string", "null"], "enum": ["a", "b", 3] }
                    },
                    "required": ["nom", "autre", "nom"]
                }
            }
        });
        let compiled = Compiled::new(&schema);
        let root = compiled.shape(0);
        assert_eq!(root.first, Some(Ty::Object));
        assert!(root.object.closed);
        let mut next = 0;
        assert_eq!(root.object.get_from("enfant", &mut next).map(|p| p.shape), Some(0));
        // A reference that leads nowhere checks nothing.
        let lost = root.object.get_from("perdu", &mut next).map(|p| compiled.shape(p.shape)).unwrap();
        assert!(lost.first.is_none() && lost.object.properties.is_empty());
        let nom = root.object.get_from("nom", &mut next).unwrap();
        assert!(nom.required && nom.slot == Some(0));
        let shape = compiled.shape(nom.shape);
        assert!(shape.types.contains(Ty::Null) && shape.types.contains(Ty::String));
        assert_eq!(shape.first, Some(Ty::String));
        assert_eq!(shape.allowed.as_deref(), Some(&["a".to_owned(), "b".to_owned()][..]));
        // A required key that is no property, and one named twice, are
        // looked for in the entries.
        let slots: Vec<_> = root.object.required.iter().map(|r| (r.name.as_str(), r.slot)).collect();
        assert_eq!(slots, [("nom", Some(0)), ("autre", None), ("nom", None)]);
    }

    #[test]
    fn any_of_sorts_its_branches_once() {
        let schema = json!({
            "anyOf": [{ "type": "string" }, { "type": "null" }, { "type": ["array", "integer"] }]
        });
        let compiled = Compiled::new(&schema);
        let any = compiled.shape(0).any_of.as_ref().unwrap();
        assert!(any.nullable);
        assert_eq!(any.candidates.len(), 2);
        assert_eq!(any.label, "un texte ou une liste ou un nombre entier");
    }
}
