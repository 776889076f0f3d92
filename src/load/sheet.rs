//! Spreadsheets → profile: the rows written by `refnum export` (CSV or XLSX)
//! read back, every problem reported at its sheet, row and column.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::Source;
use crate::load::workbook::{self, WorkbookError, column_name};
use crate::model::{
    Categorie, Competence, Competences, Mission, Profil, ProfilKind, Referentiels, Span, Spanned, Statut,
};

/// One row of a sheet, with where it is.
#[derive(Debug, Clone)]
pub struct Row {
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    /// The row number, from 1 (the header is row 1).
    pub line: u32,
    /// The cells by column (from 0), in increasing order: every cell of a
    /// CSV line, only the non-empty ones of a sheet.
    pub cells: Vec<(usize, String)>,
    /// For CSV: the column (in characters, from 1) where each cell starts.
    pub starts: Vec<u32>,
}

impl Row {
    /// The text of the cell in `column`, if any.
    pub fn get(&self, column: usize) -> Option<&str> {
        self.cells.binary_search_by_key(&column, |(c, _)| *c).ok().map(|i| self.cells[i].1.as_str())
    }
}

/// Reads CSV text; the separator is the one the header uses (`;`, `,` or tab).
pub fn read_csv(text: &str) -> Vec<Row> {
    let text = text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or_default();
    // `refnum export` starts its header with `profil` and the separator.
    let separator = header
        .strip_prefix("profil")
        .and_then(|rest| rest.chars().next())
        .unwrap_or_else(|| [';', ',', '\t', '|'].into_iter().max_by_key(|s| header.matches(*s).count()).unwrap_or(';'));
    let mut rows = Vec::new();
    let (mut cells, mut field, mut quoted, mut line, mut start) = (Vec::new(), String::new(), false, 1u32, 1u32);
    let (mut starts, mut column) = (vec![1u32], 0u32);
    let mut chars = text.chars().peekable();
    let push = |cells: &mut Vec<(usize, String)>, field: &mut String| {
        let n = cells.len();
        cells.push((n, crate::model::restore_formula_guard(std::mem::take(field))));
    };
    while let Some(c) = chars.next() {
        column += 1;
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                    column = 0;
                }
                field.push(c);
            }
            (false, '"') => quoted = true,
            (false, '\r') => {}
            (false, '\n') => {
                push(&mut cells, &mut field);
                rows.push(Row {
                    sheet: None,
                    line: start,
                    cells: std::mem::take(&mut cells),
                    starts: std::mem::replace(&mut starts, vec![1]),
                });
                line += 1;
                start = line;
                column = 0;
            }
            (false, c) if c == separator => {
                push(&mut cells, &mut field);
                starts.push(column + 1);
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !cells.is_empty() {
        push(&mut cells, &mut field);
        rows.push(Row { sheet: None, line: start, cells, starts });
    }
    rows.retain(|r| r.cells.iter().any(|(_, c)| !c.trim().is_empty()));
    rows
}

/// Reads every sheet of a workbook, cell by cell and within bounds (see
/// [`workbook`]); the error names the sheet and, where known, the cell.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Row>, WorkbookError> {
    Ok(workbook::read(bytes)?
        .into_iter()
        .map(|r| Row { sheet: Some(r.sheet), line: r.line, cells: r.cells, starts: Vec::new() })
        .collect())
}

/// Where a cell is, for a finding: the text span in a CSV, line and column otherwise.
fn at(source: Option<&Source>, row: &Row, column: usize) -> Span {
    let column = u32::try_from(column + 1).unwrap_or(u32::MAX);
    match source {
        Some(s) => s.span_at_line_column(row.line, row.starts.get(column as usize - 1).copied().unwrap_or(1)),
        None => Span { line: row.line, column, end_line: row.line, end_column: column, ..Span::default() },
    }
}

/// A column as the user sees it: a letter in a sheet, a number in a CSV.
fn column_label(row: &Row, column: usize) -> String {
    match row.sheet {
        Some(_) => column_name(column),
        None => (column + 1).to_string(),
    }
}

fn place(row: &Row, column: usize, name: &str) -> String {
    match &row.sheet {
        Some(sheet) => {
            format!("feuille « {sheet} », ligne {}, colonne {}, « {name} »", row.line, column_name(column))
        }
        None => format!("ligne {}, colonne {}, « {name} »", row.line, column + 1),
    }
}

