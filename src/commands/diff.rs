//! `refnum diff`: what changed between two profiles.

use crate::adapt::diff;
use crate::cli::{DiffArgs, DiffFormat};
use crate::error::Error;
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &DiffArgs) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let a = catalog::find_profil(&args.a, dir.as_deref())?;
    let b = catalog::find_profil(&args.b, dir.as_deref())?;
    let d = diff::diff_resolved(&a, &b);
    let text = match args.format {
        DiffFormat::Human => diff::human(&d),
        DiffFormat::Markdown => diff::markdown(&d),
        DiffFormat::Json => diff::json(&d),
    };
    let code = if args.exit_code && !d.is_empty() { exit::INVALID } else { exit::OK };
    Ok(Outcome { stdout: text.into_bytes(), stderr: String::new(), code })
}
