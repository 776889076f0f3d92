//! Files → source text → YAML tree → typed model: everything up to the model.
//!
//! Also finds the files to read (`discover`) and holds the profiles built
//! into the binary (`builtin`).

pub mod builtin;
pub mod catalog;
pub mod config;
mod de;
pub mod discover;
pub mod git;
mod parse;
pub mod set;
pub mod sheet;
mod slips;
mod source;
mod tree;

pub use de::{DeError, from_tree};
pub use parse::parse;
pub use source::{MAX_FILE_BYTES, Source};
pub use tree::{Node, NodeKind};

use std::path::Path;

use crate::error::Error;

/// Reads a file from disk. A missing or unreadable file is a failure to run
/// (exit 2); the checks of its content come later.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    // Never more than the limit and one byte: enough to report the size,
    // and safe on endless files such as /dev/zero.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}
