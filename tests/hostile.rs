//! Hostile and broken inputs end quickly with exit 1 and a diagnostic, never a panic.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use proptest::prelude::*;
use refnum::check::analyze;
use refnum::load::Source;

fn validate_json(path: &Path) -> (Output, serde_json::Value) {
    let o = Command::cargo_bin("refnum").unwrap().args(["validate", "--format", "json"]).arg(path).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let doc =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    (o, doc)
}

/// Writes `bytes` to a file and checks it yields exactly one finding of `code`.
fn assert_single_finding(name: &str, bytes: &[u8], code: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (o, doc) = validate_json(&path);
    assert_eq!(o.status.code(), Some(1), "{name}");
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{name}: {diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], code, "{name}: {diagnostics:?}");
    assert!(diagnostics[0]["line"].as_u64().unwrap() >= 1);
}

#[test]
fn alias_bomb() {
    let mut yaml = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10u8 {
        let (name, prev) = ((b'a' + i) as char, (b'a' + i - 1) as char);
        let refs = vec![format!("*{prev}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    assert_single_finding("bombe.yaml", yaml.as_bytes(), "E003");
}

#[test]
fn ten_thousand_nested_brackets() {
    let yaml = format!("type: profil\nid: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_single_finding("profond.yaml", yaml.as_bytes(), "E003");
}

#[test]
fn deep_block_nesting() {
    let mut yaml = String::new();
    for depth in 0..200 {
        yaml.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    assert_single_finding("profond-bloc.yaml", yaml.as_bytes(), "E003");
}

#[test]
fn deep_files_checked_in_parallel_do_not_overflow_a_worker_thread() {
    let mut yaml = String::new();
    for depth in 0..200 {
        yaml.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
    }
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = (0..4).map(|i| dir.path().join(format!("profond-{i}.yaml"))).collect();
    for path in &paths {
        std::fs::write(path, &yaml).unwrap();
    }
    let o = Command::cargo_bin("refnum").unwrap().args(["validate", "--format", "json"]).args(&paths).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 4);
}

#[test]
fn huge_file() {
    let line = "# commentaire de remplissage pour dépasser la limite de taille\n";
    let yaml = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    assert_single_finding("enorme.yaml", yaml.as_bytes(), "E003");
}

#[test]
fn invalid_utf8() {
    assert_single_finding("latin1.yaml", b"type: profil\nintitule: Conseill\xe8re\n", "E004");
}

#[test]
fn empty_file() {
    assert_single_finding("vide.yaml", b"", "E005");
    assert_single_finding("blanc.yaml", b"\n   \n", "E005");
}

#[test]
fn top_level_list() {
    assert_single_finding("liste.yaml", b"- type: profil\n- id: x\n", "E006");
}

#[test]
fn top_level_scalar() {
    assert_single_finding("scalaire.yaml", b"bonjour\n", "E006");
}

#[test]
fn many_documents() {
    assert_single_finding("deux.yaml", b"type: profil\n---\ntype: poste\n", "E001");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/conseiller-referent-entreprise.yaml"))
            .unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r\n").into_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("windows.yaml");
    std::fs::write(&path, bytes).unwrap();
    let (o, doc) = validate_json(&path);
    assert_eq!(o.status.code(), Some(0), "{doc}");
}

/// Small edits of a real profile: byte flips, deletions, duplicated lines.
fn mutate(text: &str, ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for &(op, at, byte) in ops {
        if bytes.is_empty() {
            break;
        }
        let at = at % bytes.len();
        match op % 4 {
            0 => bytes[at] = byte,
            1 => {
                bytes.remove(at);
            }
            2 => {
                let specials = b"[]{}:-#&*!|>'\"\n\t %@`,?";
                bytes.insert(at, specials[usize::from(byte) % specials.len()]);
            }
            _ => {
                let start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                let end = bytes[at..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| at + p + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(end..end, line);
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn validate_never_panics_on_mutated_profiles(ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..8)) {
        let text = refnum::load::builtin::PROFILES[0].1;
        let bytes = mutate(text, &ops);
        if let Ok(source) = Source::from_bytes("mutation.yaml".into(), &bytes) {
            let analysis = analyze(&source);
            for d in &analysis.diagnostics {
                prop_assert!(d.span.line >= 1 || d.span.line == 0);
                prop_assert!(!d.message.is_empty());
                prop_assert!(d.span.end <= source.text.len());
            }
            // Rendering the findings must not panic either.
            let report = refnum::diagnostic::FileReport { name: "mutation.yaml".into(), source: Some(source.text.clone()), diagnostics: analysis.diagnostics };
            let reports = [report];
            let summary = refnum::diagnostic::Summary::of(&reports);
            let _ = refnum::diagnostic::human::render(&reports, &summary, false);
        }
    }
}

#[cfg(unix)]
#[test]
fn pipes_and_link_loops_in_a_folder_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = std::ffi::CString::new(dir.path().join("tube.yaml").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo only reads the path we own.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("..", dir.path().join("boucle")).unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/profiles/conseiller-referent-entreprise.yaml"),
        dir.path().join("p.yaml"),
    )
    .unwrap();
    let o = Command::cargo_bin("refnum")
        .unwrap()
        .arg("validate")
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1 fichier vérifié : aucun problème.\n");
}

#[cfg(unix)]
#[test]
fn an_endless_file_is_cut_at_the_size_limit() {
    let o = Command::cargo_bin("refnum")
        .unwrap()
        .args(["validate", "--format", "json", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("E003"));
}
