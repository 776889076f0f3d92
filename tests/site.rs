//! `refnum build`: the static site of a repository, as a user builds it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{ok, refnum, refnum_in, root, stderr};

/// Every file of a site, by path relative to its root, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let name = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn build(out: &Path, paths: &[&str]) -> std::process::Output {
    let mut args = vec!["build"];
    args.extend_from_slice(paths);
    args.extend(["--out", out.to_str().unwrap()]);
    refnum(&args)
}

fn text(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files.get(name).unwrap_or_else(|| panic!("{name} missing")).clone()).unwrap()
}

#[test]
fn the_repository_site_has_a_page_for_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = build(&out, &["profiles", "examples"]);
    ok(&o);
    assert!(stderr(&o).contains("2 profils, 2 adaptations, 4 fiches de poste ; 13 pages"), "{}", stderr(&o));
    let site = files(&out);
    let names: Vec<&str> = site.keys().map(String::as_str).collect();
    insta::assert_debug_snapshot!("site_files", names);
    let index = text(&site, "index.html");
    for expected in [
        "href=\"profils/conseiller-referent-entreprise.html\"",
        "href=\"profils/coordinateur-referent-entreprise-monts-du-vermeil.html\"",
        "href=\"ecarts/conseiller-referent-entreprise-cci-montverac.html\"",
        "href=\"postes/conseiller-referent-entreprise-cci-val-de-sarlanne.html\"",
        "examples/adaptations/cci-montverac-conseiller.yaml",
        "CCI du Val de Sarlanne (exemple fictif), Sarlanne",
    ] {
        assert!(index.replace("&#x2f;", "/").contains(expected), "index lacks {expected}");
    }
    insta::assert_snapshot!("site_index", index);
    insta::assert_snapshot!("site_ecarts", text(&site, "ecarts/conseiller-referent-entreprise-cci-montverac.html"));
    insta::assert_snapshot!("site_comparaison", text(&site, "comparaison.html"));
}

