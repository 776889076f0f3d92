//! One file per subcommand: glue from arguments to the library.

pub mod build;
pub mod diff;
pub mod entretien;
pub mod export;
pub mod fiche;
pub mod grille;
pub mod import;
pub mod list;
pub mod manpage;
pub mod new;
pub mod positionnement;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod shell;
pub mod templates;
pub mod validate;

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::adapt::Resolved;
use crate::error::Error;
use crate::load::Input;
use crate::load::discover::discover_noted;
use crate::model::{Document, Poste};
use crate::workspace::catalog::{self, Found};

/// The files a command works on: the paths given; with none, `./profiles`
/// when it exists, else the built-in profiles.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    inputs_noted(paths).map(|(inputs, _)| inputs)
}

/// Like `inputs`, and also the filled positioning grids left aside in the
/// folders (personal data: never published nor checked as profiles).
pub fn inputs_noted(paths: &[PathBuf]) -> Result<(Vec<Input>, Vec<PathBuf>), Error> {
    if paths.is_empty() {
        let local = Path::new("profiles");
        if local.is_dir() {
            let (files, personal) = discover_noted(&[local.to_path_buf()])?;
            if files.is_empty() {
                return Err(Error::Usage(
                    "aucun fichier .yaml ou .yml dans profiles : ajoutez-y des profils, ou indiquez les chemins à traiter"
                        .into(),
                ));
            }
            return Ok((files.into_iter().map(Input::Disk).collect(), personal));
        }
        return Ok((Input::builtins(), Vec::new()));
    }
    let (files, personal) = discover_noted(paths)?;
    if files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Usage(format!("aucun fichier .yaml ou .yml dans {}", shown.join(", "))));
    }
    Ok((files.into_iter().map(Input::from_path).collect(), personal))
}

/// The file `-o` names; `-o -` (like no `-o`) is standard output.
pub fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|path| !crate::load::is_stdio(path))
}

/// What `fiche`, `entretien` and `grille` start from: the document their
/// target names, the folder of profiles, and the sources with that document
/// noted; an `-o` that names it is refused before any work.
pub fn open_target(
    cible: &str,
    document: &crate::cli::DocumentArgs,
) -> Result<(Found, Option<PathBuf>, Sources), Error> {
    let dir = catalog::profile_dir(document.profiles.as_deref());
    let found = catalog::find(cible, dir.as_deref())?;
    let sources = Sources::default();
    sources.note(&found.input);
    sources.check(document.output.as_deref())?;
    Ok((found, dir, sources))
}

/// The files a document is made from, noted as they are read, so that
/// `-o` never names one of them.
#[derive(Default)]
pub struct Sources(RefCell<Vec<PathBuf>>);

impl Sources {
    pub fn note(&self, input: &Input) {
        if let Input::Disk(path) = input {
            self.note_path(path);
        }
    }

    pub fn note_path(&self, path: &Path) {
        self.0.borrow_mut().push(path.to_path_buf());
    }

    /// The files of the `--templates` folder.
    pub fn note_templates(&self, templates: &crate::render::Templates) {
        let Some(entries) = templates.folder().and_then(|dir| std::fs::read_dir(dir).ok()) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            self.note_path(&entry.path());
        }
    }

    /// Resolves a document (merging an adaptation onto its bases), noting
    /// the document's file and each base's.
    pub fn resolve(&self, found: Found, dir: Option<&Path>) -> Result<Resolved, Error> {
        self.note(&found.input);
        crate::workspace::resolve(found, &|reference: &str, from: &Input| {
            let base = catalog::base_of(reference, from, dir)?;
            self.note(&base.input);
            Ok(base)
        })
    }

    /// Finds and resolves the profile (not a post) `reference` names.
    pub fn profil(&self, reference: &str, dir: Option<&Path>) -> Result<Resolved, Error> {
        self.resolve(catalog::not_poste(catalog::find(reference, dir)?)?, dir)
    }

    /// What `fiche`, `entretien` and `grille` work from: the profile their
    /// target stands for (a post's profile, or the profile or adaptation
    /// itself), resolved, and the post when the target is one. Every file
    /// read — the post, its profile, each base — is noted, and `-o` is
    /// refused if it names one of them.
    pub fn target<'a>(
        &self,
        found: &'a Found,
        dir: Option<&Path>,
        output: Option<&Path>,
    ) -> Result<(Resolved, Option<&'a Poste>), Error> {
        let target = match &found.document {
            Document::Poste(poste) => {
                self.note(&found.input);
                let profile = catalog::profile_found_of(poste, &found.input, dir)?;
                (self.resolve(profile, dir)?, Some(poste.as_ref()))
            }
            _ => (self.resolve(found.clone(), dir)?, None),
        };
        self.check(output)?;
        Ok(target)
    }

    /// Refuses an `-o` that names one of the files read.
    pub fn check(&self, output: Option<&Path>) -> Result<(), Error> {
        match output_file(output) {
            Some(path) => crate::output::check_not_input(path, &self.0.borrow()),
            None => Ok(()),
        }
    }
}

/// Delivers a document: to the file of `-o` (atomically), else to standard
/// output; binary output is refused on a terminal, and so is a file of `-o`
/// that the document was made from.
pub fn deliver(
    bytes: Vec<u8>,
    output: Option<&Path>,
    binary: bool,
    what: &str,
    sources: &Sources,
    terminal: crate::Terminal,
) -> Result<crate::Outcome, Error> {
    sources.check(output)?;
    match output_file(output) {
        Some(path) => {
            crate::output::write_atomic(path, &bytes)?;
            Ok(crate::Outcome { stdout: Vec::new(), stderr: format!("{what} dans {}.\n", path.display()), code: crate::exit::OK })
        }
        None if binary && terminal.stdout_is_terminal => Err(Error::Usage(
            "ce document (DOCX ou XLSX) ne s'affiche pas dans un terminal : indiquez un fichier avec -o, par exemple `-o fiche.docx`".into(),
        )),
        None => Ok(crate::Outcome { stdout: bytes, stderr: String::new(), code: crate::exit::OK }),
    }
}

/// The templates in force; a folder given with `--templates` must exist.
pub fn templates_from(dir: Option<&Path>) -> Result<crate::render::Templates, Error> {
    if let Some(dir) = dir
        && !dir.is_dir()
    {
        return Err(Error::Usage(format!(
            "{} : dossier de gabarits introuvable (--templates attend un dossier)",
            dir.display()
        )));
    }
    Ok(crate::render::Templates::new(dir))
}

/// The id of a file a command creates (`new`, `import`) must be a slug.
pub fn check_new_id(id: &str) -> Result<(), Error> {
    if crate::check::is_slug(id) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "« {id} » n'est pas un identifiant valide : minuscules sans accents, chiffres et tirets, par exemple `conseiller-cci-aveyron`"
    )))
}

/// The date given with `--date`, checked, else today's.
pub fn date_or_today(given: Option<&str>) -> Result<String, Error> {
    match given {
        Some(d) if crate::check::is_date(d) => Ok(d.to_owned()),
        Some(d) => Err(Error::Usage(format!("« {d} » n'est pas une date au format AAAA-MM-JJ"))),
        None => Ok(today()),
    }
}

/// Today's date (UTC), `AAAA-MM-JJ`.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    crate::text::date::from_days(days)
}
