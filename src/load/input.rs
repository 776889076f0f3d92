//! Where a file comes from: disk, the binary (built-in profiles), or
//! standard input; its name in messages and its text.

use std::path::{Path, PathBuf};

use super::{Source, builtin};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// A file to check: on disk, built into the binary, or read from standard input (`-`).
#[derive(Debug, Clone)]
pub enum Input {
    Disk(PathBuf),
    Builtin { name: &'static str, text: &'static str },
    Stdin,
}

impl Input {
    /// The input a path names: `-` is standard input.
    pub fn from_path(path: PathBuf) -> Input {
        if super::is_stdio(&path) { Input::Stdin } else { Input::Disk(path) }
    }

    /// The folder relative paths written in the input start from: the
    /// file's own, the working directory for standard input, none for a
    /// built-in profile.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Input::Disk(path) => Some(path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))),
            Input::Stdin => Some(Path::new(".")),
            Input::Builtin { .. } => None,
        }
    }

    /// The two built-in reference profiles.
    pub fn builtins() -> Vec<Input> {
        builtin::PROFILES.iter().map(|(name, text)| Input::Builtin { name, text }).collect()
    }

    pub fn name(&self) -> String {
        match self {
            Input::Disk(path) => path.display().to_string(),
            Input::Builtin { name, .. } => builtin::display_name(name),
            Input::Stdin => super::STDIN_NAME.to_owned(),
        }
    }

    /// The file on disk, if the input is one.
    pub fn path(&self) -> Option<PathBuf> {
        match self {
            Input::Disk(path) => Some(path.clone()),
            Input::Builtin { .. } | Input::Stdin => None,
        }
    }

    /// Reads the input; `Err` only when it cannot be read at all.
    pub fn source(&self) -> Result<Result<Source, Diagnostic>, Error> {
        Ok(match self {
            Input::Disk(path) => Source::from_bytes(self.name(), &super::read(path)?),
            Input::Builtin { text, .. } => Source::from_bytes(self.name(), text.as_bytes()),
            Input::Stdin => Source::from_bytes(self.name(), &super::read_stdin()?),
        })
    }
}
