//! `--reference-docx MODELE.docx`, as Pandoc users know it: an organisation's
//! own Word model lends the fiche its styles, its header and its footer
//! (with their images, a logo for instance).
//!
//! - Styles: the model's style sheet is kept whole and wins; a style of the
//!   fiche is matched to the model's by its Word name (`heading 1` is
//!   `Heading1` in an English Word, `Titre1` in a French one) and the fiche's
//!   paragraphs are renamed to the model's ids; the fiche's styles the model
//!   lacks are added. Numbering links are removed from the model's styles
//!   (lists and headings keep the fiche's own numbering part), and the
//!   document language stays French.
//! - Header and footer: the model's default ones (of its last section)
//!   replace the fiche's, with their relationships and the parts these
//!   point to (images); when the model has none, the fiche keeps its own.
//! - Theme: the model's theme comes along, for the fonts and colours its
//!   styles name through it.
//!
//! The model is read and checked once, before anything is written: a model
//! that is not a zip, lacks its style sheet or holds malformed XML is refused.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Cursor, Read, Write};

use zip::ZipArchive;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::styles::LANG;
use super::xml::{self, Element};

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const THEME_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
const THEME_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.theme+xml";

/// Why a model cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceError {
    /// Not a zip archive, so not a DOCX.
    NotZip,
    /// A part the model must have, or that it points to, is absent.
    MissingPart(String),
    /// A part is not well-formed XML, or not what its place requires.
    BadPart { part: String, reason: String },
}

impl fmt::Display for ReferenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferenceError::NotZip => {
                f.write_str("ce n'est pas un document Word .docx (le fichier n'est pas une archive zip)")
            }
            ReferenceError::MissingPart(part) => write!(f, "la partie « {part} » manque dans le document Word"),
            ReferenceError::BadPart { part, reason } => write!(f, "la partie « {part} » est illisible : {reason}"),
        }
    }
}

impl std::error::Error for ReferenceError {}

/// A header or footer taken from the model, with the parts it points to.
#[derive(Debug, Clone)]
struct Story {
    xml: String,
    /// Its relationships, targets renamed to the copied parts.
    rels: Option<String>,
    /// Copied parts: path in the package, bytes, content type.
    parts: Vec<(String, Vec<u8>, String)>,
}

/// A checked model, ready to be applied to any number of fiches.
#[derive(Debug, Clone)]
pub struct Reference {
    styles: String,
    header: Option<Story>,
    footer: Option<Story>,
    theme: Option<Vec<u8>>,
}

