//! Outputs for CI services: SARIF 2.1.0 (validated against the OASIS
//! schema), the GitLab Code Quality report, and the GitHub step summary.

mod common;

use assert_cmd::Command;
use common::{refnum, root, stdout};

const BROKEN: &str = "tests/cases/semantique.yaml";

fn sarif_schema() -> serde_json::Value {
    let path = root().join("tests/vendor/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn sarif_is_valid_against_the_oasis_schema_with_rules_and_regions() {
    let out = refnum(&["validate", BROKEN, "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "errors found: exit 1");
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let validator = jsonschema::draft4::new(&sarif_schema()).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?}");

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "refnum");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 11, "every finding of the file is a result");
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the result's rule");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1);
        assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], BROKEN);
    }
    let e020 = rules.iter().find(|r| r["id"] == "E020").expect("rule of a code found");
    assert_eq!(e020["shortDescription"]["text"], "identifiant invalide");
    let full = e020["fullDescription"]["text"].as_str().unwrap();
    assert!(full.len() > 40 && !full.contains("**"), "the « Quand. » paragraph of the docs: {full}");
    assert!(e020["help"]["text"].as_str().unwrap().contains("E020 — identifiant invalide"));
    assert!(e020.get("helpUri").is_none(), "no help URI without REFNUM_DOCS_URL");
    let e020 = results.iter().find(|r| r["ruleId"] == "E020").unwrap();
    assert_eq!(e020["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(e020["level"], "error");
}

#[test]
fn sarif_rules_link_to_the_published_documentation_when_told_where() {
    let out = Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(root())
        .env("REFNUM_DOCS_URL", "https://exemple.fr/refnum/docs/diagnostics.html")
        .args(["validate", BROKEN, "--format", "sarif"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let e020 = rules.iter().find(|r| r["id"] == "E020").unwrap();
    assert_eq!(e020["helpUri"], "https://exemple.fr/refnum/docs/diagnostics.html#e020--identifiant-invalide");
    let validator = jsonschema::draft4::new(&sarif_schema()).unwrap();
    assert!(validator.is_valid(&log));
}

#[test]
fn a_clean_run_is_a_valid_sarif_log_with_no_result() {
    let out = refnum(&["validate", "profiles", "--format", "sarif"]);
    assert_eq!(out.status.code(), Some(0));
    let log: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(jsonschema::draft4::new(&sarif_schema()).unwrap().is_valid(&log));
    assert_eq!(log["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

#[test]
fn gitlab_report_has_the_code_quality_fields_and_stable_fingerprints() {
    let first = stdout(&refnum(&["validate", BROKEN, "--format", "gitlab"]));
    let second = stdout(&refnum(&["validate", BROKEN, "--format", "gitlab"]));
    assert_eq!(first, second, "same input, same report");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&first).unwrap();
    assert_eq!(issues.len(), 11);
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {issue}");
        }
        assert!(["major", "minor"].contains(&issue["severity"].as_str().unwrap()));
        assert_eq!(issue["location"]["path"], BROKEN);
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap().to_owned()), "unique fingerprints");
    }
    let e026 = issues.iter().find(|i| i["check_name"] == "E026").unwrap();
    assert_eq!(e026["severity"], "major");
    assert_eq!(e026["location"]["lines"]["begin"], 37);
}

#[test]
fn a_finding_that_moves_keeps_its_gitlab_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(BROKEN)).unwrap();
    std::fs::write(dir.path().join("p.yaml"), &text).unwrap();
    let before = stdout(&common::refnum_in(dir.path(), &["validate", "p.yaml", "--format", "gitlab"]));
    // A comment line added at the top moves every finding one line down.
    std::fs::write(dir.path().join("p.yaml"), format!("# ajout\n{text}")).unwrap();
    let after = stdout(&common::refnum_in(dir.path(), &["validate", "p.yaml", "--format", "gitlab"]));
    let prints = |s: &str| -> Vec<(String, u64)> {
        let issues: Vec<serde_json::Value> = serde_json::from_str(s).unwrap();
        issues
            .iter()
            .map(|i| (i["fingerprint"].as_str().unwrap().to_owned(), i["location"]["lines"]["begin"].as_u64().unwrap()))
            .collect()
    };
    let (before, after) = (prints(&before), prints(&after));
    assert_eq!(before.len(), after.len());
    for ((fb, lb), (fa, la)) in before.iter().zip(&after) {
        assert_eq!(fb, fa);
        assert_eq!(lb + 1, *la);
    }
}

#[test]
fn github_format_prints_readable_lines_annotations_and_a_step_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "## étape précédente\n").unwrap();
    let out = Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["validate", BROKEN, "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("erreur[E020]"), "readable text first: {text}");
    assert!(text.contains("::error file=tests/cases/semantique.yaml,line=2,col=5"), "{text}");
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(markdown.starts_with("## étape précédente\n"), "appended, not replaced");
    assert!(markdown.contains("1 fichier vérifié : 7 erreurs, 4 avertissements."));
    assert_eq!(markdown.matches("\n| E0").count() + markdown.matches("\n| W0").count(), 11, "{markdown}");
    assert!(markdown.contains("`tests/cases/semantique.yaml:37:14`"));
}

#[test]
fn an_unwritable_step_summary_is_a_clear_error() {
    let out = Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(root())
        .env("GITHUB_STEP_SUMMARY", "/nonexistent-folder/summary.md")
        .args(["validate", "profiles", "--format", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent-folder/summary.md"), "{err}");
}
