//! YAML text → tree, with limits against hostile input and French errors.

use serde_saphyr::{Error as YamlError, ExternalMessageSource, budget::BudgetBreach};

use super::slips;
use super::source::Source;
use super::tree::{Location, Node, RawNode};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// Limits sized far above any real profile (a few thousand nodes), far below harm.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 1_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_documents: 1,
            max_nodes: 200_000,
            max_total_scalar_bytes: super::source::MAX_FILE_BYTES,
            flow_nesting_limit: 64,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 1_000,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        with_snippet: false,
    }
}

/// Parses the text of a file into a tree (`None` for an empty document).
pub fn parse(source: &Source) -> Result<Option<Node>, Diagnostic> {
    if source.text.trim().is_empty() || only_comments(&source.text) {
        return Ok(None);
    }
    // The fast reader of the block subset, then the parser's events, then
    // serde-saphyr, the only one that reports errors (see `load::block`).
    if let Some(root) = super::block::tree(&source.text) {
        return Ok(Some(root));
    }
    if let Some(root) = super::events::tree(&source.text) {
        return Ok(Some(root));
    }
    read_with_serde_saphyr(source)
}

/// The tree as serde-saphyr reads it, or its error in French: the path of
/// every file the event reader hands back, errors included.
pub(super) fn read_with_serde_saphyr(source: &Source) -> Result<Option<Node>, Diagnostic> {
    match serde_saphyr::from_str_with_options::<RawNode>(&source.text, options()) {
        Ok(RawNode(node)) => Ok(Some(node)),
        Err(error) => Err(diagnostic(source, &error)),
    }
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// Turns a serde-saphyr error into a French diagnostic at its place.
fn diagnostic(source: &Source, error: &YamlError) -> Diagnostic {
    let error = error.without_snippet();
    let text = error.to_string();
    let span = match (error.location(), position_in(&text)) {
        (Some(l), _) if l.line() > 0 => source.span_at(&Location::of_yaml(&l)),
        (_, Some((line, column))) => source.span_at_line_column(line, column),
        _ => source.start_span(),
    };
    match error {
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("?");
            Diagnostic::new(
                Code::DuplicateKey,
                span,
                format!("la clé `{key}` apparaît deux fois dans le même tableau associatif"),
            )
            .with_help("gardez une seule occurrence de cette clé : YAML n'en retient qu'une et l'autre serait perdue")
        }
        YamlError::Budget { breach: BudgetBreach::Documents { .. }, .. } => several_documents(span),
        YamlError::Budget { breach, .. } => Diagnostic::new(Code::LimitExceeded, span, budget_message(breach))
            .with_help(
                "un profil n'a besoin ni d'imbrications profondes ni de milliers d'alias : simplifiez le fichier",
            ),
        YamlError::AliasError { .. }
        | YamlError::AliasReplayCounterOverflow { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. } => Diagnostic::new(
            Code::LimitExceeded,
            span,
            "les alias YAML de ce fichier se déploient en un document démesuré",
        )
        .with_help("remplacez les alias (`*nom`) par le texte voulu : un profil n'en a pas besoin"),
        YamlError::MultipleDocuments { .. } => several_documents(span),
        YamlError::UnknownAnchor { .. } => {
            Diagnostic::new(Code::YamlSyntax, span, "alias vers une ancre qui n'existe pas")
                .with_help("définissez l'ancre (`&nom`) avant de l'utiliser (`*nom`)")
        }
        YamlError::ExternalMessage { source: origin, .. } => match origin.as_ref() {
            ExternalMessageSource::Parser(scan) => slips::scan_error(source, scan),
            _ => generic(span),
        },
        YamlError::MergeValueNotMapOrSeqOfMaps { .. } | YamlError::MergeKeyNotAllowed { .. } => {
            Diagnostic::new(Code::YamlSyntax, span, "clé de fusion YAML `<<` mal employée")
                .with_help("retirez la clé `<<` et écrivez les clés voulues : un profil n'a pas besoin de fusion")
        }
        YamlError::FoldedBlockScalarMustIndentContent { .. } => {
            Diagnostic::new(Code::YamlSyntax, span, "le texte d'un bloc `>` ou `|` doit être indenté sous sa clé")
                .with_help("indentez chaque ligne du bloc de deux espaces de plus que sa clé")
        }
        YamlError::Eof { .. } => Diagnostic::new(Code::YamlSyntax, span, "fin de fichier inattendue")
            .with_help("vérifiez que le fichier est complet : guillemets, crochets et accolades fermés"),
        _ => {
            if text.contains("recursion limit") || text.contains("nesting") {
                return Diagnostic::new(
                    Code::LimitExceeded,
                    span,
                    "le document est imbriqué trop profondément (plus de 64 niveaux)",
                )
                .with_help("un profil n'a besoin que de quelques niveaux d'imbrication : simplifiez le fichier");
            }
            generic(span)
        }
    }
}

/// A syntax error the parser describes in no more detail we can translate.
fn generic(span: Span) -> Diagnostic {
    Diagnostic::new(Code::YamlSyntax, span, "syntaxe YAML invalide : le texte ne peut pas être lu à cet endroit")
        .with_help(GENERIC_HELP)
}

/// The help of a syntax error without a more precise cause.
pub(super) const GENERIC_HELP: &str = "vérifiez l'indentation (des espaces, jamais de tabulations), les deux-points après chaque clé et la fermeture des guillemets et crochets";

fn several_documents(span: Span) -> Diagnostic {
    Diagnostic::new(Code::YamlSyntax, span, "le fichier contient plusieurs documents YAML (séparés par `---`)")
        .with_help("un fichier ne décrit qu'un profil ou qu'un poste : placez chaque document dans son propre fichier")
}

fn budget_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => "le document est imbriqué trop profondément (plus de 64 niveaux)".to_owned(),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            "le document contient trop d'éléments (plus de 200 000 nœuds)".to_owned()
        }
        BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
            "le document utilise trop d'alias ou d'ancres".to_owned()
        }
        _ => "le document dépasse les limites de taille fixées pour un profil".to_owned(),
    }
}

/// The `at line N, column M` a parser message ends with.
fn position_in(text: &str) -> Option<(u32, u32)> {
    let rest = &text[text.rfind("at line ")? + "at line ".len()..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}