/// Every relative link of every page leads to a file of the site, and every
/// `#anchor` to an element of that page with this id.
#[test]
fn every_link_of_the_site_leads_somewhere() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples", "tests/fixtures/valid"]));
    let site = files(&out);
    let mut checked = 0;
    for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html")) {
        let page = String::from_utf8(bytes.clone()).unwrap();
        for attr in ["href=\"", "src=\""] {
            for raw in page.split(attr).skip(1).map(|rest| &rest[..rest.find('"').unwrap()]) {
                // As a browser reads the attribute: templates escape `/` and `&`.
                let link = raw.replace("&#x2f;", "/").replace("&amp;", "&");
                let link = link.as_str();
                if link.starts_with("http") || link.starts_with("mailto:") {
                    continue;
                }
                let (file, anchor) = link.split_once('#').unwrap_or((link, ""));
                let target = if file.is_empty() { name.clone() } else { resolve(name, file) };
                let target_text = text(&site, &target);
                if !anchor.is_empty() {
                    assert!(target_text.contains(&format!("id=\"{anchor}\"")), "{name}: {link} has no target");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

fn resolve(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn the_same_files_give_the_same_site_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(&build(&a, &["profiles", "examples", "tests/fixtures/valid"]));
    ok(&build(&b, &["profiles", "examples", "tests/fixtures/valid"]));
    assert_eq!(files(&a), files(&b));
}

#[test]
fn the_search_index_finds_competencies_missions_and_posts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    let script = std::fs::read_to_string(out.join("recherche-index.js")).unwrap();
    let json = script.split_once("window.REFNUM_RECHERCHE = ").unwrap().1.trim_end().trim_end_matches(';');
    let index: serde_json::Value = serde_json::from_str(json).unwrap();
    let docs = index["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 8, "2 profiles, 2 adaptations, 4 posts");
    let entries = index["entrees"].as_array().unwrap();
    let find = |title: &str| entries.iter().find(|e| e[0] == title).unwrap_or_else(|| panic!("{title} not indexed"));
    // A competency of a national profile, linked to its anchor.
    let diag = find("Conduire un diagnostic des usages numériques d'une entreprise");
    assert_eq!(diag[1], "Savoir-faire");
    let (doc, anchor) = (diag[3][0][0].as_u64().unwrap() as usize, diag[3][0][1].as_str().unwrap());
    assert_eq!(docs[doc][1], "profils/conseiller-referent-entreprise.html");
    assert_eq!(anchor, "SF-01");
    // A mission an adaptation adds.
    let added = find("Accompagner les entreprises saisonnières et les commerces ruraux dans leur présence en ligne");
    assert_eq!(added[1], "Mission");
    // A post.
    assert!(entries.iter().any(|e| e[1] == "Fiche de poste"));
    // The search page works without JavaScript: it points to the index.
    let page = std::fs::read_to_string(out.join("recherche.html")).unwrap();
    assert!(page.contains("<noscript>") && page.contains("href=\"index.html\""));
    assert!(!page.contains("http://") && !page.contains("https://"), "no external resource");
}

/// The search index as the search page reads it.
fn search_index(out: &Path) -> serde_json::Value {
    let script = std::fs::read_to_string(out.join("recherche-index.js")).unwrap();
    let json = script.split_once("window.REFNUM_RECHERCHE = ").unwrap().1.trim_end().trim_end_matches(';');
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_search_finds_ids_and_the_lines_of_conditions_each_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    let site = files(&out);
    let index = search_index(&out);
    let docs = index["docs"].as_array().unwrap();
    let entries = index["entrees"].as_array().unwrap();
    let url = |o: &serde_json::Value| {
        let doc = docs[o[0].as_u64().unwrap() as usize][1].as_str().unwrap();
        (doc.to_owned(), o[1].as_str().unwrap().to_owned())
    };
    // Every occurrence leads to an element of its page: the exact item.
    let mut anchors = 0;
    for e in entries {
        for o in e[3].as_array().unwrap() {
            let (page, anchor) = url(o);
            let html = text(&site, &page);
            if !anchor.is_empty() {
                anchors += 1;
                assert!(html.contains(&format!("id=\"{anchor}\"")), "{page}#{anchor} ({}) has no target", e[0]);
            }
        }
    }
    assert!(anchors > 100, "only {anchors} occurrences with an anchor");
    // An id is what the search matches for `M-01`: each mission M-01 is indexed under it.
    let m01: Vec<_> = entries
        .iter()
        .filter(|e| e[1] == "Mission" && e[3].as_array().unwrap().iter().any(|o| o[1] == "M-01"))
        .collect();
    assert!(m01.len() >= 2, "the M-01 of both reference profiles: {m01:?}");
    // « permis » is in the conditions d'exercice of profiles and posts, at their section.
    let permis: Vec<_> = entries.iter().filter(|e| e[0].as_str().unwrap().contains("permis")).collect();
    assert!(permis.iter().any(|e| e[1] == "Conditions d'exercice"), "{permis:?}");
    let places: Vec<(String, String)> = permis.iter().flat_map(|e| e[3].as_array().unwrap().iter().map(url)).collect();
    assert!(
        places.contains(&("profils/conseiller-referent-entreprise.html".into(), "conditions".into())),
        "{places:?}"
    );
    assert!(places.iter().any(|(page, anchor)| page.starts_with("postes/") && anchor == "conditions"), "{places:?}");
    // The profile's page shows the line the search found there.
    let profil = text(&site, "profils/conseiller-referent-entreprise.html");
    assert!(profil.contains("<h3 id=\"conditions\">") && profil.contains("permis B"), "conditions not shown");
    // A post's own mission leads to the post's missions.
    assert!(
        entries.iter().any(|e| e[1] == "Mission propre au poste"
            && e[3].as_array().unwrap().iter().all(|o| url(o).0.starts_with("postes/") && o[1] == "missions")),
        "a post's own missions lead to its missions"
    );
    // The script highlights and links: what the page shows is built from these.
    let script = text(&site, "recherche.js");
    assert!(script.contains("\"mark\"") && script.contains("lien.href = adresse(occurrences[0])"));
}

#[test]
fn the_ecarts_page_speaks_in_words_and_shows_added_items_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    let site = files(&out);
    // French typography folded out: no-break spaces read as spaces.
    let fold = |s: String| s.replace(['\u{a0}', '\u{202f}'], " ").replace('’', "'");
    let ecarts = fold(text(&site, "ecarts/conseiller-referent-entreprise-cci-montverac.html"));
    let referentiel = fold(text(&site, "profils/conseiller-referent-entreprise-cci-montverac.html"));
    for page in [&ecarts, &referentiel] {
        for key in ["activites", "libelle", "referentiels", "Autre rubrique"] {
            assert!(!page.contains(&format!(">{key}")) && !page.contains(&format!(" {key}<")), "{key} shown");
        }
    }
    assert!(ecarts.contains("<p class=\"champ\">Activités</p>") && ecarts.contains("<p class=\"champ\">Libellé</p>"));
    assert!(referentiel.contains("<td>activités</td>"), "the annex names fields in words");
    // Markdown is rendered, not shown.
    assert!(ecarts.contains("<code>refnum</code>") && !ecarts.contains("`refnum`"));
    // An added competency: its level (number and name) and its description.
    let row = ecarts.split("<span class=\"code\">S-14</span>").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("<span class=\"ajout\">Ajouté</span>"), "{row}");
    assert!(row.contains("Niveau attendu : 2 – Application"), "{row}");
    assert!(row.contains("Connaît le fonctionnement des filières touristiques"), "{row}");
    // An added mission: its activities.
    let row = ecarts.split("<span class=\"code\">M-07</span>").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(row.contains("Organiser avant chaque saison des sessions collectives"), "{row}");
    // A changed level, in words too.
    assert!(ecarts.contains("3 – Maîtrise") && ecarts.contains("4 – Expertise"));
}

#[test]
fn an_adaptation_names_its_base_at_the_top_of_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    let site = files(&out);
    for page in [
        "profils/conseiller-referent-entreprise-cci-montverac.html",
        "ecarts/conseiller-referent-entreprise-cci-montverac.html",
    ] {
        let html = text(&site, page).replace("&#x2f;", "/").replace(['\u{a0}', '\u{202f}'], " ");
        let header = html.split("</header>").next().unwrap();
        let base = header.split("<p class=\"adapte\">").nth(1).unwrap_or_else(|| panic!("{page}: no base at the top"));
        let base = base.split("</p>").next().unwrap();
        assert!(base.contains("href=\"../profils/conseiller-referent-entreprise.html\""), "{page}: {base}");
        assert!(base.contains("Conseiller·ère numérique référent·e entreprise</a>, version 1.2.0"), "{page}: {base}");
    }
    // A national profile adapts nothing.
    assert!(!text(&site, "profils/conseiller-referent-entreprise.html").contains("class=\"adapte\""));
}

