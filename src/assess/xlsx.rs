//! The positioning grid as an Excel workbook, and a filled one read back.
//!
//! Sheet « Grille »: a header (who, when, which context), then one row per
//! competency with a drop-down for the observed level (the profile's scale
//! and « non évalué ») and a column for evidence. The sheet is protected:
//! only those cells can be changed. A hidden, protected sheet « refnum »
//! carries the profile's id and version, so the filled file can be read back
//! and checked against the right profile.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Workbook, XlsxError,
};

use super::lecture::{Lieu, LigneLue, Lu, niveau_cellule};
use super::{Grille, NON_EVALUE};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Contexte, Span};
use crate::render::typo::{Ids, french};

/// The sheet people fill.
pub const FEUILLE: &str = "Grille";
/// The hidden sheet that names the profile.
pub const FEUILLE_REFNUM: &str = "refnum";
/// What the hidden sheet says the workbook is.
pub const FORMAT: &str = "grille-positionnement 1";
/// The column titles of the competency table, in order.
pub const COLONNES: [&str; 8] = [
    "Catégorie",
    "Identifiant",
    "Compétence",
    "Essentielle",
    "Niveau requis",
    "Critères observables",
    "Niveau observé",
    "Éléments observés (preuves)",
];
/// The header's labels (column A) and the rows they are on (from 0).
pub const PERSONNE: &str = "Personne évaluée";
pub const EVALUATEUR: &str = "Évaluateur ou évaluatrice";
pub const DATE: &str = "Date (AAAA-MM-JJ)";
pub const CONTEXTE: &str = "Contexte";
const ENTETE: [&str; 4] = [PERSONNE, EVALUATEUR, DATE, CONTEXTE];
/// Row (from 0) of the table's title row.
const TITRES: u32 = 8;
const COL_ID: usize = 1;
const COL_NIVEAU: usize = 6;
const COL_PREUVES: usize = 7;

