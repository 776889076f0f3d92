//! Hostile and broken spreadsheets for `refnum import` (issue 13): each ends
//! quickly with a French message that says where the problem is, and exit
//! code 1 (a finding) or 2 (a workbook that cannot be read); never a panic,
//! an abort, or a profile that silently lost rows.
//!
//! The inputs live in `tests/fuzz-corpus/` (written by
//! `tests/fuzz-corpus/make_xlsx.py`), so that fuzzing starts from them.

mod common;

use std::io::Write;

use common::{ok, refnum, root, stderr};

/// Runs `refnum import` on a file and returns (exit code, standard error).
fn import(path: &str) -> (Option<i32>, String) {
    let o = refnum(&["import", path, "--id", "essai", "--date", "2026-11-28"]);
    let err = stderr(&o);
    assert!(!err.contains("panicked"), "{path}: {err}");
    if o.status.code() != Some(0) {
        assert!(o.stdout.is_empty(), "{path}: nothing written on failure");
    }
    (o.status.code(), err)
}

#[test]
fn every_hostile_workbook_gets_a_located_message() {
    let cases: [(&str, i32, &[&str]); 9] = [
        // 1. One value in the last cell: read as one cell, not a 17-billion-cell range.
        (
            "xfd1048576.xlsx",
            1,
            &["E013", "feuille « savoirs », ligne 1048576, colonne B", "des valeurs, colonne XFD", ":1048576:2"],
        ),
        // 1. A reference beyond Excel's bounds: no capacity overflow.
        (
            "ref-overflow.xlsx",
            2,
            &[
                "classeur illisible : feuille « savoirs » : ligne 3 : référence de cellule « ZZZZZZZZ99999999999 » invalide (Excel va de A1 à XFD1048576)",
            ],
        ),
        // 4. 17 MiB of text in a few KiB: stopped while inflating.
        ("zip-bomb.xlsx", 1, &["E003", "une fois décompressé, le classeur dépasse la limite de 16 Mio"]),
        // 5. Nothing dropped silently.
        (
            "truncated-sheet.xlsx",
            2,
            &["feuille « savoirs » : la partie xl/worksheets/sheet1.xml est mal formée ou tronquée"],
        ),
        (
            "shared-string-out-of-range.xlsx",
            2,
            &[
                "feuille « savoirs », cellule B2 : la cellule renvoie à la chaîne partagée n° 99, mais le classeur n'en compte que 11",
            ],
        ),
        (
            "shared-string-negative.xlsx",
            2,
            &["feuille « savoirs », cellule B2 : numéro de chaîne partagée « -1 » invalide"],
        ),
        // 15. Missing parts are named, not reported as an empty table.
        (
            "missing-shared-strings.xlsx",
            2,
            &[
                "cellule A1 : la cellule renvoie à la chaîne partagée n° 0, mais le classeur n'a pas de table des chaînes partagées (xl/sharedStrings.xml)",
            ],
        ),
        ("missing-workbook.xlsx", 2, &["classeur illisible : la partie xl/workbook.xml manque"]),
        // 15. Columns past Z keep their letters.
        ("column-ab.xlsx", 1, &["E012", "feuille « savoirs », ligne 2, colonne AB, « niveau »", ":2:28"]),
    ];
    for (name, code, expected) in cases {
        let path = root().join("tests/fuzz-corpus/xlsx").join(name);
        let (status, err) = import(path.to_str().unwrap());
        assert_eq!(status, Some(code), "{name}: {err}");
        for text in expected {
            assert!(err.contains(text), "{name}: `{text}` not in\n{err}");
        }
        assert!(!err.contains("aucune ligne"), "{name}: {err}");
    }
}

#[test]
fn a_valid_workbook_over_the_size_limit_gets_e003() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gros.xlsx");
    // A real archive, stored without compression, just over 4 MiB.
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("xl/media/image1.bin", stored).unwrap();
    let noise: Vec<u8> =
        (0..4 * 1024 * 1024 + 1024).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    zip.write_all(&noise).unwrap();
    zip.finish().unwrap();
    let (status, err) = import(path.to_str().unwrap());
    assert_eq!(status, Some(1), "{err}");
    assert!(err.contains("erreur[E003]: le fichier dépasse la limite de 4 Mio"), "{err}");
    assert!(!err.contains("EOCD"), "{err}");
}

