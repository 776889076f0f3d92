//! Assessment: grids built, filled the way a person would fill them (cells
//! of the exported workbook, or a YAML file), read back into gap reports;
//! each malformed grid refused at its place, with nothing written.

mod common;

use std::io::{Read, Write};
use std::path::Path;

use common::*;

const PROFIL: &str = "conseiller-referent-entreprise";

/// The grid of the built-in conseiller profile, written in `dir`.
fn grid(dir: &Path, name: &str) -> Vec<u8> {
    ok(&refnum_in(dir, &["grille", "conseiller", "-o", name]));
    std::fs::read(dir.join(name)).unwrap()
}

/// The parts of a workbook, by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().to_owned(), data)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let (_, data) = parts(bytes).into_iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(data).unwrap()
}

fn repack(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Types `text` into a cell of a sheet, as Excel would store it (an inline
/// string in place of the empty cell the grid left there).
fn type_into(sheet: &str, cell: &str, text: &str) -> String {
    let open = format!("<c r=\"{cell}\"");
    let start = sheet.find(&open).unwrap_or_else(|| panic!("no cell {cell}"));
    let end = start + sheet[start..].find("/>").unwrap() + 2;
    let style = sheet[start..end].split("s=\"").nth(1).map(|s| s.split('"').next().unwrap().to_owned());
    let style = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
    format!(
        "{}<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{}</t></is></c>{}",
        &sheet[..start],
        escape(text),
        &sheet[end..]
    )
}

/// A copy of a workbook with cells of the « Grille » sheet typed in.
fn fill(bytes: &[u8], cells: &[(&str, &str)]) -> Vec<u8> {
    edit(bytes, "xl/worksheets/sheet1.xml", |sheet| {
        cells.iter().fold(sheet.to_owned(), |s, (c, t)| type_into(&s, c, t))
    })
}

fn edit(bytes: &[u8], name: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = parts(bytes)
        .into_iter()
        .map(|(n, d)| if n == name { (n, change(&String::from_utf8(d).unwrap()).into_bytes()) } else { (n, d) })
        .collect();
    repack(&parts)
}

fn json(dir: &Path, grids: &[&str], extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["positionnement"];
    args.extend_from_slice(grids);
    args.extend_from_slice(&["--format", "json"]);
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(&refnum_in(dir, &args))).unwrap()
}

fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect()
}

