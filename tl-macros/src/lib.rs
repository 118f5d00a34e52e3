//! The `tl_schema!` proc macro: TL schema text in, Rust types out. Use it through `tl-runtime`,
//! which re-exports it together with the traits the generated code implements.
//!
//! Pipeline: [`input`] (macro arguments, files) → [`parse`] (TL text → [`ast`]) → [`validate`]
//! (→ [`model`]) → [`expand`] (→ tokens). Everything below the shim works on `proc_macro2` and
//! `&str`, so it is unit-tested as a plain library.

mod ast;
mod diag;
mod expand;
mod id;
mod input;
mod lex;
mod model;
mod naming;
mod parse;
mod validate;

#[cfg(test)]
mod schema_tests;

#[cfg(test)]
mod fuzz_tests;

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

use ast::Schema;
use diag::{Diagnostic, Origin, Source};
use input::MacroInput;

/// Generates `types`, `enums` and `functions` modules from a TL schema. See the `tl-runtime` docs.
#[proc_macro]
pub fn tl_schema(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand_macro(input.into()).into()
}

fn expand_macro(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<MacroInput>(input) {
        Ok(input) => input,
        Err(e) => return with_fallback(prefixed(e).to_compile_error()),
    };
    let rt = {
        let base = &input.runtime;
        quote!(#base::__private)
    };
    let Loaded {
        sources,
        includes,
        errors: load_errors,
    } = load_sources(&input);
    let spans: Vec<Span> = match &input.literal {
        Some(lit) => vec![lit.span()],
        None => input.paths.iter().map(LitStr::span).collect(),
    };
    let render = |d: &Diagnostic| {
        let span = spans.get(d.source).copied().unwrap_or_else(Span::call_site);
        syn::Error::new(span, diag::render(d, &sources)).to_compile_error()
    };
    if !load_errors.is_empty() {
        let errors = load_errors.iter().map(|e| match e {
            LoadError::Io(e) => e.to_compile_error(),
            LoadError::Text(d) => render(d),
        });
        return with_fallback(quote!(#(#errors)*));
    }

    let (schemas, mut diagnostics, skipped_names) = parse_all(&sources);
    let options = validate::Options {
        id_rule: input.id_rule,
        verify_ids: input.verify_ids,
        allow_duplicate_ids: input.allow_duplicate_ids,
        string_as_bytes: input.string_as_bytes.iter().map(LitStr::value).collect(),
    };
    let validated = validate::validate(&schemas, &options);
    // An unknown name that a declaration which did not parse would have declared follows from
    // that parse error, which is reported already.
    diagnostics.extend(
        validated
            .diagnostics
            .iter()
            .filter(|d| {
                d.missing_name
                    .as_ref()
                    .is_none_or(|n| !skipped_names.contains(n.as_str()))
            })
            .cloned(),
    );
    diagnostics.sort_by_key(|d| (d.source, d.span.start));
    let mut errors: Vec<TokenStream> = diagnostics.iter().map(render).collect();
    for &i in &validated.unused_string_as_bytes {
        let lit = &input.string_as_bytes[i];
        errors.push(
            syn::Error::new(
                lit.span(),
                format!(
                    "tl_schema: `{}` names no `string` field of the schema (write `constructor.field`)",
                    lit.value()
                ),
            )
            .to_compile_error(),
        );
    }
    if errors.is_empty() {
        let items = expand::expand(&validated.model, &rt);
        return quote!(#(#includes)* #items);
    }
    // Still generate every declaration that is right and needs nothing broken, so code using
    // them reports nothing more than the schema errors.
    match healthy_part(&schemas, &options, &diagnostics) {
        Some(model) => {
            let items = expand::expand(&model, &rt);
            quote!(#(#errors)* #(#includes)* #items)
        }
        None => with_fallback(quote!(#(#errors)* #(#includes)*)),
    }
}

/// Puts `tl_schema: ` before every message of an error about the macro's arguments.
fn prefixed(error: syn::Error) -> syn::Error {
    let mut out: Option<syn::Error> = None;
    for e in error {
        let e = syn::Error::new(e.span(), format!("tl_schema: {e}"));
        match &mut out {
            Some(all) => all.combine(e),
            None => out = Some(e),
        }
    }
    out.unwrap_or_else(|| syn::Error::new(Span::call_site(), "tl_schema: invalid arguments"))
}

/// Parses every source. Returns the schemas, the syntax errors (and "declares nothing" for a
/// schema without declarations), and the words of the declarations that did not parse.
fn parse_all(sources: &[Source]) -> (Vec<Schema>, Vec<Diagnostic>, HashSet<String>) {
    let mut diagnostics = Vec::new();
    let mut schemas = Vec::new();
    let mut skipped_names = HashSet::new();
    for (i, source) in sources.iter().enumerate() {
        let (schema, errors) = parse::parse(&source.text);
        for e in errors {
            if let Some(text) = source.text.get(e.skipped.clone()) {
                skipped_names.extend(
                    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                );
            }
            let d = Diagnostic::new(i, e.span, e.message);
            diagnostics.push(match e.hint {
                Some(h) => d.hint(h),
                None => d,
            });
        }
        schemas.push(schema);
    }
    let declares_nothing = schemas
        .iter()
        .all(|s| s.decls.iter().all(validate::is_builtin));
    let first_builtin = schemas
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.decls.first().map(|d| (i, d)));
    if let (true, true, Some((i, decl))) = (declares_nothing, diagnostics.is_empty(), first_builtin)
    {
        diagnostics.push(
            Diagnostic::new(i, decl.name.span.clone(), "the schema declares no constructors or functions")
                .hint(format!(
                    "`{}` declares a builtin type (`{}`), which generates nothing; declare your own types, e.g. `= Message;`",
                    decl.name.value,
                    validate::type_text(&decl.result)
                )),
        );
    } else if declares_nothing && diagnostics.is_empty() {
        let text = sources.first().map_or("", |s| s.text.as_str());
        // Point at the first non-blank character, or at the start of an empty text.
        let at = text.len() - text.trim_start().len();
        let at = if at == text.len() { 0 } else { at };
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        diagnostics.push(
            Diagnostic::new(0, at..end, "the schema declares no constructors or functions").hint(
                "write at least one declaration, e.g. `pong#347773c5 msg_id:long ping_id:long = Pong;`",
            ),
        );
    }
    (schemas, diagnostics, skipped_names)
}

/// The model of the declarations that are right: a declaration with an error is dropped, then
/// every declaration that needed a dropped one, until the rest validates. `None` if that does not
/// settle within a few rounds.
fn healthy_part(
    schemas: &[Schema],
    options: &validate::Options,
    diagnostics: &[Diagnostic],
) -> Option<model::Model> {
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

/// After an error, still emit the three modules so code that names them reports nothing more.
fn with_fallback(errors: TokenStream) -> TokenStream {
    quote! {
        #errors
        pub mod types {}
        pub mod enums {}
        pub mod functions {}
    }
}

/// Why a schema source could not be read.
enum LoadError {
    /// Missing or unreadable file: reported at the `path` string.
    Io(syn::Error),
    /// Not UTF-8: reported at the first bad byte.
    Text(Diagnostic),
}

struct Loaded {
    sources: Vec<Source>,
    includes: Vec<TokenStream>,
    errors: Vec<LoadError>,
}

/// Where the text of an inline literal starts in the Rust file, if rustc tells (Rust 1.88+) and
/// the literal holds the text verbatim (a raw string, or a string without escapes).
fn origin(lit: &LitStr) -> Option<Origin> {
    let span = lit.span();
    let start = span.start();
    let file = span.file();
    if start.line == 0 || file.is_empty() || file.starts_with('<') {
        return None;
    }
    let token = lit.token().to_string();
    let open = token.find('"')?;
    let hashes = token[..open].matches('#').count();
    let close = token.len().checked_sub(1 + hashes)?;
    let content = token.get(open + 1..close)?;
    if content != lit.value() {
        return None;
    }
    Some(Origin {
        file,
        line: start.line,
        column: start.column + open + 2,
    })
}

/// Reads the inline literal or the files; files are tracked with `include_str!` so cargo rebuilds
/// the caller when they change. Every file is tried, so all unreadable ones are reported at once.
fn load_sources(input: &MacroInput) -> Loaded {
    let mut loaded = Loaded {
        sources: Vec::new(),
        includes: Vec::new(),
        errors: Vec::new(),
    };
    if let Some(lit) = &input.literal {
        loaded.sources.push(Source {
            name: "inline schema".to_owned(),
            text: lit.value(),
            origin: origin(lit),
        });
        return loaded;
    }
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    for (i, lit) in input.paths.iter().enumerate() {
        let rel = lit.value();
        let full = base.join(&rel);
        let bytes = match std::fs::read(&full) {
            Ok(bytes) => bytes,
            Err(e) => {
                let message = format!(
                    "tl_schema: cannot read schema `{rel}`: {e}\nhelp: a `path` is relative to the directory of the crate's Cargo.toml"
                );
                loaded
                    .errors
                    .push(LoadError::Io(syn::Error::new(lit.span(), message)));
                // Keep indices of sources and `path` strings in step.
                loaded.sources.push(Source {
                    name: rel,
                    text: String::new(),
                    origin: None,
                });
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes().get(at).copied().unwrap_or(0);
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                // The lossy text is the same up to `at`, then U+FFFD (3 bytes).
                let d = Diagnostic::new(
                    i,
                    at..at + 3,
                    format!("schema `{rel}` is not UTF-8 text: byte {byte:#04x} at offset {at}"),
                )
                .hint("TL schemas are UTF-8: convert the file (e.g. `iconv -t UTF-8`)");
                loaded.errors.push(LoadError::Text(d));
                loaded.sources.push(Source {
                    name: rel,
                    text,
                    origin: None,
                });
                continue;
            }
        };
        let shown = full.to_string_lossy().into_owned();
        loaded.includes.push(quote!(
            const _: &str = ::core::include_str!(#shown);
        ));
        loaded.sources.push(Source {
            name: rel,
            text,
            origin: None,
        });
    }
    loaded
}

#[cfg(test)]
mod tests {
    use super::expand_macro;
    use quote::quote;

    fn expand(input: proc_macro2::TokenStream) -> String {
        let out = expand_macro(input);
        syn::parse2::<syn::File>(out.clone()).expect("expansion parses as a Rust file");
        out.to_string()
    }

    #[test]
    fn comments_become_rustdoc() {
        let out = expand(quote!(
            r#"
            inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
            ---functions---
            // Discard a phone call.
            //@peer The phone call
            phone.discardCall#b2cbc1c0 peer:InputPhoneCall = InputPhoneCall;
            "#
        ));
        assert!(
            out.contains(r#"# [doc = " Discard a phone call."]"#),
            "{out}"
        );
        assert!(
            out.contains(r#"# [doc = "The phone call"] pub peer"#),
            "{out}"
        );
        assert!(out.contains("pub mod phone"), "{out}");
    }

    #[test]
    fn schema_errors_become_compile_errors_with_line_and_column() {
        let out = expand(quote!(
            "a#1 = A;\nb#2 x:Strng = B;\nc#3 y:Vector<Nope> = C;"
        ));
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
        assert!(out.contains("inline schema:2:7"), "{out}");
        assert!(out.contains("inline schema:3:14"), "{out}");
        // `a` is right and needs nothing broken: it is still generated; `b` and `c` are not.
        assert!(out.contains("pub struct A"), "healthy part: {out}");
        assert!(!out.contains("pub struct B"), "{out}");
        assert!(!out.contains("pub struct C"), "{out}");
    }

    #[test]
    fn declarations_that_need_a_broken_one_are_dropped_too() {
        let out = expand(quote!(
            "a#1 x:Nope = A;\nb#2 a:A = B;\nc#3 v:Vector<B> = C;\nd#4 = D;"
        ));
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("pub struct D"), "{out}");
        for gone in ["pub struct A", "pub struct B", "pub struct C"] {
            assert!(!out.contains(gone), "{gone}: {out}");
        }
    }

    #[test]
    fn a_declaration_that_does_not_parse_causes_no_unknown_type_errors() {
        let out = expand(quote!("foo#1 x:int Foo;\nbar#2 f:Foo = Bar;"));
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("expected `=` before the result type"), "{out}");
    }

    #[test]
    fn empty_and_comment_only_schemas() {
        for text in ["", "  \n", "// only a comment\n// and another\n"] {
            let out = expand(quote!(#text));
            assert_eq!(out.matches("compile_error").count(), 1, "{out}");
            assert!(out.contains("declares no constructors"), "{out}");
        }
    }

    #[test]
    fn option_errors() {
        let out = expand(quote!("a#1 = A;", idz = "telegram"));
        assert!(out.contains("unknown option `idz`"), "{out}");
        let out = expand(quote!("a#1 = A;", ids = "crc"));
        assert!(out.contains("unknown id rule `crc`"), "{out}");
        let out = expand(quote!("a#1 s:string = A;", string_as_bytes = ["a.t"]));
        assert!(out.contains("`a.t` names no `string` field"), "{out}");
        // Every wrong option at once, each with the prefix.
        let out = expand(quote!(
            "a#1 = A;",
            idz = "x",
            verify_ids = "yes",
            crate = "a b"
        ));
        assert_eq!(out.matches("compile_error").count(), 3, "{out}");
        assert_eq!(out.matches("tl_schema: ").count(), 3, "{out}");
        assert!(out.contains("did you mean `ids`?"), "{out}");
        let out = expand(quote!("a#1 = A;" ids = "telegram"));
        assert!(out.contains("tl_schema: expected `,`"), "{out}");
    }
}

#[cfg(test)]
mod doc_tests {
    use quote::quote;

    /// TDLib's doc format, as in `td_api.tl`, lands on the enum, the struct and its fields.
    #[test]
    fn tdlib_docs_in_the_expansion() {
        let out = super::expand_macro(quote!(
            r#"
//@class AuthorizationState @description Represents the current authorization state of the TDLib client

//@description TDLib needs the user's phone number @hint A hint
//-that goes on
authorizationStateWaitPhoneNumber hint:string = AuthorizationState;
"#,
            ids = "tl-spec"
        ))
        .to_string();
        assert!(out.contains(r#"# [doc = " Represents the current authorization state of the TDLib client"] # [doc = ""] # [doc = " TL type `AuthorizationState`."]"#), "{out}");
        assert!(
            out.contains(r#"# [doc = " TDLib needs the user's phone number"]"#),
            "{out}"
        );
        assert!(
            out.contains(r#"# [doc = "A hint that goes on"] pub hint"#),
            "{out}"
        );
    }
}

#[cfg(test)]
mod fuzz_regressions {
    /// Inputs on which `fuzz/` found the macro panicking (`fuzz/regressions/schema/`): names the
    /// lexer accepts that no Rust identifier can carry. Each must be a plain compile error.
    #[test]
    fn names_no_identifier_can_carry() {
        for text in [
            "a#1 x:int = 2Bar;",
            "t=.;",
            "a#1 = Foo.;",
            "a#1 x:. = A;",
            "a.2b#1 = A;",
        ] {
            let out = super::expand_macro(quote::quote!(#text)).to_string();
            assert!(out.contains("compile_error"), "{text}: {out}");
        }
    }
}
