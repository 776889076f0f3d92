//! The text of a file: size limit, BOM, UTF-8, and positions from byte offsets.

use std::sync::Arc;

use serde_saphyr::Location;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The text of one file, ready to parse.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: Arc<str>,
}

impl Source {
    /// Checks size and encoding; drops a UTF-8 byte order mark.
    pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Source, Diagnostic> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::new(
                Code::LimitExceeded,
                Span { line: 1, column: 1, end_line: 1, end_column: 1, ..Span::default() },
                format!(
                    "le fichier pèse {} octets, au-delà de la limite de {} Mio",
                    bytes.len(),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_help("un profil tient en quelques dizaines de Kio : découpez ce fichier ou vérifiez qu'il s'agit bien d'un profil"));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Source {
                name,
                text: Arc::from(text),
            }),
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let (line, column) = (to_u32(line), to_u32(column));
                Err(Diagnostic::new(
                    Code::InvalidEncoding,
                    Span { line, column, end_line: line, end_column: column, ..Span::default() },
                    format!("octet invalide en UTF-8 à l'octet {}", e.valid_up_to() + 1),
                )
                .with_help("enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » > UTF-8)"))
            }
        }
    }

    /// The span of a node starting at `location`, `len` bytes long.
    pub fn span_at(&self, location: &Location) -> Span {
        let line = to_u32(location.line() as usize);
        let column = to_u32(location.column() as usize);
        let inner = location.span();
        let (start, end) = match (inner.byte_offset(), inner.byte_len()) {
            (Some(o), Some(l)) if (o + l) as usize <= self.text.len() => {
                (o as usize, (o + l) as usize)
            }
            _ => {
                return Span {
                    line,
                    column,
                    end_line: line,
                    end_column: column,
                    start: 0,
                    end: 0,
                };
            }
        };
        let (end_line, end_column) = advance(&self.text[start..end], line, column);
        Span {
            line,
            column,
            end_line,
            end_column,
            start,
            end,
        }
    }

    /// A span covering the start of the file, for findings about the whole file.
    pub fn start_span(&self) -> Span {
        Span {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            start: 0,
            end: 0,
        }
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
