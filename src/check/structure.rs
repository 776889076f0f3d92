//! Structural rules on the YAML tree: unknown and missing keys, types and
//! permitted values, every one collected in a single walk.
//!
//! The walk is driven by the JSON Schema generated from the model types
//! (`crate::schema`), so the schema and the checks cannot drift apart; it
//! reads the schema compiled once into tables (`compiled`), not the JSON.

use serde_json::Value;

use super::compiled::{Compiled, Object, Shape, Ty};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::{Node, NodeKind, Source};
use crate::model::Span;
use crate::schema::Kind;
use crate::text::suggest;

/// What the structural errors of a file cut from its tree, so that the
/// well-formed rest can still go through the semantic rules.
///
/// Each error removes the smallest part that holds it and that the model can
/// do without: an unknown key alone, else the innermost list item (a
/// mission, a competency, an activity…) or optional key around the fault.
/// An error with no such part around it (a required key of the root) leaves
/// nothing to recover. `lost` names what the model may miss because of the
/// cuts, so that a rule reading it is not run (see `intact`).
#[derive(Debug, Default)]
pub struct Recovery {
    /// Positions (entry or item index at each level) of the parts cut.
    cuts: Vec<Vec<usize>>,
    /// Paths (`missions`, `[2]`, `intitule`…) of what the model may miss.
    lost: Vec<Vec<String>>,
    /// An error that no cut can isolate.
    impossible: bool,
}

impl Recovery {
    /// The tree without the parts cut, when every error could be isolated.
    pub fn prune(&self, root: &Node) -> Option<Node> {
        if self.impossible {
            return None;
        }
        let cuts: std::collections::HashSet<&[usize]> = self.cuts.iter().map(Vec::as_slice).collect();
        Some(pruned(root, &mut Vec::new(), &cuts))
    }

    /// Whether nothing under the top-level key `region` may be missing,
    /// apart from what lies under one of the keys `unread`.
    pub fn intact(&self, region: &str, unread: &[&str]) -> bool {
        !self.lost.iter().any(|path| {
            path.first().is_some_and(|first| first == region)
                && !path.iter().skip(1).any(|part| unread.contains(&part.as_str()))
        })
    }
}

fn pruned(node: &Node, at: &mut Vec<usize>, cuts: &std::collections::HashSet<&[usize]>) -> Node {
    let mut keep = |i: usize, node: &Node| {
        at.push(i);
        let kept = (!cuts.contains(at.as_slice())).then(|| pruned(node, at, cuts));
        at.pop();
        kept
    };
    let kind = match &node.kind {
        NodeKind::Map(entries) => NodeKind::Map(
            entries.iter().enumerate().filter_map(|(i, (k, v))| keep(i, v).map(|v| (k.clone(), v))).collect(),
        ),
        NodeKind::Seq(items) => NodeKind::Seq(items.iter().enumerate().filter_map(|(i, v)| keep(i, v)).collect()),
        other => other.clone(),
    };
    Node { kind, location: node.location }
}

/// Checks the root of a document; returns its kind when `type` is known.
pub fn check(source: &Source, root: &Node, out: &mut Vec<Diagnostic>) -> Option<Kind> {
    check_recovering(source, root, out).0
}

/// The structural rules of any schema on a tree: for files that are not
/// profiles or posts (a filled positioning grid).
pub fn check_against(source: &Source, root: &Node, schema: &Value, out: &mut Vec<Diagnostic>) {
    let here = source.span_at(&root.location);
    let mut recovery = Recovery::default();
    let schema = Compiled::new(schema);
    let walker = Walker { source, schema: &schema, out, at: Vec::new(), cuttable: Vec::new(), recovery: &mut recovery };
    walker.walk(root, here);
}

