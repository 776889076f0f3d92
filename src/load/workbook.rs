//! A bounded XLSX reader: the workbook's parts read from the zip archive
//! with a budget on their decompressed size, and each sheet read cell by
//! cell. Only cells holding a value are kept, so a cell far away (`XFD1048576`)
//! costs what it weighs in the file, never the size of the sheet's extent.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

/// Largest total of decompressed XML read from one workbook, in bytes: the
/// zip-bomb guard, checked as the parts are inflated.
pub const MAX_UNPACKED_BYTES: usize = 16 * 1024 * 1024;

/// Largest total of cell text kept from one workbook, in bytes: a shared
/// string repeated in many cells counts each time.
pub const MAX_CELL_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Excel's own bounds: columns A to XFD, rows 1 to 1,048,576.
pub const MAX_COLUMNS: u32 = 16_384;
pub const MAX_ROWS: u32 = 1_048_576;

/// One sheet's row: its number (from 1) and its non-empty cells, by column
/// (from 0), in increasing order.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub sheet: String,
    pub line: u32,
    pub cells: Vec<(usize, String)>,
}

/// Why a workbook could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkbookError {
    /// The sheet, when the problem lies in one.
    pub sheet: Option<String>,
    /// The cell (row from 1, column from 0), when known.
    pub cell: Option<(u32, usize)>,
    /// What is wrong, in French.
    pub message: String,
    /// A size limit was reached (E003), rather than a damaged workbook.
    pub limit: bool,
}

impl WorkbookError {
    fn damaged(message: impl Into<String>) -> WorkbookError {
        WorkbookError { sheet: None, cell: None, message: message.into(), limit: false }
    }

    fn in_sheet(mut self, sheet: &str) -> WorkbookError {
        self.sheet.get_or_insert_with(|| sheet.to_owned());
        self
    }

    /// Where the problem is, in words: « feuille « s », cellule B2 : ».
    pub fn place(&self) -> String {
        match (&self.sheet, self.cell) {
            (Some(s), Some((row, col))) => format!("feuille « {s} », cellule {}{row} : ", column_name(col)),
            (Some(s), None) => format!("feuille « {s} » : "),
            (None, Some((row, col))) => format!("cellule {}{row} : ", column_name(col)),
            (None, None) => String::new(),
        }
    }
}

