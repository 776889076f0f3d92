//! `validate --verifier-version` in a git repository made for the test:
//! nothing here depends on the git state of refnum's own repository.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Runs git in `dir` with a configuration of its own; panics when it fails.
fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git is needed to run this test");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn profile() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap()
}

/// A repository whose `main` holds `profiles/p.yaml` at version 1.0.0.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "--quiet", "--initial-branch=main"]);
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    std::fs::write(dir.path().join("profiles/p.yaml"), profile()).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "--quiet", "-m", "first version"]);
    dir
}

fn validate(dir: &Path) -> (Option<i32>, String) {
    let o = refnum_in(dir, &["validate", "--verifier-version", "profiles"]);
    (o.status.code(), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn a_changed_profile_without_a_new_version_is_reported() {
    let repo = repository();
    let path = repo.path().join("profiles/p.yaml");
    let (code, out) = validate(repo.path());
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("W010"), "an unchanged file is fine: {out}");

    std::fs::write(&path, profile().replace("Médiateur·rice numérique", "Médiateur·rice numérique des quartiers"))
        .unwrap();
    let (code, out) = validate(repo.path());
    assert_eq!(code, Some(0), "a warning does not fail the run: {out}");
    assert!(out.contains("avertissement[W010]"), "{out}");
    assert!(out.contains("a changé depuis sa version sur `main`, mais sa version est restée 1.0.0"), "{out}");
    assert!(out.contains("profiles/p.yaml:3:10"), "{out}");

    // Without the option, nothing is said.
    let o = refnum_in(repo.path(), &["validate", "profiles"]);
    assert!(!stdout(&o).contains("W010"), "{}", stdout(&o));

    // A raised version settles it; a lower one does not.
    std::fs::write(
        &path,
        profile()
            .replace("version: 1.0.0", "version: 1.0.1")
            .replace("Médiateur·rice numérique", "Médiateur·rice numérique des quartiers"),
    )
    .unwrap();
    let (_, out) = validate(repo.path());
    assert!(!out.contains("W010"), "{out}");
    std::fs::write(&path, profile().replace("version: 1.0.0", "version: 0.9.0")).unwrap();
    let (_, out) = validate(repo.path());
    assert!(out.contains("la version 0.9.0 est inférieure à celle du fichier sur `main` (1.0.0)"), "{out}");
}

#[test]
fn a_file_the_default_branch_does_not_have_is_not_reported() {
    let repo = repository();
    std::fs::write(
        repo.path().join("profiles/nouveau.yaml"),
        profile().replace("id: mediateur-numerique", "id: nouveau"),
    )
    .unwrap();
    let (code, out) = validate(repo.path());
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("W010"), "{out}");
}

#[test]
fn outside_a_repository_the_option_says_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    std::fs::write(dir.path().join("profiles/p.yaml"), profile()).unwrap();
    let (code, out) = validate(dir.path());
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("W010"), "{out}");
}

#[test]
fn without_git_the_option_fails_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("profiles")).unwrap();
    std::fs::write(dir.path().join("profiles/p.yaml"), profile()).unwrap();
    let empty = tempfile::tempdir().unwrap();
    let o = assert_cmd::Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(dir.path())
        .env("PATH", empty.path())
        .env("NO_COLOR", "1")
        .args(["validate", "--verifier-version", "profiles"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("la commande `git` est introuvable"), "{}", stderr(&o));
}
