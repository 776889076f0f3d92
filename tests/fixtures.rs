//! Fixture folders: every valid file checks cleanly; every invalid file (or
//! folder, checked as one set) yields exactly the findings its header lists.
//!
//! Header of an invalid fixture, one line per expected finding:
//! `# attendu: E022 14:18`

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use refnum::diagnostic::Code;
use refnum::load::Input;
use refnum::load::discover::discover;
use refnum::workspace::batch::check_all;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn findings(inputs: &[Input]) -> BTreeSet<(String, String, u32, u32)> {
    let checked = check_all(inputs, |_| ()).expect("fixtures are readable");
    checked
        .iter()
        .flat_map(|c| {
            c.report.diagnostics.iter().map(|d| {
                let file = Path::new(&c.report.name).file_name().unwrap().to_string_lossy().into_owned();
                (file, d.code.as_str().to_owned(), d.span.line, d.span.column)
            })
        })
        .collect()
}

fn expected(files: &[PathBuf]) -> BTreeSet<(String, String, u32, u32)> {
    let mut out = BTreeSet::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_start_matches('\u{feff}');
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for line in text.lines().take_while(|l| l.starts_with('#')) {
            if let Some(rest) = line.strip_prefix("# attendu:") {
                let mut parts = rest.split_whitespace();
                let code = parts.next().expect("code").to_owned();
                let (l, c) = parts.next().expect("line:col").split_once(':').expect("line:col");
                out.insert((name.clone(), code, l.parse().unwrap(), c.parse().unwrap()));
            }
        }
    }
    out
}

/// Each invalid case: a single file, or a folder checked as one set.
fn invalid_cases() -> Vec<(PathBuf, Vec<PathBuf>)> {
    let dir = root().join("tests/fixtures/invalid");
    let mut cases: Vec<(PathBuf, Vec<PathBuf>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let files = if p.is_dir() { discover(std::slice::from_ref(&p)).unwrap() } else { vec![p.clone()] };
            (p, files)
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn invalid_fixtures_yield_exactly_their_expected_findings() {
    let cases = invalid_cases();
    assert!(cases.len() >= 20, "too few invalid fixtures: {}", cases.len());
    let mut failures = Vec::new();
    for (case, files) in &cases {
        let want = expected(files);
        assert!(!want.is_empty(), "{}: no `# attendu:` header", case.display());
        let inputs: Vec<Input> = files.iter().cloned().map(Input::Disk).collect();
        let got = findings(&inputs);
        if got != want {
            failures.push(format!("{}\n  attendu : {want:?}\n  obtenu  : {got:?}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_is_produced_by_a_fixture() {
    let mut produced = BTreeSet::new();
    for (_, files) in invalid_cases() {
        for (_, code, _, _) in expected(&files) {
            produced.insert(code);
        }
    }
    // W010 compares a file with its committed version: tests/git_version.rs
    // produces it in a git repository made for the test.
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| **c != Code::VersionNotRaised)
        .map(|c| c.as_str())
        .filter(|c| !produced.contains(*c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn valid_fixtures_profiles_and_examples_check_cleanly() {
    let mut dirs = vec![root().join("tests/fixtures/valid"), root().join("profiles")];
    if root().join("examples").is_dir() {
        dirs.push(root().join("examples"));
    }
    for dir in dirs {
        let inputs: Vec<Input> = discover(std::slice::from_ref(&dir)).unwrap().into_iter().map(Input::Disk).collect();
        assert!(!inputs.is_empty(), "{} is empty", dir.display());
        let got = findings(&inputs);
        assert!(got.is_empty(), "{}: {got:?}", dir.display());
    }
}

#[test]
fn built_in_profiles_are_named_after_their_id() {
    for input in Input::builtins() {
        let Input::Builtin { name, text } = &input else { unreachable!() };
        let source = refnum::load::Source::from_bytes(input.name(), text.as_bytes()).unwrap();
        let id = refnum::check::analyze(&source).document.unwrap().id().value.clone();
        assert_eq!(refnum::load::builtin::id_of(name), id);
    }
}

#[test]
fn built_in_profiles_check_cleanly() {
    let got = findings(&Input::builtins());
    assert!(got.is_empty(), "{got:?}");
}
