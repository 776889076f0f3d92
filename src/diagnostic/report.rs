//! The findings of one file, and the count of a whole run.

use std::sync::Arc;

use serde::Serialize;

use super::{Diagnostic, Severity};

/// The findings of one file, with its text when a snippet may be needed.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file name as shown to the user.
    pub name: String,
    /// The text of the file (after BOM removal); kept only when there are findings.
    pub source: Option<Arc<str>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity() == severity).count()
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary { files: reports.len(), ..Summary::default() };
        for r in reports {
            let errors = r.count(Severity::Error);
            s.errors += errors;
            s.warnings += r.count(Severity::Warning);
            if errors > 0 {
                s.files_with_errors += 1;
            }
        }
        s
    }

    /// The French closing line of a run.
    pub fn sentence(&self) -> String {
        let files = plural(self.files, "fichier vérifié", "fichiers vérifiés");
        if self.errors == 0 && self.warnings == 0 {
            return format!("{files} : aucun problème.");
        }
        format!(
            "{files} : {}, {}.",
            plural(self.errors, "erreur", "erreurs"),
            plural(self.warnings, "avertissement", "avertissements")
        )
    }
}

/// `1 erreur`, `0 erreur`, `3 erreurs` (French uses the singular for 0 and 1).
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n <= 1 { format!("{n} {one}") } else { format!("{n} {many}") }
}
