//! Entry points for the fuzz targets (`fuzz/`) and for the test that runs
//! their corpus on stable Rust (`tests/fuzz_corpus.rs`).
//!
//! Each takes the raw bytes of a file and runs the very code path of its
//! command, up to what the user would read, without touching the disk:
//! a fuzzer finds the panics, aborts and hangs of the command itself. See
//! `docs/fuzz.md`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::check::analyze;
use crate::commands::import::{Sheet, SheetKind, profile_text};
use crate::diagnostic::{FileReport, Summary, human, json, rules};
use crate::error::Error;
use crate::load::{Input, Source, builtin};
use crate::workspace::catalog::{self, Found};
use crate::{Outcome, exit};

/// The line that separates the base profile from the adaptation in the
/// input of [`adaptation`].
pub const ADAPTATION_MARK: &str = "# refnum-fuzz: adaptation\n";

/// Name of the file in messages, for each entry point.
pub const YAML_NAME: &str = "fuzz.yaml";
pub const CSV_NAME: &str = "fuzz.csv";
pub const XLSX_NAME: &str = "fuzz.xlsx";
pub const BASE_NAME: &str = "base.yaml";
pub const ADAPTATION_NAME: &str = "adaptation.yaml";

/// Identifier and date given to an imported profile.
const IMPORT_ID: &str = "profil-importe";
const IMPORT_DATE: &str = "2025-01-01";

/// `refnum validate` on one file: read, parse, check, then the findings
/// in the human format (on `stderr`) and in JSON (on `stdout`).
pub fn validate(bytes: &[u8]) -> Outcome {
    let (source, diagnostics) = match Source::from_bytes(YAML_NAME.to_owned(), bytes) {
        Ok(source) => {
            let analysis = analyze(&source);
            (Some(source), analysis.diagnostics)
        }
        Err(d) => (None, vec![d]),
    };
    let mut reports = vec![FileReport {
        name: YAML_NAME.to_owned(),
        source: source.filter(|_| !diagnostics.is_empty()).map(|s| Arc::clone(&s.text)),
        diagnostics,
    }];
    rules::apply(&mut reports, &HashMap::new());
    let summary = Summary::of(&reports);
    Outcome {
        stdout: json::render(&reports, &summary).into_bytes(),
        stderr: human::render(&reports, &summary, false),
        code: if summary.errors > 0 { exit::INVALID } else { exit::OK },
    }
}

/// `refnum import` of a CSV file, without a base profile.
pub fn import_csv(bytes: &[u8]) -> Outcome {
    import(Sheet { name: CSV_NAME, bytes, kind: SheetKind::Csv })
}

/// `refnum import` of an XLSX workbook, without a base profile.
pub fn import_xlsx(bytes: &[u8]) -> Outcome {
    import(Sheet { name: XLSX_NAME, bytes, kind: SheetKind::Xlsx })
}

fn import(sheet: Sheet<'_>) -> Outcome {
    match profile_text(&sheet, IMPORT_ID, None, IMPORT_DATE, "sortie") {
        Ok(text) => Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK },
        Err(e) => crate::failure(e, false),
    }
}

