//! Rule levels chosen by the user: in the repository configuration
//! (`[regles]` of `refnum.toml`), on the command line (`--ignore CODE`), and
//! for one line with a YAML comment `# refnum: ignore CODE` at its end.
//!
//! Only warnings change level: an error means the file cannot be read as
//! it is, and every command refuses it whatever a configuration says.

use std::collections::HashMap;

use super::{Code, Diagnostic, FileReport, Severity};

/// What a configuration makes of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Erreur,
    Avertissement,
    Ignore,
}

impl Level {
    pub const NAMES: [&'static str; 3] = ["erreur", "avertissement", "ignore"];

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "erreur" => Some(Level::Erreur),
            "avertissement" => Some(Level::Avertissement),
            "ignore" => Some(Level::Ignore),
            _ => None,
        }
    }
}

/// The code named `text` (`W003`, case ignored).
pub fn code_named(text: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(text.trim()))
}

/// Why `code` cannot take `level`, if it cannot: errors stay errors.
pub fn refused(code: Code, level: Level) -> Option<String> {
    (code.severity() == Severity::Error && level != Level::Erreur).then(|| {
        format!(
            "{code} est une erreur : elle ne peut être ni ignorée ni abaissée, car le fichier ne peut pas être lu tel quel ; seuls les avertissements (W…) changent de niveau"
        )
    })
}

/// The message for a code that does not exist, with the closest one.
pub fn unknown_code(text: &str) -> String {
    let close = Code::ALL.iter().find(|c| strsim::levenshtein(c.as_str(), &text.to_uppercase()) <= 1);
    match close {
        Some(c) => format!("code de règle inconnu « {text} » : vouliez-vous dire `{c}` ?"),
        None => format!("code de règle inconnu « {text} » : la liste des codes est dans docs/diagnostics.md"),
    }
}

/// Applies the levels to every finding: ignored ones are dropped, others
/// get their new severity. Findings on a line that ends with
/// `# refnum: ignore CODE…` naming their code are dropped too.
pub fn apply(reports: &mut [FileReport], levels: &HashMap<Code, Level>) {
    for report in reports {
        let source = report.source.clone();
        report.diagnostics.retain_mut(|d| {
            if let Some(text) = &source
                && inline_ignored(text, d)
            {
                return false;
            }
            match levels.get(&d.code) {
                Some(Level::Ignore) => false,
                Some(Level::Erreur) => {
                    d.severity = Some(Severity::Error);
                    true
                }
                Some(Level::Avertissement) => {
                    d.severity = Some(Severity::Warning);
                    true
                }
                None => true,
            }
        });
        if report.diagnostics.is_empty() {
            report.source = None;
        }
    }
}

/// Whether the line of `d` ends with a comment that ignores its code. An
/// error is never ignored this way.
fn inline_ignored(text: &str, d: &Diagnostic) -> bool {
    if d.code.severity() == Severity::Error {
        return false;
    }
    let Some(line) = text.lines().nth(d.span.line.max(1) as usize - 1) else {
        return false;
    };
    inline_codes(line).iter().any(|c| c.eq_ignore_ascii_case(d.code.as_str()))
}

/// The codes named by a `# refnum: ignore …` comment ending `line`.
pub fn inline_codes(line: &str) -> Vec<&str> {
    const MARK: &str = "refnum: ignore";
    let Some(at) = line.rfind(MARK) else {
        return Vec::new();
    };
    // The mark must open a YAML comment: `#` then spaces just before it,
    // the `#` at the start of the line or after a space.
    let before = line[..at].trim_end();
    let Some(hash) = before.strip_suffix('#') else {
        return Vec::new();
    };
    if !(hash.is_empty() || hash.ends_with([' ', '\t'])) {
        return Vec::new();
    }
    line[at + MARK.len()..].split([' ', ',', '\t']).filter(|c| !c.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_comments_name_codes() {
        assert_eq!(inline_codes("  - Co-construire un plan # refnum: ignore W003"), ["W003"]);
        assert_eq!(inline_codes("libelle: x #refnum: ignore W003, W004"), ["W003", "W004"]);
        assert_eq!(inline_codes("# refnum: ignore W001"), ["W001"]);
        assert!(inline_codes("libelle: \"refnum: ignore W003\"").is_empty(), "inside a string");
        assert!(inline_codes("libelle: a#refnum: ignore W003").is_empty(), "not a comment");
        assert!(inline_codes("libelle: x").is_empty());
    }

    #[test]
    fn errors_keep_their_level() {
        assert!(refused(Code::UnknownKey, Level::Ignore).is_some());
        assert!(refused(Code::UnknownKey, Level::Erreur).is_none());
        assert!(refused(Code::NotInfinitive, Level::Ignore).is_none());
        assert_eq!(code_named("w003"), Some(Code::NotInfinitive));
    }
}
