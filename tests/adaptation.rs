//! Local adaptation as its users live it: resolve, diff, new, documents of
//! an adapted profile, and properties of the merge.

mod common;

use common::*;

use proptest::prelude::*;
use refnum::adapt::{self, diff};
use refnum::check::analyze;
use refnum::load::Source;
use refnum::model::{Adaptation, Document, Profil};

const CASE: &str = "tests/cases/adaptation.yaml";

#[test]
fn resolve_gives_a_standalone_profile_that_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = ok(&refnum(&["resolve", CASE]));
    let path = dir.path().join("complet.yaml");
    std::fs::write(&path, &yaml).unwrap();
    assert_eq!(ok(&refnum(&["validate", path.to_str().unwrap()])), "1 fichier vérifié : aucun problème.\n");
    let again = ok(&refnum(&["resolve", path.to_str().unwrap()]));
    assert_eq!(again, yaml, "resolving a resolved profile changes nothing");
    let json: serde_json::Value = serde_json::from_str(&ok(&refnum(&["resolve", CASE, "--format", "json"]))).unwrap();
    assert_eq!(json["id"], "conseiller-commerces-test");
    assert!(json.get("extends").is_none());
}

#[test]
fn provenance_marks_each_item() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&refnum(&["resolve", CASE, "--format", "json", "--provenance"]))).unwrap();
    let missions = json["missions"].as_array().unwrap();
    assert_eq!(missions.last().unwrap()["provenance"]["statut"], "ajouté");
    assert_eq!(missions.last().unwrap()["provenance"]["motif"], "Priorité locale");
    assert_eq!(missions[0]["provenance"]["statut"], "hérité");
    assert_eq!(json["retraits"][0]["id"], "S-13");
    assert_eq!(json["base"]["id"], "conseiller-referent-entreprise");
    let yaml = ok(&refnum(&["resolve", CASE, "--provenance"]));
    assert!(yaml.contains("statut: modifié"), "{yaml}");
}

#[test]
fn diff_in_each_format() {
    let human = ok(&refnum(&["diff", "conseiller", CASE]));
    insta::assert_snapshot!("diff_human", human);
    let markdown = ok(&refnum(&["diff", "conseiller", CASE, "--format", "markdown"]));
    insta::assert_snapshot!("diff_markdown", markdown);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&refnum(&["diff", "conseiller", CASE, "--format", "json"]))).unwrap();
    let natures: Vec<(String, String)> = json["elements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_owned(), e["nature"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        natures,
        [
            ("M-07".to_owned(), "ajout".to_owned()),
            ("S-13".into(), "retrait".into()),
            ("SF-01".into(), "modification".into()),
            ("SF-90".into(), "ajout".into())
        ]
    );
    insta::assert_snapshot!("diff_json", serde_json::to_string_pretty(&json).unwrap());
}

#[test]
fn diff_gives_each_change_its_motif_in_every_format() {
    let json: serde_json::Value =
        serde_json::from_str(&ok(&refnum(&["diff", "conseiller", CASE, "--format", "json"]))).unwrap();
    let motifs: Vec<(&str, &serde_json::Value)> =
        json["elements"].as_array().unwrap().iter().map(|e| (e["id"].as_str().unwrap(), &e["motif"])).collect();
    assert_eq!(
        motifs,
        [
            ("M-07", &serde_json::json!("Priorité locale")),
            ("S-13", &serde_json::json!("Hors du champ local")),
            ("SF-01", &serde_json::json!("Public plus avancé")),
            ("SF-90", &serde_json::Value::Null),
        ]
    );
    let human = ok(&refnum(&["diff", "conseiller", CASE]));
    for motif in ["Priorité locale", "Hors du champ local", "Public plus avancé"] {
        assert!(human.contains(&format!("      motif : {motif}\n")), "{human}");
    }
    let markdown = ok(&refnum(&["diff", "conseiller", CASE, "--format", "markdown"]));
    assert!(markdown.contains("| Élément | Changement | Détail | Motif |"), "{markdown}");
    assert!(markdown.contains("| retiré |  | Hors du champ local |"), "{markdown}");
    // The other way round, the adaptation's motifs still explain the changes.
    let back = ok(&refnum(&["diff", CASE, "conseiller"]));
    assert!(back.contains("motif : Hors du champ local"), "{back}");
}

