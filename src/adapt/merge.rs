//! Applies an adaptation to its base profile: fields replaced, missions and
//! competencies merged by id, removals; every change recorded with its motif.

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Adaptation, Categorie, Competence, CompetencePatch, Mission, MissionPatch, Profil, Text};
use crate::text::suggest;

/// What an adaptation did to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Ajout,
    Modification,
    Retrait,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Ajout => "ajoutée",
            ChangeKind::Modification => "modifiée",
            ChangeKind::Retrait => "retirée",
        }
    }
}

/// One local change, for the appendix of documents and `--provenance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// `mission`, or the competency category key.
    pub categorie: &'static str,
    pub id: String,
    pub libelle: String,
    /// The fields an override changed.
    pub champs: Vec<&'static str>,
    pub motif: Option<String>,
}

/// The merged profile and the changes made, or the errors that prevent it.
pub struct Merged {
    pub profil: Profil,
    pub changes: Vec<Change>,
    /// Where each removed id was removed (for errors about the merged profile).
    pub removed: Vec<(String, crate::model::Span)>,
}

/// Merges `overlay` onto `base`; errors point into the overlay.
pub fn merge(base: &Profil, overlay: &Adaptation) -> Result<Merged, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut p = base.clone();
    let mut changes = Vec::new();
    let mut removed = Vec::new();

    p.id = overlay.id.clone();
    p.version = overlay.version.clone();
    p.mise_a_jour = overlay.mise_a_jour.clone();
    if let Some(s) = &overlay.statut {
        p.statut = s.clone();
    }
    replace(&mut p.intitule, &overlay.intitule);
    replace_opt(&mut p.famille, &overlay.famille);
    replace_opt(&mut p.metier, &overlay.metier);
    replace(&mut p.finalite, &overlay.finalite);
    replace_opt(&mut p.contexte, &overlay.contexte);
    replace(&mut p.appellations, &overlay.appellations);
    replace(&mut p.conditions_exercice, &overlay.conditions_exercice);
    replace(&mut p.relations, &overlay.relations);
    replace(&mut p.profil_recherche, &overlay.profil_recherche);
    replace(&mut p.indicateurs, &overlay.indicateurs);
    replace(&mut p.evolutions, &overlay.evolutions);
    replace(&mut p.sources, &overlay.sources);
    if overlay.niveaux.is_some() {
        p.niveaux = overlay.niveaux.clone();
    }

    // Removals.
    let known: Vec<String> = base
        .missions
        .iter()
        .map(|m| m.id.value.clone())
        .chain(base.competences.iter().map(|(_, c)| c.id.value.clone()))
        .collect();
    for r in &overlay.retirer {
        let id = r.value.id();
        if let Some(i) = p.missions.iter().position(|m| m.id.value == id) {
            let m = p.missions.value.remove(i);
            changes.push(Change {
                kind: ChangeKind::Retrait,
                categorie: "mission",
                id: id.to_owned(),
                libelle: m.intitule.value,
                champs: Vec::new(),
                motif: r.value.motif().map(str::to_owned),
            });
            removed.push((id.to_owned(), r.span));
            continue;
        }
        let found = Categorie::ALL
            .into_iter()
            .find_map(|cat| list(&p, cat).iter().position(|c| c.id.value == id).map(|i| (cat, i)));
        match found {
            Some((cat, i)) => {
                let c = &list(&p, cat)[i];
                if *c.essentielle {
                    errors.push(
                        Diagnostic::new(Code::RemovedEssential, r.span, format!("`{id}` ({}) est marquée essentielle dans le profil de base : elle ne peut pas être retirée", c.libelle.value))
                            .with_help("une compétence essentielle est indispensable au métier ; modifiez-la (libellé, niveau, description) plutôt que de la retirer"),
                    );
                    continue;
                }
                let c = list_mut(&mut p, cat).remove(i);
                changes.push(Change {
                    kind: ChangeKind::Retrait,
                    categorie: cat.key(),
                    id: id.to_owned(),
                    libelle: c.libelle.value,
                    champs: Vec::new(),
                    motif: r.value.motif().map(str::to_owned),
                });
                removed.push((id.to_owned(), r.span));
            }
            None if removed.iter().any(|(r, _)| r == id) => errors.push(
                Diagnostic::new(Code::UnknownItem, r.span, format!("`{id}` est déjà retiré plus haut dans `retirer`"))
                    .with_help("gardez une seule fois chaque identifiant dans `retirer`"),
            ),
            None => errors.push(unknown_id(id, r.span, "retirer", &known)),
        }
    }

    // Missions.
    for patch in &overlay.missions {
        if removed.iter().any(|(id, _)| *id == patch.id.value) {
            errors.push(
                Diagnostic::new(
                    Code::UnknownItem,
                    patch.id.span,
                    format!("la mission `{}` est à la fois retirée et modifiée", patch.id.value),
                )
                .with_help("gardez le retrait ou la modification, pas les deux"),
            );
            continue;
        }
        if p.competences.iter().any(|(_, c)| c.id.value == patch.id.value) {
            errors.push(
                Diagnostic::new(
                    Code::MovedItem,
                    patch.id.span,
                    format!("`{}` est une compétence du profil de base, pas une mission", patch.id.value),
                )
                .with_help(
                    "modifiez-la sous `competences`, ou choisissez un autre identifiant pour une nouvelle mission",
                ),
            );
            continue;
        }
        match p.missions.value.iter_mut().find(|m| m.id.value == patch.id.value) {
            Some(m) => {
                let champs = patch_mission(m, patch);
                changes.push(Change {
                    kind: ChangeKind::Modification,
                    categorie: "mission",
                    id: m.id.value.clone(),
                    libelle: m.intitule.value.clone(),
                    champs,
                    motif: text(&patch.motif),
                });
            }
            None => match new_mission(patch) {
                Ok(m) => {
                    changes.push(Change {
                        kind: ChangeKind::Ajout,
                        categorie: "mission",
                        id: m.id.value.clone(),
                        libelle: m.intitule.value.clone(),
                        champs: Vec::new(),
                        motif: text(&patch.motif),
                    });
                    p.missions.value.push(m);
                }
                Err(d) => errors.push(suggest_known(d, &patch.id.value, &known)),
            },
        }
    }

    // Competencies.
    for cat in Categorie::ALL {
        for patch in patches(overlay, cat) {
            let id = patch.id.value.as_str();
            if removed.iter().any(|(r, _)| r == id) {
                errors.push(
                    Diagnostic::new(
                        Code::UnknownItem,
                        patch.id.span,
                        format!("la compétence `{id}` est à la fois retirée et modifiée"),
                    )
                    .with_help("gardez le retrait ou la modification, pas les deux"),
                );
                continue;
            }
            if let Some(other) =
                Categorie::ALL.into_iter().filter(|c| *c != cat).find(|c| list(&p, *c).iter().any(|x| x.id.value == id))
            {
                errors.push(
                    Diagnostic::new(Code::MovedItem, patch.id.span, format!("`{id}` est un {} du profil de base ; une adaptation ne peut pas le déplacer parmi les {}", other.singular(), cat.label().to_lowercase()))
                        .with_help(format!("modifiez-le sous `competences.{}`, ou retirez-le et ajoutez un nouvel élément avec un autre identifiant", other.key())),
                );
                continue;
            }
            if p.missions.iter().any(|m| m.id.value == id) {
                errors.push(
                    Diagnostic::new(
                        Code::MovedItem,
                        patch.id.span,
                        format!("`{id}` est une mission du profil de base, pas une compétence"),
                    )
                    .with_help(
                        "modifiez-la sous `missions`, ou choisissez un autre identifiant pour une nouvelle compétence",
                    ),
                );
                continue;
            }
            match list_mut(&mut p, cat).iter_mut().find(|c| c.id.value == id) {
                Some(c) => {
                    let champs = patch_competence(c, patch);
                    changes.push(Change {
                        kind: ChangeKind::Modification,
                        categorie: cat.key(),
                        id: id.to_owned(),
                        libelle: c.libelle.value.clone(),
                        champs,
                        motif: text(&patch.motif),
                    });
                }
                None => match new_competence(patch) {
                    Ok(c) => {
                        changes.push(Change {
                            kind: ChangeKind::Ajout,
                            categorie: cat.key(),
                            id: id.to_owned(),
                            libelle: c.libelle.value.clone(),
                            champs: Vec::new(),
                            motif: text(&patch.motif),
                        });
                        list_mut(&mut p, cat).push(c);
                    }
                    Err(d) => errors.push(suggest_known(d, &patch.id.value, &known)),
                },
            }
        }
    }
    if errors.is_empty() { Ok(Merged { profil: p, changes, removed }) } else { Err(errors) }
}

fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.value.clone())
}

fn replace<T: Clone>(target: &mut T, value: &Option<T>) {
    if let Some(v) = value {
        *target = v.clone();
    }
}

fn replace_opt<T: Clone>(target: &mut Option<T>, value: &Option<T>) {
    if value.is_some() {
        target.clone_from(value);
    }
}

fn list(p: &Profil, cat: Categorie) -> &Vec<Competence> {
    match cat {
        Categorie::Savoirs => &p.competences.value.savoirs,
        Categorie::SavoirFaire => &p.competences.value.savoir_faire,
        Categorie::SavoirEtre => &p.competences.value.savoir_etre,
    }
}

fn list_mut(p: &mut Profil, cat: Categorie) -> &mut Vec<Competence> {
    match cat {
        Categorie::Savoirs => &mut p.competences.value.savoirs,
        Categorie::SavoirFaire => &mut p.competences.value.savoir_faire,
        Categorie::SavoirEtre => &mut p.competences.value.savoir_etre,
    }
}

fn patches(overlay: &Adaptation, cat: Categorie) -> &[CompetencePatch] {
    match cat {
        Categorie::Savoirs => &overlay.competences.savoirs,
        Categorie::SavoirFaire => &overlay.competences.savoir_faire,
        Categorie::SavoirEtre => &overlay.competences.savoir_etre,
    }
}

