//! The proficiency scale, and the level of each competency on it.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Profil;

pub fn check(p: &Profil, out: &mut Vec<Diagnostic>) {
    if let Some(levels) = &p.niveaux {
        let ok = !levels.is_empty()
            && levels.len() <= 10
            && levels
                .iter()
                .enumerate()
                .all(|(i, n)| usize::from(*n.niveau) == i + 1);
        if !ok {
            let span = levels.first().map(|n| n.niveau.span).unwrap_or(p.id.span);
            out.push(
                Diagnostic::new(Code::InvalidScale, span, "les niveaux de l'échelle doivent se suivre à partir de 1 (1, 2, 3…), sans trou ni doublon, et être 10 au plus")
                    .with_help("numérotez les niveaux dans l'ordre, ou retirez `niveaux` pour garder l'échelle par défaut en 4 niveaux"),
            );
            return;
        }
    }
    let scale = p.scale();
    let max = scale.len();
    for (_, c) in p.competences.iter() {
        let level = usize::from(*c.niveau);
        if level == 0 || level > max {
            let names: Vec<String> = scale
                .iter()
                .map(|n| format!("{} {}", n.niveau.value, n.libelle.value))
                .collect();
            out.push(
                Diagnostic::new(Code::LevelOutOfScale, c.niveau.span, format!("le niveau {level} de `{}` n'existe pas dans l'échelle, qui va de 1 à {max}", c.id.value))
                    .with_help(format!("niveaux possibles : {}", names.join(", "))),
            );
        }
    }
}
