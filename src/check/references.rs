//! Links between competencies and missions.

use std::collections::HashSet;

use super::suggest;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Profil;

pub fn check(p: &Profil, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = p.missions.iter().map(|m| m.id.value.as_str()).collect();
    let mut served = HashSet::new();
    for (categorie, c) in p.competences.iter() {
        if c.missions.is_empty() {
            out.push(
                Diagnostic::new(Code::UnusedCompetency, c.id.span, format!("la compétence `{}` ({}) ne sert aucune mission", c.id.value, categorie.label().to_lowercase()))
                    .with_help("indiquez dans `missions` les missions où elle s'exerce, ou demandez-vous si elle a sa place dans le profil"),
            );
        }
        for m in &c.missions {
            if ids.contains(&m.value.as_str()) {
                served.insert(m.value.as_str());
            } else {
                let mut d = Diagnostic::new(
                    Code::UnknownMission,
                    m.span,
                    format!(
                        "la compétence `{}` renvoie à la mission `{}`, qui n'existe pas",
                        c.id.value, m.value
                    ),
                );
                d.help = suggest::did_you_mean(m, ids.iter().copied())
                    .or_else(|| Some(format!("missions du profil : {}", ids.join(", "))));
                out.push(d);
            }
        }
    }
    for m in &p.missions {
        if !served.contains(m.id.value.as_str()) {
            out.push(
                Diagnostic::new(Code::UncoveredMission, m.id.span, format!("aucune compétence ne sert la mission `{}` ({})", m.id.value, m.intitule.value))
                    .with_help("ajoutez l'identifiant de cette mission dans `missions` des compétences qu'elle mobilise"),
            );
        }
    }
}