#[test]
fn csv_line_endings_and_headers_are_read_as_written() {
    // Old Mac line endings (a carriage return alone): three lines, not one header.
    let path = root().join("tests/fuzz-corpus/csv/bare-cr.csv");
    let (status, err) = import(path.to_str().unwrap());
    assert_eq!(status, Some(1), "{err}");
    assert!(err.contains("ligne 3, colonne 6, « niveau »") && err.contains("bare-cr.csv:3:24"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("mac.csv");
    std::fs::write(
        &good,
        "profil;categorie;id;libelle;description;niveau;essentielle;missions;digcomp;pix\rp;savoirs;S-01;Outils;;2;oui;M-01;;\r",
    )
    .unwrap();
    let yaml = ok(&refnum(&["import", good.to_str().unwrap(), "--id", "mac", "--date", "2026-11-28"]));
    assert!(yaml.contains("id: S-01") && yaml.contains("libelle: Outils"), "{yaml}");
    // A known column twice: refused, both columns named.
    let path = root().join("tests/fuzz-corpus/csv/duplicate-column.csv");
    let (status, err) = import(path.to_str().unwrap());
    assert_eq!(status, Some(1), "{err}");
    assert!(
        err.contains("erreur[E002]: la colonne `niveau` apparaît deux fois dans l'en-tête, colonnes 5 et 7"),
        "{err}"
    );
    assert!(err.contains("duplicate-column.csv:1:48"), "{err}");
}

#[test]
fn a_table_whose_profile_would_be_too_large_says_so() {
    // 3.7 MB of CSV, under the file limit, whose profile would weigh about 10 MB.
    let mut csv = String::from("profil;categorie;id;libelle;description;niveau;essentielle;missions;digcomp;pix\n");
    for i in 0..105_000 {
        csv.push_str(&format!("p;savoirs;S-{i};L;;1;oui;M-01;;\n"));
    }
    assert!(csv.len() < 4 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.csv");
    std::fs::write(&path, csv).unwrap();
    let (status, err) = import(path.to_str().unwrap());
    assert_eq!(status, Some(1), "{err}");
    assert!(err.contains("erreur[E003]: le profil construit depuis ce tableau ferait"), "{err}");
    assert!(err.contains("au-delà de la limite de 4 Mio d'un profil") && !err.contains("le fichier dépasse"), "{err}");
}

/// The minimal valid profile, with texts a spreadsheet would run as formulas.
fn formula_profile(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml"))
        .unwrap()
        .replace(
            "libelle: Services publics en ligne et leurs démarches courantes",
            "libelle: \"=HYPERLINK(\\\"https://exemple.invalid\\\";\\\"clic\\\")\"",
        )
        .replace("libelle: Conduire un entretien d'accueil", "libelle: \"+33 1 23 45 67 89\"")
        .replace("libelle: Animer un atelier collectif", "libelle: \"'@SOMME(A1:A9)\"")
        .replace("libelle: Patience et bienveillance envers les débutant·es", "libelle: \"-2+3\"");
    let path = dir.join("formules.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn csv_export_neutralises_formulas_and_import_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let profile = formula_profile(dir.path());
    assert_eq!(refnum(&["validate", profile.to_str().unwrap()]).status.code(), Some(0));
    let csv = dir.path().join("f.csv");
    ok(&refnum(&["export", profile.to_str().unwrap(), "--sans-bom", "-o", csv.to_str().unwrap()]));
    let written = std::fs::read_to_string(&csv).unwrap();
    for guarded in ["'=HYPERLINK(", ";'+33 1 23", ";''@SOMME(A1:A9);", ";'-2+3;"] {
        assert!(written.contains(guarded), "`{guarded}` in\n{written}");
    }
    // No cell starts with a formula character.
    for line in written.lines() {
        for cell in line.split(';') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?} in {line}");
        }
    }
    let back = dir.path().join("retour.yaml");
    ok(&refnum(&[
        "import",
        csv.to_str().unwrap(),
        "--id",
        "mediateur-numerique",
        "--base",
        profile.to_str().unwrap(),
        "-o",
        back.to_str().unwrap(),
    ]));
    let again = ok(&refnum(&["export", back.to_str().unwrap(), "--sans-bom"]));
    assert_eq!(again, written, "the round trip is exact");
    let yaml = std::fs::read_to_string(&back).unwrap();
    assert!(yaml.contains("=HYPERLINK(") && !yaml.contains("'=HYPERLINK"), "{yaml}");
}

#[test]
fn xlsx_export_refuses_a_text_too_long_for_a_cell_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml"))
        .unwrap()
        .replace("libelle: Conduire un entretien d'accueil", &format!("libelle: {}", "entretien ".repeat(3_300)));
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, text).unwrap();
    assert_eq!(refnum(&["validate", path.to_str().unwrap()]).status.code(), Some(0), "validate accepts it");
    let out = dir.path().join("long.xlsx");
    let o = refnum(&["export", path.to_str().unwrap(), "--format", "xlsx", "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "erreur[E003]: la colonne `libelle` de la compétence `SF-01` compterait 32999 caractères : une cellule Excel en contient au plus 32767"
        ),
        "{err}"
    );
    assert!(err.contains("long.yaml:27:16"), "{err}");
    assert!(!out.exists(), "nothing written");
    // CSV has no such limit.
    ok(&refnum(&["export", path.to_str().unwrap(), "--format", "csv"]));
}

