//! The semantic difference of two profiles: fields, missions and
//! competencies added, removed or modified, field by field.

use serde::Serialize;
use serde_json::Value;

use crate::adapt::Resolved;
use crate::model::{Categorie, Competence, Mission, Profil};
use crate::text::markdown::inline;

/// One field that changed: as text to show before and after, and as the
/// values written in the files (for JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub champ: &'static str,
    /// For a list: the elements that left it; otherwise the old value, as shown.
    #[serde(skip)]
    pub avant: String,
    /// For a list: the elements that joined it; otherwise the new value, as shown.
    #[serde(skip)]
    pub apres: String,
    /// The old value as the file writes it (`publie`, `true`, `3`); for a
    /// list, the elements that left it.
    #[serde(rename = "avant")]
    pub valeur_avant: Value,
    /// The new value as the file writes it; for a list, the elements that joined it.
    #[serde(rename = "apres")]
    pub valeur_apres: Value,
    /// `true` when the field is a list (`avant` and `apres` are then what left and joined it).
    pub liste: bool,
    /// For a list: the elements that left it and those that joined it, one by one.
    #[serde(skip)]
    pub elements: (Vec<String>, Vec<String>),
}

/// An item (mission or competency) added, removed or modified.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    /// `missions`, `savoirs`, `savoir-faire` or `savoir-etre`.
    pub categorie: &'static str,
    pub id: String,
    pub libelle: String,
    /// `ajout`, `retrait` or `modification`.
    pub nature: &'static str,
    pub champs: Vec<FieldChange>,
    /// Why the change was made, as an adaptation gives it (`motif`).
    pub motif: Option<String>,
}

/// The whole difference of `a` → `b`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub avant: String,
    pub apres: String,
    pub champs: Vec<FieldChange>,
    pub elements: Vec<ItemChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.champs.is_empty() && self.elements.is_empty()
    }
}

/// A list that changed: what left it (`avant`) and what joined it (`apres`).
fn list_field(out: &mut Vec<FieldChange>, champ: &'static str, a: &[crate::model::Text], b: &[crate::model::Text]) {
    let a: Vec<&str> = a.iter().map(|t| t.value.trim()).collect();
    let b: Vec<&str> = b.iter().map(|t| t.value.trim()).collect();
    if a == b {
        return;
    }
    let gone: Vec<&str> = a.iter().copied().filter(|x| !b.contains(x)).collect();
    let came: Vec<&str> = b.iter().copied().filter(|x| !a.contains(x)).collect();
    let (avant, apres) = if gone.is_empty() && came.is_empty() {
        ("–".to_owned(), "–".to_owned())
    } else {
        (
            if gone.is_empty() { "–".to_owned() } else { gone.join(" ; ") },
            if came.is_empty() { "–".to_owned() } else { came.join(" ; ") },
        )
    };
    let elements: (Vec<String>, Vec<String>) =
        (gone.iter().map(|x| (*x).to_owned()).collect(), came.iter().map(|x| (*x).to_owned()).collect());
    out.push(FieldChange {
        champ,
        avant,
        apres,
        valeur_avant: Value::from(elements.0.clone()),
        valeur_apres: Value::from(elements.1.clone()),
        liste: true,
        elements,
    });
}

/// A text field: the value shown is the value of the file.
fn field(out: &mut Vec<FieldChange>, champ: &'static str, a: String, b: String) {
    let (va, vb) = (Value::from(a.clone()), Value::from(b.clone()));
    valued(out, champ, (a, va), (b, vb));
}

/// A field shown one way and written another (`publié` for `publie`),
/// compared as shown.
fn valued(out: &mut Vec<FieldChange>, champ: &'static str, a: (String, Value), b: (String, Value)) {
    if a.0 != b.0 {
        out.push(FieldChange {
            champ,
            avant: a.0,
            apres: b.0,
            valeur_avant: a.1,
            valeur_apres: b.1,
            liste: false,
            elements: Default::default(),
        });
    }
}

/// A part of a file as JSON, as `resolve` writes it.
fn value_of<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// An empty text, or a missing part, is `null`.
fn or_null(text: String) -> Value {
    if text.is_empty() { Value::Null } else { Value::from(text) }
}

