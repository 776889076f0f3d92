//! The text of a file: size limit, BOM, UTF-8, and positions from byte offsets.

use std::sync::Arc;

use super::tree::Location;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The text of one file, ready to parse.
#[derive(Debug, Clone)]
pub struct Source {
    /// Unique in the process: spans carry it, so a finding knows its file.
    pub id: u32,
    pub name: String,
    pub text: Arc<str>,
    /// Byte offset of the start of each line, built on the first look-up
    /// by line number, so that each later one costs a binary search.
    lines: Arc<std::sync::OnceLock<Vec<usize>>>,
}

static NEXT_ID: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl Source {
    /// Checks size and encoding; drops a UTF-8 byte order mark.
    pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Source, Diagnostic> {
        let first = Span { line: 1, column: 1, end_line: 1, end_column: 1, ..Span::default() };
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                Code::LimitExceeded,
                first,
                format!("le fichier dépasse la limite de {} Mio", MAX_FILE_BYTES / (1024 * 1024)),
            )
            .with_help("un profil tient en quelques dizaines de Kio : vérifiez qu'il s'agit bien d'un profil, ou découpez ce fichier"));
        }
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return Err(Diagnostic::new(
                Code::InvalidEncoding,
                first,
                "le fichier est encodé en UTF-16 ; refnum lit l'UTF-8",
            )
            .with_help(
                "enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » > UTF-8)",
            ));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Source {
                id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                name,
                text: Arc::from(text),
                lines: Arc::default(),
            }),
            Err(e) => {
                let at = e.valid_up_to();
                let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                let line = to_u32(valid.matches('\n').count() + 1);
                let column = to_u32(valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1);
                let byte = bytes[at];
                let hint = if (0xC0..=0xFF).contains(&byte) || (0x80..0xA0).contains(&byte) {
                    " ; le fichier semble enregistré en Latin-1 ou Windows-1252"
                } else {
                    ""
                };
                Err(Diagnostic::new(
                    Code::InvalidEncoding,
                    Span { line, column, end_line: line, end_column: column, start: at, end: at, file: 0 },
                    format!("l'octet 0x{byte:02X} (octet n° {}) n'est pas de l'UTF-8 valide{hint}", at + 1),
                )
                .with_help(
                    "enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » > UTF-8)",
                ))
            }
        }
    }

    /// The span of a node starting at `location`, `len` bytes long.
    pub fn span_at(&self, location: &Location) -> Span {
        let (line, column) = (location.line, location.column);
        let (start, end) = match location.bytes {
            Some((o, l)) if o.saturating_add(l) <= self.text.len() => (o, o + l),
            _ => {
                return self.span_at_line_column(line, column);
            }
        };
        let (end_line, end_column) = match location.end {
            Some(end) => end,
            None => advance(&self.text[start..end], line, column),
        };
        Span { line, column, end_line, end_column, start, end, file: self.id }
    }

    /// The bytes of `span_at(location)`, without counting lines and columns.
    pub fn bytes_at(&self, location: &Location) -> (usize, usize) {
        match location.bytes {
            Some((o, l)) if o.saturating_add(l) <= self.text.len() => (o, o + l),
            _ => {
                let span = self.span_at_line_column(location.line, location.column);
                (span.start, span.end)
            }
        }
    }

    /// The span of the character at `line:column` (both from 1), for errors
    /// that carry no byte offset.
    pub fn span_at_line_column(&self, line: u32, column: u32) -> Span {
        let starts = self.line_starts();
        let line_start = starts.get(line.saturating_sub(1) as usize).copied().unwrap_or(self.text.len());
        let rest = self.text[line_start..].split('\n').next().unwrap_or_default();
        let start =
            line_start + rest.char_indices().nth(column.saturating_sub(1) as usize).map_or(rest.len(), |(i, _)| i);
        let end = self.text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(start, |c| start + c.len_utf8());
        Span { line, column, end_line: line, end_column: column + u32::from(end > start), start, end, file: self.id }
    }

    /// Byte offset of the start of each line.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The span of the character at byte `offset`.
    pub fn span_at_offset(&self, offset: usize) -> Span {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let index = starts.partition_point(|&start| start <= offset).saturating_sub(1);
        let line = to_u32(index + 1);
        let column = to_u32(self.text[starts[index]..offset].chars().count() + 1);
        self.span_at_line_column(line, column)
    }

    /// The dash of a block list item whose value is empty (`-` alone on its
    /// line): the parser places such a value after the dash.
    pub fn dash_before(&self, span: Span) -> Option<Span> {
        let before = self.text.get(..span.start)?;
        let trimmed = before.trim_end_matches([' ', '\t']);
        trimmed.ends_with('-').then(|| self.span_at_offset(trimmed.len() - 1))
    }

    /// A span covering the start of the file, for findings about the whole file.
    pub fn start_span(&self) -> Span {
        Span { line: 1, column: 1, end_line: 1, end_column: 1, start: 0, end: 0, file: self.id }
    }
}

/// Line and column after reading `text` from `(line, column)`.
fn advance(text: &str, line: u32, column: u32) -> (u32, u32) {
    match text.rfind('\n') {
        None => (line, column + to_u32(text.chars().count())),
        Some(last) => {
            let lines = to_u32(text.matches('\n').count());
            (line + lines, to_u32(text[last + 1..].chars().count()) + 1)
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
