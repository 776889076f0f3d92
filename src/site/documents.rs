//! The pages of single documents: the référentiel of each profile and
//! adaptation, the changes of each adaptation, the fiche of each post.

use std::collections::HashMap;

use serde::Serialize;

use super::pages::{self, Groupe, Lien, Row, SiteView};
use super::{Job, Page, ecarts, render, search, stage};
use crate::adapt::{self, Resolved};
use crate::error::Error;
use crate::load::Input;
use crate::load::builtin;
use crate::model::Document;
use crate::render::{PosteView, ProfilView, Templates};
use crate::workspace;
use crate::workspace::catalog;
use crate::workspace::set::SetIndex;

#[derive(Serialize)]
struct ReferentielContext<'a> {
    site: &'a SiteView,
    profil: &'a ProfilView,
    ecarts: Option<String>,
    /// The profile an adaptation adapts, named at the top of its page.
    base: Option<BaseView>,
}

/// The base of an adaptation: its title, its page when it has one, its version.
#[derive(Serialize)]
struct BaseView {
    titre: String,
    url: Option<String>,
    version: String,
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
pub(super) fn national(
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
        &render(
            templates,
            "site-referentiel.html",
            &ReferentielContext { site, profil: &view, ecarts: None, base: None },
        )?,
    )?;
    Ok(Page { row: Row::profil(p, Groupe::Profil, fichier), search: search::of_profil(p, &url), written: 1 })
}

/// What the second pass needs.
pub(super) struct Context<'a> {
    pub(super) inputs: &'a [Input],
    pub(super) set: &'a SetIndex<'a>,
    pub(super) stage: &'a stage::Stage,
    pub(super) templates: &'a Templates,
    pub(super) site: &'a SiteView,
    /// Ids of the profiles that have a page, with the file each page shows.
    pub(super) with_page: &'a HashMap<String, String>,
}

impl Context<'_> {
    fn lookup(&self) -> impl Fn(&str, &Input) -> Result<catalog::Found, Error> + '_ {
        |reference, from| self.set.lookup(reference, from)
    }

    /// A link to the base `found`, resolved into `profil`: to its page
    /// only when that page shows this very file (a base named by path may
    /// reuse the id of another profile of the site).
    fn link(&self, found_name: &str, profil: &crate::model::Profil) -> Lien {
        let id = &profil.id.value;
        let url = (self.with_page.get(id).map(String::as_str) == Some(found_name)).then(|| pages::profil_page(id));
        Lien { titre: profil.intitule.value.trim().to_owned(), url }
    }

    pub(super) fn render(&self, job: &Job) -> Result<Page, Error> {
        match job {
            Job::Builtin(b) => {
                let (name, text) = builtin::PROFILES[*b];
                let found = catalog::load(Input::Builtin { name, text })?;
                let Document::Profil(p) = found.document else {
                    return Err(Error::Usage(format!("{name} : profil intégré inattendu")));
                };
                national(&p, builtin::display_name(name), self.stage, self.templates, self.site)
            }
            Job::Adaptation(i) => self.adaptation(*i),
            Job::Poste(i, name) => self.poste(*i, name),
        }
    }

    fn adaptation(&self, i: usize) -> Result<Page, Error> {
        let lookup = self.lookup();
        let input = &self.inputs[i];
        let found = self.set.get(i)?;
        let Document::Adaptation(overlay) = &found.document else {
            return Err(Error::Usage(format!("{} n'est plus une adaptation", input.name())));
        };
        let base_found = lookup(&overlay.extends.value.reference().value, input)?;
        let base_name = identity(&base_found.input);
        let base = workspace::resolve_checked(base_found, &lookup)?;
        let merged = workspace::resolve_checked(found, &lookup)?;
        let Some(provenance) = merged.provenance.as_ref() else {
            return Err(Error::Usage(format!("{} n'est plus une adaptation", input.name())));
        };
        let id = merged.profil.id.value.clone();
        let mut view = ProfilView::new(&merged.profil);
        view.adaptation = Some(crate::render::view::AdaptationView::new(provenance));
        let url = pages::profil_page(&id);
        let ecarts_url = pages::ecarts_page(&id);
        let base_link = self.link(&base_name, &base.profil);
        let context = ReferentielContext {
            site: self.site,
            profil: &view,
            ecarts: Some(ecarts_url.clone()),
            base: Some(BaseView {
                titre: base_link.titre.clone(),
                url: base_link.url.clone(),
                version: base.profil.version.value.clone(),
            }),
        };
        self.stage.write(&url, &render(self.templates, "site-referentiel.html", &context)?)?;
        let diff = adapt::diff::diff(&base.profil, &merged.profil);
        let view = ecarts::EcartsView::new(&base.profil, &base_link, &merged.profil, provenance, &diff);
        self.stage.write(
            &ecarts_url,
            &render(self.templates, "site-ecarts.html", &EcartsContext { site: self.site, ecarts: view })?,
        )?;
        Ok(Page {
            row: Row::adaptation(&merged.profil, base_link, &diff, pages::shown(input)),
            search: search::of_adaptation(&merged.profil, &provenance.changes, &url),
            written: 2,
        })
    }

    fn poste(&self, i: usize, name: &str) -> Result<Page, Error> {
        let lookup = self.lookup();
        let input = &self.inputs[i];
        let found = self.set.get(i)?;
        let Document::Poste(poste) = &found.document else {
            return Err(Error::Usage(format!("{} n'est plus une fiche de poste", input.name())));
        };
        let profil_found = lookup(&poste.profil.value, input)?;
        let profil_name = identity(&profil_found.input);
        let resolved: Resolved = workspace::resolve_checked(profil_found, &lookup)?;
        let profil = &resolved.profil;
        let profil_link = self.link(&profil_name, profil);
        let url = pages::poste_page(name);
        let profil_view = ProfilView::new(profil);
        let poste_view = PosteView::new(poste, profil);
        let context = FicheContext {
            site: self.site,
            profil: &profil_view,
            poste: &poste_view,
            profil_url: profil_link.url.clone(),
        };
        self.stage.write(&url, &render(self.templates, "site-fiche.html", &context)?)?;
        let search = search::of_poste(poste, &poste_view.intitule, &url);
        Ok(Page {
            row: Row::poste(poste, profil_link, &poste_view.intitule, url, pages::shown(input)),
            search,
            written: 1,
        })
    }
}

/// What tells one file from another: its real path, or a built-in name.
pub(super) fn identity(input: &Input) -> String {
    match input {
        Input::Disk(path) => std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()).display().to_string(),
        Input::Builtin { name, .. } => builtin::display_name(name),
        Input::Stdin => crate::load::STDIN_NAME.to_owned(),
    }
}
