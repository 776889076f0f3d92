//! `refnum manpage`: the manual pages of refnum and of each command, from
//! the same command definition as the parser, with the sections clap does
//! not write (exit codes, examples, environment) in French.

use std::path::Path;

use roff::{Roff, bold, italic, roman};

use crate::cli::{ManpageArgs, subcommand};
use crate::error::Error;
use crate::{Outcome, exit};

pub fn run(args: &ManpageArgs) -> Result<Outcome, Error> {
    match &args.dossier {
        Some(dir) => write_all(dir),
        None => {
            let page = page(&args.commande)?;
            Ok(Outcome { stdout: page.into_bytes(), stderr: String::new(), code: exit::OK })
        }
    }
}

/// Every page: `refnum.1`, then `refnum-<commande>.1` for each command and
/// subcommand (`refnum-templates-export.1`).
fn write_all(dir: &Path) -> Result<Outcome, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for path in paths() {
        let file = dir.join(format!("{}.1", file_name(&path)));
        crate::output::write_atomic(&file, page(&path)?.as_bytes())?;
        written.push(file);
    }
    Ok(Outcome {
        stdout: Vec::new(),
        stderr: format!("{} pages de manuel écrites dans {}.\n", written.len(), dir.display()),
        code: exit::OK,
    })
}

/// The paths of names of every command, the root first, depth first.
pub fn paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
            path.push(sub.get_name().to_owned());
            walk(sub, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(&crate::cli::command(), &mut Vec::new(), &mut out);
    out
}

/// `refnum`, `refnum-fiche`, `refnum-templates-export`.
fn file_name(path: &[String]) -> String {
    std::iter::once("refnum").chain(path.iter().map(String::as_str)).collect::<Vec<_>>().join("-")
}

