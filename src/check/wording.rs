//! Writing conventions: infinitive verbs, labels not repeated.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Adaptation, Categorie, Poste, Profil, Text};
use crate::text::suggest::{fold, fold_char};

/// Does the text begin with a French infinitive ("Réaliser", "S'adapter",
/// "Se tenir", "Faire preuve")? Judged by the ending of the first word.
pub fn starts_with_infinitive(text: &str) -> bool {
    let (rest, pronoun) = after_reflexive(text.trim_start());
    // The first two words are enough: no more than 48 characters are read.
    // Each is lowercased alone; lowercasing a whole text differs only for
    // the Greek capital sigma (σ or ς, by its neighbours), which changes
    // neither the length of the word nor its Latin ending.
    is_infinitive(rest.chars().take(48 - pronoun).flat_map(char::to_lowercase))
}

/// The text after a reflexive pronoun (`s'`, `s’`, `se `) that starts it,
/// in any case (no other character lowercases to these), and the number
/// of characters of the pronoun.
fn after_reflexive(text: &str) -> (&str, usize) {
    let Some(rest) = text.strip_prefix(['s', 'S']) else {
        return (text, 0);
    };
    if let Some(rest) = rest.strip_prefix(['\'', '’']) {
        return (rest, 2);
    }
    match rest.strip_prefix(['e', 'E']).and_then(|r| r.strip_prefix(' ')) {
        Some(rest) => (rest, 3),
        None => (text, 0),
    }
}

/// Whether the word the lowercase characters `chars` start with, folded,
/// ends like an infinitive and is no noun.
fn is_infinitive(chars: impl Iterator<Item = char>) -> bool {
    let mut word = String::with_capacity(24);
    for c in chars.take_while(|c| c.is_alphabetic()) {
        fold_char(c, &mut word);
    }
    word.chars().count() >= 3
        && (word.ends_with("er") || word.ends_with("ir") || word.ends_with("re"))
        && !NOUNS.contains(&word.as_str())
}

/// Frequent nouns that end like an infinitive; a text starting with one is
/// not an action ("Rencontre des partenaires", "Atelier d'initiation").
const NOUNS: [&str; 40] = [
    "acteur",
    "affaire",
    "annuaire",
    "atelier",
    "avenir",
    "cadre",
    "calendrier",
    "centre",
    "chantier",
    "chiffre",
    "collaborateur",
    "compteur",
    "courrier",
    "dernier",
    "desir",
    "dossier",
    "encadre",
    "entrepreneur",
    "fichier",
    "heure",
    "inventaire",
    "loisir",
    "manager",
    "membre",
    "metier",
    "nombre",
    "offre",
    "ordinateur",
    "ordre",
    "papier",
    "partenaire",
    "plaisir",
    "premier",
    "questionnaire",
    "registre",
    "rencontre",
    "reservoir",
    "repertoire",
    "secteur",
    "titre",
];

fn infinitive(text: &Text, what: &str, out: &mut Vec<Diagnostic>) {
    if !starts_with_infinitive(text) {
        let first = text.split_whitespace().next().unwrap_or_default();
        out.push(
            Diagnostic::new(
                Code::NotInfinitive,
                text.span,
                format!("{what} devrait commencer par un verbe à l'infinitif, pas par « {first} »"),
            )
            .with_help("formulez une action : « Réaliser un diagnostic… », « Animer un atelier… »"),
        );
    }
}

