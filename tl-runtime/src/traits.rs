//! The traits generated types implement: boxed and bare (de)serialization, ids, remote calls.
//!
//! Constructor and function structs implement only [`Constructor`]; their [`Identifiable`],
//! [`Serialize`], [`BareSerialize`], [`Deserialize`] and [`BareDeserialize`] come from blanket
//! impls in this crate (the id, then the fields), so the generated code stays small.

use alloc::vec::Vec;

use crate::codec::Encode;
use crate::error::Result;
use crate::limits::Limits;
use crate::reader::Reader;
use crate::sink::{ByteCount, Sink};

/// What `to_bytes` and `to_bytes_bare` allocate first: most messages fit, a larger one grows the
/// `Vec` as it is written (one pass, no length pass first).
const FIRST_CAPACITY: usize = 512;

/// Encodes a value in its boxed form: the constructor id (if the type has one), then the fields.
pub trait Serialize {
    /// Appends the boxed encoding of `self` to `out` (a `Vec<u8>`, or any [`Sink`]).
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S);

    /// Exact number of bytes [`serialize`](Serialize::serialize) appends.
    #[inline]
    fn serialized_len(&self) -> usize {
        let mut count = ByteCount(0);
        self.serialize(&mut count);
        count.0
    }

    /// The boxed encoding in a new `Vec`, in one pass (the `Vec` grows as it is written).
    #[inline]
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FIRST_CAPACITY);
        self.serialize(&mut out);
        out
    }

    /// How a generated struct's `Debug` shows this value as a field: its own `Debug`, except
    /// `int128`/`int256`/`int512` (`[u8; N]`), which are hex in wire order (`nonce:
    /// 3e0549828cca27e966b301a48fece2fc`), in vectors too.
    #[inline]
    fn fmt_field(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result
    where
        Self: core::fmt::Debug,
    {
        core::fmt::Debug::fmt(self, f)
    }
}

/// Decodes a value from its boxed form. `'de` is the lifetime of the input: owned types implement
/// it for every `'de` (see [`DeserializeOwned`]); types generated with `borrowed = true` borrow
/// their `string`s and `bytes` from the input and implement it for their own lifetime.
pub trait Deserialize<'de>: Sized {
    /// Smallest number of bytes any value takes on the wire (bounds vector counts before
    /// allocating). 4 fits every boxed type.
    const MIN_LEN: usize = 4;

    /// Most bytes of heap decoding needs per input byte for any valid encoding of this type: what
    /// the default limits' allocation budget is ([`Limits::with_bound`]). A generated type has
    /// its schema's `ALLOC_PER_INPUT_BYTE` (computed by the generator from every place the schema
    /// allocates a value); a `Vec<T>` adds its buffer to `T`'s; numbers and strings have 1.
    const ALLOC_PER_INPUT_BYTE: u32 = Limits::ALLOC_PER_INPUT_BYTE;

    /// Decodes one value from `r`, leaving the reader after it. A failure is not returned
    /// here: the first is recorded in `r` ([`Reader::first_error`]) and the reader is exhausted.
    /// What comes back is then to be dropped: `None`, or for a [`Fallback`] type (numbers,
    /// strings, vectors) its fallback value. Check once with [`Reader::result`]; or use
    /// [`deserialize`](Deserialize::deserialize), which does.
    fn read(r: &mut Reader<'de>) -> Option<Self>;

    /// [`read`](Deserialize::read) of the value of field `field` of the constructor being
    /// decoded (`""`: a value that is no field): after a failure inside it the error's
    /// [path](crate::Error::path) names the field. Generated decoders call it for every field
    /// (through [`Reader::get_field`] and its kin); the name is used only on the failure
    /// branch. This default tests for a failure after `read`; the runtime's types pass the name
    /// to their failure branches instead, which costs nothing.
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        let value = Self::read(r);
        r.named(field, None);
        value
    }

    /// The TL name of the type, for error messages: a constructor's or boxed type's
    /// (`"messages.channelMessages"`, `"Updates"`); the Rust type name where there is none.
    #[inline]
    fn tl_type() -> &'static str {
        core::any::type_name::<Self>()
    }

    /// Decodes one value from `r`, leaving the reader after it.
    #[inline]
    fn deserialize(r: &mut Reader<'de>) -> Result<Self> {
        let value = Self::read_field(r, "");
        r.result_of(value)
    }

    /// Decodes a value that fills the whole buffer, with [`Limits::DEFAULT`]. Trailing bytes
    /// are an error ([`ErrorKind::TrailingBytes`](crate::ErrorKind::TrailingBytes)).
    #[inline]
    fn from_bytes(buf: &'de [u8]) -> Result<Self> {
        Self::from_bytes_with(buf, Limits::DEFAULT)
    }

    /// Decodes a value that fills the whole buffer, with the given limits. Trailing bytes are
    /// an error unless [`Limits::allow_trailing`] is set; that error names the type by its TL
    /// name ([`tl_type`](Deserialize::tl_type)).
    #[inline]
    fn from_bytes_with(buf: &'de [u8], limits: Limits) -> Result<Self> {
        let mut r = Reader::with_limits(buf, limits.with_bound(Self::ALLOC_PER_INPUT_BYTE));
        let value = Self::read_field(&mut r, "");
        r.finish(Self::tl_type())?;
        r.result_of(value)
    }
}