/// The page of the command a path of names leads to.
fn page(path: &[String]) -> Result<String, Error> {
    let (command, _) = subcommand(path).ok_or_else(|| {
        Error::Usage(format!("commande inconnue « {} » ; les commandes sont listées par `refnum help`", path.join(" ")))
    })?;
    let name = file_name(path);
    let command = command.display_name(&name).subcommand_help_heading("COMMANDES").version(env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(command.clone())
        .title(name.to_uppercase())
        .source(format!("refnum {}", env!("CARGO_PKG_VERSION")))
        .section("1")
        .manual("Manuel de refnum");
    let mut out = Vec::new();
    let failed = |e: std::io::Error| Error::Usage(format!("page de manuel impossible à produire : {e}"));
    man.render_title(&mut out).map_err(failed)?;
    man.render_name_section(&mut out).map_err(failed)?;
    man.render_synopsis_section(&mut out).map_err(failed)?;
    man.render_description_section(&mut out).map_err(failed)?;
    man.render_options_section(&mut out).map_err(failed)?;
    if command.has_subcommands() {
        man.render_subcommands_section(&mut out).map_err(failed)?;
    }
    out.extend(sections(path).render().into_bytes());
    man.render_version_section(&mut out).map_err(failed)?;
    // clap_mangen writes its section titles in English; French man pages say NOM.
    Ok(String::from_utf8_lossy(&out).replace(".SH NAME\n", ".SH NOM\n"))
}

/// CODES DE SORTIE, EXEMPLES, ENVIRONNEMENT and VOIR AUSSI.
fn sections(path: &[String]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["CODES DE SORTIE"]);
    for (code, meaning) in exit_codes(path) {
        roff.control("TP", []).text([bold(code)]).text([roman(meaning)]);
    }
    roff.control("SH", ["EXEMPLES"]);
    for (command, what) in examples(path) {
        roff.control("TP", []).text([bold(*command)]).text([roman(*what)]);
    }
    roff.control("SH", ["ENVIRONNEMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(*name)]).text([roman(*meaning)]);
    }
    roff.control("SH", ["VOIR AUSSI"]);
    let others: Vec<String> = if path.is_empty() {
        paths().into_iter().skip(1).map(|p| format!("{}(1)", file_name(&p))).collect()
    } else {
        vec!["refnum(1)".to_owned()]
    };
    roff.text([
        roman(others.join(", ")),
        roman(" ; le guide complet : "),
        italic("README.md"),
        roman(" et "),
        italic("docs/"),
    ]);
    roff
}

/// The exit codes of a command: the same three everywhere, 1 meaning what
/// the command finds wrong.
fn exit_codes(path: &[String]) -> Vec<(&'static str, &'static str)> {
    let invalid = match path.first().map(String::as_str) {
        Some("validate") => {
            "au moins une erreur, ou un avertissement avec --deny-warnings (les problèmes sont sur la sortie standard)"
        }
        Some("build") => "des erreurs, ou des avertissements avec --deny-warnings : le site n'est pas publié",
        Some("diff") => "avec --exit-code, les deux profils diffèrent",
        Some("list") => "au moins un fichier listé a des erreurs",
        Some("import") => "le tableau ne donne pas un profil valide",
        Some("positionnement") => {
            "une grille remplie a des erreurs (feuille, ligne et colonne sur la sortie d'erreur) : aucun rapport n'est écrit"
        }
        None => "la commande a trouvé des erreurs dans les fichiers (voir la page de chaque commande)",
        _ => "le fichier demandé a des erreurs (signalées sur la sortie d'erreur), ou un gabarit est invalide",
    };
    vec![
        ("0", "succès"),
        ("1", invalid),
        (
            "2",
            "la commande n'a pas pu s'exécuter : ligne de commande invalide, fichier introuvable ou illisible, écriture impossible",
        ),
    ]
}

/// Commands to copy, for each page.
fn examples(path: &[String]) -> &'static [(&'static str, &'static str)] {
    let first = path.first().map(String::as_str);
    match (first, path.get(1).map(String::as_str)) {
        (None, _) => &[
            ("refnum validate", "vérifie les profils du dossier profiles (ou les profils intégrés)"),
            (
                "refnum fiche postes/conseiller.yaml --format docx -o fiche.docx",
                "produit la fiche de poste au format Word",
            ),
            ("refnum help fiche", "affiche l'aide d'une commande"),
        ],
        (Some("validate"), _) => &[
            ("refnum validate", "vérifie les profils du dossier profiles, ou les profils intégrés"),
            (
                "refnum validate profiles postes --deny-warnings",
                "échoue aussi sur un avertissement, pour l'intégration continue",
            ),
            ("refnum validate --format sarif > refnum.sarif", "rapport SARIF pour GitHub code scanning"),
            ("cat poste.yaml | refnum validate -", "vérifie un texte reçu sur l'entrée standard"),
        ],
        (Some("list"), _) => &[
            ("refnum list", "liste les profils et les postes du dossier profiles"),
            ("refnum list --format json examples", "la même liste en JSON, pour un autre outil"),
        ],
        (Some("render"), _) => &[
            ("refnum render conseiller -o referentiel.html", "le référentiel du profil intégré en page HTML"),
            (
                "refnum render profiles/mon-profil.yaml --format markdown",
                "le référentiel en Markdown sur la sortie standard",
            ),
            (
                "cat profil.yaml | refnum render - --format markdown -o -",
                "lit le profil sur l'entrée standard, écrit sur la sortie standard",
            ),
        ],
        (Some("fiche"), _) => &[
            ("refnum fiche postes/conseiller.yaml -o fiche.html", "la fiche de poste en page HTML"),
            (
                "refnum fiche postes/conseiller.yaml --format docx --reference-docx modele.docx -o fiche.docx",
                "la fiche Word aux styles de la structure",
            ),
            ("refnum fiche coordinateur --format jsonld", "l'offre d'emploi schema.org d'un profil"),
            ("cat poste.yaml | refnum fiche - --format markdown", "lit le poste sur l'entrée standard"),
        ],
        (Some("grille"), _) => &[
            ("refnum grille poste.yaml -o grille.xlsx", "la grille à remplir dans Excel ou LibreOffice"),
            ("refnum grille conseiller --format docx -o grille.docx", "la grille à imprimer, en paysage"),
        ],
        (Some("positionnement"), _) => &[
            ("refnum positionnement camille.xlsx -o rapport.html", "le rapport d'écarts d'une personne"),
            (
                "refnum positionnement grilles/*.xlsx --pseudonymiser -o equipe.html",
                "la vue d'équipe, noms remplacés par des codes",
            ),
            ("refnum positionnement camille.yaml --format json", "un positionnement YAML, rapport en JSON"),
        ],
        (Some("entretien"), _) => &[
            (
                "refnum entretien postes/conseiller.yaml --format docx -o entretien.docx",
                "le guide d'un entretien de recrutement, au format Word",
            ),
            (
                "refnum entretien coordinateur --contexte entretien-annuel -o entretien.html",
                "le guide d'entretien annuel d'un profil, en page HTML imprimable",
            ),
        ],
        (Some("resolve"), _) => &[
            ("refnum resolve profiles/adaptation.yaml", "le profil complet d'une adaptation, en YAML"),
            (
                "refnum resolve profiles/adaptation.yaml --provenance --format json",
                "avec la provenance et le motif de chaque élément",
            ),
        ],
        (Some("diff"), _) => &[
            (
                "refnum diff conseiller profiles/adaptation.yaml",
                "ce qu'une adaptation change au profil national, avec ses motifs",
            ),
            ("refnum diff ancien.yaml nouveau.yaml --format markdown", "un commentaire de pull request"),
            ("refnum diff ancien.yaml nouveau.yaml --exit-code", "sort avec 1 quand les profils diffèrent"),
        ],
        (Some("build"), _) => &[
            ("refnum build -o site", "publie le site des profils du dossier profiles"),
            (
                "refnum build profiles postes -o public --titre \"Profils de la CCI\"",
                "publie un site titré, pour GitLab Pages",
            ),
        ],
        (Some("new"), _) => &[(
            "refnum new conseiller-cci-aveyron --extends conseiller -o profiles/conseiller-cci-aveyron.yaml",
            "une adaptation locale prête à remplir",
        )],
        (Some("schema"), _) => {
            &[("refnum schema poste > poste.schema.json", "le schéma JSON des fiches de poste, pour l'éditeur")]
        }
        (Some("templates"), _) => &[
            ("refnum templates export gabarits", "copie les gabarits par défaut dans le dossier gabarits"),
            ("refnum fiche poste.yaml --templates gabarits", "produit la fiche avec les gabarits modifiés"),
        ],
        (Some("export"), _) => &[
            ("refnum export conseiller -o conseiller.csv", "le profil en CSV, pour un tableur"),
            ("refnum export conseiller --format xlsx -o conseiller.xlsx", "un classeur Excel"),
            (
                "refnum export conseiller --format case -o conseiller.json",
                "un paquet CASE pour les outils de référentiels",
            ),
        ],
        (Some("import"), _) => &[(
            "refnum import competences.xlsx --id mon-profil --base conseiller -o profiles/mon-profil.yaml",
            "un profil construit d'un tableau",
        )],
        (Some("completions"), _) => &[(
            "refnum completions bash > ~/.local/share/bash-completion/completions/refnum",
            "la complétion pour bash",
        )],
        (Some("manpage"), _) => &[
            ("refnum manpage --dossier man/man1", "écrit toutes les pages ; `MANPATH=man man refnum-fiche` les lit"),
            ("refnum manpage fiche | man -l -", "affiche la page d'une commande"),
        ],
        (Some(_), _) => &[("refnum help", "la liste des commandes")],
    }
}

const ENVIRONMENT: &[(&str, &str)] = &[
    ("NO_COLOR", "défini et non vide : pas de couleurs (sauf --color always)"),
    ("TERM", "dumb : pas de couleurs (sauf --color always)"),
    (
        "GITHUB_STEP_SUMMARY",
        "fichier auquel validate --format github ajoute le résumé Markdown de tous les problèmes (GitHub Actions le définit)",
    ),
    (
        "REFNUM_DOCS_URL",
        "adresse de docs/diagnostics.md que validate --format sarif donne pour l'aide de chaque code (par défaut celle du dépôt)",
    ),
];
