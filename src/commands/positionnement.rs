//! `refnum positionnement`: filled grids read back and checked against
//! their profile; one person's gap report, or a team's view.

use std::path::Path;

use crate::assess::lecture::{self, Lu, Saisie};
use crate::assess::rapport::{self, Equipe, Rapport};
use crate::assess::{Grille, xlsx};
use crate::cli::{PositionnementArgs, RapportFormat};
use crate::diagnostic::FileReport;
use crate::error::Error;
use crate::load::{self, Source};
use crate::model::Profil;
use crate::workspace::catalog;
use crate::{Outcome, Terminal};

pub fn run(args: &PositionnementArgs, terminal: Terminal) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.document.profiles.as_deref());
    let sources = super::Sources::default();
    for path in &args.grilles {
        sources.note_path(path);
    }
    sources.check(args.document.output.as_deref())?;
    let mut reports = Vec::new();
    let mut lus: Vec<(String, Lu)> = Vec::new();
    for path in &args.grilles {
        let name = path.display().to_string();
        match read(path, &name)? {
            Ok(lu) => lus.push((name, lu)),
            Err(report) => reports.push(report),
        }
    }
    // One profile for all: the one the first readable grid names.
    let mut profil: Option<Profil> = None;
    let mut saisies: Vec<(String, Saisie)> = Vec::new();
    for (name, lu) in &lus {
        if profil.is_none() {
            let resolved = sources.profil(&lu.profil, dir.as_deref()).map_err(|e| match e {
                Error::Usage(message) => Error::Usage(format!("{name} : profil de la grille introuvable : {message}")),
                other => other,
            })?;
            if resolved.profil.id.value != lu.profil {
                // A prefix matched another id: the grid names an id that is not there.
                return Err(Error::Usage(format!("{name} : le profil `{}` de la grille est introuvable", lu.profil)));
            }
            profil = Some(resolved.profil);
        }
        let Some(p) = &profil else { continue };
        match lecture::verifier(lu, p) {
            Ok(s) => saisies.push((name.clone(), s)),
            Err(diagnostics) => {
                reports.push(FileReport { name: name.clone(), source: source_of(name).map(Into::into), diagnostics })
            }
        }
    }
    if !reports.is_empty() {
        return Err(Error::Invalid(reports));
    }
    let Some(profil) = profil else {
        return Err(Error::Usage("aucune grille à lire".into()));
    };
    let grille = Grille::new(&profil, None);
    let templates = super::templates_from(args.document.templates.as_deref())?;
    sources.note_templates(&templates);
    sources.check(args.document.output.as_deref())?;
    same_person_twice(&saisies)?;
    let labels: Vec<String> = saisies.iter().map(|(name, s)| label(s, name, args.pseudonymiser)).collect();
    let bytes = if saisies.len() == 1 {
        let saisie = &saisies[0].1;
        // A report of one person names them only when the grid does.
        let personne = (saisie.personne.is_some() || args.pseudonymiser).then(|| labels[0].clone());
        let r = Rapport::new(&grille, saisie, personne, args.pseudonymiser);
        document(&r, "ecarts", args.format, &templates)?
    } else {
        let team: Vec<(String, Saisie)> = labels.into_iter().zip(saisies.into_iter().map(|(_, s)| s)).collect();
        let e = Equipe::new(&grille, &team, args.pseudonymiser);
        document(&e, "equipe", args.format, &templates)?
    };
    let what = if lus.len() == 1 { "Rapport d'écarts écrit" } else { "Vue d'équipe écrite" };
    super::deliver(bytes, args.document.output.as_deref(), false, what, &sources, terminal)
}

/// Refuses two grids of the same person (the same file given twice, or
/// two files naming the same person): in a team view, a person counts once.
fn same_person_twice(saisies: &[(String, Saisie)]) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for (file, s) in saisies {
        let name = label(s, file, false);
        if let Some(first) = seen.insert(name.clone(), file) {
            return Err(Error::Usage(format!(
                "{first} et {file} sont deux grilles de la même personne « {name} » : une personne ne compte qu'une fois dans une vue d'équipe ; retirez l'une des deux, ou distinguez les noms (par une initiale)"
            )));
        }
    }
    Ok(())
}

/// How a person is named in a report: their name, else the file's name;
/// with `--pseudonymiser`, a stable code made from either.
fn label(s: &Saisie, file: &str, pseudonymiser: bool) -> String {
    let stem = Path::new(file).file_stem().map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned());
    let name = s.personne.clone().unwrap_or(stem);
    if pseudonymiser { rapport::code(&name) } else { name }
}

fn document<T: serde::Serialize>(
    value: &T,
    template: &str,
    format: RapportFormat,
    templates: &crate::render::Templates,
) -> Result<Vec<u8>, Error> {
    #[derive(serde::Serialize)]
    struct Context<'a, T> {
        rapport: &'a T,
    }
    match format {
        RapportFormat::Json => {
            let mut text = serde_json::to_string_pretty(value)
                .map_err(|e| Error::Usage(format!("rapport impossible à écrire : {e}")))?;
            text.push('\n');
            Ok(text.into_bytes())
        }
        RapportFormat::Html => {
            Ok(templates.render(&format!("{template}.html"), Context { rapport: value })?.into_bytes())
        }
        RapportFormat::Markdown => {
            Ok(templates.render(&format!("{template}.md"), Context { rapport: value })?.into_bytes())
        }
    }
}

/// The YAML text of a grid, for the excerpt under its findings.
fn source_of(name: &str) -> Option<String> {
    let path = Path::new(name);
    if is_xlsx(path) {
        return None;
    }
    std::fs::read_to_string(path).ok()
}

fn is_xlsx(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads one grid: its findings when it cannot be read.
fn read(path: &Path, name: &str) -> Result<Result<Lu, FileReport>, Error> {
    let bytes = load::read(path)?;
    if is_xlsx(path) {
        return Ok(xlsx::lire(&bytes).map_err(|diagnostics| FileReport {
            name: name.to_owned(),
            source: None,
            diagnostics,
        }));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_lowercase);
    if !matches!(ext.as_deref(), Some("yaml" | "yml")) {
        return Err(Error::Usage(format!(
            "{name} : une grille remplie est un classeur .xlsx écrit par `refnum grille`, ou un fichier YAML `type: positionnement`"
        )));
    }
    let source = match Source::from_bytes(name.to_owned(), &bytes) {
        Ok(source) => source,
        Err(d) => return Ok(Err(FileReport { name: name.to_owned(), source: None, diagnostics: vec![d] })),
    };
    Ok(lecture::yaml(&source).map_err(|diagnostics| FileReport {
        name: name.to_owned(),
        source: Some(source.text.clone()),
        diagnostics,
    }))
}
