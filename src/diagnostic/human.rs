//! Human output: each finding with its code, a source excerpt and a hint, like rustc.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, FileReport, Severity, Summary};

/// Renders every finding of every report, then the summary line.
pub fn render(reports: &[FileReport], summary: &Summary, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            out.push_str(&render_one(&renderer, report, diagnostic));
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary.sentence());
    out.push('\n');
    out
}

fn render_one(renderer: &Renderer, report: &FileReport, d: &Diagnostic) -> String {
    let level = match d.severity() {
        Severity::Error => Level::ERROR.with_name("erreur"),
        Severity::Warning => Level::WARNING.with_name("avertissement"),
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let span = d.span;
    let mut group = match report.source.as_deref() {
        Some(source) if span.is_known() && span.start <= span.end && span.end <= source.len() => {
            let range = if span.start == span.end { widen(source, span.start) } else { span.start..span.end };
            title.element(
                Snippet::source(source)
                    .path(report.name.as_str())
                    .annotation(AnnotationKind::Primary.span(range).label(d.code.title())),
            )
        }
        _ => {
            let place = if span.is_known() {
                format!("{}:{}:{}", report.name, span.line, span.column)
            } else {
                report.name.clone()
            };
            title.element(Level::NOTE.with_name("fichier").message(place))
        }
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.with_name("aide").message(help.as_str()));
    }
    let groups: [Group<'_>; 1] = [group];
    renderer.render(&groups)
}

/// An empty span is widened to the character at its place, so the caret shows.
fn widen(source: &str, at: usize) -> std::ops::Range<usize> {
    let end = source[at..].chars().next().filter(|c| *c != '\n' && *c != '\r').map_or(at, |c| at + c.len_utf8());
    at..end
}
