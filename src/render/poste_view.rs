//! The post-specific part of a fiche de poste, as the templates see it.

use serde::Serialize;

use super::view::{A_COMPLETER, MissionView, date_fr, opt, run_in, text, texts};
use crate::model::{Poste, Profil, Text};

/// The post-specific part of a fiche de poste.
#[derive(Debug, Clone, Serialize)]
pub struct PosteView {
    /// `false` when the fiche is made from a profile alone: every field then
    /// holds the placeholder "à compléter".
    pub renseigne: bool,
    pub id: String,
    pub intitule: String,
    pub structure: String,
    pub structure_presentation: Option<String>,
    pub structure_site_web: Option<String>,
    pub service: String,
    pub localisation: String,
    pub categorie: String,
    pub rattachement: String,
    pub encadrement: String,
    pub temps_de_travail: String,
    pub contrat: String,
    pub remuneration: String,
    pub prise_de_poste: String,
    pub date_limite: String,
    pub contact: String,
    pub modalites: Option<String>,
    pub moyens: Vec<String>,
    pub missions_specifiques: Vec<MissionView>,
    /// The sections a post shares with its profile, as the fiche shows them:
    /// the post's lines replacing or completing the profile's (see
    /// `Poste::sections`); the profile's alone for a fiche made from it.
    pub conditions_exercice: Vec<String>,
    /// `AAAA-MM-JJ`: of the post, or of the profile for a profile alone.
    pub mise_a_jour: String,
    pub relations_internes: Vec<String>,
    pub relations_externes: Vec<String>,
    pub formation: Vec<String>,
    pub experience: Vec<String>,
    pub indicateurs: Vec<String>,
    pub evolutions: Vec<String>,
    /// `indicateurs` run in as one paragraph (compact fiche).
    pub indicateurs_texte: String,
    pub mise_a_jour_texte: String,
}

impl PosteView {
    pub fn new(p: &Poste, profil: &Profil) -> PosteView {
        let or_todo = |t: &Option<Text>| opt(t).unwrap_or_else(|| A_COMPLETER.to_owned());
        let l = &p.localisation;
        let localisation = match (&l.adresse, &l.code_postal) {
            (Some(a), Some(cp)) => format!("{}, {} {}", text(a), text(cp), text(&l.ville)),
            (Some(a), None) => format!("{}, {}", text(a), text(&l.ville)),
            (None, Some(cp)) => format!("{} {}", text(cp), text(&l.ville)),
            (None, None) => text(&l.ville),
        };
        let contrat = p.contrat.as_ref().map_or_else(
            || A_COMPLETER.to_owned(),
            |c| match &c.duree {
                Some(d) => format!("{} ({})", c.kind.label(), text(d)),
                None => c.kind.label().to_owned(),
            },
        );
        let candidature = p.candidature.as_ref();
        let section =
            |cle: &str| p.section(profil, cle).map(|s| s.lignes().into_iter().map(text).collect()).unwrap_or_default();
        PosteView::finished(PosteView {
            renseigne: true,
            id: text(&p.id),
            intitule: p.intitule.as_ref().map_or_else(|| text(&profil.intitule), text),
            structure: text(&p.structure.nom),
            structure_presentation: opt(&p.structure.presentation),
            structure_site_web: opt(&p.structure.site_web),
            service: or_todo(&p.service),
            localisation,
            categorie: or_todo(&p.categorie),
            rattachement: or_todo(&p.rattachement),
            encadrement: opt(&p.encadrement).unwrap_or_else(|| "Aucun encadrement".to_owned()),
            temps_de_travail: or_todo(&p.temps_de_travail),
            contrat,
            remuneration: or_todo(&p.remuneration),
            prise_de_poste: p.prise_de_poste.as_ref().map_or_else(|| A_COMPLETER.to_owned(), |d| date_fr(d)),
            date_limite: candidature
                .and_then(|c| c.date_limite.as_ref())
                .map_or_else(|| A_COMPLETER.to_owned(), |d| date_fr(d)),
            contact: candidature.and_then(|c| opt(&c.contact)).unwrap_or_else(|| A_COMPLETER.to_owned()),
            modalites: candidature.and_then(|c| opt(&c.modalites)),
            moyens: texts(&p.moyens),
            missions_specifiques: p
                .missions_specifiques
                .iter()
                .enumerate()
                .map(|(i, m)| MissionView {
                    id: format!("MS-{:02}", i + 1),
                    intitule: text(&m.intitule),
                    description: None,
                    activites: texts(&m.activites),
                    activites_texte: run_in(&texts(&m.activites)),
                })
                .collect(),
            mise_a_jour: text(&p.mise_a_jour),
            conditions_exercice: section("conditions-exercice"),
            relations_internes: section("relations.internes"),
            relations_externes: section("relations.externes"),
            formation: section("profil-recherche.formation"),
            experience: section("profil-recherche.experience"),
            indicateurs: section("indicateurs"),
            evolutions: section("evolutions"),
            indicateurs_texte: String::new(),
            mise_a_jour_texte: date_fr(&p.mise_a_jour),
        })
    }

    /// Fills the fields derived from others.
    fn finished(mut view: PosteView) -> PosteView {
        view.indicateurs_texte = run_in(&view.indicateurs);
        view
    }

    /// The post part of a fiche made from a profile alone.
    pub fn placeholder(profil: &Profil) -> PosteView {
        let todo = || A_COMPLETER.to_owned();
        PosteView::finished(PosteView {
            renseigne: false,
            id: text(&profil.id),
            intitule: text(&profil.intitule),
            structure: todo(),
            structure_presentation: None,
            structure_site_web: None,
            service: todo(),
            localisation: todo(),
            categorie: todo(),
            rattachement: todo(),
            encadrement: todo(),
            temps_de_travail: todo(),
            contrat: todo(),
            remuneration: todo(),
            prise_de_poste: todo(),
            date_limite: todo(),
            contact: todo(),
            modalites: None,
            moyens: Vec::new(),
            missions_specifiques: Vec::new(),
            mise_a_jour: text(&profil.mise_a_jour),
            conditions_exercice: texts(&profil.conditions_exercice),
            relations_internes: texts(&profil.relations.internes),
            relations_externes: texts(&profil.relations.externes),
            formation: texts(&profil.profil_recherche.formation),
            experience: texts(&profil.profil_recherche.experience),
            indicateurs: texts(&profil.indicateurs),
            evolutions: texts(&profil.evolutions),
            indicateurs_texte: String::new(),
            mise_a_jour_texte: date_fr(&profil.mise_a_jour),
        })
    }
}