impl Reference {
    /// Reads and checks a model (the bytes of a .docx).
    pub fn read(bytes: &[u8]) -> Result<Reference, ReferenceError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| ReferenceError::NotZip)?;
        let types = ContentTypes::new(&text_part(&mut zip, "[Content_Types].xml")?)?;
        let styles = text_part(&mut zip, "word/styles.xml")?;
        let parsed = parse_part("word/styles.xml", &styles)?;
        if parsed[0].name != "w:styles" {
            return Err(bad("word/styles.xml", "ce n'est pas une feuille de styles Word"));
        }
        let document = text_part(&mut zip, "word/document.xml")?;
        let body = parse_part("word/document.xml", &document)?;
        let rels = match optional_text_part(&mut zip, "word/_rels/document.xml.rels")? {
            Some(text) => relationships("word/_rels/document.xml.rels", &text)?,
            None => Vec::new(),
        };
        let section = body.iter().rposition(|e| e.local == "sectPr");
        let reference = |kind: &str| {
            section.and_then(|s| {
                xml::children(&body, Some(s))
                    .find(|(_, e)| e.local == kind && e.attr("type").is_none_or(|t| t == "default"))
                    .and_then(|(_, e)| e.attr("id"))
                    .and_then(|id| rels.iter().find(|r| r.id == id))
                    .map(|r| resolve("word", &r.target))
            })
        };
        let header = reference("headerReference");
        let footer = reference("footerReference");
        let header = header.map(|path| story(&mut zip, &types, &path, "hdr", "en-tete")).transpose()?;
        let footer = footer.map(|path| story(&mut zip, &types, &path, "ftr", "pied")).transpose()?;
        let theme = match rels.iter().find(|r| r.kind == THEME_TYPE && !r.external) {
            Some(r) => {
                let path = resolve("word", &r.target);
                let text = text_part(&mut zip, &path)?;
                parse_part(&path, &text)?;
                Some(text.into_bytes())
            }
            None => None,
        };
        Ok(Reference { styles, header, footer, theme })
    }

    /// The fiche (a DOCX package) dressed in the model.
    pub fn apply(&self, ours: &[u8]) -> Result<Vec<u8>, ReferenceError> {
        let mut zip = ZipArchive::new(Cursor::new(ours)).map_err(|_| ReferenceError::NotZip)?;
        let mut entries: Vec<(String, Vec<u8>)> = Vec::with_capacity(zip.len() + 4);
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).map_err(|_| ReferenceError::NotZip)?;
            if file.is_dir() {
                continue;
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(|e| bad(file.name(), &e.to_string()))?;
            entries.push((file.name().to_owned(), bytes));
        }
        let text = |entries: &[(String, Vec<u8>)], name: &str| {
            entries
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
                .ok_or_else(|| ReferenceError::MissingPart(name.to_owned()))
        };
        let (styles, renamed) = merge_styles(&self.styles, &text(&entries, "word/styles.xml")?)?;
        let document_rels = text(&entries, "word/_rels/document.xml.rels")?;
        let our_rels = relationships("word/_rels/document.xml.rels", &document_rels)?;
        let our_part =
            |suffix: &str| our_rels.iter().find(|r| r.kind.ends_with(suffix)).map(|r| resolve("word", &r.target));
        let mut replaced: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut added: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides: Vec<(String, String)> = Vec::new();
        replaced.insert("word/styles.xml".into(), styles.into_bytes());
        for name in ["word/document.xml".to_owned()].into_iter().chain(our_part("/header")).chain(our_part("/footer")) {
            let renamed_text = rename_styles(&text(&entries, &name)?, &renamed)?;
            replaced.insert(name, renamed_text.into_bytes());
        }
        for (story, part) in [(&self.header, our_part("/header")), (&self.footer, our_part("/footer"))] {
            let (Some(story), Some(part)) = (story, part) else { continue };
            replaced.insert(part.clone(), story.xml.clone().into_bytes());
            let rels_name = rels_path(&part);
            let rels = story.rels.clone().unwrap_or_else(|| format!(r#"<Relationships xmlns="{RELATIONSHIPS}"/>"#));
            if entries.iter().any(|(n, _)| *n == rels_name) {
                replaced.insert(rels_name, rels.into_bytes());
            } else {
                added.push((rels_name, rels.into_bytes()));
            }
            for (path, bytes, content_type) in &story.parts {
                added.push((path.clone(), bytes.clone()));
                overrides.push((path.clone(), content_type.clone()));
            }
        }
        if let Some(theme) = &self.theme
            && !our_rels.iter().any(|r| r.kind == THEME_TYPE)
        {
            let path = "word/theme/theme1.xml".to_owned();
            added.push((path.clone(), theme.clone()));
            overrides.push((path, THEME_CONTENT_TYPE.to_owned()));
            let rel = format!(r#"<Relationship Id="rIdRefnumTheme" Type="{THEME_TYPE}" Target="theme/theme1.xml"/>"#);
            replaced.insert("word/_rels/document.xml.rels".into(), append_child(&document_rels, &rel)?.into_bytes());
        }
        if !overrides.is_empty() {
            let types = text(&entries, "[Content_Types].xml")?;
            let more: String = overrides
                .iter()
                .map(|(path, t)| {
                    format!(r#"<Override PartName="/{}" ContentType="{}"/>"#, xml::escape(path), xml::escape(t))
                })
                .collect();
            replaced.insert("[Content_Types].xml".into(), append_child(&types, &more)?.into_bytes());
        }

        let mut out = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let write_err = |e: &dyn fmt::Display| bad("(archive)", &e.to_string());
        for (name, bytes) in
            entries.iter().map(|(n, b)| (n, replaced.get(n).unwrap_or(b))).chain(added.iter().map(|(n, b)| (n, b)))
        {
            out.start_file(name.as_str(), options).map_err(|e| write_err(&e))?;
            out.write_all(bytes).map_err(|e| write_err(&e))?;
        }
        let cursor = out.finish().map_err(|e| write_err(&e))?;
        Ok(cursor.into_inner())
    }
}

fn bad(part: &str, reason: &str) -> ReferenceError {
    ReferenceError::BadPart { part: part.to_owned(), reason: reason.to_owned() }
}

fn optional_text_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReferenceError> {
    let Ok(mut file) = zip.by_name(name) else { return Ok(None) };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|_| bad(name, "ce n'est pas du texte UTF-8"))?;
    Ok(Some(text.trim_start_matches('\u{feff}').to_owned()))
}

fn text_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<String, ReferenceError> {
    optional_text_part(zip, name)?.ok_or_else(|| ReferenceError::MissingPart(name.to_owned()))
}

fn binary_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, ReferenceError> {
    let mut file = zip.by_name(name).map_err(|_| ReferenceError::MissingPart(name.to_owned()))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| bad(name, &e.to_string()))?;
    Ok(bytes)
}