fn unknown_id(id: &str, span: crate::model::Span, action: &str, known: &[String]) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::UnknownItem,
        span,
        format!("`{id}` n'existe pas dans le profil de base : rien à {action}"),
    );
    d.help = suggest::did_you_mean(id, known.iter().map(String::as_str))
        .or_else(|| Some(format!("identifiants du profil de base : {}", known.join(", "))));
    d
}

/// Sets a field when the patch gives it, and records it when it changes.
fn set<T: PartialEq + Clone>(field: &mut T, value: &Option<T>, name: &'static str, changed: &mut Vec<&'static str>) {
    if let Some(v) = value {
        if field != v {
            changed.push(name);
        }
        *field = v.clone();
    }
}

fn patch_mission(m: &mut Mission, patch: &MissionPatch) -> Vec<&'static str> {
    let mut changed = Vec::new();
    // The item now points at the patch: findings about it belong to the adaptation.
    m.id = patch.id.clone();
    set(&mut m.intitule, &patch.intitule, "intitule", &mut changed);
    if patch.description.is_some() {
        set(&mut m.description, &Some(patch.description.clone()), "description", &mut changed);
    }
    set(&mut m.activites, &patch.activites, "activites", &mut changed);
    changed
}

fn patch_competence(c: &mut Competence, patch: &CompetencePatch) -> Vec<&'static str> {
    let mut changed = Vec::new();
    c.id = patch.id.clone();
    set(&mut c.libelle, &patch.libelle, "libelle", &mut changed);
    if patch.description.is_some() {
        set(&mut c.description, &Some(patch.description.clone()), "description", &mut changed);
    }
    set(&mut c.niveau, &patch.niveau, "niveau", &mut changed);
    set(&mut c.missions, &patch.missions, "missions", &mut changed);
    set(&mut c.essentielle, &patch.essentielle, "essentielle", &mut changed);
    set(&mut c.referentiels, &patch.referentiels, "referentiels", &mut changed);
    if patch.criteres.is_some() {
        set(&mut c.criteres, &Some(patch.criteres.clone()), "criteres", &mut changed);
    }
    if patch.questions.is_some() {
        set(&mut c.questions, &Some(patch.questions.clone()), "questions", &mut changed);
    }
    changed
}

/// An incomplete addition is often a mistyped id: say which known id it resembles.
fn suggest_known(mut d: Diagnostic, id: &str, known: &[String]) -> Diagnostic {
    if let Some(hint) = suggest::did_you_mean(id, known.iter().map(String::as_str)) {
        d.help = Some(format!("{hint} Sinon, complétez l'élément ajouté."));
    }
    d
}

fn incomplete(id: &Text, what: &str, missing: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::MissingKey,
        id.span,
        format!(
            "{what} `{}` n'existe pas dans le profil de base : ajoutée, elle doit être complète ; manque {}",
            id.value,
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
        ),
    )
    .with_help("complétez l'élément, ou corrigez son identifiant s'il devait modifier un élément du profil de base")
}

fn new_mission(patch: &MissionPatch) -> Result<Mission, Diagnostic> {
    match (&patch.intitule, &patch.activites) {
        (Some(intitule), Some(activites)) => Ok(Mission {
            id: patch.id.clone(),
            intitule: intitule.clone(),
            description: patch.description.clone(),
            activites: activites.clone(),
        }),
        _ => {
            let missing: Vec<&str> = [("intitule", patch.intitule.is_none()), ("activites", patch.activites.is_none())]
                .into_iter()
                .filter(|(_, m)| *m)
                .map(|(k, _)| k)
                .collect();
            Err(incomplete(&patch.id, "la mission", &missing))
        }
    }
}

fn new_competence(patch: &CompetencePatch) -> Result<Competence, Diagnostic> {
    match (&patch.libelle, &patch.niveau, &patch.missions, &patch.essentielle) {
        (Some(libelle), Some(niveau), Some(missions), Some(essentielle)) => Ok(Competence {
            id: patch.id.clone(),
            libelle: libelle.clone(),
            description: patch.description.clone(),
            niveau: niveau.clone(),
            missions: missions.clone(),
            essentielle: essentielle.clone(),
            referentiels: patch.referentiels.clone().unwrap_or_default(),
            criteres: patch.criteres.clone(),
            questions: patch.questions.clone(),
        }),
        _ => {
            let missing: Vec<&str> = [
                ("libelle", patch.libelle.is_none()),
                ("niveau", patch.niveau.is_none()),
                ("missions", patch.missions.is_none()),
                ("essentielle", patch.essentielle.is_none()),
            ]
            .into_iter()
            .filter(|(_, m)| *m)
            .map(|(k, _)| k)
            .collect();
            Err(incomplete(&patch.id, "la compétence", &missing))
        }
    }
}
