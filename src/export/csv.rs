//! One row per competency, for spreadsheets. French Excel opens a file with
//! `;` separators and a UTF-8 byte order mark correctly; both are the default.

use crate::model::{Categorie, Competence, FORMULA_STARTS, Profil};

/// The header row.
pub use crate::model::COMPETENCE_COLUMNS as HEADER;

/// The competencies of a profile as CSV text.
pub fn competences(profil: &Profil, separator: char, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    row(&mut out, separator, HEADER.iter().map(|s| (*s).to_owned()));
    for (categorie, c) in profil.competences.iter() {
        row(&mut out, separator, cells(profil, categorie, c).into_iter());
    }
    out
}

/// The cells of one competency, in the order of `HEADER` (shared with the XLSX export).
pub fn cells(profil: &Profil, categorie: Categorie, c: &Competence) -> [String; 10] {
    let join = |list: &[crate::model::Text]| list.iter().map(|t| t.value.trim()).collect::<Vec<_>>().join(", ");
    // No control character in a cell, whatever the input (see `render::printable`).
    let cells = [
        profil.id.value.clone(),
        categorie.key().to_owned(),
        c.id.value.clone(),
        c.libelle.value.trim().to_owned(),
        c.description.as_ref().map(|d| d.value.split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default(),
        c.niveau.value.to_string(),
        if *c.essentielle { "oui" } else { "non" }.to_owned(),
        join(&c.missions),
        join(&c.referentiels.digcomp),
        join(&c.referentiels.pix),
    ];
    cells.map(|cell| crate::render::printable(&cell).into_owned())
}

fn row(out: &mut String, separator: char, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| field(&c, separator)).collect();
    out.push_str(&cells.join(&separator.to_string()));
    out.push_str("\r\n");
}

/// A field, guarded against formulas, then quoted when it holds the
/// separator, a quote or a line break (RFC 4180).
///
/// A text a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, as OWASP advises
/// against CSV injection; so does a text starting with `'`, so that
/// `refnum import`, which removes that one `'`, gives back the exact text.
pub fn field(text: &str, separator: char) -> String {
    let guarded;
    let text = if text.starts_with(FORMULA_STARTS) || text.starts_with('\'') {
        guarded = format!("'{text}");
        guarded.as_str()
    } else {
        text
    };
    if text.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("simple", ';'), "simple");
        assert_eq!(field("a; b", ';'), "\"a; b\"");
        assert_eq!(field("dit \"oui\"", ','), "\"dit \"\"oui\"\"\"");
        assert_eq!(field("a, b", ';'), "a, b");
    }

    #[test]
    fn formulas_are_neutralised_and_restored() {
        use crate::model::restore_formula_guard;
        for (text, written) in [
            ("=1+1", "'=1+1"),
            ("+33 1 23", "'+33 1 23"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "\"'\r=1\""),
            ("'=1", "''=1"),
            ("'", "''"),
            ("l'outil", "l'outil"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(field(text, ';'), written, "{text:?}");
            let unquoted = written.trim_matches('"').to_owned();
            assert_eq!(restore_formula_guard(unquoted), text, "{text:?}");
        }
        // A `'` the user typed before ordinary text is kept.
        assert_eq!(restore_formula_guard("'abc".into()), "'abc");
    }
}