/// `refnum resolve` of an adaptation: the bytes are a base profile, the
/// line [`ADAPTATION_MARK`], then the adaptation. Without the mark, they
/// are the adaptation alone, over the built-in profile it names. Both
/// files are checked first, as `validate` does; the merged profile is
/// written in YAML, the merge's findings in the human format.
pub fn adaptation(bytes: &[u8]) -> Outcome {
    let mark = ADAPTATION_MARK.as_bytes();
    let (base, overlay) = match bytes.windows(mark.len()).position(|w| w == mark) {
        Some(at) => (Some(&bytes[..at]), &bytes[at + mark.len()..]),
        None => (None, bytes),
    };
    let base = match base.map(|b| checked(BASE_NAME, b)).transpose() {
        Ok(base) => base,
        Err(e) => return crate::failure(e, false),
    };
    let found = match checked(ADAPTATION_NAME, overlay) {
        Ok(found) => found,
        Err(e) => return crate::failure(e, false),
    };
    // The base given, whatever the reference; else a built-in profile by id.
    let lookup = |reference: &str, _: &Input| match &base {
        Some(found) => Ok(found.clone()),
        None => match builtin::PROFILES.iter().find(|(name, _)| builtin::id_of(name) == reference) {
            Some((name, text)) => catalog::load(Input::Builtin { name, text }),
            None => Err(Error::Usage(format!("« {reference} » n'est pas un profil intégré"))),
        },
    };
    let text = found.source.clone();
    let resolved = match crate::workspace::resolve(found, &lookup) {
        Ok(resolved) => resolved,
        Err(e) => return crate::failure(e, false),
    };
    let mut reports =
        vec![FileReport { name: ADAPTATION_NAME.to_owned(), source: text, diagnostics: resolved.findings }];
    rules::apply(&mut reports, &HashMap::new());
    let summary = Summary::of(&reports);
    match serde_saphyr::to_string(&resolved.profil) {
        Ok(text) => Outcome {
            stdout: text.into_bytes(),
            stderr: if reports[0].diagnostics.is_empty() {
                String::new()
            } else {
                human::render(&reports, &summary, false)
            },
            code: exit::OK,
        },
        Err(e) => crate::failure(Error::Usage(format!("profil impossible à écrire : {e}")), false),
    }
}

/// One file read and checked as a command loads it: errors fail (exit 1).
fn checked(name: &str, bytes: &[u8]) -> Result<Found, Error> {
    let source = Source::from_bytes(name.to_owned(), bytes)
        .map_err(|d| Error::Invalid(vec![FileReport { name: name.to_owned(), source: None, diagnostics: vec![d] }]))?;
    let analysis = analyze(&source);
    if analysis.has_errors() {
        return Err(Error::Invalid(vec![FileReport {
            name: name.to_owned(),
            source: Some(source.text),
            diagnostics: analysis.diagnostics,
        }]));
    }
    match analysis.document {
        Some(document) => Ok(Found { document, input: Input::Disk(PathBuf::from(name)), source: Some(source.text) }),
        None => Err(Error::Usage(format!("{name} : aucun document"))),
    }
}

/// The four fuzz targets, named as in `fuzz/Cargo.toml` and as the folders
/// of `tests/fuzz-corpus/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Yaml,
    Csv,
    Xlsx,
    Adaptation,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Yaml, Target::Csv, Target::Xlsx, Target::Adaptation];

    /// The name of the target and of its corpus folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Yaml => "yaml",
            Target::Csv => "csv",
            Target::Xlsx => "xlsx",
            Target::Adaptation => "adaptation",
        }
    }

    pub fn named(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Runs the entry point of the target.
    pub fn run(self, bytes: &[u8]) -> Outcome {
        match self {
            Target::Yaml => validate(bytes),
            Target::Csv => import_csv(bytes),
            Target::Xlsx => import_xlsx(bytes),
            Target::Adaptation => adaptation(bytes),
        }
    }

    /// Runs the entry point and tells what is wrong with its outcome, if
    /// anything: an exit code other than 0, 1 or 2, a failure that says
    /// nothing or does not name its file, a JSON report that does not parse.
    /// A panic, an abort or a hang is for the caller to see.
    pub fn check(self, bytes: &[u8]) -> Result<Outcome, String> {
        let outcome = self.run(bytes);
        if outcome.code > exit::FAILURE {
            return Err(format!("code de sortie {}", outcome.code));
        }
        let names: &[&str] = match self {
            Target::Yaml => &[YAML_NAME],
            Target::Csv => &[CSV_NAME],
            Target::Xlsx => &[XLSX_NAME],
            Target::Adaptation => &[BASE_NAME, ADAPTATION_NAME],
        };
        if outcome.code != exit::OK && !names.iter().any(|n| outcome.stderr.contains(n)) {
            return Err(format!("échec qui ne nomme pas son fichier : {}", outcome.stderr));
        }
        if self == Target::Yaml
            && let Err(e) = serde_json::from_slice::<serde_json::Value>(&outcome.stdout)
        {
            return Err(format!("rapport JSON illisible : {e}"));
        }
        Ok(outcome)
    }
}
