//! A flat, positioned view of an XML part: each element with its names,
//! attributes and byte range, so that parts of a Word package can be checked
//! (well-formed) and edited by splicing the original text.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One element of a part, in document order.
#[derive(Debug, Clone)]
pub struct Element {
    /// Qualified name, as written (`w:style`).
    pub name: String,
    /// Local name (`style`).
    pub local: String,
    /// Attributes by local name, values unescaped.
    pub attrs: Vec<(String, String)>,
    /// Index of the parent element.
    pub parent: Option<usize>,
    /// Byte range of the whole element, tags included.
    pub start: usize,
    pub end: usize,
    /// Byte range of its content; `None` for an empty element (`<a/>`).
    pub inner: Option<(usize, usize)>,
}

impl Element {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == local).map(|(_, v)| v.as_str())
    }
}

/// The elements of a well-formed part, or why it is not.
pub fn parse(text: &str) -> Result<Vec<Element>, String> {
    let mut reader = Reader::from_str(text);
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let before = position(&reader);
        let event =
            reader.read_event().map_err(|e| format!("{} (octet {})", french_error(&e), reader.error_position()))?;
        let after = position(&reader);
        match event {
            Event::Start(_) | Event::Empty(_) if open.is_empty() && !elements.is_empty() => {
                return Err(format!("plusieurs éléments racines (octet {before})"));
            }
            Event::Start(tag) => {
                elements.push(element(&tag, open.last().copied(), before, after, Some((after, after)))?);
                open.push(elements.len() - 1);
            }
            Event::Empty(tag) => {
                elements.push(element(&tag, open.last().copied(), before, after, None)?);
            }
            Event::End(_) => {
                let Some(i) = open.pop() else {
                    return Err(format!("balise fermante sans ouvrante (octet {before})"));
                };
                elements[i].end = after;
                elements[i].inner = Some((elements[i].start_inner(), before));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err("élément non refermé à la fin du fichier".into());
    }
    if elements.is_empty() {
        return Err("aucun élément".into());
    }
    Ok(elements)
}

impl Element {
    fn start_inner(&self) -> usize {
        self.inner.map_or(self.end, |(s, _)| s)
    }
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

fn element(
    tag: &BytesStart,
    parent: Option<usize>,
    start: usize,
    end: usize,
    inner: Option<(usize, usize)>,
) -> Result<Element, String> {
    let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
    let local = String::from_utf8_lossy(tag.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| format!("attribut invalide dans <{name}> : {e}"))?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        let value = attr
            .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, tag.decoder())
            .map_err(|e| format!("attribut invalide dans <{name}> : {e}"))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element { name, local, attrs, parent, start, end, inner })
}

/// Children of element `i` (or the root elements for `None`).
pub fn children(elements: &[Element], i: Option<usize>) -> impl Iterator<Item = (usize, &Element)> {
    elements.iter().enumerate().filter(move |(_, e)| e.parent == i)
}

/// The first child of `i` with this local name.
pub fn child(elements: &[Element], i: usize, local: &str) -> Option<usize> {
    children(elements, Some(i)).find(|(_, e)| e.local == local).map(|(j, _)| j)
}

/// Text escaped for XML content and attribute values, without the
/// characters XML forbids (`render::printable`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::render::printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Applies non-overlapping edits (byte range, replacement) to a text.
pub fn splice(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|(start, end, _)| (*start, *end));
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.2.len()).sum::<usize>());
    let mut at = 0;
    for (start, end, replacement) in edits {
        if start < at {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The XML reader's error in French: what went wrong, never its English text.
fn french_error(e: &quick_xml::Error) -> &'static str {
    use quick_xml::errors::SyntaxError;
    match e {
        quick_xml::Error::Syntax(SyntaxError::UnclosedTag) => "balise non fermée",
        quick_xml::Error::Syntax(SyntaxError::UnclosedComment) => "commentaire non fermé",
        quick_xml::Error::Syntax(SyntaxError::UnclosedCData) => "section CDATA non fermée",
        quick_xml::Error::Syntax(SyntaxError::UnclosedDoctype) => "déclaration DOCTYPE non fermée",
        quick_xml::Error::Syntax(_) => "syntaxe XML invalide",
        quick_xml::Error::IllFormed(_) => "structure XML incorrecte (balises mal imbriquées ou mal fermées)",
        quick_xml::Error::Encoding(_) => "encodage du texte invalide",
        quick_xml::Error::Escape(_) => "entité XML inconnue ou mal formée",
        _ => "XML illisible",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_know_their_ranges_and_attributes() {
        let text = r#"<?xml version="1.0"?><a:r x:k="1 &amp; 2"><a:b/><a:c>t</a:c></a:r>"#;
        let e = parse(text).unwrap();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].local, "r");
        assert_eq!(e[0].attr("k"), Some("1 & 2"));
        assert_eq!(&text[e[1].start..e[1].end], "<a:b/>");
        assert_eq!(e[1].inner, None);
        assert_eq!(&text[e[2].start..e[2].end], "<a:c>t</a:c>");
        let (s, t) = e[2].inner.unwrap();
        assert_eq!(&text[s..t], "t");
        assert_eq!(e[2].parent, Some(0));
        assert_eq!(child(&e, 0, "c"), Some(2));
    }

    #[test]
    fn malformed_parts_are_refused() {
        for bad in ["", "texte", "<a><b></a>", "<a>", "<a/><b/>", "<a x=1/>", "</a>"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn splice_applies_edits_in_order() {
        assert_eq!(splice("abcdef", vec![(4, 5, "E".into()), (0, 1, "A".into()), (2, 2, "+".into())]), "Ab+cdEf");
    }
}
