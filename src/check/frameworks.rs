//! Codes of external frameworks: DigComp 3.0, CRCN / Pix, ROME, ESCO.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::referentiels::{DIGCOMP_EDITION, digcomp, is_esco_occupation, is_rome_code, pix_title};
use crate::model::{Metier, Profil};

pub fn check(p: &Profil, out: &mut Vec<Diagnostic>) {
    if let Some(m) = &p.metier {
        metier(m, out);
    }
    for (_, c) in p.competences.iter() {
        let r = &c.referentiels;
        for code in &r.digcomp {
            if digcomp(code).is_none() {
                let mut d = Diagnostic::new(
                    Code::UnknownFrameworkCode,
                    code.span,
                    format!("`{}` n'est pas une compétence de {DIGCOMP_EDITION}", code.value),
                );
                d.help = Some(format!(
                    "codes {DIGCOMP_EDITION} : 1.1 à 1.3, 2.1 à 2.6, 3.1 à 3.4, 4.1 à 4.4, 5.1 à 5.4 (voir docs/format.md)"
                ));
                out.push(d);
            }
        }
        for code in &r.pix {
            if pix_title(code).is_none() {
                let mut d = Diagnostic::new(
                    Code::UnknownFrameworkCode,
                    code.span,
                    format!("`{}` n'est pas une compétence du CRCN (Pix)", code.value),
                );
                d.help = Some(
                    "codes du CRCN : 1.1 à 1.3, 2.1 à 2.4, 3.1 à 3.4, 4.1 à 4.3, 5.1 et 5.2 (voir docs/format.md)"
                        .into(),
                );
                out.push(d);
            }
        }
        rome_codes(&r.rome, out);
        for uri in &r.esco {
            if !uri.starts_with("http://data.europa.eu/esco/") {
                out.push(
                    Diagnostic::new(
                        Code::UnknownFrameworkCode,
                        uri.span,
                        format!("`{}` n'est pas une adresse ESCO", uri.value),
                    )
                    .with_help(
                        "une référence ESCO est une adresse de la forme http://data.europa.eu/esco/skill/<identifiant>",
                    ),
                );
            }
        }
    }
}

/// The occupation's own codes: ROME fiches and ESCO occupations (not skills).
fn metier(m: &Metier, out: &mut Vec<Diagnostic>) {
    rome_codes(&m.rome, out);
    for uri in &m.esco {
        if !is_esco_occupation(uri) {
            out.push(
                Diagnostic::new(
                    Code::UnknownFrameworkCode,
                    uri.span,
                    format!("`{}` n'est pas l'adresse d'une profession ESCO", uri.value),
                )
                .with_help(
                    "une profession ESCO a une adresse de la forme http://data.europa.eu/esco/occupation/<identifiant> ; les compétences ESCO (…/esco/skill/…) vont dans les `referentiels` des compétences",
                ),
            );
        }
    }
}

/// ROME codes, at the competency level or the occupation's: each has the
/// shape of a ROME fiche code.
fn rome_codes(codes: &[crate::model::Text], out: &mut Vec<Diagnostic>) {
    for code in codes {
        if !is_rome_code(code) {
            out.push(
                Diagnostic::new(
                    Code::UnknownFrameworkCode,
                    code.span,
                    format!("`{}` n'a pas la forme d'un code ROME", code.value),
                )
                .with_help("un code ROME est une lettre de A à N suivie de quatre chiffres, par exemple `M1402`"),
            );
        }
    }
}
