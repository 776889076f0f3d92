//! A set of files seen as a whole, the one entry point of `commands`,
//! `site` and `export` for reading documents: find a profile from what a
//! user types (`catalog`), check a set of files in parallel and then the
//! rules across them (`batch`), index the ids of a set and keep what was
//! read (`set`), resolve an adaptation onto its base (`resolve`).
//!
//! This layer runs `load`, `check` and `adapt` in the right order; none of
//! them imports it.

pub mod batch;
pub mod catalog;
pub mod resolve;
pub mod set;

pub use resolve::{Lookup, resolve, resolve_checked};
