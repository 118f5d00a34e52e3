//! The `tl_schema!` proc macro: TL schema text in, Rust types out. Use it through `tl-runtime`,
//! which re-exports it together with the traits the generated code implements.
//!
//! This crate is the shim between the compiler and the pipeline (`tl-pipeline`, a plain library):
//! `input` reads the macro's arguments and the schema files into `Source`s and options,
//! `tl_pipeline::run` parses, validates and generates, and the diagnostics come back here to be
//! attached to the span of the literal or the `path` they are about.

mod input;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

use input::{LoadError, Loaded, MacroInput};
use tl_pipeline::{diag, Diagnostic};

/// Generates `types`, `enums` and `functions` modules from a TL schema (and `errors` when it has
/// RPC errors). See the `tl-runtime` docs.
#[proc_macro]
pub fn tl_schema(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand_macro(input.into()).into()
}

fn expand_macro(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<MacroInput>(input) {
        Ok(input) => input,
        Err(e) => return with_fallback(prefixed(e).to_compile_error()),
    };
    let mut loaded = input.load_sources();
    let options = input.options(&mut loaded);
    let Loaded {
        sources,
        includes,
        errors: load_errors,
        ..
    } = loaded;
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
    let out = tl_pipeline::run(&sources, &options);
    let data_errors = out.data_errors.iter().map(|(option, message)| {
        let lit = match *option {
            "docs" => input.docs.as_ref(),
            _ => input.errors.as_ref(),
        };
        let span = lit.map_or_else(Span::call_site, LitStr::span);
        let file = lit.map(LitStr::value).unwrap_or_default();
        syn::Error::new(
            span,
            format!("tl_schema: `{option}` file `{file}`: {message}"),
        )
        .to_compile_error()
    });
    let schema_errors = out.diagnostics.iter().map(render);
    let option_errors = out.unused_string_as_bytes.iter().map(|&i| {
        let lit = &input.string_as_bytes[i];
        let message = format!(
            "tl_schema: `{}` names no `string` field of the schema (write `constructor.field`)",
            lit.value()
        );
        syn::Error::new(lit.span(), message).to_compile_error()
    });
    // One string handed to the compiler: far cheaper than building the tokens one by one.
    let code = match out.code.parse::<TokenStream>() {
        Ok(code) => code,
        Err(e) => {
            let message =
                format!("tl_schema: internal error, the generated code does not lex: {e}");
            syn::Error::new(Span::call_site(), message).to_compile_error()
        }
    };
    quote!(#(#schema_errors)* #(#option_errors)* #(#data_errors)* #(#includes)* #code)
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

/// After an error in the arguments or files, still emit the three modules so code that names
/// them reports nothing more.
fn with_fallback(errors: TokenStream) -> TokenStream {
    quote! {
        #errors
        pub mod types {}
        pub mod enums {}
        pub mod functions {}
    }
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
