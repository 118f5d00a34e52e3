//! The macro's arguments: a string literal or `path = …`, then options.
//!
//! ```text
//! tl_schema!(r#"…"#);
//! tl_schema!(path = "tl/api.tl");
//! tl_schema!(path = ["tl/mtproto.tl", "tl/api.tl"], ids = "tl-spec", verify_ids = true,
//!            string_as_bytes = ["resPQ.pq"], crate = "::my_crate::tl", inline = false,
//!            borrowed = true, json = "tdlib");
//! tl_schema!(path = "tl/api.tl", docs = "tl/getdoc.json", errors = "tl/errors.json");
//! ```

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitBool, LitStr, Token};

use quote::quote;
use tl_pipeline::{Diagnostic, IdRule, Origin, Source};

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
    /// `inline = false`: compile the generated functions in this crate.
    pub inline: bool,
    /// `borrowed = true`: `string`s and `bytes` borrow from the input (`&'de str`, `&'de [u8]`).
    pub borrowed: bool,
    /// `docs = "…json"`: API documentation in gotd/getdoc's format.
    pub docs: Option<LitStr>,
    /// `errors = "…json"`: an RPC error database in mtcute's format.
    pub errors: Option<LitStr>,
    /// `any_function = true`: `functions::AnyFunction` even if no field is a `Function`.
    pub any_function: bool,
    /// `json = "tdlib"`: TDLib's JSON (and its "may be null" fields as `Option`).
    pub tdlib_json: bool,
    /// `derive = ["Default", "Eq", "Hash"]`: the standard traits generated on request.
    pub derive: tl_pipeline::Derive,
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
            inline: true,
            borrowed: false,
            docs: None,
            errors: None,
            any_function: false,
            tdlib_json: false,
            derive: tl_pipeline::Derive::default(),
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
            ("inline", Value::Bool(b)) => self.inline = b.value,
            ("borrowed", Value::Bool(b)) => self.borrowed = b.value,
            ("docs", Value::Str(s)) => self.docs = Some(s),
            ("errors", Value::Str(s)) => self.errors = Some(s),
            ("string_as_bytes", Value::List(_, list)) => self.string_as_bytes = list,
            ("string_as_bytes", Value::Str(s)) if s.value() == "mtproto" => {
                self.string_as_bytes = tl_pipeline::validate::MTPROTO_STRING_AS_BYTES
                    .iter()
                    .map(|entry| LitStr::new(entry, s.span()))
                    .collect();
            }
            ("any_function", Value::Bool(b)) => self.any_function = b.value,
            ("json", Value::Str(s)) => {
                self.tdlib_json = match s.value().as_str() {
                    "tdlib" => true,
                    "tl" => false,
                    other => {
                        return Err(syn::Error::new(
                            s.span(),
                            format!("unknown JSON format `{other}`: use `\"tdlib\"` (TDLib's JSON) or `\"tl\"` (the default)"),
                        ))
                    }
                };
            }
            ("derive", Value::List(_, list)) => {
                for name in list {
                    let flag = match name.value().as_str() {
                        "Default" => &mut self.derive.default,
                        "Eq" => &mut self.derive.eq,
                        "Hash" => &mut self.derive.hash,
                        other => {
                            return Err(syn::Error::new(
                                name.span(),
                                format!("`derive` cannot add `{other}`: it adds `\"Default\"`, `\"Eq\"` and `\"Hash\"` (`Clone`, `Debug` and `PartialEq` are always there)"),
                            ))
                        }
                    };
                    *flag = true;
                }
            }
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
                "path"
                | "ids"
                | "verify_ids"
                | "allow_duplicate_ids"
                | "string_as_bytes"
                | "crate"
                | "inline"
                | "borrowed"
                | "docs"
                | "errors"
                | "any_function"
                | "json"
                | "derive",
                value,
            ) => {
                let expected = match name {
                    "path" => "a string or a list of strings",
                    "verify_ids"
                    | "allow_duplicate_ids"
                    | "inline"
                    | "borrowed"
                    | "any_function" => "`true` or `false`",
                    "string_as_bytes" => {
                        "a list of `\"constructor.field\"` strings or the preset `\"mtproto\"`"
                    }
                    "derive" => "a list of trait names, e.g. `[\"Default\", \"Eq\", \"Hash\"]`",
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
                    "inline",
                    "borrowed",
                    "docs",
                    "errors",
                    "any_function",
                    "json",
                    "derive",
                ];
                let near = known
                    .iter()
                    .map(|k| (strsim::levenshtein(name, k), *k))
                    .filter(|(d, _)| *d <= 2)
                    .min()
                    .map_or(String::new(), |(_, k)| format!(" (did you mean `{k}`?)"));
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown option `{name}`{near}: expected one of `path`, `ids`, `verify_ids`, `allow_duplicate_ids`, `string_as_bytes`, `crate`, `inline`, `borrowed`, `docs`, `errors`, `any_function`, `json`, `derive`"),
                ));
            }
        }
        Ok(())
    }
}

