//! French typography of rendered documents: no-break spaces before `; ! ? :`
//! and inside « », between the digit groups of a number and before `%` or
//! `€`, typographic apostrophes, identifiers such as `M-01` kept whole.
//!
//! [`french`] is the one function that applies the rules to a text; URLs,
//! e-mail addresses, Markdown code spans and link targets, HTML tags and
//! entities are left alone. [`french_html`] and [`french_template`] apply it
//! to the text of an HTML fragment or of a template's source only. A leaf
//! module: it depends on nothing else in the crate.

/// Narrow no-break space (U+202F), before `; ! ?` and inside « ».
pub const NNBSP: char = '\u{202F}';
/// No-break space (U+00A0), before `:`, `%`, `€` and between digit groups.
pub const NBSP: char = '\u{A0}';
/// No-break hyphen (U+2011), inside identifiers such as `M-01`.
pub const NBHY: char = '\u{2011}';

/// How identifiers such as `M-01` are kept whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ids {
    /// Left as they are: HTML keeps them whole with CSS (`.code`,
    /// `white-space: nowrap`), and an id may be printed in an attribute.
    Keep,
    /// Their hyphen becomes a no-break hyphen (Markdown, DOCX).
    NoBreakHyphen,
}

/// Spaces that may stand before a mark or between digit groups.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | NBSP | NNBSP | '\u{2009}')
}

fn is_mark(c: char) -> bool {
    matches!(c, ';' | '!' | '?' | ':')
}

/// The space a mark takes before it.
fn space_for(mark: char) -> char {
    if mark == ':' { NBSP } else { NNBSP }
}