/// A row named in a message about another one: `ligne 3`, with its sheet
/// in a workbook.
pub fn row_name(line: u32, sheet: Option<&str>) -> String {
    match sheet {
        Some(sheet) => format!("ligne {line} de la feuille « {sheet} »"),
        None => format!("ligne {line}"),
    }
}

const REQUIRED: [&str; 6] = ["categorie", "id", "libelle", "niveau", "essentielle", "missions"];

/// The columns whose text goes into the profile as it is written.
const TEXT_COLUMNS: [&str; 6] = ["id", "libelle", "description", "missions", "digcomp", "pix"];

/// Where a built competency comes from: its row, and the cell of each field.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The row's number (from 1) and, in a workbook, its sheet.
    pub line: u32,
    pub sheet: Option<String>,
    /// For each column the competency was read from (`id`, `libelle`,
    /// `missions`…): the cell's span in the table and its place in words
    /// (`ligne 3, colonne 4, « libelle »`).
    pub cells: Vec<(&'static str, Span, String)>,
}

impl Origin {
    /// The cell of `column`, else the cell of the identifier (the one that
    /// names the competency).
    pub fn cell(&self, column: &str) -> Option<&(&'static str, Span, String)> {
        self.cells.iter().find(|(c, _, _)| *c == column).or_else(|| self.cells.iter().find(|(c, _, _)| *c == "id"))
    }
}

/// A profile built from a table, with where each competency comes from.
#[derive(Debug, Clone)]
pub struct Imported {
    pub profil: Profil,
    /// One per competency, in the order of `profil.competences.iter()`.
    pub origins: Vec<(Categorie, Origin)>,
}

