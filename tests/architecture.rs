//! The layering of `src/`, written in ARCHITECTURE.md, enforced: every
//! `crate::` path (in `use` lines and in code) and every `super::` path that
//! leaves its top-level module is read, and a module that imports one the
//! layers put at its level or above it fails the test, as does a pair of
//! modules that import each other.
//!
//! The reading is lexical (comments and literals are skipped), which is
//! enough for the paths written in this crate and needs no dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the bottom: a module may import the modules of the
/// layers below its own, never one of its layer or above. `lib` stands for
/// the items of `lib.rs` itself (`Outcome`, `Terminal`, `exit`, `run`).
/// Keep in step with ARCHITECTURE.md.
const LAYERS: &[&[&str]] = &[
    &["text", "progress"],
    &["model"],
    &["diagnostic", "schema"],
    &["error"],
    &["load", "output"],
    &["check", "adapt"],
    &["workspace", "render"],
    &["export", "site", "assess"],
    &["lib"],
    &["cli"],
    &["commands"],
    &["fuzz"],
];

/// One path to another top-level module.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    /// File, relative to the repository (`src/load/mod.rs`).
    file: String,
    line: usize,
    /// The module the file belongs to (`load`).
    from: String,
    /// The module imported (`check`).
    to: String,
    /// The path as written, for the message (`crate::check::analyze`).
    path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// The tokens of a Rust source with their line, comments and the contents
