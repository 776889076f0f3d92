//! JSON output, a stable document for machines.
//!
//! ```json
//! {"diagnostics": [{"code", "severity", "message", "file", "line", "column",
//!   "end_line", "end_column", "help"}], "summary": {"files", "files_with_errors",
//!   "errors", "warnings"}}
//! ```
//! Lines and columns count from 1; keys are English like other linters'.

use serde::Serialize;

use super::{Code, FileReport, Severity, Summary};

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: Code,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    help: Option<&'a str>,
}

/// Renders every finding and the summary as one pretty-printed JSON document.
pub fn render(reports: &[FileReport], summary: &Summary) -> String {
    let diagnostics = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(|d| Entry {
                code: d.code,
                severity: d.severity(),
                message: &d.message,
                file: &r.name,
                line: d.span.line.max(1),
                column: d.span.column.max(1),
                end_line: d.span.end_line.max(d.span.line).max(1),
                end_column: d.span.end_column.max(1),
                help: d.help.as_deref(),
            })
        })
        .collect();
    let doc = Document { diagnostics, summary: *summary };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
