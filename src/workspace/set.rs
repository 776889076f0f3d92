//! The documents of a set of files, for the rules and pages that need more
//! than one file: a base named by id is looked up among the files of the
//! set, then among the built-in profiles.
//!
//! Documents already read are kept, so that an adaptation or a post is not
//! parsed twice and a base (named by id, or by a path to a file of the set)
//! is parsed once however many files name it, but
//! only up to budgets of source text (`BASES`, `KEPT`): past them, a
//! document is read again when needed. Memory is thus bounded whatever the
//! size of the repository, and a repository within the budgets is never
//! parsed twice. Bases have their own, larger budget: each is named by many
//! files, so reading one again costs the most.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::catalog::{self, Found};
use crate::error::Error;
use crate::load::Input;
use crate::load::builtin;
use crate::load::discover::is_yaml;

/// Source text, in bytes, of the bases kept at most (their models take
/// about seven times as much memory).
pub const BASES: usize = 24 << 20;

/// Source text, in bytes, of the other documents kept at most.
pub const KEPT: usize = 8 << 20;

/// Bases by id among `inputs` (and the built-in profiles), and the
/// documents of the set already read.
pub struct SetIndex<'a> {
    inputs: &'a [Input],
    ids: HashMap<String, usize>,
    /// Inputs by real path, made on the first base named by a path.
    paths: OnceLock<HashMap<PathBuf, usize>>,
    loaded: Vec<OnceLock<Found>>,
    builtins: [OnceLock<Found>; builtin::PROFILES.len()],
    /// What is left of `BASES` and of `KEPT`.
    bases_left: AtomicUsize,
    kept_left: AtomicUsize,
}

impl<'a> SetIndex<'a> {
    /// An index of `inputs` that knows no id yet (see `index`).
    pub fn new(inputs: &'a [Input]) -> SetIndex<'a> {
        SetIndex {
            inputs,
            ids: HashMap::new(),
            paths: OnceLock::new(),
            loaded: (0..inputs.len()).map(|_| OnceLock::new()).collect(),
            builtins: std::array::from_fn(|_| OnceLock::new()),
            bases_left: AtomicUsize::new(BASES),
            kept_left: AtomicUsize::new(KEPT),
        }
    }

    /// `ids` gives the profile id declared by input `i`; the first file
    /// declaring an id wins (a second one is an error reported elsewhere).
    pub fn index(&mut self, ids: impl IntoIterator<Item = (String, usize)>) {
        for (id, i) in ids {
            self.ids.entry(id).or_insert(i);
        }
    }

    /// Offers the document of input `i`, already read; it is kept if the
    /// budget allows.
    pub fn offer(&self, i: usize, found: Found) {
        if let Some(slot) = self.loaded.get(i)
            && spend(&self.kept_left, &found)
        {
            let _ = slot.set(found);
        }
    }

    /// The document of input `i`: kept, else read again.
    pub fn get(&self, i: usize) -> Result<Found, Error> {
        self.cached(&self.loaded[i], || self.inputs[i].clone(), &self.kept_left)
    }

    /// Whether some file of the set declares the profile `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.ids.contains_key(id)
    }

    /// The base `reference` names, seen from the file `from`: a path
    /// relative to that file, else an id of the set, else a built-in
    /// profile. A file is never its own base, even when it reuses the id of
    /// its base.
    pub fn lookup(&self, reference: &str, from: &Input) -> Result<Found, Error> {
        if is_yaml(Path::new(reference)) {
            // A path to a file of the set: that file, read once.
            if let Some(folder) = from.folder() {
                let target = folder.join(reference);
                if let Some(&i) = std::fs::canonicalize(&target).ok().and_then(|real| self.by_path().get(&real))
                    && self.inputs[i].name() != from.name()
                {
                    return self.cached(&self.loaded[i], || self.inputs[i].clone(), &self.bases_left);
                }
            }
        } else {
            if let Some(&i) = self.ids.get(reference)
                && self.inputs[i].name() != from.name()
            {
                return self.cached(&self.loaded[i], || self.inputs[i].clone(), &self.bases_left);
            }
            if !self.ids.contains_key(reference)
                && let Some(b) = builtin::PROFILES.iter().position(|(name, _)| builtin::id_of(name) == reference)
            {
                let (name, text) = builtin::PROFILES[b];
                return self.cached(&self.builtins[b], || Input::Builtin { name, text }, &self.bases_left);
            }
        }
        catalog::base_in_set(reference, from)
    }

    fn by_path(&self) -> &HashMap<PathBuf, usize> {
        self.paths.get_or_init(|| {
            let mut map = HashMap::new();
            for (i, input) in self.inputs.iter().enumerate() {
                if let Input::Disk(path) = input
                    && let Ok(real) = std::fs::canonicalize(path)
                {
                    map.entry(real).or_insert(i);
                }
            }
            map
        })
    }

    /// The document of `slot`, read on first use and kept if the budget
    /// allows. Two threads may both read it the first time; one copy is
    /// kept. Errors are not kept: the next caller gets them again, in full.
    fn cached(
        &self,
        slot: &OnceLock<Found>,
        input: impl FnOnce() -> Input,
        left: &AtomicUsize,
    ) -> Result<Found, Error> {
        if let Some(found) = slot.get() {
            return Ok(found.clone());
        }
        let found = catalog::load(input())?;
        if slot.get().is_none() && spend(left, &found) {
            let _ = slot.set(found.clone());
        }
        Ok(found)
    }
}

/// Takes the size of a document's text from a budget, if it fits.
fn spend(left: &AtomicUsize, found: &Found) -> bool {
    let size = found.source.as_ref().map_or(0, |s| s.len());
    left.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| left.checked_sub(size)).is_ok()
}
