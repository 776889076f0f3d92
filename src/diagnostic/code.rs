//! The stable codes of every finding refnum reports.
//!
//! A code never changes meaning once released; `docs/diagnostics.md` lists
//! each one with an example, and a test proves each can be produced.

use serde::Serialize;

use super::Severity;

macro_rules! codes {
    ($($variant:ident => ($code:literal, $severity:ident, $title:literal),)*) => {
        /// A stable diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E010`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The severity findings of this code carry.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// A short French title, used in docs and in the GitHub format.
            pub fn title(self) -> &'static str {
                match self {
                    $(Code::$variant => $title,)*
                }
            }
        }
    };
}

codes! {
    YamlSyntax => ("E001", Error, "syntaxe YAML invalide"),
    DuplicateKey => ("E002", Error, "clé en double"),
    LimitExceeded => ("E003", Error, "limite de taille ou de structure dépassée"),
    InvalidEncoding => ("E004", Error, "encodage invalide"),
    EmptyFile => ("E005", Error, "fichier vide"),
    InvalidRoot => ("E006", Error, "le document n'est pas un tableau associatif"),
    ControlCharacter => ("E007", Error, "caractère de contrôle dans un texte"),
    UnknownKey => ("E010", Error, "clé inconnue"),
    MissingKey => ("E011", Error, "clé obligatoire manquante"),
    WrongType => ("E012", Error, "type de valeur incorrect"),
    UnknownValue => ("E013", Error, "valeur hors de la liste permise"),
    TooManyItems => ("E014", Error, "liste trop longue"),
    InvalidId => ("E020", Error, "identifiant invalide"),
    DuplicateId => ("E021", Error, "identifiant en double"),
    UnknownMission => ("E022", Error, "mission inconnue"),
    LevelOutOfScale => ("E023", Error, "niveau hors de l'échelle"),
    UnknownFrameworkCode => ("E024", Error, "code de référentiel inconnu"),
    InvalidVersion => ("E025", Error, "version invalide"),
    InvalidDate => ("E026", Error, "date invalide"),
    EmptyText => ("E027", Error, "valeur vide"),
    InvalidScale => ("E028", Error, "échelle de niveaux invalide"),
    EmptyList => ("E029", Error, "liste vide"),
    DuplicateProfile => ("E030", Error, "profil défini deux fois"),
    ProfileNotFound => ("E031", Error, "profil introuvable"),
    BaseNotFound => ("E040", Error, "profil de base introuvable ou invalide"),
    Cycle => ("E041", Error, "adaptations en boucle"),
        UnknownItem => ("E042", Error, "élément inconnu ou en conflit dans l'adaptation"),
    RemovedEssential => ("E043", Error, "retrait d'une compétence essentielle"),
    BrokenReference => ("E044", Error, "renvoi à un élément retiré"),
    MovedItem => ("E045", Error, "élément déplacé de catégorie"),
    BaseVersion => ("E046", Error, "version du profil de base hors exigence"),
    InvalidUrl => ("E050", Error, "adresse web invalide"),
    UnusedCompetency => ("W001", Warning, "compétence rattachée à aucune mission"),
    UncoveredMission => ("W002", Warning, "mission servie par aucune compétence"),
    NotInfinitive => ("W003", Warning, "verbe à l'infinitif attendu"),
    DuplicateLabel => ("W004", Warning, "libellé en double"),
    RepeatedLine => ("W005", Warning, "ligne du poste déjà dans son profil"),
    CommentInText => ("W006", Warning, "texte coupé par un commentaire"),
    VersionNotRaised => ("W010", Warning, "fichier modifié sans nouvelle version"),
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
