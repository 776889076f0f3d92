//! Progress of long work, reported to whoever runs the library: the binary
//! draws a bar on standard error when it is a terminal; tests and other
//! callers stay silent. The library itself never prints.

/// Receives the progress of a long task. Every method may be called from
/// several threads at once.
pub trait Progress: Sync {
    /// A new stage begins, with `total` steps (files, pages).
    fn start(&self, _stage: &str, _total: usize) {}
    /// One step of the current stage is done.
    fn advance(&self) {}
    /// The work is over (successfully or not): clear what was drawn.
    fn finish(&self) {}
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {}
