//! The validated schema the expander works from: names resolved to indices, flags words matched
//! to their fields, Rust names chosen, layout decided (which enum variants are boxed).

use crate::ast::{ErrorDoc, Span};

/// Where a generated item lives below `types::`, `enums::` or `functions::`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RustPath {
    /// Namespace modules, e.g. `["messages"]`.
    pub modules: Vec<String>,
    /// The item name, e.g. `ChannelMessages`.
    pub name: String,
}

/// A field's TL type, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `int`, `int32`: `i32`.
    Int,
    /// `long`, `int64`: `i64`.
    Long,
    /// `int53` (TDLib): `i64`, on the wire as `long`; a JSON number (`json = "tdlib"`), where
    /// `int64` is a string.
    Int53,
    /// `double`: `f64`.
    Double,
    /// `#` that is not a flags word: `u32`.
    Nat,
    /// `Bool`: `bool`.
    Bool,
    /// `string`: `String` (strict UTF-8).
    String,
    /// `bytes` (or a `string` mapped to bytes): `Vec<u8>`.
    Bytes,
    /// `int128`, `int256`, `int512`: `[u8; N]` with N the byte count.
    RawBytes(usize),
    /// `Vector<T>` (boxed, `bare == false`) or `vector<T>` (bare).
    Vector {
        /// Written `vector<T>`: no vector constructor id on the wire.
        bare: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A boxed type: index into [`Model::enums`].
    Enum(usize),
    /// A bare constructor (`future_salt`, `%Foo`): index into [`Model::ctors`].
    Bare(usize),
    /// Boxed on the heap to break a cycle of inline values.
    Heap(Box<Ty>),
    /// A type parameter (`!X`).
    Param(String),
    /// `Object`/`object`: any boxed value of the schema, `enums::AnyObject`.
    AnyObject,
    /// `Function`/`function`: any function call of the schema, `functions::AnyFunction`.
    AnyFunction,
    /// The boxed `True` (`true = True;`, 4 bytes on the wire): `()`.
    Unit,
    /// An object field TDLib documents as "may be null" (`json = "tdlib"`): `Option<T>`, on
    /// the wire `null#56730bcc` for `None` and the boxed value (with its id) for `Some`.
    Nullable(Box<Ty>),
}

/// One TL argument of a declaration as written, in wire order: what the JSON table describes
/// (its names are the TL names; fields sharing a bit stay separate).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arg {
    /// The TL name, e.g. `reply_to_msg_id`.
    pub name: String,
    /// What it is.
    pub kind: ArgKind,
}

/// What a TL argument is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// A flags word (`flags:#`), index into [`Ctor::flag_words`].
    Word(usize),
    /// A value that is always there.
    Value(Ty),
    /// `flags.N?T`.
    Optional(FlagBit, Ty),
    /// `flags.N?true`.
    True(FlagBit),
}

/// The `word.bit` of an optional field: index of the flags word in [`Ctor::flag_words`] and the bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagBit {
    /// Index into the constructor's flags words.
    pub word: usize,
    /// 0..=31.
    pub bit: u32,
}

/// What a Rust field holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Always present.
    Required(Ty),
    /// `flags.N?T`: `Option<T>`.
    Optional(FlagBit, Ty),
    /// `flags.N?true`: `bool`, no bytes.
    Flag(FlagBit),
    /// Several value fields on one bit: `Option<(A, B, …)>`, so they are present together or not at all.
    Group(FlagBit, Vec<Ty>),
}

/// A field of a generated struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The Rust name.
    pub name: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Rustdoc lines.
    pub docs: Vec<String>,
}

/// One step of a constructor's fields in wire order: what encoders, decoders and `Debug` visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire {
    /// A flags word, computed from the fields.
    FlagWord(usize),
    /// A whole field at its place: a required or optional value, a group whose members are
    /// next to each other on the wire (a tuple), or a `flags.N?true` field (no bytes).
    Field(usize),
    /// A group whose members are apart on the wire: the place of the Rust field (its first
    /// member); its members follow as [`Wire::Member`]s.
    GroupStart(usize),
    /// Element `index` of a [`FieldKind::Group`] field.
    Member {
        /// The group field.
        field: usize,
        /// Position in the tuple.
        index: usize,
    },
}

