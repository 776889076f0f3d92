//! The fiche de poste as a schema.org `JobPosting` in JSON-LD, the form job
//! boards and search engines read.

use serde_json::{Map, Value, json};

use crate::model::{Poste, Profil, TypeContrat};
use crate::render::markdown;

/// The fields job boards require, with what to add when one is missing.
const REQUIRED: [(&str, &str); 5] = [
    ("title", "`intitule` du poste (ou du profil)"),
    ("description", "`finalite` du profil"),
    ("datePosted", "`mise-a-jour` du poste"),
    ("hiringOrganization", "`structure.nom` : la structure qui recrute (fiche de poste)"),
    ("jobLocation", "`localisation.ville` : le lieu de travail (fiche de poste)"),
];

/// Builds the `JobPosting`; `Err` lists, in French, what the post lacks.
pub fn job_posting(profil: &Profil, poste: Option<&Poste>) -> Result<String, String> {
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org/"));
    o.insert("@type".into(), json!("JobPosting"));
    let title = poste.and_then(|p| p.intitule.as_ref()).unwrap_or(&profil.intitule);
    o.insert("title".into(), json!(title.value.trim()));
    o.insert("description".into(), json!(description(profil, poste)));
    o.insert("responsibilities".into(), json!(responsibilities(profil, poste)));
    let skills: Vec<&str> = profil.competences.iter().map(|(_, c)| c.libelle.value.trim()).collect();
    o.insert("skills".into(), json!(skills.join(" ; ")));
    if !profil.profil_recherche.formation.is_empty() {
        let formation: Vec<&str> = profil.profil_recherche.formation.iter().map(|t| t.value.trim()).collect();
        o.insert("educationRequirements".into(), json!(formation.join(" ; ")));
        o.insert("qualifications".into(), json!(formation.join(" ; ")));
    }
    if !profil.profil_recherche.experience.is_empty() {
        let experience: Vec<&str> = profil.profil_recherche.experience.iter().map(|t| t.value.trim()).collect();
        o.insert("experienceRequirements".into(), json!(experience.join(" ; ")));
    }
    // The occupation's own ROME fiches; the codes of the competencies are
    // correspondences, not the job's category.
    let rome: Vec<&str> = profil.metier.iter().flat_map(|m| m.rome.iter().map(|r| r.value.trim())).collect();
    if !rome.is_empty() {
        o.insert("occupationalCategory".into(), json!(rome.join(", ")));
    }
    if let Some(p) = poste {
        o.insert("datePosted".into(), json!(p.mise_a_jour.value));
        if let Some(d) = p.candidature.as_ref().and_then(|c| c.date_limite.as_ref()) {
            o.insert("validThrough".into(), json!(format!("{}T23:59:59", d.value)));
        }
        if let Some(c) = &p.contrat {
            o.insert(
                "employmentType".into(),
                json!(employment_type(c.kind.value, p.temps_de_travail.as_ref().map(|t| t.value.as_str()))),
            );
        }
        if let Some(t) = &p.temps_de_travail {
            o.insert("workHours".into(), json!(t.value.trim()));
        }
        let mut organization = json!({ "@type": "Organization", "name": p.structure.nom.value.trim() });
        if let Some(site) = &p.structure.site_web {
            organization["sameAs"] = json!(site.value.trim());
        }
        o.insert("hiringOrganization".into(), organization);
        let l = &p.localisation;
        let mut address =
            json!({ "@type": "PostalAddress", "addressLocality": l.ville.value.trim(), "addressCountry": "FR" });
        if let Some(cp) = &l.code_postal {
            address["postalCode"] = json!(cp.value.trim());
        }
        if let Some(a) = &l.adresse {
            address["streetAddress"] = json!(a.value.trim());
        }
        o.insert("jobLocation".into(), json!({ "@type": "Place", "address": address }));
    }
    let missing: Vec<&str> = REQUIRED.iter().filter(|(k, _)| !o.contains_key(*k)).map(|(_, what)| *what).collect();
    if !missing.is_empty() {
        return Err(format!(
            "les sites d'emploi exigent des rubriques absentes ici ; ajoutez : {}. Une offre se publie à partir d'une fiche de poste (`type: poste`), pas d'un profil seul",
            missing.join(" ; ")
        ));
    }
    // Safe to paste inside <script type="application/ld+json">: no `<`, `>` or `&` as such.
    let mut text = serde_json::to_string_pretty(&Value::Object(o))
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    text.push('\n');
    Ok(text)
}

fn description(profil: &Profil, poste: Option<&Poste>) -> String {
    let mut md = String::new();
    if let Some(presentation) = poste.and_then(|p| p.structure.presentation.as_ref()) {
        md.push_str(presentation.value.trim());
        md.push_str("\n\n");
    }
    md.push_str(profil.finalite.value.trim());
    markdown::to_html(&md)
}

fn responsibilities(profil: &Profil, poste: Option<&Poste>) -> String {
    let mut lines: Vec<String> = profil.missions.iter().map(|m| m.intitule.value.trim().to_owned()).collect();
    if let Some(p) = poste {
        lines.extend(p.missions_specifiques.iter().map(|m| m.intitule.value.trim().to_owned()));
    }
    lines.join(" ; ")
}

/// schema.org employment types for a French contract.
fn employment_type(kind: TypeContrat, hours: Option<&str>) -> Vec<&'static str> {
    let part_time = hours
        .map(str::to_lowercase)
        .is_some_and(|h| ["partiel", "mi-temps", "non complet"].iter().any(|w| h.contains(w)));
    let time = if part_time { "PART_TIME" } else { "FULL_TIME" };
    match kind {
        TypeContrat::Cdi | TypeContrat::Titulaire => vec![time],
        TypeContrat::Cdd | TypeContrat::Contractuel | TypeContrat::ContratDeProjet => vec![time, "TEMPORARY"],
        TypeContrat::Alternance | TypeContrat::Stage => vec!["INTERN"],
    }
}
