//! The macro's arguments: a string literal or `path = …`, then options.
//!
//! ```text
//! tl_schema!(r#"…"#);
//! tl_schema!(path = "tl/api.tl");
//! tl_schema!(path = ["tl/mtproto.tl", "tl/api.tl"], ids = "tl-spec", verify_ids = true,
//!            string_as_bytes = ["resPQ.pq"], crate = "::my_crate::tl");
//! ```

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitBool, LitStr, Token};

use crate::id::IdRule;

/// Parsed arguments.
pub struct MacroInput {
    /// The inline schema, if given as a literal.
    pub literal: Option<LitStr>,
    /// `path = …` entries.
    pub paths: Vec<LitStr>,
    /// `ids = "…"`.
    pub id_rule: IdRule,
    /// `verify_ids = true`.
    pub verify_ids: bool,
    /// `allow_duplicate_ids = true`.
    pub allow_duplicate_ids: bool,
    /// `string_as_bytes = […]`.
    pub string_as_bytes: Vec<LitStr>,
    /// `crate = "…"`: the path of the runtime.
    pub runtime: TokenStream,
}

enum Value {
    Str(LitStr),
    Bool(LitBool),
    List(Span, Vec<LitStr>),
}

impl Value {
    fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::Bool(b) => b.span,
            Value::List(span, _) => *span,
        }
    }
}

enum Arg {
    Literal(LitStr),
    Option(Ident, Value),
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitStr) {
            return Ok(Arg::Literal(input.parse()?));
        }
        let key = Ident::parse_any(input).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected a schema string literal or an option such as `path = \"api.tl\"`",
            )
        })?;
        input.parse::<Token![=]>().map_err(|e| {
            syn::Error::new(e.span(), format!("expected `=` after the option `{key}`"))
        })?;
        let value = if input.peek(syn::token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
            Value::List(bracket.span.join(), items.into_iter().collect())
        } else if input.peek(LitBool) {
            Value::Bool(input.parse()?)
        } else {
            Value::Str(input.parse().map_err(|e: syn::Error| {
                syn::Error::new(e.span(), format!("expected a value for the option `{key}`"))
            })?)
        };
        Ok(Arg::Option(key, value))
    }
}

/// Adds `error` to the errors collected so far.
fn push(errors: &mut Option<syn::Error>, error: syn::Error) {
    match errors {
        Some(all) => all.combine(error),
        None => *errors = Some(error),
    }
}

impl Parse for MacroInput {
    /// Reads every argument and reports every wrong option together.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let args = Punctuated::<Arg, Token![,]>::parse_terminated(input)?;
        let mut out = MacroInput {
            literal: None,
            paths: Vec::new(),
            id_rule: IdRule::Telegram,
            verify_ids: false,
            allow_duplicate_ids: false,
            string_as_bytes: Vec::new(),
            runtime: quote::quote!(::tl_runtime),
        };
        let mut errors = None;
        let mut seen: Vec<String> = Vec::new();
        for arg in args {
            match arg {
                Arg::Literal(lit) => {
                    if out.literal.is_some() {
                        push(
                            &mut errors,
                            syn::Error::new(
                                lit.span(),
                                "only one inline schema literal is allowed",
                            ),
                        );
                        continue;
                    }
                    out.literal = Some(lit);
                }
                Arg::Option(key, value) => {
                    let name = key.to_string();
                    if seen.contains(&name) {
                        push(
                            &mut errors,
                            syn::Error::new(key.span(), format!("option `{name}` is given twice")),
                        );
                        continue;
                    }
                    seen.push(name.clone());
                    if let Err(e) = out.set(&key, &name, value) {
                        push(&mut errors, e);
                    }
                }
            }
        }
        if let Some(errors) = errors {
            return Err(errors);
        }
        match (&out.literal, out.paths.is_empty()) {
            (None, true) => Err(syn::Error::new(
                Span::call_site(),
                "tl_schema! needs a schema: a string literal (`tl_schema!(r#\"…\"#)`) or `path = \"file.tl\"`",
            )),
            (Some(lit), false) => Err(syn::Error::new(
                lit.span(),
                "give either an inline schema or `path = …`, not both",
            )),
            _ => Ok(out),
        }
    }
}

impl MacroInput {
    fn set(&mut self, key: &Ident, name: &str, value: Value) -> syn::Result<()> {
        match (name, value) {
            ("path", Value::Str(s)) => self.paths.push(s),
            ("path", Value::List(span, list)) => {
                if list.is_empty() {
                    return Err(syn::Error::new(span, "`path = []` names no file"));
                }
                self.paths = list;
            }
            ("ids", Value::Str(s)) => {
                self.id_rule = IdRule::from_option(&s.value()).ok_or_else(|| {
                    syn::Error::new(
                        s.span(),
                        format!(
                            "unknown id rule `{}`: use `\"telegram\"` or `\"tl-spec\"`",
                            s.value()
                        ),
                    )
                })?;
            }
            ("verify_ids", Value::Bool(b)) => self.verify_ids = b.value,
            ("allow_duplicate_ids", Value::Bool(b)) => self.allow_duplicate_ids = b.value,
            ("string_as_bytes", Value::List(_, list)) => self.string_as_bytes = list,
            ("crate", Value::Str(s)) => {
                let path = s.parse::<syn::Path>().map_err(|_| {
                    syn::Error::new(
                        s.span(),
                        format!(
                            "`{}` is not a path: write e.g. `\"::my_crate::tl\"`",
                            s.value()
                        ),
                    )
                })?;
                self.runtime = quote::ToTokens::into_token_stream(path);
            }
            (
                "path" | "ids" | "verify_ids" | "allow_duplicate_ids" | "string_as_bytes" | "crate",
                value,
            ) => {
                let expected = match name {
                    "path" => "a string or a list of strings",
                    "verify_ids" | "allow_duplicate_ids" => "`true` or `false`",
                    "string_as_bytes" => "a list of `\"constructor.field\"` strings",
                    _ => "a string",
                };
                return Err(syn::Error::new(
                    value.span(),
                    format!("option `{name}` takes {expected}"),
                ));
            }
            _ => {
                let known = [
                    "path",
                    "ids",
                    "verify_ids",
                    "allow_duplicate_ids",
                    "string_as_bytes",
                    "crate",
                ];
                let near = known
                    .iter()
                    .map(|k| (strsim::levenshtein(name, k), *k))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map_or(String::new(), |(_, k)| format!(" (did you mean `{k}`?)"));
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown option `{name}`{near}: expected one of `path`, `ids`, `verify_ids`, `allow_duplicate_ids`, `string_as_bytes`, `crate`"),
                ));
            }
        }
        Ok(())
    }
}
