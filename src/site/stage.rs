//! The site is built in a hidden folder beside its destination, then put in
//! place by an atomic exchange (Linux), else two renames: readers see the
//! old site or the new one, and a failed or interrupted build never leaves
//! a half-written site. Each site lists what it holds in its marker file,
//! and the next build replaces it only if it holds nothing else; a lock
//! keeps a second build off the same destination.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tempfile::TempDir;

use crate::error::Error;
use crate::output::Pending;

/// Marks a folder as a site made by `refnum build`, which the next build
/// may replace, and lists what the build wrote there.
pub const MARKER: &str = ".refnum-site";

const MARKER_TEXT: &str = "Site produit par refnum build. Ce dossier est remplacé en entier à chaque construction : \
n'y placez pas d'autres fichiers. Inventaire de ce que la construction a écrit (un dossier finit par « / ») :\n\n";

/// Sub-folders of the site.
pub const FOLDERS: [&str; 3] = ["profils", "postes", "ecarts"];

/// A site being written, not yet in place.
pub struct Stage {
    /// Always `Some` until the site is committed or dropped.
    dir: Option<TempDir>,
    /// Listed for removal if the process is interrupted.
    _pending: Pending,
    out: PathBuf,
    /// The files written, relative, with `/`.
    written: Mutex<Vec<String>>,
    /// Held until the stage is dropped: no other build writes to `out` meanwhile.
    lock: Option<Lock>,
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
        let prepared = Lock::take(&parent, &name, &out).and_then(|lock| {
            // Checked again under the lock: another build may have just finished.
            check_replaceable(&out)?;
            remove_leftovers(&parent, &name);
            let dir = tempfile::Builder::new()
                .prefix(&format!(".{name}.refnum-"))
                .tempdir_in(&parent)
                .map_err(|e| Error::io(&parent, e))?;
            let pending = Pending::new(dir.path());
            // Marked at once, so that a next build knows it for a leftover if this one is killed.
            let marker = dir.path().join(MARKER);
            std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
            for folder in FOLDERS {
                let path = dir.path().join(folder);
                std::fs::create_dir(&path).map_err(|e| Error::io(&path, e))?;
            }
            Ok((lock, dir, pending))
        });
        match prepared {
            Ok((lock, dir, pending)) => Ok(Stage {
                dir: Some(dir),
                _pending: pending,
                out,
                written: Mutex::new(Vec::new()),
                lock: Some(lock),
                created,
            }),
            Err(e) => {
                if let Some(created) = created {
                    let _ = remove_empty_chain(&created);
                }
                Err(e)
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new("."), TempDir::path)
    }

    /// Writes one file of the site; `relative` uses `/` and names a file of
    /// the root or of one of the `FOLDERS`.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path().join(relative);
        std::fs::write(&path, bytes).map_err(|e| Error::io(&self.out.join(relative), e))?;
        self.written.lock().unwrap_or_else(PoisonError::into_inner).push(relative.to_owned());
        Ok(())
    }

    /// Lists in the marker what the site holds, in a stable order.
    fn write_inventory(&self) -> Result<(), Error> {
        let mut entries: Vec<String> = FOLDERS.iter().map(|f| format!("{f}/")).collect();
        entries.extend(self.written.lock().unwrap_or_else(PoisonError::into_inner).iter().cloned());
        entries.sort_unstable();
        entries.dedup();
        let mut text = MARKER_TEXT.to_owned();
        for entry in &entries {
            text.push_str(entry);
            text.push('\n');
        }
        let marker = self.path().join(MARKER);
        std::fs::write(&marker, text).map_err(|e| Error::io(&marker, e))
    }

    /// Puts the site in place of the destination; returns it, and a note
    /// when the previous site could not be removed.
    pub fn commit(mut self) -> Result<(PathBuf, Option<String>), Error> {
        // The destination may have changed during the build.
        check_replaceable(&self.out)?;
        self.write_inventory()?;
        set_public(self.path())?;
        let staged = self.path().to_path_buf();
        let out = self.out.clone();
        let previous = put_in_place(&staged, &out)?;
        self.created = None;
        let note = match previous {
            // Exchanged: the previous site is now the staged folder, removed with it.
            Previous::Staged => self.dir.take().and_then(|dir| {
                let at = dir.path().to_path_buf();
                dir.close().err().map(|e| not_removed(&at, &e))
            }),
            Previous::Aside(aside, _pending) => {
                // The staged folder is now the site: it must not be deleted on drop.
                if let Some(dir) = self.dir.take() {
                    let _ = dir.keep();
                }
                std::fs::remove_dir_all(&aside).err().map(|e| not_removed(&aside, &e))
            }
            Previous::None => {
                if let Some(dir) = self.dir.take() {
                    let _ = dir.keep();
                }
                None
            }
        };
        Ok((out, note))
    }
}

