//! `refnum entretien`: the interview guide of a post or a profile, in both
//! contexts and three formats; the `questions` field it draws on, checked
//! and merged like `criteres`; the DOCX read as Word reads it.

mod common;

use common::*;

use std::collections::BTreeMap;
use std::io::Read;

const PROFILS: [&str; 2] = ["conseiller-referent-entreprise", "coordinateur-referent-entreprise"];
const POSTE: &str = "examples/poste-conseiller-cci.yaml";
const MINIMAL: &str = "tests/fixtures/valid/profil-minimal.yaml";

/// French typography puts non-breaking spaces and hyphens in documents:
/// compare on plain spaces and hyphens.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ").replace('\u{2011}', "-").replace('’', "'")
}

/// The essential competencies of a reference profile: id, questions,
/// criteria, read from the YAML itself.
fn essentials(id: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let text = std::fs::read_to_string(root().join(format!("profiles/{id}.yaml"))).unwrap();
    let yaml: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let strings = |v: &serde_json::Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect()).unwrap_or_default()
    };
    let mut out = Vec::new();
    for cat in ["savoirs", "savoir-faire", "savoir-etre"] {
        for c in yaml["competences"][cat].as_array().unwrap() {
            if c["essentielle"].as_bool().unwrap() {
                out.push((c["id"].as_str().unwrap().to_owned(), strings(&c["questions"]), strings(&c["criteres"])));
            }
        }
    }
    out
}

#[test]
fn markdown_guides_of_both_profiles() {
    for id in PROFILS {
        let out = ok(&refnum(&["entretien", id, "--format", "markdown"]));
        insta::assert_snapshot!(format!("entretien_recrutement_{id}.md"), out);
    }
    let out = ok(&refnum(&["entretien", PROFILS[1], "--format", "markdown", "--contexte", "entretien-annuel"]));
    insta::assert_snapshot!(format!("entretien_annuel_{}.md", PROFILS[1]), out);
}

#[test]
fn every_essential_competence_of_the_reference_profiles_has_its_questions_and_criteria_in_the_guide() {
    for id in PROFILS {
        let guide = plain(&ok(&refnum(&["entretien", id, "--format", "markdown"])));
        let essentials = essentials(id);
        assert!(essentials.len() > 15, "{id}: {} essentials", essentials.len());
        assert!(guide.contains(&format!("{} compétences essentielles", essentials.len())), "{id}");
        assert!(!guide.contains("question générale"), "{id}: every essential has its own questions");
        for (cid, questions, criteres) in &essentials {
            assert!((1..=2).contains(&questions.len()), "{id} {cid}: {} questions", questions.len());
            assert!(guide.contains(&format!("#### {cid} ")), "{id}: {cid} has its section");
            for q in questions {
                assert!(q.ends_with('?'), "{id} {cid}: a question ends with a question mark: {q}");
                // Behavioural: makes the person tell a lived situation.
                assert!(
                    ["Racontez", "Décrivez", "Parlez-moi"].iter().any(|v| q.starts_with(v)),
                    "{id} {cid}: not a behavioural question: {q}"
                );
                assert!(guide.contains(&plain(q)), "{id} {cid}: question missing from the guide: {q}");
            }
            for k in criteres {
                assert!(guide.contains(&plain(k)), "{id} {cid}: criterion missing from the guide: {k}");
            }
        }
        // Only essentials: their number of sections.
        assert_eq!(guide.matches("\n#### ").count(), essentials.len(), "{id}");
    }
}