#[test]
fn diff_json_carries_the_values_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(root().join("profiles/conseiller-referent-entreprise.yaml")).unwrap();
    assert!(base.contains("\nstatut: publie\n"));
    let changed = base.replacen("\nstatut: publie\n", "\nstatut: brouillon\n", 1).replacen("niveau: 3", "niveau: 2", 1);
    let first_essential = changed.find("essentielle: true").unwrap();
    let changed = format!(
        "{}essentielle: false{}",
        &changed[..first_essential],
        &changed[first_essential + "essentielle: true".len()..]
    );
    std::fs::write(dir.path().join("avant.yaml"), &base).unwrap();
    std::fs::write(dir.path().join("apres.yaml"), &changed).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(&refnum_in(dir.path(), &["diff", "avant.yaml", "apres.yaml", "--format", "json"])))
            .unwrap();
    let statut = json["champs"].as_array().unwrap().iter().find(|c| c["champ"] == "statut").unwrap();
    assert_eq!((&statut["avant"], &statut["apres"]), (&serde_json::json!("publie"), &serde_json::json!("brouillon")));
    let fields: Vec<&serde_json::Value> =
        json["elements"].as_array().unwrap().iter().flat_map(|e| e["champs"].as_array().unwrap()).collect();
    let niveau = fields.iter().find(|c| c["champ"] == "niveau").unwrap();
    assert_eq!((&niveau["avant"], &niveau["apres"]), (&serde_json::json!(3), &serde_json::json!(2)));
    let essentielle = fields.iter().find(|c| c["champ"] == "essentielle").unwrap();
    assert_eq!((&essentielle["avant"], &essentielle["apres"]), (&serde_json::json!(true), &serde_json::json!(false)));
    // People still read words.
    let human = ok(&refnum_in(dir.path(), &["diff", "avant.yaml", "apres.yaml"]));
    assert!(human.contains("statut : « publié » → « brouillon »"), "{human}");
    assert!(human.contains("essentielle : « oui » → « non »"), "{human}");
    // Without an adaptation, no motif: the Markdown has no empty column for it.
    let markdown = ok(&refnum_in(dir.path(), &["diff", "avant.yaml", "apres.yaml", "--format", "markdown"]));
    assert!(markdown.contains("| Élément | Changement | Détail |\n") && !markdown.contains("Motif"), "{markdown}");
}

#[test]
fn diff_exit_code() {
    assert_eq!(refnum(&["diff", "conseiller", CASE, "--exit-code"]).status.code(), Some(1));
    assert_eq!(refnum(&["diff", "conseiller", CASE]).status.code(), Some(0));
    let same = refnum(&["diff", "conseiller", "conseiller", "--exit-code"]);
    assert_eq!(same.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&same.stdout).contains("aucune différence"));
}

