//! The one place that writes files: atomically, through a temporary file
//! in the same folder renamed over the target. The temporary file is
//! removed if the process is interrupted (see `interrupt`), and one that a
//! kill left is removed by the next write to the same target.

mod interrupt;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use interrupt::Pending;

use crate::error::Error;

/// Writes `bytes` to `path` so that readers see the old file or the new
/// one, never a half-written file. A symbolic link is followed (its target
/// is replaced, not the link); a target that is not a regular file (a
/// device such as `/dev/null`, a pipe) is written to directly.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let path = follow_links(path);
    let path = path.as_path();
    if path.is_dir() {
        return Err(Error::Usage(format!("{} est un dossier : donnez un nom de fichier après -o", path.display())));
    }
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| Error::io(path, e));
    }
    if let Some(meta) = &existing {
        check_writable(path, meta)?;
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale(dir, &name);
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the mode the umask allows (0644 under the usual 022):
    // the system applies the umask to the mode asked at creation.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    let _pending = Pending::new(temp.path());
    // Locked while it is written: the next write to this target knows it
    // for a file in use, not one a killed process left.
    let _ = temp.as_file().try_lock();
    temp.write_all(bytes).and_then(|()| temp.as_file().sync_all()).map_err(|e| Error::io(path, e))?;
    // A file replaced keeps its mode.
    #[cfg(unix)]
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions()).map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// A read-only file is not replaced: whoever protected it meant it to stay.
fn check_writable(path: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    // No write permission at all, or none for this user (opening for
    // writing neither truncates nor changes the file).
    let denied = meta.permissions().readonly()
        || std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied);
    if denied {
        return Err(Error::Usage(format!(
            "{} est en lecture seule : refnum ne le remplace pas ; rendez-le modifiable (chmod u+w) ou choisissez un autre fichier",
            path.display()
        )));
    }
    Ok(())
}

/// Removes the temporary files of `name` (`.NAME.XXXXXX.tmp`) that a killed
/// write left in `dir`; one still locked is being written by another
/// process and stays.
fn remove_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let ours = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        if std::fs::File::open(&path).is_ok_and(|f| f.try_lock().is_ok()) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// An output must not be one of the files the command reads: writing it
/// would replace the source with the document made from it.
pub fn check_not_input(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let Ok(output_real) = std::fs::canonicalize(output) else {
        // A path that does not exist yet is no input.
        return Ok(());
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|real| real == output_real) {
            return Err(Error::Usage(format!(
                "{} est aussi un fichier lu par la commande : refnum ne remplace pas une entrée par sa sortie ; \
                 choisissez un autre fichier après -o",
                output.display()
            )));
        }
    }
    Ok(())
}

/// The file a chain of symbolic links leads to (at most 16 links).
fn follow_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..16 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = if target.is_absolute() { target } else { path.parent().unwrap_or(Path::new(".")).join(target) };
            }
            Err(_) => break,
        }
    }
    path
}