/// The letters of a column, as Excel shows them: 0 → A, 25 → Z, 27 → AB.
pub fn column_name(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell reference (`AB12`) as (row from 1, column from 0), within Excel's bounds.
fn parse_reference(text: &str) -> Option<(u32, usize)> {
    let split = text.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() || digits.len() > 7 {
        return None;
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    let row: u32 = digits.parse().ok()?;
    ((1..=MAX_COLUMNS).contains(&column) && (1..=MAX_ROWS).contains(&row)).then_some((row, column as usize - 1))
}

/// A workbook as read: the names of all its sheets, in order, and the rows
/// of the sheets that were asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<String>,
    pub rows: Vec<SheetRow>,
}

/// Reads every worksheet of a workbook, in the workbook's order.
pub fn read(bytes: &[u8]) -> Result<Vec<SheetRow>, WorkbookError> {
    Ok(read_sheets(bytes, |_| true)?.rows)
}

/// Reads the worksheets whose name `wanted` accepts, in the workbook's
/// order, under the same bounds as [`read`]; the others are not inflated.
pub fn read_sheets(bytes: &[u8], wanted: impl Fn(&str) -> bool) -> Result<Workbook, WorkbookError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| WorkbookError::damaged(format!("ce n'est pas un classeur XLSX lisible ({})", zip_error(&e))))?;
    let mut parts = Parts { archive: &mut archive, budget: MAX_UNPACKED_BYTES };
    // The package's relations name the workbook part; `xl/workbook.xml` by default.
    let workbook_path = match parts.optional("_rels/.rels")? {
        Some(text) => relations(&text, "_rels/.rels", "")?
            .into_iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_owned(), |r| r.target),
        None => "xl/workbook.xml".to_owned(),
    };
    let Some(workbook) = parts.optional(&workbook_path)? else {
        return Err(WorkbookError::damaged(format!(
            "la partie {workbook_path} manque : ce fichier n'est pas un classeur Excel complet"
        )));
    };
    let folder = workbook_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let file = workbook_path.rsplit('/').next().unwrap_or_default();
    let rels_path =
        if folder.is_empty() { format!("_rels/{file}.rels") } else { format!("{folder}/_rels/{file}.rels") };
    let Some(rels_text) = parts.optional(&rels_path)? else {
        return Err(WorkbookError::damaged(format!(
            "la partie {rels_path} manque : les feuilles du classeur sont introuvables"
        )));
    };
    let rels = relations(&rels_text, &rels_path, folder)?;
    let shared = match rels.iter().find(|r| r.kind.ends_with("/sharedStrings")) {
        Some(r) => match parts.optional(&r.target)? {
            Some(text) => Some(shared_strings(&text, &r.target)?),
            None => {
                return Err(WorkbookError::damaged(format!(
                    "la partie {} (table des chaînes partagées) manque, alors que le classeur y renvoie",
                    r.target
                )));
            }
        },
        None => None,
    };
    // The cell formats that show a number as a date; none without the part.
    let dates = match rels.iter().find(|r| r.kind.ends_with("/styles")) {
        Some(r) => match parts.optional(&r.target)? {
            Some(text) => date_styles(&text, &r.target)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let (list, date1904) = sheets(&workbook, &workbook_path)?;
    let dates = Dates { styles: &dates, date1904 };
    let mut rows = Vec::new();
    let mut text_budget = MAX_CELL_TEXT_BYTES;
    for (name, id) in &list {
        if !wanted(name) {
            continue;
        }
        let Some(rel) = rels.iter().find(|r| r.id == *id) else {
            return Err(WorkbookError::damaged(format!(
                "la feuille « {name} » renvoie à la relation `{id}`, absente de {rels_path}"
            )));
        };
        // Chart sheets and the like hold no cells.
        if !rel.kind.ends_with("/worksheet") {
            continue;
        }
        let Some(xml) = parts.optional(&rel.target).map_err(|e| e.in_sheet(name))? else {
            return Err(WorkbookError::damaged(format!("la partie {} manque", rel.target)).in_sheet(name));
        };
        let sheet =
            Sheet { name, path: &rel.target, shared: shared.as_deref(), dates: &dates, text_budget: &mut text_budget };
        rows.extend(sheet.read(&xml).map_err(|e| e.in_sheet(name))?);
    }
    Ok(Workbook { sheets: list.into_iter().map(|(name, _)| name).collect(), rows })
}

/// The archive, with what remains of the decompression budget.
struct Parts<'a, 'b> {
    archive: &'a mut ZipArchive<Cursor<&'b [u8]>>,
    budget: usize,
}

impl Parts<'_, '_> {
    /// A part's text, or `None` when the archive has no such part.
    fn optional(&mut self, path: &str) -> Result<Option<String>, WorkbookError> {
        let mut entry = match self.archive.by_name(path) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(WorkbookError::damaged(format!("partie {path} illisible ({})", zip_error(&e)))),
        };
        // Never trust the declared size: read at most the budget and one byte.
        let mut bytes = Vec::new();
        (&mut entry)
            .take(self.budget as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| WorkbookError::damaged(format!("partie {path} illisible (archive endommagée ou tronquée)")))?;
        if bytes.len() > self.budget {
            return Err(WorkbookError {
                sheet: None,
                cell: None,
                message: format!(
                    "une fois décompressé, le classeur dépasse la limite de {} Mio (partie {path})",
                    MAX_UNPACKED_BYTES / (1024 * 1024)
                ),
                limit: true,
            });
        }
        self.budget -= bytes.len();
        let text = String::from_utf8(bytes)
            .map_err(|_| WorkbookError::damaged(format!("la partie {path} n'est pas en UTF-8")))?;
        Ok(Some(text))
    }
}

