//! The reference profiles' published versions and their changelogs.
//!
//! Each published version of a reference profile is kept in
//! `docs/historique/<id>-<version>.yaml`; `docs/changelog/<id>.md` is the
//! output of `refnum diff --format markdown` between consecutive published
//! versions, newest first. This test regenerates it and compares, so the
//! changelog cannot drift; it also checks the versioning policy of
//! docs/versions.md on what can be checked mechanically.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Setting this variable rewrites the changelogs instead of comparing them.
const REWRITE: &str = "REFNUM_JOURNAL";

/// `id` and `version` of a profile file, read from its top-level keys.
fn id_and_version(path: &Path) -> (String, semver::Version) {
    let text = std::fs::read_to_string(path).unwrap();
    let key = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{k}: ")))
            .unwrap_or_else(|| panic!("{}: no top-level `{k}`", path.display()))
            .trim()
            .trim_matches('"')
            .to_owned()
    };
    let version = semver::Version::parse(&key("version")).unwrap();
    (key("id"), version)
}

/// The reference profiles: `profiles/*.yaml`, sorted.
fn reference_profiles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("profiles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// The published versions kept for `id`, oldest first.
fn history(id: &str) -> Vec<(semver::Version, PathBuf)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root().join("docs/historique")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(version) = name.strip_prefix(&format!("{id}-")).and_then(|v| v.strip_suffix(".yaml")) else {
            continue;
        };
        let Ok(version) = semver::Version::parse(version) else {
            continue;
        };
        let (inner_id, inner_version) = id_and_version(&path);
        assert_eq!(inner_id, id, "{}: the file name and the `id` inside differ", path.display());
        assert_eq!(inner_version, version, "{}: the file name and the `version` inside differ", path.display());
        found.push((version, path));
    }
    found.sort();
    found
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().to_string_lossy().into_owned()
}

/// The changelog of a profile: a title, a note, then one `refnum diff`
/// output per pair of consecutive versions, newest first.
fn changelog(id: &str, chain: &[(semver::Version, PathBuf)]) -> String {
    let mut text = format!(
        "# Journal des versions : {id}\n\n\
         Chaque section est la sortie de `refnum diff ANCIENNE NOUVELLE --format markdown`\n\
         entre deux versions publiées du profil, la plus récente en premier. Les\n\
         versions publiées sont gardées dans `docs/historique/` ; la règle des\n\
         numéros de version est dans [versions.md](../versions.md). Ne modifiez pas\n\
         ce fichier à la main : `{REWRITE}=ecrire cargo test --test versions` le\n\
         régénère.\n"
    );
    for pair in chain.windows(2).rev() {
        let (a, b) = (relative(&pair[0].1), relative(&pair[1].1));
        text.push('\n');
        text.push_str(&ok(&refnum(&["diff", &a, &b, "--format", "markdown"])));
    }
    text
}

#[test]
fn every_reference_profile_keeps_its_published_versions_and_a_changelog_that_cannot_drift() {
    let mut stale = Vec::new();
    for profile in reference_profiles() {
        let (id, version) = id_and_version(&profile);
        let mut chain = history(&id);
        assert!(
            !chain.is_empty(),
            "{id}: no published version in docs/historique/ (keep each published version as docs/historique/{id}-<version>.yaml)"
        );
        let last = &chain.last().unwrap().0;
        assert!(
            version >= *last,
            "{id}: profiles/ holds {version}, older than the published {last} kept in docs/historique/"
        );
        if version > *last {
            chain.push((version, profile.clone()));
        }
        let expected = changelog(&id, &chain);
        let path = root().join(format!("docs/changelog/{id}.md"));
        if std::env::var_os(REWRITE).is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != expected {
            stale.push(relative(&path));
        }
    }
    assert!(
        stale.is_empty(),
        "out of date: {} — regenerate with `{REWRITE}=ecrire cargo test --test versions`, then read the diff",
        stale.join(", ")
    );
}

/// What changed between two versions, as `refnum diff --format json` says it.
fn changes(a: &Path, b: &Path) -> serde_json::Value {
    let out = ok(&refnum(&["diff", &relative(a), &relative(b), "--format", "json"]));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn each_published_version_number_follows_the_versioning_policy() {
    for profile in reference_profiles() {
        let (id, version) = id_and_version(&profile);
        let mut chain = history(&id);
        if chain.last().is_some_and(|(last, _)| version > *last) {
            chain.push((version, profile.clone()));
        }
        for pair in chain.windows(2) {
            let ((va, a), (vb, b)) = (&pair[0], &pair[1]);
            let d = changes(a, b);
            let elements = d["elements"].as_array().unwrap();
            let champs = d["champs"].as_array().unwrap();
            let nature = |n: &str| elements.iter().any(|e| e["nature"] == n);
            let field_changed =
                |item: &serde_json::Value, f: &str| item["champs"].as_array().unwrap().iter().any(|c| c["champ"] == f);
            let major = vb.major > va.major;
            let minor = major || vb.minor > va.minor;
            let bumped = minor || vb.patch > va.patch || vb.pre != va.pre;
            let what = format!("{id} {va} → {vb}");
            assert!(bumped, "{what}: a new published version needs a new number");
            if nature("retrait") || champs.iter().any(|c| c["champ"] == "niveaux" || c["champ"] == "id") {
                assert!(major, "{what}: an item removed or the scale changed is a major change (docs/versions.md)");
            }
            let raised = elements
                .iter()
                .any(|e| field_changed(e, "niveau") || field_changed(e, "essentielle") || field_changed(e, "missions"));
            if nature("ajout") || raised {
                assert!(
                    minor,
                    "{what}: an item added or a level changed is at least a minor change (docs/versions.md)"
                );
            }
        }
    }
}