/// A constructor (in `types::`) or a function (in `functions::`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctor {
    /// The TL name with namespaces, e.g. `messages.channelMessages`.
    pub tl_name: String,
    /// Where the struct goes.
    pub path: RustPath,
    /// The constructor id (explicit or computed).
    pub id: u32,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The struct's fields in declaration order.
    pub fields: Vec<Field>,
    /// How they go on the wire.
    pub wire: Vec<Wire>,
    /// The TL arguments as declared (the JSON table's view of the constructor).
    pub args: Vec<Arg>,
    /// TL names of the flags words (they are not fields).
    pub flag_words: Vec<String>,
    /// `?true` flags that share their bit with another field, each read by an accessor
    /// (`bot:flags.14?true` beside `bot_info_version:flags.14?int`: `user.bot()`).
    pub implied_flags: Vec<ImpliedFlag>,
    /// Type parameters (`{X:Type}`), as Rust identifiers.
    pub params: Vec<String>,
    /// For a constructor: the enum of its boxed type. None for functions.
    pub enum_index: Option<usize>,
    /// For a function: what it returns.
    pub returns: Option<Ty>,
    /// The TL result type as written, for docs and errors.
    pub result_name: String,
    /// Fewest bytes the bare form can take.
    pub min_bare_len: usize,
    /// For a function: the errors its documentation lists, with their text for this function.
    pub errors: Vec<ErrorDoc>,
    /// For a function: its errors as rows of [`Model::errors`] (set by [`crate::errors`]).
    pub error_rows: Vec<usize>,
    /// Where it was declared, for diagnostics about it.
    pub span: DeclSpan,
}

/// A `?true` flag whose bit another field holds: the struct has no field of its own for it, and
/// the generator writes `pub fn {name}(&self) -> bool` reading that field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImpliedFlag {
    /// The accessor's Rust name (`bot`).
    pub name: String,
    /// The flag as written, `bot:flags.14?true`.
    pub tl_text: String,
    /// The field holding the bit: a `bool` (flags on one bit), or an `Option` that is `Some`
    /// exactly when the bit is set.
    pub field: usize,
}

/// Where a declaration is in the schema sources.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclSpan {
    /// Index of the source (file or literal).
    pub source: usize,
    /// The declaration's name.
    pub name: Span,
    /// The result type after `=`.
    pub result: Span,
}

/// A boxed type: one enum, one variant per constructor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enum {
    /// The TL name, e.g. `messages.Messages`.
    pub tl_name: String,
    /// Where the enum goes.
    pub path: RustPath,
    /// Its constructors.
    pub variants: Vec<Variant>,
    /// Rustdoc lines.
    pub docs: Vec<String>,
}

/// One variant of an [`Enum`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Index into [`Model::ctors`].
    pub ctor: usize,
    /// The variant name.
    pub name: String,
    /// Held as `Box<types::X>` because `types::X` is large or recursive.
    pub boxed: bool,
}

/// Everything the expander needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    /// Constructors of boxed types.
    pub ctors: Vec<Ctor>,
    /// Functions.
    pub functions: Vec<Ctor>,
    /// Boxed types.
    pub enums: Vec<Enum>,
    /// Some field or return type is `Object`: generate `enums::AnyObject`.
    pub any_object: bool,
    /// Some field or return type is `Function`: generate `functions::AnyFunction`.
    pub any_function: bool,
    /// For each enum, a variant whose values can be built from no input without recursing into
    /// the enum again: generated (arbitrary) values end there, and a failed decode returns it as
    /// its placeholder. `None` if every variant recurses (reported as an error).
    pub terminal_variants: Vec<Option<usize>>,
    /// The enum whose terminal value is cheapest: the placeholder and last resort of `AnyObject`.
    pub terminal_object: Option<usize>,
    /// A function (not generic) whose values can be built from no input: the placeholder and last
    /// resort of `AnyFunction`.
    pub terminal_function: Option<usize>,
    /// The known RPC errors, when the schema has any (generates the `errors` module).
    pub errors: Option<ErrorTable>,
    /// The layer a `// LAYER N` comment of the schema states (the first one).
    pub layer: Option<i32>,
}

/// Every known RPC error of a schema: what the generated `errors` module holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorTable {
    /// One row per (code, name), sorted by name (byte order), then code.
    pub rows: Vec<ErrorRow>,
    /// One per name, in the order of the rows: the variants of `errors::RpcError`.
    pub variants: Vec<ErrorVariant>,
    /// The constructor `rpc_error error_code:int error_message:string` of the schema, if it has
    /// it: index into [`Model::ctors`] (gets a conversion to `errors::RpcError`).
    pub rpc_error_ctor: Option<usize>,
}

/// A row of [`ErrorTable::rows`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// The error code.
    pub code: i32,
    /// The message, `%d` standing for a number.
    pub name: String,
    /// What it means.
    pub description: String,
    /// Any method can return it.
    pub common: bool,
}

/// A variant of `errors::RpcError`: one error name, with the rows of its codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorVariant {
    /// The Rust variant name, e.g. `FloodWait`.
    pub name: String,
    /// The first of its rows.
    pub first_row: usize,
    /// How many rows (codes) the name has; with more than one, the variant holds the `code`.
    pub rows: usize,
    /// The Rust name of the field holding the `%d` number (`seconds`), if the name has one.
    pub argument: Option<String>,
}
