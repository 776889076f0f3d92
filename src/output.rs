//! The one place that writes files: atomically, through a temporary file
//! in the same folder renamed over the target.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `bytes` to `path` so that readers see the old file or the new
/// one, never a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::Usage(format!("{} est un dossier : donnez un nom de fichier après -o", path.display())));
    }
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
