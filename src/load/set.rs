//! The bases of a set of files: a base named by id is looked up among the
//! files of the set, then among the built-in profiles, and each one is read
//! and checked once however many adaptations and posts name it.
//!
//! Memory grows with the number of distinct bases, not with the number of
//! files: only a file some other file names is kept.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use super::builtin;
use super::catalog::{self, Found};
use super::discover::is_yaml;
use crate::check::batch::Input;
use crate::error::Error;

/// Bases by id among `inputs` (and the built-in profiles), loaded on first use.
pub struct SetIndex<'a> {
    inputs: &'a [Input],
    ids: HashMap<String, usize>,
    loaded: Vec<OnceLock<Found>>,
    builtins: [OnceLock<Found>; builtin::PROFILES.len()],
}

impl<'a> SetIndex<'a> {
    /// `ids` gives the profile id declared by input `i`; the first file
    /// declaring an id wins (a second one is an error reported elsewhere).
    pub fn new(inputs: &'a [Input], ids: impl IntoIterator<Item = (String, usize)>) -> SetIndex<'a> {
        let mut map = HashMap::new();
        for (id, i) in ids {
            map.entry(id).or_insert(i);
        }
        SetIndex {
            inputs,
            ids: map,
            loaded: (0..inputs.len()).map(|_| OnceLock::new()).collect(),
            builtins: std::array::from_fn(|_| OnceLock::new()),
        }
    }

    /// The input of the set that declares the profile `id`.
    pub fn input_of(&self, id: &str) -> Option<&'a Input> {
        self.ids.get(id).map(|&i| &self.inputs[i])
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
        if !is_yaml(Path::new(reference)) {
            if let Some(&i) = self.ids.get(reference)
                && self.inputs[i].name() != from.name()
            {
                return cached(&self.loaded[i], || self.inputs[i].clone());
            }
            if !self.ids.contains_key(reference)
                && let Some(b) = builtin::PROFILES.iter().position(|(name, _)| builtin::id_of(name) == reference)
            {
                let (name, text) = builtin::PROFILES[b];
                return cached(&self.builtins[b], || Input::Builtin { name, text });
            }
        }
        catalog::base_in_set(reference, from)
    }
}

/// The document of `slot`, loaded on first use. Two threads may both load
/// it the first time; one result is kept. Errors are not kept: the next
/// caller gets them again, in full.
fn cached(slot: &OnceLock<Found>, input: impl FnOnce() -> Input) -> Result<Found, Error> {
    if let Some(found) = slot.get() {
        return Ok(found.clone());
    }
    let found = catalog::load(input())?;
    Ok(slot.get_or_init(|| found).clone())
}
