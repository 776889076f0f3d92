//! Exports read back as the tools that receive them would read them.

mod common;

use common::*;

#[test]
fn a_post_becomes_a_job_posting_with_what_job_boards_require() {
    let out = ok(&refnum(&["fiche", "examples/poste-conseiller-cci.yaml", "--format", "jsonld"]));
    let job: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(job["@context"], "https://schema.org/");
    assert_eq!(job["@type"], "JobPosting");
    for key in ["title", "description", "datePosted", "hiringOrganization", "jobLocation"] {
        assert!(job.get(key).is_some_and(|v| !v.is_null()), "missing {key}");
    }
    assert_eq!(job["hiringOrganization"]["@type"], "Organization");
    assert_eq!(job["jobLocation"]["address"]["addressCountry"], "FR");
    assert_eq!(job["validThrough"], "2027-01-10T23:59:59");
    // The occupation's own ROME fiche, not the codes its competencies correspond to.
    assert_eq!(job["occupationalCategory"], "M1402");
    assert!(job["description"].as_str().unwrap().starts_with("<p>"));
    // Deterministic.
    assert_eq!(out, ok(&refnum(&["fiche", "examples/poste-conseiller-cci.yaml", "--format", "jsonld"])));
}

#[test]
fn the_job_category_is_the_profile_own_rome_fiche_never_a_competence_code() {
    let out = ok(&refnum(&["fiche", "examples/poste-coordinateur-communaute-de-communes.yaml", "--format", "jsonld"]));
    let job: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(job["occupationalCategory"], "K1802");
    // M1302 (Direction de petite ou moyenne entreprise) is only a correspondence of one savoir.
    assert!(!out.contains("M1302"), "{out}");
}

#[test]
fn a_profile_without_its_own_codes_has_no_job_category() {
    let dir = tempfile::tempdir().unwrap();
    let profil = std::fs::read_to_string(root().join("profiles/conseiller-referent-entreprise.yaml")).unwrap();
    let sans = profil.replace("metier:\n  rome: [M1402]\n", "");
    assert_ne!(sans, profil, "the profile no longer declares `metier` as this test expects");
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    std::fs::write(dir.path().join("profiles/conseiller.yaml"), sans).unwrap();
    let poste = std::fs::read_to_string(root().join("examples/poste-conseiller-cci.yaml")).unwrap();
    std::fs::write(dir.path().join("poste.yaml"), poste).unwrap();
    let o = refnum_in(dir.path(), &["fiche", "poste.yaml", "--format", "jsonld"]);
    let out = ok(&o);
    let job: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(job.get("occupationalCategory").is_none(), "{out}");
}