#[test]
fn the_context_changes_title_introduction_and_summary_not_the_questions() {
    let recrutement = plain(&ok(&refnum(&["entretien", POSTE, "--format", "markdown"])));
    let annuel = plain(&ok(&refnum(&["entretien", POSTE, "--format", "markdown", "--contexte", "entretien-annuel"])));
    assert!(recrutement.starts_with("# Guide d'entretien de recrutement : "), "{recrutement}");
    assert!(annuel.starts_with("# Guide d'entretien annuel : "), "{annuel}");
    assert!(recrutement.contains("| Candidat·e | |") && recrutement.contains("L1221-6"));
    assert!(annuel.contains("| Salarié·e | |") && annuel.contains("L6315-1"));
    assert!(annuel.contains("### Besoins de formation ou d'accompagnement"));
    assert!(!recrutement.contains("Besoins de formation ou d'accompagnement"));
    assert!(recrutement.contains("CCI du Val de Sarlanne (exemple fictif)."), "the post's structure");
    // The same questions, in the same order.
    let questions = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("**Question :**") || l.starts_with("1. Racontez"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(questions(&recrutement), questions(&annuel));
    // The short alias.
    let alias = ok(&refnum(&["entretien", POSTE, "--format", "markdown", "--contexte", "annuel"]));
    assert_eq!(plain(&alias), annuel);
}

#[test]
fn a_competence_without_questions_gets_a_generic_question_by_category() {
    let guide = plain(&ok(&refnum(&["entretien", MINIMAL, "--format", "markdown"])));
    assert_eq!(guide.matches("(question générale : le profil n'en propose pas pour cette compétence)").count(), 3);
    assert!(guide.contains("vos connaissances dans ce domaine"), "savoirs");
    assert!(guide.contains("Racontez la dernière fois où vous avez eu à le faire."), "savoir-faire");
    assert!(guide.contains("ce comportement a été mis à l'épreuve"), "savoir-être");
    // Without criteria, a general point to listen for.
    assert!(guide.contains("- ce que la personne a fait elle-même, comment, et le résultat obtenu"), "{guide}");
    // The non-essential SF-02 is left out.
    assert!(!guide.contains("SF-02") && !guide.contains("Animer un atelier collectif"), "{guide}");
    assert!(guide.contains("☐ 1 Notions · ☐ 2 Application · ☐ 3 Maîtrise · ☐ 4 Expertise · ☐ non évalué"));
}

/// A copy of the minimal profile with `questions` inserted after the first
/// competence's `essentielle` line.
fn with_questions(dir: &std::path::Path, block: &str) -> String {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let text = text.replacen("      essentielle: true\n", &format!("      essentielle: true\n{block}"), 1);
    std::fs::write(dir.join("profil.yaml"), text).unwrap();
    "profil.yaml".to_owned()
}

#[test]
fn bad_questions_are_located_errors_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "      questions:\n        - Racontez une fois ?\n        - Décrivez une autre fois ?\n        - Et une troisième ?\n",
            "erreur[E014]: 3 éléments dans `competences.savoirs[1].questions` ; la liste en attend de 1 à 2",
            "profil.yaml:28:11",
        ),
        (
            "      questions: []\n",
            "erreur[E029]: liste vide dans `competences.savoirs[1].questions` ; elle attend de 1 à 2 éléments",
            "profil.yaml:25:18",
        ),
        (
            "      questions:\n        -\n",
            "erreur[E027]: valeur vide dans `competences.savoirs[1].questions[1]`",
            "profil.yaml:26:9",
        ),
        ("      questions: Racontez ?\n", "erreur[E012]", "profil.yaml:25:18"),
    ];
    for (block, message, place) in cases {
        let file = with_questions(dir.path(), block);
        let o = refnum_in(dir.path(), &["validate", &file]);
        assert_eq!(o.status.code(), Some(1), "{block}");
        let err = plain(&stdout(&o));
        assert!(err.contains(message) && err.contains(place), "{block}\n{err}");
        let o = refnum_in(dir.path(), &["entretien", &file, "--format", "markdown", "-o", "guide.md"]);
        assert_eq!(o.status.code(), Some(1), "{block}: {}", stderr(&o));
        assert!(!dir.path().join("guide.md").exists(), "nothing written");
    }
    // One or two questions are fine, and the guide prints them.
    let file = with_questions(dir.path(), "      questions:\n        - Racontez une démarche que vous avez guidée ?\n");
    let guide = plain(&ok(&refnum_in(dir.path(), &["entretien", &file, "--format", "markdown"])));
    assert!(guide.contains("**Question :** Racontez une démarche que vous avez guidée ?\n"), "{guide}");
    assert_eq!(guide.matches("question générale").count(), 2);
}

#[test]
fn an_adaptation_replaces_the_questions_of_its_base_like_criteres() {
    let dir = tempfile::tempdir().unwrap();
    let adaptation = r"type: profil
id: conseiller-lot
extends: conseiller-referent-entreprise
version: 1.0.0
intitule: Conseiller·ère – Lot
competences:
  savoir-faire:
    - id: SF-06
      questions:
        - Décrivez une création d'entreprise que vous avez accompagnée ?
      motif: Territoire de créations.
mise-a-jour: 2026-12-01
";
    std::fs::write(dir.path().join("adaptation.yaml"), adaptation).unwrap();
    let guide = plain(&ok(&refnum_in(dir.path(), &["entretien", "adaptation.yaml", "--format", "markdown"])));
    let section = &guide[guide.find("#### SF-06 ").unwrap()..];
    let section = &section[..section.find("\n#### ").unwrap()];
    assert!(
        section.contains("**Question :** Décrivez une création d'entreprise que vous avez accompagnée ?"),
        "{section}"
    );
    assert!(!section.contains("à sa place. Comment avez-vous réagi"), "the base's questions are replaced: {section}");
    assert!(section.contains("La personne accompagnée effectue toutes les saisies"), "criteria kept: {section}");
    let provenance = ok(&refnum_in(dir.path(), &["resolve", "adaptation.yaml", "--provenance", "--format", "json"]));
    assert!(provenance.contains("\"questions\""), "{provenance}");
    let diff = plain(&ok(&refnum_in(dir.path(), &["diff", "conseiller-referent-entreprise", "adaptation.yaml"])));
    assert!(diff.contains("questions"), "{diff}");
}

