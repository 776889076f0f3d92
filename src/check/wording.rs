//! Writing conventions: infinitive verbs, labels not repeated.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Adaptation, Categorie, Poste, Profil, Text};
use crate::text::suggest::fold;

/// Does the text begin with a French infinitive ("Réaliser", "S'adapter",
/// "Se tenir", "Faire preuve")? Judged by the ending of the first word.
pub fn starts_with_infinitive(text: &str) -> bool {
    let text = text.trim_start();
    // The first two words are enough: lowercase no more than that.
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
    let mut seen: HashMap<String, (&Text, Categorie)> = HashMap::new();
    for (categorie, c) in p.competences.iter() {
        let key = fold(c.libelle.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches(['.', ' ']));
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
    use super::starts_with_infinitive;

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
