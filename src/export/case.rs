//! The référentiel as a 1EdTech CASE 1.0 `CFPackage`, the exchange format of
//! competency-framework tools (OpenSALT serves CASE 1.0).
//!
//! Identifiers are UUID v5 derived from the profile and item ids, so a
//! re-export keeps them and tools can follow changes item by item.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::model::Profil;
use crate::model::referentiels::{DIGCOMP_EDITION, digcomp, pix_title};

/// The namespace of refnum's identifiers (UUID v5 of its name in the URL namespace).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:refnum:case")
}

fn id(name: &str) -> Uuid {
    Uuid::new_v5(&namespace(), name.as_bytes())
}

fn uri(uuid: &Uuid) -> String {
    format!("urn:uuid:{uuid}")
}

fn link(title: &str, uuid: &Uuid) -> Value {
    json!({ "title": title, "identifier": uuid.to_string(), "uri": uri(uuid) })
}

/// The CFPackage of a profile, as pretty-printed JSON.
pub fn package(p: &Profil) -> String {
    let when = format!("{}T00:00:00+00:00", p.mise_a_jour.value);
    let doc_id = id(&p.id.value);
    let doc_link = link(p.intitule.value.trim(), &doc_id);
    let document = json!({
        "identifier": doc_id.to_string(),
        "uri": uri(&doc_id),
        "creator": "refnum",
        "title": p.intitule.value.trim(),
        "lastChangeDateTime": when,
        "description": p.finalite.value.trim(),
        "language": "fr",
        "version": p.version.value,
        "adoptionStatus": match p.statut.value {
            crate::model::Statut::Brouillon => "Draft",
            crate::model::Statut::Publie => "Adopted",
            crate::model::Statut::Obsolete => "Deprecated",
        },
        "notes": format!("Profil refnum `{}`.", p.id.value),
    });
    let types: Vec<(&str, &str)> = vec![
        ("Mission", "mission"),
        ("Savoir", "savoirs"),
        ("Savoir-faire", "savoir-faire"),
        ("Savoir-être", "savoir-etre"),
    ];
    let item_type = |key: &str| {
        let (title, code) = types.iter().find(|(_, c)| *c == key).copied().unwrap_or(("Mission", "mission"));
        (title, id(&format!("type/{code}")))
    };
    let mut items = Vec::new();
    let mut associations = Vec::new();
    let mut associate = |kind: &str, origin: Value, destination: Value, seq: usize| {
        let o = origin["identifier"].as_str().unwrap_or_default().to_owned();
        let d = destination["identifier"].as_str().unwrap_or_default().to_owned();
        let a = id(&format!("{}/{kind}/{o}/{d}", p.id.value));
        associations.push(json!({
            "identifier": a.to_string(),
            "associationType": kind,
            "sequenceNumber": seq,
            "uri": uri(&a),
            "originNodeURI": origin,
            "destinationNodeURI": destination,
            "lastChangeDateTime": when,
            "CFDocumentURI": doc_link,
        }));
    };
    for (i, m) in p.missions.iter().enumerate() {
        let item = id(&format!("{}/{}", p.id.value, m.id.value));
        let (type_title, type_id) = item_type("mission");
        items.push(json!({
            "identifier": item.to_string(),
            "fullStatement": m.intitule.value.trim(),
            "CFItemType": type_title,
            "CFItemTypeURI": link(type_title, &type_id),
            "uri": uri(&item),
            "humanCodingScheme": m.id.value,
            "listEnumeration": (i + 1).to_string(),
            "notes": m.activites.iter().map(|a| a.value.trim()).collect::<Vec<_>>().join("\n"),
            "language": "fr",
            "lastChangeDateTime": when,
            "CFDocumentURI": doc_link,
        }));
        associate("isChildOf", link(m.intitule.value.trim(), &item), doc_link.clone(), i + 1);
    }
    for (i, (categorie, c)) in p.competences.iter().enumerate() {
        let item = id(&format!("{}/{}", p.id.value, c.id.value));
        let (type_title, type_id) = item_type(categorie.key());
        let mut value = json!({
            "identifier": item.to_string(),
            "fullStatement": c.libelle.value.trim(),
            "CFItemType": type_title,
            "CFItemTypeURI": link(type_title, &type_id),
            "uri": uri(&item),
            "humanCodingScheme": c.id.value,
            "language": "fr",
            "lastChangeDateTime": when,
            "CFDocumentURI": doc_link,
        });
        if let Some(d) = &c.description {
            value["notes"] = json!(d.value.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        items.push(value);
        let this = link(c.libelle.value.trim(), &item);
        associate("isChildOf", this.clone(), doc_link.clone(), p.missions.len() + i + 1);
        for m in &c.missions {
            if let Some(mission) = p.missions.iter().find(|x| x.id.value == m.value) {
                let target = id(&format!("{}/{}", p.id.value, mission.id.value));
                associate("isRelatedTo", this.clone(), link(mission.intitule.value.trim(), &target), 1);
            }
        }
        for code in &c.referentiels.digcomp {
            // The official English title: CASE is an exchange format read
            // outside France. The identifier names the edition, so a code
            // read in another edition is another node.
            let title =
                format!("{DIGCOMP_EDITION} {} {}", code.value, digcomp(code).map(|d| d.titre_en).unwrap_or_default());
            associate("isRelatedTo", this.clone(), link(&title, &id(&format!("digcomp-3.0/{}", code.value))), 1);
        }
        for code in &c.referentiels.pix {
            let title = format!("CRCN {} {}", code.value, pix_title(code).unwrap_or_default());
            associate("isRelatedTo", this.clone(), link(&title, &id(&format!("crcn/{}", code.value))), 1);
        }
    }
    let item_types: Vec<Value> = types
        .iter()
        .enumerate()
        .map(|(i, (title, code))| {
            let t = id(&format!("type/{code}"));
            json!({ "identifier": t.to_string(), "uri": uri(&t), "title": title, "hierarchyCode": (i + 1).to_string(), "lastChangeDateTime": when })
        })
        .collect();
    let package = json!({
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": { "CFItemTypes": item_types },
    });
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}
