//! `refnum templates export`: the default templates, written out for customising.

use crate::cli::ExportArgs;
use crate::error::Error;
use crate::output::write_atomic;
use crate::render::templates::{DEFAULTS, README};
use crate::{Outcome, exit};

pub fn export(args: &ExportArgs) -> Result<Outcome, Error> {
    std::fs::create_dir_all(&args.dir).map_err(|e| Error::io(&args.dir, e))?;
    let files: Vec<(&str, &str)> = DEFAULTS.iter().copied().chain([("README.md", README)]).collect();
    if !args.force {
        let existing: Vec<&str> = files.iter().map(|(n, _)| *n).filter(|n| args.dir.join(n).exists()).collect();
        if !existing.is_empty() {
            return Err(Error::Usage(format!(
                "{} contient déjà {} ; ajoutez --force pour les remplacer",
                args.dir.display(),
                existing.join(", ")
            )));
        }
    }
    for (name, text) in &files {
        write_atomic(&args.dir.join(name), text.as_bytes())?;
    }
    Ok(Outcome {
        stdout: Vec::new(),
        stderr: format!(
            "{} gabarits écrits dans {} ; modifiez-les puis passez --templates {} à `refnum render`, `refnum fiche` ou `refnum build`.\n",
            DEFAULTS.len(),
            args.dir.display(),
            args.dir.display()
        ),
        code: exit::OK,
    })
}