/// Compares two profiles.
pub fn diff(a: &Profil, b: &Profil) -> Diff {
    let mut champs = Vec::new();
    field(&mut champs, "id", a.id.value.clone(), b.id.value.clone());
    field(&mut champs, "version", a.version.value.clone(), b.version.value.clone());
    let statut = |p: &Profil| (p.statut.label().to_owned(), value_of(&p.statut));
    valued(&mut champs, "statut", statut(a), statut(b));
    field(&mut champs, "intitule", a.intitule.value.clone(), b.intitule.value.clone());
    list_field(&mut champs, "appellations", &a.appellations, &b.appellations);
    let opt = |t: &Option<crate::model::Text>| {
        let text = t.as_ref().map(|t| t.value.trim().to_owned()).unwrap_or_default();
        (text.clone(), or_null(text))
    };
    valued(&mut champs, "famille", opt(&a.famille), opt(&b.famille));
    let metier = |p: &Profil| {
        p.metier.as_ref().map_or_else(String::new, |m| {
            [("ROME", &m.rome), ("ESCO", &m.esco)]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k} {}", v.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join(", ")))
                .collect::<Vec<_>>()
                .join(" ; ")
        })
    };
    valued(&mut champs, "metier", (metier(a), value_of(&a.metier)), (metier(b), value_of(&b.metier)));
    field(&mut champs, "finalite", a.finalite.value.trim().into(), b.finalite.value.trim().into());
    valued(&mut champs, "contexte", opt(&a.contexte), opt(&b.contexte));
    let scale = |p: &Profil| {
        p.scale().iter().map(|n| format!("{} {}", n.niveau.value, n.libelle.value)).collect::<Vec<_>>().join(", ")
    };
    valued(&mut champs, "niveaux", (scale(a), value_of(&a.scale())), (scale(b), value_of(&b.scale())));
    list_field(&mut champs, "conditions-exercice", &a.conditions_exercice, &b.conditions_exercice);
    list_field(&mut champs, "relations.internes", &a.relations.internes, &b.relations.internes);
    list_field(&mut champs, "relations.externes", &a.relations.externes, &b.relations.externes);
    list_field(&mut champs, "profil-recherche.formation", &a.profil_recherche.formation, &b.profil_recherche.formation);
    list_field(
        &mut champs,
        "profil-recherche.experience",
        &a.profil_recherche.experience,
        &b.profil_recherche.experience,
    );
    list_field(&mut champs, "indicateurs", &a.indicateurs, &b.indicateurs);
    list_field(&mut champs, "evolutions", &a.evolutions, &b.evolutions);
    let sources = |p: &Profil| p.sources.iter().map(|s| s.titre.value.clone()).collect::<Vec<_>>().join(" ; ");
    valued(&mut champs, "sources", (sources(a), value_of(&a.sources)), (sources(b), value_of(&b.sources)));
    field(&mut champs, "mise-a-jour", a.mise_a_jour.value.clone(), b.mise_a_jour.value.clone());

    let mut elements = Vec::new();
    items(
        &mut elements,
        "missions",
        &a.missions,
        &b.missions,
        |m: &Mission| m.id.value.clone(),
        |m| m.intitule.value.clone(),
        mission_fields,
    );
    for cat in Categorie::ALL {
        items(
            &mut elements,
            cat.key(),
            a.competences.list(cat),
            b.competences.list(cat),
            |c: &Competence| c.id.value.clone(),
            |c| c.libelle.value.clone(),
            competence_fields,
        );
    }
    Diff {
        avant: format!("{} {}", a.id.value, a.version.value),
        apres: format!("{} {}", b.id.value, b.version.value),
        champs,
        elements,
    }
}

/// Compares two resolved profiles: as `diff`, each item change carrying the
/// `motif` an adaptation gives for it (the arrival's first, else the start's).
pub fn diff_resolved(a: &Resolved, b: &Resolved) -> Diff {
    let mut d = diff(&a.profil, &b.profil);
    for e in &mut d.elements {
        e.motif = [b, a].iter().find_map(|r| motif_of(r, e.categorie, &e.id));
    }
    d
}

/// The motif an adaptation gives for its change of the item `id`.
fn motif_of(resolved: &Resolved, categorie: &str, id: &str) -> Option<String> {
    let provenance = resolved.provenance.as_ref()?;
    provenance
        .changes
        .iter()
        .find(|c| c.id == id && (c.categorie == categorie || (categorie == "missions" && c.categorie == "mission")))
        .and_then(|c| c.motif.as_ref())
        .map(|m| flat(m))
        .filter(|m| !m.is_empty())
}

fn items<T>(
    out: &mut Vec<ItemChange>,
    categorie: &'static str,
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> String,
    libelle: impl Fn(&T) -> String,
    fields: impl Fn(&T, &T) -> Vec<FieldChange>,
) {
    for x in a {
        match b.iter().find(|y| id(y) == id(x)) {
            None => out.push(ItemChange {
                categorie,
                id: id(x),
                libelle: libelle(x),
                nature: "retrait",
                champs: Vec::new(),
                motif: None,
            }),
            Some(y) => {
                let champs = fields(x, y);
                if !champs.is_empty() {
                    out.push(ItemChange {
                        categorie,
                        id: id(y),
                        libelle: libelle(y),
                        nature: "modification",
                        champs,
                        motif: None,
                    });
                }
            }
        }
    }
    for y in b.iter().filter(|y| !a.iter().any(|x| id(x) == id(y))) {
        out.push(ItemChange {
            categorie,
            id: id(y),
            libelle: libelle(y),
            nature: "ajout",
            champs: Vec::new(),
            motif: None,
        });
    }
}

