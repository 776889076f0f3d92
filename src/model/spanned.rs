//! A value together with the place in its source file where it was written.
//!
//! The loader fills spans from the YAML tree (see `load::de`); values built in
//! memory carry `Span::default()`, which renderers treat as "unknown place".

use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

/// Struct name the tree deserializer recognises to hand out positions.
pub(crate) const SPANNED_NAME: &str = "$refnum::Spanned";
pub(crate) const SPAN_FIELDS: [&str; 8] = ["line", "column", "end_line", "end_column", "start", "end", "file", "value"];

/// A region of a source file; lines and columns count from 1, `start..end`
/// are byte offsets. A zero line means "unknown".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub start: usize,
    pub end: usize,
    /// The source file the span is in (`Source::id`); 0 when unknown.
    pub file: u32,
}

impl Span {
    pub fn is_known(&self) -> bool {
        self.line > 0
    }
}

/// A value and its span. Compares, hashes and serializes as the bare value.
#[derive(Clone, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }

    /// A value with no known place (built in memory).
    pub fn bare(value: T) -> Self {
        Spanned { value, span: Span::default() }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(SPANNED_NAME, &SPAN_FIELDS, SpannedVisitor(std::marker::PhantomData))
    }
}

struct SpannedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("une valeur avec sa position")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut span = Span::default();
        let mut value = None;
        while let Some(field) = map.next_key::<SpanField>()? {
            match field.0 {
                0 => span.line = map.next_value()?,
                1 => span.column = map.next_value()?,
                2 => span.end_line = map.next_value()?,
                3 => span.end_column = map.next_value()?,
                4 => span.start = map.next_value()?,
                5 => span.end = map.next_value()?,
                6 => span.file = map.next_value()?,
                _ => value = Some(map.next_value()?),
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Spanned { value, span })
    }
}

/// A field of a `Spanned`, as its index in `SPAN_FIELDS`. The tree
/// deserializer (`load::de`) hands the index itself, so that no name is
/// compared for each of the many texts of a file; a name is accepted too.
struct SpanField(usize);

impl<'de> Deserialize<'de> for SpanField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(SpanFieldVisitor)
    }
}

struct SpanFieldVisitor;

impl Visitor<'_> for SpanFieldVisitor {
    type Value = SpanField;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("un champ de position")
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<SpanField, E> {
        usize::try_from(index)
            .ok()
            .filter(|i| *i < SPAN_FIELDS.len())
            .map(SpanField)
            .ok_or_else(|| de::Error::invalid_value(de::Unexpected::Unsigned(index), &self))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<SpanField, E> {
        SPAN_FIELDS
            .iter()
            .position(|f| *f == name)
            .map(SpanField)
            .ok_or_else(|| de::Error::unknown_field(name, &SPAN_FIELDS))
    }
}

impl<'a, T> IntoIterator for &'a Spanned<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}