/// Like `check`, and says what to cut from the tree to recover from the
/// errors found.
pub fn check_recovering(source: &Source, root: &Node, out: &mut Vec<Diagnostic>) -> (Option<Kind>, Recovery) {
    let here = source.span_at(&root.location);
    if root.as_map().is_none() {
        let what = root.type_name();
        out.push(
            Diagnostic::new(
                Code::InvalidRoot,
                here,
                format!("le document est {what} ; un profil ou un poste est un tableau associatif de clés"),
            )
            .with_help(
                "commencez le fichier par `type: profil` (ou `type: poste`) suivi des autres clés, une par ligne",
            ),
        );
        return (None, Recovery { impossible: true, ..Recovery::default() });
    }
    let kind = match root.get("type") {
        None => {
            out.push(
                Diagnostic::new(
                    Code::MissingKey,
                    here,
                    "la clé obligatoire `type` manque : le fichier ne dit pas s'il décrit un profil ou un poste",
                )
                .with_help("ajoutez en tête du fichier `type: profil` ou `type: poste`"),
            );
            None
        }
        Some(node) => {
            let kind = node.as_str().and_then(Kind::from_type);
            if kind.is_none() {
                let mut d = Diagnostic::new(
                    Code::UnknownValue,
                    source.span_at(&node.location),
                    format!("`type` vaut {}, or seuls `profil` et `poste` sont permis", shown(source, node)),
                );
                d.help = if node.as_str() == Some("positionnement") {
                    Some("une grille de positionnement remplie se lit avec `refnum positionnement FICHIER`, jamais avec les profils".into())
                } else {
                    node.as_str().and_then(|s| suggest::did_you_mean(s, ["profil", "poste"]))
                }
                    .or_else(|| Some("écrivez `type: profil` ou `type: poste`".into()));
                out.push(d);
            }
            kind
        }
    };
    let kind = match kind {
        Some(Kind::Profil) if root.get("extends").is_some() => Some(Kind::Adaptation),
        other => other,
    };
    let mut recovery = Recovery { impossible: kind.is_none(), ..Recovery::default() };
    if let Some(kind) = kind {
        let schema = Compiled::of(kind);
        let walker = Walker { source, schema, out, at: Vec::new(), cuttable: Vec::new(), recovery: &mut recovery };
        walker.walk(root, here);
    }
    (kind, recovery)
}

/// How a value is named in a message: scalars as written (quotes included), others by type.
fn shown(source: &Source, node: &Node) -> String {
    match &node.kind {
        NodeKind::Seq(_) | NodeKind::Map(_) | NodeKind::Null => node.type_name().to_owned(),
        NodeKind::Str(s) => {
            let span = source.span_at(&node.location);
            let raw = source.text.get(span.start..span.end).filter(|r| !r.is_empty() && !r.contains('\n'));
            format!("`{}`", raw.unwrap_or(s))
        }
        _ => {
            let span = source.span_at(&node.location);
            format!("`{}`", source.text.get(span.start..span.end).unwrap_or_default())
        }
    }
}

/// A quoted scalar (`"true"`, `'3'`).
fn is_quoted(source: &Source, node: &Node) -> bool {
    let span = source.span_at(&node.location);
    matches!(source.text.get(span.start..span.start + 1), Some("\"" | "'"))
}

/// One step of the path from the root to a node: a key, or a list item
/// (`[2]`, counted from 1 in messages). Borrowed from the schema, so that
/// walking into a node allocates nothing.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    Key(&'a str),
    /// The index of the item, from 0.
    Item(usize),
}

impl std::fmt::Display for Part<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part::Key(name) => f.write_str(name),
            Part::Item(i) => write!(f, "[{}]", i + 1),
        }
    }
}

struct Walker<'a, 'o> {
    source: &'a Source,
    schema: &'a Compiled,
    out: &'o mut Vec<Diagnostic>,
    /// Index of the entry or item at each level of `path`.
    at: Vec<usize>,
    /// Whether the part at each level of `path` may be cut (a list item, an
    /// optional key).
    cuttable: Vec<bool>,
    recovery: &'o mut Recovery,
}

