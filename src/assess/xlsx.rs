//! The positioning grid as an Excel workbook, and a filled one read back.
//!
//! Sheet « Grille »: a header (who, when, which context), then one row per
//! competency with a drop-down for the observed level (the profile's scale
//! and « non évalué ») and a column for evidence. The sheet is protected:
//! only those cells can be changed. A hidden, protected sheet « refnum »
//! carries the profile's id and version, so the filled file can be read back
//! and checked against the right profile.

use std::collections::BTreeMap;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Workbook, XlsxError,
};

use super::lecture::{Lieu, LigneLue, Lu, niveau_cellule};
use super::{Grille, NON_EVALUE};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::MAX_FILE_BYTES;
use crate::load::workbook::{self, WorkbookError, column_name};
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

fn lieu(sheet: &str, row: u32, col: usize) -> Lieu {
    let column = u32::try_from(col + 1).unwrap_or(u32::MAX);
    Lieu {
        span: Span { line: row + 1, column, end_line: row + 1, end_column: column, ..Span::default() },
        cellule: Some(format!("feuille « {sheet} », ligne {}, colonne {}", row + 1, column_name(col))),
    }
}

/// One sheet's non-empty cells, by (row, column), both from 0.
#[derive(Default)]
struct Cells(BTreeMap<(u32, usize), String>);

impl Cells {
    /// The text of a cell, trimmed; empty when the cell is.
    fn texte(&self, row: u32, col: usize) -> String {
        self.0.get(&(row, col)).map(|t| t.trim().to_owned()).unwrap_or_default()
    }

    /// The rows holding at least one cell, from the top.
    fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        let mut last = None;
        self.0.keys().map(|(row, _)| *row).filter(move |row| last.replace(*row) != Some(*row))
    }
}

/// A workbook that cannot be read, located where the reader could say.
fn illisible(e: &WorkbookError) -> Diagnostic {
    let (line, column) = e.cell.map_or((1, 1), |(row, col)| (row, u32::try_from(col + 1).unwrap_or(u32::MAX)));
    let span = Span { line, column, end_line: line, end_column: column, ..Span::default() };
    if e.limit {
        Diagnostic::new(Code::LimitExceeded, span, format!("{}{}", e.place(), e.message)).with_help(
            "une grille remplie tient en quelques dizaines de Kio : repartez d'une grille produite par `refnum grille`",
        )
    } else {
        Diagnostic::new(Code::InvalidEncoding, span, format!("classeur illisible : {}{}", e.place(), e.message))
            .with_help(
                "enregistrez le fichier au format Excel (.xlsx), ou repartez d'une grille produite par `refnum grille`",
            )
    }
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
    if bytes.len() > MAX_FILE_BYTES {
        let first = Span { line: 1, column: 1, end_line: 1, end_column: 1, ..Span::default() };
        return Err(vec![
            Diagnostic::new(
                Code::LimitExceeded,
                first,
                format!("le fichier dépasse la limite de {} Mio", MAX_FILE_BYTES / (1024 * 1024)),
            )
            .with_help("une grille remplie tient en quelques dizaines de Kio : repartez d'une grille produite par `refnum grille`"),
        ]);
    }
    // Only the two sheets of the grid are read, cell by cell and within bounds.
    let read = workbook::read_sheets(bytes, |name| name == FEUILLE || name == FEUILLE_REFNUM)
        .map_err(|e| vec![illisible(&e)])?;
    let names = read.sheets;
    let (mut meta, mut sheet) = (None::<Cells>, None::<Cells>);
    for row in read.rows {
        let cells = match row.sheet.as_str() {
            FEUILLE_REFNUM => meta.get_or_insert_with(Cells::default),
            _ => sheet.get_or_insert_with(Cells::default),
        };
        for (col, text) in row.cells {
            cells.0.insert((row.line - 1, col), text);
        }
    }
    // A sheet listed but empty reads as no cells.
    let listed = |name: &str| names.iter().any(|n| n == name);
    let meta = meta.or_else(|| listed(FEUILLE_REFNUM).then(Cells::default));
    let sheet = sheet.or_else(|| listed(FEUILLE).then(Cells::default));
    let first = lieu(FEUILLE_REFNUM, 0, 0);
    let Some(meta) = meta else {
        return Err(vec![absent(
            Code::MissingKey,
            &Lieu { cellule: Some(format!("feuilles du classeur : {}", names.join(", "))), ..first },
            format!("la feuille cachée « {FEUILLE_REFNUM} », qui nomme le profil et sa version, manque"),
            not_a_grid,
        )]);
    };
    let meta_value = |key: &str| {
        meta.rows().find(|r| meta.texte(*r, 0) == key).map(|r| (meta.texte(r, 1), lieu(FEUILLE_REFNUM, r, 1)))
    };
    let mut lu = Lu { toutes_les_lignes: true, ..Lu::default() };
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
    let Some(sheet) = sheet else {
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
        let Some(row) = (0..TITRES).find(|r| sheet.texte(*r, 0) == label) else {
            errors.push(absent(
                Code::MissingKey,
                &lieu(FEUILLE, 2, 0),
                format!("la ligne « {label} » de l'en-tête manque"),
                not_a_grid,
            ));
            continue;
        };
        let value = sheet.texte(row, 2);
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
        if sheet.texte(TITRES, col) != *title {
            let found = (0..COLONNES.len() + 2).find(|c| sheet.texte(TITRES, *c) == *title);
            let message = match found {
                Some(c) => format!(
                    "la colonne « {title} » est en {} au lieu de {} : une colonne a été retirée ou déplacée",
                    column_name(c),
                    column_name(col)
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
    // A value outside the columns of the grid would be lost: refused, at its cell.
    let outside: Vec<(u32, usize)> = sheet.0.keys().filter(|(_, col)| *col >= COLONNES.len()).copied().collect();
    if let Some(&(row, col)) = outside.first() {
        let others = match outside.len() - 1 {
            0 => String::new(),
            1 => " (et 1 autre cellule)".to_owned(),
            n => format!(" (et {n} autres cellules)"),
        };
        errors.push(absent(
            Code::UnknownKey,
            &lieu(FEUILLE, row, col),
            format!(
                "une valeur hors des colonnes de la grille (A à {}){others} : refnum ne la lirait pas",
                column_name(COLONNES.len() - 1)
            ),
            "notez les éléments observés dans la colonne H, sur la ligne de la compétence, et videz les autres cellules",
        ));
    }
    for row in sheet.rows().filter(|r| *r > TITRES).collect::<Vec<_>>() {
        let id = sheet.texte(row, COL_ID);
        let niveau = sheet.texte(row, COL_NIVEAU);
        let preuves = sheet.texte(row, COL_PREUVES);
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
