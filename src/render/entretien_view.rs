//! The interview guide (`refnum entretien`) as the templates and the DOCX
//! writer see it: the essential competencies with their questions (or a
//! generic one) and what to listen for, worded for its context.

use serde::Serialize;

use super::view::{CompetenceView, ProfilView};

/// What the interview is for: it changes the title, the introduction and
/// the period the examples are drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contexte {
    Recrutement,
    EntretienAnnuel,
}

/// One essential competency, as the guide asks about it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub libelle: String,
    pub niveau: i64,
    pub niveau_libelle: String,
    /// The competency's own questions, or one generic question.
    pub questions: Vec<String>,
    /// `true` when `questions` is the generic one (the field is absent).
    pub generique: bool,
    /// What to listen for: the competency's observable criteria.
    pub criteres: Vec<String>,
}

/// The essential competencies of one category.
#[derive(Debug, Clone, Serialize)]
pub struct RubriqueView {
    pub titre: &'static str,
    pub competences: Vec<QuestionView>,
}

/// One step of the suggested course of the interview.
#[derive(Debug, Clone, Serialize)]
pub struct EtapeView {
    pub titre: &'static str,
    pub duree: String,
    pub contenu: &'static str,
}

/// The interview guide.
#[derive(Debug, Clone, Serialize)]
pub struct EntretienView {
    /// `recrutement` or `entretien-annuel`.
    pub contexte: &'static str,
    /// « Guide d'entretien de recrutement », « Guide d'entretien annuel ».
    pub titre: &'static str,
    /// Who is interviewed: « Candidat·e », « Salarié·e ».
    pub personne: &'static str,
    /// Who leads it: « Recruteur·euse(s) », « Responsable ».
    pub conduite_par: &'static str,
    /// The introduction, as paragraphs of plain text.
    pub introduction: Vec<&'static str>,
    /// Where examples come from, said before the questions.
    pub consigne: &'static str,
    pub deroule: Vec<EtapeView>,
    pub rubriques: Vec<RubriqueView>,
    pub nombre: usize,
    /// The observed level to tick: the profile's scale, then « non évalué ».
    pub cases: Vec<String>,
    /// The closing sections to fill in: headings.
    pub synthese: Vec<&'static str>,
}

/// A generic question for an essential competency without `questions`:
/// it refers to the competency's label, printed just above it.
fn generic(categorie: &str) -> String {
    match categorie {
        "savoirs" => "Racontez une situation de travail où vos connaissances dans ce domaine vous ont servi. Qu'avez-vous expliqué, conseillé ou décidé grâce à elles ?",
        "savoir-faire" => "Racontez la dernière fois où vous avez eu à le faire. Comment vous y êtes-vous pris·e, et quel en a été le résultat ?",
        _ => "Décrivez une situation où ce comportement a été mis à l'épreuve. Que s'est-il passé, qu'avez-vous fait, et qu'en avez-vous retiré ?",
    }
    .to_owned()
}