#[test]
fn a_grid_filled_in_excel_gives_the_gap_report_of_the_person() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = grid(dir.path(), "grille.xlsx");
    // Rows 10 to 13: S-01, S-02, S-03 (essentials, Maîtrise required) then S-04.
    let filled = fill(
        &bytes,
        &[
            ("C3", "Camille Martin"),
            ("C4", "Dominique Leroy"),
            ("C5", "2026-03-02"),
            ("C6", "Entretien annuel"),
            ("G10", "2 – Application"),
            ("H10", "Confond trésorerie et chiffre d'affaires"),
            ("G11", "3 – Maîtrise"),
            ("G12", "4 – Expertise"),
            ("H12", "Forme ses collègues à la facture électronique"),
            ("G13", "1 – Notions"),
            ("G14", "non évalué"),
        ],
    );
    std::fs::write(dir.path().join("camille.xlsx"), &filled).unwrap();
    let r = json(dir.path(), &["camille.xlsx"], &[]);
    assert_eq!(r["profil"]["id"], PROFIL);
    assert_eq!(r["personne"], "Camille Martin");
    assert_eq!(r["evaluateur"], "Dominique Leroy");
    assert_eq!(r["date"], "2026-03-02");
    assert_eq!(r["contexte"], "Entretien annuel");
    assert_eq!(r["synthese"]["evaluees"], 4);
    assert_eq!(r["synthese"]["en_dessous"], 2);
    assert_eq!(r["synthese"]["essentielles_en_dessous"], 2);
    // Essentials first, then the largest gap: S-04 (gap 2) before S-01 (gap 1).
    assert_eq!(ids(&r["en_dessous"]), ["S-04", "S-01"]);
    assert_eq!(r["en_dessous"][0]["ecart"], -2);
    assert_eq!(r["en_dessous"][1]["preuves"], "Confond trésorerie et chiffre d'affaires");
    assert_eq!(ids(&r["au_niveau"]), ["S-02"]);
    assert_eq!(ids(&r["au_dessus"]), ["S-03"]);
    assert_eq!(r["au_dessus"][0]["preuves"], "Forme ses collègues à la facture électronique");
    assert_eq!(ids(&r["plan"]), ["S-04", "S-01"]);
    assert_eq!(r["plan"][1]["de"], "Application (2)");
    assert_eq!(r["plan"][1]["vers"], "Maîtrise (3)");
    let total = r["synthese"]["competences"].as_u64().unwrap();
    assert_eq!(r["synthese"]["non_evaluees"].as_u64().unwrap(), total - 4);
    // The HTML report says the same, and the same bytes every time.
    let html = ok(&refnum_in(dir.path(), &["positionnement", "camille.xlsx"]));
    assert!(html.contains("<h2 id=\"plan\">Plan de développement</h2>"));
    assert!(html.contains("de Application (2) à Maîtrise (3)"));
    assert_eq!(html, ok(&refnum_in(dir.path(), &["positionnement", "camille.xlsx"])));
    // Pseudonymised: a stable code, no evaluator.
    let p = json(dir.path(), &["camille.xlsx"], &["--pseudonymiser"]);
    let code = p["personne"].as_str().unwrap();
    assert!(code.starts_with("P-") && code.len() == 8, "{code}");
    assert!(p["evaluateur"].is_null());
    assert_eq!(p["personne"], json(dir.path(), &["camille.xlsx"], &["--pseudonymiser"])["personne"]);
}

#[test]
fn a_yaml_positioning_gives_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("camille.yaml"),
        format!(
            "type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\npersonne: Camille Martin\ndate: 2026-03-02\ncontexte: positionnement-formation\nobservations:\n  - competence: S-01\n    niveau: 2\n    preuves: Confond trésorerie et chiffre d'affaires\n  - competence: S-02\n    niveau: 3\n  - competence: S-03\n    niveau: 4\n  - competence: S-04\n    niveau: 1\n  - competence: S-05\n"
        ),
    )
    .unwrap();
    let r = json(dir.path(), &["camille.yaml"], &[]);
    assert_eq!(r["contexte"], "Positionnement avant formation");
    assert_eq!(ids(&r["en_dessous"]), ["S-04", "S-01"]);
    assert_eq!(ids(&r["au_niveau"]), ["S-02"]);
    assert_eq!(ids(&r["au_dessus"]), ["S-03"]);
    assert_eq!(r["synthese"]["evaluees"], 4);
    // The schema of the format, for editors.
    let schema: serde_json::Value = serde_json::from_str(&ok(&refnum(&["schema", "positionnement"]))).unwrap();
    assert_eq!(schema["title"], "Positionnement refnum (format v1)");
    let committed = std::fs::read_to_string(root().join("schemas/positionnement.schema.json")).unwrap();
    assert_eq!(
        ok(&refnum(&["schema", "positionnement"])),
        committed,
        "run `cargo run -- schema positionnement > schemas/positionnement.schema.json`"
    );
}

