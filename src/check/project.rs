//! Rules across files: a profile id defined twice, a post whose profile cannot be found.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Node, Source};
use crate::model::Span;
use crate::text::suggest;

/// What the cross-file rules need to know of one file (the model itself is dropped).
#[derive(Debug, Clone)]
pub enum Entry {
    Profil { id: String, span: Span },
    Poste { profil: String, span: Span },
}

impl Entry {
    /// Read from the tree, so that a file with other errors still declares
    /// its profile id (and a post pointing at it is not told "introuvable").
    pub fn of(source: &Source, root: &Node) -> Option<Entry> {
        let text =
            |key: &str| root.get(key).and_then(|n| n.as_str().map(|s| (s.to_owned(), source.span_at(&n.location))));
        match root.get("type")?.as_str()? {
            "profil" => text("id").map(|(id, span)| Entry::Profil { id, span }),
            "poste" => text("profil").map(|(profil, span)| Entry::Poste { profil, span }),
            _ => None,
        }
    }
}

/// Runs the cross-file rules; `entries[i]` belongs to file `files[i]`.
/// `known` lists profile ids found elsewhere (built-in profiles).
pub fn check(files: &[Option<PathBuf>], entries: &[Option<Entry>], known: &[&str]) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if let Some(Entry::Profil { id, span }) = entry {
            match first.get(id.as_str()) {
                Some(&j) => {
                    let other =
                        files[j].as_deref().map_or_else(|| "un profil intégré".to_owned(), |p| p.display().to_string());
                    out.push((
                        i,
                        Diagnostic::new(Code::DuplicateProfile, *span, format!("le profil `{id}` est déjà défini dans {other}"))
                            .with_help("un identifiant de profil est unique dans un dépôt : renommez l'un des deux, ou faites de l'un une adaptation de l'autre"),
                    ));
                }
                None => {
                    first.insert(id, i);
                }
            }
        }
    }
    let ids: Vec<&str> = first.keys().copied().chain(known.iter().copied()).collect();
    let found: std::collections::HashSet<&str> = ids.iter().copied().collect();
    let listed = sorted(&ids);
    for (i, entry) in entries.iter().enumerate() {
        let Some(Entry::Poste { profil, span }) = entry else {
            continue;
        };
        if found.contains(profil.as_str()) || path_exists(files[i].as_deref(), profil) {
            continue;
        }
        let mut d =
            Diagnostic::new(Code::ProfileNotFound, *span, format!("le profil `{profil}` de ce poste est introuvable"));
        d.help =
            suggest::did_you_mean(profil, ids.iter().copied()).or_else(|| Some(format!("profils connus : {listed}")));
        out.push((i, d));
    }
    out
}

fn sorted(ids: &[&str]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    suggest::listing(&ids)
}

/// A `profil` written as a path, relative to the post's file.
fn path_exists(file: Option<&Path>, reference: &str) -> bool {
    if !(reference.ends_with(".yaml") || reference.ends_with(".yml")) {
        return false;
    }
    let base = file.and_then(Path::parent).unwrap_or(Path::new("."));
    base.join(reference).is_file()
}