fn not_removed(at: &Path, e: &std::io::Error) -> String {
    format!("le nouveau site est en place, mais l'ancien n'a pas pu être supprimé de {} ({e})", at.display())
}

/// Where the site that `out` held went.
enum Previous {
    /// `out` did not exist.
    None,
    /// Exchanged with the staged folder, at the staged folder's path.
    Staged,
    /// Renamed aside to a folder of its own, listed for removal on interruption.
    Aside(PathBuf, Pending),
}

/// Puts `staged` at `out`: a plain rename when `out` is absent; else one
/// atomic exchange where the system has it, so that `out` is never
/// missing; else `out` renamed aside, then `staged` renamed to `out`.
fn put_in_place(staged: &Path, out: &Path) -> Result<Previous, Error> {
    if std::fs::symlink_metadata(out).is_err() {
        std::fs::rename(staged, out).map_err(|e| Error::io(out, e))?;
        return Ok(Previous::None);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, staged, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Previous::Staged),
            // A file system (or kernel) without the exchange: two renames.
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::OPNOTSUPP => {}
            Err(e) => return Err(Error::io(out, e.into())),
        }
    }
    let aside = tempfile::Builder::new()
        .prefix(&format!(".{}.refnum-ancien-", out.file_name().unwrap_or_default().to_string_lossy()))
        .tempdir_in(out.parent().unwrap_or(Path::new(".")))
        .map_err(|e| Error::io(out, e))?
        .keep();
    let pending = Pending::new(&aside);
    std::fs::rename(out, &aside).map_err(|e| Error::io(out, e))?;
    if let Err(e) = std::fs::rename(staged, out) {
        let _ = std::fs::rename(&aside, out);
        return Err(Error::io(out, e));
    }
    Ok(Previous::Aside(aside, pending))
}

/// A lock on the destination, held for the whole build: a lock file
/// beside it (`.NOM.refnum-verrou`), removed when the build ends.
struct Lock {
    path: PathBuf,
    _file: std::fs::File,
    /// Removed on interruption too (the lock itself ends with the process).
    _pending: Pending,
}