#[test]
fn a_team_of_three_gives_the_count_below_level_of_each_competence() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = grid(dir.path(), "grille.xlsx");
    let people = [
        ("a.xlsx", "Alice", [("G10", "2 – Application"), ("G11", "3 – Maîtrise"), ("G12", "1 – Notions")]),
        ("b.xlsx", "Bruno", [("G10", "1 – Notions"), ("G11", "2 – Application"), ("G12", "3 – Maîtrise")]),
        ("c.xlsx", "Chloé", [("G10", "3 – Maîtrise"), ("G11", "4 – Expertise"), ("G12", "2 – Application")]),
    ];
    for (file, name, cells) in &people {
        let mut all = vec![("C3", *name)];
        all.extend_from_slice(cells);
        std::fs::write(dir.path().join(file), fill(&bytes, &all)).unwrap();
    }
    let e = json(dir.path(), &["a.xlsx", "b.xlsx", "c.xlsx"], &[]);
    assert_eq!(e["personnes"], serde_json::json!(["Alice", "Bruno", "Chloé"]));
    let line = |id: &str| e["lignes"].as_array().unwrap().iter().find(|l| l["id"] == id).unwrap().clone();
    assert_eq!(line("S-01")["en_dessous"], 2);
    assert_eq!(line("S-02")["en_dessous"], 1);
    assert_eq!(line("S-03")["en_dessous"], 2);
    assert_eq!(line("S-04")["en_dessous"], 0);
    assert_eq!(line("S-04")["non_evalues"], 3);
    assert_eq!(line("S-01")["cellules"][1]["texte"], "1 ▼");
    assert_eq!(line("S-02")["cellules"][2]["texte"], "4 ▲");
    // Two below on S-01 and S-03 (same total gap: the grid's order), then S-02.
    assert_eq!(ids(&e["priorites"]), ["S-01", "S-03", "S-02"]);
    assert_eq!(e["priorites"][0]["en_dessous"], 2);
    assert_eq!(e["priorites"][2]["id"], "S-02");
    // The heat map tells each state in words and signs, not colour alone.
    let html = ok(&refnum_in(dir.path(), &["positionnement", "a.xlsx", "b.xlsx", "c.xlsx"]));
    assert!(html.contains("<td class=\"carte en-dessous\"><span aria-hidden=\"true\">1 ▼</span><span class=\"visuellement-cache\">Notions (1), en dessous du niveau requis (3)</span></td>"), "{html}");
    // Pseudonymised: no name left.
    let p = ok(&refnum_in(
        dir.path(),
        &["positionnement", "a.xlsx", "b.xlsx", "c.xlsx", "--pseudonymiser", "--format", "markdown"],
    ));
    for name in ["Alice", "Bruno", "Chloé"] {
        assert!(!p.contains(name), "{name} in {p}");
    }
    assert!(p.contains("P-"));
    // In HTML a code is one word in print too: never cut at its hyphen.
    let html = ok(&refnum_in(dir.path(), &["positionnement", "a.xlsx", "b.xlsx", "c.xlsx", "--pseudonymiser"]));
    assert_eq!(html.matches("<th scope=\"col\" class=\"code\">P-").count(), 3, "{html}");
    assert!(html.contains(".equipe th.code { white-space: nowrap; }"), "{html}");
    assert!(!ok(&refnum_in(dir.path(), &["positionnement", "a.xlsx", "b.xlsx"])).contains("class=\"code\""));
}