#[test]
fn new_writes_an_adaptation_that_validates_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let o = refnum_in(
        dir.path(),
        &[
            "new",
            "coordinateur-cc-exemple",
            "--extends",
            "coordinateur",
            "--date",
            "2026-11-28",
            "-o",
            "adaptation.yaml",
        ],
    );
    ok(&o);
    let text = std::fs::read_to_string(dir.path().join("adaptation.yaml")).unwrap();
    assert!(text.contains("profil: coordinateur-referent-entreprise"));
    assert!(text.contains("M-01"), "the base's ids are listed as hints");
    assert_eq!(ok(&refnum_in(dir.path(), &["validate", "adaptation.yaml"])), "1 fichier vérifié : aucun problème.\n");
    // A resolved empty adaptation is the base with a new id.
    let d = ok(&refnum_in(dir.path(), &["diff", "coordinateur", "adaptation.yaml", "--format", "json"]));
    let d: serde_json::Value = serde_json::from_str(&d).unwrap();
    assert!(d["elements"].as_array().unwrap().is_empty());
    // Never overwrites.
    let again = refnum_in(
        dir.path(),
        &["new", "coordinateur-cc-exemple", "--extends", "coordinateur", "-o", "adaptation.yaml"],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("existe déjà"));
    // A path to the base is written relative to the new file.
    std::fs::create_dir(dir.path().join("adaptations")).unwrap();
    let base = root().join("profiles/conseiller-referent-entreprise.yaml");
    std::fs::copy(&base, dir.path().join("base.yaml")).unwrap();
    ok(&refnum_in(dir.path(), &["new", "local", "--extends", "base.yaml", "-o", "adaptations/local.yaml"]));
    let text = std::fs::read_to_string(dir.path().join("adaptations/local.yaml")).unwrap();
    assert!(text.contains("profil: ../base.yaml"), "{text}");
    ok(&refnum_in(dir.path(), &["validate", "adaptations/local.yaml"]));
}

