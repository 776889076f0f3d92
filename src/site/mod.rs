//! `refnum build`: the static site of a whole repository of profiles,
//! adaptations and posts. Every file is checked first; national profiles
//! are rendered while they are checked, adaptations and posts once all
//! checks have passed, each in parallel. Pages go to a hidden folder that
//! replaces the destination only when everything is written.
//!
//! Memory holds one row of the index and the search entries of each
//! document, plus the bases that adaptations and posts name (each read
//! once); the documents themselves are dropped as soon as their pages are
//! written.

mod compare;
mod documents;
mod ecarts;
mod pages;
mod search;
mod stage;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::adapt::Resolved;
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::Input;
use crate::load::builtin;
use crate::model::Document;
use crate::progress::Progress;
use crate::render::Templates;
use crate::workspace::set::SetIndex;
use crate::workspace::{self, batch::check_all_indexed};

pub use stage::MARKER;

use pages::{Groupe, Row, SiteView};
use search::Occurrence;

/// The two profiles compared side by side: the reference pair.
const PAIR: [&str; 2] = ["coordinateur-referent-entreprise", "conseiller-referent-entreprise"];

/// How to build.
pub struct Options<'a> {
    pub out: &'a Path,
    pub titre: &'a str,
    pub templates: &'a Templates,
    /// Warnings stop the build, as errors do.
    pub deny_warnings: bool,
    pub progress: &'a dyn Progress,
}

/// What a build wrote.
#[derive(Debug)]
pub struct Built {
    pub out: PathBuf,
    pub pages: usize,
    pub profils: usize,
    pub adaptations: usize,
    pub postes: usize,
    /// Reports of the files with warnings (the build went on).
    pub warnings: Vec<FileReport>,
    /// Something to tell that did not stop the build.
    pub note: Option<String>,
}

/// One document's part of the index and of the search.
pub(super) struct Page {
    pub(super) row: Row,
    pub(super) search: Vec<Occurrence>,
    /// Pages written for it.
    pub(super) written: usize,
}

/// What the checking pass keeps of each valid file.
enum Kept {
    /// A national profile, already rendered.
    Done(Box<Page>),
    /// An adaptation (its id), rendered once its base is known; the index
    /// of the set holds it as read.
    Adaptation(String),
    /// A post (its id), rendered once its profile is known; the index of
    /// the set holds it as read, within its budget.
    Poste(String),
}

/// Work of the second pass.
pub(super) enum Job {
    Adaptation(usize),
    Poste(usize, String),
    Builtin(usize),
}

/// Checks `inputs`, then writes the site to `options.out`; with any error
/// (or warning, when denied) nothing is written and the reports are returned.
pub fn build(inputs: &[Input], options: &Options) -> Result<Built, Error> {
    let result = build_inner(inputs, options);
    options.progress.finish();
    result
}

