//! `refnum new`: a ready adaptation file.

use std::path::{Component, Path, PathBuf};

use crate::adapt::scaffold;
use crate::cli::NewArgs;
use crate::error::Error;
use crate::workspace::catalog;
use crate::{Outcome, exit};

pub fn run(args: &NewArgs) -> Result<Outcome, Error> {
    super::check_new_id(&args.id)?;
    let date = super::date_or_today(args.date.as_deref())?;
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let base = catalog::find_profil(&args.extends, dir.as_deref())?;
    let reference = if Path::new(&args.extends).is_file() {
        relative_to(Path::new(&args.extends), super::output_file(args.output.as_deref()))
    } else {
        base.profil.id.value.clone()
    };
    let text = scaffold::adaptation(&args.id, &base.profil, &reference, &date);
    match super::output_file(args.output.as_deref()) {
        Some(path) if path.exists() => Err(Error::Usage(format!(
            "{} existe déjà : choisissez un autre nom, refnum n'écrase pas une adaptation",
            path.display()
        ))),
        Some(path) => {
            crate::output::write_atomic(path, text.as_bytes())?;
            Ok(Outcome {
                stdout: Vec::new(),
                stderr: format!(
                    "Adaptation écrite dans {} ; complétez-la, puis `refnum validate {}`.\n",
                    path.display(),
                    path.display()
                ),
                code: exit::OK,
            })
        }
        None => Ok(Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK }),
    }
}

/// `base`, written relative to the folder of `output` (both relative to the current folder).
fn relative_to(base: &Path, output: Option<&Path>) -> String {
    let from = output.and_then(Path::parent).filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let (base, from) = (absolute(base), absolute(from));
    let common = base.components().zip(from.components()).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in from.components().skip(common) {
        rel.push("..");
    }
    for c in base.components().skip(common) {
        rel.push(c);
    }
    rel.to_string_lossy().replace('\\', "/")
}

fn absolute(p: &Path) -> PathBuf {
    let joined = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
