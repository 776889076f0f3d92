//! The positioned tree built straight from the YAML parser's events.
//!
//! serde-saphyr reads a file into `Spanned<T>` nodes through serde: every
//! node goes through a `Spanned` wrapper, its position is handed over as a
//! little map of fields, and each scalar is tried as a boolean, an integer
//! and a float. That was most of the time of `validate` (docs/performance.md).
//! This module reads the same parser (granit-parser, which serde-saphyr is
//! built on and re-exports) and builds the tree directly: one event, one
//! node, with the position the event carries.
//!
//! It only takes the files it can read exactly as serde-saphyr would, which
//! are all the files a profile is made of: one document, no anchor, alias,
//! tag or merge key, no duplicate key, keys that are texts, within the
//! limits of `parse::options`. Anything else — an error of any kind
//! included — returns `None`, and the caller reads the file through
//! serde-saphyr, whose errors and limits stay the only ones refnum reports.
//! A test checks that both paths give the same tree, positions included.
//! The files in the block subset of `load::block` do not even come here:
//! that reader, checked against this one, takes them first.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use super::tree::{Location, Node, NodeKind};

/// Nesting above which the file is handed to serde-saphyr, which enforces
/// the limit of 64 levels and says so in its own words.
pub(super) const MAX_DEPTH: usize = 60;
/// Nodes above which the file is handed to serde-saphyr (its limit: 200,000).
pub(super) const MAX_NODES: usize = 190_000;
/// Bytes of scalar text above which the file is handed to serde-saphyr.
pub(super) const MAX_SCALAR_BYTES: usize = super::source::MAX_FILE_BYTES / 2;
/// Mappings up to this size look for duplicate keys pair by pair.
const SMALL_MAP: usize = 12;

/// The parser's options as serde-saphyr sets them from `parse::options`:
/// the same events, the same positions.
fn parser_options() -> serde_saphyr::granit_parser::Options {
    let block_nesting_limit = serde_saphyr::granit_parser::Options::default().block_nesting_limit.max(64 + 1);
    serde_saphyr::granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: 64,
        block_nesting_limit: block_nesting_limit,
        emit_comments: false,
    }
}

/// A collection being read.
enum Open {
    Seq(Location, Vec<Node>),
    /// The entries, and the key waiting for its value.
    Map(Location, Vec<(Node, Node)>, Option<Node>),
}

/// The tree of a one-document text, or `None` when serde-saphyr must read it.
pub fn tree(text: &str) -> Option<Node> {
    let mut stack: Vec<Open> = Vec::with_capacity(16);
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut scalar_bytes = 0usize;
    for next in Parser::new_from_str_with_options(text, parser_options()) {
        let (event, span) = next.ok()?;
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                nodes += 1;
                scalar_bytes += value.len();
                if nodes > MAX_NODES || scalar_bytes > MAX_SCALAR_BYTES {
                    return None;
                }
                Node { kind: scalar(value, style)?, location: location(&span)? }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() || stack.len() >= MAX_DEPTH {
                    return None;
                }
                nodes += 1;
                if nodes > MAX_NODES {
                    return None;
                }
                let at = location(&span)?;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq(at, Vec::new())
                } else {
                    Open::Map(at, Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Open::Seq(location, items) => Node { kind: NodeKind::Seq(items), location },
                Open::Map(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Open::Map(location, entries, None) if unique_keys(&entries) => {
                    Node { kind: NodeKind::Map(entries), location }
                }
                _ => return None,
            },
            // Aliases, anchors, comments: serde-saphyr's business.
            _ => return None,
        };
        match stack.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    // A key must be a text, and `<<` would be a merge key.
                    if node.as_str().is_none_or(|k| k == "<<") {
                        return None;
                    }
                    *pending = Some(node);
                }
            },
        }
    }
    if !stack.is_empty() {
        return None;
    }
    root
}

/// The place serde-saphyr gives the node of an event.
fn location(span: &Span) -> Option<Location> {
    let start = span.start.byte_offset()?;
    let end = span.end.byte_offset()?;
    Some(Location {
        line: u32::try_from(span.start.line()).ok()?,
        column: u32::try_from(span.start.col() + 1).ok()?,
        bytes: Some((start, end.saturating_sub(start))),
        end: Some((u32::try_from(span.end.line()).ok()?, u32::try_from(span.end.col() + 1).ok()?)),
    })
}

/// `true` if no two keys of a mapping are the same text.
pub(super) fn unique_keys(entries: &[(Node, Node)]) -> bool {
    fn key((k, _): &(Node, Node)) -> &str {
        k.as_str().unwrap_or_default()
    }
    if entries.len() <= SMALL_MAP {
        return entries.iter().enumerate().all(|(i, a)| entries[..i].iter().all(|b| key(a) != key(b)));
    }
    let mut keys: Vec<&str> = entries.iter().map(key).collect();
    keys.sort_unstable();
    keys.windows(2).all(|w| w[0] != w[1])
}