/// The workbook's bytes; deterministic (dated from the profile's `mise-a-jour`).
pub fn grille(g: &Grille) -> Result<Vec<u8>, XlsxError> {
    let fr = |t: &str| french(t, Ids::Keep);
    let mut workbook = Workbook::new();
    let date = g.mise_a_jour.split('-').map(|n| n.parse::<u16>().unwrap_or(1)).collect::<Vec<_>>();
    let when = match date.as_slice() {
        [y, m, d] => {
            ExcelDateTime::from_ymd(*y, *m as u8, *d as u8).or_else(|_| ExcelDateTime::from_ymd(2024, 1, 1))?
        }
        _ => ExcelDateTime::from_ymd(2024, 1, 1)?,
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title(fr(&format!("Grille de positionnement : {}", g.intitule)))
            .set_author("refnum")
            .set_creation_datetime(&when),
    );
    let titre = Format::new().set_bold().set_font_size(14);
    let etiquette = Format::new().set_bold().set_background_color("E8EEF5").set_border(FormatBorder::Thin);
    let fixe = Format::new().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let a_remplir = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_num_format("@")
        .set_background_color("FFF8E1")
        .set_border(FormatBorder::Thin);
    let entete = etiquette.clone().set_text_wrap().set_align(FormatAlign::Top);
    let note = Format::new().set_italic().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name(FEUILLE)?;
    let widths = [14.0, 16.0, 38.0, 11.0, 16.0, 56.0, 20.0, 48.0];
    for (col, w) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *w)?;
    }
    sheet.merge_range(0, 0, 0, 7, &fr(&format!("Grille de positionnement : {}", g.intitule)), &titre)?;
    let profil = match &g.poste {
        Some(poste) => format!("{poste} · profil {} ({}, version {})", g.intitule, g.profil_id, g.version),
        None => format!("{} ({}, version {})", g.intitule, g.profil_id, g.version),
    };
    sheet.merge_range(1, 0, 1, 1, "Profil", &etiquette)?;
    sheet.merge_range(1, 2, 1, 5, &fr(&profil), &fixe)?;
    for (i, label) in ENTETE.iter().enumerate() {
        let row = 2 + i as u32;
        sheet.merge_range(row, 0, row, 1, label, &etiquette)?;
        sheet.merge_range(row, 2, row, 5, "", &a_remplir)?;
    }
    let contextes: Vec<&str> = Contexte::ALL.iter().map(|c| c.label()).collect();
    let choix_contexte = DataValidation::new()
        .allow_list_strings(&contextes)?
        .set_input_title("Contexte")?
        .set_input_message(
            "Pourquoi cette évaluation : recrutement, entretien annuel ou positionnement avant formation.",
        )?
        .set_error_title("Contexte inconnu")?
        .set_error_message(format!("Choisissez dans la liste : {}.", contextes.join(", ")))?;
    sheet.add_data_validation(5, 2, 5, 5, &choix_contexte)?;
    let echelle: Vec<String> = g.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
    sheet.merge_range(
        6,
        0,
        6,
        7,
        &fr(&format!(
            "Pour chaque compétence, choisissez le niveau observé dans la liste (échelle du profil : {} ; ou « {NON_EVALUE} ») et notez les éléments observés qui le fondent. Les autres cellules sont protégées. Données personnelles : gardez ce fichier sur votre poste, le temps de l'usage prévu.",
            echelle.join(", ")
        )),
        &note,
    )?;
    sheet.set_row_height(6, 45)?;
    for (col, title) in COLONNES.iter().enumerate() {
        sheet.write_string_with_format(TITRES, col as u16, *title, &entete)?;
    }
    let mut row = TITRES;
    for ligne in g.lignes() {
        row += 1;
        let criteres: Vec<String> = ligne.criteres.iter().map(|c| format!("• {}", fr(c))).collect();
        sheet.write_string_with_format(row, 0, ligne.categorie, &fixe)?;
        sheet.write_string_with_format(row, 1, &ligne.id, &fixe)?;
        sheet.write_string_with_format(row, 2, fr(&ligne.libelle), &fixe)?;
        sheet.write_string_with_format(row, 3, if ligne.essentielle { "oui" } else { "non" }, &fixe)?;
        sheet.write_string_with_format(row, 4, fr(&g.choix(ligne.niveau)), &fixe)?;
        sheet.write_string_with_format(row, 5, criteres.join("\n"), &fixe)?;
        sheet.write_string_with_format(row, COL_NIVEAU as u16, "", &a_remplir)?;
        sheet.write_string_with_format(row, COL_PREUVES as u16, "", &a_remplir)?;
        // Wrapped text does not grow its row in every spreadsheet: the
        // height is set from the longest cell.
        let lines = lines(&ligne.libelle, widths[2]).max(criteres.iter().map(|c| lines(c, widths[5])).sum()).max(2);
        sheet.set_row_height(row, 15.0 * lines as f64)?;
    }
    let mut choix: Vec<String> = g.niveaux.iter().map(|n| g.choix(n.niveau)).collect();
    choix.push(NON_EVALUE.to_owned());
    let message = format!("Choisissez un niveau de l'échelle du profil, ou « {NON_EVALUE} ».");
    let liste = if choix.iter().any(|c| c.contains(',')) || choix.join(",").chars().count() > 250 {
        // A label with a comma, or a long scale: the list is read from the hidden sheet.
        DataValidation::new().allow_list_formula(Formula::new(format!("={FEUILLE_REFNUM}!$B$6:$B${}", 5 + choix.len())))
    } else {
        DataValidation::new().allow_list_strings(&choix)?
    };
    let liste = liste
        .set_input_title("Niveau observé")?
        .set_input_message(&message)?
        .set_error_title("Niveau hors de l'échelle")?
        .set_error_message(&message)?
        .set_error_style(DataValidationErrorStyle::Stop);
    if row > TITRES {
        sheet.add_data_validation(TITRES + 1, COL_NIVEAU as u16, row, COL_NIVEAU as u16, &liste)?;
    }
    sheet.set_freeze_panes(TITRES + 1, 0)?;
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(TITRES, TITRES)?;
    sheet.set_footer("&L&A&RPage &P sur &N");
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });

    let meta = workbook.add_worksheet();
    meta.set_name(FEUILLE_REFNUM)?;
    let lignes: [(&str, &str); 4] = [
        ("format", FORMAT),
        ("profil", &g.profil_id),
        ("version", &g.version),
        ("poste", g.poste.as_deref().unwrap_or("")),
    ];
    for (i, (k, v)) in lignes.iter().enumerate() {
        meta.write_string(i as u32, 0, *k)?;
        meta.write_string(i as u32, 1, *v)?;
    }
    meta.write_string(5, 0, "choix")?;
    for (i, c) in choix.iter().enumerate() {
        meta.write_string(5 + i as u32, 1, c)?;
    }
    meta.set_hidden(true);
    meta.protect();
    workbook.save_to_buffer()
}

