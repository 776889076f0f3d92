//! Finds the YAML files under the paths a user gives.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// Every `*.yaml` / `*.yml` file under `paths`, recursively, hidden folders
/// skipped, in a stable order. A path named explicitly is kept whatever its
/// extension; a path that does not exist is an error. `-` (standard
/// input) is kept as it is.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    discover_noted(paths).map(|(files, _)| files)
}

/// Like `discover`, and also returns the filled positioning grids
/// (`type: positionnement`) found in folders and left aside: they are
/// personal data, never part of a set of profiles. A grid named
/// explicitly is kept (and refused later as neither profile nor post).
pub fn discover_noted(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let mut files = Vec::new();
    let mut personal = Vec::new();
    for path in paths {
        if super::is_stdio(path) {
            files.push(path.clone());
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if metadata.is_dir() {
            let start = files.len();
            walk(path, &mut files, &mut personal)?;
            files[start..].sort();
        } else {
            files.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    personal.sort();
    Ok((files, personal))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, personal: &mut Vec<PathBuf>) -> Result<(), Error> {
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
                walk(&path, out, personal)?;
            }
        } else if !hidden && is_yaml(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            if is_positionnement(&path) {
                personal.push(path);
            } else {
                out.push(path);
            }
        }
    }
    Ok(())
}

/// `true` for `.yaml` and `.yml` files.
pub fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// How much of a file is read to find its `type`: the key comes first in
/// every file refnum writes and in the documented examples.
const TYPE_WINDOW: u64 = 4096;

/// `true` when the beginning of a file declares `type: positionnement` at
/// the top level (a filled positioning grid).
fn is_positionnement(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    if std::fs::File::open(path).and_then(|f| f.take(TYPE_WINDOW).read_to_end(&mut head)).is_err() {
        return false;
    }
    // Only the lines that start with `type:` are decoded: a line break is
    // never part of a character, so cutting the bytes at each one cuts the
    // text as `lines` would (a `\r` left at the end is trimmed below).
    // A byte order mark (Windows Notepad writes one) is not part of the key.
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.split(|b| *b == b'\n').filter(|line| line.starts_with(b"type:")).any(|line| {
        String::from_utf8_lossy(line)
            .strip_prefix("type:")
            .map(|v| v.split('#').next().unwrap_or_default().trim().trim_matches(['"', '\'']))
            .is_some_and(|v| v == "positionnement")
    })
}
