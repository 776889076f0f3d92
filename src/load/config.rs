//! The repository configuration, `refnum.toml`: found by walking up from
//! the working directory (as rustfmt and ruff find theirs), it says where
//! profiles and bases are looked up, which paths are left out, and the
//! level of each rule. Every mistake in it is located (line and column) and
//! stops the command: a configuration silently half-read would be worse.
//!
//! ```toml
//! profils = ["profiles", "nationaux"]
//! exclure = ["docs/**", "mkdocs.yml"]
//!
//! [regles]
//! W003 = "ignore"
//! W004 = "erreur"
//! ```

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Code;
use crate::diagnostic::rules::{self, Level};
use crate::error::Error;

/// The name of the configuration file.
pub const FILE_NAME: &str = "refnum.toml";

/// The configuration in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// The folder paths are relative to: the file's, else the working directory.
    pub root: PathBuf,
    /// Folders where a profile or a base named by id is looked up, in order.
    pub profils: Vec<PathBuf>,
    /// Paths left out of `validate` (relative to `root`).
    exclure: GlobSet,
    /// The level of each rule the configuration names.
    pub regles: HashMap<Code, Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    profils: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclure: Vec<Spanned<String>>,
    #[serde(default)]
    regles: BTreeMap<Spanned<String>, Spanned<String>>,
}

impl Config {
    /// The configuration with no file: profiles looked up in `./profiles`.
    pub fn default_in(root: &Path) -> Config {
        Config {
            file: None,
            root: root.to_path_buf(),
            profils: vec![root.join("profiles")],
            exclure: GlobSet::empty(),
            regles: HashMap::new(),
        }
    }

    /// The configuration of the repository around `start`: the nearest
    /// `refnum.toml` in `start` or a folder above it, else the default.
    pub fn discover(start: &Path) -> Result<Config, Error> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::read(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default_in(start))
    }

    /// Reads and checks one configuration file.
    pub fn read(path: &Path) -> Result<Config, Error> {
        let bytes = crate::load::read(path)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::Usage(format!("{} : le fichier n'est pas en UTF-8", path.display())))?;
        let root = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Config::parse(&text, path, &root)
    }

    /// Checks the text of a configuration file named `path`.
    pub fn parse(text: &str, path: &Path, root: &Path) -> Result<Config, Error> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            Error::Usage(format!("{}:{line}:{column} : {message}", path.display()))
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, french_toml_error(e.message()))
        })?;
        let profils = match raw.profils {
            Some(list) => {
                if list.is_empty() {
                    return Err(at(
                        0,
                        "`profils` est vide : indiquez au moins un dossier, par exemple `profils = [\"profiles\"]`"
                            .into(),
                    ));
                }
                list.into_iter()
                    .map(|p| {
                        if p.get_ref().trim().is_empty() {
                            Err(at(p.span().start, "un dossier de `profils` est vide".into()))
                        } else {
                            Ok(root.join(p.get_ref()))
                        }
                    })
                    .collect::<Result<Vec<_>, _>>()?
            }
            None => vec![root.join("profiles")],
        };
        let mut globs = GlobSetBuilder::new();
        for pattern in &raw.exclure {
            let glob = Glob::new(pattern.get_ref().trim_start_matches("./")).map_err(|e| {
                at(
                    pattern.span().start,
                    format!("motif d'exclusion invalide `{}` : {}", pattern.get_ref(), glob_error(&e)),
                )
            })?;
            globs.add(glob);
        }
        let exclure = globs.build().map_err(|e| at(0, format!("motifs d'exclusion invalides : {}", glob_error(&e))))?;
        let mut regles = HashMap::new();
        for (code, level) in raw.regles {
            let Some(c) = Code::ALL.iter().copied().find(|c| c.as_str() == code.get_ref().as_str()) else {
                return Err(at(code.span().start, rules::unknown_code(code.get_ref())));
            };
            let Some(l) = Level::parse(level.get_ref()) else {
                return Err(at(
                    level.span().start,
                    format!(
                        "niveau inconnu « {} » pour {c} : les niveaux sont {}",
                        level.get_ref(),
                        Level::NAMES.map(|n| format!("`{n}`")).join(", ")
                    ),
                ));
            };
            if let Some(why) = rules::refused(c, l) {
                return Err(at(level.span().start, why));
            }
            regles.insert(c, l);
        }
        Ok(Config { file: Some(path.to_path_buf()), root: root.to_path_buf(), profils, exclure, regles })
    }

    /// Whether `path` is left out by `exclure` (matched relative to the root,
    /// and by its name alone for patterns without a folder).
    pub fn excluded(&self, path: &Path) -> bool {
        if self.exclure.is_empty() {
            return false;
        }
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let root = std::fs::canonicalize(&self.root).unwrap_or_else(|_| self.root.clone());
        let absolute = std::fs::canonicalize(&absolute).unwrap_or(absolute);
        let relative = absolute.strip_prefix(&root).unwrap_or(path);
        let relative = relative.strip_prefix(".").unwrap_or(relative);
        self.exclure.is_match(relative)
    }
}