/// How many lines a text takes in a column of `width` characters, wrapped.
fn lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.05).max(1.0) as usize;
    text.lines().map(|l| l.chars().count().div_ceil(per_line).max(1)).sum()
}

/// The letter of a column (0 → A).
fn lettre(col: usize) -> char {
    char::from(b'A' + u8::try_from(col.min(25)).unwrap_or(25))
}

fn lieu(sheet: &str, row: u32, col: usize) -> Lieu {
    let column = u32::try_from(col + 1).unwrap_or(1);
    Lieu {
        span: Span { line: row + 1, column, end_line: row + 1, end_column: column, ..Span::default() },
        cellule: Some(format!("feuille « {sheet} », ligne {}, colonne {}", row + 1, lettre(col))),
    }
}

fn texte(range: &Range<Data>, row: u32, col: usize) -> String {
    match range.get_value((row, col as u32)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{}", *f as i64),
        Some(Data::DateTime(d)) => date_excel(d.as_f64()),
        Some(other) => other.to_string().trim().to_owned(),
    }
}

/// An Excel date serial as `AAAA-MM-JJ` (a date typed where text was expected).
fn date_excel(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569; // 1970-01-01
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn absent(code: Code, lieu: &Lieu, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(code, lieu.span, format!("{message}{}", lieu.dit())).with_help(help)
}

/// Reads a filled grid. `grille` is the grid of the profile the workbook
/// names, when the caller could find it: it lets a level be typed as its
/// label (`Maîtrise`). Returns the profile id the workbook names when only
/// that could be read.
pub fn lire(bytes: &[u8]) -> Result<Lu, Vec<Diagnostic>> {
    let not_a_grid = "ce classeur n'est pas une grille écrite par `refnum grille`, ou sa structure a été modifiée : repartez d'une grille produite par `refnum grille` et recopiez-y les niveaux";
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|e| {
        vec![
            Diagnostic::new(Code::InvalidEncoding, Span::default(), format!("classeur illisible : {e}"))
                .with_help("enregistrez le fichier au format Excel (.xlsx)"),
        ]
    })?;
    let names = workbook.sheet_names();
    let first = lieu(FEUILLE_REFNUM, 0, 0);
    let Ok(meta) = workbook.worksheet_range(FEUILLE_REFNUM) else {
        return Err(vec![absent(
            Code::MissingKey,
            &Lieu { cellule: Some(format!("feuilles du classeur : {}", names.join(", "))), ..first },
            format!("la feuille cachée « {FEUILLE_REFNUM} », qui nomme le profil et sa version, manque"),
            not_a_grid,
        )]);
    };
    let meta_value = |key: &str| {
        (0..meta.height() as u32)
            .find(|r| texte(&meta, *r, 0) == key)
            .map(|r| (texte(&meta, r, 1), lieu(FEUILLE_REFNUM, r, 1)))
    };
    let mut lu = Lu::default();
    let mut errors = Vec::new();
    match meta_value("format") {
        Some((f, _)) if f == FORMAT => {}
        _ => errors.push(absent(
            Code::UnknownValue,
            &first,
            format!("la feuille « {FEUILLE_REFNUM} » ne dit pas « format : {FORMAT} »"),
            not_a_grid,
        )),
    }
    for (key, value, place) in
        [("profil", &mut lu.profil, &mut lu.lieu_profil), ("version", &mut lu.version, &mut lu.lieu_version)]
    {
        match meta_value(key) {
            Some((v, l)) if !v.is_empty() => {
                *value = v;
                *place = l;
            }
            _ => errors.push(absent(
                Code::MissingKey,
                &first,
                format!("la feuille « {FEUILLE_REFNUM} » ne nomme pas le {key} de la grille"),
                not_a_grid,
            )),
        }
    }
    let Ok(sheet) = workbook.worksheet_range(FEUILLE) else {
        let others: Vec<&String> = names.iter().filter(|n| *n != FEUILLE_REFNUM).collect();
        let shown: Vec<String> = others.iter().map(|n| format!("« {n} »")).collect();
        errors.push(absent(
            Code::MissingKey,
            &Lieu { cellule: Some(format!("feuilles du classeur : {}", shown.join(", "))), ..lieu(FEUILLE, 0, 0) },
            format!("la feuille « {FEUILLE} » manque : a-t-elle été renommée ?"),
            "redonnez à la feuille son nom « Grille » : refnum la reconnaît à ce nom",
        ));
        return Err(errors);
    };
    // The header block: each label in column A, its value in column C.
    for label in ENTETE {
        let Some(row) = (0..TITRES).find(|r| texte(&sheet, *r, 0) == label) else {
            errors.push(absent(
                Code::MissingKey,
                &lieu(FEUILLE, 2, 0),
                format!("la ligne « {label} » de l'en-tête manque"),
                not_a_grid,
            ));
            continue;
        };
        let value = texte(&sheet, row, 2);
        let value = Some(value).filter(|v| !v.is_empty());
        match label {
            PERSONNE => lu.personne = value,
            EVALUATEUR => lu.evaluateur = value,
            DATE => lu.date = value.map(|v| (v, lieu(FEUILLE, row, 2))),
            _ => {
                if let Some(v) = value {
                    match Contexte::ALL.into_iter().find(|c| c.label().eq_ignore_ascii_case(&v) || c.key() == v) {
                        Some(c) => lu.contexte = Some(c),
                        None => {
                            let labels: Vec<&str> = Contexte::ALL.iter().map(|c| c.label()).collect();
                            errors.push(absent(
                                Code::UnknownValue,
                                &lieu(FEUILLE, row, 2),
                                format!("contexte « {v} » inconnu"),
                                &format!("contextes permis : {}", labels.join(", ")),
                            ));
                        }
                    }
                }
            }
        }
    }
    // The table: its title row must have every column, in place.
    for (col, title) in COLONNES.iter().enumerate() {
        if texte(&sheet, TITRES, col) != *title {
            let found = (0..COLONNES.len() + 2).find(|c| texte(&sheet, TITRES, *c) == *title);
            let message = match found {
                Some(c) => format!(
                    "la colonne « {title} » est en {} au lieu de {} : une colonne a été retirée ou déplacée",
                    lettre(c),
                    lettre(col)
                ),
                None => format!("la colonne « {title} » manque : elle a été retirée ou renommée"),
            };
            errors.push(absent(
                Code::MissingKey,
                &lieu(FEUILLE, TITRES, col),
                message,
                &format!("colonnes attendues, de A à H : {}", COLONNES.join(", ")),
            ));
            return Err(errors);
        }
    }
    let last = sheet.end().map_or(0, |(r, _)| r);
    for row in TITRES + 1..=last {
        let id = texte(&sheet, row, COL_ID);
        let niveau = texte(&sheet, row, COL_NIVEAU);
        let preuves = texte(&sheet, row, COL_PREUVES);
        if id.is_empty() {
            if !niveau.is_empty() || !preuves.is_empty() {
                errors.push(absent(
                    Code::MissingKey,
                    &lieu(FEUILLE, row, COL_ID),
                    "niveau ou éléments observés sur une ligne sans identifiant de compétence".to_owned(),
                    "remettez l'identifiant de la compétence, ou videz la ligne",
                ));
            }
            continue;
        }
        lu.lignes.push(LigneLue {
            id,
            lieu_id: lieu(FEUILLE, row, COL_ID),
            niveau: niveau_cellule(&niveau, None),
            lieu_niveau: lieu(FEUILLE, row, COL_NIVEAU),
            preuves: Some(preuves).filter(|p| !p.is_empty()),
        });
    }
    if errors.is_empty() { Ok(lu) } else { Err(errors) }
}
