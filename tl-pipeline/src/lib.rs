//! The tl-schema pipeline as a library: TL schema text in, a checked [`model`] and Rust code
//! out, with every mistake as a [`Diagnostic`] that points at the text.
//!
//! ```text
//! Source text ──lex/parse──▶ ast::Schema ──validate──▶ model::Model ──expand──▶ Rust source
//!                  │                         │ lower, layout, check
//!                  └────────── Diagnostic ◀──┘ (rendered by diag::render)
//! ```
//!
//! [`run`] is the whole pipeline as `tl_schema!` runs it, including recovery after errors (the
//! declarations that are right are still generated). The stages are public for tools that need
//! only part of it: [`parse::parse`] is a plain `&str` parser, [`validate::validate`] resolves and
//! checks a parsed schema. No proc-macro types appear anywhere and nothing is needed beyond the
//! standard library and three small crates (`crc32fast`, `heck`, `strsim`): the macro crate
//! (`tl-macros`) turns its arguments into [`Source`]s and [`Options`], calls [`run`], hands the
//! code to the compiler and attaches the rendered diagnostics to spans.
//!
//! ```
//! use tl_pipeline::{run, Options, Source};
//!
//! let source = Source::inline("pong#347773c5 msg_id:long ping_id:long = Pong;");
//! let out = run(std::slice::from_ref(&source), &Options::default());
//! assert!(out.diagnostics.is_empty());
//! assert!(out.code.contains("pub struct Pong"));
//!
//! let broken = Source::inline("pong#347773c5 msg_id:lng = Pong;");
//! let out = run(std::slice::from_ref(&broken), &Options::default());
//! assert_eq!(out.diagnostics[0].message, "unknown type `lng`");
//! ```

pub mod ast;
pub mod diag;
pub mod docs;
pub mod errors;
pub mod expand;
pub mod id;
pub mod layout;
pub mod lex;
pub mod model;
pub mod naming;
pub mod parse;
mod recover;
pub mod validate;

#[cfg(test)]
mod schema_tests;

#[cfg(test)]
mod docs_tests;

#[cfg(test)]
mod fuzz_tests;

pub use diag::{Diagnostic, Origin, Source};
pub use id::IdRule;

/// What [`run`] needs besides the sources.
#[derive(Clone, Debug)]
pub struct Options {
    /// How the schema is validated (id rule, `string_as_bytes`, …).
    pub validate: validate::Options,
    /// The path the generated code uses for the runtime crate, e.g. `::tl_runtime`.
    pub runtime: String,
    /// Mark the generated functions `#[inline]` (the default): they are compiled to machine code
    /// in the crates that use them, not in the crate that expands the schema.
    pub inline: bool,
    /// `string` and `bytes` fields borrow from the input: `&'de str` and `&'de [u8]`, and every
    /// type that holds one (directly or through other types) takes the lifetime `'de`.
    pub borrowed: bool,
    /// TDLib's JSON for the serde impls (`json = "tdlib"`): `"@type"` tags, base64 `bytes`,
    /// defaults for missing fields (see the runtime's `json` module). Set
    /// `validate.nullable_from_docs` with it.
    pub tdlib_json: bool,
    /// The standard traits generated on request (`derive = ["Default", "Eq", "Hash"]`).
    pub derive: Derive,
    /// The text of a documentation file in gotd/getdoc's JSON format (`docs = "…"`).
    pub docs: Option<String>,
    /// The text of an error database in mtcute's JSON format (`errors = "…"`).
    pub errors: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            validate: validate::Options::default(),
            runtime: "::tl_runtime".to_owned(),
            inline: true,
            borrowed: false,
            tdlib_json: false,
            derive: Derive::default(),
            docs: None,
            errors: None,
        }
    }
}

/// The standard traits the generated types get only on request, since each costs every build of
/// the crate that expands the schema (`Clone`, `Debug` and `PartialEq` they always have).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Derive {
    /// `Default` for the constructor and function structs whose every field has one (numbers 0,
    /// strings and vectors empty, optional fields `None`, flags `false`).
    pub default: bool,
    /// `Eq` for every type (equality is equality of the encodings, an equivalence).
    pub eq: bool,
    /// `Hash` for every type: the hash of the encoding, so it agrees with `==`.
    pub hash: bool,
}

/// What [`run`] produces.
#[derive(Debug)]
pub struct Output {
    /// The generated Rust items, as source text: the whole schema when there is no diagnostic;
    /// otherwise every declaration that is right and needs nothing broken, or empty fallback
    /// modules.
    pub code: String,
    /// Every problem of the schema, sorted by source and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Indices into `Options::validate.string_as_bytes` that named no `string` field (a mistake
    /// in the options, reported at the option by the caller).
    pub unused_string_as_bytes: Vec<usize>,
    /// Problems of the data files: (`"docs"` or `"errors"`, what is wrong). The code is then
    /// generated without that file.
    pub data_errors: Vec<(&'static str, String)>,
    /// How much of the schema the `docs` file documents.
    pub coverage: Option<docs::Coverage>,
}

/// The whole pipeline: parse every source, validate them as one schema, generate code. After
/// errors the code of the healthy part is still generated (see `recover`).
pub fn run(sources: &[Source], options: &Options) -> Output {
    let mut parsed = recover::parse_all(sources);
    let mut data_errors = Vec::new();
    let api_docs = read_data("docs", &options.docs, docs::parse_getdoc, &mut data_errors);
    let error_db = read_data(
        "errors",
        &options.errors,
        docs::parse_errors,
        &mut data_errors,
    );
    let coverage = (api_docs.is_some() || error_db.is_some())
        .then(|| docs::apply(&mut parsed.schemas, api_docs.as_ref(), error_db.as_ref()));
    let mut error_defs: Vec<docs::ErrorDef> = Vec::new();
    error_defs.extend(error_db.into_iter().flat_map(|db| db.errors));
    error_defs.extend(api_docs.iter().flat_map(|d| d.errors.iter().cloned()));
    let validated = validate::validate(&parsed.schemas, &options.validate);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(recover::not_caused_by_skipped(
        validated.diagnostics,
        &parsed.skipped_names,
    ));
    diagnostics.sort_by_key(|d| (d.source, d.span.start));
    let model = if diagnostics.is_empty() {
        Some(validated.model)
    } else {
        recover::healthy_part(&parsed.schemas, &options.validate, &diagnostics)
    };
    let code = match model {
        Some(mut model) => {
            errors::build(&mut model, &error_defs);
            expand::expand(&model, options)
        }
        None => recover::FALLBACK.to_owned(),
    };
    Output {
        code,
        diagnostics,
        unused_string_as_bytes: validated.unused_string_as_bytes,
        data_errors,
        coverage: coverage.filter(|_| api_docs.is_some()),
    }
}

/// Parses an optional data file, recording its problem under `option`.
fn read_data<T>(
    option: &'static str,
    text: &Option<String>,
    parse: fn(&str) -> Result<T, String>,
    errors: &mut Vec<(&'static str, String)>,
) -> Option<T> {
    parse(text.as_deref()?)
        .map_err(|e| errors.push((option, e)))
        .ok()
}
