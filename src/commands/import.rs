//! `refnum import`: a profile built from a spreadsheet of competencies.

use crate::check::analyze;
use crate::cli::ImportArgs;
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::{self, Source, sheet};
use crate::model::Profil;
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    super::check_new_id(&args.id)?;
    let date = super::date_or_today(args.date.as_deref())?;
    let name = args.fichier.display().to_string();
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
    let (rows, source) = match sheet.kind {
        SheetKind::Xlsx => (sheet::read_xlsx(sheet.bytes).map_err(|e| Error::Usage(format!("{name} : {e}")))?, None),
        SheetKind::Csv => {
            let source = Source::from_bytes(name.clone(), sheet.bytes).map_err(|d| {
                Error::Invalid(vec![FileReport { name: name.clone(), source: None, diagnostics: vec![d] }])
            })?;
            (sheet::read_csv(&source.text), Some(source))
        }
    };
    let profil = sheet::to_profil(&rows, id, template, source.as_ref(), date).map_err(|diagnostics| {
        Error::Invalid(vec![FileReport {
            name: name.clone(),
            source: source.as_ref().map(|s| s.text.clone()),
            diagnostics,
        }])
    })?;
    let body =
        serde_saphyr::to_string(&profil).map_err(|e| Error::Usage(format!("profil impossible à écrire : {e}")))?;
    let text = format!(
        "# yaml-language-server: $schema=../schemas/profil.schema.json\n# Profil construit par `refnum import` depuis {name}.\n{body}"
    );
    // What is written must be a valid profile: checked before it is delivered.
    let generated = Source::from_bytes(format!("{output} (profil construit)"), text.as_bytes())
        .map_err(|d| Error::Invalid(vec![FileReport { name: name.clone(), source: None, diagnostics: vec![d] }]))?;
    let analysis = analyze(&generated);
    if analysis.diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return Err(Error::Invalid(vec![FileReport {
            name: generated.name.clone(),
            source: Some(generated.text.clone()),
            diagnostics: analysis.diagnostics,
        }]));
    }
    Ok(text)
}
