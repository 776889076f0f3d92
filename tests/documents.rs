//! Documents as people get them: every profile and example post rendered in
//! every format, snapshots of the text formats, the DOCX opened and read.

mod common;

use common::*;

use std::io::Read;
use std::path::Path;

use refnum::render::typo::{Ids, NBSP, NNBSP, french};

const PROFILS: [&str; 2] = ["conseiller-referent-entreprise", "coordinateur-referent-entreprise"];
const POSTES: [&str; 2] =
    ["examples/poste-conseiller-cci.yaml", "examples/poste-coordinateur-communaute-de-communes.yaml"];

fn slug(path: &str) -> String {
    Path::new(path).file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn referentiels_of_both_profiles() {
    for id in PROFILS {
        for (format, ext) in [("markdown", "md"), ("html", "html")] {
            let out = ok(&refnum(&["render", id, "--format", format]));
            insta::assert_snapshot!(format!("referentiel_{id}.{ext}"), out);
        }
    }
}

/// Spaces as typography may render them (no-break, narrow no-break) folded to plain spaces.
/// Text with French typography reduced to plain characters (no-break
/// spaces as spaces, plain apostrophe and hyphen), layout kept.
fn fold(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'").replace('\u{2011}', "-")
}

/// Text with French typography folded out (spaces of any kind dropped,
/// typographic apostrophe and no-break hyphen made plain), so that a source
/// text can be found in a rendered document.
fn plain(text: &str) -> String {
    text.replace("&#x27;", "'")
        .replace(['\u{a0}', '\u{202f}', ' ', '\n'], "")
        .replace('’', "'")
        .replace('\u{2011}', "-")
}

#[test]
fn every_competency_of_the_reference_profiles_has_criteria_shown_in_the_referentiel_only() {
    for id in PROFILS {
        let text = std::fs::read_to_string(root().join(format!("profiles/{id}.yaml"))).unwrap();
        let source = refnum::load::Source::from_bytes(format!("{id}.yaml"), text.as_bytes()).unwrap();
        let Some(refnum::model::Document::Profil(p)) = refnum::check::analyze(&source).document else {
            panic!("{id} is not a profile");
        };
        let referentiel = plain(&ok(&refnum(&["render", id, "--format", "markdown"])));
        let fiche = plain(&ok(&refnum(&["fiche", id, "--format", "markdown"])));
        assert!(referentiel.contains(&plain("Critères observables")));
        for (_, c) in p.competences.iter() {
            let n = c.criteres().len();
            assert!((1..=3).contains(&n), "{id} {}: {n} critère(s), 1 à 3 attendus", c.id.value);
            for critere in c.criteres() {
                let critere = plain(critere.value.trim());
                assert_ne!(critere.to_lowercase(), c.libelle.value.trim().to_lowercase(), "{id} {}", c.id.value);
                assert!(referentiel.contains(&critere), "{id} {}: « {critere} » absent du référentiel", c.id.value);
                assert!(
                    !fiche.contains(&critere),
                    "{id} {}: « {critere} » ne doit pas figurer dans la fiche",
                    c.id.value
                );
            }
        }
    }
}

#[test]
fn french_documents_name_digcomp_competences_in_french() {
    use refnum::model::referentiels::DIGCOMP;
    for id in PROFILS {
        for format in ["markdown", "html"] {
            let out = ok(&refnum(&["render", id, "--format", format]));
            // HTML escapes the apostrophe; compare on the unescaped text.
            let raw = out.replace(['\u{a0}', '\u{202f}'], " ");
            let out = plain(&out);
            let mut cited = 0;
            for c in &DIGCOMP {
                assert!(!out.contains(&plain(c.titre_en)), "{id} ({format}): English title of DigComp {}", c.code);
                if out.contains(&plain(&format!("DigComp 3.0 {} « {} »", c.code, c.titre_fr))) {
                    cited += 1;
                }
            }
            assert!(cited >= 5, "{id} ({format}): {cited} DigComp competences named in French");
            assert!(!raw.contains("DigComp 2.2 "), "{id} ({format}): no DigComp 2.2 label");
        }
    }
}

#[test]
fn fiches_of_the_example_posts_and_of_a_profile_alone() {
    for poste in POSTES {
        for (format, ext) in [("markdown", "md"), ("html", "html")] {
            let out = ok(&refnum(&["fiche", poste, "--format", format]));
            insta::assert_snapshot!(format!("fiche_{}.{ext}", slug(poste)), out);
        }
    }
    let out = ok(&refnum(&["fiche", "coordinateur", "--format", "markdown"]));
    assert!(out.contains("_à compléter_"));
    insta::assert_snapshot!("fiche_profil_seul.md", out);
    let out = ok(&refnum(&["fiche", "coordinateur", "--format", "html"]));
    insta::assert_snapshot!("fiche_profil_seul.html", out);
}

#[test]
fn the_fiche_follows_the_order_hr_staff_expect() {
    let out = fold(&ok(&refnum(&["fiche", POSTES[0], "--format", "markdown"])));
    let order = [
        "## Identification du poste",
        "## Finalité du poste",
        "## Missions et activités",
        "## Compétences requises",
        "## Conditions et contraintes d'exercice",
        "## Relations fonctionnelles",
        "## Moyens mis à disposition",
        "## Profil recherché",
        "## Indicateurs d'appréciation des résultats",
        "## Évolutions possibles",
        "## Dates et candidature",
    ];
    let positions: Vec<usize> = order.iter().map(|h| out.find(h).unwrap_or_else(|| panic!("missing {h}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(out.contains("(propre au poste)"), "the post's own missions are listed");
    let identification = &out[positions[0]..positions[1]];
    assert!(identification.contains("| Rattachement hiérarchique | Responsable du service Appui aux entreprises |"));
    assert!(
        identification.contains(
            "| Structure | CCI du Val de Sarlanne (exemple fictif) (<https://cci-val-de-sarlanne.example>) |"
        ),
        "{identification}"
    );
    assert!(!out.contains("## Annexe"), "no annex without --complet");
}

#[test]
fn a_post_replaces_its_profile_conditions_and_relations_without_repeating_them() {
    let out = fold(&ok(&refnum(&["fiche", POSTES[0], "--format", "markdown"])));
    assert!(out.contains("permis B indispensable"));
    assert!(!out.contains("permis B généralement requis"), "the profile's conditions are replaced");
    assert_eq!(out.matches("Obligation de neutralité").count(), 1, "the neutrality clause once");
    let externes = &out[out.find("### Relations externes").unwrap()..out.find("## Moyens").unwrap()];
    assert!(!externes.contains("Chambres consulaires"), "a CCI does not list the chambres as partners: {externes}");
    // Indicators complete the profile's: the profile's are all there.
    let profile = std::fs::read_to_string(root().join("profiles/conseiller-referent-entreprise.yaml")).unwrap();
    assert!(profile.contains("Nombre de diagnostics réalisés et remis aux entreprises."));
    assert!(out.contains("Nombre de diagnostics réalisés et remis aux entreprises."));
}

#[test]
fn the_example_posts_repeat_no_line_of_their_profile() {
    let mut args = vec!["validate", "--format", "json"];
    let posts = ["examples", "profiles"];
    args.extend(posts);
    let o = refnum(&args);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(!text.contains("W005"), "{text}");
    assert_eq!(o.status.code(), Some(0), "{text}");
}

#[test]
fn complet_adds_the_full_competency_tables() {
    let compact = fold(&ok(&refnum(&["fiche", POSTES[0], "--format", "markdown"])));
    let full = fold(&ok(&refnum(&["fiche", POSTES[0], "--format", "markdown", "--complet"])));
    // The same fiche up to the missions, which then show their ids.
    assert!(full.starts_with(&compact[..compact.find("## Missions et activités").unwrap()]));
    let end = |s: &str| {
        s[s.find("## Compétences requises").unwrap()..s.find("---\n\nFiche de poste produite").unwrap()].to_owned()
    };
    assert!(end(&full).starts_with(&end(&compact)), "the rest of the fiche is unchanged");
    let annex = &full[full.find("## Annexe : compétences détaillées").expect("annex")..];
    assert!(annex.contains("| Compétence | Niveau requis | Essentielle | Missions |"));
    assert!(annex.contains("| 3 – Maîtrise | oui | M-01, M-02 |"), "{annex}");
    let html = fold(&ok(&refnum(&["fiche", "conseiller", "--format", "html", "--complet"])));
    assert!(html.contains("<h2 id=\"annexe\">Annexe : compétences détaillées</h2>"));
    assert!(!fold(&ok(&refnum(&["fiche", "conseiller", "--format", "html"]))).contains("id=\"annexe\""));
}

#[test]
fn compact_competences_put_essentials_first_with_a_short_level() {
    let out = fold(&ok(&refnum(&["fiche", "conseiller", "--format", "markdown"])));
    let savoirs = &out[out.find("### Savoirs").unwrap()..out.find("### Savoir-faire").unwrap()];
    let items: Vec<&str> = savoirs.lines().filter(|l| l.starts_with("- ")).collect();
    assert!(items.len() >= 3, "{savoirs}");
    assert!(
        items.iter().all(|l| l.starts_with("- **") && l.ends_with(", essentielle)")),
        "essentials listed: {items:?}"
    );
    assert!(items[0].ends_with("(Maîtrise, essentielle)"), "{}", items[0]);
    // The others run in after the list, each with its short level.
    let others = savoirs.lines().find(|l| l.starts_with("_Également attendues :_ ")).expect("the other savoirs");
    assert!(others.contains(" (notions) ; ") || others.contains(" (application) ; "), "{others}");
    assert!(!others.contains("essentielle"), "{others}");
    let position = |l: &str| savoirs.find(l).unwrap();
    assert!(items.iter().all(|i| position(i) < position(others)), "essentials first");
}

#[test]
fn every_document_is_deterministic() {
    for args in [
        vec!["render", "conseiller", "--format", "html"],
        vec!["fiche", POSTES[1], "--format", "markdown"],
        vec!["fiche", POSTES[0], "--format", "docx"],
    ] {
        assert_eq!(refnum(&args).stdout, refnum(&args).stdout, "{args:?}");
    }
}

/// Reads one part of a DOCX package.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut text = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut text).unwrap();
    text
}

#[test]
fn the_docx_holds_every_competency_with_real_styles() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche.docx");
    let o = refnum(&["fiche", POSTES[0], "--format", "docx", "--complet", "-o", path.to_str().unwrap()]);
    ok(&o);
    let bytes = std::fs::read(&path).unwrap();
    let document = docx_part(&bytes, "word/document.xml");
    let styles = docx_part(&bytes, "word/styles.xml");
    let profile = std::fs::read_to_string(root().join("profiles/conseiller-referent-entreprise.yaml")).unwrap();
    let escape = |s: &str| {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\'', "&apos;").replace('"', "&quot;")
    };
    let mut count = 0;
    for line in profile.lines() {
        if let Some(libelle) = line.trim().strip_prefix("libelle: ") {
            let libelle = &french(libelle.trim_matches('"'), Ids::NoBreakHyphen);
            assert!(document.contains(&escape(libelle)) || document.contains(libelle), "missing competency {libelle}");
            count += 1;
        }
    }
    assert!(count >= 24, "{count}");
    assert!(document.contains(r#"<w:pStyle w:val="Heading1" />"#), "real heading styles");
    assert!(styles.contains(r#"w:styleId="Heading1""#));
    assert!(document.contains("<w:tblHeader />"), "competency tables repeat their header row");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4 page");
    let footer = docx_part(&bytes, "word/footer1.xml");
    assert!(footer.contains("PAGE"), "page numbers in the footer: {footer}");
    let header = docx_part(&bytes, "word/header1.xml");
    assert!(header.contains("CCI du Val de Sarlanne"), "the structure in the header");
}

/// The text outside tags, `<style>` and `<script>` of an HTML page.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let after = &rest[open..];
        let end = ["style", "script"]
            .iter()
            .find(|name| after.starts_with(&format!("<{name}")))
            .and_then(|name| after.find(&format!("</{name}>")))
            .unwrap_or(0);
        rest = after[end..].find('>').map_or("", |g| &after[end + g + 1..]);
        text.push(' ');
    }
    text.push_str(rest);
    text
}

#[test]
fn documents_follow_french_typography() {
    for poste in POSTES {
        let html = html_text(&ok(&refnum(&["fiche", poste, "--format", "html"])));
        let md = ok(&refnum(&["fiche", poste, "--format", "markdown"]));
        for (format, text) in [("html", &html), ("markdown", &md)] {
            assert!(text.contains(&format!("{NNBSP};")), "{poste} {format}: a narrow no-break space before ;");
            assert!(text.contains(&format!("{NBSP}:")), "{poste} {format}: a no-break space before :");
            assert!(text.contains('’'), "{poste} {format}: typographic apostrophes");
            for bad in [" ;", " :", " !", " ?", "« ", " »", "'"] {
                let at = text.find(bad).map(|i| &text[i.saturating_sub(40)..(i + 40).min(text.len())]);
                assert!(
                    at.is_none(),
                    "{poste} {format}: `{bad}` with an ordinary space or straight apostrophe in {at:?}"
                );
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fiche.docx");
    ok(&refnum(&["fiche", POSTES[0], "--format", "docx", "-o", path.to_str().unwrap()]));
    let document = docx_part(&std::fs::read(&path).unwrap(), "word/document.xml");
    assert!(document.contains(&format!("rural{NNBSP}; permis B")), "DOCX runs follow the rules too");
    assert!(!document.contains(" ;") && !document.contains("&apos;"), "no ordinary space before ; in the DOCX");
    // The mission ids of the référentiel in Markdown never break.
    let md = ok(&refnum(&["render", "conseiller", "--format", "markdown"]));
    assert!(md.contains("M\u{2011}01") && !md.contains("M-01"), "no-break hyphens in ids");
}

#[test]
fn the_matrix_reads_on_paper_with_groups_and_a_legend() {
    let html = ok(&refnum(&["render", "conseiller", "--format", "html"]));
    let matrix = &html[html.find("<table class=\"matrice\">").unwrap()..];
    let matrix = &matrix[..matrix.find("</section>").unwrap()];
    let groups: Vec<usize> = ["Savoirs", "Savoir-faire", "Savoir-être"]
        .iter()
        .map(|g| matrix.find(&format!("<th scope=\"rowgroup\" colspan=\"7\">{g}</th>")).expect(g))
        .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "groups in order: {groups:?}");
    assert_eq!(matrix.matches("<tbody>").count(), 3, "one row group per category");
    let legend = &matrix[matrix.find("<dl class=\"legende\">").expect("a legend under the matrix")..];
    for (id, title) in
        [("M-01", "Réaliser le diagnostic des usages numériques de l’entreprise"), ("M-06", "Travailler")]
    {
        assert!(
            legend.contains(&format!("<dt><a class=\"code\" href=\"#{id}\">{id}</a></dt><dd>{title}")),
            "{id} in the legend"
        );
    }
    assert!(html.contains(".code {") && html.contains("white-space: nowrap"), "ids kept on one line by CSS");

    let md = ok(&refnum(&["render", "conseiller", "--format", "markdown"]));
    assert!(md.contains("| **Savoir-faire** | | | | | | |"), "a group row in the Markdown matrix");
    assert!(md.contains("- M\u{2011}06\u{A0}: Travailler en réseau"), "the legend in Markdown");
}

#[test]
fn html_is_self_contained_and_escapes_hostile_text() {
    let dir = tempfile::tempdir().unwrap();
    let profile = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
    let hostile =
        profile.replacen("finalite:", "finalite: \"<script>alert(1)</script> # titre | a * b\"\nancienne-finalite:", 1);
    let hostile = hostile.replace("ancienne-finalite:", "contexte:");
    let path = dir.path().join("hostile.yaml");
    std::fs::write(&path, hostile).unwrap();
    let check = refnum(&["validate", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    let html = ok(&refnum(&["render", path.to_str().unwrap(), "--format", "html"]));
    assert!(!html.contains("<script>"), "raw HTML never passes through");
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    for external in ["<link", "src=\"http", "@import", "<script"] {
        assert!(!html.contains(external), "external resource or script: {external}");
    }
    let md = ok(&refnum(&["render", path.to_str().unwrap(), "--format", "markdown"]));
    assert!(!md.contains("<script>"));
    assert!(!md.lines().any(|l| l.starts_with("# titre")), "a # in a text never becomes a heading");
}

#[test]
fn labels_with_markdown_characters_do_not_break_tables() {
    let dir = tempfile::tempdir().unwrap();
    let profile = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
    let first_label = profile.lines().find_map(|l| l.trim().strip_prefix("libelle: ")).unwrap().to_owned();
    let tricky =
        profile.replacen(&format!("libelle: {first_label}"), "libelle: \"Outils | tableurs * macros # _base_\"", 1);
    let path = dir.path().join("tricky.yaml");
    std::fs::write(&path, tricky).unwrap();
    let md = ok(&refnum(&["fiche", path.to_str().unwrap(), "--format", "markdown", "--complet"]));
    let item = md.lines().find(|l| l.starts_with("- ") && l.contains("Outils")).unwrap();
    assert!(item.contains("Outils \\| tableurs \\* macros \\# \\_base\\_"), "{item}");
    let row = md.lines().find(|l| l.starts_with("| Outils")).unwrap();
    assert!(row.starts_with("| Outils \\| tableurs \\* macros \\# \\_base\\_"), "{row}");
    let unescaped_pipes = row.char_indices().filter(|(i, c)| *c == '|' && !row[..*i].ends_with('\\')).count();
    assert_eq!(unescaped_pipes, 5, "four cells: {row}");
}

#[test]
fn templates_can_be_exported_and_overridden_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("gabarits");
    let o = refnum(&["templates", "export", exported.to_str().unwrap()]);
    ok(&o);
    for name in [
        "base.html",
        "style.css",
        "referentiel.html",
        "referentiel.md",
        "fiche.html",
        "fiche.md",
        "commun.md",
        "README.md",
    ] {
        assert!(exported.join(name).is_file(), "{name}");
    }
    // Exporting again refuses to overwrite without --force.
    let again = refnum(&["templates", "export", exported.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    ok(&refnum(&["templates", "export", "--force", exported.to_str().unwrap()]));

    // Override a single template; the others keep their defaults.
    let custom = dir.path().join("perso");
    std::fs::create_dir(&custom).unwrap();
    std::fs::write(custom.join("referentiel.md"), "# {{ profil.intitule }} chez nous\n").unwrap();
    let md = ok(&refnum(&["render", "conseiller", "--format", "markdown", "--templates", custom.to_str().unwrap()]));
    assert_eq!(md, "# Conseiller·ère numérique référent·e entreprise chez nous\n");
    let html = ok(&refnum(&["render", "conseiller", "--format", "html", "--templates", custom.to_str().unwrap()]));
    assert!(html.contains("<h1>Conseiller·ère numérique référent·e entreprise</h1>"));
}

#[test]
fn a_broken_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fiche.md"), "# Fiche\n\n{{ poste.intitule }}\n{{ poste.inconnu }}\n").unwrap();
    std::fs::write(dir.path().join("referentiel.md"), "# Réf\n{% for x in %}\n").unwrap();
    let o = refnum(&["fiche", "conseiller", "--format", "markdown", "--templates", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("fiche.md, ligne 4 : variable ou attribut inconnu"), "{err}");
    let o = refnum(&["render", "conseiller", "--format", "markdown", "--templates", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("referentiel.md, ligne 2 : syntaxe invalide"), "{err}");
}

#[test]
fn unknown_or_ambiguous_profiles_are_failures_to_run() {
    let o = refnum(&["render", "conseiler"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("vouliez-vous dire `conseiller-referent-entreprise`"));
    let o = refnum(&["render", "c"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("est ambigu"));
    let o = refnum(&["render", "absent.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("absent.yaml : fichier ou dossier introuvable"));
}

#[test]
fn an_invalid_profile_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fiche.html");
    let o = refnum(&["fiche", "tests/cases/semantique.yaml", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("erreur[E020]"));
    assert!(!out.exists());
}

#[test]
fn an_unwritable_output_is_a_failure_to_run_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("absent/fiche.html");
    let o = refnum(&["fiche", "conseiller", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("introuvable"));
    let o = refnum(&["fiche", "conseiller", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("est un dossier"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file left behind");
}

#[test]
fn output_goes_to_the_file_atomically_with_a_french_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let o = refnum_in(dir.path(), &["fiche", "conseiller", "--format", "html", "-o", "fiche.html"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&o.stderr), "Fiche de poste écrite dans fiche.html.\n");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["fiche.html"]);
}

#[test]
fn a_post_pointing_at_a_profile_by_path_is_rendered() {
    let o = refnum(&["fiche", "tests/fixtures/valid/poste-minimal-chemin.yaml", "--format", "markdown"]);
    ok(&o);
}

#[test]
fn docx_is_never_written_to_a_terminal() {
    let cli = refnum::cli::parse(["refnum", "fiche", "conseiller", "--format", "docx"]).unwrap();
    let outcome = refnum::run(
        cli,
        refnum::Terminal { color: false, stderr_color: false, stdout_is_terminal: true },
        &refnum::progress::Silent,
    );
    assert_eq!(outcome.code, 2);
    assert!(outcome.stdout.is_empty());
    assert!(outcome.stderr.contains("indiquez un fichier avec -o"), "{}", outcome.stderr);
    // Piped, the same command writes the document.
    let piped = refnum(&["fiche", "conseiller", "--format", "docx"]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK"), "a zip package");
}

/// Every example file: a post gets its fiche in every format, an adaptation
/// its référentiel (with the appendix of local changes).
#[test]
fn every_example_is_rendered() {
    let files = refnum::load::discover::discover(&[root().join("examples")]).unwrap();
    let mut postes = 0;
    let mut adaptations = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let path = file.to_str().unwrap();
        if text.lines().any(|l| l == "type: poste") {
            for format in ["markdown", "html", "docx"] {
                let o = refnum(&["fiche", path, "--format", format]);
                assert_eq!(o.status.code(), Some(0), "{path} {format}: {}", stderr(&o));
                assert!(!o.stdout.is_empty());
            }
            postes += 1;
        } else if text.lines().any(|l| l.starts_with("extends:")) {
            let md = ok(&refnum(&["render", path, "--format", "markdown"]));
            assert!(md.contains("## Annexe\u{A0}: adaptations locales"), "{path}");
            ok(&refnum(&["render", path, "--format", "html"]));
            adaptations += 1;
        }
    }
    assert!(postes >= 4 && adaptations >= 2, "{postes} postes, {adaptations} adaptations");
    let md = ok(&refnum(&["render", "examples/adaptations/cci-montverac-conseiller.yaml", "--format", "markdown"]));
    insta::assert_snapshot!("referentiel_adaptation_cci_montverac.md", md);
}

#[cfg(unix)]
#[test]
fn output_through_a_link_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vraie.html"), "ancienne").unwrap();
    std::os::unix::fs::symlink("vraie.html", dir.path().join("lien.html")).unwrap();
    ok(&refnum_in(dir.path(), &["fiche", "conseiller", "-o", "lien.html"]));
    assert!(std::fs::symlink_metadata(dir.path().join("lien.html")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("vraie.html")).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_missing_templates_folder_is_a_failure_to_run() {
    let o = refnum(&["fiche", "conseiller", "--templates", "dossier-absent"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("dossier de gabarits introuvable"));
}

#[test]
fn a_fiche_of_a_minimal_profile_marks_empty_sections_to_complete() {
    let md = ok(&refnum(&["fiche", "tests/fixtures/valid/profil-minimal.yaml", "--format", "markdown"]));
    assert!(md.contains("Relations _à compléter_."), "{md}");
    assert!(md.contains("Conditions _à compléter_."));
    assert!(!md.contains("\n\n\n"), "no empty section leaves a double blank line");
}

#[test]
fn fiche_warns_of_a_line_the_post_repeats_from_its_profile() {
    let dir = tempfile::tempdir().unwrap();
    let poste = "type: poste\nid: essai\nprofil: conseiller-referent-entreprise\nstructure:\n  nom: Structure fictive\nlocalisation:\n  ville: Millau\nindicateurs:\n  - Nombre de diagnostics réalisés et remis aux entreprises.\nmise-a-jour: 2026-11-29\n";
    std::fs::write(dir.path().join("p.yaml"), poste).unwrap();
    let out = refnum_in(dir.path(), &["fiche", "p.yaml", "-o", "f.md"]);
    assert_eq!(out.status.code(), Some(0), "a warning does not stop the fiche");
    let err = stderr(&out);
    assert!(err.contains("avertissement[W005]") && err.contains("p.yaml:9:5"), "{err}");
    assert!(err.contains("Fiche de poste écrite dans f.md."), "{err}");
    assert!(!err.contains("fichier vérifié"), "no summary line of validate: {err}");
}

#[test]
fn with_the_annex_missions_show_the_ids_its_tables_cite() {
    let full = fold(&ok(&refnum(&["fiche", "conseiller", "--format", "markdown", "--complet"])));
    assert!(full.contains("**M-01 Réaliser le diagnostic"), "mission ids shown with the annex");
    let compact = fold(&ok(&refnum(&["fiche", "conseiller", "--format", "markdown"])));
    assert!(!compact.contains("**M-01 "), "no ids without it");
    let html = ok(&refnum(&["fiche", "conseiller", "--format", "html", "--complet"]));
    assert!(html.contains("<td><span class=\"code\">M-01</span>"), "ids never broken in the annex tables");
}
