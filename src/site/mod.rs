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
mod ecarts;
mod pages;
mod search;
mod stage;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::adapt::{self, Resolved};
use crate::check::batch::{Input, check_all_with};
use crate::diagnostic::{FileReport, Severity};
use crate::error::Error;
use crate::load::builtin;
use crate::load::catalog;
use crate::load::set::SetIndex;
use crate::model::Document;
use crate::progress::Progress;
use crate::render::{PosteView, ProfilView, Templates};

pub use stage::MARKER;

use pages::{Groupe, Lien, Row, SiteView};
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
}

/// One document's part of the index and of the search.
struct Page {
    row: Row,
    search: Vec<Occurrence>,
    /// Pages written for it.
    written: usize,
}

/// What the checking pass keeps of each valid file.
enum Kept {
    /// A national profile, already rendered.
    Done(Box<Page>),
    /// An adaptation (id), rendered once its base is known.
    Adaptation(String),
    /// A post (id), rendered once its profile is known.
    Poste(String),
}

/// Work of the second pass.
enum Job {
    Adaptation(usize, String),
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
    let stage = stage::Stage::new(options.out)?;
    let site = |racine, page| SiteView { titre: options.titre.to_owned(), racine, page, fichiers: inputs.len() };
    let sub = site("../", "document");

    // First pass: every file checked; national profiles rendered on the way.
    let checked = check_all_with(
        inputs,
        |document| -> Result<Kept, Error> {
            match document {
                Document::Profil(p) => {
                    Ok(Kept::Done(Box::new(national(p, String::new(), &stage, options.templates, &sub)?)))
                }
                Document::Adaptation(a) => Ok(Kept::Adaptation(a.id.value.clone())),
                Document::Poste(p) => Ok(Kept::Poste(p.id.value.clone())),
            }
        },
        options.progress,
    )?;
    let mut reports = Vec::with_capacity(checked.len());
    let mut kept = Vec::with_capacity(checked.len());
    for c in checked {
        kept.push(c.kept);
        reports.push(c.report);
    }
    let errors = reports.iter().any(|r| r.count(Severity::Error) > 0);
    let warnings = reports.iter().any(|r| r.count(Severity::Warning) > 0);
    if errors || (options.deny_warnings && warnings) {
        return Err(Error::Invalid(reports.into_iter().filter(|r| !r.diagnostics.is_empty()).collect()));
    }
    let warnings: Vec<FileReport> = reports.into_iter().filter(|r| !r.diagnostics.is_empty()).collect();

    // Second pass: adaptations, posts and the built-in profiles the set does not replace.
    let mut done: Vec<Page> = Vec::new();
    let mut jobs = Vec::new();
    let mut profile_ids: Vec<(String, usize)> = Vec::new();
    let mut poste_names: HashSet<String> = HashSet::new();
    for (i, k) in kept.into_iter().enumerate() {
        match k {
            Some(Ok(Kept::Done(mut page))) => {
                page.row.fichier = inputs[i].name();
                profile_ids.push((page.row.id.clone(), i));
                done.push(*page);
            }
            Some(Ok(Kept::Adaptation(id))) => {
                profile_ids.push((id.clone(), i));
                jobs.push(Job::Adaptation(i, id));
            }
            Some(Ok(Kept::Poste(id))) => {
                let name = unique_name(&pages::file_name(&id), &mut poste_names);
                jobs.push(Job::Poste(i, name));
            }
            Some(Err(e)) => return Err(e),
            None => {}
        }
    }
    let set = SetIndex::new(inputs, profile_ids);
    for (b, (name, _)) in builtin::PROFILES.iter().enumerate() {
        if !set.contains(builtin::id_of(name)) {
            jobs.push(Job::Builtin(b));
        }
    }
    let mut with_page: HashSet<String> = done.iter().map(|p| p.row.id.clone()).collect();
    with_page.extend(jobs.iter().filter_map(|j| match j {
        Job::Adaptation(_, id) => Some(id.clone()),
        Job::Builtin(b) => Some(builtin::id_of(builtin::PROFILES[*b].0).to_owned()),
        Job::Poste(..) => None,
    }));
    options.progress.start("Pages", jobs.len());
    let context =
        Context { inputs, set: &set, stage: &stage, templates: options.templates, site: &sub, with_page: &with_page };
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
    let titles: std::collections::HashMap<String, (String, String)> = rows
        .iter()
        .filter(|r| r.groupe != Groupe::Poste)
        .map(|r| (r.id.clone(), (r.intitule.clone(), r.url.clone())))
        .collect();
    for row in &mut rows {
        row.base = row.base_id.as_ref().map(|id| match titles.get(id) {
            Some((titre, url)) => Lien { titre: titre.clone(), url: Some(url.clone()) },
            None => Lien { titre: id.clone(), url: None },
        });
    }
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
    let out = stage.commit()?;
    Ok(Built { out, pages: written, profils, adaptations, postes, warnings })
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

fn render<S: Serialize>(templates: &Templates, name: &str, context: &S) -> Result<Vec<u8>, Error> {
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

#[derive(Serialize)]
struct ReferentielContext<'a> {
    site: &'a SiteView,
    profil: &'a ProfilView,
    ecarts: Option<String>,
}

#[derive(Serialize)]
struct FicheContext<'a> {
    site: &'a SiteView,
    profil: &'a ProfilView,
    poste: &'a PosteView,
    profil_url: Option<String>,
}

