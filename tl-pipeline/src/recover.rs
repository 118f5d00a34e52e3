//! Recovery after errors, so one build shows every mistake and nothing more: parse errors do not
//! stop the parse, names that only a broken declaration would have declared are not reported
//! again as unknown, and the declarations that are right are still generated.

use std::collections::HashSet;

use crate::ast::Schema;
use crate::diag::{Diagnostic, Source};
use crate::model::Model;
use crate::{parse, validate};

/// Every source parsed.
pub(crate) struct Parsed {
    /// One schema per source, in order.
    pub schemas: Vec<Schema>,
    /// Syntax errors, and "declares nothing" for a schema without declarations.
    pub diagnostics: Vec<Diagnostic>,
    /// The words of the declarations that did not parse.
    pub skipped_names: HashSet<String>,
}

/// Parses every source.
pub(crate) fn parse_all(sources: &[Source]) -> Parsed {
    let mut parsed = Parsed {
        schemas: Vec::new(),
        diagnostics: Vec::new(),
        skipped_names: HashSet::new(),
    };
    for (i, source) in sources.iter().enumerate() {
        let (schema, errors) = parse::parse(&source.text);
        for e in errors {
            if let Some(text) = source.text.get(e.skipped.clone()) {
                parsed.skipped_names.extend(
                    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                );
            }
            let d = Diagnostic::new(i, e.span, e.message);
            parsed.diagnostics.push(match e.hint {
                Some(h) => d.hint(h),
                None => d,
            });
        }
        parsed.schemas.push(schema);
    }
    if parsed.diagnostics.is_empty() {
        parsed
            .diagnostics
            .extend(validate::declares_nothing(&parsed.schemas, sources));
    }
    parsed
}

/// Drops the "unknown name" errors whose name a declaration that did not parse would have
/// declared: they follow from that parse error, which is reported already.
pub(crate) fn not_caused_by_skipped(
    diagnostics: Vec<Diagnostic>,
    skipped_names: &HashSet<String>,
) -> impl Iterator<Item = Diagnostic> + '_ {
    diagnostics.into_iter().filter(move |d| {
        d.missing_name
            .as_ref()
            .is_none_or(|n| !skipped_names.contains(n.as_str()))
    })
}

/// The model of the declarations that are right: a declaration with an error is dropped, then
/// every declaration that needed a dropped one, until the rest validates. `None` if that does not
/// settle within a few rounds.
pub(crate) fn healthy_part(
    schemas: &[Schema],
    options: &validate::Options,
    diagnostics: &[Diagnostic],
) -> Option<Model> {
    let mut schemas = schemas.to_vec();
    let mut diagnostics = diagnostics.to_vec();
    for _ in 0..16 {
        let mut removed = false;
        for d in &diagnostics {
            if let Some(schema) = schemas.get_mut(d.source) {
                let before = schema.decls.len();
                schema.decls.retain(|decl| {
                    !(decl.span.start <= d.span.start && d.span.start <= decl.span.end)
                });
                removed |= schema.decls.len() != before;
            }
        }
        if !removed {
            return None;
        }
        let validated = validate::validate(&schemas, options);
        if validated.diagnostics.is_empty() {
            return Some(validated.model);
        }
        diagnostics = validated.diagnostics;
    }
    None
}

/// When nothing can be generated: the three modules, empty, so code that names them reports
/// nothing more than the schema errors.
pub(crate) const FALLBACK: &str = "pub mod types {} pub mod enums {} pub mod functions {}";
