//! `tl check`: the macro's diagnostics for schema files, rendered as the macro renders them
//! (`file:line:col`, the line, a caret, a hint).

use tl_pipeline::{parse, validate, Options, Source};

/// What `tl check` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Every problem, rendered as `tl_schema!` shows it.
    pub problems: Vec<String>,
    /// The last line: counts on success, the number of problems otherwise.
    pub summary: String,
}

/// Runs the macro's pipeline on `sources` with the macro's validation options.
pub fn check(sources: &[Source], options: validate::Options) -> Report {
    let unused_names = options.string_as_bytes.clone();
    let out = tl_pipeline::run(
        sources,
        &Options {
            validate: options,
            ..Options::default()
        },
    );
    let mut problems: Vec<String> = out
        .diagnostics
        .iter()
        .map(|d| tl_pipeline::diag::render(d, sources))
        .collect();
    problems.extend(out.unused_string_as_bytes.iter().filter_map(|&i| {
        let name = unused_names.get(i)?;
        Some(format!(
            "tl_schema: `string_as_bytes` entry `{name}` names no `string` field of the schema"
        ))
    }));
    let files: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    let files = files.join(", ");
    let summary = if problems.is_empty() {
        let (ctors, functions) = count(sources);
        format!("ok: {files}: {ctors} constructors, {functions} functions")
    } else {
        format!("error: {files}: {} problem(s)", problems.len())
    };
    Report { problems, summary }
}

/// Constructors and functions declared (builtins left out).
fn count(sources: &[Source]) -> (usize, usize) {
    let mut counts = (0, 0);
    for source in sources {
        let (schema, _) = parse::parse(&source.text);
        for decl in schema.decls.iter().filter(|d| !validate::is_builtin(d)) {
            match decl.section {
                tl_pipeline::ast::Section::Types => counts.0 += 1,
                tl_pipeline::ast::Section::Functions => counts.1 += 1,
            }
        }
    }
    counts
}
