//! `refnum new`: a ready adaptation file.

use std::path::{Component, Path, PathBuf};

use crate::adapt::scaffold;
use crate::cli::NewArgs;
use crate::error::Error;
use crate::load::catalog;
use crate::{Outcome, exit};

pub fn run(args: &NewArgs) -> Result<Outcome, Error> {
    if !crate::check::is_slug(&args.id) {
        return Err(Error::Usage(format!(
            "« {} » n'est pas un identifiant valide : minuscules sans accents, chiffres et tirets, par exemple `conseiller-cci-aveyron`",
            args.id
        )));
    }
    let date = match &args.date {
        Some(d) if crate::check::is_date(d) => d.clone(),
        Some(d) => return Err(Error::Usage(format!("« {d} » n'est pas une date au format AAAA-MM-JJ"))),
        None => today(),
    };
    let dir = catalog::profile_dir(args.profiles.as_deref());
    let base = catalog::find_profil(&args.extends, dir.as_deref())?;
    let reference = if Path::new(&args.extends).is_file() {
        relative_to(Path::new(&args.extends), args.output.as_deref())
    } else {
        base.profil.id.value.clone()
    };
    let text = scaffold::adaptation(&args.id, &base.profil, &reference, &date);
    match &args.output {
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

/// Today's date (UTC), `AAAA-MM-JJ`.
pub(crate) fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