fn parse_part(name: &str, text: &str) -> Result<Vec<Element>, ReferenceError> {
    xml::parse(text).map_err(|reason| bad(name, &format!("XML mal formé : {reason}")))
}

/// A relationship of a part.
#[derive(Debug, Clone)]
struct Relationship {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

fn relationships(name: &str, text: &str) -> Result<Vec<Relationship>, ReferenceError> {
    let elements = parse_part(name, text)?;
    Ok(xml::children(&elements, Some(0))
        .filter(|(_, e)| e.local == "Relationship")
        .filter_map(|(_, e)| {
            Some(Relationship {
                id: e.attr("Id")?.to_owned(),
                kind: e.attr("Type").unwrap_or_default().to_owned(),
                target: e.attr("Target")?.to_owned(),
                external: e.attr("TargetMode") == Some("External"),
            })
        })
        .collect())
}

/// The path in the package of a relationship's target, relative to `dir`.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(absolute) = target.strip_prefix('/') {
        absolute.split('/').collect()
    } else {
        dir.split('/').chain(target.split('/')).collect()
    };
    let mut out: Vec<&str> = Vec::with_capacity(parts.len());
    for p in parts.drain(..) {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(p),
        }
    }
    out.join("/")
}

/// `word/header1.xml` → `word/_rels/header1.xml.rels`.
fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Content types of a package, by part name and by extension.
struct ContentTypes {
    defaults: BTreeMap<String, String>,
    overrides: BTreeMap<String, String>,
}

impl ContentTypes {
    fn new(text: &str) -> Result<ContentTypes, ReferenceError> {
        let elements = parse_part("[Content_Types].xml", text)?;
        let mut defaults = BTreeMap::new();
        let mut overrides = BTreeMap::new();
        for (_, e) in xml::children(&elements, Some(0)) {
            match (e.local.as_str(), e.attr("ContentType")) {
                ("Default", Some(t)) => {
                    defaults.insert(e.attr("Extension").unwrap_or_default().to_ascii_lowercase(), t.to_owned());
                }
                ("Override", Some(t)) => {
                    overrides.insert(
                        e.attr("PartName").unwrap_or_default().trim_start_matches('/').to_owned(),
                        t.to_owned(),
                    );
                }
                _ => {}
            }
        }
        Ok(ContentTypes { defaults, overrides })
    }

    fn of(&self, path: &str) -> Option<&str> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        self.overrides.get(path).or_else(|| self.defaults.get(&ext)).map(String::as_str)
    }
}

