//! The command line as people use it: real files in, text and exit codes out.

mod common;

use common::*;

#[test]
fn validate_without_path_checks_the_local_profiles_folder() {
    let o = refnum(&["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "2 fichiers vérifiés : aucun problème.\n");
}

#[test]
fn validate_without_path_and_without_profiles_folder_checks_the_built_in_profiles() {
    let empty = tempfile::tempdir().unwrap();
    let o = refnum_in(empty.path(), &["validate"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "2 fichiers vérifiés : aucun problème.\n");
}

#[test]
fn structural_errors_are_all_reported_in_one_run() {
    let o = refnum(&["validate", "tests/cases/structure.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("human_structure", stdout(&o));
}

#[test]
fn semantic_errors_and_warnings_are_all_reported() {
    let o = refnum(&["validate", "tests/cases/semantique.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("human_semantique", stdout(&o));
}

#[test]
fn the_occupation_codes_are_checked_like_the_competence_codes() {
    let o = refnum(&["validate", "--format", "json", "tests/cases/metier.yaml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let found: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let esco = "`http://data.europa.eu/esco/skill/0a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d` n'est pas l'adresse d'une profession ESCO";
    assert_eq!(
        found,
        vec![
            ("E024".to_owned(), 7, "`Z1802` n'a pas la forme d'un code ROME".to_owned()),
            ("E024".to_owned(), 7, "`k1802` n'a pas la forme d'un code ROME".to_owned()),
            ("E024".to_owned(), 10, esco.to_owned()),
        ]
    );
}

#[test]
fn a_post_with_an_unknown_profile_gets_a_suggestion() {
    let o = refnum(&["validate", "tests/cases/poste-orphelin.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("human_poste_orphelin", stdout(&o));
}

#[test]
fn warnings_pass_unless_denied() {
    let o = refnum(&["validate", "tests/cases/avertissements.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with("1 fichier vérifié : 0 erreur, 1 avertissement.\n"), "{}", stdout(&o));
    let o = refnum(&["validate", "--deny-warnings", "tests/cases/avertissements.yaml"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn json_output_is_a_stable_document() {
    let o = refnum(&["validate", "--format", "json", "tests/cases/semantique.yaml", "tests/cases/avertissements.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["summary"]["files_with_errors"], 1);
    assert_eq!(
        doc["summary"]["errors"].as_u64().unwrap() as usize,
        diagnostics.iter().filter(|d| d["severity"] == "error").count()
    );
    for d in diagnostics {
        for key in ["code", "severity", "message", "file", "line", "column", "end_line", "end_column", "help"] {
            assert!(d.get(key).is_some(), "missing {key} in {d}");
        }
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(d["end_line"].as_u64() >= d["line"].as_u64());
    }
    let first = &diagnostics[0];
    assert_eq!(first["code"], "E020");
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(2), Some(5)));
    assert_eq!(first["end_column"].as_u64(), Some(5 + "Animateur-Numerique".len() as u64));
    insta::assert_snapshot!("json_semantique", stdout(&o));
}

#[test]
fn github_output_is_one_escaped_command_per_finding() {
    let o = refnum(&["validate", "--format", "github", "tests/cases/semantique.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    // The readable text comes first; the workflow commands follow it.
    let start = out.find("\n::").expect("workflow commands") + 1;
    assert!(out[..start].contains("erreur[E020]"), "readable text before the commands: {out}");
    let lines: Vec<&str> = out[start..].lines().collect();
    let (findings, notice) = lines.split_at(lines.len() - 1);
    assert!(notice[0].starts_with("::notice title=refnum::1 fichier vérifié"));
    assert_eq!(findings.len(), 11);
    for line in findings {
        let rest = line.strip_prefix("::error ").or_else(|| line.strip_prefix("::warning ")).expect(line);
        let (properties, message) = rest.split_once("::").expect(line);
        let fields: Vec<(&str, &str)> = properties.split(',').map(|p| p.split_once('=').expect(p)).collect();
        let keys: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["file", "line", "col", "endLine", "title"]);
        assert_eq!(fields[0].1, "tests/cases/semantique.yaml");
        assert!(fields[1].1.parse::<u32>().unwrap() >= 1);
        assert!(!message.contains('\n'));
        assert!(message.contains("%0Aaide : "), "help is on an escaped second line: {message}");
    }
}

#[test]
fn a_missing_path_is_a_failure_to_run() {
    let o = refnum(&["validate", "nulle-part.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "erreur : nulle-part.yaml : fichier ou dossier introuvable\n");
}

#[test]
fn a_folder_without_yaml_is_a_failure_to_run() {
    let empty = tempfile::tempdir().unwrap();
    let o = refnum(&["validate", empty.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("aucun fichier .yaml ou .yml"));
}

#[test]
fn folders_are_searched_recursively_and_hidden_folders_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::copy(root().join("profiles/conseiller-referent-entreprise.yaml"), nested.join("c.yml")).unwrap();
    std::fs::write(dir.path().join(".git/broken.yaml"), "[").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "pas du YAML").unwrap();
    let o = refnum(&["validate", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "1 fichier vérifié : aucun problème.\n");
}

#[test]
fn the_same_profile_id_in_two_files_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.yaml", "b.yaml"] {
        std::fs::copy(root().join("profiles/conseiller-referent-entreprise.yaml"), dir.path().join(name)).unwrap();
    }
    let o = refnum(&["validate", "--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(doc["diagnostics"][0]["code"], "E030");
    assert!(doc["diagnostics"][0]["file"].as_str().unwrap().ends_with("b.yaml"));
}

#[test]
fn list_shows_each_profile_with_its_counts() {
    let o = refnum(&["list"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("list_table", stdout(&o));
    let o = refnum(&["list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert_eq!(row["type"], "profil");
        assert!(row["savoirs"].as_u64().unwrap() >= 8);
        assert!(row["savoir_faire"].as_u64().unwrap() >= 10);
        assert!(row["savoir_etre"].as_u64().unwrap() >= 6);
        assert!((4..=7).contains(&row["missions"].as_u64().unwrap()));
    }
}

#[test]
fn list_reports_invalid_files_apart() {
    let o = refnum(&["list", "profiles", "tests/cases/structure.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 3);
    assert!(stderr(&o).contains("1 fichier(s) non listé(s)"));
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    for kind in ["profil", "poste", "adaptation"] {
        let o = refnum(&["schema", kind]);
        assert_eq!(o.status.code(), Some(0));
        let committed = std::fs::read_to_string(root().join(format!("schemas/{kind}.schema.json"))).unwrap();
        assert_eq!(
            stdout(&o),
            committed,
            "schemas/{kind}.schema.json is stale: run `cargo run -- schema {kind} > schemas/{kind}.schema.json`"
        );
    }
}

#[test]
fn every_profile_file_declares_its_schema_for_editors() {
    for entry in std::fs::read_dir(root().join("profiles")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../schemas/profil.schema.json\n"));
    }
}

#[test]
fn help_is_in_french() {
    let o = refnum(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Vérifie des profils"), "{out}");
    assert!(out.contains("Usage : refnum [OPTIONS] <COMMANDE>") && out.contains("Affiche l'aide"));
}

/// Every command of the command line, as its path of names.
fn every_command() -> Vec<Vec<String>> {
    refnum::commands::manpage::paths()
}

#[test]
fn every_help_heading_is_spaced_the_same_way_and_every_placeholder_is_french() {
    for path in every_command() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let out = ok(&refnum(&args));
        let headings: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ') && l.ends_with(':')).collect();
        assert!(headings.contains(&"Options :"), "{args:?}: {out}");
        for heading in headings {
            assert!(["Arguments :", "Commandes :", "Options :"].contains(&heading), "{args:?}: « {heading} »");
        }
        assert!(!out.contains("Usage:") && out.contains("Usage : refnum"), "{args:?}: {out}");
        // Placeholders are the words in <…> or […]: French, or a name kept as is.
        let english = ["KIND", "PATH", "FILE", "DIR", "COMMAND", "SHELL_TYPE", "WHEN", "VALUE", "NAME", "OUTPUT"];
        for word in english {
            assert!(
                !out.contains(&format!("<{word}>")) && !out.contains(&format!("[{word}]")),
                "{args:?}: {word} in {out}"
            );
        }
        for english in ["Print help", "Print version", "Possible values", "[default", "Subcommands", "Commands:"] {
            assert!(!out.contains(english), "{args:?}: {english} in {out}");
        }
    }
    let schema = ok(&refnum(&["schema", "--help"]));
    assert!(schema.contains("Usage : refnum schema [OPTIONS] [TYPE]"), "{schema}");
}

#[test]
fn the_help_command_shows_the_help_of_a_command() {
    let o = refnum(&["help", "fiche"]);
    assert_eq!(stdout(&o), ok(&refnum(&["fiche", "--help"])));
    assert!(stdout(&o).contains("Usage : refnum fiche [OPTIONS] <POSTE|PROFIL>"));
    let nested = ok(&refnum(&["help", "templates", "export"]));
    assert!(nested.contains("Usage : refnum templates export [OPTIONS] <DOSSIER>"), "{nested}");
    assert_eq!(ok(&refnum(&["help"])), ok(&refnum(&["--help"])));
    let o = refnum(&["help", "fichier"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("commande inconnue « fichier »"), "{}", stderr(&o));
}

#[test]
fn usage_errors_point_to_the_help_of_their_command() {
    let o = refnum(&["fiche", "--inconnue"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).ends_with("Pour plus d'informations, essayez `refnum fiche --help`.\n"), "{}", stderr(&o));
    let o = refnum(&["--color", "never", "templates", "export"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("essayez `refnum templates export --help`"), "{}", stderr(&o));
    let o = refnum(&["nimporte"]);
    assert!(stderr(&o).contains("essayez `refnum --help`"), "{}", stderr(&o));
    // A command without its subcommand shows its own help.
    let o = refnum(&["templates"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage : refnum templates [OPTIONS] <COMMANDE>"), "{}", stderr(&o));
}

/// Runs `refnum` with the environment given, nothing else inherited about colour.
fn refnum_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = assert_cmd::Command::cargo_bin("refnum").unwrap();
    command.current_dir(root()).env_remove("NO_COLOR").env_remove("TERM");
    for (k, v) in env {
        command.env(k, v);
    }
    command.args(args).output().unwrap()
}

#[test]
fn color_is_asked_for_with_the_color_option() {
    let file = "tests/cases/semantique.yaml";
    let always = stdout(&refnum_env(&["validate", file, "--color", "always"], &[]));
    assert!(always.contains("\x1b["), "{always}");
    // Asked for explicitly, colour wins over NO_COLOR and TERM=dumb.
    let forced =
        stdout(&refnum_env(&["--color", "toujours", "validate", file], &[("NO_COLOR", "1"), ("TERM", "dumb")]));
    assert_eq!(forced, always);
    for (args, env) in [
        (vec!["validate", file, "--color", "never"], vec![]),
        (vec!["validate", file, "--color", "auto"], vec![("TERM", "xterm-256color")]),
        (vec!["validate", file], vec![]),
    ] {
        let out = stdout(&refnum_env(&args, &env));
        assert!(!out.contains('\x1b'), "{args:?}: {out}");
        assert!(out.contains("erreur[E020]"), "{out}");
    }
    let o = refnum_env(&["validate", file, "--color", "parfois"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("valeur « parfois » invalide pour --color"), "{}", stderr(&o));
}

#[test]
fn auto_color_needs_a_terminal_and_no_opt_out() {
    use refnum::cli::ColorChoice::{Always, Auto, Never};
    use std::ffi::OsStr;
    let xterm = Some(OsStr::new("xterm"));
    assert!(Auto.wants(true, None, xterm));
    assert!(Auto.wants(true, Some(OsStr::new("")), None));
    assert!(!Auto.wants(false, None, xterm));
    assert!(!Auto.wants(true, Some(OsStr::new("1")), xterm));
    assert!(!Auto.wants(true, None, Some(OsStr::new("dumb"))));
    assert!(Always.wants(false, Some(OsStr::new("1")), Some(OsStr::new("dumb"))));
    assert!(!Never.wants(true, None, xterm));
}

/// Runs `refnum` in `dir` with `input` on its standard input.
fn refnum_stdin(dir: &std::path::Path, args: &[&str], input: &[u8]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("refnum")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap()
}

#[test]
fn a_dash_reads_the_file_from_standard_input() {
    let profil = std::fs::read(root().join("profiles/conseiller-referent-entreprise.yaml")).unwrap();
    let o = refnum_stdin(&root(), &["validate", "-"], &profil);
    assert_eq!(stdout(&o), "1 fichier vérifié : aucun problème.\n");
    // Problems are located in « <entrée standard> ».
    let broken = std::fs::read(root().join("tests/cases/semantique.yaml")).unwrap();
    let o = refnum_stdin(&root(), &["validate", "-", "--format", "json"], &broken);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["diagnostics"][0]["file"], "<entrée standard>", "{report}");
    let o = refnum_stdin(&root(), &["validate", "-"], &broken);
    assert!(stdout(&o).contains(" --> <entrée standard>:2:5"), "{}", stdout(&o));
    // The same document, from a file or from standard input.
    for command in [vec!["render", "--format", "markdown"], vec!["resolve"], vec!["fiche", "--format", "markdown"]] {
        let mut from_file = command.clone();
        from_file.insert(1, "profiles/conseiller-referent-entreprise.yaml");
        let mut from_stdin = command.clone();
        from_stdin.insert(1, "-");
        assert_eq!(ok(&refnum_stdin(&root(), &from_stdin, &profil)), ok(&refnum(&from_file)), "{command:?}");
    }
    // A post read from standard input finds its profile as a file of the working directory would.
    let poste = std::fs::read(root().join("examples/adaptations/poste-cci-montverac-conseiller.yaml")).unwrap();
    let dir = root().join("examples/adaptations");
    let fiche = ok(&refnum_stdin(&dir, &["fiche", "-", "--format", "markdown"], &poste));
    assert_eq!(fiche, ok(&refnum_in(&dir, &["fiche", "poste-cci-montverac-conseiller.yaml", "--format", "markdown"])));
    // Standard input is read once: a diff of it with itself is empty.
    let o = refnum_stdin(&root(), &["diff", "-", "-"], &profil);
    assert!(ok(&o).contains("aucune différence"), "{}", stdout(&o));
}

#[test]
fn dash_o_dash_writes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let o = refnum_in(dir.path(), &["render", "conseiller", "--format", "markdown", "-o", "-"]);
    assert_eq!(ok(&o), ok(&refnum_in(dir.path(), &["render", "conseiller", "--format", "markdown"])));
    assert_eq!(stderr(&o), "");
    let o = refnum_in(dir.path(), &["new", "essai", "--extends", "conseiller", "-o", "-", "--date", "2026-01-01"]);
    assert!(ok(&o).starts_with("# Adaptation locale du profil") && stdout(&o).contains("\nextends:"), "{}", stdout(&o));
    let o = refnum_in(dir.path(), &["export", "conseiller", "-o", "-"]);
    assert!(ok(&o).starts_with("\u{feff}profil;categorie;id;"), "{}", stdout(&o));
    // Nothing was written under the name `-`.
    assert!(!dir.path().join("-").exists());
}

#[test]
fn usage_errors_are_in_french_with_exit_code_2() {
    let o = refnum(&["validate", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("erreur : valeur « xml » invalide pour --format"), "{}", stderr(&o));
    assert!(stderr(&o).contains("human, json, github"));
    let o = refnum(&["valider"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("commande inconnue « valider »") && stderr(&o).contains("« validate »"),
        "{}",
        stderr(&o)
    );
    let o = refnum(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Usage : refnum [OPTIONS] <COMMANDE>"));
    let o = refnum(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("refnum {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn shell_completions_and_man_page_come_from_the_command_definition() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout(&refnum(&["completions", shell]));
        for command in ["validate", "fiche", "render", "resolve", "diff", "new"] {
            assert!(out.contains(command), "{shell} completion lacks {command}");
        }
    }
    let man = stdout(&refnum(&["manpage"]));
    assert!(man.starts_with(".ie") || man.contains(".TH REFNUM 1"), "{man}");
    assert!(man.contains(".SH NOM") && man.contains("Vérifie des profils"));
}

#[test]
fn every_command_has_its_man_page_with_exit_codes_examples_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    let o = refnum_in(dir.path(), &["manpage", "--dossier", "man1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let expected: Vec<String> = every_command()
        .iter()
        .map(|p| {
            format!("{}.1", std::iter::once("refnum").chain(p.iter().map(String::as_str)).collect::<Vec<_>>().join("-"))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(names, expected);
    assert!(names.contains(&"refnum-fiche.1".to_owned()) && names.contains(&"refnum-templates-export.1".to_owned()));
    for name in &names {
        let page = std::fs::read_to_string(dir.path().join("man1").join(name)).unwrap();
        let title = name.trim_end_matches(".1").to_uppercase();
        assert!(page.contains(&format!(".TH {title} 1")), "{name}: {page}");
        for section in ["NOM", "SYNOPSIS", "OPTIONS", "\"CODES DE SORTIE\"", "EXEMPLES", "ENVIRONNEMENT"] {
            assert!(page.contains(&format!(".SH {section}\n")), "{name} lacks {section}");
        }
        for variable in ["NO_COLOR", "TERM", "GITHUB_STEP_SUMMARY", "REFNUM_DOCS_URL"] {
            assert!(page.contains(variable), "{name} lacks {variable}");
        }
        for english in [".SH NAME", "SUBCOMMANDS", "Possible values", "[default", "AUTHORS"] {
            assert!(!page.contains(english), "{name}: {english}");
        }
    }
    // The page of one command on standard output is the file's.
    let fiche = ok(&refnum(&["manpage", "fiche"]));
    assert_eq!(fiche, std::fs::read_to_string(dir.path().join("man1/refnum-fiche.1")).unwrap());
    assert!(fiche.contains("\\fBrefnum fiche\\fR") && fiche.contains("\\-\\-reference\\-docx"), "{fiche}");
}