fn build_inner(inputs: &[Input], options: &Options) -> Result<Built, Error> {
    let sources: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::Disk(path) => Some(path.clone()),
            Input::Builtin { .. } | Input::Stdin => None,
        })
        .chain(options.templates.folder().map(Path::to_path_buf))
        .collect();
    let stage = stage::Stage::new(options.out, &sources)?;
    let site = |racine, page| SiteView { titre: options.titre.to_owned(), racine, page, fichiers: inputs.len() };
    let sub = site("../", "document");

    // First pass: every file checked; national profiles rendered on the way.
    let (checked, set) = check_all_indexed(
        inputs,
        |document| -> Result<Kept, Error> {
            match document {
                Document::Profil(p) => {
                    Ok(Kept::Done(Box::new(documents::national(p, String::new(), &stage, options.templates, &sub)?)))
                }
                Document::Adaptation(a) => Ok(Kept::Adaptation(a.id.value.clone())),
                Document::Poste(p) => Ok(Kept::Poste(p.id.value.clone())),
            }
        },
        options.progress,
        true,
    )?;
    let mut reports = Vec::with_capacity(checked.len());
    let mut kept = Vec::with_capacity(checked.len());
    for c in checked {
        kept.push(c.kept);
        reports.push(c.report);
    }
    let errors = reports.iter().any(|r| r.count(Severity::Error) > 0);
    let warnings = reports.iter().any(|r| r.count(Severity::Warning) > 0);
    // Every report, so that the summary counts every file checked.
    if errors || (options.deny_warnings && warnings) {
        return Err(Error::Invalid(reports));
    }
    let warnings: Vec<FileReport> = if warnings { reports } else { Vec::new() };

    // Second pass: adaptations, posts and the built-in profiles the set does not replace.
    let mut done: Vec<Page> = Vec::new();
    let mut jobs = Vec::new();
    let mut poste_names: HashSet<String> = HashSet::new();
    let mut owners: Vec<(usize, String)> = Vec::new();
    for (i, k) in kept.into_iter().enumerate() {
        match k {
            Some(Ok(Kept::Done(mut page))) => {
                page.row.fichier = pages::shown(&inputs[i]);
                owners.push((i, page.row.id.clone()));
                done.push(*page);
            }
            Some(Ok(Kept::Adaptation(id))) => {
                owners.push((i, id));
                jobs.push(Job::Adaptation(i));
            }
            Some(Ok(Kept::Poste(id))) => {
                let name = unique_name(&pages::file_name(&id), &mut poste_names);
                jobs.push(Job::Poste(i, name));
            }
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    for (b, (name, _)) in builtin::PROFILES.iter().enumerate() {
        if !set.contains(builtin::id_of(name)) {
            jobs.push(Job::Builtin(b));
        }
    }
    // Which file each profile page shows, to link a base only to its own page.
    let mut with_page: HashMap<String, String> = HashMap::new();
    for (i, k) in &owners {
        with_page.insert(k.clone(), documents::identity(&inputs[*i]));
    }
    for job in &jobs {
        if let Job::Builtin(b) = job {
            let (name, text) = builtin::PROFILES[*b];
            with_page.insert(builtin::id_of(name).to_owned(), documents::identity(&Input::Builtin { name, text }));
        }
    }
    options.progress.start("Pages", jobs.len());
    let context = documents::Context {
        inputs,
        set: &set,
        stage: &stage,
        templates: options.templates,
        site: &sub,
        with_page: &with_page,
    };
    let later: Vec<Result<Page, Error>> = jobs
        .par_iter()
        .map(|job| {
            let page = context.render(job);
            options.progress.advance();
            page
        })
        .collect();
    for page in later {
        done.push(page?);
    }

    // The pages about the whole set.
    let mut rows: Vec<Row> = done.iter().map(|p| p.row.clone()).collect();
    rows.sort_by_key(Row::sort_key);
    let mut written: usize = done.iter().map(|p| p.written).sum();
    let occurrences: Vec<Occurrence> = done.into_iter().flat_map(|p| p.search).collect();
    let root = |page| site("", page);
    let group = |g: Groupe| rows.iter().filter(|r| r.groupe == g).collect::<Vec<_>>();
    let index = IndexContext {
        site: root("index"),
        profils: group(Groupe::Profil),
        adaptations: group(Groupe::Adaptation),
        postes: group(Groupe::Poste),
    };
    stage.write("index.html", &render(options.templates, "site-index.html", &index)?)?;
    let pair = comparison_pair(&set)?;
    let comparaison = compare::ComparaisonView::new(&pair[0].profil, &pair[1].profil);
    stage.write(
        "comparaison.html",
        &render(
            options.templates,
            "site-comparaison.html",
            &ComparaisonContext { site: root("comparaison"), comparaison },
        )?,
    )?;
    stage.write(
        "recherche.html",
        &render(options.templates, "site-recherche.html", &SiteOnly { site: root("recherche") })?,
    )?;
    stage.write("recherche-index.js", search::script(&rows, occurrences).as_bytes())?;
    let script = options.templates.render("recherche.js", ()).map_err(Error::Template)?;
    stage.write("recherche.js", script.as_bytes())?;
    let css = options.templates.render("style.css", ()).map_err(Error::Template)?
        + "\n"
        + &options.templates.render("site.css", ()).map_err(Error::Template)?;
    stage.write("style.css", css.as_bytes())?;
    written += 3;
    let count = |g| rows.iter().filter(|r| r.groupe == g).count();
    let (profils, adaptations, postes) = (count(Groupe::Profil), count(Groupe::Adaptation), count(Groupe::Poste));
    let (out, note) = stage.commit()?;
    Ok(Built { out, pages: written, profils, adaptations, postes, warnings, note })
}

/// `name`, or `name-2`, `name-3`… when already taken.
fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.to_owned();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{name}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

pub(super) fn render<S: Serialize>(templates: &Templates, name: &str, context: &S) -> Result<Vec<u8>, Error> {
    templates.render(name, context).map(String::into_bytes).map_err(Error::Template)
}

#[derive(Serialize)]
struct IndexContext<'a> {
    site: SiteView,
    profils: Vec<&'a Row>,
    adaptations: Vec<&'a Row>,
    postes: Vec<&'a Row>,
}

#[derive(Serialize)]
struct ComparaisonContext {
    site: SiteView,
    comparaison: compare::ComparaisonView,
}

#[derive(Serialize)]
struct SiteOnly {
    site: SiteView,
}

/// The reference pair, from the set when it declares them, else built in.
fn comparison_pair(set: &SetIndex<'_>) -> Result<[Resolved; 2], Error> {
    // Seen from no file of the set: an id names a file of the set, else a built-in profile.
    let from = Input::Builtin { name: "(site)", text: "" };
    let lookup = |reference: &str, from: &Input| set.lookup(reference, from);
    let one = |id: &str| workspace::resolve_checked(lookup(id, &from)?, &lookup);
    Ok([one(PAIR[0])?, one(PAIR[1])?])
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::unique_name;

    #[test]
    fn names_taken_get_a_number() {
        let mut taken = HashSet::new();
        assert_eq!(unique_name("poste", &mut taken), "poste");
        assert_eq!(unique_name("poste", &mut taken), "poste-2");
        assert_eq!(unique_name("poste", &mut taken), "poste-3");
        assert_eq!(unique_name("poste-2", &mut taken), "poste-2-2");
    }
}