/// A header (`hdr`) or footer (`ftr`) of the model with the parts it points
/// to, copied under names of their own (`word/media/modele-en-tete-1.png`).
fn story(
    zip: &mut ZipArchive<Cursor<&[u8]>>,
    types: &ContentTypes,
    path: &str,
    root: &str,
    label: &str,
) -> Result<Story, ReferenceError> {
    let text = text_part(zip, path)?;
    let elements = parse_part(path, &text)?;
    if elements[0].name != format!("w:{root}") {
        return Err(bad(path, "ce n'est pas un en-tête ou un pied de page Word"));
    }
    let rels_name = rels_path(path);
    let Some(rels_text) = optional_text_part(zip, &rels_name)? else {
        return Ok(Story { xml: text, rels: None, parts: Vec::new() });
    };
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let mut parts = Vec::new();
    let mut rels =
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELATIONSHIPS}">"#);
    for (n, r) in relationships(&rels_name, &rels_text)?.into_iter().enumerate() {
        let target = if r.external {
            r.target.clone()
        } else {
            let source = resolve(dir, &r.target);
            let bytes = binary_part(zip, &source)?;
            let content_type = types
                .of(&source)
                .ok_or_else(|| bad("[Content_Types].xml", &format!("pas de type de contenu pour {source}")))?
                .to_owned();
            let ext = source.rsplit_once('.').map(|(_, e)| format!(".{}", e.to_ascii_lowercase())).unwrap_or_default();
            let name = format!("media/modele-{label}-{}{ext}", n + 1);
            parts.push((format!("word/{name}"), bytes, content_type));
            name
        };
        let mode = if r.external { r#" TargetMode="External""# } else { "" };
        rels.push_str(&format!(
            r#"<Relationship Id="{}" Type="{}" Target="{}"{mode}/>"#,
            xml::escape(&r.id),
            xml::escape(&r.kind),
            xml::escape(&target)
        ));
    }
    rels.push_str("</Relationships>");
    Ok(Story { xml: text, rels: Some(rels), parts })
}

/// Inserts XML at the end of the root element of a part.
fn append_child(text: &str, child: &str) -> Result<String, ReferenceError> {
    let elements = parse_part("(paquet)", text)?;
    let root = &elements[0];
    Ok(match root.inner {
        Some((_, end)) => xml::splice(text, vec![(end, end, child.to_owned())]),
        None => {
            let open = text[root.start..root.end].trim_end_matches("/>").trim_end();
            xml::splice(text, vec![(root.start, root.end, format!("{open}>{child}</{}>", root.name))])
        }
    })
}

