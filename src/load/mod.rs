//! Files → source text → YAML tree → typed model: everything up to the model.
//!
//! Also names where a file comes from (`Input`), finds the files to read
//! (`discover`) and holds the profiles built into the binary (`builtin`).
//! No rules here: judging the model is `check`'s work.

mod block;
pub mod builtin;
pub mod config;
mod de;
pub mod discover;
mod events;
pub mod git;
mod input;
mod parse;
pub mod sheet;
mod slips;
mod source;
mod tree;
pub mod workbook;

pub use de::{DeError, from_tree};
pub use input::Input;
pub use parse::parse;
pub use source::{MAX_FILE_BYTES, Source};
pub use tree::{Node, NodeKind};

use std::path::Path;

use crate::error::Error;

/// Reads a file from disk. A missing or unreadable file is a failure to run
/// (exit 2); the checks of its content come later.
/// What `-` names where a file is expected: standard input, or output.
pub const STDIO: &str = "-";

/// How standard input is named in messages.
pub const STDIN_NAME: &str = "<entrée standard>";

/// `true` for the path `-`, which stands for standard input or output.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == STDIO
}

/// Standard input, read once for the whole process (a command may need
/// the same text twice, as `diff - -` or a check then a rendering), with
/// the same size limit as a file.
pub fn read_stdin() -> Result<Vec<u8>, Error> {
    use std::io::Read;
    static STDIN: std::sync::OnceLock<Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    let read = STDIN.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| e.to_string())
    });
    read.clone().map_err(|e| Error::Usage(format!("{STDIN_NAME} : lecture impossible ({e})")))
}

pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    // Never more than the limit and one byte: enough to report the size,
    // and safe on endless files such as /dev/zero.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| {
            // Room for the whole file at once when its size is known, so
            // that reading it copies it once.
            let size = f.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES as u64 + 1);
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0) + 1);
            f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}
