//! The repository configuration (`refnum.toml`), rule levels from the
//! command line and inline, and a post or an adaptation checked alone
//! finding its profile in the repository, as a pre-commit hook does.

mod common;

use std::path::Path;

use common::{refnum_in, root, stderr, stdout};

/// A small profile repository: `profiles/` with one profile, `postes/`
/// with one post on it.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let profile = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
    write(dir.path(), "profiles/mediateur.yaml", &profile);
    write(
        dir.path(),
        "postes/millau.yaml",
        "type: poste\nid: mediateur-millau\nprofil: mediateur-numerique\nstructure:\n  nom: Commune fictive\nlocalisation:\n  ville: Millau\nmise-a-jour: 2026-11-29\n",
    );
    dir
}

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The profile of `repository()` with an activity that W003 flags, and
/// optionally a comment at the end of that line.
fn with_noun_activity(dir: &Path, comment: &str) {
    let profile = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
    let profile = profile.replace(
        "      - Animer les séances en petit groupe.",
        &format!("      - Co-construction des séances avec les habitant·es.{comment}"),
    );
    write(dir, "profiles/mediateur.yaml", &profile);
}

#[test]
fn a_post_checked_alone_finds_its_profile_in_the_repository() {
    let dir = repository();
    let out = refnum_in(dir.path(), &["validate", "postes/millau.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    // Only the file given is reported; the profile read beside it is not.
    assert!(stdout(&out).contains("1 fichier vérifié : aucun problème."), "{}", stdout(&out));
    // Without the profile folder, the profile is unknown.
    std::fs::remove_dir_all(dir.path().join("profiles")).unwrap();
    let out = refnum_in(dir.path(), &["validate", "postes/millau.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("E031"), "{}", stdout(&out));
}

#[test]
fn the_configuration_names_the_profile_folders_and_is_found_from_a_subfolder() {
    let dir = repository();
    std::fs::rename(dir.path().join("profiles"), dir.path().join("nationaux")).unwrap();
    let out = refnum_in(dir.path(), &["validate", "postes/millau.yaml"]);
    assert_eq!(out.status.code(), Some(1), "no configuration: not found");
    write(dir.path(), "refnum.toml", "profils = [\"nationaux\"]\n");
    let out = refnum_in(dir.path(), &["validate", "postes/millau.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Found by walking up from a subfolder, paths relative to the file.
    let out = refnum_in(&dir.path().join("postes"), &["validate", "millau.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    // With no path, the configured folders are checked.
    let out = refnum_in(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("1 fichier vérifié"), "{}", stdout(&out));
}

#[test]
fn rule_levels_from_the_configuration_the_command_line_and_the_line() {
    let dir = repository();
    with_noun_activity(dir.path(), "");
    let out = refnum_in(dir.path(), &["validate", "profiles"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("avertissement[W003]"), "{}", stdout(&out));

    let out = refnum_in(dir.path(), &["validate", "profiles", "--ignore", "W003", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("W003"));

    write(dir.path(), "refnum.toml", "[regles]\nW003 = \"erreur\"\n");
    let out = refnum_in(dir.path(), &["validate", "profiles", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "a warning raised to an error fails");
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["diagnostics"][0]["code"], "W003");
    assert_eq!(doc["diagnostics"][0]["severity"], "error");
    assert_eq!(doc["summary"]["errors"], 1);

    write(dir.path(), "refnum.toml", "[regles]\nW003 = \"ignore\"\n");
    let out = refnum_in(dir.path(), &["validate", "profiles", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    std::fs::remove_file(dir.path().join("refnum.toml")).unwrap();
    with_noun_activity(dir.path(), " # refnum: ignore W003");
    let out = refnum_in(dir.path(), &["validate", "profiles", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "ignored on its line: {}", stdout(&out));
    with_noun_activity(dir.path(), " # refnum: ignore W004");
    let out = refnum_in(dir.path(), &["validate", "profiles", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(1), "another code is not ignored");
}

#[test]
fn excluded_paths_are_not_checked() {
    let dir = repository();
    write(dir.path(), "mkdocs.yml", "site_name: Profils\n");
    write(dir.path(), "docs/notes.yaml", "- une liste\n");
    let out = refnum_in(dir.path(), &["validate", "."]);
    assert_eq!(out.status.code(), Some(1), "unrelated YAML is reported without a configuration");
    write(dir.path(), "refnum.toml", "exclure = [\"mkdocs.yml\", \"docs/**\"]\n");
    let out = refnum_in(dir.path(), &["validate", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("2 fichiers vérifiés"), "{}", stdout(&out));
}

#[test]
fn mistakes_in_the_configuration_are_located_errors() {
    let dir = repository();
    for (text, expected) in [
        (
            "profils = [\"profiles\"]\n[regles]\nW03 = \"ignore\"\n",
            "refnum.toml:3:1 : code de règle inconnu « W03 » : vouliez-vous dire `W003` ?",
        ),
        ("[regles]\nW003 = \"ignorer\"\n", "refnum.toml:2:8 : niveau inconnu « ignorer »"),
        ("[regles]\nE010 = \"ignore\"\n", "refnum.toml:2:8 : E010 est une erreur"),
        ("profil = [\"profiles\"]\n", "refnum.toml:1:1 : clé inconnue `profil`"),
    ] {
        write(dir.path(), "refnum.toml", text);
        let out = refnum_in(dir.path(), &["validate"]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(stderr(&out).contains(expected), "{text}: {}", stderr(&out));
    }
}

#[test]
fn ignore_on_the_command_line_takes_known_warning_codes_only() {
    let dir = repository();
    let out = refnum_in(dir.path(), &["validate", "--ignore", "W03"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("vouliez-vous dire `W003`"), "{}", stderr(&out));
    let out = refnum_in(dir.path(), &["validate", "--ignore", "E010"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("E010 est une erreur"), "{}", stderr(&out));
}
