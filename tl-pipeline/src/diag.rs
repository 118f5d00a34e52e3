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
    /// A second place that explains the first ("first declared here"); boxed to keep
    /// `Result<_, Diagnostic>` small.
    pub note: Option<Box<(usize, Span, String)>>,
    /// How to fix it, if we can tell.
    pub hint: Option<String>,
    /// For "unknown name" errors: the name that is missing. Lets the caller drop an error that
    /// only follows from a declaration that did not parse (and was reported already).
    pub missing_name: Option<String>,
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
            missing_name: None,
        }
    }

    /// Marks this as an error about a name that is declared nowhere.
    pub fn missing_name(mut self, name: impl Into<String>) -> Self {
        self.missing_name = Some(name.into());
        self
    }

    /// Adds a suggestion.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a second place ("first declared here").
    pub fn note(mut self, source: usize, span: Span, text: impl Into<String>) -> Self {
        self.note = Some(Box::new((source, span, text.into())));
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
    /// Where the text sits in a Rust file, when known: an inline literal whose text is written
    /// verbatim (a raw string, or a string without escapes).
    pub origin: Option<Origin>,
}

impl Source {
    /// An inline schema text (no known place in a Rust file).
    pub fn inline(text: impl Into<String>) -> Self {
        Source {
            name: "inline schema".to_owned(),
            text: text.into(),
            origin: None,
        }
    }

    /// The text of a schema file, reported under `name`.
    pub fn file(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            text: text.into(),
            origin: None,
        }
    }
}

/// Where the first character of an inline schema is in the Rust source file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The Rust file, as rustc names it (`src/lib.rs`).
    pub file: String,
    /// 1-based line of the first character of the schema text.
    pub line: usize,
    /// 1-based column (in characters) of the first character of the schema text.
    pub column: usize,
}

impl Origin {
    /// The place in the Rust file of `line:column` of the schema text.
    fn map(&self, line: usize, column: usize) -> (usize, usize) {
        if line == 1 {
            (self.line, self.column + column - 1)
        } else {
            (self.line + line - 1, column)
        }
    }
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
/// For an inline literal at a known place, the Rust file's line and column come first.
fn render_place(out: &mut String, src: &Source, span: &Span, label: &str) {
    let (line, col) = line_col(&src.text, span.start);
    let start = floor_char_boundary(&src.text, span.start.min(src.text.len()));
    let line_start = src.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src.text[start..]
        .find('\n')
        .map_or(src.text.len(), |i| start + i);
    let line_text = src.text[line_start..line_end].trim_end_matches('\r');
    let end = floor_char_boundary(&src.text, span.end.clamp(start, line_end));
    let width = src.text[start..end].chars().count().max(1);
    let (shown_line, place) = match &src.origin {
        Some(origin) => {
            let (l, c) = origin.map(line, col);
            (
                l,
                format!("{}:{l}:{c} ({}:{line}:{col})", origin.file, src.name),
            )
        }
        None => (line, format!("{}:{line}:{col}", src.name)),
    };
    let gutter = shown_line.to_string().len();
    out.push_str(&format!("{:gutter$}--> {place}\n", ""));
    out.push_str(&format!("{:gutter$} |\n", ""));
    out.push_str(&format!("{shown_line} | {line_text}\n"));
    // Tabs keep their width under the line so the caret stays under the token.
    let pad: String = line_text
        .chars()
        .take(col - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    out.push_str(&format!(
        "{:gutter$} | {pad}{} {label}\n",
        "",
        "^".repeat(width),
    ));
}

/// Renders a diagnostic as the text of a `compile_error!`.
pub fn render(diag: &Diagnostic, sources: &[Source]) -> String {
    let mut out = format!("tl_schema: {}\n", diag.message);
    if let Some(src) = sources.get(diag.source) {
        render_place(&mut out, src, &diag.span, "");
    }
    if let Some(note) = &diag.note {
        let (source, span, text) = &**note;
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
            origin: None,
        };
        let d = Diagnostic::new(0, 19..23, "unknown type `Nope`").hint("did you mean `Foo`?");
        let text = render(&d, &[src]);
        assert_eq!(
            text,
            "tl_schema: unknown type `Nope`\n --> api.tl:2:7\n  |\n2 | bar x:Nope = Bar;\n  |       ^^^^\nhelp: did you mean `Foo`?"
        );
    }

    #[test]
    fn inline_literal_at_a_known_place_names_the_rust_line() {
        let src = Source {
            name: "inline schema".into(),
            text: "a = A;\nbar x:Nope = Bar;".into(),
            origin: Some(Origin {
                file: "src/lib.rs".into(),
                line: 9,
                column: 12,
            }),
        };
        let text = render(
            &Diagnostic::new(0, 13..17, "unknown type `Nope`"),
            std::slice::from_ref(&src),
        );
        assert!(
            text.contains(" --> src/lib.rs:10:7 (inline schema:2:7)\n   |\n10 | bar x:Nope"),
            "{text}"
        );
        let text = render(&Diagnostic::new(0, 4..5, "x"), &[src]);
        assert!(
            text.contains("--> src/lib.rs:9:16 (inline schema:1:5)"),
            "{text}"
        );
    }

    #[test]
    fn spans_past_the_end_or_inside_a_char_do_not_panic() {
        let src = Source {
            name: "s".into(),
            text: "é\tx\r\n".into(),
            origin: None,
        };
        for start in 0..12 {
            for end in 0..12 {
                let _ = render(
                    &Diagnostic::new(0, start..end, "m"),
                    std::slice::from_ref(&src),
                );
            }
        }
        let _ = render(&Diagnostic::new(5, 0..1, "no such source"), &[]);
    }
}