impl<'a> Walker<'a, '_> {
    fn walk(mut self, node: &Node, anchor: Span) {
        self.node(node, 0, &mut Vec::new(), anchor);
    }

    /// Records an error at the current node: cut the innermost part around
    /// it that may be cut.
    fn fault(&mut self, path: &[Part]) {
        match self.cuttable.iter().rposition(|c| *c) {
            Some(i) => {
                self.recovery.cuts.push(self.at[..=i].to_vec());
                self.recovery.lost.push(path[..=i].iter().map(Part::to_string).collect());
            }
            None => self.recovery.impossible = true,
        }
    }

    /// Records an entry removed from a mapping; `lose_optional` then says
    /// what the model may miss because of it.
    fn drop_entry(&mut self, index: usize) {
        let mut at = self.at.clone();
        at.push(index);
        self.recovery.cuts.push(at);
    }

    /// After entries were removed from a mapping: the model misses them,
    /// and each may have been meant as any optional key the mapping lacks.
    /// Called once per mapping, so that many removed entries cost no more
    /// than one each.
    fn lose_optional(&mut self, node: &Node, object: &Object, path: &[Part]) {
        let present: std::collections::HashSet<&str> =
            node.as_map().into_iter().flatten().filter_map(|(k, _)| k.as_str()).collect();
        for property in object.properties.iter().filter(|p| !p.required && !present.contains(p.name.as_str())) {
            let mut lost: Vec<String> = path.iter().map(Part::to_string).collect();
            lost.push(property.name.clone());
            self.recovery.lost.push(lost);
        }
    }

    /// Walks into the entry or item `index`, cuttable or not.
    fn enter(&mut self, index: usize, cuttable: bool) {
        self.at.push(index);
        self.cuttable.push(cuttable);
    }

    fn leave(&mut self) {
        self.at.pop();
        self.cuttable.pop();
    }

    fn node(&mut self, node: &Node, shape: usize, path: &mut Vec<Part<'a>>, anchor: Span) {
        let schema = self.schema;
        let shape = schema.shape(shape);
        if let Some(all) = &shape.all_of {
            for &part in all {
                self.node(node, part, path, anchor);
            }
            return;
        }
        if let Some(any) = &shape.any_of {
            if any.nullable && matches!(node.kind, NodeKind::Null) {
                return;
            }
            let wanted = json_type(node);
            let matching =
                any.candidates.iter().find(|&&b| schema.shape(b).types.contains(wanted)).or(any.candidates.first());
            if let Some(&branch) = matching {
                if any.candidates.len() > 1 && !schema.shape(branch).types.contains(wanted) {
                    return self.wrong_type(node, path, &any.label, anchor);
                }
                return self.node(node, branch, path, anchor);
            }
        }
        if shape.types.contains(Ty::Null) && matches!(node.kind, NodeKind::Null) {
            return;
        }
        match shape.first {
            Some(Ty::Object) => self.object(node, &shape.object, path, anchor),
            Some(Ty::Array) => self.array(node, shape, path, anchor),
            Some(Ty::String) => self.string(node, shape, path, anchor),
            Some(Ty::Integer) => self.integer(node, shape, path, anchor),
            Some(Ty::Boolean) => self.boolean(node, path, anchor),
            _ => {}
        }
    }

    /// Where a finding about a scalar points: the scalar; an empty value has
    /// no text of its own, so its key (`anchor`). Computed only for a finding.
    fn here(&self, node: &Node, anchor: Span) -> Span {
        if matches!(node.kind, NodeKind::Null) { anchor } else { self.source.span_at(&node.location) }
    }

    fn object(&mut self, node: &Node, object: &'a Object, path: &mut Vec<Part<'a>>, anchor: Span) {
        let Some(entries) = node.as_map() else {
            return self.wrong_type(node, path, "un tableau associatif (des clés `nom: valeur`)", anchor);
        };
        // A missing key that an unknown key probably misspells is reported once, as the unknown key.
        let mut misspelled: Vec<&str> = Vec::new();
        // The required properties seen, one bit each (see `Required::slot`).
        let mut seen: u64 = 0;
        let mut dropped = false;
        // Where the next key is looked for first (see `Object::get_from`).
        let mut next = 0;
        for (index, (key, value)) in entries.iter().enumerate() {
            let key_span = self.source.span_at(&key.location);
            let Some(name) = key.as_str() else {
                self.out.push(
                    Diagnostic::new(
                        Code::WrongType,
                        key_span,
                        format!("la clé {} {} n'est pas un nom", shown(self.source, key), place(path)),
                    )
                    .with_help("une clé s'écrit en lettres minuscules, par exemple `libelle` ; voir docs/format.md"),
                );
                self.drop_entry(index);
                dropped = true;
                continue;
            };
            match object.get_from(name, &mut next) {
                Some(property) => {
                    if let Some(slot) = property.slot {
                        seen |= 1u64 << slot;
                    }
                    path.push(Part::Key(&property.name));
                    self.enter(index, !property.required);
                    self.node(value, property.shape, path, key_span);
                    self.leave();
                    path.pop();
                }
                None if object.closed => {
                    let mut d =
                        Diagnostic::new(Code::UnknownKey, key_span, format!("clé inconnue `{name}` {}", place(path)));
                    let known = || object.properties.iter().map(|p| p.name.as_str());
                    let closest = suggest::closest(name, known());
                    misspelled.extend(closest);
                    d.help = closest.map(|c| format!("vouliez-vous dire `{c}` ?")).or_else(|| {
                        let known: Vec<&str> = known().collect();
                        Some(format!("clés permises ici : {}", known.join(", ")))
                    });
                    self.out.push(d);
                    self.drop_entry(index);
                    dropped = true;
                }
                None => {}
            }
        }
        if dropped {
            self.lose_optional(node, object, path);
        }
        for required in &object.required {
            // A required key is present when an entry has its name: for a
            // property, when the walk above saw it.
            let present = match required.slot {
                Some(slot) => seen & (1u64 << slot) != 0,
                None => node.get(&required.name).is_some(),
            };
            if present {
                continue;
            }
            self.fault(path);
            if !misspelled.contains(&required.name.as_str()) {
                let required = &required.name;
                let span =
                    if entries.is_empty() { anchor } else { anchor_or(anchor, self.source.span_at(&node.location)) };
                self.out.push(
                    Diagnostic::new(
                        Code::MissingKey,
                        span,
                        format!("la clé obligatoire `{required}` manque {}", place(path)),
                    )
                    .with_help(format!("ajoutez `{required}:` avec sa valeur ; voir docs/format.md")),
                );
            }
        }
    }

    fn array(&mut self, node: &Node, shape: &Shape, path: &mut Vec<Part<'a>>, anchor: Span) {
        let NodeKind::Seq(items) = &node.kind else {
            let hint = if node.is_scalar() && !matches!(node.kind, NodeKind::Null) {
                "une liste (même d'un seul élément : `- valeur` ou `[valeur]`)"
            } else {
                "une liste"
            };
            return self.wrong_type(node, path, hint, anchor);
        };
        self.bounds(node, items, shape, path, anchor);
        let Some(item_shape) = shape.items else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            path.push(Part::Item(i));
            self.enter(i, true);
            let here = self.source.span_at(&item.location);
            let here = match item.kind {
                NodeKind::Null => self.source.dash_before(here).unwrap_or(here),
                _ => here,
            };
            self.node(item, item_shape, path, here);
            self.leave();
            path.pop();
        }
    }

    /// `minItems` and `maxItems` of the schema: an empty list, or one too long.
    fn bounds(&mut self, node: &Node, items: &[Node], shape: &Shape, path: &[Part], anchor: Span) {
        let len = items.len();
        let (min, max) = (shape.min_items, shape.max_items);
        let limits = || match (min, max) {
            (Some(min), Some(max)) => format!("de {min} à {max}"),
            (Some(min), None) => format!("au moins {min}"),
            (None, Some(max)) => format!("au plus {max}"),
            (None, None) => String::new(),
        };
        if len == 0 && min.is_some_and(|m| m > 0) {
            self.out.push(
                Diagnostic::new(
                    Code::EmptyList,
                    anchor_or(self.source.span_at(&node.location), anchor),
                    format!("liste vide {} ; elle attend {} éléments", place(path), limits()),
                )
                .with_help("complétez la liste, ou retirez la clé si elle est facultative"),
            );
        } else if min.is_some_and(|m| len < m) {
            self.out.push(Diagnostic::new(
                Code::EmptyList,
                self.source.span_at(&node.location),
                format!("{len} élément(s) {} ; la liste en attend {}", place(path), limits()),
            ));
        } else if let Some(max) = max.filter(|m| len > *m) {
            // Point at the first element too many.
            let first_extra = items.get(max).map_or(node, |extra| extra);
            let first_extra = self.source.span_at(&first_extra.location);
            self.out.push(
                Diagnostic::new(
                    Code::TooManyItems,
                    first_extra,
                    format!("{len} éléments {} ; la liste en attend {}", place(path), limits()),
                )
                .with_help(format!("gardez les {max} éléments les plus parlants ; voir docs/format.md")),
            );
        }
    }

    fn string(&mut self, node: &Node, shape: &Shape, path: &[Part], anchor: Span) {
        match &node.kind {
            NodeKind::Null => {
                self.fault(path);
                self.out.push(
                    Diagnostic::new(Code::EmptyText, anchor, format!("valeur vide {}", place(path))).with_help(
                        if matches!(path.last(), Some(Part::Item(_))) {
                            "écrivez le texte après le tiret, ou retirez cet élément de la liste"
                        } else {
                            "écrivez le texte après les deux-points, ou retirez la clé si elle est facultative"
                        },
                    ),
                );
            }
            NodeKind::Str(s) if s.chars().all(char::is_whitespace) => {
                let here = self.here(node, anchor);
                self.fault(path);
                self.out.push(Diagnostic::new(Code::EmptyText, here, format!("texte vide {}", place(path))).with_help(
                    if matches!(path.last(), Some(Part::Item(_))) {
                        "écrivez le texte, ou retirez cet élément de la liste"
                    } else {
                        "écrivez le texte, ou retirez la clé si elle est facultative"
                    },
                ));
            }
            NodeKind::Seq(_) | NodeKind::Map(_) => self.wrong_type(node, path, "un texte", anchor),
            NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float(_) if names_a_file(path) => {
                // `profil: 12` reads as a number: the cross-file rules, which
                // look for the profile by its name, would pass it by.
                let here = self.here(node, anchor);
                let raw = self.source.text.get(here.start..here.end).unwrap_or_default();
                self.fault(path);
                self.out.push(
                    Diagnostic::new(
                        Code::WrongType,
                        here,
                        format!("{} attend un texte, pas {}", subject(path), node.type_name()),
                    )
                    .with_help(format!(
                        "un identifiant s'écrit comme un texte : mettez-le entre guillemets, `{}: \"{raw}\"`",
                        joined(path)
                    )),
                );
            }
            _ => {
                if let Some(allowed) = &shape.allowed {
                    let value = node.as_str().unwrap_or_default();
                    if !allowed.iter().any(|a| a == value) {
                        let here = self.here(node, anchor);
                        let mut d = Diagnostic::new(
                            Code::UnknownValue,
                            here,
                            format!(
                                "valeur {} non permise {} ; valeurs permises : {}",
                                shown(self.source, node),
                                place(path),
                                allowed.join(", ")
                            ),
                        );
                        d.help = suggest::did_you_mean(value, allowed.iter().map(String::as_str));
                        self.fault(path);
                        self.out.push(d);
                    }
                }
            }
        }
    }

    fn integer(&mut self, node: &Node, shape: &Shape, path: &[Part], anchor: Span) {
        let NodeKind::Int(value) = node.kind else {
            return self.wrong_type(node, path, "un nombre entier", anchor);
        };
        let (min, max) = (shape.minimum, shape.maximum);
        if min.is_some_and(|m| value < m) || max.is_some_and(|m| value > m) {
            let here = self.here(node, anchor);
            self.fault(path);
            self.out.push(Diagnostic::new(
                Code::WrongType,
                here,
                format!(
                    "le nombre {value} est hors des bornes permises {} ({} à {})",
                    place(path),
                    min.unwrap_or(i64::MIN),
                    max.unwrap_or(i64::MAX)
                ),
            ));
        }
    }

    fn boolean(&mut self, node: &Node, path: &[Part], anchor: Span) {
        if matches!(node.kind, NodeKind::Bool(_)) {
            return;
        }
        let here = self.here(node, anchor);
        let mut d = Diagnostic::new(
            Code::WrongType,
            here,
            format!("{} attend `true` ou `false`, pas {}", subject(path), shown(self.source, node)),
        );
        d.help = Some(match node.as_str().map(suggest::fold).as_deref() {
            Some("oui" | "yes" | "vrai" | "y" | "on") => {
                "écrivez `true` (les formes oui, yes, on ne sont pas acceptées)".into()
            }
            Some("non" | "no" | "faux" | "n" | "off") => {
                "écrivez `false` (les formes non, no, off ne sont pas acceptées)".into()
            }
            Some("true" | "false") if is_quoted(self.source, node) => {
                "retirez les guillemets : entre guillemets, c'est un texte et non un booléen".into()
            }
            _ => "écrivez `true` ou `false`".into(),
        });
        self.fault(path);
        self.out.push(d);
    }

    fn wrong_type(&mut self, node: &Node, path: &[Part], expected: &str, anchor: Span) {
        let here = if matches!(node.kind, NodeKind::Null) { anchor } else { self.source.span_at(&node.location) };
        let (code, help) = match node.kind {
            NodeKind::Null => {
                (Code::EmptyText, "donnez une valeur après les deux-points, ou retirez la clé si elle est facultative")
            }
            _ => (Code::WrongType, "voir docs/format.md pour la forme attendue de chaque clé"),
        };
        self.fault(path);
        self.out.push(
            Diagnostic::new(code, here, format!("{} attend {expected}, pas {}", subject(path), node.type_name()))
                .with_help(help),
        );
    }
}