/// A type that decodes from input of any lifetime: it holds nothing borrowed (every type of an
/// owned schema, the default). What a bound on a function's answer or a generic decoder uses.
pub trait DeserializeOwned: for<'de> Deserialize<'de> {}

impl<T: for<'de> Deserialize<'de>> DeserializeOwned for T {}

/// A type with a value that stands in for it after a failed decode without allocating: zero,
/// `false`, an empty `String` or `Vec`. Decoders of such fields do not stop at a failure (the
/// reader records it and is exhausted); the generated decoders read them with
/// [`Reader::get`] and stop only at fields of other types.
pub trait Fallback: Sized {
    /// The stand-in value.
    fn fallback() -> Self;
}

/// Encodes a value in its bare form: the fields only, no constructor id.
pub trait BareSerialize {
    /// Appends the bare encoding of `self` to `out`.
    fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S);

    /// Exact number of bytes [`serialize_bare`](BareSerialize::serialize_bare) appends.
    #[inline]
    fn bare_len(&self) -> usize {
        let mut count = ByteCount(0);
        self.serialize_bare(&mut count);
        count.0
    }

    /// The bare encoding in a new `Vec`, in one pass (the `Vec` grows as it is written).
    #[inline]
    fn to_bytes_bare(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(FIRST_CAPACITY);
        self.serialize_bare(&mut out);
        out
    }
}

/// Decodes a value from its bare form (`'de` as for [`Deserialize`]).
pub trait BareDeserialize<'de>: Sized {
    /// Smallest number of bytes the bare form takes on the wire.
    const MIN_BARE_LEN: usize = 0;

    /// [`Deserialize::ALLOC_PER_INPUT_BYTE`] for the bare form.
    const BARE_ALLOC_PER_INPUT_BYTE: u32 = Limits::ALLOC_PER_INPUT_BYTE;

    /// Decodes the bare form of one value from `r`; a failure is recorded in `r` as for
    /// [`Deserialize::read`].
    fn read_bare(r: &mut Reader<'de>) -> Option<Self>;

    /// The TL name of the bare type, for error messages (a constructor's name; the Rust type
    /// name where there is none).
    #[inline]
    fn tl_bare_type() -> &'static str {
        core::any::type_name::<Self>()
    }

    /// Decodes the bare form of one value from `r`.
    #[inline]
    fn deserialize_bare(r: &mut Reader<'de>) -> Result<Self> {
        let value = Self::read_bare(r);
        r.result_of(value)
    }

    /// Decodes a bare value that fills the whole buffer, with [`Limits::DEFAULT`]; trailing bytes
    /// are an error.
    #[inline]
    fn from_bytes_bare(buf: &'de [u8]) -> Result<Self> {
        Self::from_bytes_bare_with(buf, Limits::DEFAULT)
    }

    /// Decodes a bare value that fills the whole buffer, with the given limits.
    #[inline]
    fn from_bytes_bare_with(buf: &'de [u8], limits: Limits) -> Result<Self> {
        let mut r = Reader::with_limits(buf, limits.with_bound(Self::BARE_ALLOC_PER_INPUT_BYTE));
        let value = Self::read_bare(&mut r);
        r.finish(Self::tl_bare_type())?;
        r.result_of(value)
    }
}

/// A TL constructor: its id and its name as written in the schema.
pub trait Identifiable {
    /// The constructor id (explicit `#id` or the computed CRC32).
    const CONSTRUCTOR_ID: u32;
    /// The constructor's TL name, e.g. `"messages.getHistory"`.
    const TL_NAME: &'static str;
}

/// A TL function (an RPC): serialized as the request, answered with a [`Self::Return`].
pub trait RemoteCall: Serialize {
    /// The type of the answer, decoded from a buffer of lifetime `'de` (owned types ignore it;
    /// with `borrowed = true` the answer borrows from that buffer, not from the request).
    type Return<'de>: Deserialize<'de>;
    /// The errors the function's documentation lists (inline `//@error` lines, `docs = "…"`,
    /// `errors = "…"`), keyed on (code, name): rows of the schema's one `errors::TABLE`. Empty
    /// when nothing is known. The errors any method can return are not repeated here (see
    /// [`RpcErrorInfo::common`](crate::RpcErrorInfo::common)).
    const ERRORS: crate::RpcErrorList = crate::RpcErrorList::EMPTY;
}