/// of string and character literals left out.
fn tokens(source: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 1;
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // An escaped character: up to the closing quote.
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label.
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if (word == "r" || word == "br") && (at(i) == '"' || (at(i) == '#' && matches!(at(i + 1), '"' | '#'))) {
                // A raw string: r#"…"#.
                let mut hashes = 0;
                while at(i) == '#' {
                    hashes += 1;
                    i += 1;
                }
                i += 1;
                loop {
                    if i >= chars.len() {
                        break;
                    }
                    if chars[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                        i += 1 + hashes;
                        break;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            } else if word == "b" && matches!(at(i), '"' | '\'') {
                // A byte string or byte: the literal is skipped next turn.
            } else {
                out.push((Token::Ident(word), line));
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && at(i + 1) == ':' {
            out.push((Token::Path, line));
            i += 2;
        } else {
            out.push((Token::Punct(c), line));
            i += 1;
        }
    }
    out
}

fn ident(tokens: &[(Token, usize)], i: usize) -> Option<&str> {
    match tokens.get(i) {
        Some((Token::Ident(word), _)) => Some(word),
        _ => None,
    }
}

fn is(tokens: &[(Token, usize)], i: usize, token: &Token) -> bool {
    tokens.get(i).is_some_and(|(t, _)| t == token)
}

/// The path starting at token `i` (`a::b::c`), as written.
fn path_at(tokens: &[(Token, usize)], mut i: usize) -> String {
    let mut out = String::new();
    while let Some(word) = ident(tokens, i) {
        out.push_str(word);
        if is(tokens, i + 1, &Token::Path) && ident(tokens, i + 2).is_some() {
            out.push_str("::");
            i += 2;
        } else {
            break;
        }
    }
    out
}

/// The paths a `crate::` (or escaping `super::`) prefix leads to, from
/// token `i` just after it: one path, or one per item of a `{…}` group.
fn paths_after(tokens: &[(Token, usize)], i: usize) -> Vec<String> {
    if ident(tokens, i).is_some() {
        return vec![path_at(tokens, i)];
    }
    if !is(tokens, i, &Token::Punct('{')) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut depth = 0;
    let mut item_start = true;
    for (k, (token, _)) in tokens.iter().enumerate().skip(i) {
        match token {
            Token::Punct('{') => {
                depth += 1;
                item_start = depth == 1;
                continue;
            }
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Token::Punct(',') if depth == 1 => {
                item_start = true;
                continue;
            }
            Token::Ident(_) if item_start && depth == 1 => out.push(path_at(tokens, k)),
            _ => {}
        }
        item_start = false;
    }
    out
}

/// The top-level module a path from the crate root names: a module
/// declared in `lib.rs`, else an item of `lib.rs` itself (`Error` is the
/// re-export of `error::Error`).
fn module_of(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let first = path.split("::").next().unwrap_or_default();
    if first == "self" || first.is_empty() {
        return None;
    }
    if modules.contains(first) {
        return Some(first.to_owned());
    }
    Some(if first == "Error" { "error" } else { "lib" }.to_owned())
}

/// The top-level modules declared in `lib.rs` by `mod name;`.
fn modules(lib: &str) -> BTreeSet<String> {
    let tokens = tokens(lib);
    (0..tokens.len())
        .filter(|&i| ident(&tokens, i) == Some("mod") && is(&tokens, i + 2, &Token::Punct(';')))
        .filter_map(|i| ident(&tokens, i + 1).map(str::to_owned))
        .collect()
}

/// The module path of a file under `src/`: `src/load/mod.rs` → `[load]`,
/// `src/render/docx/xml.rs` → `[render, docx, xml]`.
fn module_path(file: &str) -> Vec<String> {
    let inner = file.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = inner.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// Every path of `source` (the file `file`) to another top-level module.
fn imports(file: &str, source: &str, modules: &BTreeSet<String>) -> Vec<Import> {
    let path = module_path(file);
    let Some(from) = path.first().filter(|m| modules.contains(*m)).cloned() else {
        return Vec::new();
    };
    let tokens = tokens(source);
    let mut out = Vec::new();
    let mut push = |written: String, prefix: &str, line: usize| {
        if let Some(to) = module_of(&written, modules).filter(|to| *to != from) {
            out.push(Import {
                file: file.to_owned(),
                line,
                from: from.clone(),
                to,
                path: format!("{prefix}{written}"),
            });
        }
    };
    // Inline modules (`mod tests { … }`) deepen what `super` starts from.
    let mut braces = 0usize;
    let mut inline: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let (token, line) = &tokens[i];
        match token {
            Token::Punct('{') => braces += 1,
            Token::Punct('}') => {
                braces = braces.saturating_sub(1);
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" && is(&tokens, i + 2, &Token::Punct('{')) => inline.push(braces),
            Token::Ident(word) if word == "crate" && is(&tokens, i + 1, &Token::Path) => {
                let macro_crate = i > 0 && is(&tokens, i - 1, &Token::Punct('$'));
                if !macro_crate {
                    for written in paths_after(&tokens, i + 2) {
                        push(written, "crate::", *line);
                    }
                }
            }
            Token::Ident(word) if word == "super" && is(&tokens, i + 1, &Token::Path) => {
                let preceded = i > 0 && is(&tokens, i - 1, &Token::Path);
                let mut count = 0;
                let mut k = i;
                while ident(&tokens, k) == Some("super") && is(&tokens, k + 1, &Token::Path) {
                    count += 1;
                    k += 2;
                }
                if !preceded && count >= path.len() + inline.len() {
                    let prefix = "super::".repeat(count);
                    for written in paths_after(&tokens, k) {
                        push(written, &prefix, *line);
                    }
                }
                i = k;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// What the rules forbid among `imports`, one message per problem.
fn violations(imports: &[Import], modules: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for module in modules {
        if layer(module).is_none() {
            out.push(format!(
                "module `{module}` (declared in src/lib.rs) has no layer: add it to LAYERS and to ARCHITECTURE.md"
            ));
        }
    }
    let mut sorted: Vec<&Import> = imports.iter().collect();
    sorted.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for import in sorted {
        let (Some(from), Some(to)) = (layer(&import.from), layer(&import.to)) else {
            continue;
        };
        if to >= from {
            let place = if to == from { "beside it" } else { "above it" };
            out.push(format!(
                "{}:{}: `{}`: `{}` may not import `{}`, a layer {place} (see ARCHITECTURE.md)",
                import.file, import.line, import.path, import.from, import.to
            ));
        }
    }
    let mut first: BTreeMap<(&str, &str), &Import> = BTreeMap::new();
    for import in imports {
        first.entry((&import.from, &import.to)).or_insert(import);
    }
    for (&(a, b), ab) in &first {
        if a < b
            && let Some(ba) = first.get(&(b, a))
        {
            out.push(format!(
                "`{a}` and `{b}` import each other: {}:{} (`{}`) and {}:{} (`{}`)",
                ab.file, ab.line, ab.path, ba.file, ba.line, ba.path
            ));
        }
    }
    out
}

/// The `.rs` files under `dir`, as (path relative to `root`, text).
fn sources(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("src/ is readable").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root).expect("under the root").to_string_lossy().replace('\\', "/");
            out.push((name, std::fs::read_to_string(&path).expect("source is UTF-8")));
        }
    }
}

fn check(files: &[(String, String)]) -> (Vec<Import>, Vec<String>) {
    let lib = files.iter().find(|(name, _)| name == "src/lib.rs").map(|(_, text)| text.as_str()).unwrap_or_default();
    let modules = modules(lib);
    let imports: Vec<Import> = files.iter().flat_map(|(name, text)| imports(name, text, &modules)).collect();
    let violations = violations(&imports, &modules);
    (imports, violations)
}

#[test]
fn src_follows_the_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(root, &root.join("src"), &mut files);
    let (imports, violations) = check(&files);
    // The reading found the imports it must find, so an empty list means something.
    assert!(imports.iter().any(|i| i.from == "workspace" && i.to == "check"), "no import read from src/workspace");
    assert!(imports.iter().any(|i| i.from == "commands" && i.to == "lib"), "no `crate::Outcome` read in src/commands");
    assert!(violations.is_empty(), "the layering of src/ is broken:\n{}", violations.join("\n"));
}

#[test]
fn every_layer_names_a_module_of_the_crate() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).expect("lib.rs");
    let modules = modules(&lib);
    for module in LAYERS.iter().flat_map(|l| l.iter()).filter(|m| **m != "lib") {
        assert!(modules.contains(*module), "LAYERS names `{module}`, which src/lib.rs does not declare");
    }
}

fn synthetic(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<(String, String)> = files.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    check(&files).1
}

const LIB: &str = "pub mod text;\npub mod progress;\npub mod model;\npub mod diagnostic;\npub mod schema;\n\
    pub mod error;\npub mod load;\npub mod output;\npub mod check;\npub mod adapt;\npub mod workspace;\n\
    pub mod render;\npub mod export;\npub mod site;\npub mod cli;\npub mod commands;\n\
    pub use error::Error;\npub mod exit { pub const OK: u8 = 0; }\n";

#[test]
fn an_import_from_above_is_named_with_its_file_and_line() {
    let found = synthetic(&[
        ("src/lib.rs", LIB),
        ("src/load/catalog.rs", "//! Finds.\n\nuse crate::model::Document;\nuse crate::check::analyze;\n"),
    ]);
    assert_eq!(
        found,
        [
            "src/load/catalog.rs:4: `crate::check::analyze`: `load` may not import `check`, a layer above it (see ARCHITECTURE.md)"
        ]
    );
}

#[test]
fn grouped_paths_in_code_and_escaping_super_are_read() {
    let found = synthetic(&[
        ("src/lib.rs", LIB),
        ("src/model/mod.rs", "use crate::{text::suggest, render::{Templates, view}};\n"),
        ("src/error.rs", "fn f() -> crate::Outcome { make() }\nmod tests { use super::super::site; }\n"),
        ("src/adapt/diff.rs", "fn g() { let x = crate::workspace::resolve(a); }\n"),
    ]);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found[0].starts_with("src/adapt/diff.rs:1: `crate::workspace::resolve`: `adapt` may not import `workspace`")
    );
    assert!(found[1].starts_with("src/error.rs:1: `crate::Outcome`: `error` may not import `lib`"));
    assert!(found[2].starts_with("src/error.rs:2: `super::super::site`: `error` may not import `site`"));
    assert!(found[3].starts_with("src/model/mod.rs:1: `crate::render`: `model` may not import `render`"));
}