/// Line and column (from 1, in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The usual TOML parser messages in French; others are kept after a
/// French lead so that nothing is lost.
fn french_toml_error(message: &str) -> String {
    let m = message.trim();
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("clé inconnue `{field}` : les clés permises sont `profils`, `exclure` et la table `[regles]`");
    }
    if m.starts_with("invalid type") {
        return format!(
            "type de valeur incorrect : `profils` et `exclure` sont des listes de textes (`[\"…\"]`), chaque règle de `[regles]` un texte ({})",
            m.replace("invalid type: ", "reçu ")
        );
    }
    if m.contains("duplicate key") {
        return "clé en double : gardez une seule occurrence".into();
    }
    if m.contains("invalid string") || m.contains("missing closing quote") || m.contains("unterminated") {
        return "texte mal formé : fermez le guillemet (\"…\")".into();
    }
    if m.contains("expected `=`") || m.contains("key with no value") {
        return "`=` attendu entre la clé et sa valeur, par exemple `W003 = \"ignore\"`".into();
    }
    format!("TOML invalide : vérifiez la syntaxe de cette ligne (détail : {m})")
}

fn glob_error(e: &globset::Error) -> String {
    match e.kind() {
        globset::ErrorKind::UnclosedClass => "crochet non fermé".into(),
        globset::ErrorKind::UnclosedAlternates => "accolade non fermée".into(),
        globset::ErrorKind::UnopenedAlternates => "accolade fermante sans ouvrante".into(),
        globset::ErrorKind::NestedAlternates => "accolades imbriquées".into(),
        globset::ErrorKind::InvalidRange(a, b) => format!("intervalle invalide {a}-{b}"),
        globset::ErrorKind::InvalidRecursive => "`**` doit former un élément de chemin à lui seul".into(),
        globset::ErrorKind::DanglingEscape => "barre oblique inverse en fin de motif".into(),
        _ => "motif mal formé".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("refnum.toml"), Path::new("/depot")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_full_configuration_is_read() {
        let c = parse("profils = [\"nationaux\", \"locaux\"]\nexclure = [\"docs/**\", \"mkdocs.yml\"]\n[regles]\nW003 = \"ignore\"\nW004 = \"erreur\"\n").unwrap();
        assert_eq!(c.profils, [PathBuf::from("/depot/nationaux"), PathBuf::from("/depot/locaux")]);
        assert_eq!(c.regles[&Code::NotInfinitive], Level::Ignore);
        assert_eq!(c.regles[&Code::DuplicateLabel], Level::Erreur);
        assert!(c.exclure.is_match("docs/a/b.yaml") && c.exclure.is_match("mkdocs.yml"));
        assert!(!c.exclure.is_match("profiles/a.yaml"));
    }

    #[test]
    fn an_empty_file_is_the_default() {
        let c = parse("").unwrap();
        assert_eq!(c.profils, [PathBuf::from("/depot/profiles")]);
        assert!(c.regles.is_empty());
    }

    #[test]
    fn mistakes_are_located_and_in_french() {
        let e = parse("profils = [\"p\"]\n[regles]\nW03 = \"ignore\"\n").unwrap_err();
        assert!(e.contains("refnum.toml:3:1") && e.contains("code de règle inconnu « W03 »"), "{e}");
        let e = parse("[regles]\nW003 = \"ignorer\"\n").unwrap_err();
        assert!(e.contains("refnum.toml:2:8") && e.contains("niveau inconnu « ignorer »"), "{e}");
        let e = parse("profil = [\"p\"]\n").unwrap_err();
        assert!(e.contains("refnum.toml:1:1") && e.contains("clé inconnue `profil`"), "{e}");
        let e = parse("exclure = [\"docs/[a\"]\n").unwrap_err();
        assert!(e.contains("refnum.toml:1:12") && e.contains("crochet non fermé"), "{e}");
        let e = parse("exclure = \"docs\"\n").unwrap_err();
        assert!(e.contains("refnum.toml:1:") && e.contains("type de valeur incorrect"), "{e}");
        let e = parse("profils = []\n").unwrap_err();
        assert!(e.contains("`profils` est vide"), "{e}");
    }
}
