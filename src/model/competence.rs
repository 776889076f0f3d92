//! Competencies: savoirs, savoir-faire and savoir-être.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Spanned, Text};

/// The columns of a table of competencies, one row per competency: what
/// `export` writes (CSV, XLSX) and what `import` reads back.
pub const COMPETENCE_COLUMNS: [&str; 10] =
    ["profil", "categorie", "id", "libelle", "description", "niveau", "essentielle", "missions", "digcomp", "pix"];

/// The characters a spreadsheet may read as the start of a formula (OWASP,
/// « CSV injection »): the CSV export puts a `'` before them.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Undoes the CSV export's guard (`refnum import`): a `'` before a formula start, or before another
/// `'`, is removed, so that export then import gives back the same text.
pub fn restore_formula_guard(field: String) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest.to_owned(),
        _ => field,
    }
}

/// The three categories, in the order documents show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Categorie {
    Savoirs,
    SavoirFaire,
    SavoirEtre,
}

impl Categorie {
    pub const ALL: [Categorie; 3] = [Categorie::Savoirs, Categorie::SavoirFaire, Categorie::SavoirEtre];

    /// The YAML key of the category.
    pub fn key(self) -> &'static str {
        match self {
            Categorie::Savoirs => "savoirs",
            Categorie::SavoirFaire => "savoir-faire",
            Categorie::SavoirEtre => "savoir-etre",
        }
    }

    /// The singular French noun: « un savoir », « un savoir-faire ».
    pub fn singular(self) -> &'static str {
        match self {
            Categorie::Savoirs => "savoir",
            Categorie::SavoirFaire => "savoir-faire",
            Categorie::SavoirEtre => "savoir-être",
        }
    }

    /// The French label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Categorie::Savoirs => "Savoirs",
            Categorie::SavoirFaire => "Savoir-faire",
            Categorie::SavoirEtre => "Savoir-être",
        }
    }
}

/// The competencies of a profile, in three lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Compétences du profil, en trois listes.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Competences {
    pub savoirs: Vec<Competence>,
    pub savoir_faire: Vec<Competence>,
    pub savoir_etre: Vec<Competence>,
}

impl Competences {
    pub fn list(&self, categorie: Categorie) -> &[Competence] {
        match categorie {
            Categorie::Savoirs => &self.savoirs,
            Categorie::SavoirFaire => &self.savoir_faire,
            Categorie::SavoirEtre => &self.savoir_etre,
        }
    }

    /// Every competency with its category, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (Categorie, &Competence)> {
        Categorie::ALL.into_iter().flat_map(move |c| self.list(c).iter().map(move |item| (c, item)))
    }

    pub fn len(&self) -> usize {
        self.savoirs.len() + self.savoir_faire.len() + self.savoir_etre.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(description = "Compétence : libellé, description, niveau attendu et missions servies.")]
pub struct Competence {
    // Unique within the profile, e.g. `SF-03`.
    #[schemars(description = "Identifiant unique dans le profil, par exemple `SF-03`.")]
    pub id: Text,
    pub libelle: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    // A level of the profile's scale.
    #[schemars(
        description = "Niveau attendu sur l'échelle du profil (par défaut 1 Notions, 2 Application, 3 Maîtrise, 4 Expertise)."
    )]
    pub niveau: Spanned<i64>,
    // Ids of the missions this competency serves.
    #[schemars(description = "Identifiants des missions que sert cette compétence.")]
    pub missions: Vec<Text>,
    pub essentielle: Spanned<bool>,
    #[serde(default, skip_serializing_if = "Referentiels::is_empty")]
    pub referentiels: Referentiels,
    // What an assessor observes to say the level is reached.
    #[schemars(
        description = "Critères observables (1 à 3) : ce qu'un évaluateur ou une évaluatrice peut constater en situation de travail pour dire que le niveau attendu est atteint.",
        length(min = 1, max = 3)
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteres: Option<Vec<Text>>,
    // Behavioural questions for an interview guide (`refnum entretien`).
    #[schemars(
        description = "Questions d'entretien (1 ou 2) : questions comportementales (« Racontez une situation où… ») qui font décrire à la personne une situation vécue où la compétence a servi ; reprises par le guide d'entretien (`refnum entretien`).",
        length(min = 1, max = 2)
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<Text>>,
}

impl Competence {
    /// The observable criteria, none when the field is absent.
    pub fn criteres(&self) -> &[Text] {
        self.criteres.as_deref().unwrap_or_default()
    }

    /// The interview questions, none when the field is absent.
    pub fn questions(&self) -> &[Text] {
        self.questions.as_deref().unwrap_or_default()
    }
}

/// Codes of external frameworks a competency corresponds to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "Correspondances avec des référentiels extérieurs.")]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Referentiels {
    // DigComp 3.0 competences, e.g. `"5.2"` (same codes as DigComp 2.2).
    #[schemars(description = "Compétences DigComp 3.0, par exemple \"5.2\" (mêmes codes que DigComp 2.2).")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub digcomp: Vec<Text>,
    // CRCN / Pix competences, e.g. `"2.3"`.
    #[schemars(description = "Compétences du CRCN (Pix), par exemple \"2.3\".")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pix: Vec<Text>,
    // ROME codes (France Travail), e.g. `M1402`.
    #[schemars(description = "Codes ROME (France Travail), par exemple `M1402`.")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rome: Vec<Text>,
    // ESCO URIs.
    #[schemars(description = "Adresses ESCO (http://data.europa.eu/esco/...).")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub esco: Vec<Text>,
}

impl Referentiels {
    pub fn is_empty(&self) -> bool {
        self.digcomp.is_empty() && self.pix.is_empty() && self.rome.is_empty() && self.esco.is_empty()
    }
}