#[test]
fn comments_strings_and_inner_paths_are_not_imports() {
    let found = synthetic(&[
        ("src/lib.rs", LIB),
        (
            "src/model/profil.rs",
            "//! See `crate::render`.\n/* crate::site */\nconst S: &str = \"crate::commands\";\n\
             const R: &str = r#\"crate::cli \"quoted\"\"#;\nconst C: char = '\"';\nfn f<'a>(x: &'a str) {}\n\
             use super::spanned::Span;\nmod tests { use super::*; }\nmacro_rules! m { () => { $crate::x() } }\n",
        ),
        ("src/output.rs", "mod tests { use super::*; use crate::error::Error; }\n"),
    ]);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn two_modules_importing_each_other_are_named() {
    let found = synthetic(&[
        ("src/lib.rs", LIB),
        ("src/check/batch.rs", "use crate::adapt::resolve;\n"),
        ("src/adapt/mod.rs", "use crate::check::profil_rules;\n"),
    ]);
    assert!(found.contains(
        &"`adapt` and `check` import each other: src/adapt/mod.rs:1 (`crate::check::profil_rules`) and src/check/batch.rs:1 (`crate::adapt::resolve`)"
            .to_owned()
    ), "{found:#?}");
}

#[test]
fn a_module_without_a_layer_is_reported() {
    let found = synthetic(&[("src/lib.rs", "pub mod model;\npub mod stray;\n")]);
    assert_eq!(
        found,
        ["module `stray` (declared in src/lib.rs) has no layer: add it to LAYERS and to ARCHITECTURE.md"]
    );
}
