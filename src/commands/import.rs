//! `refnum import`: a profile built from a spreadsheet of competencies.

use crate::check::analyze;
use crate::cli::ImportArgs;
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::{self, Source, sheet};
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &ImportArgs) -> Result<Outcome, Error> {
    super::check_new_id(&args.id)?;
    let date = super::date_or_today(args.date.as_deref())?;
    let name = args.fichier.display().to_string();
    let bytes = load::read(&args.fichier)?;
    let extension = args.fichier.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    let (rows, source) = match extension.as_deref() {
        Some("xlsx") => (sheet::read_xlsx(&bytes).map_err(|e| Error::Usage(format!("{name} : {e}")))?, None),
        Some("csv" | "txt") => {
            let source = Source::from_bytes(name.clone(), &bytes).map_err(|d| {
                Error::Invalid(vec![FileReport { name: name.clone(), source: None, diagnostics: vec![d] }])
            })?;
            (sheet::read_csv(&source.text), Some(source))
        }
        _ => return Err(Error::Usage(format!("{name} : un tableau .csv ou .xlsx est attendu"))),
    };
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let template = match &args.base {
        Some(base) => Some(catalog::find_profil(base, dir.as_deref())?.profil),
        None => None,
    };
    let profil =
        sheet::to_profil(&rows, &args.id, template.as_ref(), source.as_ref(), &date).map_err(|diagnostics| {
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
    let generated = Source::from_bytes(
        format!(
            "{} (profil construit)",
            super::output_file(args.output.as_deref()).map_or("sortie".into(), |p| p.display().to_string())
        ),
        text.as_bytes(),
    )
    .map_err(|d| Error::Invalid(vec![FileReport { name: name.clone(), source: None, diagnostics: vec![d] }]))?;
    let analysis = analyze(&generated);
    if analysis.diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return Err(Error::Invalid(vec![FileReport {
            name: generated.name.clone(),
            source: Some(generated.text.clone()),
            diagnostics: analysis.diagnostics,
        }]));
    }
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
