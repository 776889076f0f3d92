//! `refnum export`: the competencies of a profile for a spreadsheet.

use crate::cli::{ExportFormat, ExportProfileArgs};
use crate::error::Error;
use crate::load::catalog;
use crate::{Outcome, Terminal};

pub fn run(args: &ExportProfileArgs, terminal: Terminal) -> Result<Outcome, Error> {
    if matches!(args.separateur, '"' | '\n' | '\r') {
        return Err(Error::Usage("le séparateur ne peut être ni un guillemet ni un saut de ligne".into()));
    }
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let resolved = catalog::find_profil(&args.profil, dir.as_deref())?;
    let text = match args.format {
        ExportFormat::Csv => crate::export::csv::competences(&resolved.profil, args.separateur, !args.sans_bom),
        ExportFormat::Case => crate::export::case::package(&resolved.profil),
    };
    super::deliver(text.into_bytes(), args.document.output.as_deref(), false, "Export écrit", terminal)
}
