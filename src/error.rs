//! Failures to run (exit code 2), as opposed to findings about a file.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a command could not run as asked.
#[derive(Debug)]
pub enum Error {
    /// A file or folder could not be read or written.
    Io { path: PathBuf, source: std::io::Error },
    /// The request itself cannot be met (unknown profile, bad option...).
    Usage(String),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                let path = path.display();
                match source.kind() {
                    std::io::ErrorKind::NotFound => {
                        write!(f, "{path} : fichier ou dossier introuvable")
                    }
                    std::io::ErrorKind::PermissionDenied => write!(f, "{path} : accès refusé"),
                    std::io::ErrorKind::IsADirectory => {
                        write!(f, "{path} : c'est un dossier, un fichier est attendu")
                    }
                    _ => write!(f, "{path} : {source}"),
                }
            }
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}