#[derive(Serialize)]
struct EcartsContext<'a> {
    site: &'a SiteView,
    ecarts: ecarts::EcartsView,
}

/// Renders a national profile's page (the file name is filled in by the caller).
fn national(
    p: &crate::model::Profil,
    fichier: String,
    stage: &stage::Stage,
    templates: &Templates,
    site: &SiteView,
) -> Result<Page, Error> {
    let view = ProfilView::new(p);
    let url = pages::profil_page(&p.id.value);
    stage.write(
        &url,
        &render(templates, "site-referentiel.html", &ReferentielContext { site, profil: &view, ecarts: None })?,
    )?;
    Ok(Page { row: Row::profil(p, Groupe::Profil, fichier), search: search::of_profil(p, &url), written: 1 })
}

/// What the second pass needs.
struct Context<'a> {
    inputs: &'a [Input],
    set: &'a SetIndex<'a>,
    stage: &'a stage::Stage,
    templates: &'a Templates,
    site: &'a SiteView,
    /// Ids of the profiles that have a page.
    with_page: &'a HashSet<String>,
}

impl Context<'_> {
    fn lookup(&self) -> impl Fn(&str, &Input) -> Result<catalog::Found, Error> + '_ {
        |reference, from| self.set.lookup(reference, from)
    }

    fn page_of(&self, id: &str) -> Option<String> {
        self.with_page.contains(id).then(|| pages::profil_page(id))
    }

    fn render(&self, job: &Job) -> Result<Page, Error> {
        match job {
            Job::Builtin(b) => {
                let (name, text) = builtin::PROFILES[*b];
                let found = catalog::load(Input::Builtin { name, text })?;
                let Document::Profil(p) = found.document else {
                    return Err(Error::Usage(format!("{name} : profil intégré inattendu")));
                };
                national(&p, builtin::display_name(name), self.stage, self.templates, self.site)
            }
            Job::Adaptation(i, _) => self.adaptation(&self.inputs[*i]),
            Job::Poste(i, name) => self.poste(&self.inputs[*i], name),
        }
    }

    fn adaptation(&self, input: &Input) -> Result<Page, Error> {
        let lookup = self.lookup();
        let found = catalog::load(input.clone())?;
        let Document::Adaptation(overlay) = &found.document else {
            return Err(Error::Usage(format!("{} n'est plus une adaptation", input.name())));
        };
        let base = adapt::resolve(lookup(&overlay.extends.value.reference().value, input)?, &lookup)?;
        let merged = adapt::resolve(found, &lookup)?;
        let Some(provenance) = merged.provenance.as_ref() else {
            return Err(Error::Usage(format!("{} n'est plus une adaptation", input.name())));
        };
        let id = merged.profil.id.value.clone();
        let mut view = ProfilView::new(&merged.profil);
        view.adaptation = Some(crate::render::view::AdaptationView::new(provenance));
        let url = pages::profil_page(&id);
        let ecarts_url = pages::ecarts_page(&id);
        let context = ReferentielContext { site: self.site, profil: &view, ecarts: Some(ecarts_url.clone()) };
        self.stage.write(&url, &render(self.templates, "site-referentiel.html", &context)?)?;
        let diff = adapt::diff::diff(&base.profil, &merged.profil);
        let base_link =
            Lien { titre: base.profil.intitule.value.trim().to_owned(), url: self.page_of(&base.profil.id.value) };
        let view = ecarts::EcartsView::new(&base.profil, &base_link, &merged.profil, provenance, &diff);
        self.stage.write(
            &ecarts_url,
            &render(self.templates, "site-ecarts.html", &EcartsContext { site: self.site, ecarts: view })?,
        )?;
        Ok(Page {
            row: Row::adaptation(&merged.profil, &base.profil.id.value, &diff, input.name()),
            search: search::of_adaptation(&merged.profil, &provenance.changes, &url),
            written: 2,
        })
    }

    fn poste(&self, input: &Input, name: &str) -> Result<Page, Error> {
        let lookup = self.lookup();
        let found = catalog::load(input.clone())?;
        let Document::Poste(poste) = &found.document else {
            return Err(Error::Usage(format!("{} n'est plus une fiche de poste", input.name())));
        };
        let resolved: Resolved = adapt::resolve(lookup(&poste.profil.value, input)?, &lookup)?;
        let profil = &resolved.profil;
        let url = pages::poste_page(name);
        let profil_view = ProfilView::new(profil);
        let poste_view = PosteView::new(poste, profil);
        let context = FicheContext {
            site: self.site,
            profil: &profil_view,
            poste: &poste_view,
            profil_url: self.page_of(&profil.id.value),
        };
        self.stage.write(&url, &render(self.templates, "site-fiche.html", &context)?)?;
        let search = search::of_poste(poste, &poste_view.intitule, &url);
        Ok(Page { row: Row::poste(poste, profil, url, input.name()), search, written: 1 })
    }
}

/// The reference pair, from the set when it declares them, else built in.
fn comparison_pair(set: &SetIndex<'_>) -> Result<[Resolved; 2], Error> {
    // Seen from no file of the set: an id names a file of the set, else a built-in profile.
    let from = Input::Builtin { name: "(site)", text: "" };
    let lookup = |reference: &str, from: &Input| set.lookup(reference, from);
    let one = |id: &str| adapt::resolve(lookup(id, &from)?, &lookup);
    Ok([one(PAIR[0])?, one(PAIR[1])?])
}
