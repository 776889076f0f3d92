//! Human output: each finding with its code, a source excerpt and a hint, like rustc.
//!
//! Linear in the size of the output: each finding hands the snippet renderer
//! only the lines its span covers, never the whole file, and at most
//! `per_file` findings of a file are printed in full (`SHOWN_PER_FILE` by
//! default); a line then says how many more there are. The summary still
//! counts them all, and the machine formats (JSON, SARIF, GitLab, GitHub
//! annotations) list them all.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, FileReport, Severity, Summary};

/// How many findings of one file are printed in full by default: two or
/// three screens, enough to fix a file in order and come back; a file with
/// more has a systematic fault that the first ones show.
pub const SHOWN_PER_FILE: usize = 50;

/// An excerpt longer than this (a single huge line, a span over a whole
/// list) is not printed: the finding gets its `file:line:column` alone, so
/// that each finding costs a bounded time.
const MAX_EXCERPT: usize = 4096;

/// Renders the first `SHOWN_PER_FILE` findings of every report, then the summary line.
pub fn render(reports: &[FileReport], summary: &Summary, color: bool) -> String {
    render_capped(reports, summary, color, Some(SHOWN_PER_FILE))
}

/// Renders the findings of every report, at most `per_file` of each file
/// in full when given, then the summary line.
pub fn render_capped(reports: &[FileReport], summary: &Summary, color: bool, per_file: Option<usize>) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for report in reports {
        let shown = per_file.unwrap_or(usize::MAX).min(report.diagnostics.len());
        for diagnostic in &report.diagnostics[..shown] {
            out.push_str(&render_one(&renderer, report, diagnostic));
            out.push_str("\n\n");
        }
        let left = report.diagnostics.len() - shown;
        if left > 0 {
            out.push_str(&omitted(&report.name, left));
            out.push_str("\n\n");
        }
    }
    out.push_str(&summary.sentence());
    out.push('\n');
    out
}

/// `… et 3 autres problèmes dans ce fichier (profil.yaml)`.
fn omitted(name: &str, left: usize) -> String {
    if left == 1 {
        format!("… et 1 autre problème dans ce fichier ({name})")
    } else {
        format!("… et {left} autres problèmes dans ce fichier ({name})")
    }
}

fn render_one(renderer: &Renderer, report: &FileReport, d: &Diagnostic) -> String {
    let level = match d.severity() {
        Severity::Error => Level::ERROR.with_name("erreur"),
        Severity::Warning => Level::WARNING.with_name("avertissement"),
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let span = d.span;
    let excerpt = report.source.as_deref().and_then(|source| excerpt(source, d));
    let mut group = match excerpt {
        Some((lines, range)) => title.element(
            Snippet::source(lines)
                .line_start(span.line as usize)
                .path(report.name.as_str())
                .annotation(AnnotationKind::Primary.span(range).label(d.code.title())),
        ),
        None => {
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

/// The whole lines the span of `d` covers, and the span within them; none
/// when the span is unknown, out of the text, or too long to print.
fn excerpt<'s>(source: &'s str, d: &Diagnostic) -> Option<(&'s str, std::ops::Range<usize>)> {
    let span = d.span;
    if !span.is_known() || span.start > span.end || span.end > source.len() || !source.is_char_boundary(span.start) {
        return None;
    }
    let range = if span.start == span.end { widen(source, span.start) } else { span.start..span.end };
    if !source.is_char_boundary(range.end) || range.len() > MAX_EXCERPT {
        return None;
    }
    // Bounded searches: past MAX_EXCERPT bytes either way, no excerpt.
    let before = &source[floor(source, range.start.saturating_sub(MAX_EXCERPT))..range.start];
    let first = match before.rfind('\n') {
        Some(i) => range.start - before.len() + i + 1,
        None if range.start <= MAX_EXCERPT => 0,
        None => return None,
    };
    let after = &source[range.end..ceil(source, range.end + MAX_EXCERPT)];
    let last = match after.find('\n') {
        Some(i) => range.end + i,
        None if after.len() == source.len() - range.end => source.len(),
        None => return None,
    };
    let last = if source[..last].ends_with('\r') { last - 1 } else { last };
    let last = last.max(range.end);
    if last - first > MAX_EXCERPT {
        return None;
    }
    Some((&source[first..last], range.start - first..range.end - first))
}

/// The char boundary at or before `at`.
fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at`, within the text.
fn ceil(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// An empty span is widened to the character at its place, so the caret shows.
fn widen(source: &str, at: usize) -> std::ops::Range<usize> {
    let end = source[at..].chars().next().filter(|c| *c != '\n' && *c != '\r').map_or(at, |c| at + c.len_utf8());
    at..end
}