#[test]
fn wide_tables_scroll_in_a_region_a_keyboard_can_reach() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    let site = files(&out);
    for (name, bytes) in site.iter().filter(|(n, _)| n.ends_with(".html") && !n.starts_with("postes/")) {
        let page = String::from_utf8(bytes.clone()).unwrap();
        let tables = page.matches("<table").count();
        let wrapped = page.matches("<div class=\"defilement\" role=\"region\" aria-label=\"").count();
        let focusable = page.matches("tabindex=\"0\">\n<table").count();
        // The small scale of levels fits any screen.
        let small = page.matches("<caption>Échelle des niveaux</caption>").count();
        assert_eq!(tables, wrapped + small, "{name}: a table outside a scrolling region");
        assert_eq!(wrapped, focusable, "{name}: a scrolling region out of the keyboard's reach");
    }
    let css = text(&site, "style.css");
    assert!(css.contains(".defilement { position: relative;") && css.contains("overflow-x: auto"));
    assert!(css.contains(".technique, .meta .technique { display: none; }"));
}

#[test]
fn an_invalid_file_stops_the_build_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nouveau").join("site");
    let bad = root().join("tests/fixtures/invalid/level-zero.yaml");
    let o = build(&out, &["profiles", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("level-zero.yaml:"), "{err}");
    assert!(err.contains("erreur"), "{err}");
    assert!(!dir.path().join("nouveau").exists(), "the missing parent folder is not left behind");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary folder left");
}