#[test]
fn new_refuses_a_bad_id() {
    let o = refnum(&["new", "Mon Profil", "--extends", "conseiller"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("n'est pas un identifiant valide"));
}

#[test]
fn documents_of_an_adaptation_list_the_local_changes() {
    let md = ok(&refnum(&["render", CASE, "--format", "markdown"]));
    assert!(md.contains("## Annexe\u{A0}: adaptations locales"));
    assert!(md.contains("| Retrait | Savoir S\u{2011}13"), "{md}");
    assert!(md.contains("Hors du champ local"));
    let html = ok(&refnum(&["render", CASE, "--format", "html"]));
    assert!(html.contains("Annexe\u{A0}: adaptations locales"));
    let fiche = ok(&refnum(&["fiche", CASE, "--format", "markdown"]));
    assert!(fiche.contains("**Animer le réseau des commerçants.**"), "{fiche}");
    assert!(!fiche.contains("Notions d’automatisation entre logiciels"), "a removed competency is not required");
}

// ---- Properties of the merge, on the built-in conseiller profile.

fn document(text: &str) -> Document {
    let source = Source::from_bytes("test.yaml".into(), text.as_bytes()).unwrap();
    let analysis = analyze(&source);
    assert!(!analysis.has_errors(), "{:?}\n{text}", analysis.diagnostics);
    analysis.document.unwrap()
}

fn base() -> Profil {
    match document(refnum::load::builtin::PROFILES[1].1) {
        Document::Profil(p) => *p,
        _ => unreachable!(),
    }
}

fn overlay(text: &str) -> Adaptation {
    match document(text) {
        Document::Adaptation(a) => *a,
        other => panic!("not an adaptation: {other:?}"),
    }
}

const HEAD: &str =
    "type: profil\nid: essai\nextends: conseiller-referent-entreprise\nversion: 1.2.0\nmise-a-jour: 2026-11-29\n";

#[test]
fn an_empty_overlay_resolves_to_the_base() {
    let base = base();
    let merged = adapt::merge(&base, &overlay(HEAD)).expect("merges");
    assert!(merged.changes.is_empty());
    let d = diff::diff(&base, &merged.profil);
    assert!(d.elements.is_empty());
    let fields: Vec<&str> = d.champs.iter().map(|c| c.champ).collect();
    assert_eq!(fields, ["id"], "only the id differs");
}

#[test]
fn criteria_are_overridden_whole_and_show_in_the_diff() {
    let base = base();
    let text = format!(
        "{HEAD}competences:\n  savoir-faire:\n    - id: SF-01\n      criteres:\n        - Remet un constat écrit de deux pages au plus.\n"
    );
    let merged = adapt::merge(&base, &overlay(&text)).expect("merges");
    assert_eq!(merged.changes.len(), 1);
    assert_eq!(merged.changes[0].champs, ["criteres"]);
    let sf01 = &merged.profil.competences.savoir_faire[0];
    let criteres: Vec<&str> = sf01.criteres().iter().map(|c| c.value.as_str()).collect();
    assert_eq!(
        criteres,
        ["Remet un constat écrit de deux pages au plus."],
        "the base's criteria are replaced, not extended"
    );
    let d = diff::diff(&base, &merged.profil);
    assert_eq!(d.elements.len(), 1);
    let champs: Vec<&str> = d.elements[0].champs.iter().map(|c| c.champ).collect();
    assert_eq!(champs, ["criteres"]);
    assert!(
        diff::markdown(&d).contains("ajouté Remet un constat écrit de deux pages au plus."),
        "{}",
        diff::markdown(&d)
    );
    assert!(
        diff::human(&d).contains("criteres : retiré « "),
        "the base criteria are shown as removed: {}",
        diff::human(&d)
    );
}

#[test]
fn a_profile_has_no_difference_with_itself() {
    let base = base();
    assert!(diff::diff(&base, &base).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Random overlays: levels changed, optional competencies removed, competencies added.
    #[test]
    fn the_diff_of_base_and_merge_is_exactly_the_overlay(
        raise in proptest::collection::btree_set(0usize..16, 0..5),
        remove in proptest::collection::btree_set(0usize..16, 0..4),
        add in 0usize..3,
    ) {
        let base = base();
        let savoir_faire = &base.competences.savoir_faire;
        let optional: Vec<&str> = base.competences.iter().filter(|(_, c)| !*c.essentielle).map(|(_, c)| c.id.value.as_str()).collect();
        let removed: Vec<&str> = remove.iter().map(|i| optional[i % optional.len()]).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
        let mut patches = String::new();
        let mut expected: Vec<(String, &str)> = Vec::new();
        for i in &raise {
            let c = &savoir_faire[i % savoir_faire.len()];
            if removed.contains(&c.id.value.as_str()) || expected.iter().any(|(id, _)| *id == c.id.value) {
                continue;
            }
            let level = if *c.niveau == 4 { 1 } else { *c.niveau + 1 };
            patches.push_str(&format!("    - id: {}\n      niveau: {level}\n      motif: essai\n", c.id.value));
            expected.push((c.id.value.clone(), "modification"));
        }
        for n in 0..add {
            patches.push_str(&format!("    - id: SF-X{n}\n      libelle: Animer l'atelier local numéro {n}\n      niveau: 2\n      missions: [M-01]\n      essentielle: false\n"));
            expected.push((format!("SF-X{n}"), "ajout"));
        }
        let mut text = String::from(HEAD);
        if patches.is_empty() {
            text.push_str("competences:\n  savoir-faire: []\n");
        } else {
            text.push_str(&format!("competences:\n  savoir-faire:\n{patches}"));
        }
        if removed.is_empty() {
            text.push_str("retirer: []\n");
        } else {
            text.push_str("retirer:\n");
            for id in &removed {
                text.push_str(&format!("  - {id}\n"));
                expected.push(((*id).to_owned(), "retrait"));
            }
        }
        let overlay = overlay(&text);
        let merged = adapt::merge(&base, &overlay).expect("a consistent overlay merges");
        let again = adapt::merge(&base, &overlay).expect("merges");
        prop_assert_eq!(&merged.profil, &again.profil, "resolve is deterministic");
        let d = diff::diff(&base, &merged.profil);
        let mut got: Vec<(String, &str)> = d.elements.iter().map(|e| (e.id.clone(), e.nature)).collect();
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected);
        prop_assert_eq!(merged.changes.len(), d.elements.len());
    }
}
