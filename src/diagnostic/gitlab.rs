//! GitLab Code Quality report (a subset of the Code Climate format): a JSON
//! array with one entry per finding, which GitLab shows in merge requests.
//! Fingerprints are stable from run to run: they depend on the file, the
//! code, the message (numbers left out) and the rank of identical findings
//! in the file, not on the line, so a finding that only moves is not
//! reported as new.

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use super::{FileReport, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// Namespace of the fingerprints (a UUID v5 of a fixed name).
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"refnum:gitlab-code-quality")
}

/// Renders every finding as a Code Quality report.
pub fn render(reports: &[FileReport]) -> String {
    let mut issues = Vec::new();
    for report in reports {
        let mut seen: HashMap<(&str, String), usize> = HashMap::new();
        for d in &report.diagnostics {
            // Messages may cite other lines (« déjà utilisé à la ligne 18 »):
            // numbers are left out so that moving lines keeps the print.
            let shape: String = d.message.chars().filter(|c| !c.is_ascii_digit()).collect();
            let rank = seen.entry((d.code.as_str(), shape.clone())).or_default();
            *rank += 1;
            let key = format!("{}\u{0}{}\u{0}{}\u{0}{}", report.name, d.code, shape, rank);
            let mut description = format!("{} [{}]", d.message, d.code);
            if let Some(help) = &d.help {
                description.push_str(" — aide : ");
                description.push_str(help);
            }
            let begin = d.span.line.max(1);
            issues.push(Issue {
                description,
                check_name: d.code.as_str(),
                fingerprint: Uuid::new_v5(&namespace(), key.as_bytes()).simple().to_string(),
                severity: match d.severity() {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location { path: &report.name, lines: Lines { begin, end: d.span.end_line.max(begin) } },
            });
        }
    }
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}
