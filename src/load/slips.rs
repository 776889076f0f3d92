//! The parser's errors in French, placed on the slip that caused them.
//!
//! The YAML parser reports where it stopped, which is not always where the
//! author went wrong: an apostrophe inside single quotes is reported on the
//! next character, a tab used for indentation at the end of the line before
//! it, `ville:Nevers` on the line after it. Each error kind gets a French
//! message; for the common slips the source text is read again to point at
//! the fault itself and to write the fix.

use serde_saphyr::granit_parser::{ErrorKind, ScanError};

use super::parse::GENERIC_HELP;
use super::source::Source;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// How many lines around the parser's position a slip is looked for.
const REACH: usize = 2;

/// A French diagnostic for a parser error.
pub fn scan_error(source: &Source, scan: &ScanError) -> Diagnostic {
    let mark = scan.marker();
    let line = mark.line().max(1);
    let at = source.span_at_line_column(to_u32(line), to_u32(mark.col() + 1));
    let syntax = |span: Span, message: String, help: &str| {
        Diagnostic::new(Code::YamlSyntax, span, format!("syntaxe YAML invalide : {message}")).with_help(help)
    };
    let plain = |message: &str, help: &str| syntax(at, message.to_owned(), help);
    let quote_help = "mettez la valeur entre guillemets : `cle: \"valeur\"`";
    let tag_help =
        "retirez l'étiquette commençant par `!`, ou mettez la valeur entre guillemets si le `!` fait partie du texte";
    let directive_help =
        "retirez les lignes qui commencent par `%` : un profil ou un poste n'a pas besoin de directive YAML";
    let escape_help = "entre guillemets doubles, `\\` commence une séquence d'échappement : écrivez `\\\\` pour une barre oblique inverse, ou mettez le texte entre apostrophes simples";
    match scan.kind() {
        ErrorKind::InvalidTrailingSingleQuotedScalar => apostrophe(source, at)
            .unwrap_or_else(|| plain("texte inattendu après l'apostrophe fermante", "mettez toute la valeur entre guillemets doubles")),
        ErrorKind::InvalidTrailingDoubleQuotedScalar => plain(
            "texte inattendu après le guillemet fermant",
            "mettez toute la valeur entre guillemets, et écrivez `\\\"` pour un guillemet à l'intérieur du texte",
        ),
        ErrorKind::MappingValueNotAllowed => colon_in_value(source, at)
            .or_else(|| missing_space(source, line))
            .unwrap_or_else(|| plain("deux-points inattendu à cet endroit", GENERIC_HELP)),
        ErrorKind::SimpleKeyExpected | ErrorKind::ExpectedBlockMappingKey | ErrorKind::InvalidSimpleKey => {
            missing_space(source, line).unwrap_or_else(|| match scan.kind() {
                ErrorKind::SimpleKeyExpected => plain("deux-points attendu après la clé", GENERIC_HELP),
                ErrorKind::InvalidSimpleKey => plain(
                    "clé coupée sur plusieurs lignes ou trop longue : une clé tient sur une ligne, suivie de deux-points",
                    GENERIC_HELP,
                ),
                _ => plain(
                    "clé attendue : l'indentation de cette ligne ne correspond à aucun niveau au-dessus",
                    "alignez la clé sur les autres clés du même niveau, avec des espaces",
                ),
            })
        }
        ErrorKind::TabNotAllowed
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => tab(source, line, at),
        ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping => plain(
            "fin du fichier atteinte dans des crochets ou des accolades jamais refermés",
            "fermez le crochet `]` ou l'accolade `}` ouverts plus haut",
        ),
        ErrorKind::UnexpectedEofBlockSequence | ErrorKind::UnexpectedEofBlockMapping | ErrorKind::UnexpectedEof => {
            plain("fin de fichier inattendue", "vérifiez que le fichier est complet : guillemets, crochets et accolades fermés")
        }
        ErrorKind::ExpectedStreamStart | ErrorKind::ExpectedDocumentStart => {
            plain("début de document attendu", "commencez le fichier par `type: profil` ou `type: poste`")
        }
        ErrorKind::DuplicateVersionDirective => plain("directive `%YAML` en double", directive_help),
        ErrorKind::UnsupportedYamlMajorVersion => {
            plain("version de YAML non prise en charge (directive `%YAML`)", directive_help)
        }
        ErrorKind::DuplicateTagDirective => plain("directive `%TAG` en double pour le même préfixe", directive_help),
        ErrorKind::MissingDocumentEndBeforeDirective => {
            plain("directive placée après un document sans marque de fin `...`", directive_help)
        }
        ErrorKind::InvalidDirectiveTerminator
        | ErrorKind::DirectiveDisallowed
        | ErrorKind::MissingYamlVersionSeparator
        | ErrorKind::MissingDirectiveName
        | ErrorKind::InvalidDirectiveName
        | ErrorKind::DirectiveByteLimitExceeded { .. }
        | ErrorKind::TooManyReservedDirectiveParams { .. }
        | ErrorKind::YamlVersionTooLong
        | ErrorKind::MissingYamlVersion => plain("directive YAML (ligne commençant par `%`) mal formée", directive_help),
        ErrorKind::AnchorCountOverflow | ErrorKind::RecursionLimitExceeded => Diagnostic::new(
            Code::LimitExceeded,
            at,
            if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded) {
                "le document est imbriqué trop profondément (plus de 64 niveaux)"
            } else {
                "le document utilise trop d'alias ou d'ancres"
            },
        )
        .with_help("un profil n'a besoin ni d'imbrications profondes ni de milliers d'alias : simplifiez le fichier"),
        ErrorKind::UnknownAnchor => plain(
            "alias vers une ancre qui n'existe pas",
            "définissez l'ancre (`&nom`) avant de l'utiliser (`*nom`)",
        ),
        ErrorKind::ExpectedNodeContent => plain("valeur attendue introuvable", GENERIC_HELP),
        ErrorKind::ExpectedFlowMappingSeparator => plain(
            "virgule ou accolade fermante `}` attendue",
            "séparez les éléments entre accolades par des virgules et fermez l'accolade",
        ),
        ErrorKind::ExpectedFlowSequenceSeparator => plain(
            "virgule ou crochet fermant `]` attendu",
            "séparez les éléments entre crochets par des virgules et fermez le crochet",
        ),
        ErrorKind::ExpectedBlockSequenceEntry => plain(
            "tiret de liste `-` attendu : cette ligne est au niveau des éléments d'une liste",
            "commencez la ligne par `- `, ou indentez-la comme les clés de son niveau",
        ),
        ErrorKind::UndeclaredTagHandle
        | ErrorKind::ExpectedTagBang
        | ErrorKind::ExpectedTagDirectiveBang
        | ErrorKind::InvalidGlobalTagCharacter
        | ErrorKind::InvalidTagDirectiveTerminator
        | ErrorKind::InvalidTagTerminator
        | ErrorKind::MissingTagUri
        | ErrorKind::UnclosedVerbatimTag
        | ErrorKind::InvalidTagEscape
        | ErrorKind::InvalidTagUtf8LeadingByte
        | ErrorKind::InvalidTagUtf8TrailingByte
        | ErrorKind::InvalidTagUtf8 => plain("étiquette YAML (`!…`) mal formée", tag_help),
        ErrorKind::InvalidDocumentEnd => plain(
            "texte inattendu après la marque de fin de document `...`",
            "retirez la ligne `...` ou ce qui la suit : un fichier ne contient qu'un document",
        ),
        ErrorKind::InvalidIndentation | ErrorKind::InvalidFlowScalarIndent => {
            plain("indentation incorrecte", "indentez avec des espaces, au même niveau que les clés voisines")
        }
        ErrorKind::BomInsideDocument => plain(
            "marque d'ordre d'octets (BOM) au milieu du fichier",
            "retirez ce caractère invisible, souvent laissé par un copier-coller",
        ),
        ErrorKind::UnexpectedCharacter { character } => syntax(
            at,
            format!("le caractère `{}` ne peut pas commencer une valeur", character.escape_default()),
            "mettez la valeur entre guillemets : `@` et `` ` `` sont réservés en YAML",
        ),
        ErrorKind::CommentInterceptedScalar => plain(
            "commentaire (`#`) au milieu d'un texte écrit sur plusieurs lignes",
            "mettez le texte entre guillemets, ou retirez le commentaire",
        ),
        ErrorKind::ExpectedWhitespace => plain("espace attendue à cet endroit", GENERIC_HELP),
        ErrorKind::CommentNotSeparated => plain(
            "un `#` de commentaire doit être précédé d'une espace",
            "ajoutez une espace avant `#`, ou mettez la valeur entre guillemets si `#` fait partie du texte",
        ),
        ErrorKind::MissingAnchorOrAliasName => plain(
            "nom d'ancre ou d'alias manquant après `&` ou `*`",
            "mettez la valeur entre guillemets si `&` ou `*` fait partie du texte",
        ),
        ErrorKind::MisplacedFlowCollectionEnd => plain(
            "crochet ou accolade fermant sans ouvrant",
            "retirez le `]` ou le `}` en trop, ou mettez la valeur entre guillemets",
        ),
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => syntax(
            at,
            format!("`{open}` refermé par `{close}`"),
            "fermez un crochet `[` par `]` et une accolade `{` par `}`",
        ),
        ErrorKind::UnclosedFlowCollection { open } => syntax(
            at,
            format!("`{open}` ouvrant jamais refermé"),
            "fermez le crochet ou l'accolade sur la même valeur, ou mettez la valeur entre guillemets",
        ),
        ErrorKind::BlockEntryInFlowCollection => plain(
            "tiret de liste `-` à l'intérieur de crochets ou d'accolades",
            "entre crochets, séparez les éléments par des virgules : `[a, b]`",
        ),
        ErrorKind::BlockSequenceEntryNotAllowed => plain(
            "tiret de liste `-` inattendu à cet endroit",
            "une liste commence sur la ligne suivant sa clé : `cle:` puis `  - valeur` ; mettez la valeur entre guillemets si le tiret fait partie du texte",
        ),
        ErrorKind::InvalidBlockEntryWhitespace => {
            plain("le tiret de liste `-` doit être suivi d'une espace", "écrivez `- valeur`")
        }
        ErrorKind::ZeroBlockScalarIndent | ErrorKind::InvalidBlockScalarHeader => plain(
            "en-tête de bloc de texte `|` ou `>` mal formé",
            "écrivez `|` ou `>` seul après les deux-points, puis le texte sur les lignes suivantes",
        ),
        ErrorKind::InvalidBlockScalarIndent => plain(
            "ligne mal indentée dans un bloc de texte `|` ou `>`",
            "indentez toutes les lignes du bloc du même nombre d'espaces",
        ),
        ErrorKind::DocumentIndicatorInQuotedScalar => plain(
            "marque de document (`---` ou `...`) à l'intérieur d'un texte entre guillemets",
            "fermez le guillemet avant cette ligne",
        ),
        ErrorKind::UnclosedQuotedScalar => plain(
            "guillemet ouvrant sans guillemet fermant",
            "fermez le guillemet à la fin de la valeur, ou retirez-le",
        ),
        ErrorKind::InvalidQuotedScalarIndent => plain(
            "ligne mal indentée dans un texte entre guillemets écrit sur plusieurs lignes",
            "indentez les lignes suivantes plus que la clé, ou écrivez le texte sur une ligne",
        ),
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => {
            plain("séquence d'échappement invalide entre guillemets doubles (après `\\`)", escape_help)
        }
        ErrorKind::PlainScalarStartsWithDashFlowIndicator => {
            plain("une valeur ne peut pas commencer par `-` suivi de `,`, `[`, `]`, `{` ou `}`", quote_help)
        }
        ErrorKind::UnexpectedEndOfPlainScalar => plain("valeur interrompue", quote_help),
        ErrorKind::MappingKeyNotAllowed => plain("clé inattendue à cet endroit", GENERIC_HELP),
        ErrorKind::FlowMappingValueAdjacentCollection => plain(
            "deux-points collé à `[` ou `{` entre accolades",
            "ajoutez une espace après le deux-points",
        ),
        ErrorKind::InvalidMappingValueWhitespace => {
            missing_space(source, line).unwrap_or_else(|| {
                plain("le deux-points doit être suivi d'une espace", "ajoutez une espace après le deux-points")
            })
        }
        ErrorKind::InvalidColonPlacement => plain(
            "deux-points mal placé (crochet ou accolade non refermé avant ?)",
            "fermez les crochets et accolades ouverts avant cette ligne, ou mettez la valeur entre guillemets",
        ),
        _ => plain("le texte ne peut pas être lu à cet endroit", GENERIC_HELP),
    }
}