/// Applies French typography to a text (see the module documentation).
/// Idempotent: applying it twice gives the same text as once.
pub fn french(text: &str, ids: Ids) -> String {
    let c: Vec<char> = text.chars().collect();
    let protected = protected(&c);
    let thousands = thousands(&c, &protected);
    let id_hyphens = if ids == Ids::NoBreakHyphen { id_hyphens(&c, &protected) } else { vec![false; c.len()] };
    let free = |i: usize| i < c.len() && !protected[i];
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < c.len() {
        if protected[i] {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let ch = c[i];
        if is_space(ch) {
            let mut j = i;
            while free(j) && is_space(c[j]) {
                j += 1;
            }
            let prev = i.checked_sub(1).map(|k| c[k]);
            let next = if free(j) { Some(c[j]) } else { None };
            let replacement = match (mark_at(&c, &protected, j), next) {
                (Some(p), _) if active(&c, &protected, p) => Some(space_for(c[p])),
                (_, Some('»')) => Some(NNBSP),
                _ if prev == Some('«') => Some(NNBSP),
                _ if j == i + 1 && thousands[i] => Some(NBSP),
                (_, Some('%' | '€')) if prev.is_some_and(|p| p.is_ascii_digit()) => Some(NBSP),
                _ => None,
            };
            match replacement {
                Some(space) => out.push(space),
                None => out.extend(&c[i..j]),
            }
            i = j;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| c[k]);
        let next = c.get(i + 1).copied();
        // A mark (or an escaped `\!`) glued to the word before it.
        let starts_mark = !(is_mark(ch) && prev == Some('\\'));
        if let Some(p) = mark_at(&c, &protected, i).filter(|_| starts_mark)
            && let Some(before) = prev
            && !before.is_whitespace()
            && !is_mark(before)
            && !"([{«/-'’\"".contains(before)
            && active(&c, &protected, p)
        {
            out.push(space_for(c[p]));
        }
        match ch {
            '«' => {
                out.push(ch);
                if next.is_some_and(|n| !n.is_whitespace() && !is_space(n)) {
                    out.push(NNBSP);
                }
            }
            '»' => {
                if prev.is_some_and(|p| !p.is_whitespace() && p != '«') {
                    out.push(NNBSP);
                }
                out.push(ch);
            }
            '%' | '€' if prev.is_some_and(|p| p.is_ascii_digit()) => {
                out.push(NBSP);
                out.push(ch);
            }
            '\'' if prev.is_some_and(char::is_alphabetic) => out.push('’'),
            '-' if id_hyphens[i] => out.push(NBHY),
            _ => out.push(ch),
        }
        i += 1;
    }
    out
}

/// The position of the mark starting at `i`: the mark itself, or the one
/// after a Markdown escape (`\!`, `\?`).
fn mark_at(c: &[char], protected: &[bool], i: usize) -> Option<usize> {
    let free = |k: usize| k < c.len() && !protected[k];
    if free(i) && is_mark(c[i]) {
        Some(i)
    } else if free(i) && c[i] == '\\' && free(i + 1) && matches!(c[i + 1], '!' | '?') {
        Some(i + 1)
    } else {
        None
    }
}

/// Whether the mark at `p` is punctuation of the sentence: what follows it
/// (after any other marks) is the end, a space or closing punctuation, so
/// `9:30`, `?q=`, `![image]` or `:-:` are left alone.
fn active(c: &[char], protected: &[bool], p: usize) -> bool {
    let mut q = p + 1;
    while q < c.len() && !protected[q] && (is_mark(c[q]) || (c[q] == '\\' && c.get(q + 1).is_some_and(|&n| is_mark(n))))
    {
        q += 1;
    }
    match c.get(q) {
        None => true,
        Some(&n) => n.is_whitespace() || ")]}»\"'’*_<,.…".contains(n),
    }
}

/// Characters never changed: code spans, `<…>` (tags, autolinks), HTML
/// entities, Markdown link targets `](…)`, URLs and e-mail addresses.
fn protected(c: &[char]) -> Vec<bool> {
    let mut p = vec![false; c.len()];
    let mark = |p: &mut Vec<bool>, from: usize, to: usize| p[from..to].iter_mut().for_each(|x| *x = true);
    let mut i = 0;
    while i < c.len() {
        let rest = &c[i..];
        let at_word_start = i == 0 || !c[i - 1].is_alphanumeric();
        if c[i] == '`' {
            let n = rest.iter().take_while(|&&x| x == '`').count();
            if let Some(end) = closing_backticks(c, i + n, n) {
                mark(&mut p, i, end + n);
                i = end + n;
            } else {
                i += n;
            }
            continue;
        }
        if c[i] == '<'
            && c.get(i + 1).is_some_and(|&n| n.is_ascii_alphabetic() || n == '/' || n == '!')
            && let Some(len) = rest.iter().position(|&x| x == '>')
            && !rest[1..len].iter().any(|&x| x == '<' || x == '\n')
        {
            mark(&mut p, i, i + len + 1);
            i += len + 1;
            continue;
        }
        if c[i] == '&' {
            let body = rest[1..].iter().take(12).take_while(|x| x.is_ascii_alphanumeric() || **x == '#').count();
            if body > 0 && rest.get(1 + body) == Some(&';') {
                mark(&mut p, i, i + body + 2);
                i += body + 2;
                continue;
            }
        }
        if c[i] == ']' && c.get(i + 1) == Some(&'(') {
            let mut depth = 0;
            let mut end = None;
            for (k, &x) in c.iter().enumerate().skip(i + 1) {
                match x {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(k);
                            break;
                        }
                    }
                    '\n' => break,
                    _ => {}
                }
            }
            if let Some(end) = end {
                mark(&mut p, i + 1, end + 1);
                i = end + 1;
                continue;
            }
        }
        if at_word_start && starts_url(rest) {
            let len = url_len(rest);
            mark(&mut p, i, i + len);
            i += len.max(1);
            continue;
        }
        if c[i] == '@' {
            let local = |x: &char| x.is_alphanumeric() || "._%+-".contains(*x);
            let start = i - c[..i].iter().rev().take_while(|x| local(x)).count();
            let domain = rest[1..].iter().take_while(|x| x.is_alphanumeric() || ".-".contains(**x)).count();
            let mut end = i + 1 + domain;
            while end > i + 1 && c[end - 1] == '.' {
                end -= 1;
            }
            if start < i && c[i + 1..end].contains(&'.') {
                mark(&mut p, start, end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    p
}

fn closing_backticks(c: &[char], from: usize, n: usize) -> Option<usize> {
    let mut k = from;
    while k < c.len() {
        if c[k] == '`' {
            let run = c[k..].iter().take_while(|&&x| x == '`').count();
            if run == n {
                return Some(k);
            }
            k += run;
        } else {
            k += 1;
        }
    }
    None
}

fn starts_url(rest: &[char]) -> bool {
    let head: String = rest.iter().take(8).collect::<String>().to_ascii_lowercase();
    ["http://", "https://", "ftp://", "www.", "mailto:"].iter().any(|s| head.starts_with(s))
}

/// Length of the URL at the start of `rest`, without the punctuation that
/// ends the sentence after it.
fn url_len(rest: &[char]) -> usize {
    let mut len = rest.iter().take_while(|x| !x.is_whitespace() && !"<>\"`«»".contains(**x)).count();
    while let Some(&last) = len.checked_sub(1).map(|k| &rest[k]) {
        let opened = rest[..len].iter().filter(|&&x| x == '(').count();
        let closed = rest[..len].iter().filter(|&&x| x == ')').count();
        if ".,;:!?'’".contains(last) || (last == ')' && closed > opened) {
            len -= 1;
        } else {
            break;
        }
    }
    len
}

/// Spaces between the digit groups of a number written `2 000` or
/// `1 234 567` (never added: `2026`, `12000` or `1.0.0` stay as they are).
fn thousands(c: &[char], protected: &[bool]) -> Vec<bool> {
    let mut t = vec![false; c.len()];
    let digit = |k: usize| k < c.len() && !protected[k] && c[k].is_ascii_digit();
    let mut i = 0;
    while i < c.len() {
        let starts = digit(i) && (i == 0 || !(c[i - 1].is_alphanumeric() || ".,".contains(c[i - 1])));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while digit(j) {
            j += 1;
        }
        if j - i <= 3 {
            while j < c.len()
                && !protected[j]
                && is_space(c[j])
                && (1..=3).all(|d| digit(j + d))
                && !digit(j + 4)
                && !(j + 4 < c.len() && c[j + 4].is_alphabetic())
            {
                t[j] = true;
                j += 4;
            }
        }
        i = j.max(i + 1);
    }
    t
}

/// Hyphens of identifiers such as `M-01`, `SF-03`, `MS-12`: one to four
/// capital letters, a hyphen, one to four digits, as a word of their own.
fn id_hyphens(c: &[char], protected: &[bool]) -> Vec<bool> {
    let mut h = vec![false; c.len()];
    for i in 0..c.len() {
        if c[i] != '-' || protected[i] {
            continue;
        }
        let letters = c[..i].iter().rev().take_while(|x| x.is_ascii_uppercase()).count();
        let digits = c[i + 1..].iter().take_while(|x| x.is_ascii_digit()).count();
        let before_ok = i == letters || !c[i - letters - 1].is_alphanumeric();
        let after_ok = c.get(i + 1 + digits).is_none_or(|x| !x.is_alphanumeric());
        h[i] = (1..=4).contains(&letters) && (1..=4).contains(&digits) && before_ok && after_ok;
    }
    h
}

/// Applies [`french`] to the text of an HTML fragment: tags, comments and
/// the content of `code`, `pre`, `script`, `style` and `textarea` are left alone.
pub fn french_html(html: &str, ids: Ids) -> String {
    markup(html, false, true, ids)
}

/// Applies [`french`] to the literal text of a template's source: what is
/// between `{{ }}`, `{% %}` and `{# #}` is left alone, and in HTML the tags
/// and the content of `code`, `pre`, `script`, `style` and `textarea` too.
pub fn french_template(source: &str, html: bool, ids: Ids) -> String {
    markup(source, true, html, ids)
}

const RAW_ELEMENTS: [&str; 5] = ["code", "pre", "script", "style", "textarea"];

fn markup(source: &str, jinja: bool, html: bool, ids: Ids) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let mut text_start = 0;
    let mut i = 0;
    let bytes = source.as_bytes();
    let flush = |out: &mut String, from: usize, to: usize| out.push_str(&french(&source[from..to], ids));
    while i < bytes.len() {
        let rest = &source[i..];
        let verbatim_end = if jinja && let Some(end) = jinja_end(rest) {
            Some(i + end)
        } else if html
            && bytes[i] == b'<'
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
        {
            Some(i + tag_end(rest, jinja))
        } else {
            None
        };
        match verbatim_end {
            Some(end) => {
                flush(&mut out, text_start, i);
                out.push_str(&source[i..end]);
                i = end;
                text_start = end;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    flush(&mut out, text_start, bytes.len());
    out
}

/// Length of the template tag at the start of `rest`, if one starts there.
fn jinja_end(rest: &str) -> Option<usize> {
    let close = match rest.get(..2)? {
        "{{" => "}}",
        "{%" => "%}",
        "{#" => "#}",
        _ => return None,
    };
    Some(rest[2..].find(close).map_or(rest.len(), |k| k + 4))
}

/// Length of the HTML tag (or comment, or raw element with its content) at
/// the start of `rest`.
fn tag_end(rest: &str, jinja: bool) -> usize {
    if rest.starts_with("<!--") {
        return rest.find("-->").map_or(rest.len(), |k| k + 3);
    }
    let mut k = 1;
    while k < rest.len() {
        if jinja && let Some(end) = jinja_end(&rest[k..]) {
            k += end;
            continue;
        }
        let Some(ch) = rest[k..].chars().next() else { break };
        if ch == '>' {
            k += 1;
            break;
        }
        k += ch.len_utf8();
    }
    let name: String =
        rest[1..].chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    if RAW_ELEMENTS.contains(&name.as_str()) {
        let closing = format!("</{name}");
        if let Some(end) = rest[k..].to_ascii_lowercase().find(&closing) {
            let after = k + end;
            return rest[after..].find('>').map_or(rest.len(), |g| after + g + 1);
        }
        return rest.len();
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> String {
        french(text, Ids::NoBreakHyphen)
    }

    #[test]
    fn narrow_no_break_space_before_semicolon_exclamation_and_question_marks() {
        assert_eq!(fr("rural ; permis B"), "rural\u{202F}; permis B");
        assert_eq!(fr("rural; permis B"), "rural\u{202F}; permis B");
        assert_eq!(fr("Bonjour !"), "Bonjour\u{202F}!");
        assert_eq!(fr("Vraiment?"), "Vraiment\u{202F}?");
        assert_eq!(fr("Quoi ?!"), "Quoi\u{202F}?!");
        assert_eq!(fr("a\u{A0};b ; c"), "a\u{A0};b\u{202F}; c", "a glued `;b` is not punctuation");
    }

    #[test]
    fn no_break_space_before_colon() {
        assert_eq!(fr("Statut : publié"), "Statut\u{A0}: publié");
        assert_eq!(fr("Statut: publié"), "Statut\u{A0}: publié");
        assert_eq!(fr("Note :"), "Note\u{A0}:");
        assert_eq!(fr("à 9:30"), "à 9:30");
        assert_eq!(fr("| :-: |"), "| :-: |");
    }

    #[test]
    fn narrow_no_break_spaces_inside_guillemets() {
        assert_eq!(fr("« essentielle »"), "«\u{202F}essentielle\u{202F}»");
        assert_eq!(fr("«essentielle»"), "«\u{202F}essentielle\u{202F}»");
        assert_eq!(fr("«\u{A0}essentielle\u{A0}»"), "«\u{202F}essentielle\u{202F}»");
    }

    #[test]
    fn numbers_keep_their_groups_together() {
        assert_eq!(fr("2 000 habitants"), "2\u{A0}000 habitants");
        assert_eq!(fr("1 234 567,89"), "1\u{A0}234\u{A0}567,89");
        assert_eq!(fr("3,5 % et 12%"), "3,5\u{A0}% et 12\u{A0}%");
        assert_eq!(fr("2 000 €"), "2\u{A0}000\u{A0}€");
        for unchanged in ["en 2026", "12000 Rodez", "version 1.0.0", "9h30", "3,5", "2026 200", "01 23 45 67 89"] {
            assert_eq!(fr(unchanged), unchanged);
        }
    }

    #[test]
    fn typographic_apostrophe() {
        assert_eq!(fr("l'échelle d'exercice"), "l’échelle d’exercice");
        assert_eq!(fr("aujourd'hui"), "aujourd’hui");
    }

    #[test]
    fn identifiers_are_not_broken() {
        assert_eq!(
            fr("M-01, SF-03, S-14, SE-02 et MS-01"),
            "M\u{2011}01, SF\u{2011}03, S\u{2011}14, SE\u{2011}02 et MS\u{2011}01"
        );
        assert_eq!(french("M-01", Ids::Keep), "M-01");
        for unchanged in ["savoir-faire", "Île-de-France", "ABCDE-01", "M-01b", "-5 %"] {
            assert_eq!(fr(unchanged), unchanged.replace(" %", "\u{A0}%"));
        }
    }

    #[test]
    fn urls_addresses_and_code_are_left_alone() {
        for unchanged in [
            "https://www.cci.fr/page?x=1;y=2",
            "http://exemple.fr:8080/l'ile",
            "www.exemple.fr/a:b",
            "contact@cci-aveyron.fr",
            "mailto:rh@exemple.fr",
            "`a ; b : c 'd' M-01`",
            "``code ` avec ; backtick``",
            "<https://exemple.fr>",
            "&amp; &#8239; &nbsp;",
        ] {
            assert_eq!(fr(unchanged), unchanged);
        }
        assert_eq!(fr("voir https://exemple.fr ; puis"), "voir https://exemple.fr\u{202F}; puis");
        assert_eq!(fr("Écrire à rh@exemple.fr !"), "Écrire à rh@exemple.fr\u{202F}!");
        assert_eq!(fr("le code `a;b` : ici"), "le code `a;b`\u{A0}: ici");
        assert_eq!(fr("[l'aide](https://x.fr/l'aide) : lire"), "[l’aide](https://x.fr/l'aide)\u{A0}: lire");
    }

    #[test]
    fn markdown_syntax_stays_valid() {
        for unchanged in ["| --- | :-: |", "- item", "1. item", "![image](a.png)", "# Titre", "**gras**"] {
            assert_eq!(fr(unchanged), unchanged);
        }
        assert_eq!(fr("**Note :** lire"), "**Note\u{A0}:** lire");
        assert_eq!(fr("Bravo\\!"), "Bravo\u{202F}\\!", "an escaped mark keeps its backslash");
    }

    #[test]
    fn applying_twice_is_applying_once() {
        let text = "« Oui ! » ; l'échelle : 2 000 € et 3,5% pour M-01 ? Bravo\\! voir https://x.fr; `a ; b`";
        let once = fr(text);
        assert_eq!(fr(&once), once);
        let once = french(text, Ids::Keep);
        assert_eq!(french(&once, Ids::Keep), once);
    }

    #[test]
    fn html_tags_and_code_are_left_alone() {
        let html = r#"<p title="a ; b">Niveau : <code>x ; y</code> l'outil <a href="https://x.fr/?a=1">lien</a> !</p><style>a { color: red; }</style>"#;
        let expected = "<p title=\"a ; b\">Niveau\u{A0}: <code>x ; y</code> l’outil <a href=\"https://x.fr/?a=1\">lien</a>\u{202F}!</p><style>a { color: red; }</style>";
        assert_eq!(french_html(html, Ids::Keep), expected);
    }

    #[test]
    fn templates_keep_their_tags() {
        let source = "{% if a %}Statut : {{ x ; y }}{% endif %} l'a <span title=\"{{ t }} : x\">« {{ v }} »</span>";
        let expected = "{% if a %}Statut\u{A0}: {{ x ; y }}{% endif %} l’a <span title=\"{{ t }} : x\">«\u{202F}{{ v }}\u{202F}»</span>";
        assert_eq!(french_template(source, true, Ids::Keep), expected);
        let md = "- Missions : {{ m | join(\", \") }}\n| --- |{% for m in l %} :-: |{% endfor %}\n";
        assert_eq!(french_template(md, false, Ids::NoBreakHyphen), md.replacen(" :", "\u{A0}:", 1));
    }
}
