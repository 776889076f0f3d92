//! A file's text as last committed on the repository's default branch, read
//! by running `git` (for `validate --verifier-version`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Error;

/// What the default branch holds for a file of a git work tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committed {
    /// The branch compared with, as git names it: `origin/main`, `main`…
    pub branch: String,
    /// The file's text on that branch; `None` when the branch does not have it.
    pub text: Option<String>,
}

/// Runs `git -C dir args`: its output when it succeeds, `None` when it fails.
/// `Err` when git cannot be started at all.
fn git(dir: &Path, args: &[&str]) -> Result<Option<Vec<u8>>, Error> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Usage(
                "--verifier-version compare les fichiers à leur version dans git, mais la commande `git` est introuvable : installez git, ou retirez l'option".into(),
            )
        } else {
            Error::io(Path::new("git"), e)
        }
    })?;
    Ok(output.status.success().then_some(output.stdout))
}

fn line(bytes: Vec<u8>) -> Option<String> {
    let text = String::from_utf8(bytes).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The default branch of the repository of `dir`: `origin/HEAD` when the
/// clone knows it, else `main`, else `master`; `None` when there is none.
fn default_branch(dir: &Path) -> Result<Option<String>, Error> {
    if let Some(name) = git(dir, &["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])?.and_then(line) {
        return Ok(Some(name));
    }
    for name in ["main", "master"] {
        if git(dir, &["rev-parse", "--verify", "--quiet", &format!("refs/heads/{name}")])?.is_some() {
            return Ok(Some(name.to_owned()));
        }
    }
    Ok(None)
}

/// The repository a folder belongs to and its default branch, found once per
/// folder by the caller.
#[derive(Debug, Clone)]
pub struct Repository {
    root: PathBuf,
    branch: String,
}

impl Repository {
    /// The work tree holding `dir`, if any, with a default branch.
    pub fn of(dir: &Path) -> Result<Option<Repository>, Error> {
        let Some(root) = git(dir, &["rev-parse", "--show-toplevel"])?.and_then(line) else {
            return Ok(None);
        };
        let Some(branch) = default_branch(dir)? else {
            return Ok(None);
        };
        let root = std::fs::canonicalize(&root).unwrap_or_else(|_| PathBuf::from(root));
        Ok(Some(Repository { root, branch }))
    }

    /// What the default branch holds for `path`, a file of this work tree;
    /// `None` when the file is outside it.
    pub fn committed(&self, path: &Path) -> Result<Option<Committed>, Error> {
        let Ok(absolute) = std::fs::canonicalize(path) else {
            return Ok(None);
        };
        let Ok(relative) = absolute.strip_prefix(&self.root) else {
            return Ok(None);
        };
        let relative: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let spec = format!("{}:{}", self.branch, relative.join("/"));
        let text = git(&self.root, &["show", &spec])?.and_then(|b| String::from_utf8(b).ok());
        Ok(Some(Committed { branch: self.branch.clone(), text }))
    }
}

/// The folder a file is in, for `Repository::of`.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