/// The top-level keys whose value names a profile or a file (`id`,
/// `profil`, `extends`): a number or a boolean there is not taken as text.
fn names_a_file(path: &[Part]) -> bool {
    matches!(path, [Part::Key(key)] if ["id", "profil", "extends"].contains(key))
}

fn anchor_or(anchor: Span, fallback: Span) -> Span {
    if anchor.is_known() { anchor } else { fallback }
}

/// The JSON Schema type a node has (`string` for every plain scalar but booleans and integers).
fn json_type(node: &Node) -> Ty {
    match node.kind {
        NodeKind::Null => Ty::Null,
        NodeKind::Bool(_) => Ty::Boolean,
        NodeKind::Int(_) => Ty::Integer,
        NodeKind::Float(_) | NodeKind::Str(_) => Ty::String,
        NodeKind::Seq(_) => Ty::Array,
        NodeKind::Map(_) => Ty::Object,
    }
}

/// `competences.savoirs[2].libelle`
fn dotted(path: &[Part]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for part in path {
        if matches!(part, Part::Key(_)) && !out.is_empty() {
            out.push('.');
        }
        let _ = write!(out, "{part}");
    }
    out
}

/// The parts of a path joined by dots, items included (`missions.[2]`).
fn joined(path: &[Part]) -> String {
    path.iter().map(Part::to_string).collect::<Vec<_>>().join(".")
}

