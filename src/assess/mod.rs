//! Assessment: the positioning grid of a profile (to fill in Excel, Word or
//! on paper), filled grids read back and checked against the profile they
//! name, and the gap reports drawn from them (one person, or a team).
//!
//! Filled grids are personal data: they are read from the files the user
//! names, checked, and turned into reports on the same machine; nothing is
//! kept or sent anywhere.

pub mod lecture;
pub mod rapport;
pub mod xlsx;

pub use crate::render::grille_view::{CategorieGrille, Grille, LigneGrille, NON_EVALUE};
