//! A realistic corpus of profiles, adaptations and posts, made from the
//! reference profiles and the examples of the repository: what a network of
//! chambers keeps in one repository.
//!
//! Of `n` files, a tenth are national profiles (variants of the two
//! reference profiles), four tenths local adaptations of those profiles,
//! and half posts built on the adaptations. Every file is valid, distinct,
//! and names its base by id, as in a real repository.

mod variant;

use std::path::Path;

use variant::profile;

/// How the `n` files are shared out.
pub struct Mix {
    pub profils: usize,
    pub adaptations: usize,
    pub postes: usize,
}

impl Mix {
    /// A repository: 10 % profiles, 40 % adaptations, 50 % posts.
    pub fn repository(n: usize) -> Mix {
        let profils = (n / 10).max(1).min(n);
        let adaptations = (n * 4 / 10).min(n - profils);
        Mix { profils, adaptations, postes: n - profils - adaptations }
    }

    /// National profiles only: the heaviest files.
    pub fn profiles_only(n: usize) -> Mix {
        Mix { profils: n, adaptations: 0, postes: 0 }
    }

    pub fn total(&self) -> usize {
        self.profils + self.adaptations + self.postes
    }
}

const ADAPTATIONS: [&str; 2] = [
    include_str!("../../examples/adaptations/cc-vermeil-coordinateur.yaml"),
    include_str!("../../examples/adaptations/cci-montverac-conseiller.yaml"),
];

const POSTES: [&str; 2] = [
    include_str!("../../examples/adaptations/poste-cc-vermeil-coordinateur.yaml"),
    include_str!("../../examples/adaptations/poste-cci-montverac-conseiller.yaml"),
];

/// Writes the corpus under `folder` (`profils/`, `adaptations/`, `postes/`)
/// and returns the number of files written.
pub fn generate(folder: &Path, mix: &Mix) -> usize {
    for sub in ["profils", "adaptations", "postes"] {
        std::fs::create_dir_all(folder.join(sub)).expect("corpus folder");
    }
    // Kind 0 is the coordinateur, kind 1 the conseiller, as in `PROFILES`.
    let profile_id = |kind: usize, i: usize| {
        let base = refnum::load::builtin::id_of(refnum::load::builtin::PROFILES[kind].0);
        format!("{base}-{i:05}")
    };
    for i in 0..mix.profils {
        let kind = i % 2;
        let text = profile(refnum::load::builtin::PROFILES[kind].1, &profile_id(kind, i), i);
        std::fs::write(folder.join("profils").join(format!("{}.yaml", profile_id(kind, i))), text).expect("write");
    }
    let adaptation_id = |kind: usize, j: usize| format!("{}-{j:05}", field(ADAPTATIONS[kind], "id"));
    for j in 0..mix.adaptations {
        let kind = j % 2;
        // The base: a national profile of the same kind, in turn.
        let same_kind: Vec<usize> = (0..mix.profils).filter(|i| i % 2 == kind).collect();
        let base = match same_kind.len() {
            0 => refnum::load::builtin::id_of(refnum::load::builtin::PROFILES[kind].0).to_owned(),
            len => profile_id(kind, same_kind[j / 2 % len]),
        };
        let text = ADAPTATIONS[kind]
            .replacen(&format!("id: {}", field(ADAPTATIONS[kind], "id")), &format!("id: {}", adaptation_id(kind, j)), 1)
            .replacen(
                &format!("  profil: {}", refnum::load::builtin::id_of(refnum::load::builtin::PROFILES[kind].0)),
                &format!("  profil: {base}"),
                1,
            )
            .replacen("\nintitule: ", &format!("\nintitule: (variante {j}) "), 1);
        std::fs::write(folder.join("adaptations").join(format!("{}.yaml", adaptation_id(kind, j))), text)
            .expect("write");
    }
    for k in 0..mix.postes {
        let kind = k % 2;
        let same_kind = (0..mix.adaptations).filter(|j| j % 2 == kind).count();
        let profil = match same_kind {
            0 => refnum::load::builtin::id_of(refnum::load::builtin::PROFILES[kind].0).to_owned(),
            len => adaptation_id(kind, (k / 2 % len) * 2 + kind),
        };
        let id = format!("{}-{k:05}", field(POSTES[kind], "id"));
        let text = POSTES[kind]
            .replacen(&format!("id: {}", field(POSTES[kind], "id")), &format!("id: {id}"), 1)
            .replacen(&format!("profil: {}", field(POSTES[kind], "profil")), &format!("profil: {profil}"), 1)
            .replacen("\nintitule: ", &format!("\nintitule: (poste {k}) "), 1);
        std::fs::write(folder.join("postes").join(format!("{id}.yaml")), text).expect("write");
    }
    mix.total()
}

/// The value of a top-level `key: value` line.
fn field<'a>(text: &'a str, key: &str) -> &'a str {
    let prefix = format!("{key}: ");
    text.lines().find_map(|l| l.strip_prefix(prefix.as_str())).expect("template field").trim()
}
