//! The external competency frameworks shipped in the binary:
//! DigComp 3.0 (5 areas, 21 competences) and the French CRCN / Pix
//! (16 competences).

/// The edition of DigComp that `digcomp` codes refer to, as printed in
/// documents and exports.
pub const DIGCOMP_EDITION: &str = "DigComp 3.0";

/// Where the French title of a DigComp competence or area comes from: no
/// official French translation of DigComp 3.0 is known, so each French title
/// is either the wording of the CRCN competence that corresponds, or refnum's
/// own translation of the official English title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrigineFr {
    /// The title of this CRCN competence or domain, word for word.
    Crcn(&'static str),
    /// refnum's translation of the English title.
    Refnum,
}

/// One entry of the DigComp table: an area (`"1"`) or a competence (`"1.1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DigComp {
    pub code: &'static str,
    /// The official English title, word for word (exchange formats only).
    pub titre_en: &'static str,
    /// The French title shown in French documents.
    pub titre_fr: &'static str,
    pub origine_fr: OrigineFr,
}

const fn dc(code: &'static str, titre_en: &'static str, titre_fr: &'static str, origine_fr: OrigineFr) -> DigComp {
    DigComp { code, titre_en, titre_fr, origine_fr }
}

use OrigineFr::{Crcn, Refnum};

// DigComp 3.0: European Digital Competence Framework, fifth edition
// (Cosgrove and Cachia, JRC, November 2025). Same 5 areas and 21 competences
// as DigComp 2.2, same codes; new wording of areas and competences.
//
// The English titles below are copied, not paraphrased, from these sources
// (docs/format.md names them too, and says which French titles are CRCN
// wording):
// - https://joint-research-centre.ec.europa.eu/digcomp/digcomp-framework_en
//   (the JRC's DigComp 3.0 page: same structure, new wording);
// - https://www.swisscore.org/?p=7543 (the five area titles);
// - https://github.com/ryanstraight/cybedtools, scripts/010-ingest-digcomp.R
//   (read from the JRC's JSON-LD data supplement, JRC144121: area 4 and
//   competences 4.1 to 4.4);
// - two further public lists of the 21 competence titles that agree word for
//   word: the terminology table of a Swedish translation of DigComp 3.0 and
//   the competence table of a TU Dublin curriculum classifier.

/// DigComp 3.0 areas: code, official English title, French title.
pub const DIGCOMP_DOMAINES: [DigComp; 5] = [
    dc(
        "1",
        "Information search, evaluation and management",
        "Recherche, évaluation et gestion de l'information",
        Refnum,
    ),
    dc("2", "Communication and collaboration", "Communication et collaboration", Crcn("2")),
    dc("3", "Content creation", "Création de contenus", Crcn("3")),
    dc("4", "Safety, wellbeing and responsible use", "Sécurité, bien-être et usage responsable", Refnum),
    dc("5", "Problem identification and solving", "Identification et résolution de problèmes", Refnum),
];

/// DigComp 3.0 competences: code, official English title, French title.
pub const DIGCOMP: [DigComp; 21] = [
    dc(
        "1.1",
        "Browsing, searching and filtering information",
        "Mener une recherche et une veille d'information",
        Crcn("1.1"),
    ),
    dc("1.2", "Evaluating information", "Évaluer l'information", Refnum),
    dc("1.3", "Managing information", "Gérer l'information", Refnum),
    dc(
        "2.1",
        "Interacting through and with digital technologies",
        "Interagir au moyen des technologies numériques et avec elles",
        Refnum,
    ),
    dc("2.2", "Sharing through digital technologies", "Partager et publier", Crcn("2.2")),
    dc(
        "2.3",
        "Engaging in citizenship through digital technologies",
        "Exercer sa citoyenneté au moyen des technologies numériques",
        Refnum,
    ),
    dc("2.4", "Collaborating through digital technologies", "Collaborer", Crcn("2.3")),
    dc("2.5", "Digital behaviour", "Comportement numérique", Refnum),
    dc("2.6", "Managing digital identity", "Gérer son identité numérique", Refnum),
    dc("3.1", "Developing digital content", "Développer des contenus numériques", Refnum),
    dc(
        "3.2",
        "Integrating and re-elaborating digital content",
        "Intégrer et retravailler des contenus numériques",
        Refnum,
    ),
    dc("3.3", "Copyright and licences", "Droit d'auteur et licences", Refnum),
    dc("3.4", "Computational thinking and programming", "Pensée informatique et programmation", Refnum),
    dc("4.1", "Protecting devices", "Protéger les appareils", Refnum),
    dc(
        "4.2",
        "Protecting personal data and privacy",
        "Protéger les données personnelles et la vie privée",
        Crcn("4.2"),
    ),
    dc("4.3", "Supporting wellbeing", "Favoriser le bien-être", Refnum),
    dc(
        "4.4",
        "Environmental impacts of digital technologies",
        "Impacts environnementaux des technologies numériques",
        Refnum,
    ),
    dc("5.1", "Identifying and solving technical problems", "Identifier et résoudre des problèmes techniques", Refnum),
    dc(
        "5.2",
        "Identifying needs and digital technological responses",
        "Identifier des besoins et des réponses technologiques numériques",
        Refnum,
    ),
    dc(
        "5.3",
        "Identifying creative solutions using digital technologies",
        "Identifier des solutions créatives au moyen des technologies numériques",
        Refnum,
    ),
    dc(
        "5.4",
        "Identifying and addressing digital competence needs",
        "Identifier les besoins en compétences numériques et y répondre",
        Refnum,
    ),
];

