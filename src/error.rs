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
    /// An input has errors (exit code 1): the findings to show.
    Invalid(Vec<crate::diagnostic::FileReport>),
    /// A template failed (exit code 1).
    Template(TemplateError),
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
                    std::io::ErrorKind::NotADirectory => {
                        write!(f, "{path} : une partie du chemin est un fichier, pas un dossier")
                    }
                    std::io::ErrorKind::AlreadyExists => write!(f, "{path} : existe déjà"),
                    std::io::ErrorKind::StorageFull => write!(f, "{path} : plus de place sur le disque"),
                    std::io::ErrorKind::ReadOnlyFilesystem => {
                        write!(f, "{path} : système de fichiers en lecture seule")
                    }
                    std::io::ErrorKind::OutOfMemory => write!(f, "{path} : mémoire insuffisante"),
                    std::io::ErrorKind::InvalidData => write!(f, "{path} : contenu illisible"),
                    _ => write!(f, "{path} : erreur d'entrée-sortie ({source})"),
                }
            }
            Error::Usage(message) => f.write_str(message),
            Error::Invalid(reports) => {
                let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
                write!(f, "fichier invalide : {}", names.join(", "))
            }
            Error::Template(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<TemplateError> for Error {
    fn from(e: TemplateError) -> Self {
        Error::Template(e)
    }
}

/// A template that failed to load or render, with its place.
#[derive(Debug)]
pub struct TemplateError {
    /// The file the error is in, as shown to the user.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "gabarit {}, ligne {line} : {}", self.file, self.message),
            None => write!(f, "gabarit {} : {}", self.file, self.message),
        }
    }
}
