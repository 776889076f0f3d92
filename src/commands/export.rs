//! `refnum export`: the competencies of a profile for a spreadsheet.

use crate::cli::{ExportFormat, ExportProfileArgs};
use crate::diagnostic::FileReport;
use crate::error::Error;
use crate::workspace::catalog;
use crate::{Outcome, Terminal};

pub fn run(args: &ExportProfileArgs, terminal: Terminal) -> Result<Outcome, Error> {
    if matches!(args.separateur, '"' | '\n' | '\r') {
        return Err(Error::Usage("le séparateur ne peut être ni un guillemet ni un saut de ligne".into()));
    }
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let sources = super::Sources::default();
    let resolved = sources.profil(&args.profil, dir.as_deref())?;
    sources.check(args.document.output.as_deref())?;
    let (bytes, binary) = match args.format {
        ExportFormat::Csv => {
            (crate::export::csv::competences(&resolved.profil, args.separateur, !args.sans_bom).into_bytes(), false)
        }
        ExportFormat::Case => (crate::export::case::package(&resolved.profil).into_bytes(), false),
        ExportFormat::Xlsx => {
            let too_long = crate::export::xlsx::too_long(&resolved.profil);
            if !too_long.is_empty() {
                // Shown against the file the profile was read from (standard
                // input cannot be read twice: then by line and column only).
                let (name, source) = match catalog::find(&args.profil, dir.as_deref()) {
                    Ok(found) => (found.input.name(), found.source),
                    Err(_) => (args.profil.clone(), None),
                };
                return Err(Error::Invalid(vec![FileReport { name, source, diagnostics: too_long }]));
            }
            let bytes = crate::export::xlsx::competences(&resolved.profil)
                .map_err(|e| Error::Usage(format!("classeur impossible à produire : {e}")))?;
            (bytes, true)
        }
    };
    super::deliver(bytes, args.document.output.as_deref(), binary, "Export écrit", &sources, terminal)
}
