//! The site is built in a hidden folder beside its destination, then put in
//! place with two renames: readers see the old site or the new one, and a
//! failed or interrupted build never leaves a half-written site.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::error::Error;

/// Marks a folder as a site made by `refnum build`, which the next build may replace.
pub const MARKER: &str = ".refnum-site";

const MARKER_TEXT: &str = "Site produit par refnum build. Ce dossier est remplacé en entier à chaque construction : \
n'y placez pas d'autres fichiers.\n";

/// Sub-folders of the site.
pub const FOLDERS: [&str; 3] = ["profils", "postes", "ecarts"];

/// Everything a site holds at its root: a folder that holds anything else
/// is not replaced.
const ENTRIES: [&str; 10] = [
    MARKER,
    "index.html",
    "comparaison.html",
    "recherche.html",
    "recherche.js",
    "recherche-index.js",
    "style.css",
    "profils",
    "postes",
    "ecarts",
];

/// A site being written, not yet in place.
pub struct Stage {
    /// Always `Some` until the site is committed or dropped.
    dir: Option<TempDir>,
    out: PathBuf,
    /// The first missing ancestor of `out` created for the build, removed if it fails.
    created: Option<PathBuf>,
}

impl Stage {
    /// Checks that `out` may be replaced (absent, empty, or a previous
    /// site and nothing else) and holds none of the `sources` (the files
    /// published, and the current folder), then prepares a hidden folder
    /// beside it. Work folders that an interrupted build left are removed.
    pub fn new(out: &Path, sources: &[PathBuf]) -> Result<Stage, Error> {
        let out = absolute(out)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Usage(format!("{} : indiquez un dossier de destination nommé", out.display())))?;
        check_replaceable(&out)?;
        check_apart(&out, sources)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let created = first_missing(&parent);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_leftovers(&parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.refnum-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
        // Marked at once, so that a next build knows it for a leftover if this one is killed.
        let marker = dir.path().join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        for folder in FOLDERS {
            let path = dir.path().join(folder);
            std::fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
        }
        Ok(Stage { dir: Some(dir), out, created })
    }

    fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new("."), TempDir::path)
    }

    /// Writes one file of the site; `relative` uses `/` and names a file of
    /// the root or of one of the `FOLDERS`.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path().join(relative);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&self.out.join(relative), e))
    }

    /// Puts the site in place of the destination; returns it, and a note
    /// when the previous site could not be removed.
    pub fn commit(mut self) -> Result<(PathBuf, Option<String>), Error> {
        // The destination may have changed during the build.
        check_replaceable(&self.out)?;
        set_public(self.path())?;
        let staged = self.path().to_path_buf();
        let out = self.out.clone();
        let previous = if out.exists() {
            let aside = tempfile::Builder::new()
                .prefix(&format!(".{}.refnum-ancien-", out.file_name().unwrap_or_default().to_string_lossy()))
                .tempdir_in(out.parent().unwrap_or(Path::new(".")))
                .map_err(|e| Error::io(&out, e))?
                .keep();
            std::fs::rename(&out, &aside).map_err(|e| Error::io(&out, e))?;
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staged, &out) {
            if let Some(aside) = &previous {
                let _ = std::fs::rename(aside, &out);
            }
            return Err(Error::io(&out, e));
        }
        // The staged folder is now the site: it must not be deleted on drop.
        if let Some(dir) = self.dir.take() {
            let _ = dir.keep();
        }
        self.created = None;
        let note = previous.and_then(|aside| {
            std::fs::remove_dir_all(&aside).err().map(|e| {
                format!(
                    "le nouveau site est en place, mais l'ancien n'a pas pu être supprimé de {} ({e})",
                    aside.display()
                )
            })
        });
        Ok((out, note))
    }
}

impl Drop for Stage {
    fn drop(&mut self) {
        // The staged folder first, then the folders this build created, if
        // nothing else was put there meanwhile.
        drop(self.dir.take());
        if let Some(created) = self.created.take() {
            let _ = remove_empty_chain(&created);
        }
    }
}

/// A destination is replaced only if it is absent, an empty folder, or a
/// site a previous build made: never a folder of other files.
fn check_replaceable(out: &Path) -> Result<(), Error> {
    let meta = match std::fs::symlink_metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Usage(format!(
            "{} existe et n'est pas un dossier : --out attend un dossier (absent, vide, ou un site déjà produit par refnum)",
            out.display()
        )));
    }
    let names: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    // A marker that is a link (or a folder) proves nothing.
    let marked = std::fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file());
    if !marked {
        return Err(Error::Usage(format!(
            "{} contient déjà des fichiers qui ne viennent pas de refnum : choisissez un dossier vide ou nouveau \
             (le site remplace tout le contenu du dossier)",
            out.display()
        )));
    }
    let mut others: Vec<&str> = names.iter().map(String::as_str).filter(|n| !ENTRIES.contains(n)).collect();
    if !others.is_empty() {
        others.sort_unstable();
        return Err(Error::Usage(format!(
            "{} est un site refnum, mais contient aussi d'autres fichiers ({}) : le site remplace tout le dossier, \
             déplacez-les ou choisissez un autre dossier",
            out.display(),
            others.join(", ")
        )));
    }
    Ok(())
}

/// The destination must not hold what is published, nor the current folder:
/// replacing it would delete them.
fn check_apart(out: &Path, sources: &[PathBuf]) -> Result<(), Error> {
    let here = std::env::current_dir().ok();
    for source in sources.iter().chain(here.as_ref()) {
        let source = std::fs::canonicalize(source).unwrap_or_else(|_| source.clone());
        if source.starts_with(out) {
            return Err(Error::Usage(format!(
                "le dossier du site {} contient {} : le site remplace tout ce dossier, choisissez-en un à part",
                out.display(),
                source.display()
            )));
        }
    }
    Ok(())
}

/// `path` made absolute, links resolved as far as the path exists.
fn absolute(path: &Path) -> Result<PathBuf, Error> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Ok(real);
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?.join(path)
    };
    // The deepest existing ancestor, resolved, then the missing rest as given.
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return Ok(joined),
        }
    }
    let mut out = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    Ok(out)
}

/// Removes the hidden work folders of builds of `name` that were killed
/// before they could clean up (recognised by their marker).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.refnum-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let ours = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        if ours {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

fn first_missing(path: &Path) -> Option<PathBuf> {
    let mut missing = None;
    let mut current = Some(path);
    while let Some(p) = current {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        missing = Some(p.to_path_buf());
        current = p.parent();
    }
    missing
}

fn remove_empty_chain(top: &Path) -> std::io::Result<()> {
    // Deepest first: `top` and the empty folders below it.
    fn remove(path: &Path) -> std::io::Result<()> {
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                remove(&entry.path())?;
            }
        }
        std::fs::remove_dir(path)
    }
    remove(top)
}

/// The staged folder is private (0700); a published site is readable by all.
fn set_public(root: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dirs = std::iter::once(root.to_path_buf()).chain(FOLDERS.iter().map(|f| root.join(f)));
        for dir in dirs {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).map_err(|e| Error::io(&dir, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = root;
    Ok(())
}
