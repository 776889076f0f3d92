//! What `docs/diagnostics.md` says of each code, for the formats that carry
//! rule descriptions (SARIF). The document is embedded at build time, so the
//! descriptions and the documentation never drift apart.

use super::Code;

const DIAGNOSTICS_MD: &str = include_str!("../../docs/diagnostics.md");

/// The documentation of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDoc {
    /// The heading of its section, e.g. `E001 — syntaxe YAML invalide`.
    pub heading: String,
    /// The anchor of that section as Markdown renderers write it.
    pub anchor: String,
    /// The « Quand. » paragraph, on one line, without its label.
    pub when: String,
}

/// The section of `docs/diagnostics.md` about `code`, if it has one.
pub fn code_doc(code: Code) -> Option<CodeDoc> {
    let prefix = format!("### {} ", code.as_str());
    let start = DIAGNOSTICS_MD.lines().position(|l| l.starts_with(&prefix))?;
    let mut lines = DIAGNOSTICS_MD.lines().skip(start);
    let heading = lines.next()?.trim_start_matches('#').trim().to_owned();
    let mut when = String::new();
    let mut in_when = false;
    for line in lines {
        if line.starts_with("### ") || line.starts_with("## ") {
            break;
        }
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("**Quand.**") {
            in_when = true;
            when.push_str(rest.trim());
        } else if in_when {
            // The paragraph, or the list that follows the label, runs up to
            // the next label (`**Exemple.**`).
            if line.starts_with("**") {
                break;
            }
            if !line.is_empty() {
                if !when.is_empty() {
                    when.push(' ');
                }
                when.push_str(line.strip_prefix("- ").unwrap_or(line));
            }
        }
    }
    Some(CodeDoc { anchor: anchor(&heading), heading, when })
}

/// The anchor GitHub and most Markdown renderers give a heading: lower case,
/// punctuation dropped, each space a hyphen.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_documented_when_paragraph() {
        for &code in Code::ALL {
            let doc = code_doc(code).unwrap_or_else(|| panic!("{code} has no section in docs/diagnostics.md"));
            assert!(doc.heading.starts_with(code.as_str()), "{doc:?}");
            assert!(doc.when.len() > 20, "{code}: « Quand. » paragraph missing or too short: {doc:?}");
        }
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(anchor("E001 — syntaxe YAML invalide"), "e001--syntaxe-yaml-invalide");
        assert_eq!(
            anchor("E006 — le document n'est pas un tableau associatif"),
            "e006--le-document-nest-pas-un-tableau-associatif"
        );
    }
}
