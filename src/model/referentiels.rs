//! The external competency frameworks shipped in the binary:
//! DigComp 2.2 (21 competences) and the French CRCN / Pix (16 competences).

/// DigComp 2.2 (JRC, 2022): code and English title.
pub const DIGCOMP: [(&str, &str); 21] = [
    ("1.1", "Browsing, searching and filtering data, information and digital content"),
    ("1.2", "Evaluating data, information and digital content"),
    ("1.3", "Managing data, information and digital content"),
    ("2.1", "Interacting through digital technologies"),
    ("2.2", "Sharing through digital technologies"),
    ("2.3", "Engaging in citizenship through digital technologies"),
    ("2.4", "Collaborating through digital technologies"),
    ("2.5", "Netiquette"),
    ("2.6", "Managing digital identity"),
    ("3.1", "Developing digital content"),
    ("3.2", "Integrating and re-elaborating digital content"),
    ("3.3", "Copyright and licences"),
    ("3.4", "Programming"),
    ("4.1", "Protecting devices"),
    ("4.2", "Protecting personal data and privacy"),
    ("4.3", "Protecting health and well-being"),
    ("4.4", "Protecting the environment"),
    ("5.1", "Solving technical problems"),
    ("5.2", "Identifying needs and technological responses"),
    ("5.3", "Creatively using digital technologies"),
    ("5.4", "Identifying digital competence gaps"),
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

/// Title of a DigComp code, if it exists.
pub fn digcomp_title(code: &str) -> Option<&'static str> {
    DIGCOMP.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
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