#[test]
fn a_profile_alone_is_not_a_job_offer() {
    let o = refnum(&["fiche", "conseiller", "--format", "jsonld"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("`structure.nom`") && err.contains("`localisation.ville`"), "{err}");
}

/// A small RFC 4180 reader, to read back what the export wrote.
fn read_csv(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) if c == separator => row.push(std::mem::take(&mut field)),
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn competencies_export_to_csv_for_french_excel() {
    let out = ok(&refnum(&["export", "conseiller"]));
    assert!(out.starts_with('\u{feff}'), "a BOM so Excel reads UTF-8");
    let rows = read_csv(out.trim_start_matches('\u{feff}'), ';');
    assert_eq!(
        rows[0],
        ["profil", "categorie", "id", "libelle", "description", "niveau", "essentielle", "missions", "digcomp", "pix"]
    );
    let listed: serde_json::Value = serde_json::from_str(&ok(&refnum(&["list", "--format", "json"]))).unwrap();
    let conseiller = listed.as_array().unwrap().iter().find(|r| r["id"] == "conseiller-referent-entreprise").unwrap();
    let count = ["savoirs", "savoir_faire", "savoir_etre"]
        .iter()
        .map(|k| conseiller[k].as_u64().unwrap() as usize)
        .sum::<usize>();
    assert_eq!(rows.len(), 1 + count);
    assert!(rows.iter().all(|r| r.len() == 10));
    let s02 = rows.iter().find(|r| r[2] == "S-02").unwrap();
    assert_eq!((s02[1].as_str(), s02[5].as_str(), s02[6].as_str(), s02[8].as_str()), ("savoirs", "3", "oui", "2.3"));
    // Another separator, no BOM: fields holding the separator are quoted.
    let out = ok(&refnum(&["export", "conseiller", "--separateur", ",", "--sans-bom"]));
    assert!(!out.starts_with('\u{feff}'));
    let rows = read_csv(&out, ',');
    assert!(rows.iter().all(|r| r.len() == 10));
    assert!(rows.iter().any(|r| r[7] == "M-01, M-02"), "a list with commas stays one field");
}

#[test]
fn an_adaptation_exports_its_merged_competencies() {
    let out = ok(&refnum(&["export", "examples/adaptations/cci-montverac-conseiller.yaml", "--sans-bom"]));
    let rows = read_csv(&out, ';');
    assert!(rows.iter().any(|r| r[2] == "S-14"), "the added savoir");
    assert!(!rows.iter().any(|r| r[2] == "S-13"), "the removed one");
}

fn case_schema() -> serde_json::Value {
    let path = root().join("tests/vendor/case-v1p0-cfpackage-schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn the_case_export_is_a_valid_cfpackage_with_stable_identifiers() {
    let schema = case_schema();
    let validator = jsonschema::draft7::new(&schema).expect("the CASE schema compiles");
    for profile in ["conseiller", "coordinateur", "examples/adaptations/cci-montverac-conseiller.yaml"] {
        let out = ok(&refnum(&["export", profile, "--format", "case"]));
        let package: serde_json::Value = serde_json::from_str(&out).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&package).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{profile}: {errors:?}");
        // Missions and competencies are items; each is a child of the document.
        let items = package["CFItems"].as_array().unwrap();
        let children = package["CFAssociations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["associationType"] == "isChildOf")
            .count();
        assert_eq!(items.len(), children);
        // DigComp nodes carry the edition and the official English title:
        // CASE is an exchange format, read beyond French documents.
        let digcomp: Vec<&str> = package["CFAssociations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["destinationNodeURI"]["title"].as_str())
            .filter(|t| t.starts_with("DigComp"))
            .collect();
        assert!(!digcomp.is_empty(), "{profile}");
        for title in digcomp {
            let (code, english) = title
                .strip_prefix("DigComp 3.0 ")
                .and_then(|rest| rest.split_once(' '))
                .unwrap_or_else(|| panic!("{profile}: {title}"));
            let entry = refnum::model::referentiels::digcomp(code).unwrap_or_else(|| panic!("{title}"));
            assert_eq!(english, entry.titre_en, "{profile}");
        }
        // A re-export keeps every identifier.
        assert_eq!(out, ok(&refnum(&["export", profile, "--format", "case"])));
    }
    // The validator does catch a broken package.
    let mut broken: serde_json::Value =
        serde_json::from_str(&ok(&refnum(&["export", "conseiller", "--format", "case"]))).unwrap();
    broken["CFDocument"].as_object_mut().unwrap().remove("creator");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn export_then_import_then_export_is_stable_in_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let reference =
        ok(&refnum(&["export", "conseiller", "--sans-bom"])).replace("conseiller-referent-entreprise;", "copie;");
    for format in ["csv", "xlsx"] {
        let sheet = dir.path().join(format!("c.{format}"));
        let profile = dir.path().join(format!("copie-{format}.yaml"));
        ok(&refnum(&["export", "conseiller", "--format", format, "-o", sheet.to_str().unwrap()]));
        ok(&refnum(&[
            "import",
            sheet.to_str().unwrap(),
            "--id",
            "copie",
            "--base",
            "conseiller",
            "--date",
            "2026-11-28",
            "-o",
            profile.to_str().unwrap(),
        ]));
        assert_eq!(ok(&refnum(&["validate", profile.to_str().unwrap()])), "1 fichier vérifié : aucun problème.\n");
        let again = ok(&refnum(&["export", profile.to_str().unwrap(), "--sans-bom"]));
        assert_eq!(again, reference, "{format} round trip");
    }
    // Without a base, the profile is a draft around the competencies, still valid.
    let draft = ok(&refnum(&[
        "import",
        dir.path().join("c.csv").to_str().unwrap(),
        "--id",
        "brouillon",
        "--date",
        "2026-11-28",
    ]));
    assert!(draft.contains("statut: brouillon") && draft.contains("intitulé à compléter"));
    let path = dir.path().join("brouillon.yaml");
    std::fs::write(&path, draft).unwrap();
    assert_eq!(refnum(&["validate", path.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn import_reports_each_bad_cell_at_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "profil;categorie;id;libelle;description;niveau;essentielle;missions;digcomp;pix\n\
               p;savoirs;S-01;Outils;;trois;oui;M-01;;\n\
               p;savoir;S-02;Réseau;;2;oui;M-01;;\n\
               p;savoirs;S-03;Données;;2;peut-être;M-01;;\n";
    let path = dir.path().join("t.csv");
    std::fs::write(&path, csv).unwrap();
    let o = refnum(&["import", path.to_str().unwrap(), "--id", "t", "--date", "2026-11-28"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("t.csv:2:24") && err.contains("ligne 2, colonne 6, « niveau »"), "{err}");
    assert!(err.contains("t.csv:3:3") && err.contains("catégorie `savoir` inconnue"), "{err}");
    assert!(err.contains("t.csv:4:27") && err.contains("`peut-être` n'est ni oui ni non"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn a_job_posting_can_be_pasted_in_a_script_element() {
    let out = ok(&refnum(&["fiche", "examples/poste-conseiller-cci.yaml", "--format", "jsonld"]));
    assert!(!out.contains('<') && !out.contains('>'), "no raw angle brackets");
    let job: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(job["description"].as_str().unwrap().starts_with("<p>"), "the JSON still holds the HTML");
}

#[test]
fn an_export_with_another_separator_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.csv");
    ok(&refnum(&["export", "conseiller", "--separateur", "|", "-o", path.to_str().unwrap()]));
    let yaml = ok(&refnum(&["import", path.to_str().unwrap(), "--id", "tube", "--date", "2026-11-28"]));
    assert!(
        yaml.contains("id: tube") && yaml.contains("mise-a-jour: \"2026-11-28\"") && yaml.contains("statut: brouillon")
    );
}
