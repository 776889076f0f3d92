//! One file per subcommand: glue from arguments to the library.

pub mod list;
pub mod schema;
pub mod validate;

use std::path::{Path, PathBuf};

use crate::check::batch::Input;
use crate::error::Error;
use crate::load::discover::discover;

/// The files a command works on: the paths given; with none, `./profiles`
/// when it exists, else the built-in profiles.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>, Error> {
    if paths.is_empty() {
        let local = Path::new("profiles");
        if local.is_dir() {
            return Ok(discover(&[local.to_path_buf()])?.into_iter().map(Input::Disk).collect());
        }
        return Ok(Input::builtins());
    }
    let files = discover(paths)?;
    if files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::Usage(format!("aucun fichier .yaml ou .yml dans {}", shown.join(", "))));
    }
    Ok(files.into_iter().map(Input::Disk).collect())
}
