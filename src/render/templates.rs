//! The minijinja environment: default templates embedded in the binary, a
//! folder of user templates overriding them file by file, strict undefined
//! variables, HTML escaping for `.html`, Markdown escaping for `.md`, and
//! French typography (`typo`) on every printed value, on the free texts and
//! on the templates' own text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, Error as JinjaError, ErrorKind, State, UndefinedBehavior, Value};

use super::markdown;
use super::typo::{self, Ids};
use crate::error::TemplateError;

/// The default templates: file name and text.
pub const DEFAULTS: [(&str, &str); 26] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("referentiel.html", include_str!("../../templates/referentiel.html")),
    ("referentiel.md", include_str!("../../templates/referentiel.md")),
    ("fiche.html", include_str!("../../templates/fiche.html")),
    ("fiche.md", include_str!("../../templates/fiche.md")),
    ("entretien.html", include_str!("../../templates/entretien.html")),
    ("entretien.md", include_str!("../../templates/entretien.md")),
    ("commun.md", include_str!("../../templates/commun.md")),
    ("evaluation.css", include_str!("../../templates/evaluation.css")),
    ("grille.html", include_str!("../../templates/grille.html")),
    ("grille.md", include_str!("../../templates/grille.md")),
    ("ecarts.html", include_str!("../../templates/ecarts.html")),
    ("ecarts.md", include_str!("../../templates/ecarts.md")),
    ("equipe.html", include_str!("../../templates/equipe.html")),
    ("equipe.md", include_str!("../../templates/equipe.md")),
    ("site-base.html", include_str!("../../templates/site-base.html")),
    ("site-nav.html", include_str!("../../templates/site-nav.html")),
    ("site-index.html", include_str!("../../templates/site-index.html")),
    ("site-referentiel.html", include_str!("../../templates/site-referentiel.html")),
    ("site-fiche.html", include_str!("../../templates/site-fiche.html")),
    ("site-ecarts.html", include_str!("../../templates/site-ecarts.html")),
    ("site-comparaison.html", include_str!("../../templates/site-comparaison.html")),
    ("site-recherche.html", include_str!("../../templates/site-recherche.html")),
    ("site.css", include_str!("../../templates/site.css")),
    ("recherche.js", include_str!("../../templates/recherche.js")),
];

/// Name of the Markdown auto-escape mode.
const MARKDOWN: &str = "markdown";

fn is_markdown(mode: &AutoEscape) -> bool {
    matches!(mode, AutoEscape::Custom(name) if name == MARKDOWN)
}

/// The README written beside exported templates.
pub const README: &str = include_str!("../../templates/README.md");

/// The templates in force: the defaults, and an optional folder that
/// overrides any of them by file name.
pub struct Templates {
    env: Environment<'static>,
    overrides: Option<Arc<PathBuf>>,
}

impl Templates {
    pub fn new(overrides: Option<&Path>) -> Templates {
        let overrides = overrides.map(|p| Arc::new(p.to_path_buf()));
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else if name.ends_with(".md") {
                AutoEscape::Custom(MARKDOWN.into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if is_markdown(state.auto_escape()) {
                let text = if value.is_none() {
                    String::new()
                } else if value.is_safe() {
                    value.to_string()
                } else {
                    typo::french(&markdown::inline(&value.to_string()), Ids::NoBreakHyphen)
                };
                return out
                    .write_str(&text)
                    .map_err(|_| JinjaError::new(ErrorKind::WriteFailure, "écriture impossible"));
            }
            match value.as_str() {
                Some(text) if !value.is_safe() && matches!(state.auto_escape(), AutoEscape::Html) => {
                    minijinja::escape_formatter(out, state, &Value::from(typo::french(text, Ids::Keep)))
                }
                _ => minijinja::escape_formatter(out, state, value),
            }
        });
        env.add_filter("texte", texte);
        env.add_filter("brut", |value: Value| Value::from_safe_string(value.to_string()));
        env.add_filter("lien", lien);
        let dir = overrides.clone();
        env.set_loader(move |name| {
            load(dir.as_deref().map(PathBuf::as_path), name).map(|s| s.map(|s| with_typography(name, s)))
        });
        Templates { env, overrides }
    }