/// A constructor or function struct (TL calls both *combinators*): what the generator emits for
/// each, and all it emits besides `Clone`, `Debug`, `PartialEq` and `From`. [`Identifiable`],
/// [`Serialize`], [`BareSerialize`], [`Deserialize`] and [`BareDeserialize`] are blanket impls
/// over it. One generated `visit_fields` serves encoding, the exact length, `Debug` and equality
/// (each is a [`FieldVisitor`]); `read_fields` is the decoder.
///
/// ```ignore
/// // updateShortMessage#313bc7f8 flags:# out:flags.1?true id:int … via_bot_id:flags.11?long …
/// impl<'de> Constructor<'de> for UpdateShortMessage {
///     const INFO: CtorInfo = CtorInfo::new(0x313bc7f8, "updateShortMessage", "UpdateShortMessage", 32);
///     fn visit_fields<V: FieldVisitor + ?Sized>(&self, v: &mut V) {
///         v.flags(bit(&self.out, 1 << 1) | /* … */ | bit(&self.via_bot_id, 1 << 11) | /* … */);
///         v.flag("out", self.out);
///         v.plain("id", &self.id);
///         /* … */
///         v.optional::<Plain, _>("via_bot_id", &self.via_bot_id);
///     }
///     fn read_fields(r: &mut Reader<'de>) -> Option<Self> {
///         let f0 = r.get_u32("updateShortMessage");
///         Some(Self { id: r.get(), /* … */, fwd_from: r.opt(f0, 1 << 2), /* … */, out: f0 & 2 != 0 })
///     }
/// }
/// ```
///
/// `'de` is the lifetime of the input it decodes from: an owned struct implements
/// `Constructor<'de>` for every `'de`, a borrowed one (`borrowed = true`) for its own lifetime.
pub trait Constructor<'de>: Sized {
    /// Its id, names and minimum size.
    const INFO: CtorInfo;
    /// Hands every field to `v`, in wire order.
    fn visit_fields<V: FieldVisitor + ?Sized>(&self, v: &mut V);
    /// Decodes the fields (the bare form); a failure is recorded in `r` as for
    /// [`Deserialize::read`].
    fn read_fields(r: &mut Reader<'de>) -> Option<Self>;
}

/// What a [`Constructor`] is, as constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CtorInfo {
    /// The constructor id (explicit `#id` or the computed CRC32).
    pub id: u32,
    /// The TL name, e.g. `"messages.getHistory"`.
    pub tl_name: &'static str,
    /// The Rust type name, e.g. `"GetHistory"` (what `Debug` prints).
    pub rust_name: &'static str,
    /// Fewest bytes the bare form takes on the wire.
    pub min_bare_len: usize,
    /// The allocation bound of the schema it belongs to (its
    /// [`Deserialize::ALLOC_PER_INPUT_BYTE`]).
    pub alloc_per_input_byte: u32,
}

impl CtorInfo {
    /// The first four, in order, with the generic allocation bound
    /// ([`Limits::ALLOC_PER_INPUT_BYTE`]); generated code uses [`CtorInfoIn::new`].
    pub const fn new(
        id: u32,
        tl_name: &'static str,
        rust_name: &'static str,
        min_bare_len: usize,
    ) -> Self {
        CtorInfoIn::<{ Limits::ALLOC_PER_INPUT_BYTE }>::new(id, tl_name, rust_name, min_bare_len)
    }
}

/// Makes the [`CtorInfo`]s of a schema whose allocation bound is `BOUND`: each generated
/// module names it once (`type __Info = CtorInfoIn<{ ALLOC_PER_INPUT_BYTE }>;`), and each
/// constructor's `INFO` is `__Info::new(id, tl_name, rust_name, min_bare_len)`.
pub struct CtorInfoIn<const BOUND: u32>;

impl<const BOUND: u32> CtorInfoIn<BOUND> {
    /// The schema's allocation bound.
    pub const BOUND: u32 = BOUND;

    /// A [`CtorInfo`] with this schema's bound (`CtorInfoIn` is only its maker, so `new` makes
    /// a `CtorInfo`).
    #[allow(clippy::new_ret_no_self)]
    pub const fn new(
        id: u32,
        tl_name: &'static str,
        rust_name: &'static str,
        min_bare_len: usize,
    ) -> CtorInfo {
        CtorInfo {
            id,
            tl_name,
            rust_name,
            min_bare_len,
            alloc_per_input_byte: BOUND,
        }
    }
}