fn mission_fields(a: &Mission, b: &Mission) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(&mut out, "intitule", a.intitule.value.clone(), b.intitule.value.clone());
    let d = |m: &Mission| {
        let text = m.description.as_ref().map(|t| t.value.trim().to_owned()).unwrap_or_default();
        (text.clone(), or_null(text))
    };
    valued(&mut out, "description", d(a), d(b));
    list_field(&mut out, "activites", &a.activites, &b.activites);
    out
}

fn competence_fields(a: &Competence, b: &Competence) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(&mut out, "libelle", a.libelle.value.clone(), b.libelle.value.clone());
    let d = |c: &Competence| {
        let text = c.description.as_ref().map(|t| t.value.trim().to_owned()).unwrap_or_default();
        (text.clone(), or_null(text))
    };
    valued(&mut out, "description", d(a), d(b));
    let niveau = |c: &Competence| (c.niveau.value.to_string(), value_of(&c.niveau.value));
    valued(&mut out, "niveau", niveau(a), niveau(b));
    list_field(&mut out, "missions", &a.missions, &b.missions);
    let yes = |v: bool| (if v { "oui" } else { "non" }.to_owned(), Value::Bool(v));
    valued(&mut out, "essentielle", yes(*a.essentielle), yes(*b.essentielle));
    let refs = |c: &Competence| {
        let r = &c.referentiels;
        [("DigComp", &r.digcomp), ("Pix", &r.pix), ("ROME", &r.rome), ("ESCO", &r.esco)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k} {}", v.iter().map(|t| t.value.as_str()).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join(" ; ")
    };
    valued(&mut out, "referentiels", (refs(a), value_of(&a.referentiels)), (refs(b), value_of(&b.referentiels)));
    list_field(&mut out, "criteres", a.criteres(), b.criteres());
    list_field(&mut out, "questions", a.questions(), b.questions());
    out
}

/// French name of a field that a diff or an adaptation can change (its
/// key in the YAML files), to show words rather than keys.
pub fn label(champ: &str) -> &'static str {
    match champ {
        "id" => "Identifiant",
        "version" => "Version",
        "statut" => "Statut",
        "intitule" => "Intitulé",
        "appellations" => "Autres appellations",
        "famille" => "Famille de métiers",
        "metier" => "Classement du métier (ROME, ESCO)",
        "criteres" => "Critères observables",
        "questions" => "Questions d'entretien",
        "finalite" => "Finalité",
        "contexte" => "Contexte",
        "niveaux" => "Échelle des niveaux",
        "conditions-exercice" => "Conditions d'exercice",
        "relations.internes" => "Relations internes",
        "relations.externes" => "Relations externes",
        "profil-recherche.formation" => "Formation recherchée",
        "profil-recherche.experience" => "Expérience recherchée",
        "indicateurs" => "Indicateurs",
        "evolutions" => "Évolutions possibles",
        "sources" => "Sources",
        "mise-a-jour" => "Date de mise à jour",
        "description" => "Description",
        "activites" => "Activités",
        "libelle" => "Libellé",
        "niveau" => "Niveau attendu",
        "missions" => "Missions servies",
        "essentielle" => "Essentielle",
        "referentiels" => "Correspondances",
        _ => "Autre rubrique",
    }
}

fn short(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 90 { format!("{}…", flat.chars().take(89).collect::<String>()) } else { flat }
}

/// One field change: on one line when short, else before and after in full
/// on their own lines (so two long texts that differ at the end can be told apart).
fn change_line(indent: &str, c: &FieldChange) -> String {
    let (avant, apres) = (flat(&c.avant), flat(&c.apres));
    if c.liste {
        return format!("{indent}{} : {}\n", c.champ, list_change(c, |t| format!("« {} »", flat(t))));
    }
    if avant.chars().count() + apres.chars().count() <= 80 {
        return format!("{indent}{} : « {avant} » → « {apres} »\n", c.champ);
    }
    let pad = " ".repeat(indent.chars().count() + 2);
    format!("{indent}{} :\n{pad}avant : « {avant} »\n{pad}après : « {apres} »\n", c.champ)
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nature_label(nature: &str) -> &'static str {
    match nature {
        "ajout" => "ajouté",
        "retrait" => "retiré",
        _ => "modifié",
    }
}