impl Lock {
    fn take(parent: &Path, name: &str, out: &Path) -> Result<Lock, Error> {
        let path = parent.join(format!(".{name}.refnum-verrou"));
        // A build that ends removes its lock file: the file locked must
        // still be the one at the path, else take the new one.
        for _ in 0..64 {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Usage(format!(
                        "une autre construction écrit déjà le site {} : attendez qu'elle finisse, puis relancez \
                         (verrou {})",
                        out.display(),
                        path.display()
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            if same_file(&file, &path) {
                let pending = Pending::new(&path);
                return Ok(Lock { path, _file: file, _pending: pending });
            }
        }
        Err(Error::Usage(format!("{} : verrou de construction impossible à prendre", path.display())))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held; the lock goes with the file handle.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

impl Drop for Stage {
    fn drop(&mut self) {
        // The staged folder first, then the folders this build created, if
        // nothing else was put there meanwhile.
        drop(self.dir.take());
        drop(self.lock.take());
        if let Some(created) = self.created.take() {
            let _ = remove_empty_chain(&created);
        }
    }
}

/// A destination is replaced only if it is absent, an empty folder, or a
/// site a previous build made and nothing else: every entry of its tree
/// must be in the inventory of its marker, else the first that is not is named.
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
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    // A marker that is a link (or a folder) proves nothing.
    let marker = out.join(MARKER);
    let marked = std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file());
    if !marked {
        return Err(Error::Usage(format!(
            "{} contient déjà des fichiers qui ne viennent pas de refnum : choisissez un dossier vide ou nouveau \
             (le site remplace tout le contenu du dossier)",
            out.display()
        )));
    }
    let text = std::fs::read_to_string(&marker).map_err(|e| Error::io(&marker, e))?;
    let inventory: std::collections::HashSet<&str> =
        text.split_once("\n\n").map(|(_, list)| list.lines().collect()).unwrap_or_default();
    if let Some(foreign) = first_foreign(out, &inventory)? {
        let older = if inventory.is_empty() {
            " (ce site a été produit par une version de refnum qui n'en tenait pas l'inventaire : \
             supprimez-le une fois, à la main)"
        } else {
            ""
        };
        return Err(Error::Usage(format!(
            "{} est un site refnum, mais contient {}, que refnum n'a pas écrit : le site remplace tout le dossier, \
             déplacez-le ou choisissez un autre dossier{older}",
            out.display(),
            out.join(&foreign).display()
        )));
    }
    Ok(())
}

/// The first entry of the tree under `root` (in name order, a folder
/// before its content) that the inventory does not list: a folder must be
/// listed as `nom/` and be a real folder, a file as `nom` and be a regular
/// file (never a link).
fn first_foreign(root: &Path, inventory: &std::collections::HashSet<&str>) -> Result<Option<String>, Error> {
    let mut todo = vec![String::new()];
    while let Some(prefix) = todo.pop() {
        let folder = root.join(&prefix);
        let mut children: Vec<(String, std::fs::FileType)> = std::fs::read_dir(&folder)
            .map_err(|e| Error::io(&folder, e))?
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.file_type().ok()?)))
            .collect();
        children.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut folders = Vec::new();
        for (name, kind) in children {
            let relative = format!("{prefix}{name}");
            if prefix.is_empty() && name == MARKER && kind.is_file() {
                continue;
            }
            if kind.is_dir() && inventory.contains(format!("{relative}/").as_str()) {
                folders.push(format!("{relative}/"));
            } else if !(kind.is_file() && inventory.contains(relative.as_str())) {
                return Ok(Some(relative));
            }
        }
        todo.extend(folders.into_iter().rev());
    }
    Ok(None)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(path: &Path, text: &str) {
        std::fs::create_dir(path).unwrap();
        std::fs::write(path.join("index.html"), text).unwrap();
    }

    #[test]
    fn the_new_site_takes_the_place_of_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let (staged, out) = (dir.path().join(".site.refnum-x"), dir.path().join("site"));
        folder_with(&staged, "nouveau");
        folder_with(&out, "ancien");
        let previous = put_in_place(&staged, &out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "nouveau");
        let old = match &previous {
            Previous::Staged => staged.clone(),
            Previous::Aside(aside, _) => aside.clone(),
            Previous::None => panic!("there was a site"),
        };
        assert_eq!(std::fs::read_to_string(old.join("index.html")).unwrap(), "ancien");
        // On Linux, one exchange: the destination is never missing.
        #[cfg(target_os = "linux")]
        assert!(matches!(previous, Previous::Staged));
    }

    #[test]
    fn an_absent_destination_is_a_plain_rename() {
        let dir = tempfile::tempdir().unwrap();
        let (staged, out) = (dir.path().join(".site.refnum-x"), dir.path().join("site"));
        folder_with(&staged, "nouveau");
        assert!(matches!(put_in_place(&staged, &out).unwrap(), Previous::None));
        assert!(!staged.exists());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "nouveau");
    }

    #[test]
    fn the_first_foreign_entry_is_named_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("profils")).unwrap();
        std::fs::write(root.join(MARKER), "x").unwrap();
        std::fs::write(root.join("index.html"), "").unwrap();
        std::fs::write(root.join("profils/a.html"), "").unwrap();
        let inventory: std::collections::HashSet<&str> = ["index.html", "profils/", "profils/a.html"].into();
        assert_eq!(first_foreign(root, &inventory).unwrap(), None);
        std::fs::write(root.join("profils/z.txt"), "").unwrap();
        std::fs::write(root.join("profils/b.txt"), "").unwrap();
        assert_eq!(first_foreign(root, &inventory).unwrap().as_deref(), Some("profils/b.txt"));
        // A folder where the inventory has a file is foreign.
        std::fs::remove_file(root.join("index.html")).unwrap();
        std::fs::create_dir(root.join("index.html")).unwrap();
        assert_eq!(first_foreign(root, &inventory).unwrap().as_deref(), Some("index.html"));
    }
}