pub fn profil(p: &Profil, out: &mut Vec<Diagnostic>) {
    for m in &p.missions {
        for a in &m.activites {
            infinitive(a, "une activité", out);
        }
    }
    for c in &p.competences.savoir_faire {
        infinitive(&c.libelle, "un savoir-faire", out);
    }
    let mut seen: HashMap<String, (&Text, Categorie)> = HashMap::with_capacity(p.competences.len());
    // The label with its blanks made single spaces, reused for each.
    let mut joined = String::new();
    for (categorie, c) in p.competences.iter() {
        joined.clear();
        for (i, word) in c.libelle.split_whitespace().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(word);
        }
        let key = fold(joined.trim_end_matches(['.', ' ']));
        match seen.get(&key) {
            Some((first, _)) => out.push(
                Diagnostic::new(
                    Code::DuplicateLabel,
                    c.libelle.span,
                    format!(
                        "le libellé « {} » est déjà celui d'une autre compétence (ligne {})",
                        c.libelle.value, first.span.line
                    ),
                )
                .with_help("fusionnez les deux compétences, ou précisez ce qui les distingue dans leur libellé"),
            ),
            None => {
                seen.insert(key, (&c.libelle, categorie));
            }
        }
    }
}

pub fn adaptation(a: &Adaptation, out: &mut Vec<Diagnostic>) {
    for a in a.missions.iter().filter_map(|m| m.activites.as_ref()).flatten() {
        infinitive(a, "une activité", out);
    }
}

pub fn poste(p: &Poste, out: &mut Vec<Diagnostic>) {
    for m in &p.missions_specifiques {
        for a in &m.activites {
            infinitive(a, "une activité", out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{NOUNS, starts_with_infinitive};
    use crate::text::suggest::fold;

    /// The first way the rule was written, lowercasing the whole head: the
    /// reference for the faster one.
    fn reference(text: &str) -> bool {
        let text = text.trim_start();
        let head: String = text.chars().take(48).collect();
        let lower = head.to_lowercase();
        let rest = if let Some(r) = lower.strip_prefix("s'").or_else(|| lower.strip_prefix("s’")) {
            r
        } else if let Some(r) = lower.strip_prefix("se ") {
            r
        } else {
            &lower
        };
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        let word = fold(&word);
        word.chars().count() >= 3
            && (word.ends_with("er") || word.ends_with("ir") || word.ends_with("re"))
            && !NOUNS.contains(&word.as_str())
    }

    #[test]
    fn same_judgement_as_the_reference() {
        let words = [
            "Réaliser",
            "RÉALISER",
            "S'adapter",
            "s’ADAPTER",
            "Se tenir",
            "SE TENIR",
            "Se",
            "S'",
            "s",
            "Sé",
            "Sex",
            "Œuvrer",
            "ÉCRIRE",
            "Dernier",
            "Atelier",
            "İrer",
            "ΣΊΣΥΦΟΣ",
            "Σer",
            "aΣer",
            "Ǆer",
            "ﬀer",
            "Kelvin\u{212A}ir",
            "",
            " ",
            "\t Accueillir",
            "Agir",
            "Ir",
            "lire",
            "Straße",
            "Maître",
            "Bâtir",
            "Naître",
            "Être",
            "Ôter",
            "Savoir-faire",
            "a-er",
            "12 ranger",
            "x\u{301}er",
            "Se\u{301} tenir",
            "Se  tenir",
            "Se\ttenir",
        ];
        let mut texts: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        for w in words {
            texts.push(format!("{w} un diagnostic"));
            texts.push(format!("{}{w}", "x".repeat(44)));
            texts.push(format!("{}{w}", "é".repeat(45)));
            for other in words {
                texts.push(format!("{w}{other}"));
            }
        }
        for text in &texts {
            assert_eq!(starts_with_infinitive(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn infinitives() {
        for ok in [
            "Réaliser un diagnostic",
            "S'adapter aux besoins",
            "Se tenir informé",
            "Faire preuve d'écoute",
            "Accueillir",
            "Promouvoir",
        ] {
            assert!(starts_with_infinitive(ok), "{ok}");
        }
        for ko in [
            "Diagnostic des usages",
            "Animation d'ateliers",
            "Capacité à écouter",
            "Le réseau",
            "Rencontre des partenaires",
            "Atelier d'initiation",
        ] {
            assert!(!starts_with_infinitive(ko), "{ko}");
        }
    }
}
