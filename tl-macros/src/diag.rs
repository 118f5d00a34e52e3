//! Diagnostics: a message about a byte range of one schema source, rendered with `file:line:column`,
//! the offending line and a caret under the text.

use crate::ast::Span;

/// One problem found in a schema.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Index of the source (file or literal) it is about.
    pub source: usize,
    /// Where in that source.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// A second place that explains the first ("first declared here").
    pub note: Option<(usize, Span, String)>,
    /// How to fix it, if we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem at `span` of source `source`.
    pub fn new(source: usize, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            source,
            span,
            message: message.into(),
            note: None,
            hint: None,
        }
    }

    /// Adds a suggestion.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a second place ("first declared here").
    pub fn note(mut self, source: usize, span: Span, text: impl Into<String>) -> Self {
        self.note = Some((source, span, text.into()));
        self
    }
}

/// A schema text with the name it is reported under.
#[derive(Clone, Debug)]
pub struct Source {
    /// `path/to/api.tl` or `inline schema`.
    pub name: String,
    /// The full text.
    pub text: String,
}

/// 1-based line and column (in characters) of byte offset `at`.
pub fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = floor_char_boundary(text, at.min(text.len()));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Renders one place: `name:line:col`, the line, and carets under the span (first line of it).
fn render_place(out: &mut String, src: &Source, span: &Span, label: &str) {
    let (line, col) = line_col(&src.text, span.start);
    let start = floor_char_boundary(&src.text, span.start.min(src.text.len()));
    let line_start = src.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src.text[start..]
        .find('\n')
        .map_or(src.text.len(), |i| start + i);
    let line_text = &src.text[line_start..line_end];
    let end = floor_char_boundary(&src.text, span.end.clamp(start, line_end));
    let width = src.text[start..end].chars().count().max(1);
    let gutter = line.to_string().len();
    out.push_str(&format!(
        "{:gutter$}--> {}:{}:{}\n",
        "", src.name, line, col
    ));
    out.push_str(&format!("{:gutter$} |\n", ""));
    out.push_str(&format!("{line} | {line_text}\n"));
    out.push_str(&format!(
        "{:gutter$} | {}{} {}\n",
        "",
        " ".repeat(col - 1),
        "^".repeat(width),
        label
    ));
}

/// Renders a diagnostic as the text of a `compile_error!`.
pub fn render(diag: &Diagnostic, sources: &[Source]) -> String {
    let mut out = format!("tl_schema: {}\n", diag.message);
    if let Some(src) = sources.get(diag.source) {
        render_place(&mut out, src, &diag.span, "");
    }
    if let Some((source, span, text)) = &diag.note {
        if let Some(src) = sources.get(*source) {
            render_place(&mut out, src, span, text);
        }
    }
    if let Some(hint) = &diag.hint {
        out.push_str(&format!("help: {hint}\n"));
    }
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let text = "ab\ncdé f\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4)); // after the two-byte é
    }

    #[test]
    fn render_points_at_the_token() {
        let src = Source {
            name: "api.tl".into(),
            text: "foo#1 = Foo;\nbar x:Nope = Bar;\n".into(),
        };
        let d = Diagnostic::new(0, 19..23, "unknown type `Nope`").hint("did you mean `Foo`?");
        let text = render(&d, &[src]);
        assert_eq!(
            text,
            "tl_schema: unknown type `Nope`\n --> api.tl:2:7\n  |\n2 | bar x:Nope = Bar;\n  |       ^^^^\nhelp: did you mean `Foo`?"
        );
    }
}