/// What serde-saphyr makes of an untagged scalar when asked for any value
/// (`strict_booleans`, YAML 1.2 core schema), or `None` for the spellings
/// it reads in ways not worth repeating here (numbers other than plain
/// decimal integers): the file then goes to serde-saphyr.
pub(super) fn scalar(value: Cow<'_, str>, style: ScalarStyle) -> Option<NodeKind> {
    if !matches!(style, ScalarStyle::Plain) {
        return Some(NodeKind::Str(value.into_owned()));
    }
    // A first character that begins no null, boolean or number makes a
    // text: the common case, decided here without the checks below.
    if value.as_bytes().first().is_some_and(|b| {
        !matches!(
            b,
            b'0'..=b'9'
                | b'+'
                | b'-'
                | b'.'
                | b'~'
                | b'n'
                | b'N'
                | b't'
                | b'T'
                | b'f'
                | b'F'
                | b' '
                | b'\t'
                | b'\r'
                | b'\n'
        )
    }) {
        return Some(NodeKind::Str(value.into_owned()));
    }
    let t = value.trim_matches([' ', '\t', '\r', '\n']);
    match &*value {
        "" | "~" | "null" | "Null" | "NULL" => return Some(NodeKind::Null),
        _ => {}
    }
    match t {
        "true" | "True" | "TRUE" => return Some(NodeKind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(NodeKind::Bool(false)),
        _ => {}
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    match unsigned.as_bytes().first() {
        // Perhaps a float (`.5`, `.inf`, `.nan`).
        Some(b'.') => return None,
        Some(b) if b.is_ascii_digit() => {}
        // Neither a number nor a special float: a text.
        _ => return Some(NodeKind::Str(value.into_owned())),
    }
    if !t.starts_with('+') && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        // A decimal integer: without a leading zero, one that fits.
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        return t.parse::<i64>().ok().map(NodeKind::Int);
    }
    // Anything Rust reads as a float, with underscores, or in another base
    // may be a number to serde-saphyr; every other spelling is a text
    // (a date, a version number, a code).
    let radix = unsigned.len() > 1
        && unsigned.starts_with('0')
        && matches!(unsigned.as_bytes()[1], b'x' | b'X' | b'o' | b'O' | b'b' | b'B');
    if radix || t.contains('_') || t.parse::<f64>().is_ok() {
        return None;
    }
    Some(NodeKind::Str(value.into_owned()))
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::super::parse::read_with_serde_saphyr;
    use super::super::source::Source;
    use super::*;

    fn source(text: &str) -> Source {
        Source::from_bytes("t.yaml".into(), text.as_bytes()).unwrap()
    }

    /// The event reader either hands the text back or builds exactly the
    /// tree serde-saphyr builds, positions included. `true` if it built it.
    fn same_as_serde_saphyr(text: &str) -> bool {
        let source = source(text);
        let Some(fast) = tree(&source.text) else { return false };
        match read_with_serde_saphyr(&source) {
            Ok(Some(slow)) => {
                assert_eq!(spans(&source, &fast), spans(&source, &slow), "{text:?}");
                assert_eq!(without_ends(fast), slow, "{text:?}");
            }
            other => panic!("serde-saphyr gives {other:?} where the event reader gives a tree: {text:?}"),
        }
        true
    }

    /// The span of every node, as the rules see them.
    fn spans(source: &Source, node: &Node) -> Vec<crate::model::Span> {
        let mut out = vec![source.span_at(&node.location)];
        match &node.kind {
            NodeKind::Seq(items) => items.iter().for_each(|n| out.extend(spans(source, n))),
            NodeKind::Map(entries) => entries.iter().for_each(|(k, v)| {
                out.extend(spans(source, k));
                out.extend(spans(source, v));
            }),
            _ => {}
        }
        out
    }

    /// The tree with the ends serde-saphyr does not give.
    fn without_ends(mut node: Node) -> Node {
        node.location.end = None;
        node.kind = match node.kind {
            NodeKind::Seq(items) => NodeKind::Seq(items.into_iter().map(without_ends).collect()),
            NodeKind::Map(entries) => {
                NodeKind::Map(entries.into_iter().map(|(k, v)| (without_ends(k), without_ends(v))).collect())
            }
            other => other,
        };
        node
    }

    /// Every YAML file under `dir` (the tests of `load::block` use it too).
    pub(in crate::load) fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_yaml_file_of_the_repository_reads_the_same() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["profiles", "examples", "tests"] {
            yaml_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 100, "{}", files.len());
        let mut built = Vec::new();
        for path in &files {
            let Ok(source) = Source::from_bytes(path.display().to_string(), &std::fs::read(path).unwrap()) else {
                continue;
            };
            if same_as_serde_saphyr(&source.text) {
                built.push(path);
            }
        }
        // The reference profiles and the examples take the fast path (the
        // CI files among the examples are no refnum documents).
        let ci = root.join("examples/ci");
        for must in ["profiles", "examples"] {
            let all = files.iter().filter(|p| p.starts_with(root.join(must)) && !p.starts_with(&ci)).count();
            let fast = built.iter().filter(|p| p.starts_with(root.join(must)) && !p.starts_with(&ci)).count();
            assert_eq!(fast, all, "{must}: {fast} of {all} files read from the events");
        }
    }

    #[test]
    fn scalars_read_as_serde_saphyr_reads_them() {
        let values = [
            "3",
            "-3",
            "0",
            "-0",
            "42",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "007",
            "+3",
            "1.5",
            ".5",
            "5.",
            "1e3",
            ".inf",
            "-.inf",
            ".nan",
            "+.nan",
            "inf",
            "nan",
            "0x1F",
            "0o17",
            "0b101",
            "0X1F",
            "1_000",
            "2026-11-28",
            "1.2.0",
            "12:30",
            "true",
            "True",
            "TRUE",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "null",
            "Null",
            "NULL",
            "~",
            "",
            "'3'",
            "\"true\"",
            "'null'",
            "''",
            "\"\"",
            "-",
            "- x",
            "a b c",
            "3 pommes",
            "1 2",
            "café",
            "\"é\\u00e9\"",
            "'l''été'",
            "|\n  bloc\n  deux",
            ">-\n  plié\n  ici",
            "[1, a, \"b\", ~]",
            "{a: 1, b: [x, y]}",
            "[]",
            "{}",
            "\"multi\n  ligne\"",
            "plain\n  folded",
        ];
        for value in values {
            for text in [format!("k: {value}\n"), format!("- {value}\n"), format!("a:\n  - {value}\n  - z\n")] {
                same_as_serde_saphyr(&text);
            }
        }
        assert!(same_as_serde_saphyr("a: 3\nb: -3\nc: x\nd: 2026-11-28\ne: 1.2.0\nf: true\ng:\n"));
    }

    #[test]
    fn texts_read_as_serde_saphyr_reads_them() {
        for text in [
            "---\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "# titre\na: 1 # fin\n",
            "type: profil\r\nid: x\r\nmissions:\r\n  - id: m1\r\n    libelle: Écrire\r\n",
            "é: ü\nclé: « valeur » 😀\n",
            "a:\n  b:\n    c: [1, {d: e}]\n",
            "? a\n: b\n",
            "a: |+\n  texte\n\n",
            "a: >\n  un\n\n  deux\n",
            "- - a\n  - b\n- c\n",
            "a: 'x'\nb: \"y\"\n",
            "\"a\": 1\n'b': 2\n",
            "a\n",
            "[a, b]\n",
            "a: 1\n\n\n",
        ] {
            same_as_serde_saphyr(text);
        }
    }

    #[test]
    fn what_serde_saphyr_reports_is_handed_back() {
        for text in [
            "a: 1\na: 2\n",
            "a: 1\n'a': 2\n",
            "{a: 1, a: 2}\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "<<: {a: 1}\n",
            "a: 1\n---\nb: 2\n",
            "a: [\n",
            "a: 'l'été'\n",
            "a:\n\t- b\n",
            "1: a\n",
            "[a]: b\n",
        ] {
            assert!(tree(text).is_none(), "{text:?}");
        }
        let deep: String = (0..100).map(|d| format!("{}k{d}:\n", "  ".repeat(d))).collect();
        assert!(tree(&deep).is_none());
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("a".to_owned()),
            Just("clé".to_owned()),
            Just(": ".to_owned()),
            Just(":".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n".to_owned()),
            Just("  ".to_owned()),
            Just("- ".to_owned()),
            Just("'".to_owned()),
            Just("\"".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just(", ".to_owned()),
            Just("# c".to_owned()),
            Just("|".to_owned()),
            Just(">".to_owned()),
            Just("&x ".to_owned()),
            Just("*x".to_owned()),
            Just("---\n".to_owned()),
            Just("\t".to_owned()),
            "-?[0-9]{1,20}",
            "[0-9.eE+_-]{1,6}",
            "(true|false|null|~|yes|\\.inf|\\.nan)",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        #[test]
        fn any_text_reads_as_serde_saphyr_reads_it(parts in proptest::collection::vec(fragment(), 0..40)) {
            same_as_serde_saphyr(&parts.concat());
        }

        #[test]
        fn any_mapping_reads_as_serde_saphyr_reads_it(
            entries in proptest::collection::vec(("[a-d]{1,2}", 0usize..3, fragment()), 1..12)
        ) {
            let text: String =
                entries.iter().map(|(k, indent, v)| format!("{}{k}: {v}\n", "  ".repeat(*indent))).collect();
            same_as_serde_saphyr(&text);
        }
    }
}
