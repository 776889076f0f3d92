//! Identifiers: their shape, and their uniqueness within a profile.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Adaptation, Poste, Profil, Text};

/// `conseiller-referent-entreprise`: lowercase ASCII words joined by hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `SF-03`, `M-01`, `cci12-S-01`: ASCII letters and digits in hyphen-joined
/// parts, starting with a letter.
pub fn is_item_id(id: &str) -> bool {
    id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn slug(id: &Text, what: &str, out: &mut Vec<Diagnostic>) {
    if !is_slug(id) {
        out.push(
            Diagnostic::new(Code::InvalidId, id.span, format!("l'identifiant {what} `{}` n'est pas un slug", id.value))
                .with_help(format!(
                    "utilisez des minuscules sans accents, des chiffres et des tirets, par exemple `{}`",
                    to_slug(id)
                )),
        );
    }
}

/// A slug suggestion made from any text.
pub fn to_slug(text: &str) -> String {
    let folded = crate::text::suggest::fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "mon-profil".to_owned() } else { out }
}

pub fn profil(p: &Profil, out: &mut Vec<Diagnostic>) {
    slug(&p.id, "du profil", out);
    let items =
        p.missions.iter().map(|m| (&m.id, "mission")).chain(p.competences.iter().map(|(_, c)| (&c.id, "compétence")));
    let mut seen: HashMap<&str, &Text> = HashMap::with_capacity(p.missions.len() + p.competences.len());
    for (id, what) in items {
        if !is_item_id(id) {
            out.push(
                Diagnostic::new(Code::InvalidId, id.span, format!("l'identifiant de {what} `{}` n'a pas la forme attendue", id.value))
                    .with_help("un identifiant commence par une lettre et ne contient que des lettres et chiffres ASCII séparés par des tirets, par exemple `SF-03`"),
            );
        }
        if let Some(first) = seen.get(id.value.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    id.span,
                    format!("l'identifiant `{}` est déjà utilisé à la ligne {}", id.value, first.span.line),
                )
                .with_help(
                    "chaque mission et chaque compétence a un identifiant propre dans le profil : renumérotez celle-ci",
                ),
            );
        } else {
            seen.insert(&id.value, id);
        }
    }
}

pub fn adaptation(a: &Adaptation, out: &mut Vec<Diagnostic>) {
    slug(&a.id, "de l'adaptation", out);
    let ids = a.missions.iter().map(|m| &m.id).chain(
        a.competences
            .savoirs
            .iter()
            .chain(&a.competences.savoir_faire)
            .chain(&a.competences.savoir_etre)
            .map(|c| &c.id),
    );
    for id in ids {
        if !is_item_id(id) {
            out.push(
                Diagnostic::new(Code::InvalidId, id.span, format!("l'identifiant `{}` n'a pas la forme attendue", id.value))
                    .with_help("un identifiant commence par une lettre et ne contient que des lettres et chiffres ASCII séparés par des tirets, par exemple `SF-03`"),
            );
        }
    }
}

pub fn poste(p: &Poste, out: &mut Vec<Diagnostic>) {
    slug(&p.id, "du poste", out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("conseiller-referent-entreprise"));
        assert!(is_slug("cci-12"));
        assert!(!is_slug("Conseiller"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("é"));
        assert_eq!(to_slug("Conseiller référent CCI"), "conseiller-referent-cci");
    }

    #[test]
    fn item_ids() {
        assert!(is_item_id("SF-01"));
        assert!(is_item_id("M-01"));
        assert!(!is_item_id("01"));
        assert!(!is_item_id("S 01"));
        assert!(!is_item_id("S-"));
    }
}