#[test]
fn a_failed_build_keeps_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    let before = files(&out);
    let bad = root().join("tests/fixtures/invalid/missing-key-finalite.yaml");
    let o = build(&out, &["profiles", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(files(&out), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder left");
}

#[test]
fn a_new_build_replaces_the_previous_site_entirely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles", "examples"]));
    assert!(out.join("postes/conseiller-referent-entreprise-cci-val-de-sarlanne.html").exists());
    ok(&build(&out, &["profiles"]));
    assert!(!out.join("postes/conseiller-referent-entreprise-cci-val-de-sarlanne.html").exists(), "stale page removed");
    assert!(out.join("profils/conseiller-referent-entreprise.html").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o755);
    }
}

#[test]
fn a_folder_of_other_files_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "à garder").unwrap();
    let o = build(dir.path(), &["profiles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ne viennent pas de refnum"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(), "à garder");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let file = dir.path().join("notes.txt");
    let o = build(&file, &["profiles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("n'est pas un dossier"), "{}", stderr(&o));
}

#[test]
fn warnings_are_shown_and_can_stop_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let warned = root().join("tests/fixtures/invalid/not-infinitive-activite.yaml");
    let out = dir.path().join("site");
    let o = build(&out, &[warned.to_str().unwrap()]);
    ok(&o);
    assert!(stderr(&o).contains("W003"), "{}", stderr(&o));
    assert!(out.join("profils/mediateur-numerique.html").exists());
    let out2 = dir.path().join("strict");
    let o = refnum(&["build", warned.to_str().unwrap(), "--out", out2.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out2.exists());
}

#[test]
fn a_broken_site_template_is_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("gabarits");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("site-index.html"), "{% extends \"site-base.html\" %}{{ inconnu.champ }}").unwrap();
    let out = dir.path().join("site");
    let o = refnum(&["build", "profiles", "--out", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("site-index.html"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn with_no_path_the_site_shows_the_built_in_profiles() {
    let dir = tempfile::tempdir().unwrap();
    let o = refnum_in(dir.path(), &["build", "--out", "site"]);
    ok(&o);
    let site = files(&dir.path().join("site"));
    assert!(site.contains_key("profils/conseiller-referent-entreprise.html"));
    assert!(site.contains_key("comparaison.html"));
    assert!(text(&site, "index.html").contains("(intégré)"));
}

/// Two posts with the same id each get their page, in the order of the files.
#[test]
fn posts_with_the_same_id_get_a_page_each() {
    let dir = tempfile::tempdir().unwrap();
    let poste = std::fs::read_to_string(root().join("examples/poste-conseiller-cci.yaml")).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &poste).unwrap();
    std::fs::write(dir.path().join("b.yaml"), &poste).unwrap();
    let out = dir.path().join("site");
    ok(&refnum_in(dir.path(), &["build", "a.yaml", "b.yaml", "--out", "site"]));
    let site = files(&out);
    assert!(site.contains_key("postes/conseiller-referent-entreprise-cci-val-de-sarlanne.html"));
    assert!(site.contains_key("postes/conseiller-referent-entreprise-cci-val-de-sarlanne-2.html"));
}

/// A site folder into which the files to publish were put is never
/// replaced: that would delete them.
#[test]
fn a_site_folder_holding_the_sources_or_other_files_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    ok(&build(&out, &["profiles"]));
    // Sources inside the previous site.
    let src = out.join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(root().join("examples/poste-conseiller-cci.yaml"), src.join("poste.yaml")).unwrap();
    let o = build(&out, &[src.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(src.join("poste.yaml").exists(), "the sources are still there");
    std::fs::remove_dir_all(&src).unwrap();
    // Any other file kept in the site folder.
    std::fs::write(out.join("CNAME"), "profils.example.org").unwrap();
    let o = build(&out, &["profiles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("CNAME"), "{}", stderr(&o));
    assert!(out.join("CNAME").exists());
    // The current folder, when it is the site folder.
    std::fs::remove_file(out.join("CNAME")).unwrap();
    let o = refnum_in(&out, &["build", root().join("profiles").to_str().unwrap(), "--out", "."]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(out.join("index.html").exists());
}

#[cfg(unix)]
#[test]
fn a_marker_that_is_a_link_proves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "à moi").unwrap();
    std::os::unix::fs::symlink("/etc/hostname", out.join(".refnum-site")).unwrap();
    let o = build(&out, &["profiles"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "à moi");
}

#[test]
fn the_work_folder_of_an_interrupted_build_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let leftover = dir.path().join(".site.refnum-abc123");
    std::fs::create_dir_all(leftover.join("profils")).unwrap();
    std::fs::write(leftover.join(".refnum-site"), "en cours").unwrap();
    let unrelated = dir.path().join(".site.refnum-notes");
    std::fs::create_dir(&unrelated).unwrap();
    ok(&build(&dir.path().join("site"), &["profiles"]));
    assert!(!leftover.exists());
    assert!(unrelated.exists(), "a folder without the marker is not ours");
}

/// A post may name its profile by a path outside the files published; when
/// that profile reuses the id of a profile of the site, the post must not be
/// linked to the other one's page.
#[test]
fn a_base_outside_the_site_is_never_linked_to_a_namesake() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("ailleurs");
    let published = dir.path().join("publie");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&published).unwrap();
    let coordinateur = std::fs::read_to_string(root().join("profiles/coordinateur-referent-entreprise.yaml")).unwrap();
    let copy = coordinateur.replacen("intitule: ", "intitule: Copie locale – ", 1);
    std::fs::write(outside.join("coord.yaml"), copy).unwrap();
    let poste =
        std::fs::read_to_string(root().join("examples/poste-coordinateur-communaute-de-communes.yaml")).unwrap();
    let poste = poste.replacen("profil: coordinateur-referent-entreprise", "profil: ../ailleurs/coord.yaml", 1);
    std::fs::write(published.join("poste.yaml"), poste).unwrap();
    let out = dir.path().join("site");
    ok(&refnum_in(dir.path(), &["build", "publie", "--out", "site"]));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Copie locale – Coordinateur"), "the post names its own profile");
    let page =
        std::fs::read_to_string(out.join("postes/coordinateur-referent-entreprise-cc-pays-d-ardelle.html")).unwrap();
    assert!(!page.contains("Profil de référence\u{A0}: <a"), "no link to the built-in namesake");
}

#[test]
fn a_post_built_on_another_post_is_refused_by_validate_and_build() {
    let dir = tempfile::tempdir().unwrap();
    let poste = std::fs::read_to_string(root().join("examples/poste-conseiller-cci.yaml")).unwrap();
    std::fs::write(dir.path().join("a.yaml"), &poste).unwrap();
    let other = poste.replacen("profil: conseiller-referent-entreprise", "profil: a.yaml", 1).replacen(
        "id: conseiller-referent-entreprise-cci-val-de-sarlanne",
        "id: autre-poste",
        1,
    );
    std::fs::write(dir.path().join("b.yaml"), other).unwrap();
    for args in [vec!["validate", "a.yaml", "b.yaml"], vec!["build", "a.yaml", "b.yaml", "--out", "site"]] {
        let o = refnum_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        let text = format!("{}{}", common::stdout(&o), stderr(&o));
        assert!(text.contains("E031") && text.contains("b.yaml:4:9"), "{text}");
    }
    assert!(!dir.path().join("site").exists());
}

/// The index and the page of changes agree on what an adaptation changes.
#[test]
fn an_adaptation_without_changes_says_so_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copie.yaml"),
        "type: profil\nid: conseiller-copie\nextends: conseiller-referent-entreprise\nversion: 1.1.0\nmise-a-jour: 2026-11-29\n",
    )
    .unwrap();
    ok(&refnum_in(dir.path(), &["build", "copie.yaml", "--out", "site"]));
    let index = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(index.contains("aucun écart"), "{index}");
    let page = std::fs::read_to_string(dir.path().join("site/ecarts/conseiller-copie.html")).unwrap();
    assert!(page.contains("sans rien y changer"));
}
