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
    /// site) and prepares a hidden folder beside it.
    pub fn new(out: &Path) -> Result<Stage, Error> {
        let out = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
        check_replaceable(&out)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Usage(format!("{} : indiquez un dossier de destination nommé", out.display())))?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let created = first_missing(&parent);
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.refnum-"))
            .tempdir_in(&parent)
            .map_err(|e| Error::io(&parent, e))?;
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

    /// Puts the site in place of the destination.
    pub fn commit(mut self) -> Result<PathBuf, Error> {
        self.write(MARKER, MARKER_TEXT.as_bytes())?;
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
        if let Some(aside) = previous {
            std::fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
        }
        Ok(out)
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
    if out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_some() {
        return Err(Error::Usage(format!(
            "{} contient déjà des fichiers qui ne viennent pas de refnum : choisissez un dossier vide ou nouveau \
             (le site remplace tout le contenu du dossier)",
            out.display()
        )));
    }
    Ok(())
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
