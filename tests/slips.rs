//! Common slips in French YAML: a French message, at the place of the slip,
//! with the fix; and every finding of a file in one run.

mod common;

use common::*;
use refnum::check::analyze;
use refnum::load::Source;

fn json(path: &str) -> Vec<serde_json::Value> {
    let o = refnum(&["validate", "--format", "json", path]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    doc["diagnostics"].as_array().unwrap().clone()
}

/// The one finding of a fixture: code, line, column, message and help.
fn only(path: &str) -> (String, u64, u64, String, String) {
    let d = json(path);
    assert_eq!(d.len(), 1, "{d:?}");
    let d = &d[0];
    (
        d["code"].as_str().unwrap().to_owned(),
        d["line"].as_u64().unwrap(),
        d["column"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_owned(),
        d["help"].as_str().unwrap_or_default().to_owned(),
    )
}

#[test]
fn an_apostrophe_inside_single_quotes_is_placed_on_it_with_both_fixes() {
    let (code, line, column, message, help) = only("tests/fixtures/invalid/yaml-apostrophe-in-single-quotes.yaml");
    assert_eq!((code.as_str(), line, column), ("E001", 6, 24));
    assert!(message.contains("apostrophe à l'intérieur d'un texte entre apostrophes"), "{message}");
    assert!(help.contains("`'Conseiller d''entreprise'`"), "{help}");
    assert!(help.contains("`\"Conseiller d'entreprise\"`"), "{help}");
}

#[test]
fn a_colon_inside_a_value_asks_for_quotes() {
    let (code, line, column, message, help) = only("tests/fixtures/invalid/yaml-colon-in-value.yaml");
    assert_eq!((code.as_str(), line, column), ("E001", 6, 20));
    assert!(message.contains("la valeur de `service` contient un deux-points"), "{message}");
    assert_eq!(help, "mettez la valeur entre guillemets : `service: \"Direction : appui\"`");
}

#[test]
fn a_missing_space_after_a_colon_is_placed_on_its_line() {
    for (path, line, column, key, fix) in [
        (
            "tests/fixtures/invalid/yaml-missing-space-after-colon.yaml",
            34,
            14,
            "libelle",
            "libelle: Animer un atelier collectif",
        ),
        (
            "tests/fixtures/invalid/yaml-missing-space-next-line.yaml",
            9,
            10,
            "service",
            "service: Appui aux entreprises",
        ),
    ] {
        let (code, l, c, message, help) = only(path);
        assert_eq!((code.as_str(), l, c), ("E001", line, column), "{path}");
        assert!(message.contains(&format!("espace manquante après le deux-points de `{key}`")), "{message}");
        assert_eq!(help, format!("ajoutez une espace après le deux-points : `{fix}`"));
    }
}

#[test]
fn a_tab_is_placed_on_the_tab() {
    let (code, line, column, message, help) = only("tests/fixtures/invalid/yaml-tab-indentation.yaml");
    assert_eq!((code.as_str(), line, column), ("E001", 26, 1));
    assert!(message.contains("tabulation dans l'indentation"), "{message}");
    assert!(help.contains("par des espaces"), "{help}");
    let text = "type: poste\nid: x\n\tville: Nevers\n";
    let d = &analyze(&Source::from_bytes("t.yaml".into(), text.as_bytes()).unwrap()).diagnostics[0];
    assert_eq!((d.span.line, d.span.column), (3, 1));
    let text = "a:\n  b: 1\n  \t c: 2\n";
    let d = &analyze(&Source::from_bytes("t.yaml".into(), text.as_bytes()).unwrap()).diagnostics[0];
    assert_eq!((d.span.line, d.span.column), (3, 3));
}

#[test]
fn text_after_a_hash_is_a_warning_with_the_quoted_fix() {
    let (code, line, column, message, help) = only("tests/fixtures/invalid/comment-in-text.yaml");
    assert_eq!((code.as_str(), line, column), ("W006", 6, 35));
    assert!(message.contains("« Responsable du pôle »") && message.contains("« #numérique »"), "{message}");
    assert!(help.contains("`rattachement: \"Responsable du pôle #numérique\"`"), "{help}");
    // A comment written with a space after `#`, or a quoted value, is left alone.
    let text = "type: poste\nrattachement: Responsable # à confirmer\nservice: \"Pôle #numérique\"\n";
    let found = analyze(&Source::from_bytes("t.yaml".into(), text.as_bytes()).unwrap()).diagnostics;
    assert!(found.iter().all(|d| d.code.as_str() != "W006"), "{found:?}");
}

#[test]
fn an_unknown_key_does_not_hide_a_level_out_of_scale() {
    let o = refnum(&["validate", "tests/fixtures/invalid/recovery-unknown-key-and-level.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("erreur[E010]: clé inconnue `commentaire`"), "{text}");
    assert!(text.contains("recovery-unknown-key-and-level.yaml:28:7"), "{text}");
    assert!(text.contains("erreur[E023]: le niveau 5 de `SF-01`"), "{text}");
    assert!(text.contains("recovery-unknown-key-and-level.yaml:32:15"), "{text}");
    assert!(text.ends_with("1 fichier vérifié : 2 erreurs, 0 avertissement.\n"), "{text}");
}

#[test]
fn what_recovery_cuts_out_causes_no_finding() {
    // M-02 is cut out: SF-02 and SE-01 still name it, and must not be told
    // that it does not exist, nor M-02 that no competency serves it.
    let codes: Vec<String> = json("tests/fixtures/invalid/recovery-no-unknown-mission.yaml")
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["E012", "E023"]);
    // A level of the scale is cut out: the scale is not checked with two levels.
    let codes: Vec<String> = json("tests/fixtures/invalid/recovery-scale-not-guessed.yaml")
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["E024", "E012"]);
}

/// Broken YAML of every kind the parser can report; no message may be English.
const BROKEN: &[&str] = &[
    "a: 'b' c\n",
    "a: \"b\" c\n",
    "a: \"b\n",
    "a: 'b\n",
    "a: [b, c\nd: 1\n",
    "a: {b: 1\n",
    "a: [b}\n",
    "a: b]\n",
    "a: b\n  c: d\n",
    "a: b : c\n",
    "a:\n  ville:Nevers\n  c: 2\n",
    "ville:Nevers\n",
    "a:\n\tb: 1\n",
    "a:\n  b: 1\n\tc: 2\n",
    "- a\nb: c\n",
    "a:\n  - b\n c: 1\n",
    "a: &x 1\nb: *y\n",
    "a: \"\\q\"\n",
    "a: \"\\xZZ\"\n",
    "a: |0\n  x\n",
    "a: |x\n  x\n",
    "a: |\n    x\n  y\n",
    "%YAML 1.2\n%YAML 1.2\n---\na: 1\n",
    "%FOO\n---\na: 1\n",
    "%YAML 2.0\n---\na: 1\n",
    "a: @b\n",
    "a: `b\n",
    "a: 1\n...\nb\n",
    "a: 1\n---\nb: 2\n",
    "a: - b\n",
    "a: [- b]\n",
    "a: !<x\n",
    "a: !x!y 1\n",
    "a: & b\n",
    "a: *\n",
    "a: -[b]\n",
    "a: b\n  # c\n  d\n",
    "a: \"b\n---\nc\"\n",
    "a: {b: [c}\n",
    "? a\n? b\n: c\n: d\n",
    "a: b\nc\n",
    "a:\n  b\n c: d\n",
    "{a: b}: c: d\n",
    "a: \"b\"c\n",
    "a: 'b'c: d\n",
    "[a, b\n",
    "a: b\t#c\n",
    "a: \u{feff}b\n",
    "a: [b\n  c]: d\n",
    "key: value\n  - item\n",
    "a: |\n\tb\n",
    "<<: 1\n",
    "a: >\nb\n",
];

#[test]
fn no_parser_message_is_in_english() {
    const ENGLISH: [&str; 16] = [
        "the",
        "invalid",
        "expected",
        "found",
        "while",
        "unexpected",
        "scalar",
        "mapping",
        "allowed",
        "line",
        "column",
        "character",
        "indicator",
        "not",
        "block",
        "flow",
    ];
    let mut seen = 0;
    for text in BROKEN {
        let source = Source::from_bytes("t.yaml".into(), text.as_bytes()).unwrap();
        for d in analyze(&source).diagnostics {
            seen += 1;
            let all = format!("{} {}", d.message, d.help.clone().unwrap_or_default()).to_lowercase();
            let words: Vec<&str> = all.split(|c: char| !c.is_alphanumeric()).collect();
            for word in ENGLISH {
                assert!(!words.contains(&word), "{text:?} → « {all} » contient « {word} »");
            }
            assert!(!all.contains("détail de l'analyseur"), "{text:?} → {all}");
        }
    }
    assert!(seen >= BROKEN.len(), "every snippet is broken: {seen}");
}