/// CRCN / Pix (décret n° 2019-919): code and French title.
pub const PIX: [(&str, &str); 16] = [
    ("1.1", "Mener une recherche et une veille d'information"),
    ("1.2", "Gérer des données"),
    ("1.3", "Traiter des données"),
    ("2.1", "Interagir"),
    ("2.2", "Partager et publier"),
    ("2.3", "Collaborer"),
    ("2.4", "S'insérer dans le monde numérique"),
    ("3.1", "Développer des documents textuels"),
    ("3.2", "Développer des documents multimédia"),
    ("3.3", "Adapter les documents à leur finalité"),
    ("3.4", "Programmer"),
    ("4.1", "Sécuriser l'environnement numérique"),
    ("4.2", "Protéger les données personnelles et la vie privée"),
    ("4.3", "Protéger la santé, le bien-être et l'environnement"),
    ("5.1", "Résoudre des problèmes techniques"),
    ("5.2", "Construire un environnement numérique"),
];

/// The DigComp 3.0 competence of a code, if it exists.
pub fn digcomp(code: &str) -> Option<&'static DigComp> {
    DIGCOMP.iter().find(|c| c.code == code)
}

/// Title of a CRCN / Pix code, if it exists.
pub fn pix_title(code: &str) -> Option<&'static str> {
    PIX.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// A ROME code has the shape of one letter (A to N) and four digits, e.g. `M1402`.
pub fn is_rome_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5 && (b'A'..=b'N').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit)
}

/// An ESCO occupation URI: `http://data.europa.eu/esco/occupation/` followed
/// by a UUID (8-4-4-4-12 hexadecimal digits).
pub fn is_esco_occupation(uri: &str) -> bool {
    let Some(id) = uri.strip_prefix("http://data.europa.eu/esco/occupation/") else {
        return false;
    };
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digcomp_has_21_competences_with_unique_codes_and_both_titles() {
        assert_eq!(DIGCOMP.len(), 21);
        let mut codes: Vec<&str> = DIGCOMP.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 21, "codes are unique");
        for c in DIGCOMP.iter().chain(DIGCOMP_DOMAINES.iter()) {
            assert!(!c.titre_en.trim().is_empty(), "{}: English title", c.code);
            assert!(!c.titre_fr.trim().is_empty(), "{}: French title", c.code);
            assert_ne!(c.titre_en, c.titre_fr, "{}: the French title is a translation", c.code);
        }
    }

    #[test]
    fn each_competence_sits_in_one_of_the_five_areas_with_2_2_numbering() {
        // The structure of DigComp 2.2 is unchanged in 3.0: 3, 6, 4, 4, 4.
        let per_area: Vec<usize> = DIGCOMP_DOMAINES
            .iter()
            .map(|d| DIGCOMP.iter().filter(|c| c.code.split('.').next() == Some(d.code)).count())
            .collect();
        assert_eq!(per_area, [3, 6, 4, 4, 4]);
        for c in &DIGCOMP {
            let (area, rank) = c.code.split_once('.').expect("a competence code is area.rank");
            assert!(DIGCOMP_DOMAINES.iter().any(|d| d.code == area), "{}", c.code);
            assert!(rank.parse::<u8>().is_ok_and(|r| r >= 1), "{}", c.code);
        }
    }

    #[test]
    fn french_titles_said_to_be_crcn_wording_are_the_crcn_titles() {
        let mut crcn = 0;
        for c in &DIGCOMP {
            if let OrigineFr::Crcn(code) = c.origine_fr {
                assert_eq!(Some(c.titre_fr), pix_title(code), "DigComp {} / CRCN {code}", c.code);
                crcn += 1;
            }
        }
        assert!(crcn > 0);
    }

    #[test]
    fn lookups() {
        assert_eq!(digcomp("2.5").map(|c| c.titre_en), Some("Digital behaviour"));
        assert_eq!(digcomp("4.2").map(|c| c.titre_fr), Some("Protéger les données personnelles et la vie privée"));
        assert!(digcomp("2.7").is_none());
        assert!(digcomp("2").is_none(), "an area is not a competence");
    }

    #[test]
    fn esco_occupation_uris() {
        assert!(is_esco_occupation("http://data.europa.eu/esco/occupation/0a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"));
        assert!(!is_esco_occupation("http://data.europa.eu/esco/skill/0a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"));
        assert!(!is_esco_occupation("http://data.europa.eu/esco/occupation/0a0b1c2d"));
        assert!(!is_esco_occupation("http://data.europa.eu/esco/occupation/0a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4z"));
        assert!(!is_esco_occupation("https://data.europa.eu/esco/occupation/0a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"));
    }

    #[test]
    fn rome_codes() {
        assert!(is_rome_code("K1802"));
        assert!(!is_rome_code("Z1802"));
        assert!(!is_rome_code("K180"));
    }
}