fn zip_error(e: &ZipError) -> &'static str {
    match e {
        ZipError::Io(_) => "archive tronquée ou endommagée",
        ZipError::InvalidArchive(_) => "archive ZIP invalide",
        ZipError::UnsupportedArchive(_) | ZipError::InvalidPassword => "archive ZIP chiffrée ou non prise en charge",
        ZipError::CompressionMethodNotSupported(_) => "méthode de compression non prise en charge",
        ZipError::FileNotFound => "partie introuvable",
        _ => "archive ZIP illisible",
    }
}

/// One relation of a part: its id, its type and its target, as a path in the archive.
struct Relation {
    id: String,
    kind: String,
    target: String,
}

fn relations(text: &str, path: &str, folder: &str) -> Result<Vec<Relation>, WorkbookError> {
    let mut list = Vec::new();
    walk(text, path, |event, _| {
        if let XmlEvent::Open(tag) = event
            && local(tag) == b"Relationship"
        {
            let (id, kind, target) = (attr(tag, b"Id")?, attr(tag, b"Type")?, attr(tag, b"Target")?);
            if let (Some(id), Some(kind), Some(target)) = (id, kind, target) {
                list.push(Relation { id, kind, target: join(folder, &target) });
            }
        }
        Ok(())
    })?;
    Ok(list)
}

/// A relation's target, as a path from the root of the archive.
fn join(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => folder.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The sheets a workbook lists: (name, relation id), in order; and whether
/// its dates count from 1904 (old Mac workbooks) rather than 1900.
fn sheets(text: &str, path: &str) -> Result<(Vec<(String, String)>, bool), WorkbookError> {
    let mut list = Vec::new();
    let mut date1904 = false;
    walk(text, path, |event, _| {
        if let XmlEvent::Open(tag) = event
            && local(tag) == b"workbookPr"
        {
            date1904 = matches!(attr(tag, b"date1904")?.as_deref().map(str::trim), Some("1" | "true"));
        }
        if let XmlEvent::Open(tag) = event
            && local(tag) == b"sheet"
        {
            let name = attr(tag, b"name")?.unwrap_or_default();
            let Some(id) = attr(tag, b"id")? else {
                return Err(WorkbookError::damaged(format!("la feuille « {name} » ne désigne aucune partie")));
            };
            list.push((name, id));
        }
        Ok(())
    })?;
    Ok((list, date1904))
}

/// For each cell format (`<cellXfs>`, by index), whether it shows a number as a date.
fn date_styles(text: &str, path: &str) -> Result<Vec<bool>, WorkbookError> {
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut formats: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    walk(text, path, |event, depth| {
        match event {
            XmlEvent::Open(tag) => match local(tag) {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(tag, b"numFmtId")?, attr(tag, b"formatCode")?)
                        && let Ok(id) = id.trim().parse()
                    {
                        custom.push((id, is_date_format(&code)));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                // The formats themselves, not what they hold (`<xf><alignment/></xf>`).
                b"xf" if in_cell_xfs && depth == 3 => {
                    formats.push(attr(tag, b"numFmtId")?.and_then(|id| id.trim().parse().ok()).unwrap_or(0));
                }
                _ => {}
            },
            XmlEvent::Close(b"cellXfs") => in_cell_xfs = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(formats
        .into_iter()
        .map(|id| match custom.iter().rev().find(|(c, _)| *c == id) {
            Some((_, date)) => *date,
            // Excel's built-in date formats.
            None => matches!(id, 14..=17 | 22 | 27..=36 | 50..=58),
        })
        .collect())
}

/// Whether a number format code shows a date: a day or a year outside quoted
/// text, escapes and `[…]` (colours, conditions, elapsed time).
fn is_date_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut in_brackets = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if !in_brackets => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' if !in_brackets => {
                chars.next();
            }
            '[' => in_brackets = true,
            ']' => in_brackets = false,
            'd' | 'D' | 'y' | 'Y' if !in_brackets => return true,
            _ => {}
        }
    }
    false
}