    /// Renders a template with the given context.
    /// The folder of `--templates`, if any: read by the command, never written over.
    pub fn folder(&self) -> Option<&Path> {
        self.overrides.as_deref().map(PathBuf::as_path)
    }

    pub fn render<S: serde::Serialize>(&self, name: &str, context: S) -> Result<String, TemplateError> {
        let template = self.env.get_template(name).map_err(|e| self.error(name, &e))?;
        let text = template.render(Value::from(minijinja::value::Serde(context))).map_err(|e| self.error(name, &e))?;
        Ok(match super::printable(&text) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(clean) => clean,
        })
    }

    /// A French error naming the file at fault (the user's copy when it overrides).
    fn error(&self, name: &str, e: &JinjaError) -> TemplateError {
        let at = e.name().unwrap_or(name);
        let file = match self.overrides.as_deref() {
            Some(dir) if dir.join(at).is_file() => dir.join(at).display().to_string(),
            _ => format!("{at} (gabarit par défaut)"),
        };
        let what = match e.kind() {
            ErrorKind::SyntaxError => "syntaxe invalide",
            ErrorKind::UndefinedError => "variable ou attribut inconnu",
            ErrorKind::TemplateNotFound => "gabarit introuvable",
            ErrorKind::UnknownFilter => "filtre inconnu",
            ErrorKind::UnknownFunction => "fonction inconnue",
            ErrorKind::UnknownMethod => "méthode inconnue",
            ErrorKind::UnknownTest => "test inconnu",
            ErrorKind::InvalidOperation => "opération invalide",
            ErrorKind::MissingArgument | ErrorKind::TooManyArguments => "nombre d'arguments incorrect",
            ErrorKind::BadInclude => "inclusion impossible",
            _ => "erreur de gabarit",
        };
        let message = match e.detail() {
            Some(detail) => format!("{what} ({detail})"),
            None => what.to_owned(),
        };
        TemplateError { file, line: e.line(), message }
    }
}

fn load(dir: Option<&Path>, name: &str) -> Result<Option<String>, JinjaError> {
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Ok(None);
    }
    if let Some(dir) = dir {
        let path = dir.join(name);
        if path.is_file() {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                JinjaError::new(ErrorKind::TemplateNotFound, format!("lecture de {} impossible : {e}", path.display()))
            });
        }
    }
    Ok(DEFAULTS.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
}

/// The templates' own text follows French typography like the values they
/// print: applied when a document template is loaded (the user's too).
fn with_typography(name: &str, source: String) -> String {
    if name.ends_with(".html") {
        typo::french_template(&source, true, Ids::Keep)
    } else if name.ends_with(".md") {
        typo::french_template(&source, false, Ids::NoBreakHyphen)
    } else {
        source
    }
}

/// `{{ poste.contact | lien }}`: an e-mail address or a web address as a
/// link (`<…>` in Markdown, `<a>` in HTML); any other text is shown as text.
fn lien(state: &State, value: Value) -> Value {
    let text = value.to_string();
    let text = text.trim();
    let Some(href) = markdown::link_target(text) else {
        return value;
    };
    match state.auto_escape() {
        AutoEscape::Html => {
            let escaped = text.replace('&', "&amp;");
            Value::from_safe_string(format!("<a href=\"{}\">{escaped}</a>", href.replace('&', "&amp;")))
        }
        mode if is_markdown(mode) => Value::from_safe_string(format!("<{text}>")),
        _ => value,
    }
}

/// `{{ finalite | texte }}`: a free text (Markdown) rendered for the output
/// format: safe HTML in `.html`, neutralized Markdown in `.md`.
fn texte(state: &State, value: Value) -> Value {
    if value.is_none() || value.is_undefined() {
        return Value::from_safe_string(String::new());
    }
    let text = value.to_string();
    match state.auto_escape() {
        AutoEscape::Html => Value::from_safe_string(typo::french_html(&markdown::to_html(&text), Ids::Keep)),
        mode if is_markdown(mode) => Value::from_safe_string(typo::french(&markdown::block(&text), Ids::NoBreakHyphen)),
        _ => Value::from(text),
    }
}
