//! The one place where Markdown is read and written: comrak options for the
//! free texts of profiles, and the escaping that keeps user text from
//! breaking the structure of a generated document.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, markdown_to_html, parse_document};

pub use crate::text::markdown::inline;

/// Options for free texts: GFM tables, strikethrough and autolinks; raw HTML
/// is escaped (shown as text), never passed through.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// A free text's headings would break the document's outline: `# Titre`
/// (or a setext underline) stays a line of text.
fn neutralize_headings(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.starts_with("===") || trimmed.starts_with("---") {
            out.push('\\');
            out.push_str(trimmed);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A free text (Markdown) as safe HTML.
pub fn to_html(text: &str) -> String {
    markdown_to_html(&neutralize_headings(text), &options()).trim_end().to_owned()
}

/// A free text kept as Markdown for a Markdown document: headings and raw
/// HTML are neutralized, the rest is the author's Markdown.
pub fn block(text: &str) -> String {
    neutralize_headings(&escape_html(text)).trim_end().to_owned()
}

/// A piece of text with its emphasis, for formats that are not HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// A code span: shown as written, without typography.
    pub code: bool,
    /// The address of the link the piece is the text of (`[texte](https://…)`
    /// or an autolink), when it is one a document may open: `http`, `https`
    /// or `mailto`.
    pub link: Option<String>,
}

/// A block of a free text: a paragraph, or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub item: bool,
    /// An item of a numbered list (`1.`), rather than a bulleted one.
    pub ordered: bool,
    /// The first item of its list (each numbered list starts at 1).
    pub first: bool,
    pub pieces: Vec<Piece>,
}

/// A free text (Markdown) as paragraphs and list items of plain pieces
/// (for DOCX). Headings become paragraphs; code, links and HTML keep their text.
pub fn blocks(text: &str) -> Vec<Block> {
    let arena = Arena::new();
    let root = parse_document(&arena, &neutralize_headings(text), &options());
    let mut out = Vec::new();
    collect_blocks(root, None, &mut false, &mut out);
    out
}

/// `list`: whether the node is inside a list item, and of a numbered list;
/// `new_list`: set on entering a list, cleared by its first item.
fn collect_blocks<'a>(node: &'a AstNode<'a>, list: Option<bool>, new_list: &mut bool, out: &mut Vec<Block>) {
    for child in node.children() {
        let is_leaf_block =
            matches!(child.data().value, NodeValue::Paragraph | NodeValue::Heading(_) | NodeValue::CodeBlock(_));
        if is_leaf_block {
            let mut pieces = Vec::new();
            if let NodeValue::CodeBlock(code) = &child.data().value {
                pieces.push(Piece {
                    text: code.literal.trim_end().to_owned(),
                    bold: false,
                    italic: false,
                    code: true,
                    link: None,
                });
            } else {
                collect_pieces(child, Style::default(), &mut pieces);
            }
            let item = list.is_some() && !out.last().is_some_and(|b: &Block| b.item && b.pieces.is_empty());
            let first = item && std::mem::take(new_list);
            out.push(Block { item, ordered: item && list == Some(true), first, pieces });
        } else {
            match &child.data().value {
                NodeValue::List(l) => {
                    *new_list = true;
                    let ordered = l.list_type == comrak::nodes::ListType::Ordered;
                    collect_blocks(child, Some(ordered), new_list, out);
                }
                _ => collect_blocks(child, list, new_list, out),
            }
        }
    }
}

/// The emphasis and link a piece inherits from the nodes around it.
#[derive(Clone, Copy, Default)]
struct Style<'a> {
    bold: bool,
    italic: bool,
    link: Option<&'a str>,
}

fn collect_pieces<'a>(node: &'a AstNode<'a>, style: Style<'_>, out: &mut Vec<Piece>) {
    let piece = |text: String, code: bool| Piece {
        text,
        bold: style.bold,
        italic: style.italic,
        code,
        link: style.link.map(str::to_owned),
    };
    for child in node.children() {
        let value = child.data().value.clone();
        match value {
            NodeValue::Text(t) => out.push(piece(t.to_string(), false)),
            NodeValue::Code(c) => out.push(piece(c.literal.clone(), true)),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(Piece { link: None, ..piece(" ".into(), false) }),
            NodeValue::HtmlInline(h) => out.push(piece(h.clone(), false)),
            NodeValue::Strong => collect_pieces(child, Style { bold: true, ..style }, out),
            NodeValue::Emph => collect_pieces(child, Style { italic: true, ..style }, out),
            NodeValue::Link(link) => {
                let target = openable(&link.url).then_some(link.url.as_str());
                collect_pieces(child, Style { link: target.or(style.link), ..style }, out);
            }
            _ => collect_pieces(child, style, out),
        }
    }
}

/// A link address a document may open: the web or an e-mail, never a
/// script or a file of the reader's machine.
fn openable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// What a plain value (a web site, a contact) opens when it is a link
/// address alone: an `http(s)` address as written, an e-mail address as
/// `mailto:`; `None` for any other text. The `lien` filter of the
/// templates and the DOCX writer both use it.
pub fn link_target(text: &str) -> Option<String> {
    let text = text.trim();
    let is_url = text.starts_with("https://") || text.starts_with("http://");
    let is_email =
        !is_url && text.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
    let plain = !text.is_empty() && !text.contains(|c: char| c.is_whitespace() || "<>\"'`\\".contains(c));
    match (plain, is_url, is_email) {
        (true, true, _) => Some(text.to_owned()),
        (true, _, true) => Some(format!("mailto:{text}")),
        _ => None,
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_not_passed_through() {
        let html = to_html("Bonjour <script>alert(1)</script> **gras**");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("<strong>gras</strong>"));
    }

    #[test]
    fn headings_in_free_text_stay_text() {
        assert!(!to_html("# Titre\ntexte").contains("<h1>"));
        assert!(block("# Titre").starts_with("\\#"));
    }

    #[test]
    fn blocks_keep_emphasis_and_list_items() {
        let b = blocks("Un **texte** important.\n\n- premier\n- second");
        assert_eq!(b.len(), 3);
        assert!(!b[0].item && b[1].item && b[2].item);
        assert!(b[0].pieces.iter().any(|p| p.bold && p.text == "texte"));
        assert_eq!(b[2].pieces[0].text, "second");
        assert!(b[1].first && !b[2].first && !b[1].ordered);
        let b = blocks("1. un\n2. deux\n\nTexte.\n\n1. encore");
        let flags: Vec<(bool, bool, bool)> = b.iter().map(|b| (b.item, b.ordered, b.first)).collect();
        assert_eq!(flags, [(true, true, true), (true, true, false), (false, false, false), (true, true, true)]);
    }

    #[test]
    fn inline_text_cannot_break_a_table() {
        assert_eq!(inline("a | b * c # d"), "a \\| b \\* c \\# d");
        assert_eq!(inline("ligne\nsuivante"), "ligne suivante");
        assert_eq!(inline("1. premier"), "1\\. premier");
        assert_eq!(inline("- tiret"), "\\- tiret");
        assert_eq!(inline("1.0.0"), "1.0.0");
        assert_eq!(inline("-5 %"), "-5 %");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
    }
}
