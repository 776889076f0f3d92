//! The one place that writes files: atomically, through a temporary file
//! in the same folder renamed over the target.

use std::io::Write;
use std::path::{Path, PathBuf};

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
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| Error::io(path, e));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    temp.write_all(bytes).and_then(|()| temp.as_file().sync_all()).map_err(|e| Error::io(path, e))?;
    // The temporary file is private (0600); the document should not be: keep
    // the mode of the file it replaces, else the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o644);
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(|e| Error::io(path, e))?;
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
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
