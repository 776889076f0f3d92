//! `refnum resolve`: the complete profile of an adaptation.

use serde_json::{Value, json};

use crate::adapt::{ChangeKind, Resolved};
use crate::cli::{DataFormat, ResolveArgs};
use crate::error::Error;
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &ResolveArgs) -> Result<Outcome, Error> {
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let resolved = catalog::find_profil(&args.profil, dir.as_deref())?;
    let value = if args.provenance { with_provenance(&resolved) } else { to_value(&resolved.profil)? };
    let text = match args.format {
        DataFormat::Json => {
            let mut s = serde_json::to_string_pretty(&value).map_err(|e| Error::Usage(e.to_string()))?;
            s.push('\n');
            s
        }
        DataFormat::Yaml => yaml(&value, args.provenance)?,
    };
    Ok(Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK })
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::Usage(format!("sérialisation impossible : {e}")))
}

/// YAML text of a resolved profile, with the editor schema line when it is a valid profile.
fn yaml(value: &Value, provenance: bool) -> Result<String, Error> {
    let body = serde_saphyr::to_string(value).map_err(|e| Error::Usage(format!("sérialisation impossible : {e}")))?;
    let head = if provenance {
        "# Profil fusionné avec la provenance de chaque élément (hérité, modifié, ajouté).\n# Cette sortie documente l'adaptation : ce n'est pas un profil à valider.\n"
    } else {
        "# Profil complet produit par `refnum resolve` : adaptation fusionnée avec son profil de base.\n"
    };
    Ok(format!("{head}{body}"))
}

/// The profile with a `provenance` on each mission and competency, and the removed items.
fn with_provenance(resolved: &Resolved) -> Value {
    let mut value = serde_json::to_value(&resolved.profil).unwrap_or(Value::Null);
    let Some(p) = &resolved.provenance else { return value };
    let mark = |item: &mut Value, categorie: &str| {
        let id = item.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let change = p.changes.iter().find(|c| {
            c.id == id && (c.categorie == categorie || (categorie == "missions" && c.categorie == "mission"))
        });
        let (statut, motif, champs) = match change {
            Some(c) if c.kind == ChangeKind::Ajout => ("ajouté", c.motif.clone(), Vec::new()),
            Some(c) => ("modifié", c.motif.clone(), c.champs.clone()),
            None => ("hérité", None, Vec::new()),
        };
        if let Some(object) = item.as_object_mut() {
            let mut prov = json!({ "statut": statut });
            if !champs.is_empty() {
                prov["champs"] = json!(champs);
            }
            if let Some(m) = motif {
                prov["motif"] = json!(m);
            }
            object.insert("provenance".into(), prov);
        }
    };
    if let Some(missions) = value.get_mut("missions").and_then(Value::as_array_mut) {
        missions.iter_mut().for_each(|m| mark(m, "missions"));
    }
    for categorie in ["savoirs", "savoir-faire", "savoir-etre"] {
        if let Some(list) =
            value.get_mut("competences").and_then(|c| c.get_mut(categorie)).and_then(Value::as_array_mut)
        {
            list.iter_mut().for_each(|c| mark(c, categorie));
        }
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("base".into(), json!({ "id": p.base_id, "version": p.base_version }));
        let retraits: Vec<Value> = p
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Retrait)
            .map(|c| json!({ "id": c.id, "libelle": c.libelle, "motif": c.motif }))
            .collect();
        object.insert("retraits".into(), json!(retraits));
    }
    value
}
