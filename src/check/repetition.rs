//! A post against its profile: a line the post adds to a section of its
//! profile (`complete`) that the profile already has would be printed twice
//! in the fiche.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Fusion, Poste, Profil};

/// Case, spaces and punctuation folded: `Permis B, requis.` → `permis b requis`.
pub fn fold_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in
        text.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-') || "«»’…–—·".contains(c))
    {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Findings on the lines of `poste` that repeat a line of `profil` in the
/// fiche (W005), at the place of the post's line.
pub fn check(poste: &Poste, profil: &Profil) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for section in poste.sections(profil) {
        let Some(lignes) = section.poste else {
            continue;
        };
        if section.fusion() != Fusion::Complete {
            continue;
        }
        // The first line of the profile with each folded text: one look-up per line of the post.
        let mut profile_lines: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (n, t) in section.profil.iter().enumerate() {
            profile_lines.entry(fold_line(t)).or_insert(n);
        }
        for line in &lignes.lignes {
            let folded = fold_line(line);
            if folded.is_empty() {
                continue;
            }
            if let Some(&n) = profile_lines.get(&folded) {
                out.push(
                    Diagnostic::new(
                        Code::RepeatedLine,
                        line.span,
                        format!(
                            "cette ligne de `{}` reprend la ligne {} de la même rubrique du profil `{}` : la fiche la montrerait deux fois",
                            section.cle,
                            n + 1,
                            profil.id.value
                        ),
                    )
                    .with_help(format!(
                        "retirez-la : la rubrique `{}` du poste s'ajoute à celle du profil ; pour la réécrire entièrement, donnez-la sous la forme `{{ remplace: [...] }}`",
                        section.cle
                    )),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_spaces_and_punctuation_are_folded() {
        assert_eq!(fold_line("  Permis B,  généralement requis. "), "permis b généralement requis");
        assert_eq!(fold_line("Permis B généralement REQUIS"), fold_line("permis b ; généralement requis !"));
        assert_ne!(fold_line("Permis B requis"), fold_line("Permis A requis"));
        assert_eq!(fold_line("« Faire avec » – pas à la place"), "faire avec pas à la place");
    }
}
