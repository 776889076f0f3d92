//! `refnum import`: a profile built from a spreadsheet of competencies.

use crate::check::analyze;
use crate::cli::ImportArgs;
use crate::diagnostic::{Code, Diagnostic, FileReport, Severity};
use crate::error::Error;
use crate::load::sheet::Origin;
use crate::load::{self, MAX_FILE_BYTES, Node, NodeKind, Source, sheet};
use crate::model::{COMPETENCE_COLUMNS, Categorie, Profil, Span};
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    super::check_new_id(&args.id)?;
    let date = super::date_or_today(args.date.as_deref())?;
    let name = args.fichier.display().to_string();
    let sources = super::Sources::default();
    sources.note_path(&args.fichier);
    sources.check(args.output.as_deref())?;
    let bytes = load::read(&args.fichier)?;
    let extension = args.fichier.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    let kind = match extension.as_deref() {
        Some("xlsx") => SheetKind::Xlsx,
        Some("csv" | "txt") => SheetKind::Csv,
        _ => return Err(Error::Usage(format!("{name} : un tableau .csv ou .xlsx est attendu"))),
    };
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let template = match &args.base {
        Some(base) => Some(catalog::find_profil(base, dir.as_deref())?.profil),
        None => None,
    };
    let output = super::output_file(args.output.as_deref()).map_or("sortie".into(), |p| p.display().to_string());
    let text = profile_text(&Sheet { name: &name, bytes: &bytes, kind }, &args.id, template.as_ref(), &date, &output)?;
    match super::output_file(args.output.as_deref()) {
        Some(path) if path.exists() => {
            Err(Error::Usage(format!("{} existe déjà : refnum n'écrase pas un profil", path.display())))
        }
        Some(path) => {
            crate::output::write_atomic(path, text.as_bytes())?;
            Ok(Outcome {
                stdout: Vec::new(),
                stderr: format!("Profil écrit dans {} ; vérifiez-le avec `refnum validate`.\n", path.display()),
                code: exit::OK,
            })
        }
        None => Ok(Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK }),
    }
}

/// The two kinds of spreadsheet `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    Xlsx,
}

/// A spreadsheet as read: its name for messages, its bytes, its kind.
#[derive(Debug, Clone, Copy)]
pub struct Sheet<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub kind: SheetKind,
}

/// The text of the profile built from `sheet`, checked as `validate`
/// would: what `import` delivers. Touches no file (`output` only names the
/// destination in messages), so the fuzz targets run this very path.
pub fn profile_text(
    sheet: &Sheet<'_>,
    id: &str,
    template: Option<&Profil>,
    date: &str,
    output: &str,
) -> Result<String, Error> {
    let name = sheet.name.to_owned();
    let bytes = sheet.bytes;
    let invalid = |source: Option<&Source>, diagnostic: Diagnostic| {
        Error::Invalid(vec![FileReport {
            name: name.clone(),
            source: source.map(|s| s.text.clone()),
            diagnostics: vec![diagnostic],
        }])
    };
    let (rows, source) = match sheet.kind {
        SheetKind::Xlsx => {
            if bytes.len() > MAX_FILE_BYTES {
                return Err(invalid(None, too_large()));
            }
            let rows = sheet::read_xlsx(bytes).map_err(|e| {
                if e.limit {
                    let (line, column) = e.cell.map_or((1, 1), |(row, col)| (row, u32::try_from(col + 1).unwrap_or(u32::MAX)));
                    let span = Span { line, column, end_line: line, end_column: column, ..Span::default() };
                    invalid(
                        None,
                        Diagnostic::new(Code::LimitExceeded, span, format!("{}{}", e.place(), e.message)).with_help(
                            "un tableau de compétences tient en quelques centaines de Kio : vérifiez qu'il s'agit bien d'un export de refnum",
                        ),
                    )
                } else {
                    Error::Usage(format!("{name} : classeur illisible : {}{}", e.place(), e.message))
                }
            })?;
            (rows, None)
        }
        SheetKind::Csv => {
            let mut source = Source::from_bytes(name.clone(), bytes).map_err(|d| invalid(None, d))?;
            // Line breaks of old Mac files (a carriage return alone): read as
            // lines, and shown so in the messages.
            if !source.text.contains('\n') && source.text.contains('\r') {
                source = Source::from_bytes(name.clone(), source.text.replace('\r', "\n").as_bytes())
                    .map_err(|d| invalid(None, d))?;
            }
            (sheet::read_csv(&source.text), Some(source))
        }
    };
    let imported = sheet::to_profil(&rows, id, template, source.as_ref(), date).map_err(|diagnostics| {
        Error::Invalid(vec![FileReport {
            name: name.clone(),
            source: source.as_ref().map(|s| s.text.clone()),
            diagnostics,
        }])
    })?;
    let body = serde_saphyr::to_string(&imported.profil)
        .map_err(|e| Error::Usage(format!("profil impossible à écrire : {e}")))?;
    let text = format!(
        "# yaml-language-server: $schema=../schemas/profil.schema.json\n# Profil construit par `refnum import` depuis {name}.\n{body}"
    );
    // What is written must be a valid profile: checked before it is delivered,
    // and as large as a profile may be.
    if text.len() > MAX_FILE_BYTES {
        let mut d = too_large();
        d.message = format!(
            "le profil construit depuis ce tableau ferait {} Kio, au-delà de la limite de {} Mio d'un profil",
            text.len() / 1024,
            MAX_FILE_BYTES / (1024 * 1024)
        );
        d.help = Some("un profil tient en quelques dizaines de Kio : le tableau a-t-il des cellules démesurées ou des lignes en trop ?".into());
        return Err(invalid(source.as_ref(), d));
    }
    let generated =
        Source::from_bytes(format!("{output} (profil construit)"), text.as_bytes()).map_err(|d| invalid(None, d))?;
    let analysis = analyze(&generated);
    if analysis.diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        // What comes from a row is reported at its cell; the rest (the
        // template's missions, the placeholders) on the built profile.
        let (table, built) = to_table(analysis.diagnostics, &generated, &imported.origins);
        let mut reports = Vec::new();
        if !table.is_empty() {
            reports.push(FileReport {
                name: name.clone(),
                source: source.as_ref().map(|s| s.text.clone()),
                diagnostics: table,
            });
        }
        if !built.is_empty() {
            reports.push(FileReport {
                name: generated.name.clone(),
                source: Some(generated.text.clone()),
                diagnostics: built,
            });
        }
        return Err(Error::Invalid(reports));
    }
    Ok(text)
}

