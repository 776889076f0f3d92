//! Findings about a file (`Diagnostic`) and the ways to print them.
//!
//! A finding is data: the library collects them, the renderers (human, JSON,
//! GitHub) turn the same list into text.

mod code;
mod docs;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
mod report;
pub mod rules;
pub mod sarif;

use serde::Serialize;

pub use code::Code;
pub use report::{FileReport, Summary};

use crate::model::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        }
    }
}

/// One finding: a code, a French message, a place and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
    /// A level set by the user (see `rules`), instead of the code's own.
    pub severity: Option<Severity>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { code, message: message.into(), span, help: None, severity: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(self.code.severity())
    }
}