/// What turns a number into a date: the date formats and the workbook's epoch.
struct Dates<'a> {
    styles: &'a [bool],
    date1904: bool,
}

impl Dates<'_> {
    /// The date `AAAA-MM-JJ` a cell shows, when its format is a date one and
    /// its number a day between 1900 and 9999.
    fn show(&self, style: Option<usize>, raw: &str) -> Option<String> {
        if !style.and_then(|s| self.styles.get(s).copied()).unwrap_or(false) {
            return None;
        }
        let serial = raw.trim().parse::<f64>().ok().filter(|f| (0.0..2_958_466.0).contains(f))?;
        let days = serial.floor() as i64 + if self.date1904 { 1462 } else { 0 };
        Some(date_from_serial(days))
    }
}

/// An Excel day number (1900 system) as `AAAA-MM-JJ`.
fn date_from_serial(serial: i64) -> String {
    crate::text::date::from_days(serial - 25_569) // 25,569: 1970-01-01
}

/// The shared strings: each `<si>`'s text, phonetic guides (`<rPh>`) left out.
fn shared_strings(text: &str, path: &str) -> Result<Vec<String>, WorkbookError> {
    let mut list = Vec::new();
    let (mut current, mut in_t, mut in_phonetic) = (String::new(), false, false);
    walk(text, path, |event, _| {
        match event {
            XmlEvent::Open(tag) => match local(tag) {
                b"si" => current.clear(),
                b"t" => in_t = true,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            XmlEvent::Close(name) => match *name {
                b"si" => list.push(unescape_ooxml(&std::mem::take(&mut current))),
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                _ => {}
            },
            XmlEvent::Text(t) if in_t && !in_phonetic => current.push_str(t),
            XmlEvent::Text(_) => {}
        }
        Ok(())
    })?;
    Ok(list)
}

/// One sheet being read.
struct Sheet<'a> {
    name: &'a str,
    /// The sheet's part in the archive.
    path: &'a str,
    shared: Option<&'a [String]>,
    dates: &'a Dates<'a>,
    /// What remains of the workbook's cell-text budget.
    text_budget: &'a mut usize,
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    at: (u32, usize),
    kind: String,
    /// The cell format's index (`s`), if any.
    style: Option<usize>,
    value: String,
    inline: String,
    /// Inside `<v>`, `<is>…<t>` (outside `<rPh>`).
    in_v: bool,
    in_t: bool,
    in_phonetic: bool,
}