/// Runs `positionnement` on a broken grid: refused (exit 1) with `expected`
/// in the message, and no report written.
fn refused(dir: &Path, file: &str, bytes: &[u8], expected: &[&str]) {
    std::fs::write(dir.join(file), bytes).unwrap();
    let o = refnum_in(dir, &["positionnement", file, "-o", "rapport.html"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected « {e} » in:\n{err}");
    }
    assert!(!dir.join("rapport.html").exists(), "a report was written for {file}");
}

#[test]
fn each_malformed_grid_is_refused_at_its_sheet_row_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bytes = grid(d, "grille.xlsx");
    refused(
        d,
        "hors-echelle.xlsx",
        &fill(&bytes, &[("G12", "7")]),
        &["E023", "le niveau observé « 7 » de la compétence `S-03`", "feuille « Grille », ligne 12, colonne G"],
    );
    refused(
        d,
        "libelle-inconnu.xlsx",
        &fill(&bytes, &[("G11", "Excellent")]),
        &["E023", "« Excellent »", "ligne 11, colonne G"],
    );
    // An unknown competency id: the id cell is replaced by one typed in.
    let unknown = edit(&fill(&bytes, &[("G13", "2")]), "xl/worksheets/sheet1.xml", |s| {
        let start = s.find("<c r=\"B13\"").unwrap();
        let end = start + s[start..].find("</c>").unwrap() + 4;
        format!("{}<c r=\"B13\" t=\"inlineStr\"><is><t>S-99</t></is></c>{}", &s[..start], &s[end..])
    });
    refused(d, "id-inconnu.xlsx", &unknown, &["E013", "la compétence `S-99` n'existe pas", "ligne 13, colonne B"]);
    let other_version = edit(&bytes, "xl/sharedStrings.xml", |s| s.replacen("<t>1.2.0</t>", "<t>1.0.0</t>", 1));
    refused(
        d,
        "version.xlsx",
        &other_version,
        &["E013", "version 1.0.0 du profil", "en version 1.2.0", "feuille « refnum », ligne 3, colonne B"],
    );
    let other_profile = edit(&bytes, "xl/sharedStrings.xml", |s| {
        s.replacen(&format!("<t>{PROFIL}</t>"), "<t>coordinateur-referent-entreprise</t>", 1)
    });
    refused(d, "profil.xlsx", &other_profile, &["le profil `coordinateur-referent-entreprise`"]);
    let renamed = edit(&bytes, "xl/workbook.xml", |s| s.replace("name=\"Grille\"", "name=\"Feuil1\""));
    refused(d, "renommee.xlsx", &renamed, &["E011", "la feuille « Grille » manque", "« Feuil1 »"]);
    // A column removed: the evidence column's title gone, the next ones shifted.
    let title = "Crit\u{e8}res observables";
    let removed = edit(&bytes, "xl/sharedStrings.xml", |s| s.replacen(&format!("<t>{title}</t>"), "<t>Notes</t>", 1));
    refused(d, "colonne.xlsx", &removed, &["E011", "la colonne « Critères observables » manque", "ligne 9, colonne F"]);
    // A competency row deleted (S-03, row 12): not read as « not assessed ».
    let deleted = edit(&bytes, "xl/worksheets/sheet1.xml", |s| {
        let start = s.find("<row r=\"12\"").unwrap();
        let end = start + s[start..].find("</row>").unwrap() + "</row>".len();
        format!("{}{}", &s[..start], &s[end..])
    });
    refused(d, "ligne.xlsx", &deleted, &["E011", "la ligne de la compétence `S-03` manque", "ligne 13, colonne B"]);
    // A grid of the other profile, mixed in a team: refused too.
    let coordinateur = d.join("coord.xlsx");
    ok(&refnum_in(d, &["grille", "coordinateur", "-o", "coord.xlsx"]));
    std::fs::write(d.join("ok.xlsx"), &bytes).unwrap();
    let o = refnum_in(d, &["positionnement", "ok.xlsx", coordinateur.to_str().unwrap(), "-o", "rapport.html"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("feuille « refnum », ligne 2, colonne B"), "{}", stderr(&o));
    assert!(!d.join("rapport.html").exists());
}

/// A copy of a workbook with `xml` added at the end of the « Grille » sheet's data.
fn append_rows(bytes: &[u8], xml: &str) -> Vec<u8> {
    edit(bytes, "xl/worksheets/sheet1.xml", |s| s.replacen("</sheetData>", &format!("{xml}</sheetData>"), 1))
}

#[test]
fn hostile_grids_are_refused_quickly_at_their_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bytes = grid(d, "grille.xlsx");
    // One value in the very last cell: read as one cell (not a 17-billion-cell
    // range), and refused because it lies outside the grid, where it would be lost.
    let last = append_rows(&bytes, r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#);
    refused(
        d,
        "xfd.xlsx",
        &last,
        &[
            "E010",
            "une valeur hors des colonnes de la grille (A à H) : refnum ne la lirait pas",
            "feuille « Grille », ligne 1048576, colonne XFD",
            "xfd.xlsx:1048576:16384",
        ],
    );
    // A note typed in column I: refused too, the others counted.
    let notes = fill(&bytes, &[("G10", "2")]);
    let notes = append_rows(
        &notes,
        r#"<row r="200"><c r="I200" t="inlineStr"><is><t>a</t></is></c><c r="J200" t="inlineStr"><is><t>b</t></is></c></row>"#,
    );
    refused(d, "notes.xlsx", &notes, &["E010", "(et 1 autre cellule)", "ligne 200, colonne I"]);
    // A reference beyond Excel's bounds: no capacity overflow.
    let overflow = append_rows(&bytes, r#"<row r="1048575"><c r="ZZZZZZZZ99999999999"><v>1</v></c></row>"#);
    refused(
        d,
        "reference.xlsx",
        &overflow,
        &[
            "E004",
            "classeur illisible : feuille « Grille » : ligne 1048575 : référence de cellule « ZZZZZZZZ99999999999 » invalide (Excel va de A1 à XFD1048576)",
        ],
    );
    // A zip bomb: 17 MiB of evidence in one cell, a few KiB once compressed,
    // stopped while inflating.
    let bomb = append_rows(
        &bytes,
        &format!(r#"<row r="400"><c r="H400" t="inlineStr"><is><t>{}</t></is></c></row>"#, "a".repeat(17 << 20)),
    );
    assert!(bomb.len() < 200 * 1024, "{} bytes", bomb.len());
    refused(
        d,
        "bombe.xlsx",
        &bomb,
        &["E003", "une fois décompressé, le classeur dépasse la limite de 16 Mio (partie xl/worksheets/sheet1.xml)"],
    );
    // A file over the size limit: E003 before any reading.
    let big: Vec<u8> = (0..4 * 1024 * 1024 + 1024).map(|i: u32| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    refused(d, "gros.xlsx", &big, &["E003", "le fichier dépasse la limite de 4 Mio"]);
    // Not an archive at all: located at the file, in French.
    refused(d, "texte.xlsx", b"Camille;2;3\n", &["E004", "classeur illisible : ce n'est pas un classeur XLSX lisible"]);
}

#[test]
fn a_date_typed_as_a_date_in_excel_is_read_as_shown() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = grid(dir.path(), "grille.xlsx");
    // Excel's own date format (14) added to the cell formats, then the date
    // typed into C5 as Excel stores it: a day number shown as a date.
    let styled = edit(&bytes, "xl/styles.xml", |s| {
        let count = s.split("<cellXfs count=\"").nth(1).unwrap().split('"').next().unwrap().parse::<usize>().unwrap();
        s.replacen(&format!("<cellXfs count=\"{count}\">"), &format!("<cellXfs count=\"{}\">", count + 1), 1).replacen(
            "</cellXfs>",
            r#"<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
            1,
        )
    });
    let count =
        part(&bytes, "xl/styles.xml").split("<cellXfs count=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let dated = edit(&fill(&styled, &[("C3", "Camille Martin")]), "xl/worksheets/sheet1.xml", |s| {
        let start = s.find("<c r=\"C5\"").unwrap();
        let end = start + s[start..].find("/>").unwrap() + 2;
        format!("{}<c r=\"C5\" s=\"{count}\"><v>46083</v></c>{}", &s[..start], &s[end..])
    });
    std::fs::write(dir.path().join("date.xlsx"), &dated).unwrap();
    let r = json(dir.path(), &["date.xlsx"], &[]);
    assert_eq!(r["date"], "2026-03-02");
    assert_eq!(r["personne"], "Camille Martin");
}

#[test]
fn a_malformed_yaml_positioning_is_refused_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let head = format!("type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\nobservations:\n");
    let write = |text: &str| std::fs::write(d.join("p.yaml"), text).unwrap();
    write(&format!("{head}  - competence: S-01\n    niveau: 9\n"));
    let o = refnum_in(d, &["positionnement", "p.yaml", "-o", "r.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("p.yaml:6:13"), "{}", stderr(&o));
    assert!(stderr(&o).contains("E023"));
    write(&format!("{head}  - competence: S-1\n    niveau: 2\n"));
    let o = refnum_in(d, &["positionnement", "p.yaml", "-o", "r.md"]);
    assert!(stderr(&o).contains("p.yaml:5:17") && stderr(&o).contains("vouliez-vous dire `S-"), "{}", stderr(&o));
    write(&format!("{head}  - competence: S-01\n    niveaux: 2\n"));
    let o = refnum_in(d, &["positionnement", "p.yaml", "-o", "r.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("E010"), "{}", stderr(&o));
    assert!(!d.join("r.md").exists());
}

#[test]
fn the_workbook_carries_its_drop_downs_its_protection_and_its_profile() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = grid(dir.path(), "grille.xlsx");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection sheet=\"1\""), "the sheet is protected");
    assert!(
        sheet.contains("<formula1>\"1 – Notions,2 – Application,3 – Maîtrise,4 – Expertise,non évalué\"</formula1>"),
        "the level drop-down: the scale and « non évalué »"
    );
    let rows: u32 = sheet.rsplit("<row r=\"").next().unwrap().split('"').next().unwrap().parse().unwrap();
    assert!(rows > 40, "one row per competency, after the header");
    assert!(sheet.contains(&format!("sqref=\"G10:G{rows}\"")), "every competency row has the drop-down");
    assert!(sheet.contains("<formula1>\"Recrutement,Entretien annuel,Positionnement avant formation\"</formula1>"));
    // Only the cells to fill are unlocked: the style of G10, H10 and C3.
    let styles = part(&bytes, "xl/styles.xml");
    let style = |cell: &str| -> usize {
        let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap();
        sheet[at..].split("s=\"").nth(1).and_then(|s| s.split('"').next()).map_or(0, |s| s.parse().unwrap())
    };
    let xfs: Vec<&str> =
        styles.split("<cellXfs").nth(1).unwrap().split("</cellXfs>").next().unwrap().split("<xf ").skip(1).collect();
    let unlocked = |cell: &str| xfs[style(cell)].contains("locked=\"0\"");
    for cell in ["G10", "H10", "C3", "C4", "C5", "C6"] {
        assert!(unlocked(cell), "{cell} is to fill");
    }
    for cell in ["A10", "B10", "C10", "E10", "F10"] {
        assert!(!unlocked(cell), "{cell} is protected");
    }
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("<sheet name=\"refnum\" sheetId=\"2\" state=\"hidden\""));
    let meta = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(meta.contains("<sheetProtection"));
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(strings.contains(&format!("<t>{PROFIL}</t>")) && strings.contains("<t>1.2.0</t>"));
    // Deterministic.
    assert_eq!(bytes, grid(dir.path(), "encore.xlsx"));
}

#[test]
fn the_printed_grid_is_landscape_and_french() {
    let dir = tempfile::tempdir().unwrap();
    ok(&refnum_in(dir.path(), &["grille", "conseiller", "--format", "docx", "-o", "g.docx"]));
    let bytes = std::fs::read(dir.path().join("g.docx")).unwrap();
    let document = part(&bytes, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""), "landscape");
    assert!(document.contains("<w:tblHeader />"), "the header row repeats");
    assert!(document.contains("Niveau observé"));
    assert!(part(&bytes, "word/styles.xml").contains("fr-FR"));
    let md = ok(&refnum_in(dir.path(), &["grille", "conseiller", "--format", "markdown"]));
    assert!(md.contains("| Compétence | Niveau requis | Critères observables | Niveau observé | Éléments observés |"));
    assert!(md.contains("Contexte\u{a0}:") || md.contains("Contexte |"));
}