/// The text of line `line` (from 1), without its end.
fn line_text(source: &Source, line: usize) -> Option<&str> {
    source.text.split('\n').nth(line.checked_sub(1)?).map(|l| l.strip_suffix('\r').unwrap_or(l))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The span of the character at byte `index` of line `line`.
fn at_byte(source: &Source, line: usize, text: &str, index: usize) -> Span {
    source.span_at_line_column(to_u32(line), to_u32(text[..index].chars().count() + 1))
}

/// `'Conseiller d'entreprise'`: the parser stops after the apostrophe that
/// closed the text too early; point at that apostrophe.
fn apostrophe(source: &Source, at: Span) -> Option<Diagnostic> {
    let quote = at.start.checked_sub(1)?;
    if source.text.get(quote..at.start)? != "'" {
        return None;
    }
    let span = source.span_at_offset(quote);
    let text = line_text(source, span.line as usize)?;
    let (open, close) = (text.find('\'')?, text.rfind('\'')?);
    let help = if close > open {
        let inner = &text[open + 1..close];
        let doubled = format!("'{}'", inner.replace('\'', "''"));
        if inner.contains('"') {
            format!("doublez l'apostrophe à l'intérieur du texte : `{doubled}`")
        } else {
            format!("doublez l'apostrophe (`{doubled}`) ou mettez le texte entre guillemets doubles (`\"{inner}\"`)")
        }
    } else {
        "doublez l'apostrophe (`''`) ou mettez le texte entre guillemets doubles".to_owned()
    };
    Some(
        Diagnostic::new(
            Code::YamlSyntax,
            span,
            "syntaxe YAML invalide : apostrophe à l'intérieur d'un texte entre apostrophes, qui ferme le texte trop tôt",
        )
        .with_help(help),
    )
}

/// The key and value of a line `cle: valeur` (after an optional `- `).
fn key_and_value(text: &str) -> Option<(&str, usize)> {
    let body = text.trim_start_matches(' ');
    let body = body.strip_prefix("- ").map_or(body, |b| b.trim_start_matches(' '));
    let start = text.len() - body.len();
    let colon = body.find(':')?;
    let key = &body[..colon];
    let simple = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    simple.then_some((key, start + colon))
}

/// `service: Direction : appui`: the second colon, followed by a space,
/// starts a key where a value was being read.
fn colon_in_value(source: &Source, at: Span) -> Option<Diagnostic> {
    if source.text.get(at.start..at.start + 1)? != ":" {
        return None;
    }
    let line = at.line as usize;
    let text = line_text(source, line)?;
    let (key, colon) = key_and_value(text)?;
    let value_start = colon + 1;
    // The colon the parser stopped at comes after the key's own.
    let line_start = at.start.checked_sub(text[..].chars().take(at.column as usize - 1).map(char::len_utf8).sum())?;
    if at.start <= line_start + colon || !text[value_start..].starts_with(' ') {
        return None;
    }
    let value = text[value_start..].trim();
    let fix = if value.contains('"') {
        format!("`{key}: '{}'`", value.replace('\'', "''"))
    } else {
        format!("`{key}: \"{value}\"`")
    };
    Some(
        Diagnostic::new(
            Code::YamlSyntax,
            at,
            format!(
                "syntaxe YAML invalide : la valeur de `{key}` contient un deux-points suivi d'une espace, que YAML lit comme une nouvelle clé"
            ),
        )
        .with_help(format!("mettez la valeur entre guillemets : {fix}")),
    )
}

/// `ville:Nevers`: a key glued to its value. YAML reads the line as one
/// text and fails on the line after it, or on it: look there and just above.
fn missing_space(source: &Source, line: usize) -> Option<Diagnostic> {
    let mut candidates = Vec::new();
    let mut l = line;
    while l >= 1 && candidates.len() <= REACH {
        if let Some(text) = line_text(source, l) {
            let content = text.trim();
            if !content.is_empty() && !content.starts_with('#') {
                candidates.push(l);
            }
        }
        l -= 1;
    }
    candidates.into_iter().find_map(|l| {
        let text = line_text(source, l)?;
        let (key, colon) = key_and_value(text)?;
        let next = text[colon + 1..].chars().next()?;
        if next.is_whitespace() || next == '/' || next == ':' {
            return None;
        }
        let value = text[colon + 1..].trim_end();
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                at_byte(source, l, text, colon),
                format!("syntaxe YAML invalide : espace manquante après le deux-points de `{key}`"),
            )
            .with_help(format!("ajoutez une espace après le deux-points : `{key}: {value}`")),
        )
    })
}

/// A tab in the indentation: the parser reports it at the end of the line
/// before, or one column after the tab; point at the first tab.
fn tab(source: &Source, line: usize, at: Span) -> Diagnostic {
    let leading = (line..=line + REACH).find_map(|l| {
        let text = line_text(source, l)?;
        let indent = text.len() - text.trim_start_matches([' ', '\t']).len();
        text[..indent].find('\t').map(|i| at_byte(source, l, text, i))
    });
    let help = "remplacez chaque tabulation par des espaces (réglez l'éditeur pour qu'il insère des espaces)";
    match leading {
        Some(span) => Diagnostic::new(
            Code::YamlSyntax,
            span,
            "syntaxe YAML invalide : tabulation dans l'indentation ; YAML n'accepte que des espaces pour indenter",
        )
        .with_help(help),
        None => {
            let span = line_text(source, line)
                .and_then(|text| text.find('\t').map(|i| at_byte(source, line, text, i)))
                .unwrap_or(at);
            Diagnostic::new(
                Code::YamlSyntax,
                span,
                "syntaxe YAML invalide : tabulation à un endroit où YAML ne l'accepte pas",
            )
            .with_help(help)
        }
    }
}