#[test]
fn cli_cases() {
    // HTML by default, to a file, said on stderr.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("guide.html");
    let o = refnum(&["entretien", "coordinateur", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("Guide d'entretien écrit dans "), "{}", stderr(&o));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"fr\">"));
    assert!(html.contains("class=\"notes\"") && html.contains("<h4 id=\"q-SF-01\">"), "room for notes");
    // An unknown context or format is a usage error with the valid values.
    let o = refnum(&["entretien", "coordinateur", "--contexte", "bilan"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("valeur « bilan » invalide pour --contexte"), "{}", stderr(&o));
    assert!(stderr(&o).contains("recrutement, entretien-annuel"), "{}", stderr(&o));
    let o = refnum(&["entretien", "coordinateur", "--format", "jsonld"]);
    assert_eq!(o.status.code(), Some(2));
    // An unknown profile.
    let o = refnum(&["entretien", "inconnu"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // The help names the command, its contexts and formats.
    let help = ok(&refnum(&["entretien", "--help"]));
    assert!(help.contains("Usage : refnum entretien [OPTIONS] <POSTE|PROFIL>"), "{help}");
    assert!(help.contains("--contexte") && help.contains("entretien-annuel") && help.contains("docx"), "{help}");
    assert!(ok(&refnum(&["help"])).contains("entretien"), "listed in the commands");
    let man = ok(&refnum(&["manpage", "entretien"]));
    assert!(man.contains("\\fBrefnum entretien\\fR") && man.contains("\\-\\-contexte"), "{man}");
    // The post read from standard input gives the same guide.
    let text = std::fs::read_to_string(root().join(POSTE)).unwrap();
    let piped = assert_cmd::Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(root())
        .args(["entretien", "-", "--format", "markdown"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(ok(&piped), ok(&refnum(&["entretien", POSTE, "--format", "markdown"])));
}

#[test]
fn every_guide_is_deterministic() {
    for format in ["markdown", "html", "docx"] {
        for contexte in ["recrutement", "entretien-annuel"] {
            let args = ["entretien", POSTE, "--format", format, "--contexte", contexte];
            assert_eq!(refnum(&args).stdout, refnum(&args).stdout, "{format} {contexte}");
        }
    }
}

/// Every part of a DOCX package, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        out.insert(file.name().to_owned(), String::from_utf8_lossy(&data).into_owned());
    }
    out
}

/// The values of an attribute on every occurrence of an element.
fn values(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{element} ");
    for (i, _) in xml.match_indices(&open) {
        let tag = &xml[i..i + xml[i..].find('>').unwrap()];
        let key = format!("{attribute}=\"");
        if let Some(j) = tag.find(&key) {
            let rest = &tag[j + key.len()..];
            out.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    out
}

#[test]
fn the_docx_guide_passes_the_checks_of_the_fiche() {
    for (target, contexte) in [(POSTE, "recrutement"), ("coordinateur", "entretien-annuel")] {
        let o = refnum(&["entretien", target, "--format", "docx", "--contexte", contexte]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let p = parts(&o.stdout);
        let document = &p["word/document.xml"];
        let styles = &p["word/styles.xml"];
        let numbering = &p["word/numbering.xml"];
        // French on the defaults.
        let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
        assert!(defaults.contains(r#"<w:lang w:val="fr-FR""#), "{defaults}");
        // Real lists: bullets (criteria) and numbers (steps, two questions), each pointing at a numbering.
        assert!(!document.contains(">•<") && !document.contains("•\t"), "no typed bullets");
        let bullets = document.matches(r#"<w:pStyle w:val="ListBullet" />"#).count();
        let numbers = document.matches(r#"<w:pStyle w:val="ListNumber" />"#).count();
        assert!(bullets > 30 && numbers >= 4, "{target}: {bullets} bullets, {numbers} numbered items");
        let nums = values(numbering, "w:num", "w:numId");
        for id in values(document, "w:numId", "w:val") {
            assert!(nums.contains(&id), "numId {id} is defined");
        }
        // Every style used is defined, once.
        let ids = values(styles, "w:style", "w:styleId");
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "a style defined twice");
        for used in values(document, "w:pStyle", "w:val") {
            assert!(ids.contains(&used), "{used} is defined");
        }
        // One notes box per essential competence, never split; its label kept with it.
        let essentials = if target == POSTE { essentials(PROFILS[0]).len() } else { essentials(PROFILS[1]).len() };
        assert_eq!(document.matches(">Notes</w:t>").count(), essentials, "{target}");
        assert_eq!(document.matches("<w:tr>").count(), document.matches("<w:cantSplit />").count(), "no row split");
        assert!(document.contains("<w:keepNext />"), "questions and criteria kept with their box");
        // Headings are real headings, one per competence.
        assert_eq!(document.matches(r#"<w:pStyle w:val="Heading3" />"#).count(), essentials);
        // French typography in the runs; core properties from the guide.
        assert!(document.contains("Question\u{a0}:") || document.contains("Question\u{202f}:"), "French spaces");
        let core = &p["docProps/core.xml"];
        assert!(
            core.contains("<dc:title>Guide d&apos;entretien") || core.contains("<dc:title>Guide d'entretien"),
            "{core}"
        );
        assert!(core.contains("<dc:language>fr-FR</dc:language>"));
        // A4, footer « Page X sur Y ».
        assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4");
        assert!(p["word/footer1.xml"].contains("NUMPAGES"));
    }
}