fn place(path: &[Part]) -> String {
    if path.is_empty() { "à la racine du document".to_owned() } else { format!("dans `{}`", dotted(path)) }
}

fn subject(path: &[Part]) -> String {
    if path.is_empty() { "le document".to_owned() } else { format!("`{}`", dotted(path)) }
}

/// `rattachement: Responsable du pôle #numérique`: in YAML, ` #` starts a
/// comment, so the value stops before it and the rest is silently dropped.
/// Reported for every plain text value followed on its line by `#` and a
/// word (a comment written `# like this`, with a space, is left alone).
pub fn comments_in_text(source: &Source, root: &Node, out: &mut Vec<Diagnostic>) {
    let mut stack: Vec<(&Node, Option<&str>)> = vec![(root, None)];
    while let Some((node, key)) = stack.pop() {
        match &node.kind {
            NodeKind::Map(entries) => stack.extend(entries.iter().rev().map(|(k, v)| (v, k.as_str().or(key)))),
            NodeKind::Seq(items) => stack.extend(items.iter().rev().map(|item| (item, None))),
            NodeKind::Str(value) => {
                if let Some(d) = cut_by_comment(source, node, value, key) {
                    out.push(d);
                }
            }
            _ => {}
        }
    }
}

/// `"Accueillir\u0001 le public"`: a control character (other than a tab
/// or a line break), written as a YAML escape or pasted, is invisible, and
/// Word refuses to open a document holding one. Reported once per text, at
/// the text, naming the first such character.
pub fn control_characters(source: &Source, root: &Node, out: &mut Vec<Diagnostic>) {
    // Every text of the tree is written in the file, or decoded from an
    // escape, which starts with a backslash: a file with neither a control
    // character nor a backslash has no text to look at.
    if crate::text::surely_free_of_controls(&source.text) {
        return;
    }
    let mut stack: Vec<&Node> = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Map(entries) => stack.extend(entries.iter().rev().map(|(_, v)| v)),
            NodeKind::Seq(items) => stack.extend(items.iter().rev()),
            NodeKind::Str(value) => {
                let Some((index, c)) = crate::text::first_forbidden_control(value) else {
                    continue;
                };
                let position = value[..index].chars().count() + 1;
                out.push(
                    Diagnostic::new(
                        Code::ControlCharacter,
                        source.span_at(&node.location),
                        format!(
                            "le texte contient le caractère de contrôle U+{:04X}, invisible, en position {position}",
                            u32::from(c)
                        ),
                    )
                    .with_help("retirez-le (il vient souvent d'un copier-coller ou d'un échappement `\\u` ou `\\x`) : Word refuse d'ouvrir un document qui en contient ; seuls la tabulation et le saut de ligne sont permis"),
                );
            }
            _ => {}
        }
    }
}

