//! The DOCX fiche read as Word reads it: lists through the numbering part,
//! French on the defaults, one definition per style and every paragraph in
//! a defined style, core properties from the fiche, a footer in one size;
//! and `--reference-docx`, which dresses the fiche in a structure's model.

mod common;

use common::*;

use std::collections::BTreeMap;
use std::io::Read;

const POSTE: &str = "examples/poste-conseiller-cci.yaml";
const MODELE: &str = "tests/fixtures/modele/modele-structure.docx";

/// Every part of a DOCX package, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        out.insert(file.name().to_owned(), data);
    }
    out
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts.get(name).unwrap_or_else(|| panic!("no part {name}")).clone()).unwrap()
}

/// The values of an attribute on every occurrence of an element.
fn values(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{element} ");
    for (i, _) in xml.match_indices(&open) {
        let tag = &xml[i..i + xml[i..].find('>').unwrap()];
        let key = format!("{attribute}=\"");
        if let Some(j) = tag.find(&key) {
            let rest = &tag[j + key.len()..];
            out.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    out
}

fn docx(args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let o = refnum(args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    parts(&o.stdout)
}

#[test]
fn lists_are_word_lists_in_the_numbering_part() {
    let p = docx(&["fiche", POSTE, "--format", "docx"]);
    let numbering = text(&p, "word/numbering.xml");
    let document = text(&p, "word/document.xml");
    let rels = text(&p, "word/_rels/document.xml.rels");
    assert!(rels.contains("numbering.xml"), "the numbering part is referenced: {rels}");
    assert!(text(&p, "[Content_Types].xml").contains("/word/numbering.xml"));
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet" />"#), "{numbering}");
    assert!(!document.contains("•\t") && !document.contains(">•<"), "no typed bullets");
    let bullets = document.matches(r#"<w:pStyle w:val="ListBullet" />"#).count();
    assert!(bullets > 20, "{bullets} list paragraphs");
    // Each list paragraph points at a numbering instance that exists.
    let nums = values(&numbering, "w:num", "w:numId");
    let used = values(&document, "w:numId", "w:val");
    assert_eq!(used.len(), bullets, "every list paragraph carries w:numPr");
    for id in &used {
        assert!(nums.contains(id), "numId {id} is defined in numbering.xml ({nums:?})");
    }
}

#[test]
fn french_is_the_language_of_the_defaults() {
    let styles = text(&docx(&["fiche", POSTE, "--format", "docx"]), "word/styles.xml");
    let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains(r#"<w:lang w:val="fr-FR""#), "{defaults}");
}

#[test]
fn each_style_is_defined_once_and_every_paragraph_resolves_to_one() {
    for target in [POSTE, "coordinateur"] {
        for model in [None, Some(MODELE)] {
            let mut args = vec!["fiche", target, "--format", "docx"];
            args.extend(model.iter().flat_map(|m| ["--reference-docx", m]));
            let p = docx(&args);
            let styles = text(&p, "word/styles.xml");
            let ids = values(&styles, "w:style", "w:styleId");
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(ids.len(), unique.len(), "{target} {model:?}: a style id defined twice");
            let default = styles.match_indices("<w:style ").any(|(i, _)| {
                let tag = &styles[i..i + styles[i..].find('>').unwrap()];
                tag.contains(r#"w:type="paragraph""#) && tag.contains(r#"w:default="1""#)
            });
            assert!(default, "a default paragraph style for paragraphs without pStyle");
            for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
                for used in values(&text(&p, part), "w:pStyle", "w:val") {
                    assert!(ids.contains(&used), "{target} {model:?}: {part} uses undefined style {used}");
                }
            }
            let document = text(&p, "word/document.xml");
            let paragraphs = document.matches("<w:p>").count() + document.matches("<w:p ").count();
            let styled = document.matches("<w:pStyle ").count();
            assert!(styled + 10 >= paragraphs, "nearly every paragraph names its style ({styled}/{paragraphs})");
        }
    }
}

#[test]
fn headings_keep_with_next_and_tables_repeat_their_header() {
    let p = docx(&["fiche", POSTE, "--format", "docx"]);
    let styles = text(&p, "word/styles.xml");
    for id in ["Heading1", "Heading2", "Title"] {
        let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap();
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(style.contains("<w:keepNext/>") && style.contains("<w:keepLines/>"), "{id}: {style}");
    }
    // The compact fiche has no long table; the annex of `--complet` has.
    let document = text(&docx(&["fiche", POSTE, "--format", "docx", "--complet"]), "word/document.xml");
    assert!(document.contains("<w:tblHeader />"), "header rows repeat");
    assert_eq!(document.matches("<w:tr>").count(), document.matches("<w:cantSplit />").count(), "no row is split");
}

#[test]
fn core_properties_come_from_the_fiche() {
    let core = text(&docx(&["fiche", POSTE, "--format", "docx"]), "docProps/core.xml");
    assert!(core.contains("<dc:title>Conseiller·ère numérique référent·e entreprise – commerce"), "{core}");
    assert!(core.contains("<dc:creator>CCI du Val de Sarlanne (exemple fictif)</dc:creator>"), "{core}");
    let poste = std::fs::read_to_string(root().join(POSTE)).unwrap();
    let date = poste.lines().find_map(|l| l.strip_prefix("mise-a-jour: ")).unwrap().trim();
    assert!(core.contains(&format!(">{date}T00:00:00Z</dcterms:created>")), "{core}");
    assert!(core.contains(&format!(">{date}T00:00:00Z</dcterms:modified>")), "{core}");
    assert!(!core.contains("unknown") && !core.contains("2024-05-01"), "{core}");
    let alone = text(&docx(&["fiche", "coordinateur", "--format", "docx"]), "docProps/core.xml");
    assert!(alone.contains("<dc:creator>refnum</dc:creator>"), "{alone}");
}

#[test]
fn the_footer_is_in_one_size() {
    let p = docx(&["fiche", POSTE, "--format", "docx"]);
    let footer = text(&p, "word/footer1.xml");
    assert!(footer.contains(">Page <") && footer.contains("> sur <"), "{footer}");
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"), "{footer}");
    assert!(footer.contains(r#"<w:pStyle w:val="Footer" />"#));
    assert!(!footer.contains("<w:sz "), "no run sets its own size: the Footer style does: {footer}");
}

#[test]
fn a_reference_model_lends_its_styles_header_and_logo() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fiche.docx");
    let o = refnum(&["fiche", POSTE, "--format", "docx", "--reference-docx", MODELE, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = parts(&std::fs::read(&out).unwrap());
    let styles = text(&p, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="StyleMaison""#), "the model's own style");
    assert!(styles.contains(r#"w:styleId="TableText""#), "the fiche's styles the model lacks");
    let heading = &styles[styles.find(r#"w:styleId="Heading1""#).unwrap()..];
    let heading = &heading[..heading.find("</w:style>").unwrap()];
    assert!(heading.contains("C00000"), "the model's heading 1 wins: {heading}");
    assert!(styles.contains(r#"<w:lang w:val="fr-FR""#));
    let header = text(&p, "word/header1.xml");
    assert!(header.contains("Maison de l'emploi du Lévézou"), "{header}");
    let rels = text(&p, "word/_rels/header1.xml.rels");
    let target = values(&rels, "Relationship", "Target").into_iter().find(|t| t.ends_with(".png")).expect("logo");
    let logo = p.get(&format!("word/{target}")).expect("the logo is in the package");
    assert!(logo.starts_with(b"\x89PNG"));
    assert!(text(&p, "[Content_Types].xml").contains(&format!("/word/{target}")));
    assert!(text(&p, "word/footer1.xml").contains("Document interne"));
    assert!(p.contains_key("word/theme/theme1.xml"), "the model's theme, for its fonts");
    assert!(text(&p, "word/_rels/document.xml.rels").contains("theme/theme1.xml"));
    // The fiche itself is unchanged.
    assert!(text(&p, "word/document.xml").contains("CCI du Val de Sarlanne (exemple fictif)"));
    // Same input, same bytes.
    let again = refnum(&["fiche", POSTE, "--format", "docx", "--reference-docx", MODELE]);
    assert_eq!(again.stdout, std::fs::read(&out).unwrap());
}

#[test]
fn a_missing_or_malformed_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let write_zip = |name: &str, entries: &[(&str, &str)]| {
        let path = dir.path().join(name);
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (n, content) in entries {
            zip.start_file(*n, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        path.to_str().unwrap().to_owned()
    };
    let not_zip = dir.path().join("texte.docx");
    std::fs::write(&not_zip, "pas un document Word").unwrap();
    let types = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let document = r#"<w:document xmlns:w="w"><w:body/></w:document>"#;
    let cases = [
        (dir.path().join("absent.docx").to_str().unwrap().to_owned(), "fichier ou dossier introuvable"),
        (not_zip.to_str().unwrap().to_owned(), "n'est pas une archive zip"),
        (write_zip("sans-styles.docx", &[("[Content_Types].xml", types)]), "« word/styles.xml » manque"),
        (
            write_zip(
                "xml.docx",
                &[("[Content_Types].xml", types), ("word/styles.xml", "<w:styles><w:style></w:styles>")],
            ),
            "XML mal formé",
        ),
        (
            write_zip(
                "entete.docx",
                &[
                    ("[Content_Types].xml", types),
                    ("word/styles.xml", r#"<w:styles xmlns:w="w"/>"#),
                    (
                        "word/document.xml",
                        r#"<w:document xmlns:w="w" xmlns:r="r"><w:body><w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>"#,
                    ),
                    (
                        "word/_rels/document.xml.rels",
                        r#"<Relationships xmlns="x"><Relationship Id="rId1" Type="h" Target="header1.xml"/></Relationships>"#,
                    ),
                    ("word/header1.xml", "<w:hdr><w:p></w:hdr>"),
                ],
            ),
            "« word/header1.xml » est illisible : XML mal formé",
        ),
        (
            write_zip(
                "doc.docx",
                &[
                    ("[Content_Types].xml", types),
                    ("word/styles.xml", r#"<w:styles xmlns:w="w"/>"#),
                    ("word/document.xml", document),
                ],
            ),
            "",
        ),
    ];
    for (model, expected) in cases {
        let out = dir.path().join("fiche.docx");
        let o = refnum(&["fiche", POSTE, "--format", "docx", "--reference-docx", &model, "-o", out.to_str().unwrap()]);
        if expected.is_empty() {
            // A bare but well-formed model is usable: the fiche keeps its header and footer.
            assert_eq!(o.status.code(), Some(0), "{model}: {}", stderr(&o));
            let p = parts(&std::fs::read(&out).unwrap());
            assert!(text(&p, "word/header1.xml").contains("CCI du Val de Sarlanne (exemple fictif)"));
            std::fs::remove_file(&out).unwrap();
            continue;
        }
        assert_eq!(o.status.code(), Some(2), "{model}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("erreur : ") && err.contains(expected), "{model}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        for english in ["syntax error", "tag not closed", "expected", "mismatch"] {
            assert!(!err.contains(english), "no English from the XML reader: {err}");
        }
        assert!(!out.exists(), "nothing written");
    }
    let o = refnum(&["fiche", POSTE, "--reference-docx", MODELE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--format docx"), "{}", stderr(&o));
}

/// A control character that reached a writer without `validate` (a model
/// built in memory) is stripped by every writer: Word refuses a document
/// holding one, and `validate` refuses it in a profile (E007).
#[test]
fn control_characters_never_reach_any_writer() {
    use refnum::model::Document;
    use refnum::render::{Format, Templates};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/profil-minimal.yaml");
    let source = refnum::load::Source::from_bytes("p.yaml".into(), &std::fs::read(path).unwrap()).unwrap();
    let Some(Document::Profil(mut profil)) = refnum::check::analyze(&source).document else { panic!("a profile") };
    let dirty = "Médiateur\u{1}·rice\u{0} numérique\u{85}\u{7f}\u{FFFE}\u{b}";
    profil.intitule.value = dirty.to_owned();
    profil.finalite.value = format!("{dirty}\n\n- {dirty}");
    let competences = &mut profil.competences.value;
    for c in competences.savoirs.iter_mut().chain(&mut competences.savoir_faire).chain(&mut competences.savoir_etre) {
        c.libelle.value = dirty.to_owned();
    }
    let banned = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    let templates = Templates::new(None);
    let docx = refnum::render::fiche(&profil, None, Format::Docx, true, &templates).unwrap();
    let package = parts(&docx);
    for (name, part) in &package {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = String::from_utf8(part.clone()).unwrap();
            assert!(!xml.contains(banned), "{name}: {xml}");
        }
    }
    assert!(text(&package, "word/document.xml").contains("Médiateur·rice numérique"));
    for format in [Format::Markdown, Format::Html] {
        let out = String::from_utf8(refnum::render::fiche(&profil, None, format, true, &templates).unwrap()).unwrap();
        assert!(!out.contains(banned) && out.contains("numérique"), "{format:?}: {out}");
    }
    let csv = refnum::export::csv::competences(&profil, ';', true);
    assert!(!csv.contains(banned) && csv.contains("Médiateur·rice numérique"), "{csv}");
    let xlsx = parts(&refnum::export::xlsx::competences(&profil).unwrap());
    for (name, part) in &xlsx {
        let xml = String::from_utf8_lossy(part);
        assert!(!xml.contains(banned) && !xml.contains("_x0001_"), "{name}: {xml}");
    }
}

/// The structure's web site and the contact address open on Ctrl+click in
/// Word: real `w:hyperlink`s to external relationships, in the `Hyperlink`
/// style, shown as written (no typography inside an address); the
/// relationships come in the same order at every run.
#[test]
fn web_and_e_mail_addresses_are_links_word_opens() {
    let p = docx(&["fiche", POSTE, "--format", "docx"]);
    let rels = text(&p, "word/_rels/document.xml.rels");
    let document = text(&p, "word/document.xml");
    let styles = text(&p, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Hyperlink""#), "{styles}");
    for (target, shown) in [
        ("https://cci-val-de-sarlanne.example", "https://cci-val-de-sarlanne.example"),
        ("mailto:recrutement@exemple.fr", "recrutement@exemple.fr"),
    ] {
        let at = rels.find(&format!("Target=\"{target}\"")).unwrap_or_else(|| panic!("no link to {target}: {rels}"));
        let element = &rels[rels[..at].rfind("<Relationship ").unwrap()..at + rels[at..].find("/>").unwrap()];
        assert!(element.contains(r#"TargetMode="External""#), "{element}");
        assert!(element.contains("relationships/hyperlink"), "{element}");
        let id = &element[element.find("Id=\"").unwrap() + 4..];
        let id = &id[..id.find('"').unwrap()];
        let link = &document[document.find(&format!("<w:hyperlink r:id=\"{id}\"")).expect(id)..];
        let link = &link[..link.find("</w:hyperlink>").unwrap()];
        assert!(link.contains(r#"<w:rStyle w:val="Hyperlink" />"#), "{link}");
        assert!(link.contains(&format!(">{shown}</w:t>")), "shown as written: {link}");
    }
    for _ in 0..3 {
        let again = docx(&["fiche", POSTE, "--format", "docx"]);
        assert_eq!(text(&again, "word/_rels/document.xml.rels"), rels, "the same input gives the same bytes");
    }
}