/// Human output, for a terminal.
pub fn human(d: &Diff) -> String {
    if d.is_empty() {
        return format!("{} → {} : aucune différence.\n", d.avant, d.apres);
    }
    let mut out = format!("{} → {}\n", d.avant, d.apres);
    if !d.champs.is_empty() {
        out.push_str("\nRubriques du profil :\n");
        for c in &d.champs {
            out.push_str(&change_line("  ~ ", c));
        }
    }
    for categorie in ["missions", "savoirs", "savoir-faire", "savoir-etre"] {
        let items: Vec<&ItemChange> = d.elements.iter().filter(|e| e.categorie == categorie).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{} :\n", title(categorie)));
        for e in items {
            let sign = match e.nature {
                "ajout" => '+',
                "retrait" => '-',
                _ => '~',
            };
            out.push_str(&format!("  {sign} {} {} ({})\n", e.id, short(&e.libelle), nature_label(e.nature)));
            for c in &e.champs {
                out.push_str(&change_line("      ", c));
            }
            if let Some(motif) = &e.motif {
                out.push_str(&format!("      motif : {motif}\n"));
            }
        }
    }
    out.push_str(&format!("\n{}\n", summary(d)));
    out
}

fn title(categorie: &str) -> &'static str {
    match categorie {
        "missions" => "Missions",
        "savoirs" => "Savoirs",
        "savoir-faire" => "Savoir-faire",
        _ => "Savoir-être",
    }
}

fn summary(d: &Diff) -> String {
    let count = |n: &str| d.elements.iter().filter(|e| e.nature == n).count();
    format!(
        "{} rubrique(s) modifiée(s) ; éléments : {} ajouté(s), {} retiré(s), {} modifié(s).",
        d.champs.len(),
        count("ajout"),
        count("retrait"),
        count("modification")
    )
}

/// Markdown output, fit for a pull-request comment.
pub fn markdown(d: &Diff) -> String {
    let mut out = format!("## Différences : {} → {}\n\n", inline(&d.avant), inline(&d.apres));
    if d.is_empty() {
        out.push_str("Aucune différence.\n");
        return out;
    }
    out.push_str(&format!("{}\n", summary(d)));
    if !d.champs.is_empty() {
        out.push_str("\n### Rubriques du profil\n\n| Rubrique | Avant | Après |\n| --- | --- | --- |\n");
        for c in &d.champs {
            let (avant, apres) = if c.liste {
                (format!("retiré : {}", inline(&flat(&c.avant))), format!("ajouté : {}", inline(&flat(&c.apres))))
            } else {
                (inline(&flat(&c.avant)), inline(&flat(&c.apres)))
            };
            out.push_str(&format!("| {} | {avant} | {apres} |\n", c.champ));
        }
    }
    let with_motif = d.elements.iter().any(|e| e.motif.is_some());
    for categorie in ["missions", "savoirs", "savoir-faire", "savoir-etre"] {
        let items: Vec<&ItemChange> = d.elements.iter().filter(|e| e.categorie == categorie).collect();
        if items.is_empty() {
            continue;
        }
        // The motif column only when some change has one (an adaptation's).
        let (head, rule) = if with_motif {
            ("| Élément | Changement | Détail | Motif |", "| --- | --- | --- | --- |")
        } else {
            ("| Élément | Changement | Détail |", "| --- | --- | --- |")
        };
        out.push_str(&format!("\n### {}\n\n{head}\n{rule}\n", title(categorie)));
        for e in items {
            let detail: Vec<String> = e.champs.iter().map(markdown_change).collect();
            out.push_str(&format!(
                "| {} {} | {} | {} |",
                e.id,
                inline(&flat(&e.libelle)),
                nature_label(e.nature),
                detail.join(" ; ")
            ));
            if with_motif {
                out.push_str(&format!(" {} |", e.motif.as_deref().map(inline).unwrap_or_default()));
            }
            out.push('\n');
        }
    }
    out
}

/// A list change in words: what was removed, what was added, or a new order.
fn list_change(c: &FieldChange, show: impl Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if c.avant != "–" {
        parts.push(format!("retiré {}", show(&c.avant)));
    }
    if c.apres != "–" {
        parts.push(format!("ajouté {}", show(&c.apres)));
    }
    if parts.is_empty() { "ordre modifié".to_owned() } else { parts.join(" ; ") }
}

fn markdown_change(c: &FieldChange) -> String {
    if c.liste {
        return format!("{} : {}", c.champ, list_change(c, |t| inline(&flat(t))));
    }
    format!("{} : {} → {}", c.champ, inline(&flat(&c.avant)), inline(&flat(&c.apres)))
}

/// JSON output.
pub fn json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).unwrap_or_default();
    s.push('\n');
    s
}
