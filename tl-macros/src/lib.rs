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

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

use diag::{Diagnostic, Source};
use input::MacroInput;

/// Generates `types`, `enums` and `functions` modules from a TL schema. See the `tl-runtime` docs.
#[proc_macro]
pub fn tl_schema(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand_macro(input.into()).into()
}

fn expand_macro(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<MacroInput>(input) {
        Ok(input) => input,
        Err(e) => return with_fallback(e.to_compile_error()),
    };
    let (sources, includes) = match load_sources(&input) {
        Ok(loaded) => loaded,
        Err(e) => return with_fallback(e.to_compile_error()),
    };
    let spans: Vec<Span> = match &input.literal {
        Some(lit) => vec![lit.span()],
        None => input.paths.iter().map(LitStr::span).collect(),
    };
    let mut diagnostics = Vec::new();
    let mut schemas = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let (schema, errors) = parse::parse(&source.text);
        diagnostics.extend(errors.into_iter().map(|e| {
            let d = Diagnostic::new(i, e.span, e.message);
            match e.hint {
                Some(h) => d.hint(h),
                None => d,
            }
        }));
        if schema.decls.iter().all(validate::is_builtin) && diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::new(i, 0..source.text.len().min(1), "the schema declares no constructors or functions")
                    .hint("write at least one declaration, e.g. `pong#347773c5 msg_id:long ping_id:long = Pong;`"),
            );
        }
        schemas.push(schema);
    }
    let options = validate::Options {
        id_rule: input.id_rule,
        verify_ids: input.verify_ids,
        string_as_bytes: input.string_as_bytes.iter().map(LitStr::value).collect(),
    };
    let validated = validate::validate(&schemas, &options);
    diagnostics.extend(validated.diagnostics);
    let mut errors: Vec<TokenStream> = diagnostics
        .iter()
        .map(|d| {
            let span = spans.get(d.source).copied().unwrap_or_else(Span::call_site);
            syn::Error::new(span, diag::render(d, &sources)).to_compile_error()
        })
        .collect();
    for &i in &validated.unused_string_as_bytes {
        let lit = &input.string_as_bytes[i];
        errors.push(
            syn::Error::new(
                lit.span(),
                format!(
                    "`{}` names no `string` field of the schema (write `constructor.field`)",
                    lit.value()
                ),
            )
            .to_compile_error(),
        );
    }
    let rt = {
        let base = &input.runtime;
        quote!(#base::__private)
    };
    if errors.is_empty() {
        let items = expand::expand(&validated.model, &rt);
        quote!(#(#includes)* #items)
    } else {
        with_fallback(quote!(#(#errors)* #(#includes)*))
    }
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

/// Reads the inline literal or the files; files are tracked with `include_str!` so cargo rebuilds
/// the caller when they change.
fn load_sources(input: &MacroInput) -> syn::Result<(Vec<Source>, Vec<TokenStream>)> {
    if let Some(lit) = &input.literal {
        return Ok((
            vec![Source {
                name: "inline schema".to_owned(),
                text: lit.value(),
            }],
            Vec::new(),
        ));
    }
    let base = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    let mut sources = Vec::new();
    let mut includes = Vec::new();
    for lit in &input.paths {
        let rel = lit.value();
        let full = base.join(&rel);
        let bytes = std::fs::read(&full).map_err(|e| {
            syn::Error::new(
                lit.span(),
                format!("cannot read schema `{rel}` ({}): {e}", full.display()),
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            syn::Error::new(
                lit.span(),
                format!(
                    "schema `{rel}` is not UTF-8 text: invalid byte at offset {}",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        let shown = full.to_string_lossy().into_owned();
        includes.push(quote!(
            const _: &str = ::core::include_str!(#shown);
        ));
        sources.push(Source { name: rel, text });
    }
    Ok((sources, includes))
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
        assert!(out.contains("pub mod types { }"), "fallback modules: {out}");
    }

    #[test]
    fn option_errors() {
        let out = expand(quote!("a#1 = A;", idz = "telegram"));
        assert!(out.contains("unknown option `idz`"), "{out}");
        let out = expand(quote!("a#1 = A;", ids = "crc"));
        assert!(out.contains("unknown id rule `crc`"), "{out}");
        let out = expand(quote!("a#1 s:string = A;", string_as_bytes = ["a.t"]));
        assert!(out.contains("`a.t` names no `string` field"), "{out}");
    }
}
