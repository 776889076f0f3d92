//! Resolution of an adaptation onto its base, chains included: the base is
//! looked up (by the caller's `Lookup`), resolved in turn, merged
//! (`adapt::merge`), then the merged profile goes through the profile rules
//! (`check::profil_rules`), its findings placed in the adaptation's file.

use crate::adapt::{self, Provenance, Resolved};
use crate::check::profil_rules;
use crate::diagnostic::{Code, Diagnostic, FileReport, Severity};
use crate::error::{Error, TemplateError};
use crate::load::Input;
use crate::model::{Adaptation, Document, Profil, Span};
use crate::workspace::catalog::Found;

/// Longest chain of adaptations followed.
const MAX_CHAIN: usize = 16;

/// Finds the base named by `reference`, seen from the file `from`.
pub type Lookup<'a> = dyn Fn(&str, &Input) -> Result<Found, Error> + 'a;

/// Resolves a found document into a profile; a post is refused.
pub fn resolve(found: Found, lookup: &Lookup<'_>) -> Result<Resolved, Error> {
    resolve_chain(found, lookup, &mut Vec::new(), Checks::Run)
}

/// Resolves a document whose whole chain was already checked in this run
/// (`refnum build` after its checks): the rules are not run again on the
/// merged profile, so `findings` is empty.
pub fn resolve_checked(found: Found, lookup: &Lookup<'_>) -> Result<Resolved, Error> {
    resolve_chain(found, lookup, &mut Vec::new(), Checks::Done)
}

/// Whether the rules of the merged profile must run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Checks {
    Run,
    Done,
}

fn resolve_chain(
    found: Found,
    lookup: &Lookup<'_>,
    chain: &mut Vec<String>,
    checks: Checks,
) -> Result<Resolved, Error> {
    let Found { document, input, source } = found;
    let overlay = match document {
        Document::Profil(p) => return Ok(Resolved { profil: *p, provenance: None, findings: Vec::new() }),
        Document::Poste(_) => {
            return Err(Error::Usage(format!("{} est une fiche de poste, pas un profil", input.name())));
        }
        Document::Adaptation(a) => a,
    };
    let fail = |d: Diagnostic| {
        Error::Invalid(vec![FileReport { name: input.name(), source: source.clone(), diagnostics: vec![d] }])
    };
    chain.push(input.name());
    let reference_text = overlay.extends.value.reference();
    let reference = reference_text.value.as_str();
    // The place of the reference itself: its value in the `{ profil, version }` form.
    let at = if reference_text.span.is_known() { reference_text.span } else { overlay.extends.span };
    if reference == overlay.id.value {
        return Err(fail(
            Diagnostic::new(Code::Cycle, at, format!("l'adaptation `{reference}` se désigne elle-même comme profil de base"))
                .with_help("indiquez dans `extends` l'identifiant du profil adapté, et donnez à l'adaptation un identifiant à elle"),
        ));
    }
    let base_found = match lookup(reference, &input) {
        Ok(found) => found,
        Err(Error::Invalid(_)) => {
            return Err(fail(
                Diagnostic::new(
                    Code::BaseNotFound,
                    at,
                    format!("le profil de base `{reference}` contient des erreurs"),
                )
                .with_help(format!("lancez `refnum validate` sur le profil `{reference}` et corrigez-le d'abord")),
            ));
        }
        Err(Error::Usage(message)) | Err(Error::Template(TemplateError { message, .. })) => {
            return Err(fail(
                Diagnostic::new(Code::BaseNotFound, at, format!("le profil de base `{reference}` est introuvable"))
                    .with_help(message),
            ));
        }
        Err(e @ Error::Io { .. }) => {
            return Err(fail(
                Diagnostic::new(Code::BaseNotFound, at, format!("le profil de base `{reference}` est introuvable"))
                    .with_help(format!("{e} ; un chemin s'écrit relativement au fichier de l'adaptation")),
            ));
        }
    };
    let base_name = base_found.input.name();
    if chain.len() >= MAX_CHAIN {
        return Err(fail(
            Diagnostic::new(Code::Cycle, at, format!("la chaîne d'adaptations dépasse {MAX_CHAIN} niveaux"))
                .with_help("une adaptation de niveau départemental ou local suffit : raccourcissez la chaîne"),
        ));
    }
    if base_name == input.name() {
        return Err(fail(
            Diagnostic::new(Code::Cycle, at, "l'adaptation se désigne elle-même comme profil de base")
                .with_help("indiquez dans `extends` le profil adapté, et non le fichier de l'adaptation"),
        ));
    }
    if chain.contains(&base_name) {
        let mut names = chain.clone();
        names.push(base_name);
        return Err(fail(
            Diagnostic::new(Code::Cycle, at, format!("les adaptations forment une boucle : {}", names.join(" → ")))
                .with_help(
                    "une adaptation ne peut pas, directement ou non, servir de base à son propre profil de base",
                ),
        ));
    }
    // The base's own errors belong to the base's file: here, one finding on `extends`.
    let base = match resolve_chain(base_found, lookup, chain, checks) {
        Ok(base) => base,
        Err(Error::Invalid(reports)) => {
            let cycle = reports.iter().flat_map(|r| &r.diagnostics).find(|d| d.code == Code::Cycle);
            let d = match cycle {
                Some(c) => {
                    let mut d = Diagnostic::new(Code::Cycle, at, c.message.clone());
                    d.help = c.help.clone();
                    d
                }
                None => Diagnostic::new(
                    Code::BaseNotFound,
                    at,
                    format!("le profil de base `{reference}` ne peut pas être résolu : il contient des erreurs"),
                )
                .with_help(format!("lancez `refnum validate` sur `{reference}` et corrigez-le d'abord")),
            };
            return Err(fail(d));
        }
        Err(Error::Usage(message)) => {
            return Err(fail(Diagnostic::new(
                Code::BaseNotFound,
                at,
                format!("`{reference}` ne peut pas servir de profil de base : {message}"),
            )));
        }
        Err(e) => return Err(e),
    };
    if let Some(requirement) = overlay.extends.value.requirement() {
        check_requirement(&requirement.value, &base.profil, requirement.span).map_err(fail)?;
    }
    let merged = adapt::merge(&base.profil, &overlay).map_err(|diagnostics| {
        Error::Invalid(vec![FileReport { name: input.name(), source: source.clone(), diagnostics }])
    })?;
    let diagnostics = match checks {
        Checks::Run => merged_findings(&base.profil, &merged, &overlay, overlay.id.span.file),
        Checks::Done => Vec::new(),
    };
    if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return Err(Error::Invalid(vec![FileReport { name: input.name(), source, diagnostics }]));
    }
    Ok(Resolved {
        profil: merged.profil,
        provenance: Some(Provenance {
            base_id: base.profil.id.value.clone(),
            base_version: base.profil.version.value.clone(),
            changes: merged.changes,
        }),
        findings: diagnostics,
    })
}

