//! The competencies of a profile as an Excel workbook: one sheet per
//! category, a formatted and frozen header row, filters on every column.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

use super::csv::{HEADER, cells};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Categorie, Profil, Span};

/// The most an Excel cell holds, in UTF-16 code units (what Excel counts).
pub const MAX_CELL_CHARS: usize = 32_767;

/// The texts too long for an Excel cell, each at its place in the profile,
/// found before anything is written. `file` is the file whose text the
/// findings are shown against: a text from another file (the base of an
/// adaptation) is reported at the profile's `id`, its competency named.
pub fn too_long(profil: &Profil) -> Vec<Diagnostic> {
    let file = profil.id.span.file;
    let mut found = Vec::new();
    for categorie in Categorie::ALL {
        for c in profil.competences.list(categorie) {
            for (col, text) in cells(profil, categorie, c).iter().enumerate() {
                let length = text.encode_utf16().count();
                if length <= MAX_CELL_CHARS {
                    continue;
                }
                let first = |list: &[crate::model::Text]| list.first().map_or(c.id.span, |t| t.span);
                let span: Span = match col {
                    0 => profil.id.span,
                    3 => c.libelle.span,
                    4 => c.description.as_ref().map_or(c.id.span, |d| d.span),
                    7 => first(&c.missions),
                    8 => first(&c.referentiels.digcomp),
                    9 => first(&c.referentiels.pix),
                    _ => c.id.span,
                };
                let span = if span.file == file { span } else { profil.id.span };
                found.push(
                    Diagnostic::new(
                        Code::LimitExceeded,
                        span,
                        format!(
                            "la colonne `{}` de la compétence `{}` compterait {length} caractères : une cellule Excel en contient au plus {MAX_CELL_CHARS}",
                            HEADER[col], c.id.value
                        ),
                    )
                    .with_help("raccourcissez ce texte, ou exportez en CSV (`--format csv`), qui n'a pas cette limite"),
                );
            }
        }
    }
    found
}

/// The workbook's bytes; deterministic (the date is the profile's `mise-a-jour`).
pub fn competences(profil: &Profil) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let date = profil.mise_a_jour.value.split('-').map(|n| n.parse::<u16>().unwrap_or(1)).collect::<Vec<_>>();
    let when = match date.as_slice() {
        [y, m, d] => ExcelDateTime::from_ymd(*y, *m as u8, *d as u8)?,
        _ => ExcelDateTime::from_ymd(2024, 1, 1)?,
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title(crate::render::printable(profil.intitule.value.trim()).as_ref())
            .set_author("refnum")
            .set_creation_datetime(&when),
    );
    let header = Format::new().set_bold().set_background_color("E8EEF5").set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    let widths = [28.0, 14.0, 8.0, 48.0, 80.0, 8.0, 11.0, 16.0, 12.0, 10.0];
    for categorie in Categorie::ALL {
        let sheet = workbook.add_worksheet();
        sheet.set_name(categorie.key())?;
        for (col, (title, width)) in HEADER.iter().zip(widths).enumerate() {
            let col = col as u16;
            sheet.write_string_with_format(0, col, *title, &header)?;
            sheet.set_column_width(col, width)?;
        }
        let list = profil.competences.list(categorie);
        for (i, c) in list.iter().enumerate() {
            let row = i as u32 + 1;
            for (col, text) in cells(profil, categorie, c).iter().enumerate() {
                let col = col as u16;
                match col {
                    // The level is a number, so the sheet can sort and filter it as one.
                    5 => sheet.write_number(row, col, c.niveau.value as f64)?,
                    0..=4 => sheet.write_string_with_format(row, col, text, &wrap)?,
                    _ => sheet.write_string(row, col, text)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, list.len() as u32, HEADER.len() as u16 - 1)?;
    }
    workbook.save_to_buffer()
}