/// Why a schema source could not be read.
pub enum LoadError {
    /// Missing or unreadable file: reported at the `path` string.
    Io(syn::Error),
    /// Not UTF-8: reported at the first bad byte.
    Text(Diagnostic),
}

/// The schema texts, read.
pub struct Loaded {
    /// One per literal or `path` entry, in order (an unreadable file has an empty text).
    pub sources: Vec<Source>,
    /// `const _: () = { let _ = include_bytes!("…"); };` per file, so cargo rebuilds the caller
    /// when it changes. (A `const _: &str = include_str!(…)` would also keep the text as the
    /// const's value: the crate's metadata held every file twice.)
    pub includes: Vec<TokenStream>,
    /// What could not be read.
    pub errors: Vec<LoadError>,
    /// The text of the `docs` file.
    pub docs: Option<String>,
    /// The text of the `errors` file.
    pub error_db: Option<String>,
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

impl MacroInput {
    /// The pipeline's options, with the data files `loaded` read.
    pub fn options(&self, loaded: &mut Loaded) -> tl_pipeline::Options {
        tl_pipeline::Options {
            validate: tl_pipeline::validate::Options {
                id_rule: self.id_rule,
                verify_ids: self.verify_ids,
                allow_duplicate_ids: self.allow_duplicate_ids,
                string_as_bytes: self.string_as_bytes.iter().map(LitStr::value).collect(),
                any_function: self.any_function,
                nullable_from_docs: self.tdlib_json,
            },
            runtime: self.runtime.to_string(),
            inline: self.inline,
            borrowed: self.borrowed,
            tdlib_json: self.tdlib_json,
            derive: self.derive,
            docs: loaded.docs.take(),
            errors: loaded.error_db.take(),
        }
    }

    /// Reads the inline literal or the files; files are tracked with `include_bytes!` so cargo
    /// rebuilds the caller when they change. Every file is tried, so all unreadable ones are
    /// reported at once.
    pub fn load_sources(&self) -> Loaded {
        let input = self;
        let mut loaded = Loaded {
            sources: Vec::new(),
            includes: Vec::new(),
            errors: Vec::new(),
            docs: None,
            error_db: None,
        };
        let base = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_default();
        loaded.docs = read_data(&base, input.docs.as_ref(), "documentation", &mut loaded);
        loaded.error_db = read_data(&base, input.errors.as_ref(), "error database", &mut loaded);
        if let Some(lit) = &input.literal {
            loaded.sources.push(Source {
                name: "inline schema".to_owned(),
                text: lit.value(),
                origin: origin(lit),
            });
            return loaded;
        }
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
                        format!(
                            "schema `{rel}` is not UTF-8 text: byte {byte:#04x} at offset {at}"
                        ),
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
            loaded.includes.push(tracked(&full));
            loaded.sources.push(Source {
                name: rel,
                text,
                origin: None,
            });
        }
        loaded
    }
}

/// Reads the data file an option names (`docs`, `errors`), tracked like the schema files; an
/// unreadable one is an error at the option's string.
fn read_data(
    base: &std::path::Path,
    lit: Option<&LitStr>,
    what: &str,
    loaded: &mut Loaded,
) -> Option<String> {
    let lit = lit?;
    let rel = lit.value();
    let full = base.join(&rel);
    match std::fs::read_to_string(&full) {
        Ok(text) => {
            loaded.includes.push(tracked(&full));
            Some(text)
        }
        Err(e) => {
            let message = format!(
                "tl_schema: cannot read the {what} `{rel}`: {e}\nhelp: the path is relative to the directory of the crate's Cargo.toml"
            );
            loaded
                .errors
                .push(LoadError::Io(syn::Error::new(lit.span(), message)));
            None
        }
    }
}

/// `const _: () = { let _ = include_bytes!("…"); };`: makes cargo rebuild the caller when the file
/// at `path` changes (see [`Loaded::includes`]).
fn tracked(path: &std::path::Path) -> TokenStream {
    let shown = path.to_string_lossy().into_owned();
    quote!(
        const _: () = {
            let _ = ::core::include_bytes!(#shown);
        };
    )
}
