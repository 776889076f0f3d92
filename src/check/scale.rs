//! The proficiency scale, and the level of each competency on it.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Profil;

/// Most levels a scale may have.
const MAX_LEVELS: usize = 10;

pub fn check(p: &Profil, out: &mut Vec<Diagnostic>) {
    if let Some(levels) = &p.niveaux {
        let help = "numérotez les niveaux 1, 2, 3… dans l'ordre, ou retirez `niveaux` pour garder l'échelle par défaut en 4 niveaux";
        if levels.is_empty() {
            out.push(Diagnostic::new(Code::InvalidScale, levels.span, "l'échelle `niveaux` est vide").with_help(help));
            return;
        }
        if levels.len() > MAX_LEVELS {
            out.push(
                Diagnostic::new(
                    Code::InvalidScale,
                    levels[MAX_LEVELS].niveau.span,
                    format!("l'échelle compte {} niveaux ; {MAX_LEVELS} au plus sont permis", levels.len()),
                )
                .with_help(help),
            );
            return;
        }
        if let Some((i, n)) = levels.iter().enumerate().find(|(i, n)| *n.niveau != *i as i64 + 1) {
            out.push(
                Diagnostic::new(
                    Code::InvalidScale,
                    n.niveau.span,
                    format!("le niveau {} de l'échelle devrait porter le numéro {} : les niveaux se suivent à partir de 1, sans trou ni doublon", n.niveau.value, i + 1),
                )
                .with_help(help),
            );
            return;
        }
    }
    let scale = p.scale();
    let max = scale.len() as i64;
    for (_, c) in p.competences.iter() {
        let level = *c.niveau;
        if !(1..=max).contains(&level) {
            let names: Vec<String> = scale.iter().map(|n| format!("{} {}", n.niveau.value, n.libelle.value)).collect();
            out.push(
                Diagnostic::new(
                    Code::LevelOutOfScale,
                    c.niveau.span,
                    format!("le niveau {level} de `{}` n'existe pas dans l'échelle, qui va de 1 à {max}", c.id.value),
                )
                .with_help(format!("niveaux possibles : {}", names.join(", "))),
            );
        }
    }
}
