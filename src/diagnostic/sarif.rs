//! SARIF 2.1.0 (OASIS), the format code-scanning services read (GitHub code
//! scanning among them): one run, the rules of the codes found with their
//! French descriptions, and one result per finding with its region.
//! The structures are `serde-sarif`'s, generated from the OASIS schema.

use std::collections::BTreeMap;

use serde_sarif::sarif;

use super::docs::code_doc;
use super::{Code, FileReport, Severity};

/// Where the rules' `helpUri` points: the base URL of `docs/diagnostics.md`
/// as published (environment variable `REFNUM_DOCS_URL`). Without it, the
/// help text names the section instead.
pub const DOCS_URL_VAR: &str = "REFNUM_DOCS_URL";

/// Renders every finding as one SARIF log (pretty-printed JSON).
pub fn render(reports: &[FileReport], docs_url: Option<&str>) -> String {
    let mut codes: BTreeMap<Code, usize> = BTreeMap::new();
    for d in reports.iter().flat_map(|r| &r.diagnostics) {
        codes.insert(d.code, 0);
    }
    for (index, slot) in codes.values_mut().enumerate() {
        *slot = index;
    }
    let rules: Vec<sarif::ReportingDescriptor> = codes.keys().map(|&code| rule(code, docs_url)).collect();
    let mut results = Vec::new();
    for report in reports {
        for d in &report.diagnostics {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str("\naide : ");
                text.push_str(help);
            }
            let line = d.span.line.max(1);
            let column = d.span.column.max(1);
            let end_line = d.span.end_line.max(line);
            let end_column =
                if end_line == line { d.span.end_column.max(column + 1) } else { d.span.end_column.max(1) };
            let region = sarif::Region::builder()
                .start_line(i64::from(line))
                .start_column(i64::from(column))
                .end_line(i64::from(end_line))
                .end_column(i64::from(end_column))
                .build();
            let location = sarif::Location::builder()
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(sarif::ArtifactLocation::builder().uri(uri(&report.name)).build())
                        .region(region)
                        .build(),
                )
                .build();
            results.push(
                sarif::Result::builder()
                    .rule_id(d.code.as_str())
                    .rule_index(codes[&d.code] as i64)
                    .level(level(d.severity()))
                    .message(sarif::Message::builder().text(text).build())
                    .locations(vec![location])
                    .build(),
            );
        }
    }
    let driver = sarif::ToolComponent::builder()
        .name("refnum")
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .language("fr-FR")
        .rules(rules)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .language("fr-FR")
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .build();
    let log = sarif::Sarif::builder()
        .schema(sarif::SCHEMA_URL)
        .version(serde_json::json!(sarif::Version::V2_1_0.to_string()))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    }
}

/// The rule of one code: its title, the « Quand. » paragraph of its
/// documentation, and where to read more.
fn rule(code: Code, docs_url: Option<&str>) -> sarif::ReportingDescriptor {
    let doc = code_doc(code);
    let full = doc.as_ref().map_or_else(|| code.title().to_owned(), |d| d.when.clone());
    let section = doc.as_ref().map_or_else(|| code.as_str().to_owned(), |d| d.heading.clone());
    let help_uri = match (docs_url, &doc) {
        (Some(base), Some(d)) => Some(format!("{}#{}", base.trim_end_matches('#'), uri(&d.anchor))),
        _ => None,
    };
    let help = format!("{full}\n\nVoir la documentation des diagnostics de refnum, section « {section} ».");
    let default_level = sarif::ReportingConfiguration::builder().level(serde_json::json!(match code.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }));
    let builder = sarif::ReportingDescriptor::builder()
        .id(code.as_str())
        .name(code.title())
        .short_description(sarif::MultiformatMessageString::builder().text(code.title()).build())
        .full_description(sarif::MultiformatMessageString::builder().text(full).build())
        .help(sarif::MultiformatMessageString::builder().text(help).build())
        .default_configuration(default_level.build());
    match help_uri {
        Some(uri) => builder.help_uri(uri).build(),
        None => builder.build(),
    }
}

/// A file name as a relative URI reference: `/` separators, other reserved
/// or non-ASCII bytes percent-encoded.
fn uri(name: &str) -> String {
    let mut out = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri("profils/mon profil é.yaml"), "profils/mon%20profil%20%C3%A9.yaml");
        assert_eq!(uri("a\\b.yaml"), "a/b.yaml");
    }
}