pub use crate::text::is_forbidden_control;

fn cut_by_comment(source: &Source, node: &Node, value: &str, key: Option<&str>) -> Option<Diagnostic> {
    let (start, end) = source.bytes_at(&node.location);
    // Most values are followed by a line break: nothing more to read.
    if !matches!(source.text.as_bytes().get(end), Some(b' ' | b'\t')) {
        return None;
    }
    let raw = source.text.get(start..end)?;
    if raw.is_empty() || raw.starts_with(['"', '\'', '|', '>']) {
        return None;
    }
    // Only the blanks after the value are read, then the comment if there
    // is one: never the rest of a long line (a flow list of thousands of ids).
    let after = source.text.get(end..)?;
    let blank = after.len() - after.trim_start_matches([' ', '\t']).len();
    let comment = after[blank..].strip_prefix('#').filter(|_| blank > 0)?;
    let comment = comment.split('\n').next()?;
    if comment.is_empty() || comment.starts_with(char::is_whitespace) || comment.starts_with('#') {
        return None;
    }
    let comment = comment.trim_end();
    let hash = source.span_at_offset(end + blank);
    let whole = format!("{value} #{comment}");
    let fix = if whole.contains('"') { format!("'{}'", whole.replace('\'', "''")) } else { format!("\"{whole}\"") };
    let (subject, fix) = match key {
        Some(key) => (format!("`{key}` vaut"), format!("`{key}: {fix}`")),
        None => ("l'élément de liste vaut".to_owned(), format!("`- {fix}`")),
    };
    Some(
        Diagnostic::new(
            Code::CommentInText,
            hash,
            format!("le texte après ` #` est un commentaire, ignoré : {subject} « {value} », sans « #{comment} »"),
        )
        .with_help(format!("si `#{comment}` fait partie du texte, mettez toute la valeur entre guillemets : {fix}")),
    )
}
