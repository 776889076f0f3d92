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
/// The index of the field `value` in `SPAN_FIELDS`.
pub(crate) const VALUE_FIELD: u64 = 7;
/// A field index past `SPAN_FIELDS`: every position field at once, as the
/// bytes of `Span::to_bytes` (see `SpanField`).
pub(crate) const PACKED_FIELDS: u64 = 8;

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

    /// The fields in a row, little-endian, offsets as 64 bits: how the tree
    /// deserializer hands a span in one value (`PACKED_FIELDS`).
    pub(crate) fn to_bytes(self) -> [u8; PACKED_LEN] {
        let mut out = [0; PACKED_LEN];
        out[0..4].copy_from_slice(&self.line.to_le_bytes());
        out[4..8].copy_from_slice(&self.column.to_le_bytes());
        out[8..12].copy_from_slice(&self.end_line.to_le_bytes());
        out[12..16].copy_from_slice(&self.end_column.to_le_bytes());
        out[16..24].copy_from_slice(&(self.start as u64).to_le_bytes());
        out[24..32].copy_from_slice(&(self.end as u64).to_le_bytes());
        out[32..36].copy_from_slice(&self.file.to_le_bytes());
        out
    }

    /// The span `to_bytes` wrote, if `bytes` is one.
    fn from_bytes(bytes: &[u8]) -> Option<Span> {
        let bytes: &[u8; PACKED_LEN] = bytes.try_into().ok()?;
        let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let usize_at = |i: usize| {
            let mut word = [0; 8];
            word.copy_from_slice(&bytes[i..i + 8]);
            usize::try_from(u64::from_le_bytes(word)).ok()
        };
        Some(Span {
            line: u32_at(0),
            column: u32_at(4),
            end_line: u32_at(8),
            end_column: u32_at(12),
            start: usize_at(16)?,
            end: usize_at(24)?,
            file: u32_at(32),
        })
    }
}

/// The length of `Span::to_bytes`.
pub(crate) const PACKED_LEN: usize = 36;

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
                7 => value = Some(map.next_value()?),
                _ => span = map.next_value::<PackedSpan>()?.0,
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok(Spanned { value, span })
    }
}

/// A field of a `Spanned`, as its index in `SPAN_FIELDS`, or
/// `PACKED_FIELDS`. The tree deserializer (`load::de`) hands the index
/// itself, and the seven position fields in one value, so that the many
/// texts of a file each cost two fields, and no name is compared; the
/// fields by name are accepted too.
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
            .filter(|i| *i < SPAN_FIELDS.len() || index == PACKED_FIELDS)
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

/// The value of the field `PACKED_FIELDS`: a span as bytes.
struct PackedSpan(Span);

impl<'de> Deserialize<'de> for PackedSpan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_bytes(PackedSpanVisitor)
    }
}

struct PackedSpanVisitor;

impl Visitor<'_> for PackedSpanVisitor {
    type Value = PackedSpan;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "une position en {PACKED_LEN} octets")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<PackedSpan, E> {
        Span::from_bytes(bytes).map(PackedSpan).ok_or_else(|| de::Error::invalid_length(bytes.len(), &self))
    }
}

impl<'a, T> IntoIterator for &'a Spanned<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.value.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn a_span_comes_back_from_its_bytes() {
        let span =
            Span { line: 3, column: u32::MAX, end_line: 70_000, end_column: 1, start: 12, end: 1 << 31, file: 9 };
        assert_eq!(Span::from_bytes(&span.to_bytes()), Some(span));
        assert_eq!(Span::from_bytes(&span.to_bytes()[1..]), None);
    }
}