impl EntretienView {
    pub fn new(profil: &ProfilView, contexte: Contexte) -> EntretienView {
        let rubriques: Vec<RubriqueView> = profil
            .categories
            .iter()
            .map(|cat| RubriqueView {
                titre: cat.titre,
                competences: cat.competences.iter().filter(|c| c.essentielle).map(|c| question(c, cat.cle)).collect(),
            })
            .filter(|r| !r.competences.is_empty())
            .collect();
        let nombre: usize = rubriques.iter().map(|r| r.competences.len()).sum();
        let mut cases: Vec<String> = profil.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
        cases.push("non évalué".to_owned());
        // About three minutes a competency, rounded to five minutes.
        let questions_minutes = (nombre * 3).div_ceil(5) * 5;
        let duree = format!("{questions_minutes} min environ");
        match contexte {
            Contexte::Recrutement => EntretienView {
                contexte: "recrutement",
                titre: "Guide d'entretien de recrutement",
                personne: "Candidat·e",
                conduite_par: "Entretien mené par",
                introduction: vec![
                    "Ce guide sert à conduire un entretien de recrutement structuré : les mêmes questions, dans le même ordre, pour chaque candidat·e, ce qui rend les candidatures comparables et l'appréciation plus équitable.",
                    "Pour chaque compétence essentielle du poste, posez la question, laissez la personne raconter une situation qu'elle a vécue, puis relancez jusqu'à savoir ce qu'elle a fait elle-même et ce qui en est résulté. Les points d'écoute sont les critères observables du profil : notez ce que vous avez entendu, des faits plutôt qu'une impression.",
                    "Ne posez aucune question sans lien direct avec le poste (vie familiale, santé, origine, opinions, projets personnels) : les informations demandées à un·e candidat·e ne peuvent servir qu'à apprécier sa capacité à occuper l'emploi (article L1221-6 du Code du travail). Informez-la auparavant de la façon dont elle sera évaluée (article L1221-8).",
                ],
                consigne: "L'exemple peut venir d'un emploi, d'un stage, d'une formation ou d'un engagement bénévole : ce qui compte est ce que la personne y a fait elle-même.",
                deroule: vec![
                    EtapeView {
                        titre: "Accueil",
                        duree: "5 min".into(),
                        contenu: "Présentez les personnes présentes, le déroulé et la durée de l'entretien.",
                    },
                    EtapeView {
                        titre: "Présentation du poste",
                        duree: "10 min".into(),
                        contenu: "Finalité, missions, structure et conditions d'exercice, d'après la fiche de poste.",
                    },
                    EtapeView {
                        titre: "Compétences essentielles",
                        duree,
                        contenu: "Une ou deux questions par compétence, avec relances ; notes au fil de l'entretien.",
                    },
                    EtapeView {
                        titre: "Questions de la personne et suite",
                        duree: "10 min".into(),
                        contenu: "Répondez à ses questions ; annoncez la suite et la date de la réponse.",
                    },
                ],
                synthese: vec!["Points forts constatés", "Points à approfondir", "Avis et suite proposée"],
                rubriques,
                nombre,
                cases,
            },
            Contexte::EntretienAnnuel => EntretienView {
                contexte: "entretien-annuel",
                titre: "Guide d'entretien annuel",
                personne: "Salarié·e",
                conduite_par: "Responsable de l'entretien",
                introduction: vec![
                    "Ce guide sert à préparer et à conduire l'entretien annuel : faire le point, compétence par compétence, sur ce que la personne a mis en œuvre dans son poste, par rapport au niveau attendu par le profil.",
                    "Pour chaque compétence essentielle, posez la question, laissez la personne raconter une situation de la période écoulée, puis relancez jusqu'à savoir ce qu'elle a fait elle-même et ce qui en est résulté. Les points d'écoute sont les critères observables du profil : notez des faits, et les besoins de formation ou d'accompagnement qui apparaissent.",
                    "Remettez ce guide à la personne quelques jours avant l'entretien, pour qu'elle prépare ses exemples : elle doit connaître à l'avance les méthodes d'évaluation employées à son égard (article L1222-3 du Code du travail). Cet entretien d'évaluation est distinct de l'entretien de parcours professionnel (article L6315-1, issu de la loi du 24 octobre 2025), qui ne porte pas sur l'évaluation du travail : tenez-les séparément, chacun avec son compte rendu ; les besoins de formation repérés ici peuvent y être repris.",
                ],
                consigne: "Cherchez l'exemple dans la période écoulée depuis le dernier entretien : une situation récente et précise vaut mieux qu'une généralité.",
                deroule: vec![
                    EtapeView {
                        titre: "Bilan de la période",
                        duree: "10 min".into(),
                        contenu: "Faits marquants, réussites et difficultés, objectifs de l'année écoulée.",
                    },
                    EtapeView {
                        titre: "Compétences essentielles",
                        duree,
                        contenu: "Une ou deux questions par compétence, avec relances ; niveau constaté et notes.",
                    },
                    EtapeView {
                        titre: "Besoins de formation et d'accompagnement",
                        duree: "10 min".into(),
                        contenu: "À partir des écarts constatés entre le niveau observé et le niveau attendu.",
                    },
                    EtapeView {
                        titre: "Objectifs et conclusion",
                        duree: "10 min".into(),
                        contenu: "Objectifs de la période à venir, commentaires de la personne, signatures.",
                    },
                ],
                synthese: vec![
                    "Points forts constatés",
                    "Besoins de formation ou d'accompagnement",
                    "Objectifs pour la période à venir",
                    "Commentaires de la personne",
                    "Date et signatures de la personne et du ou de la responsable",
                ],
                rubriques,
                nombre,
                cases,
            },
        }
    }
}

fn question(c: &CompetenceView, categorie: &str) -> QuestionView {
    let generique = c.questions.is_empty();
    QuestionView {
        id: c.id.clone(),
        libelle: c.libelle.clone(),
        niveau: c.niveau,
        niveau_libelle: c.niveau_libelle.clone(),
        questions: if generique { vec![generic(categorie)] } else { c.questions.clone() },
        generique,
        criteres: c.criteres.clone(),
    }
}
