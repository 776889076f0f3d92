//! Tree → typed model, through serde, with a span on every `Spanned` value.
//!
//! The structural rules have already run on the tree, so a failure here is
//! rare; when it happens it still carries the place of the node at fault.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, U32Deserializer, UsizeDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::source::Source;
use super::tree::{Node, NodeKind};
use crate::model::{SPAN_FIELDS, SPANNED_NAME, Span};

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

/// Builds a typed value from a tree.
pub fn from_tree<T: DeserializeOwned>(source: &Source, node: &Node) -> Result<T, DeError> {
    T::deserialize(NodeDe { source, node })
}

#[derive(Clone, Copy)]
struct NodeDe<'a> {
    source: &'a Source,
    node: &'a Node,
}

impl<'a> NodeDe<'a> {
    fn span(&self) -> Span {
        self.source.span_at(&self.node.location)
    }

    /// The text of a scalar as written (`1.0` stays `1.0`).
    fn text(&self) -> Option<String> {
        match &self.node.kind {
            NodeKind::Str(s) => Some(s.clone()),
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) => {
                let span = self.span();
                let raw = self.source.text.get(span.start..span.end).filter(|s| !s.is_empty());
                Some(raw.map_or_else(|| self.fallback_text(), str::to_owned))
            }
            _ => None,
        }
    }

    fn fallback_text(&self) -> String {
        match &self.node.kind {
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Float(f) => f.to_string(),
            _ => String::new(),
        }
    }

    fn locate(&self, mut e: DeError) -> DeError {
        if e.span.is_none() {
            e.span = Some(self.span());
        }
        e
    }

    fn any<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Int(i) => visitor.visit_i64(*i),
            NodeKind::Float(f) => visitor.visit_f64(*f),
            NodeKind::Str(s) => visitor.visit_str(s),
            NodeKind::Seq(items) => visitor.visit_seq(Seq { source: self.source, items: items.iter() }),
            NodeKind::Map(entries) => {
                visitor.visit_map(Map { source: self.source, entries: entries.iter(), value: None })
            }
        }
    }
}

macro_rules! located {
    ($($method:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.any(visitor).map_err(|e| self.locate(e))
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
        match self.text() {
            Some(text) => visitor.visit_string(text).map_err(|e| self.locate(e)),
            None => self.any(visitor).map_err(|e| self.locate(e)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| self.locate(e))
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
            return visitor.visit_map(SpanMap { de: self, span: self.span(), field: 0 });
        }
        self.any(visitor).map_err(|e| self.locate(e))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.text() {
            Some(text) => visitor.visit_enum(text.into_deserializer()),
            None => Err(de::Error::invalid_type(de::Unexpected::Other(self.node.type_name()), &visitor)),
        }
        .map_err(|e| self.locate(e))
    }
}

struct Seq<'a, I> {
    source: &'a Source,
    items: I,
}

impl<'de, 'a, I: Iterator<Item = &'a Node>> SeqAccess<'de> for Seq<'a, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        self.items.next().map(|node| seed.deserialize(NodeDe { source: self.source, node })).transpose()
    }
}

struct Map<'a, I> {
    source: &'a Source,
    entries: I,
    value: Option<&'a Node>,
}

impl<'de, 'a, I: Iterator<Item = &'a (Node, Node)>> MapAccess<'de> for Map<'a, I> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(NodeDe { source: self.source, node: key }).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self.value.take().ok_or_else(|| de::Error::custom("valeur demandée avant sa clé"))?;
        seed.deserialize(NodeDe { source: self.source, node })
    }
}

/// Hands a `Spanned<T>` its position fields, then its value.
struct SpanMap<'a> {
    de: NodeDe<'a>,
    span: Span,
    field: usize,
}

impl<'de> MapAccess<'de> for SpanMap<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        match SPAN_FIELDS.get(self.field) {
            None => Ok(None),
            Some(name) => seed.deserialize(BorrowedStrDeserializer::<DeError>::new(name)).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let s = self.span;
        let field = self.field;
        self.field += 1;
        match field {
            0 => seed.deserialize(U32Deserializer::new(s.line)),
            1 => seed.deserialize(U32Deserializer::new(s.column)),
            2 => seed.deserialize(U32Deserializer::new(s.end_line)),
            3 => seed.deserialize(U32Deserializer::new(s.end_column)),
            4 => seed.deserialize(UsizeDeserializer::new(s.start)),
            5 => seed.deserialize(UsizeDeserializer::new(s.end)),
            6 => seed.deserialize(U32Deserializer::new(s.file)),
            _ => seed.deserialize(self.de),
        }
    }
}
