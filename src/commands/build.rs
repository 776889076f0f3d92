//! `refnum build`: the static site of a set of profiles, adaptations and posts.

use crate::cli::BuildArgs;
use crate::diagnostic::{Summary, human};
use crate::error::Error;
use crate::progress::Progress;
use crate::site::{self, Options};
use crate::{Outcome, Terminal, exit};

pub fn run(args: &BuildArgs, terminal: Terminal, progress: &dyn Progress) -> Result<Outcome, Error> {
    let (inputs, personal) = super::inputs_noted(&args.paths)?;
    let templates = super::templates_from(args.templates.as_deref())?;
    if args.titre.trim().is_empty() {
        return Err(Error::Usage("--titre attend un texte non vide".into()));
    }
    let options = Options {
        out: &args.out,
        titre: args.titre.trim(),
        templates: &templates,
        deny_warnings: args.deny_warnings,
        progress,
    };
    let built = site::build(&inputs, &options)?;
    let mut stderr = String::new();
    if !built.warnings.is_empty() {
        let summary = Summary::of(&built.warnings);
        stderr.push_str(&human::render(&built.warnings, &summary, terminal.stderr_color));
    }
    if !personal.is_empty() {
        let shown: Vec<String> = personal.iter().map(|p| p.display().to_string()).collect();
        stderr.push_str(&format!(
            "note : {} grille(s) de positionnement laissée(s) de côté, jamais publiée(s) : ce sont des données personnelles ({})\n",
            personal.len(),
            shown.join(", ")
        ));
    }
    if let Some(note) = &built.note {
        stderr.push_str(&format!("attention : {note}\n"));
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n > 1 { many } else { one });
    stderr.push_str(&format!(
        "Site écrit dans {} : {}, {}, {} ; {}.\n",
        built.out.display(),
        plural(built.profils, "profil", "profils"),
        plural(built.adaptations, "adaptation", "adaptations"),
        plural(built.postes, "fiche de poste", "fiches de poste"),
        plural(built.pages, "page", "pages"),
    ));
    Ok(Outcome { stdout: Vec::new(), stderr, code: exit::OK })
}
