//! `refnum new`: a ready adaptation file, commented in French, listing the
//! base's ids as hints. It validates as written.

use crate::model::{Categorie, Profil};

/// The text of a new adaptation `id` of `base`; `reference` is how the file
/// names its base (an id, or a path relative to the new file).
pub fn adaptation(id: &str, base: &Profil, reference: &str, today: &str) -> String {
    let mut out = String::new();
    let push = |out: &mut String, line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    push(
        &mut out,
        &format!("# Adaptation locale du profil « {} » (version {}).", base.intitule.value, base.version.value),
    );
    push(&mut out, "# Ce fichier ne contient que ce qui diffère du profil de base : tout ce");
    push(&mut out, "# qui n'y figure pas est repris tel quel. Vérifiez-le avec `refnum validate`,");
    push(&mut out, "# voyez le profil complet avec `refnum resolve` et les changements avec `refnum diff`.");
    push(&mut out, "# Complétion dans l'éditeur : `refnum schema adaptation > adaptation.schema.json`, puis");
    push(&mut out, "# une première ligne `# yaml-language-server: $schema=adaptation.schema.json`.");
    push(&mut out, "type: profil");
    push(&mut out, &format!("id: {id}"));
    push(&mut out, "# Le profil de base, et la plage de versions acceptée (^1.0 : toute version 1.x).");
    push(&mut out, "extends:");
    push(&mut out, &format!("  profil: {reference}"));
    // ^MAJOR.0 accepts every compatible version; before 1.0, only the same minor is.
    let parts: Vec<&str> = base.version.value.split(['.', '-', '+']).collect();
    let requirement = match parts.as_slice() {
        ["0", minor, ..] => format!("^0.{minor}"),
        [major, ..] => format!("^{major}.0"),
        [] => "*".to_owned(),
    };
    push(&mut out, &format!("  version: \"{requirement}\""));
    push(&mut out, "version: 0.1.0");
    push(&mut out, "statut: brouillon");
    push(&mut out, &format!("mise-a-jour: {today}"));
    push(&mut out, "");
    push(&mut out, "# Rubriques du profil : une rubrique donnée ici remplace celle du profil de base.");
    push(&mut out, &format!("# intitule: {}", base.intitule.value));
    push(&mut out, "# finalite: >");
    push(&mut out, "#   Raison d'être du poste dans votre territoire.");
    push(&mut out, "");
    push(&mut out, "# Missions : un identifiant connu modifie seulement les champs donnés ;");
    push(&mut out, "# un nouvel identifiant ajoute une mission complète (intitule et activites).");
    push(&mut out, "# Chaque changement peut porter un `motif`.");
    push(
        &mut out,
        &format!(
            "# Missions du profil de base : {}",
            base.missions.iter().map(|m| m.id.value.as_str()).collect::<Vec<_>>().join(", ")
        ),
    );
    push(&mut out, "missions: []");
    push(&mut out, "# Exemple, pour ajouter une mission : remplacez la ligne `missions: []` ci-dessus par :");
    push(&mut out, "# missions:");
    push(&mut out, "#   - id: M-07");
    push(&mut out, "#     intitule: Animer le réseau des commerçants du centre-ville");
    push(&mut out, "#     activites:");
    push(&mut out, "#       - Organiser une rencontre trimestrielle des commerçants");
    push(&mut out, "#     motif: Priorité du contrat de revitalisation du centre-bourg");
    push(&mut out, "");
    push(&mut out, "# Compétences, par catégorie, selon la même règle. Une compétence ajoutée");
    push(&mut out, "# donne libelle, niveau, missions et essentielle.");
    push(&mut out, "competences:");
    for cat in Categorie::ALL {
        let ids: Vec<&str> = base.competences.list(cat).iter().map(|c| c.id.value.as_str()).collect();
        push(&mut out, &format!("  # {} du profil de base : {}", cat.label(), ids.join(", ")));
        push(&mut out, &format!("  {}: []", cat.key()));
    }
    if let Some(example) = base.competences.savoir_faire.first() {
        push(&mut out, "  # Exemple, pour relever un niveau attendu : remplacez la ligne");
        push(&mut out, "  # `savoir-faire: []` ci-dessus par :");
        push(&mut out, "  #   savoir-faire:");
        push(&mut out, &format!("  #     - id: {}", example.id.value));
        push(&mut out, &format!("  #       niveau: {}", (*example.niveau + 1).min(base.scale().len() as i64)));
        push(&mut out, "  #       motif: Public d'entreprises plus avancé sur notre territoire");
    }
    push(&mut out, "");
    push(&mut out, "# Éléments du profil de base à retirer : un identifiant, ou { id, motif }.");
    push(&mut out, "# Une compétence marquée essentielle ne peut pas être retirée.");
    let optional: Vec<&str> =
        base.competences.iter().filter(|(_, c)| !*c.essentielle).map(|(_, c)| c.id.value.as_str()).collect();
    push(&mut out, &format!("# Compétences non essentielles : {}", optional.join(", ")));
    push(&mut out, "retirer: []");
    out
}
