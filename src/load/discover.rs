//! Finds the YAML files under the paths a user gives.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Every `*.yaml` / `*.yml` file under `paths`, recursively, hidden folders
/// skipped, in a stable order. A path named explicitly is kept whatever its
/// extension; a path that does not exist is an error. `-` (standard
/// input) is kept as it is.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if super::is_stdio(path) {
            files.push(path.clone());
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if metadata.is_dir() {
            let start = files.len();
            walk(path, &mut files)?;
            files[start..].sort();
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name();
        let hidden = name.to_str().is_some_and(|n| n.starts_with('.'));
        let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
        // Linked folders are not followed (a link to a parent would loop);
        // only regular files are read (a pipe would block).
        if file_type.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else if !hidden && is_yaml(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// `true` for `.yaml` and `.yml` files.
pub fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}