/// Builds a profile from the rows; `template` gives everything but the
/// competencies (missions, finalité…), else placeholders mark what to write.
pub fn to_profil(
    rows: &[Row],
    id: &str,
    template: Option<&Profil>,
    source: Option<&Source>,
    date: &str,
) -> Result<Imported, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut competences = Competences::default();
    let mut origins: [Vec<Origin>; 3] = Default::default();
    // The identifiers already read, with their row, to name the first of a pair.
    let mut seen: std::collections::HashMap<String, (u32, Option<String>)> = std::collections::HashMap::new();
    let mut header: Option<Vec<(usize, String)>> = None;
    for row in rows {
        let is_header = row.cells.first().is_some_and(|(_, c)| c.trim() == "profil")
            || row.cells.iter().any(|(_, c)| c.trim() == "libelle");
        if is_header {
            let names: Vec<(usize, String)> = row.cells.iter().map(|(i, c)| (*i, c.trim().to_owned())).collect();
            let first = row.cells.first().map_or(0, |(i, _)| *i);
            for required in REQUIRED {
                if !names.iter().any(|(_, n)| n == required) {
                    errors.push(
                        Diagnostic::new(
                            Code::MissingKey,
                            at(source, row, first),
                            format!("la colonne `{required}` manque dans l'en-tête ({})", place(row, first, "en-tête")),
                        )
                        .with_help(format!("colonnes attendues : {}", crate::model::COMPETENCE_COLUMNS.join(", "))),
                    );
                }
            }
            // A known column named twice: which one to read would be a guess.
            for known in crate::model::COMPETENCE_COLUMNS {
                let mut seen = names.iter().filter(|(_, n)| n == known).map(|(i, _)| *i);
                if let (Some(once), Some(again)) = (seen.next(), seen.next()) {
                    errors.push(
                        Diagnostic::new(
                            Code::DuplicateKey,
                            at(source, row, again),
                            format!(
                                "la colonne `{known}` apparaît deux fois dans l'en-tête, colonnes {} et {} ({})",
                                column_label(row, once),
                                column_label(row, again),
                                place(row, again, known)
                            ),
                        )
                        .with_help("supprimez ou renommez l'une des deux : refnum ne devine pas laquelle lire"),
                    );
                }
            }
            if !errors.is_empty() {
                // Without its columns, every row would only repeat the problem.
                return Err(errors);
            }
            header = Some(names);
            continue;
        }
        let Some(names) = &header else {
            let first = row.cells.first().map_or(0, |(i, _)| *i);
            errors.push(
                Diagnostic::new(
                    Code::MissingKey,
                    at(source, row, first),
                    format!("aucun en-tête avant cette ligne ({})", place(row, first, "en-tête")),
                )
                .with_help("la première ligne nomme les colonnes, comme l'écrit `refnum export`"),
            );
            break;
        };
        let col = |name: &str| names.iter().find(|(_, n)| n == name).map(|(i, _)| *i);
        let cell = |name: &str| col(name).and_then(|i| row.get(i)).map(|c| c.trim().to_owned()).unwrap_or_default();
        let here = |name: &str| at(source, row, col(name).unwrap_or(0));
        let where_ = |name: &str| place(row, col(name).unwrap_or(0), name);
        // An invisible character would reach the documents (Word refuses
        // them): said here, at its cell.
        let control = TEXT_COLUMNS.iter().find_map(|name| {
            let text = cell(name);
            let (index, c) = crate::text::first_forbidden_control(&text)?;
            Some((*name, text[..index].chars().count() + 1, c))
        });
        if let Some((name, position, c)) = control {
            errors.push(
                Diagnostic::new(
                    Code::ControlCharacter,
                    here(name),
                    format!(
                        "le texte contient le caractère de contrôle U+{:04X}, invisible, en position {position} ({})",
                        u32::from(c),
                        where_(name)
                    ),
                )
                .with_help("retirez-le (il vient souvent d'un copier-coller) : Word refuse d'ouvrir un document qui en contient ; seuls la tabulation et le saut de ligne sont permis"),
            );
            continue;
        }
        let categorie = match cell("categorie").as_str() {
            "savoirs" => Categorie::Savoirs,
            "savoir-faire" => Categorie::SavoirFaire,
            "savoir-etre" => Categorie::SavoirEtre,
            "" => {
                // A row with values only outside the known columns (`XFD1048576`):
                // say where they are.
                let filled: Vec<String> = row
                    .cells
                    .iter()
                    .filter(|(_, c)| !c.trim().is_empty())
                    .take(3)
                    .map(|(i, _)| column_label(row, *i))
                    .collect();
                errors.push(
                    Diagnostic::new(
                        Code::UnknownValue,
                        here("categorie"),
                        format!(
                            "catégorie vide ({}) ; cette ligne a pourtant des valeurs, colonne {}",
                            where_("categorie"),
                            filled.join(", ")
                        ),
                    )
                    .with_help("catégories permises : savoirs, savoir-faire, savoir-etre ; supprimez la ligne si elle est en trop"),
                );
                continue;
            }
            other => {
                errors.push(
                    Diagnostic::new(
                        Code::UnknownValue,
                        here("categorie"),
                        format!("catégorie `{other}` inconnue ({})", where_("categorie")),
                    )
                    .with_help("catégories permises : savoirs, savoir-faire, savoir-etre"),
                );
                continue;
            }
        };
        let niveau = match cell("niveau").parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                errors.push(Diagnostic::new(
                    Code::WrongType,
                    here("niveau"),
                    format!("le niveau `{}` n'est pas un nombre entier ({})", cell("niveau"), where_("niveau")),
                ));
                continue;
            }
        };
        let essentielle = match cell("essentielle").to_lowercase().as_str() {
            "oui" | "true" | "vrai" => true,
            "non" | "false" | "faux" => false,
            other => {
                errors.push(
                    Diagnostic::new(
                        Code::WrongType,
                        here("essentielle"),
                        format!("`{other}` n'est ni oui ni non ({})", where_("essentielle")),
                    )
                    .with_help("écrivez oui ou non"),
                );
                continue;
            }
        };
        let list = |name: &str| -> Vec<Spanned<String>> {
            cell(name)
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Spanned::bare(s.to_owned()))
                .collect()
        };
        let libelle = cell("libelle");
        if libelle.is_empty() || cell("id").is_empty() {
            errors.push(Diagnostic::new(
                Code::EmptyText,
                here("libelle"),
                format!("identifiant ou libellé vide ({})", where_("libelle")),
            ));
            continue;
        }
        if let Some((line, sheet)) = seen.get(&cell("id")) {
            errors.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    here("id"),
                    format!(
                        "l'identifiant `{}` est déjà utilisé à la {} ({})",
                        cell("id"),
                        row_name(*line, sheet.as_deref()),
                        where_("id")
                    ),
                )
                .with_help("chaque compétence a un identifiant propre dans le profil : renumérotez celle-ci"),
            );
            continue;
        }
        seen.insert(cell("id"), (row.line, row.sheet.clone()));
        let origin = Origin {
            line: row.line,
            sheet: row.sheet.clone(),
            cells: crate::model::COMPETENCE_COLUMNS
                .iter()
                .filter_map(|name| col(name).map(|i| (*name, at(source, row, i), place(row, i, name))))
                .collect(),
        };
        let description = Some(cell("description")).filter(|d| !d.is_empty()).map(Spanned::bare);
        let c = Competence {
            id: Spanned::bare(cell("id")),
            libelle: Spanned::bare(libelle),
            description,
            niveau: Spanned::bare(niveau),
            missions: list("missions"),
            essentielle: Spanned::bare(essentielle),
            referentiels: Referentiels {
                digcomp: list("digcomp"),
                pix: list("pix"),
                rome: Vec::new(),
                esco: Vec::new(),
            },
            criteres: None,
            questions: None,
        };
        match categorie {
            Categorie::Savoirs => competences.savoirs.push(c),
            Categorie::SavoirFaire => competences.savoir_faire.push(c),
            Categorie::SavoirEtre => competences.savoir_etre.push(c),
        }
        origins[Categorie::ALL.iter().position(|c| *c == categorie).unwrap_or(0)].push(origin);
    }
    if header.is_none() && errors.is_empty() {
        errors.push(Diagnostic::new(
            Code::EmptyFile,
            Span { line: 1, column: 1, end_line: 1, end_column: 1, ..Span::default() },
            "le tableau ne contient aucune ligne",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut profil = match template {
        Some(t) => t.clone(),
        None => placeholder(&competences, date),
    };
    if let Some(t) = template {
        // Keep the template's own data (ROME, ESCO) for competencies it knows.
        for (_, c) in t.competences.iter() {
            for list in [&mut competences.savoirs, &mut competences.savoir_faire, &mut competences.savoir_etre] {
                if let Some(x) = list.iter_mut().find(|x| x.id.value == c.id.value) {
                    x.referentiels.rome.clone_from(&c.referentiels.rome);
                    x.referentiels.esco.clone_from(&c.referentiels.esco);
                }
            }
        }
    }
    // A new profile: its own id, a draft at version 0.1.0, dated today.
    profil.id = Spanned::bare(id.to_owned());
    profil.version = Spanned::bare("0.1.0".to_owned());
    profil.statut = Spanned::bare(Statut::Brouillon);
    profil.mise_a_jour = Spanned::bare(date.to_owned());
    profil.competences = Spanned::bare(competences);
    let origins =
        Categorie::ALL.into_iter().zip(origins).flat_map(|(c, list)| list.into_iter().map(move |o| (c, o))).collect();
    Ok(Imported { profil, origins })
}

/// A draft profile around imported competencies: one mission per mission id they name.
fn placeholder(competences: &Competences, date: &str) -> Profil {
    let mut ids: Vec<String> = Vec::new();
    for (_, c) in competences.iter() {
        for m in &c.missions {
            if !ids.contains(&m.value) {
                ids.push(m.value.clone());
            }
        }
    }
    let text = |s: &str| Spanned::bare(s.to_owned());
    Profil {
        kind: Spanned::bare(ProfilKind::Profil),
        id: text("import"),
        version: text("0.1.0"),
        statut: Spanned::bare(Statut::Brouillon),
        intitule: text("Profil importé (intitulé à compléter)"),
        appellations: Vec::new(),
        famille: None,
        metier: None,
        finalite: text("À compléter : raison d'être du métier."),
        contexte: None,
        missions: Spanned::bare(
            ids.iter()
                .map(|id| Mission {
                    id: text(id),
                    intitule: Spanned::bare(format!("Mission {id} (intitulé à compléter)")),
                    description: None,
                    activites: vec![Spanned::bare(format!("Décrire les activités de la mission {id}"))],
                })
                .collect(),
        ),
        competences: Spanned::bare(Competences::default()),
        niveaux: None,
        conditions_exercice: Vec::new(),
        relations: Default::default(),
        profil_recherche: Default::default(),
        indicateurs: Vec::new(),
        evolutions: Vec::new(),
        sources: Vec::new(),
        mise_a_jour: text(date),
    }
}