/// The minimal valid profile exported as `format` (`csv` or `xlsx`), with
/// `edit` applied to the CSV text or to the workbook's shared strings.
fn edited_table(dir: &std::path::Path, format: &str, edit: impl Fn(&str) -> String) -> std::path::PathBuf {
    let exported = dir.join(format!("export.{format}"));
    let profile = root().join("tests/fixtures/valid/profil-minimal.yaml");
    ok(&refnum(&["export", profile.to_str().unwrap(), "--format", format, "-o", exported.to_str().unwrap()]));
    let path = dir.join(format!("tableau.{format}"));
    if format == "csv" {
        std::fs::write(&path, edit(&std::fs::read_to_string(&exported).unwrap())).unwrap();
        return path;
    }
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&exported).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        if file.name() == "xl/sharedStrings.xml" {
            data = edit(std::str::from_utf8(&data).unwrap()).into_bytes();
        }
        writer.start_file(file.name(), zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
    path
}

/// Imports `table` to a file: it must fail (exit 1) and write nothing.
fn refused(table: &std::path::Path) -> String {
    let out = table.with_file_name("profil.yaml");
    let o = refnum(&["import", table.to_str().unwrap(), "--id", "essai", "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(o.stdout.is_empty() && !out.exists(), "nothing written: {err}");
    assert!(!err.contains("(profil construit):"), "reported on the table, not on the built profile: {err}");
    err
}

#[test]
fn a_bad_cell_is_reported_at_its_row_and_column_in_a_csv() {
    let dir = tempfile::tempdir().unwrap();
    // The second of two identical ids, naming the first.
    let csv = edited_table(dir.path(), "csv", |t| t.replace(";SF-02;", ";SF-01;"));
    let err = refused(&csv);
    assert!(
        err.contains("erreur[E021]: l'identifiant `SF-01` est déjà utilisé à la ligne 3 (ligne 4, colonne 3, « id »)"),
        "{err}"
    );
    assert!(err.contains("tableau.csv:4:34"), "{err}");
    // An invisible character in a cell.
    let csv = edited_table(dir.path(), "csv", |t| t.replace("Animer un atelier", "Animer un\u{1} atelier"));
    let err = refused(&csv);
    assert!(
        err.contains("erreur[E007]: le texte contient le caractère de contrôle U+0001, invisible, en position 10 (ligne 4, colonne 4, « libelle »)"),
        "{err}"
    );
    assert!(err.contains("tableau.csv:4:40"), "{err}");
    // A malformed id, found by the checks of the built profile.
    let csv = edited_table(dir.path(), "csv", |t| t.replace(";S-01;", ";1M-01;"));
    let err = refused(&csv);
    assert!(
        err.contains(
            "erreur[E020]: l'identifiant de compétence `1M-01` n'a pas la forme attendue (ligne 2, colonne 3, « id »)"
        ),
        "{err}"
    );
    assert!(err.contains("tableau.csv:2:29"), "{err}");
    // The id of a mission the table did not write: at the cell, the
    // mission's line named as a line of the built profile.
    let csv = edited_table(dir.path(), "csv", |t| t.replace(";S-01;", ";M-02;"));
    let err = refused(&csv);
    assert!(err.contains("erreur[E021]: l'identifiant `M-02` est déjà utilisé à la ligne "), "{err}");
    assert!(err.contains(" du profil construit (ligne 2, colonne 3, « id »)"), "{err}");
    assert!(err.contains("tableau.csv:2:29"), "{err}");
}

#[test]
fn a_bad_cell_is_reported_at_its_sheet_row_and_column_in_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = edited_table(dir.path(), "xlsx", |t| t.replace("<t>SF-02</t>", "<t>SF-01</t>"));
    let err = refused(&xlsx);
    assert!(
        err.contains("erreur[E021]: l'identifiant `SF-01` est déjà utilisé à la ligne 2 de la feuille « savoir-faire » (feuille « savoir-faire », ligne 3, colonne C, « id »)"),
        "{err}"
    );
    assert!(err.contains("tableau.xlsx:3:3"), "{err}");
    // `_x0001_`: the OOXML escape of a control character.
    let xlsx = edited_table(dir.path(), "xlsx", |t| t.replace("Animer un atelier", "Animer un_x0001_ atelier"));
    let err = refused(&xlsx);
    assert!(
        err.contains("erreur[E007]: le texte contient le caractère de contrôle U+0001, invisible, en position 10 (feuille « savoir-faire », ligne 3, colonne D, « libelle »)"),
        "{err}"
    );
    let xlsx = edited_table(dir.path(), "xlsx", |t| t.replace("<t>S-01</t>", "<t>1M-01</t>"));
    let err = refused(&xlsx);
    assert!(
        err.contains("erreur[E020]: l'identifiant de compétence `1M-01` n'a pas la forme attendue (feuille « savoirs », ligne 2, colonne C, « id »)"),
        "{err}"
    );
    assert!(err.contains("tableau.xlsx:2:3"), "{err}");
}
