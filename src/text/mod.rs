//! Small helpers on strings shared by several stages: folding and "did you
//! mean" (`suggest`), and the Markdown escaping of a short text
//! (`markdown`). A leaf: it imports no other module of the crate.

pub mod markdown;
pub mod suggest;