/// The model's style sheet with the fiche's styles it lacks; and the
/// renaming of the fiche's style ids to the model's (matched by name).
fn merge_styles(model: &str, ours: &str) -> Result<(String, Vec<(String, String)>), ReferenceError> {
    // An empty sheet (`<w:styles/>`) is opened, to take the styles added.
    let opened;
    let model = if parse_part("word/styles.xml", model)?[0].inner.is_none() {
        opened = append_child(model, "")?;
        opened.as_str()
    } else {
        model
    };
    let m = parse_part("word/styles.xml", model)?;
    let o = parse_part("word/styles.xml (fiche)", ours)?;
    let styles_of = |e: &[Element]| -> Vec<(usize, String, String)> {
        xml::children(e, Some(0))
            .filter(|(_, s)| s.local == "style")
            .filter_map(|(i, s)| {
                let id = s.attr("styleId")?.to_owned();
                let name = xml::child(e, i, "name").and_then(|n| e[n].attr("val")).unwrap_or_default();
                Some((i, id, name.to_lowercase()))
            })
            .collect()
    };
    let model_styles = styles_of(&m);
    let mut renamed = Vec::new();
    let mut missing = Vec::new();
    for (i, id, name) in styles_of(&o) {
        if let Some((_, model_id, _)) = model_styles.iter().find(|(_, _, n)| !name.is_empty() && *n == name) {
            if *model_id != id {
                renamed.push((id, model_id.clone()));
            }
        } else if !model_styles.iter().any(|(_, model_id, _)| *model_id == id) {
            missing.push(i);
        }
    }
    let mut added = String::new();
    for i in missing {
        added.push_str(&rename_styles(&ours[o[i].start..o[i].end], &renamed)?);
    }

    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    // Numbering links of the model's styles point into its own numbering part,
    // which the fiche does not take.
    let in_style = |mut i: usize| {
        while let Some(p) = m[i].parent {
            if m[p].local == "style" && m[p].parent == Some(0) {
                return true;
            }
            i = p;
        }
        false
    };
    // A language on a style would override the French of the defaults.
    for (i, e) in m.iter().enumerate() {
        if matches!(e.local.as_str(), "numPr" | "lang") && in_style(i) {
            edits.push((e.start, e.end, String::new()));
        }
    }
    // Paragraphs without a style of their own take the default one: a model
    // that marks none gets its counterpart of the fiche's `Normal` marked.
    let has_default = xml::children(&m, Some(0))
        .any(|(_, e)| e.local == "style" && e.attr("type") == Some("paragraph") && e.attr("default") == Some("1"));
    let normal = renamed.iter().find(|(from, _)| from == "Normal").map_or("Normal", |(_, to)| to.as_str());
    if !has_default && let Some((i, _, _)) = model_styles.iter().find(|(_, id, _)| id == normal) {
        let at = m[*i].start + m[*i].name.len() + 1;
        edits.push((at, at, r#" w:default="1""#.to_owned()));
    }
    edits.extend(language_edits(model, &m));
    let root_end = m[0].inner.map_or(m[0].end, |(_, end)| end);
    edits.push((root_end, root_end, added));
    Ok((xml::splice(model, edits), renamed))
}

/// Edits that set the document language to French on the model's defaults
/// (`w:docDefaults/w:rPrDefault/w:rPr/w:lang`), in the place the schema
/// gives it among the run properties.
fn language_edits(text: &str, m: &[Element]) -> Vec<(usize, usize, String)> {
    let wrap = |open: &str, close: &str, inner: &str| format!("{open}{inner}{close}");
    let at_start = |i: usize, content: String| {
        let e = &m[i];
        match e.inner {
            Some((s, _)) => (s, s, content),
            None => {
                let open = text[e.start..e.end].trim_end_matches("/>").trim_end();
                (e.start, e.end, format!("{open}>{content}</{}>", e.name))
            }
        }
    };
    let rpr = wrap("<w:rPr>", "</w:rPr>", LANG);
    let Some(defaults) = xml::child(m, 0, "docDefaults") else {
        return vec![at_start(0, wrap("<w:docDefaults><w:rPrDefault>", "</w:rPrDefault></w:docDefaults>", &rpr))];
    };
    let Some(rpr_default) = xml::child(m, defaults, "rPrDefault") else {
        return vec![at_start(defaults, wrap("<w:rPrDefault>", "</w:rPrDefault>", &rpr))];
    };
    let Some(props) = xml::child(m, rpr_default, "rPr") else {
        return vec![at_start(rpr_default, rpr)];
    };
    let Some((_, props_end)) = m[props].inner else {
        return vec![(m[props].start, m[props].end, rpr)];
    };
    let mut edits: Vec<(usize, usize, String)> = xml::children(m, Some(props))
        .filter(|(_, e)| e.local == "lang")
        .map(|(_, e)| (e.start, e.end, String::new()))
        .collect();
    let at = xml::children(m, Some(props))
        .find(|(_, e)| matches!(e.local.as_str(), "eastAsianLayout" | "specVanish" | "oMath"))
        .map_or(props_end, |(_, e)| e.start);
    edits.push((at, at, LANG.to_owned()));
    edits
}

/// Renames style references (`pStyle`, `rStyle`, `tblStyle`, `basedOn`,
/// `next`, `link`) in a part of the fiche.
fn rename_styles(text: &str, renamed: &[(String, String)]) -> Result<String, ReferenceError> {
    if renamed.is_empty() {
        return Ok(text.to_owned());
    }
    let elements = parse_part("(fiche)", text)?;
    let edits = elements
        .iter()
        .filter(|e| matches!(e.local.as_str(), "pStyle" | "rStyle" | "tblStyle" | "basedOn" | "next" | "link"))
        .filter_map(|e| {
            let val = e.attr("val")?;
            let (_, to) = renamed.iter().find(|(from, _)| from == val)?;
            Some((e.start, e.end, format!(r#"<{} w:val="{}"/>"#, e.name, xml::escape(to))))
        })
        .collect();
    Ok(xml::splice(text, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = concat!(
        r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/>"#,
        r#"<w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="StyleMaison"><w:name w:val="Style maison"/></w:style>"#,
        r#"</w:styles>"#
    );

    #[test]
    fn the_model_wins_by_name_and_the_fiche_adds_what_it_lacks() {
        let ours = super::super::styles::styles_xml();
        let (merged, renamed) = merge_styles(MODEL, &ours).unwrap();
        let e = xml::parse(&merged).unwrap();
        let ids: Vec<&str> = e.iter().filter(|e| e.local == "style").filter_map(|e| e.attr("styleId")).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "one definition per id: {ids:?}");
        assert!(ids.contains(&"StyleMaison") && ids.contains(&"Titre1") && ids.contains(&"ListBullet"));
        assert!(!ids.contains(&"Heading1"), "heading 1 is the model's Titre1");
        assert_eq!(renamed, [("Heading1".to_owned(), "Titre1".to_owned())]);
        assert!(!merged.contains(r#"<w:numId w:val="4"/>"#), "the model's numbering links are dropped");
        let no_default = MODEL.replace(r#" w:default="1""#, "").replace(
            "<w:name w:val=\"heading 1\"/>",
            "<w:name w:val=\"heading 1\"/><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr>",
        );
        let (merged, _) = merge_styles(&no_default, &ours).unwrap();
        assert!(merged.contains(r#"<w:style w:default="1" w:type="paragraph" w:styleId="Normal">"#), "{merged}");
        assert!(!merged.contains("en-GB"), "no style overrides the language");
        assert!(!merged.contains("en-US"));
        assert!(merged.contains(r#"<w:sz w:val="22"/><w:lang w:val="fr-FR""#), "{merged}");
        let doc = rename_styles(r#"<w:p><w:pPr><w:pStyle w:val="Heading1" /></w:pPr></w:p>"#, &renamed).unwrap();
        assert_eq!(doc, r#"<w:p><w:pPr><w:pStyle w:val="Titre1"/></w:pPr></w:p>"#);
    }

    #[test]
    fn the_language_is_set_whatever_the_model_has() {
        for model in [
            r#"<w:styles xmlns:w="w"/>"#,
            r#"<w:styles xmlns:w="w"><w:docDefaults/></w:styles>"#,
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault/></w:docDefaults></w:styles>"#,
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults></w:styles>"#,
            r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:eastAsianLayout/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#,
        ] {
            let m = xml::parse(model).unwrap();
            let out = xml::splice(model, language_edits(model, &m));
            xml::parse(&out).unwrap_or_else(|e| panic!("{out}: {e}"));
            assert!(out.contains("<w:rPrDefault><w:rPr>") && out.contains(LANG), "{out}");
            if model.contains("eastAsianLayout") {
                assert!(out.contains(&format!("{LANG}<w:eastAsianLayout/>")), "schema order: {out}");
            }
        }
    }

    #[test]
    fn paths_resolve_like_relationships() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(rels_path("word/header1.xml"), "word/_rels/header1.xml.rels");
    }

    #[test]
    fn what_is_not_a_docx_is_refused() {
        assert_eq!(Reference::read(b"pas un zip").unwrap_err(), ReferenceError::NotZip);
    }
}
