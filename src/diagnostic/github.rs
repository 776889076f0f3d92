//! GitHub Actions workflow commands: one `::error` or `::warning` line per finding.

use super::{FileReport, Severity, Summary};

/// Renders one annotation line per finding, then the summary as a notice.
pub fn render(reports: &[FileReport], summary: &Summary) -> String {
    let mut out = String::new();
    for report in reports {
        for d in &report.diagnostics {
            let command = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\naide : ");
                message.push_str(help);
            }
            let line = d.span.line.max(1);
            let col = d.span.column.max(1);
            let end_line = d.span.end_line.max(line);
            out.push_str(&format!(
                "::{command} file={},line={line},col={col},endLine={end_line},title={}::{}\n",
                property(&report.name),
                property(&format!("{} {}", d.code, d.code.title())),
                data(&message)
            ));
        }
    }
    out.push_str(&format!("::notice title=refnum::{}\n", data(&summary.sentence())));
    out
}

/// The variable naming the file of the job summary that GitHub Actions shows.
pub const STEP_SUMMARY_VAR: &str = "GITHUB_STEP_SUMMARY";

/// A Markdown summary of every finding, for the job summary page: the
/// closing sentence, then one table row per finding.
pub fn step_summary(reports: &[FileReport], summary: &Summary) -> String {
    let mut out = format!("### refnum validate\n\n{}\n", summary.sentence());
    let rows: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                format!(
                    "| {} | `{}:{}:{}` | {} | {} |",
                    d.code,
                    cell(&r.name),
                    d.span.line.max(1),
                    d.span.column.max(1),
                    d.severity().label(),
                    cell(&match &d.help {
                        Some(help) => format!("{} (aide : {help})", d.message),
                        None => d.message.clone(),
                    })
                )
            })
        })
        .collect();
    if !rows.is_empty() {
        out.push_str("\n| code | emplacement | gravité | problème |\n| --- | --- | --- | --- |\n");
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// A table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('\r', "").replace('\n', " ").replace('|', "\\|")
}

/// Escaping of a message (the part after `::`).
pub fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a property value (file, title).
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}
