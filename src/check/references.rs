//! Links between competencies and missions.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Profil;
use crate::text::suggest;

pub fn check(p: &Profil, out: &mut Vec<Diagnostic>) {
    if p.missions.is_empty() {
        out.push(
            Diagnostic::new(Code::EmptyList, p.missions.span, "le profil n'a aucune mission")
                .with_help("décrivez au moins une mission, avec son identifiant, son intitulé et ses activités"),
        );
    }
    for m in p.missions.iter().filter(|m| m.activites.is_empty()) {
        out.push(
            Diagnostic::new(Code::EmptyList, m.id.span, format!("la mission `{}` n'a aucune activité", m.id.value))
                .with_help("listez dans `activites` ce que fait concrètement la personne, chaque activité commençant par un verbe à l'infinitif"),
        );
    }
    if p.competences.is_empty() {
        out.push(
            Diagnostic::new(Code::EmptyList, p.competences.span, "le profil n'a aucune compétence")
                .with_help("décrivez les savoirs, savoir-faire et savoir-être que le métier demande"),
        );
    }
    let ids: Vec<&str> = p.missions.iter().map(|m| m.id.value.as_str()).collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    // Only a reference to an unknown mission needs the list of missions.
    let listing = std::cell::LazyCell::new(|| {
        if ids.is_empty() {
            "le profil n'a encore aucune mission : décrivez-les dans `missions`".to_owned()
        } else {
            format!("missions du profil : {}", suggest::listing(&ids))
        }
    });
    let mut served = HashSet::with_capacity(ids.len());
    for (categorie, c) in p.competences.iter() {
        if c.missions.is_empty() {
            out.push(
                Diagnostic::new(Code::UnusedCompetency, c.id.span, format!("la compétence `{}` ({}) ne sert aucune mission", c.id.value, categorie.label().to_lowercase()))
                    .with_help("indiquez dans `missions` les missions où elle s'exerce, ou demandez-vous si elle a sa place dans le profil"),
            );
        }
        // Linear in the list: the missions it does not list yet are found
        // once (when one of its references is unknown), and the hint for
        // one unknown id is computed once.
        let unlisted = std::cell::LazyCell::new(|| {
            let listed: HashSet<&str> = c.missions.iter().map(|m| m.value.as_str()).collect();
            ids.iter().copied().filter(|id| !listed.contains(id)).collect::<Vec<&str>>()
        });
        let mut hints: HashMap<&str, Option<String>> = HashMap::new();
        for m in &c.missions {
            if known.contains(m.value.as_str()) {
                served.insert(m.value.as_str());
            } else {
                let mut d = Diagnostic::new(
                    Code::UnknownMission,
                    m.span,
                    format!("la compétence `{}` renvoie à la mission `{}`, qui n'existe pas", c.id.value, m.value),
                );
                let hint =
                    hints.entry(m.value.as_str()).or_insert_with(|| suggest::did_you_mean(m, unlisted.iter().copied()));
                d.help = Some(hint.clone().unwrap_or_else(|| (*listing).clone()));
                out.push(d);
            }
        }
    }
    for m in &p.missions {
        if !served.contains(m.id.value.as_str()) {
            out.push(
                Diagnostic::new(
                    Code::UncoveredMission,
                    m.id.span,
                    format!("aucune compétence ne sert la mission `{}` ({})", m.id.value, m.intitule.value),
                )
                .with_help("ajoutez l'identifiant de cette mission dans `missions` des compétences qu'elle mobilise"),
            );
        }
    }
}