/// The most of `heap / wire` (rounded up, at least 1) over `units`: the allocation bound of a
/// schema from its allocation units, each the heap a value can need where it is allocated and
/// the fewest bytes of its own encoding (what the generated `ALLOC_PER_INPUT_BYTE` is).
pub const fn alloc_bound(units: &[(usize, usize)]) -> u32 {
    let mut bound = 1;
    let mut i = 0;
    while i < units.len() {
        let (heap, wire) = units[i];
        let ratio = if wire == 0 { heap } else { heap.div_ceil(wire) };
        if ratio > bound {
            bound = ratio;
        }
        i += 1;
    }
    saturating_u32(bound)
}

/// `n` as a `u32`, `u32::MAX` if larger (a bound too large to matter).
pub(crate) const fn saturating_u32(n: usize) -> u32 {
    if n > u32::MAX as usize {
        u32::MAX
    } else {
        n as u32
    }
}

/// Receives the fields of a [`Constructor`]: what is on the wire (flags words, values, in
/// order) and what the Rust struct holds (names, `Option`s, flags as `bool`).
pub trait FieldVisitor {
    /// A flags word, computed from the fields (not a Rust field).
    fn flags(&mut self, word: u32);
    /// A required field encoded by `C`.
    fn field<C: Encode<T>, T: core::fmt::Debug>(&mut self, name: &'static str, value: &T);
    /// A `flags.N?T` field: on the wire when `Some`.
    fn optional<C: Encode<T>, T: core::fmt::Debug>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    );
    /// A `flags.N?true` field: no bytes, the bit says it.
    fn flag(&mut self, name: &'static str, value: bool);
    /// Fields on one bit whose members are not next to each other on the wire, as the Rust
    /// field holds them; the members follow as [`member`](FieldVisitor::member) calls, each at
    /// its place on the wire.
    fn group<T: core::fmt::Debug>(&mut self, name: &'static str, value: &Option<T>);
    /// One member of a [`group`](FieldVisitor::group): on the wire when the group is `Some`.
    fn member<C: Encode<T>, T>(&mut self, value: Option<&T>);

    /// A required field in its own boxed form ([`Plain`](crate::Plain)).
    #[inline]
    fn plain<T: Serialize + core::fmt::Debug>(&mut self, name: &'static str, value: &T) {
        self.field::<crate::codec::Plain, T>(name, value);
    }

    /// A `flags.N?T` field in its own boxed form ([`Plain`](crate::Plain)).
    #[inline]
    fn opt<T: Serialize + core::fmt::Debug>(&mut self, name: &'static str, value: &Option<T>) {
        self.optional::<crate::codec::Plain, T>(name, value);
    }
}

/// A boxed type (a generated enum): its value is one of the type's constructors. One generated
/// `match` serves encoding, `Debug`, equality, `constructor_id()` and `tl_name()`, another
/// decoding (its `Deserialize` is [`read_variant_of`](crate::__private::read_variant_of)):
///
/// ```ignore
/// const TL_TYPE: &'static str = "Updates";
/// fn visit_variant<V: VariantVisitor>(&self, v: V) -> V::Output {
///     match self {
///         Self::UpdatesTooLong(x) => v.visit("UpdatesTooLong", x),
///         Self::UpdateShortMessage(x) => v.visit("UpdateShortMessage", &**x), // boxed variant
///         /* … */
///     }
/// }
/// fn read_variant(r: &mut Reader<'de>, id: u32) -> Option<Self> {
///     match id {
///         0xe317af7e => Constructor::read_fields(r).map(Self::UpdatesTooLong),
///         0x313bc7f8 => read_boxed(r).map(Self::UpdateShortMessage),
///         /* … */
///         id => r.reject(id, Self::TL_TYPE),
///     }
/// }
/// ```
pub trait BoxedType<'de> {
    /// The TL name of the type, e.g. `"Updates"`: what a decoding error says was expected.
    const TL_TYPE: &'static str;
    /// Hands the constructor this value holds to `v`, with the Rust name of its variant.
    fn visit_variant<V: VariantVisitor>(&self, v: V) -> V::Output;
    /// Decodes the constructor with id `id` (just read) bare; for an id that is not one of the
    /// type's, records [`ErrorKind::UnknownConstructor`](crate::ErrorKind) and returns `None`.
    fn read_variant(r: &mut Reader<'de>, id: u32) -> Option<Self>
    where
        Self: Sized;
    /// The TL name of the constructor with id `id` (the schema's `name_for_id`): what an error's
    /// [path](crate::Error::path) starts with. Called only after a failure.
    fn tl_name_of(id: u32) -> Option<&'static str> {
        let _ = id;
        None
    }
}

/// Receives the constructor a [`BoxedType`] value holds.
pub trait VariantVisitor {
    /// What the visit returns.
    type Output;
    /// `variant` is the enum variant's name, `value` the constructor struct it holds.
    fn visit<'de, T: Constructor<'de> + core::fmt::Debug>(
        self,
        variant: &'static str,
        value: &T,
    ) -> Self::Output;
}
