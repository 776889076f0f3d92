//! The parts of the DOCX package that docx-rs cannot write as Word expects:
//! the style sheet (one definition per style id, the document language on
//! the defaults, headings kept with what follows) and the core properties
//! (title, author, dates of the fiche).

use super::xml::escape;

/// Accent colour of titles and headings.
pub const ACCENT: &str = "1F4E79";
/// Colour of secondary text (running header, footer).
pub const GREY: &str = "4A4A4A";
/// Language of the text, for spell-checking and hyphenation.
pub const LANG: &str = r#"<w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>"#;

/// Every style the fiche uses, with its Word name: the built-in names
/// (`heading 1`, `List Bullet`, `footer`…) let Word, LibreOffice and a
/// reference model (`--reference-docx`) recognise them.
pub const STYLES: &[(&str, &str)] = &[
    ("Normal", "Normal"),
    ("DefaultParagraphFont", "Default Paragraph Font"),
    ("TableNormal", "Normal Table"),
    ("NoList", "No List"),
    ("Title", "Title"),
    ("Heading1", "heading 1"),
    ("Heading2", "heading 2"),
    ("Heading3", "heading 3"),
    ("ListBullet", "List Bullet"),
    ("ListNumber", "List Number"),
    ("TableText", "Table Text"),
    ("TableHeading", "Table Heading"),
    ("Header", "header"),
    ("Footer", "footer"),
    (HYPERLINK, "Hyperlink"),
];

/// Character style of links (blue, underlined), Word's built-in name.
pub const HYPERLINK: &str = "Hyperlink";
/// How a run in that style starts its properties in `document.xml`.
pub const HYPERLINK_RUN: &str = r#"<w:rStyle w:val="Hyperlink" />"#;

/// Numbering instance (`w:num`) of bulleted lists in `numbering.xml`
/// (docx-rs reserves the first one).
pub const BULLET_LIST: usize = 2;
/// Abstract numbering of numbered lists, and the instance of the first one:
/// each numbered list gets its own instance so that it starts again at 1.
pub const NUMBERED_LIST: usize = 3;

/// `word/styles.xml`.
pub fn styles_xml() -> String {
    let mut out = String::with_capacity(8192);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push_str(r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#);
    out.push_str("<w:docDefaults><w:rPrDefault><w:rPr>");
    out.push_str(r#"<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>"#);
    out.push_str(r#"<w:sz w:val="18"/><w:szCs w:val="18"/>"#);
    out.push_str(LANG);
    out.push_str("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
    out.push_str(r#"<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>"#);
    out.push_str("</w:pPr></w:pPrDefault></w:docDefaults>");

    let style = |out: &mut String, kind: &str, id: &str, default: bool, inner: &str| {
        let name = STYLES.iter().find(|(i, _)| *i == id).map_or(id, |(_, n)| n);
        let default = if default { r#" w:default="1""# } else { "" };
        out.push_str(&format!(
            r#"<w:style w:type="{kind}"{default} w:styleId="{id}"><w:name w:val="{name}"/>{inner}</w:style>"#
        ));
    };
    style(&mut out, "paragraph", "Normal", true, "<w:qFormat/><w:pPr><w:widowControl/></w:pPr>");
    style(&mut out, "character", "DefaultParagraphFont", true, r#"<w:uiPriority w:val="1"/><w:semiHidden/>"#);
    style(
        &mut out,
        "table",
        "TableNormal",
        true,
        concat!(
            r#"<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#,
            r#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>"#
        ),
    );
    style(&mut out, "numbering", "NoList", true, r#"<w:uiPriority w:val="99"/><w:semiHidden/>"#);
    style(
        &mut out,
        "paragraph",
        "Title",
        false,
        &format!(
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>"#
        ),
    );
    for (level, size, before) in [(1, 24, 120), (2, 20, 80), (3, 18, 60)] {
        style(
            &mut out,
            "paragraph",
            &format!("Heading{level}"),
            false,
            &format!(
                r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="100"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#,
                level - 1
            ),
        );
    }
    for (id, num) in [("ListBullet", BULLET_LIST), ("ListNumber", NUMBERED_LIST)] {
        style(
            &mut out,
            "paragraph",
            id,
            false,
            &format!(
                r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr><w:spacing w:after="40"/></w:pPr>"#
            ),
        );
    }
    style(
        &mut out,
        "paragraph",
        "TableText",
        false,
        r#"<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr>"#,
    );
    style(
        &mut out,
        "paragraph",
        "TableHeading",
        false,
        r#"<w:basedOn w:val="TableText"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"#,
    );
    for id in ["Header", "Footer"] {
        style(
            &mut out,
            "paragraph",
            id,
            false,
            &format!(
                r#"<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="5103"/><w:tab w:val="right" w:pos="10206"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>"#
            ),
        );
    }
    style(
        &mut out,
        "character",
        HYPERLINK,
        false,
        r#"<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>"#,
    );
    out.push_str("</w:styles>");
    out
}

/// The document properties Word shows (File > Info) and indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Properties {
    /// `dc:title`: the intitulé of the post.
    pub title: String,
    /// `dc:creator` and `cp:lastModifiedBy`: the structure, or « refnum »
    /// for a fiche made from a profile alone.
    pub author: String,
    /// `AAAA-MM-JJ`: the `mise-a-jour` of the fiche, as created and modified
    /// dates (the same input gives the same bytes).
    pub date: String,
}

/// `docProps/core.xml`. A date that is not `AAAA-MM-JJ` is left out rather
/// than written wrong.
pub fn core_xml(p: &Properties) -> String {
    let date = is_iso_date(&p.date).then(|| format!("{}T00:00:00Z", p.date));
    let mut out = String::with_capacity(1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push_str(concat!(
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    ));
    out.push_str(&format!("<dc:title>{}</dc:title>", escape(&p.title)));
    out.push_str(&format!("<dc:creator>{}</dc:creator>", escape(&p.author)));
    out.push_str(&format!("<cp:lastModifiedBy>{}</cp:lastModifiedBy>", escape(&p.author)));
    out.push_str("<dc:language>fr-FR</dc:language>");
    out.push_str("<cp:revision>1</cp:revision>");
    if let Some(date) = date {
        out.push_str(&format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>"#));
        out.push_str(&format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>"#));
    }
    out.push_str("</cp:coreProperties>");
    out
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::xml;

    #[test]
    fn the_style_sheet_is_well_formed_with_one_definition_per_id() {
        let text = styles_xml();
        let elements = xml::parse(&text).expect("well-formed");
        let ids: Vec<&str> = elements.iter().filter(|e| e.local == "style").filter_map(|e| e.attr("styleId")).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        assert_eq!(ids.len(), STYLES.len());
        assert!(text.contains(r#"<w:lang w:val="fr-FR""#));
    }

    #[test]
    fn core_properties_carry_title_author_and_date() {
        let p =
            Properties { title: "Chargé·e & co".into(), author: "CCI <Aveyron>".into(), date: "2026-03-15".into() };
        let text = core_xml(&p);
        xml::parse(&text).expect("well-formed");
        assert!(text.contains("<dc:title>Chargé·e &amp; co</dc:title>"));
        assert!(text.contains("<dc:creator>CCI &lt;Aveyron&gt;</dc:creator>"));
        assert!(text.contains(">2026-03-15T00:00:00Z</dcterms:created>"));
        assert!(!text.contains("unknown"));
        let bad = core_xml(&Properties { date: "15/03/2026".into(), ..p });
        assert!(!bad.contains("dcterms:created"));
    }
}