/// What a line of the built profile comes from: a cell of the table (the
/// competency's origin and the column), or nothing the table wrote.
type Attribution<'a> = Option<(&'a Origin, &'static str)>;

/// Splits the findings on the built profile: those whose place falls in a
/// competency built from a row, moved to that row's cell (same code, help
/// and message, the cell's place added, and lines of the built profile it
/// names turned into rows of the table), and the others, left as they are.
fn to_table(
    diagnostics: Vec<Diagnostic>,
    generated: &Source,
    origins: &[(Categorie, Origin)],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let fences = match load::parse(generated) {
        Ok(Some(root)) => fences(&root, origins),
        _ => return (Vec::new(), diagnostics),
    };
    // The last fence at or before `line`.
    let owner = |line: u32| -> Attribution<'_> {
        let i = fences.partition_point(|(start, _)| *start <= line);
        i.checked_sub(1).and_then(|i| fences[i].1)
    };
    let (mut table, mut built) = (Vec::new(), Vec::new());
    for mut d in diagnostics {
        let Some((origin, column)) = owner(d.span.line) else {
            built.push(d);
            continue;
        };
        let Some((_, span, place)) = origin.cell(column) else {
            built.push(d);
            continue;
        };
        d.message = format!("{} ({place})", rename_lines(&d.message, &owner));
        d.span = *span;
        table.push(d);
    }
    table.sort_by_key(|d| (d.span.line, d.span.column, d.code));
    (table, built)
}

/// `ligne 16` of the built profile, in a message (`à la ligne 16`,
/// `(ligne 16)`, the forms the rules write), as the table's row it comes
/// from (`ligne 3`, `ligne 3 de la feuille « savoirs »`), else as a line
/// of the built profile. Other text, such as a quoted label, is left alone.
fn rename_lines<'a>(message: &str, owner: &impl Fn(u32) -> Attribution<'a>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = ["à la ligne ", "(ligne "].iter().filter_map(|p| rest.find(p).map(|i| (i, p.len()))).min() {
        let (at, len) = at;
        let (before, after) = rest.split_at(at + len);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&before[..before.len() - "ligne ".len()]);
        match after[..digits].parse::<u32>().ok().and_then(owner) {
            Some((origin, _)) => out.push_str(&sheet::row_name(origin.line, origin.sheet.as_deref())),
            // A line of what the table did not write (a mission, say).
            None if digits > 0 => out.push_str(&format!("ligne {} du profil construit", &after[..digits])),
            None => out.push_str("ligne "),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// The first line of each part of the built profile, in order, with what
/// it comes from: each key of the top level and of `competences` (nothing
/// from the table), each field of a competency (its row's cell).
fn fences<'a>(root: &Node, origins: &'a [(Categorie, Origin)]) -> Vec<(u32, Attribution<'a>)> {
    let mut fences = Vec::new();
    for (key, value) in root.as_map().unwrap_or_default() {
        fences.push((key.location.line, None));
        if key.as_str() != Some("competences") {
            continue;
        }
        for (key, list) in value.as_map().unwrap_or_default() {
            fences.push((key.location.line, None));
            let Some(categorie) = Categorie::ALL.into_iter().find(|c| key.as_str() == Some(c.key())) else {
                continue;
            };
            let NodeKind::Seq(items) = &list.kind else { continue };
            let built = origins.iter().filter(|(c, _)| *c == categorie).map(|(_, o)| o);
            for (item, origin) in items.iter().zip(built) {
                fences.push((item.location.line, Some((origin, "id"))));
                for (field, value) in item.as_map().unwrap_or_default() {
                    // A column of the same name, else the one naming the competency.
                    let column = COMPETENCE_COLUMNS.into_iter().find(|c| field.as_str() == Some(c)).unwrap_or("id");
                    fences.push((field.location.line, Some((origin, column))));
                    // `referentiels`: a line per framework.
                    for (key, _) in value.as_map().unwrap_or_default() {
                        let column = match key.as_str() {
                            Some("digcomp") => "digcomp",
                            Some("pix") => "pix",
                            _ => "id",
                        };
                        fences.push((key.location.line, Some((origin, column))));
                    }
                }
            }
        }
    }
    fences.sort_by_key(|(line, _)| *line);
    fences
}

/// The file is over the size limit (E003).
fn too_large() -> Diagnostic {
    let first = Span { line: 1, column: 1, end_line: 1, end_column: 1, ..Span::default() };
    Diagnostic::new(
        Code::LimitExceeded,
        first,
        format!("le fichier dépasse la limite de {} Mio", MAX_FILE_BYTES / (1024 * 1024)),
    )
    .with_help("un tableau de compétences tient en quelques centaines de Kio : vérifiez qu'il s'agit bien d'un export de refnum")
}