/// The findings of the merged profile that the adaptation causes, placed in
/// the adaptation's file. Findings the base already had are the base's own.
pub fn merged_findings(base: &Profil, merged: &adapt::Merged, overlay: &Adaptation, file: u32) -> Vec<Diagnostic> {
    let mut after = Vec::new();
    profil_rules(&merged.profil, &mut after);
    // The base's own findings are needed only to tell inherited ones apart.
    let mut before = Vec::new();
    if after.iter().any(|d| d.span.file != file) {
        profil_rules(base, &mut before);
    }
    let mut out = Vec::new();
    for d in after {
        // A reference to a removed mission is reported once, as E044 below.
        if d.code == Code::UnknownMission
            && merged.removed.iter().any(|(id, _)| d.message.contains(&format!("mission `{id}`")))
        {
            continue;
        }
        if d.span.file == file {
            out.push(d);
            continue;
        }
        if before.iter().any(|b| b.code == d.code && b.message == d.message) {
            continue;
        }
        let mut moved =
            Diagnostic::new(d.code, overlay.extends.span, format!("{} — élément hérité du profil de base", d.message));
        moved.help = d.help;
        out.push(moved);
    }
    for (removed, span) in &merged.removed {
        for (_, c) in merged.profil.competences.iter() {
            for reference in c.missions.iter().filter(|m| m.value == *removed) {
                let d = if reference.span.file == file {
                    Diagnostic::new(
                        Code::BrokenReference,
                        reference.span,
                        format!(
                            "la compétence `{}` renvoie à la mission `{removed}`, que cette adaptation retire",
                            c.id.value
                        ),
                    )
                    .with_help("retirez ce renvoi, ou gardez la mission")
                } else {
                    Diagnostic::new(
                        Code::BrokenReference,
                        *span,
                        format!(
                            "la mission `{removed}`, retirée ici, sert encore la compétence `{}` ({})",
                            c.id.value, c.libelle.value
                        ),
                    )
                    .with_help(format!(
                        "retirez aussi `{}`, ou donnez-lui d'autres `missions` dans l'adaptation",
                        c.id.value
                    ))
                };
                out.push(d);
            }
        }
    }
    out.sort_by_key(|d| (d.span.line, d.span.column, d.code));
    out.dedup();
    out
}

fn check_requirement(requirement: &str, base: &Profil, span: Span) -> Result<(), Diagnostic> {
    let req = semver::VersionReq::parse(requirement).map_err(|_| {
        Diagnostic::new(Code::InvalidVersion, span, format!("l'exigence de version `{requirement}` n'est pas lisible"))
            .with_help("écrivez par exemple `^1.0` (toute version 1.x), `~1.2` (toute version 1.2.x) ou `>=1.0, <2.0`")
    })?;
    let version = semver::Version::parse(&base.version).map_err(|_| {
        Diagnostic::new(
            Code::BaseVersion,
            span,
            format!(
                "la version `{}` du profil de base n'est pas au format MAJEUR.MINEUR.CORRECTIF",
                base.version.value
            ),
        )
    })?;
    if req.matches(&version) {
        return Ok(());
    }
    Err(Diagnostic::new(
        Code::BaseVersion,
        span,
        format!("le profil de base `{}` est en version {}, hors de l'exigence `{requirement}`", base.id.value, base.version.value),
    )
    .with_help("vérifiez ce qui a changé dans le profil de base (`refnum diff`), puis mettez l'adaptation et son exigence à jour"))
}
