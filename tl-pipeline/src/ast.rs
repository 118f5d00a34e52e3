//! The syntax tree of a TL schema, as written. Every node keeps the byte range it came from, so the
//! validator can point at the exact text of a mistake.

use std::ops::Range;

/// Byte range into the schema text a node was parsed from.
pub type Span = Range<usize>;

/// A value together with the byte range it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A whole schema text: declarations in source order plus the docs of abstract classes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// Every declaration, builtin lines included.
    pub decls: Vec<Decl>,
    /// TDLib `//@class Name @description text` blocks: docs for the boxed type `Name`.
    pub class_docs: Vec<(String, String)>,
    /// The layer a `// LAYER 230` comment line states (Telegram's API files have one).
    pub layer: Option<i32>,
}

/// Whether a declaration sits in the types part or the functions part of the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Before `---functions---` or after `---types---`.
    Types,
    /// After `---functions---`.
    Functions,
}

/// One declaration `name#id {X:Type} args… = Result;`.
#[derive(Clone, Debug, PartialEq)]
pub struct Decl {
    /// The section it was written in.
    pub section: Section,
    /// Full name with namespaces, e.g. `messages.channelMessages`.
    pub name: Spanned<String>,
    /// The explicit `#id`, if written.
    pub id: Option<Spanned<u32>>,
    /// `{X:Type}` type parameters.
    pub params: Vec<TypeParam>,
    /// The arguments (fields), in wire order.
    pub args: Vec<Arg>,
    /// The type after `=`.
    pub result: Type,
    /// A builtin line (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`, `int128 4*[ int ] = Int128;`):
    /// it declares a primitive and has no fields to generate.
    pub builtin: bool,
    /// Docs from the `//` comment block directly above.
    pub docs: Docs,
    /// The whole declaration, without the `;`.
    pub span: Span,
}

/// `{X:Type}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeParam {
    /// `X`.
    pub name: Spanned<String>,
    /// `Type` (anything else is refused by the validator).
    pub kind: Spanned<String>,
}

/// `name:cond?type`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The field name as written.
    pub name: Spanned<String>,
    /// `flags.3?` if present.
    pub cond: Option<Cond>,
    /// The field type.
    pub ty: Type,
}

/// The `word.bit?` condition of an optional field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cond {
    /// The flags word, e.g. `flags` or `flags2` or `mode`.
    pub word: Spanned<String>,
    /// The bit number as written (validated to be < 32 later).
    pub bit: Spanned<u32>,
}

/// A type expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    /// `int`, `Vector`, `messages.Messages`, `X`, or `#`.
    pub name: String,
    /// Written with `%` (bare).
    pub bare_mark: bool,
    /// Written with `!` (the query of a generic function).
    pub excl: bool,
    /// `Vector<T>`, `vector<T>` or `(vector T)` arguments.
    pub args: Vec<Type>,
    /// Where it was written.
    pub span: Span,
}

/// Documentation gathered from comments above a declaration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    /// Text for the item (plain `//` lines and TDLib `@description`).
    pub item: Vec<String>,
    /// TDLib `//@field text` entries.
    pub fields: Vec<(String, String)>,
    /// `//@error 400 CALL_ALREADY_ACCEPTED The call was already accepted.` lines (and the
    /// errors a `docs = "…"` file lists for the function): what it can answer with.
    pub errors: Vec<ErrorDoc>,
}

/// A possible error of a function, as its documentation lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDoc {
    /// The `error_code` (`400`, `-503`).
    pub code: i32,
    /// The `error_message`, `%d` standing for a number: `FLOOD_WAIT_%d`.
    pub name: String,
    /// What it means for this function.
    pub description: String,
}

impl ErrorDoc {
    /// Reads the text after `@error`: `400 CALL_ALREADY_ACCEPTED The call was already accepted.`
    /// The code is an `i32`, the name letters, digits, `_` and `%d`; the description may be
    /// empty.
    pub fn parse(text: &str) -> Result<ErrorDoc, String> {
        const FORM: &str = "write `//@error CODE NAME description`, e.g. `//@error 400 PEER_ID_INVALID The peer is invalid.`";
        let text = text.trim();
        let (code, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let code: i32 = code
            .parse()
            .map_err(|_| format!("`{code}` is not an error code: {FORM}"))?;
        let rest = rest.trim_start();
        let (name, description) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if name.is_empty() {
            return Err(format!("the error `{code}` has no name: {FORM}"));
        }
        let valid = name
            .replace("%d", "")
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            return Err(format!("`{name}` is not an error name: {FORM}"));
        }
        Ok(ErrorDoc {
            code,
            name: name.to_owned(),
            description: description.trim().to_owned(),
        })
    }
}

impl Docs {
    /// The doc text of field `name`, if any.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}
