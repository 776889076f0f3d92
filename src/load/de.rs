//! Tree → typed model, through serde, with a span on every `Spanned` value.
//!
//! The structural rules have already run on the tree, so a failure here is
//! rare; when it happens it still carries the place of the node at fault.

use std::fmt;

use serde::de::value::{BytesDeserializer, U64Deserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::source::Source;
use super::tree::{Location, Node, NodeKind};
use crate::model::{PACKED_FIELDS, SPANNED_NAME, Span, VALUE_FIELD};

/// A failure to build the typed model, with the place of the node at fault.
#[derive(Debug)]
pub struct DeError {
    pub message: String,
    pub span: Option<Span>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), span: None }
    }
}

/// Builds a typed value from a tree, which it takes apart: each text of
/// the tree moves into the model instead of being copied.
pub fn from_tree<T: DeserializeOwned>(source: &Source, node: Node) -> Result<T, DeError> {
    T::deserialize(NodeDe::new(source, node))
}

/// One node being turned into a value; it owns the node, so that its texts
/// and lists can be moved out.
struct NodeDe<'a> {
    source: &'a Source,
    kind: NodeKind,
    location: Location,
}

impl<'a> NodeDe<'a> {
    fn new(source: &'a Source, node: Node) -> NodeDe<'a> {
        NodeDe { source, kind: node.kind, location: node.location }
    }

    fn span(&self) -> Span {
        self.source.span_at(&self.location)
    }

    /// Where a failure happened, for `locate`.
    fn place(&self) -> Place<'a> {
        Place { source: self.source, location: self.location }
    }

    /// The text of a scalar as written (`1.0` stays `1.0`); the node
    /// itself when it is no scalar.
    fn text(self) -> Result<String, NodeDe<'a>> {
        match self.kind {
            NodeKind::Str(s) => Ok(s),
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => {
                let span = self.span();
                let raw = self.source.text.get(span.start..span.end).filter(|s| !s.is_empty());
                Ok(raw.map_or_else(|| self.fallback_text(), str::to_owned))
            }
            _ => Err(self),
        }
    }

    fn fallback_text(&self) -> String {
        match &self.kind {
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Float(f) => f.to_string(),
            _ => String::new(),
        }
    }

    fn any<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let source = self.source;
        match self.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(b),
            NodeKind::Int(i) => visitor.visit_i64(i),
            NodeKind::Float(f) => visitor.visit_f64(f),
            NodeKind::Str(s) => visitor.visit_string(s),
            NodeKind::Seq(items) => visitor.visit_seq(Seq { source, items: items.into_iter() }),
            NodeKind::Map(entries) => visitor.visit_map(Map { source, entries: entries.into_iter(), value: None }),
        }
    }
}

/// The place of a node, kept to locate an error once the node is taken apart.
#[derive(Clone, Copy)]
struct Place<'a> {
    source: &'a Source,
    location: Location,
}

impl Place<'_> {
    fn locate(self, mut e: DeError) -> DeError {
        if e.span.is_none() {
            e.span = Some(self.source.span_at(&self.location));
        }
        e
    }
}

macro_rules! located {
    ($($method:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let place = self.place();
            self.any(visitor).map_err(|e| place.locate(e))
        })*
    };
}

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    located!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any
    );

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let place = self.place();
        match self.text() {
            Ok(text) => visitor.visit_string(text),
            Err(node) => node.any(visitor),
        }
        .map_err(|e| place.locate(e))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let place = self.place();
        match self.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| place.locate(e))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_NAME {
            let span = self.span();
            return visitor.visit_map(SpanMap { de: Some(self), span, field: 0 });
        }
        let place = self.place();
        self.any(visitor).map_err(|e| place.locate(e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let place = self.place();
        match self.text() {
            Ok(text) => visitor.visit_enum(text.into_deserializer()),
            Err(node) => {
                let node = Node { kind: node.kind, location: node.location };
                Err(de::Error::invalid_type(de::Unexpected::Other(node.type_name()), &visitor))
            }
        }
        .map_err(|e| place.locate(e))
    }
}

struct Seq<'a> {
    source: &'a Source,
    items: std::vec::IntoIter<Node>,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        self.items.next().map(|node| seed.deserialize(NodeDe::new(self.source, node))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'a> {
    source: &'a Source,
    entries: std::vec::IntoIter<(Node, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Map<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(NodeDe::new(self.source, key)).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self.value.take().ok_or_else(|| de::Error::custom("valeur demandée avant sa clé"))?;
        seed.deserialize(NodeDe::new(self.source, node))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// Hands a `Spanned<T>` its position, every field at once, then its value
/// (see `model::spanned::SpanField`).
struct SpanMap<'a> {
    /// The node of the value, until it is handed.
    de: Option<NodeDe<'a>>,
    span: Span,
    /// 0: the position is next; 1: the value; 2: done.
    field: usize,
}

impl<'de> MapAccess<'de> for SpanMap<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let index = match self.field {
            0 => PACKED_FIELDS,
            1 => VALUE_FIELD,
            _ => return Ok(None),
        };
        seed.deserialize(U64Deserializer::<DeError>::new(index)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let field = self.field;
        self.field += 1;
        match field {
            0 => seed.deserialize(BytesDeserializer::<DeError>::new(&self.span.to_bytes())),
            _ => match self.de.take() {
                Some(de) => seed.deserialize(de),
                None => Err(de::Error::custom("valeur demandée deux fois")),
            },
        }
    }
}