#[test]
fn positioning_files_never_enter_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("profiles")).unwrap();
    std::fs::copy(
        root().join("profiles").read_dir().unwrap().next().unwrap().unwrap().path(),
        d.join("profiles/p.yaml"),
    )
    .unwrap();
    std::fs::write(
        d.join("profiles/camille.yaml"),
        format!("type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\npersonne: Camille Martin\nobservations: []\n"),
    )
    .unwrap();
    // Saved by Windows Notepad: a byte order mark and CRLF line ends.
    std::fs::write(
        d.join("profiles/dominique.yaml"),
        format!("\u{FEFF}type: positionnement # grille remplie\r\nprofil: {PROFIL}\r\nversion: 1.2.0\r\npersonne: Camille Martin\r\nobservations: []\r\n"),
    )
    .unwrap();
    let o = refnum_in(d, &["build", "--out", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("note : 2 grille(s) de positionnement laissée(s) de côté"), "{}", stderr(&o));
    let mut found = false;
    for entry in walk(&d.join("site")) {
        let text = std::fs::read(&entry).unwrap();
        found |= String::from_utf8_lossy(&text).contains("Camille");
    }
    assert!(!found, "a name from a positioning file reached the site");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn a_grid_with_nothing_assessed_never_concludes_that_nothing_is_to_work_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let head = format!("type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\nobservations:");
    let report = |body: &str| {
        std::fs::write(d.join("p.yaml"), format!("{head}{body}")).unwrap();
        let o = refnum_in(d, &["positionnement", "p.yaml", "--format", "markdown", "-o", "r.md"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        std::fs::read_to_string(d.join("r.md")).unwrap()
    };
    let empty = report(" []\n");
    assert!(empty.contains("Aucune compétence n’a été évaluée"), "{empty}");
    assert!(!empty.contains("Rien à travailler"), "{empty}");
    let one = report("\n  - competence: S-01\n    niveau: 4\n");
    assert!(one.contains("essentielles n’ont pas été évaluées"), "{one}");
    let rest = &one[one.find("## Non évaluées").expect("a section of what was not assessed")..];
    assert!(rest.contains("S\u{2011}02 Obligations") && rest.contains("(essentielle)\u{202f}; S"), "{rest}");
    assert!(!one.contains("Rien à travailler"), "{one}");
}

#[test]
fn a_team_view_counts_each_person_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let grid = |person: &str| {
        format!(
            "type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\npersonne: {person}\nobservations:\n  - competence: S-01\n    niveau: 2\n"
        )
    };
    std::fs::write(d.join("a.yaml"), grid("Camille Martin")).unwrap();
    std::fs::write(d.join("b.yaml"), grid("Camille Martin")).unwrap();
    std::fs::write(d.join("c.yaml"), grid("Sacha Bernard")).unwrap();
    for files in [["a.yaml", "b.yaml"], ["c.yaml", "c.yaml"]] {
        let o = refnum_in(d, &["positionnement", files[0], files[1], "--pseudonymiser", "-o", "equipe.html"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("deux grilles de la même personne"), "{}", stderr(&o));
        assert!(!d.join("equipe.html").exists());
    }
    let o = refnum_in(d, &["positionnement", "a.yaml", "c.yaml", "-o", "equipe.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_date_that_does_not_exist_is_told_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let grid = |date: &str| {
        format!("type: positionnement\nprofil: {PROFIL}\nversion: 1.2.0\ndate: \"{date}\"\nobservations: []\n")
    };
    std::fs::write(d.join("p.yaml"), grid("2026-02-30")).unwrap();
    let o = refnum_in(d, &["positionnement", "p.yaml", "-o", "r.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("le « 2026-02-30 » n'existe pas au calendrier"), "{}", stderr(&o));
    std::fs::write(d.join("p.yaml"), grid("02/03/2026")).unwrap();
    let o = refnum_in(d, &["positionnement", "p.yaml", "-o", "r.md"]);
    assert!(stderr(&o).contains("n'est pas une date au format AAAA-MM-JJ"), "{}", stderr(&o));
    assert!(!d.join("r.md").exists());
}