impl Sheet<'_> {
    fn read(self, xml: &str) -> Result<Vec<SheetRow>, WorkbookError> {
        let mut rows: Vec<SheetRow> = Vec::new();
        let mut row: Option<SheetRow> = None;
        let (mut next_row, mut next_column) = (1u32, 0usize);
        let mut cell: Option<CellState> = None;
        let mut in_data = false;
        let (name, shared, dates, text_budget) = (self.name, self.shared, self.dates, self.text_budget);
        walk(xml, self.path, |event, _| {
            match event {
                XmlEvent::Open(tag) => match local(tag) {
                    b"sheetData" => in_data = true,
                    b"row" if in_data => {
                        let line = match attr(tag, b"r")? {
                            Some(r) => match r.trim().parse::<u32>() {
                                Ok(n) if (1..=MAX_ROWS).contains(&n) => n,
                                _ => {
                                    return Err(WorkbookError::damaged(format!(
                                        "numéro de ligne « {} » invalide (Excel va de 1 à {MAX_ROWS})",
                                        shorten(&r)
                                    )));
                                }
                            },
                            None => next_row,
                        };
                        next_row = line.saturating_add(1);
                        next_column = 0;
                        if let Some(done) = row.take().filter(|r| !r.cells.is_empty()) {
                            rows.push(done);
                        }
                        row = Some(SheetRow { sheet: name.to_owned(), line, cells: Vec::new() });
                    }
                    b"c" if in_data => {
                        let Some(current) = row.as_ref() else {
                            return Err(WorkbookError::damaged("cellule hors de toute ligne (<c> sans <row>)"));
                        };
                        let at = match attr(tag, b"r")? {
                            Some(r) => match parse_reference(&r) {
                                Some(at) => at,
                                None => {
                                    return Err(WorkbookError {
                                        cell: None,
                                        ..WorkbookError::damaged(format!(
                                            "ligne {} : référence de cellule « {} » invalide (Excel va de A1 à XFD{MAX_ROWS})",
                                            current.line,
                                            shorten(&r)
                                        ))
                                    });
                                }
                            },
                            None if next_column < MAX_COLUMNS as usize => (current.line, next_column),
                            None => {
                                return Err(WorkbookError::damaged(format!(
                                    "ligne {} : plus de {MAX_COLUMNS} cellules",
                                    current.line
                                )));
                            }
                        };
                        if at.0 != current.line {
                            return Err(WorkbookError {
                                cell: Some(at),
                                ..WorkbookError::damaged(format!("cellule rangée dans la ligne {}", current.line))
                            });
                        }
                        next_column = at.1 + 1;
                        cell = Some(CellState {
                            at,
                            kind: attr(tag, b"t")?.unwrap_or_default(),
                            style: attr(tag, b"s")?.and_then(|s| s.trim().parse().ok()),
                            ..Default::default()
                        });
                    }
                    b"v" => {
                        if let Some(c) = cell.as_mut() {
                            c.in_v = true;
                        }
                    }
                    b"t" => {
                        if let Some(c) = cell.as_mut() {
                            c.in_t = true;
                        }
                    }
                    b"rPh" => {
                        if let Some(c) = cell.as_mut() {
                            c.in_phonetic = true;
                        }
                    }
                    _ => {}
                },
                XmlEvent::Close(name) => match *name {
                    b"sheetData" => in_data = false,
                    b"v" | b"t" | b"rPh" => {
                        if let Some(c) = cell.as_mut() {
                            match *name {
                                b"v" => c.in_v = false,
                                b"t" => c.in_t = false,
                                _ => c.in_phonetic = false,
                            }
                        }
                    }
                    b"c" => {
                        if let Some(c) = cell.take() {
                            let at = c.at;
                            let text = value(shared, dates, c).map_err(|message| WorkbookError {
                                cell: Some(at),
                                ..WorkbookError::damaged(message)
                            })?;
                            if !text.trim().is_empty() {
                                if text.len() > *text_budget {
                                    return Err(WorkbookError {
                                        sheet: None,
                                        cell: Some(at),
                                        message: format!(
                                            "le texte des cellules dépasse la limite de {} Mio",
                                            MAX_CELL_TEXT_BYTES / (1024 * 1024)
                                        ),
                                        limit: true,
                                    });
                                }
                                *text_budget -= text.len();
                                if let Some(r) = row.as_mut() {
                                    r.cells.push((at.1, text));
                                }
                            }
                        }
                    }
                    b"row" => {
                        if let Some(mut done) = row.take() {
                            done.cells.sort_by_key(|(col, _)| *col);
                            if let Some(pair) = done.cells.windows(2).find(|w| w[0].0 == w[1].0) {
                                return Err(WorkbookError {
                                    cell: Some((done.line, pair[0].0)),
                                    ..WorkbookError::damaged("cellule écrite deux fois")
                                });
                            }
                            if !done.cells.is_empty() {
                                rows.push(done);
                            }
                        }
                    }
                    _ => {}
                },
                XmlEvent::Text(t) => {
                    if let Some(c) = cell.as_mut() {
                        if c.in_v {
                            c.value.push_str(t);
                        } else if c.in_t && !c.in_phonetic {
                            c.inline.push_str(t);
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(rows)
    }
}

/// A cell's text, as the sheet shows it.
fn value(shared: Option<&[String]>, dates: &Dates, c: CellState) -> Result<String, String> {
    Ok(match c.kind.as_str() {
        "s" => {
            let raw = c.value.trim();
            let Ok(index) = raw.parse::<usize>() else {
                return Err(format!("numéro de chaîne partagée « {} » invalide", shorten(raw)));
            };
            let Some(shared) = shared else {
                return Err(format!(
                    "la cellule renvoie à la chaîne partagée n° {index}, mais le classeur n'a pas de table des chaînes partagées (xl/sharedStrings.xml)"
                ));
            };
            match shared.get(index) {
                Some(text) => text.clone(),
                None => {
                    return Err(format!(
                        "la cellule renvoie à la chaîne partagée n° {index}, mais le classeur n'en compte que {}",
                        shared.len()
                    ));
                }
            }
        }
        "inlineStr" => unescape_ooxml(&c.inline),
        "str" => unescape_ooxml(&c.value),
        "b" => match c.value.trim() {
            "1" => "true".to_owned(),
            "0" => "false".to_owned(),
            other => other.to_owned(),
        },
        "" | "n" => dates.show(c.style, &c.value).unwrap_or_else(|| number(c.value.trim())),
        _ => c.value,
    })
}

/// A number as a sheet shows it: whole numbers without a decimal part.
fn number(raw: &str) -> String {
    match raw.parse::<f64>() {
        Ok(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        Ok(f) if f.is_finite() => format!("{f}"),
        _ => raw.to_owned(),
    }
}

/// The first characters of a hostile value, to quote it in a message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(24).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// OOXML's escape of characters XML cannot carry: `_x000D_` is a carriage
/// return, `_x005F_` an underscore.
fn unescape_ooxml(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let candidate = &rest[i..];
        let decoded = candidate
            .get(2..6)
            .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()) && candidate.as_bytes().get(6) == Some(&b'_'))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &candidate[7..];
            }
            None => {
                out.push_str("_x");
                rest = &candidate[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// What the walk hands out: opening tags (for `<a/>` too, then closed), closing
/// tags by local name, and text with its references resolved.
enum XmlEvent<'e, 'x> {
    Open(&'e BytesStart<'x>),
    Close(&'e [u8]),
    Text(&'e str),
}

/// Reads a part from start to end, refusing it unless it is well formed: one
/// root element, every element closed (a truncated part is refused).
fn walk(
    text: &str,
    part: &str,
    mut on: impl FnMut(&XmlEvent<'_, '_>, usize) -> Result<(), WorkbookError>,
) -> Result<(), WorkbookError> {
    let mut reader = Reader::from_str(text);
    let mut depth = 0usize;
    let mut roots = 0usize;
    let broken = |why: &str| WorkbookError::damaged(format!("la partie {part} est mal formée ou tronquée ({why})"));
    loop {
        let event = reader.read_event().map_err(|_| broken("XML invalide"))?;
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                on(&XmlEvent::Open(&tag), depth)?;
            }
            Event::Empty(tag) => {
                if depth == 0 {
                    roots += 1;
                }
                on(&XmlEvent::Open(&tag), depth + 1)?;
                on(&XmlEvent::Close(local(&tag)), depth + 1)?;
            }
            Event::End(tag) => {
                if depth == 0 {
                    return Err(broken("balise fermante sans ouvrante"));
                }
                on(&XmlEvent::Close(tag.local_name().into_inner()), depth)?;
                depth -= 1;
            }
            Event::Text(t) => {
                let t = t.xml10_content().map_err(|_| broken("texte illisible"))?;
                on(&XmlEvent::Text(&t), depth)?;
            }
            Event::CData(t) => {
                let t = t.xml10_content().map_err(|_| broken("texte illisible"))?;
                on(&XmlEvent::Text(&t), depth)?;
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        b"lt" => '<',
                        b"gt" => '>',
                        b"amp" => '&',
                        b"quot" => '"',
                        b"apos" => '\'',
                        _ => return Err(broken("entité inconnue")),
                    },
                    Err(_) => return Err(broken("référence de caractère invalide")),
                };
                on(&XmlEvent::Text(c.encode_utf8(&mut [0; 4])), depth)?;
            }
            Event::Eof => break,
            _ => {}
        }
        if roots > 1 {
            return Err(broken("plusieurs éléments racines"));
        }
    }
    if depth > 0 {
        return Err(broken("élément non refermé"));
    }
    if roots == 0 {
        return Err(broken("aucun élément"));
    }
    Ok(())
}

/// A tag's name without its prefix.
fn local<'a>(tag: &'a BytesStart<'_>) -> &'a [u8] {
    tag.local_name().into_inner()
}

/// An attribute by local name, unescaped.
fn attr(tag: &BytesStart, local: &[u8]) -> Result<Option<String>, WorkbookError> {
    for a in tag.attributes() {
        let a = a.map_err(|_| WorkbookError::damaged("attribut XML invalide"))?;
        if a.key.local_name().as_ref() == local {
            let value = a
                .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, tag.decoder())
                .map_err(|_| WorkbookError::damaged("attribut XML invalide"))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn references_stay_within_excel_bounds() {
        assert_eq!(parse_reference("A1"), Some((1, 0)));
        assert_eq!(parse_reference("ab12"), Some((12, 27)));
        assert_eq!(parse_reference("XFD1048576"), Some((1_048_576, 16_383)));
        for bad in ["XFE1", "A1048577", "A0", "ZZZZZZZZ99999999999", "1A", "A", "", "A-1", "AÉ1"] {
            assert_eq!(parse_reference(bad), None, "{bad}");
        }
    }

    #[test]
    fn ooxml_escapes_are_decoded() {
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_ooxml("_xZZ_ et _x"), "_xZZ_ et _x");
    }

    #[test]
    fn relation_targets_become_archive_paths() {
        assert_eq!(join("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(join("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(join("xl/sub", "../styles.xml"), "xl/styles.xml");
    }

    #[test]
    fn shared_strings_join_runs_and_leave_out_phonetic_guides() {
        let xml = r#"<sst><si><t xml:space="preserve">a &amp; b</t></si><si><r><t>Mi</t></r><r><rPr/><t>se</t></r><rPh><t>ミセ</t></rPh></si><si/></sst>"#;
        assert_eq!(shared_strings(xml, "sst").unwrap(), ["a & b", "Mise", ""]);
        assert!(shared_strings("<sst><si><t>coupé", "sst").is_err());
        assert!(shared_strings("<sst>&inconnue;</sst>", "sst").is_err());
    }

    #[test]
    fn date_formats_are_told_from_number_formats() {
        for date in ["yyyy-mm-dd", "dd/mm/yyyy", "[$-40C]d mmmm yyyy", "D-MMM"] {
            assert!(is_date_format(date), "{date}");
        }
        for other in ["0.00", "#,##0 \"jours\"", "[Red]0", "hh:mm", "@", "\\d0", "General"] {
            assert!(!is_date_format(other), "{other}");
        }
        let styles = r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"><alignment/></xf><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#;
        assert_eq!(date_styles(styles, "styles").unwrap(), [false, true, true, false]);
    }

    #[test]
    fn dates_read_as_shown_and_only_in_range() {
        let styles = [false, true];
        let dates = Dates { styles: &styles, date1904: false };
        assert_eq!(dates.show(Some(1), "46083"), Some("2026-03-02".to_owned()));
        assert_eq!(dates.show(Some(1), "46083.75"), Some("2026-03-02".to_owned()));
        assert_eq!(dates.show(Some(0), "46083"), None);
        assert_eq!(dates.show(None, "46083"), None);
        assert_eq!(dates.show(Some(7), "46083"), None);
        for out in ["-1", "1e300", "NaN", "inf", "abc"] {
            assert_eq!(dates.show(Some(1), out), None, "{out}");
        }
        let mac = Dates { styles: &styles, date1904: true };
        assert_eq!(mac.show(Some(1), "44621"), Some("2026-03-02".to_owned()));
    }

    #[test]
    fn numbers_read_as_shown() {
        assert_eq!(number("3"), "3");
        assert_eq!(number("3.0"), "3");
        assert_eq!(number("2.5"), "2.5");
        assert_eq!(number("1E+3"), "1000");
        assert_eq!(number("abc"), "abc");
    }
}
