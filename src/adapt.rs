//! Local adaptation as operations on models: the merge of an overlay onto
//! its base profile, the semantic diff of two profiles, and the scaffold of
//! a new adaptation. No rules and no rendering here: following a chain of
//! bases and checking the merged profile is `workspace::resolve`'s work.

pub mod diff;
mod merge;
pub mod scaffold;

pub use merge::{Change, ChangeKind, Merged, merge};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::Profil;

/// What an adapted profile carries beyond the merged profile itself.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub base_id: String,
    pub base_version: String,
    pub changes: Vec<Change>,
}

/// A profile ready to use: a plain profile, or an adaptation merged onto its base.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub profil: Profil,
    pub provenance: Option<Provenance>,
    /// Warnings the merge causes in the adaptation's file.
    pub findings: Vec<Diagnostic>,
}
