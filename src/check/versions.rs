//! A changed file needs a new version (`validate --verifier-version`).

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Text;

/// The top-level `version` of a profile's text, read without a full parse
/// (the text comes from another commit and may not be valid any more).
pub fn version_in(text: &str) -> Option<semver::Version> {
    text.lines().find_map(|l| l.strip_prefix("version:")).and_then(|v| {
        let v = v.split(" #").next().unwrap_or(v).trim().trim_matches(|c| c == '"' || c == '\'');
        semver::Version::parse(v).ok()
    })
}

/// `W010` when `current` (the text on disk) differs from `committed` (its
/// text on `branch`) while its `version` did not go up.
pub fn check(version: &Text, current: &str, committed: &str, branch: &str) -> Option<Diagnostic> {
    if current == committed {
        return None;
    }
    let old = version_in(committed)?;
    let new = semver::Version::parse(version.value.trim()).ok()?;
    if new > old {
        return None;
    }
    let message = if new == old {
        format!("le fichier a changé depuis sa version sur `{branch}`, mais sa version est restée {old}")
    } else {
        format!("la version {new} est inférieure à celle du fichier sur `{branch}` ({old})")
    };
    let help = format!(
        "augmentez `version` (docs/versions.md) : {}.{}.{} pour une correction de forme, {}.{}.0 pour un ajout ou un niveau changé, {}.0.0 pour un retrait",
        old.major,
        old.minor,
        old.patch + 1,
        old.major,
        old.minor + 1,
        old.major + 1
    );
    Some(Diagnostic::new(Code::VersionNotRaised, version.span, message).with_help(help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Spanned;

    const OLD: &str = "type: profil\nid: p\nversion: 1.2.0 # publiée\nstatut: publie\n";

    #[test]
    fn reads_the_top_level_version_only() {
        assert_eq!(version_in(OLD), Some(semver::Version::new(1, 2, 0)));
        assert_eq!(
            version_in("extends:\n  version: \"^1.0\"\nversion: '2.0.1'\n"),
            Some(semver::Version::new(2, 0, 1))
        );
        assert_eq!(version_in("id: p\n"), None);
    }

    #[test]
    fn a_changed_file_needs_a_higher_version() {
        let same = Spanned::bare("1.2.0".to_owned());
        let d = check(&same, "changed", OLD, "main").unwrap();
        assert_eq!(d.code, Code::VersionNotRaised);
        assert!(d.message.contains("restée 1.2.0"), "{}", d.message);
        assert!(d.help.unwrap().contains("1.2.1"));
        let lower = Spanned::bare("1.1.9".to_owned());
        assert!(check(&lower, "changed", OLD, "main").unwrap().message.contains("inférieure"));
        let higher = Spanned::bare("1.2.1".to_owned());
        assert!(check(&higher, "changed", OLD, "main").is_none());
        assert!(check(&same, OLD, OLD, "main").is_none(), "an unchanged file needs nothing");
    }
}
