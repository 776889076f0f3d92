//! Rules over a file and over a set of files → `Vec<Diagnostic>`.
//!
//! `analyze` runs the whole trip of one file: parse once, structural rules on
//! the tree, typed model, then the semantic rules, one family per file here.

mod compiled;
mod frameworks;
mod ids;
mod metadata;
pub mod project;
mod references;
pub mod repetition;
mod scale;
pub mod structure;
pub mod versions;
mod wording;

pub use ids::is_slug;
pub use metadata::is_date;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::load::{self, Source};
use crate::model::{Adaptation, Document, Poste, Profil};
use crate::schema::Kind;

/// What one file yields: its model when it could be built, and its findings.
#[derive(Debug)]
pub struct Analysis {
    pub document: Option<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the cross-file rules need, read even from a file with errors.
    pub entry: Option<project::Entry>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }
}

/// Parses and checks one file.
pub fn analyze(source: &Source) -> Analysis {
    let mut diagnostics = Vec::new();
    let mut entry = None;
    let document = build(source, &mut diagnostics, &mut entry);
    if let Some(document) = &document {
        match document {
            Document::Profil(p) => profil_rules(p, &mut diagnostics),
            Document::Poste(p) => poste(p, &mut diagnostics),
            Document::Adaptation(a) => adaptation(a, &mut diagnostics),
        }
    }
    diagnostics.sort_by_key(|d| (d.span.line, d.span.column, d.code));
    Analysis { document, diagnostics, entry }
}

fn build(source: &Source, out: &mut Vec<Diagnostic>, entry: &mut Option<project::Entry>) -> Option<Document> {
    let root = match load::parse(source) {
        Ok(Some(root)) if !matches!(root.kind, load::NodeKind::Null) => root,
        Ok(_) => {
            out.push(
                Diagnostic::new(Code::EmptyFile, source.start_span(), "le fichier est vide")
                    .with_help("un profil commence par `type: profil` ; docs/format.md donne un modèle complet"),
            );
            return None;
        }
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    *entry = project::Entry::of(source, &root);
    structure::comments_in_text(source, &root, out);
    structure::control_characters(source, &root, out);
    let before = out.len();
    let (kind, recovery) = structure::check_recovering(source, &root, out);
    let kind = kind?;
    if out[before..].iter().any(|d| d.severity() == Severity::Error) {
        // The well-formed rest of the file still goes through the rules
        // that what was cut cannot mislead; its model is not handed on.
        if let Some(Ok(document)) = recovery.prune(&root).map(|pruned| typed(source, kind, pruned)) {
            recovered_rules(&document, &recovery, out);
        }
        return None;
    }
    match typed(source, kind, root) {
        Ok(document) => Some(document),
        Err(e) => {
            let span = e.span.unwrap_or_else(|| source.start_span());
            out.push(Diagnostic::new(Code::WrongType, span, format!("valeur incorrecte : {}", e.message)));
            None
        }
    }
}

/// The typed model of a tree, which it takes apart.
fn typed(source: &Source, kind: Kind, root: load::Node) -> Result<Document, load::DeError> {
    Ok(match kind {
        Kind::Profil => Document::Profil(Box::new(load::from_tree::<Profil>(source, root)?)),
        Kind::Poste => Document::Poste(Box::new(load::from_tree::<Poste>(source, root)?)),
        Kind::Adaptation => Document::Adaptation(Box::new(load::from_tree::<Adaptation>(source, root)?)),
    })
}

/// The semantic rules on the model of a file whose structural errors were
/// cut out (see `structure::Recovery`). The rules about one value, or about
/// two values both present (a duplicate), cannot be misled by a missing
/// part and always run. The rules about the whole of a region run only if
/// nothing they read was cut from it: the scale for `niveaux` and the
/// levels, the links between missions and competencies (`E022`, `E029`,
/// `W001`, `W002`), which do not read descriptions and framework codes.
fn recovered_rules(document: &Document, recovery: &structure::Recovery, out: &mut Vec<Diagnostic>) {
    match document {
        Document::Profil(p) => {
            ids::profil(p, out);
            metadata::profil(p, out);
            frameworks::check(p, out);
            wording::profil(p, out);
            if recovery.intact("niveaux", &[]) {
                scale::check(p, out);
            }
            let unread = ["description", "referentiels"];
            if recovery.intact("missions", &unread) && recovery.intact("competences", &unread) {
                references::check(p, out);
            }
        }
        Document::Poste(p) => poste(p, out),
        Document::Adaptation(a) => adaptation(a, out),
    }
}

/// The semantic rules of a complete profile (also run on a merged adaptation).
pub fn profil_rules(p: &Profil, out: &mut Vec<Diagnostic>) {
    ids::profil(p, out);
    metadata::profil(p, out);
    scale::check(p, out);
    references::check(p, out);
    frameworks::check(p, out);
    wording::profil(p, out);
}

/// The rules an adaptation obeys on its own; the merged profile is checked
/// once its base is found (`workspace::resolve`).
fn adaptation(a: &Adaptation, out: &mut Vec<Diagnostic>) {
    ids::adaptation(a, out);
    metadata::adaptation(a, out);
    wording::adaptation(a, out);
}

fn poste(p: &Poste, out: &mut Vec<Diagnostic>) {
    ids::poste(p, out);
    metadata::poste(p, out);
    wording::poste(p, out);
}
