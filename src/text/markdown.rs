//! Markdown escaping of a short text: the one helper both `render` and
//! `adapt` (the Markdown of a diff) need, so it sits below both.

/// A short text (libellé, intitulé) inside Markdown: every character that
/// Markdown would read as syntax is escaped, and line breaks become spaces.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    // A text starting like a list item ("- ", "+ ", "1. ") would become a list.
    let list_marker_at = |s: &str, i: usize| matches!(s.as_bytes().get(i + 1), None | Some(b' '));
    if out.starts_with(['-', '+']) && list_marker_at(&out, 0) {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) && list_marker_at(&out, digits) {
        out.insert(digits, '\\');
    }
    out
}
