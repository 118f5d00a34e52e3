//! serde for generated types (feature `serde`): JSON, or any self-describing serde format.
//!
//! Every invocation of `tl_schema!` holds one static [`Schema`]: its constructors and functions
//! with their TL arguments in wire order. A generated type's `serde::Serialize` encodes the value
//! to TL bytes and walks them with the table, handing each argument to the serializer (no tree
//! is built); its `serde::Deserialize` walks the input with the table, writes TL bytes, and
//! decodes them with the generated decoder, so every rule of the binary decoder (UTF-8, limits,
//! shared flag bits) holds for JSON too. Per type the generator emits two one-line impls.
//!
//! # The JSON
//!
//! | TL | default | `json = "tdlib"` |
//! |---|---|---|
//! | object | `{"_": "user", "id": …}` | `{"@type": "user", "id": …}` |
//! | `int`, `int32`, `#` | number | number |
//! | `long`, `int64` | string of digits (a number is accepted) | the same |
//! | `int53` | number | number |
//! | `double` | number; non-finite `"inf"`, `"-inf"`, `"nan"`, other NaNs `"0x…"` bits | the same |
//! | `string` | string | string |
//! | `bytes` | hex string | base64 string |
//! | `int128`, `int256` | hex string | hex string |
//! | `Bool` | `true`/`false` | `true`/`false` |
//! | `Vector<T>`, `vector<T>` | array | array |
//! | `flags.N?true` | `true` when set, else left out | — |
//! | `flags.N?T` | the value when set, else left out | — |
//! | flags words | left out (computed from the fields; ignored on input) | — |
//! | nullable object ("may be null") | — | the object, or left out when null |
//!
//! On input keys may come in any order, unknown keys are ignored, `null` is the same as a
//! missing key, and the tag may be left out where the expected type has one constructor (a
//! wrong tag is an error). A missing required field is an error, except with `json = "tdlib"`,
//! where numbers, strings, `Bool`s and vectors read as zero, empty or `false` (as TDLib
//! itself reads them) and a nullable object as `None`. Fields that share a flag bit are given
//! together or not at all.

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Error as _, SerializeSeq, SerializeStruct, Serializer};
use serde::Deserialize as _;

use crate::codec::NULL_ID;
use crate::primitives::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
use crate::traits::{DeserializeOwned, Serialize};
use crate::unit::TRUE_ID;
use crate::writer::write_bytes;

/// The JSON view of one schema: what `tl_schema!` emits as a static, read by [`serialize`] and
/// [`deserialize`].
#[derive(Debug)]
pub struct Schema {
    /// TDLib's JSON (`json = "tdlib"`): `"@type"`, base64 `bytes`, defaults for missing fields.
    pub tdlib: bool,
    /// Constructors, sorted by id.
    pub ctors: &'static [Ctor],
    /// Functions, sorted by id.
    pub functions: &'static [Ctor],
    /// Boxed types.
    pub types: &'static [Type],
    /// Indices into `ctors`, sorted by TL name.
    pub ctor_names: &'static [u32],
    /// Indices into `functions`, sorted by TL name.
    pub function_names: &'static [u32],
}

/// A constructor or function: id, TL name, arguments in wire order.
#[derive(Debug)]
pub struct Ctor(pub u32, pub &'static str, pub &'static [Arg]);

/// A boxed type: TL name, its constructors (indices into [`Schema::ctors`]).
#[derive(Debug)]
pub struct Type(pub &'static str, pub &'static [u32]);

/// One TL argument: its TL name and what it is.
#[derive(Debug)]
pub struct Arg(pub &'static str, pub Kind);

/// What a TL argument is.
#[derive(Debug)]
pub enum Kind {
    /// A flags word: its index among the constructor's flags words.
    Word(u8),
    /// A value that is always there.
    Value(Ty),
    /// `flags.N?T`: flags word, bit, type.
    Optional(u8, u8, Ty),
    /// `flags.N?true`: flags word, bit.
    True(u8, u8),
}

/// A TL type as the JSON walker sees it.
#[derive(Debug)]
pub enum Ty {
    /// `int`.
    Int,
    /// `#`.
    Nat,
    /// `long`, `int64`.
    Long,
    /// `int53`.
    Int53,
    /// `double`.
    Double,
    /// `Bool`.
    Bool,
    /// `string`.
    String,
    /// `bytes` (and a `string` mapped to bytes).
    Bytes,
    /// `int128` (16), `int256` (32), `int512` (64).
    Raw(usize),
    /// The boxed `True`.
    Unit,
    /// `Vector<T>`.
    Vector(&'static Ty),
    /// `vector<T>`.
    BareVector(&'static Ty),
    /// A boxed type: index into [`Schema::types`].
    Boxed(u32),
    /// One constructor in its boxed form (a generated struct): index into [`Schema::ctors`].
    Exact(u32),
    /// One constructor in its bare form: index into [`Schema::ctors`].
    Bare(u32),
    /// One function in its boxed form: index into [`Schema::functions`].
    Call(u32),
    /// Any constructor of the schema (`Object`).
    AnyObject,
    /// Any function of the schema (`Function`, `!X`).
    AnyFunction,
    /// A nullable object: `null#56730bcc`, or the value.
    Nullable(&'static Ty),
}

impl Schema {
    fn tag(&self) -> &'static str {
        if self.tdlib {
            "@type"
        } else {
            "_"
        }
    }

    fn ctor_by_id(&self, id: u32) -> Option<&'static Ctor> {
        let i = self.ctors.binary_search_by_key(&id, |c| c.0).ok()?;
        Some(&self.ctors[i])
    }

    fn function_by_id(&self, id: u32) -> Option<&'static Ctor> {
        let i = self.functions.binary_search_by_key(&id, |c| c.0).ok()?;
        Some(&self.functions[i])
    }

    fn by_name(list: &'static [Ctor], names: &'static [u32], name: &str) -> Option<&'static Ctor> {
        let i = names
            .binary_search_by(|&i| list[i as usize].1.cmp(name))
            .ok()?;
        Some(&list[names[i] as usize])
    }
}

// ---------------------------------------------------------------------------------------------
// Serialize: TL bytes → serializer calls.

/// `value` through `serializer`, as the value of type `root` of `schema`: what the generated
/// `serde::Serialize` impls call.
pub fn serialize<T: Serialize + ?Sized, S: Serializer>(
    schema: &'static Schema,
    root: &'static Ty,
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let bytes = value.to_bytes();
    let cursor = Cursor {
        bytes: &bytes,
        pos: Cell::new(0),
    };
    let node = Node {
        schema,
        ty: root,
        cursor: &cursor,
    };
    ser::Serialize::serialize(&node, serializer)
}

/// The encoding being walked. Serializers visit every value once, in order, so the nodes share
/// one position.
struct Cursor<'b> {
    bytes: &'b [u8],
    pos: Cell<usize>,
}

impl<'b> Cursor<'b> {
    fn take<E: ser::Error>(&self, n: usize) -> Result<&'b [u8], E> {
        let pos = self.pos.get();
        match self.bytes.get(pos..pos + n) {
            Some(b) => {
                self.pos.set(pos + n);
                Ok(b)
            }
            None => Err(E::custom(format_args!(
                "TL encoding ends at byte {pos}, {n} more expected"
            ))),
        }
    }

    fn array<E: ser::Error, const N: usize>(&self) -> Result<[u8; N], E> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }

    fn u32<E: ser::Error>(&self) -> Result<u32, E> {
        self.array().map(u32::from_le_bytes)
    }

    fn peek_u32(&self) -> Option<u32> {
        let pos = self.pos.get();
        let b = self.bytes.get(pos..pos + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A `string`/`bytes` body.
    fn tl_bytes<E: ser::Error>(&self) -> Result<&'b [u8], E> {
        let first = self.take(1)?[0];
        let (len, head) = if first == 254 {
            let b = self.take(3)?;
            (
                usize::from(b[0]) | usize::from(b[1]) << 8 | usize::from(b[2]) << 16,
                4,
            )
        } else {
            (usize::from(first), 1)
        };
        let data = self.take(len)?;
        self.take((4 - (head + len) % 4) % 4)?;
        Ok(data)
    }
}

/// One value of the encoding, of type `ty`, to be serialized.
#[derive(Clone, Copy)]
struct Node<'a> {
    schema: &'static Schema,
    ty: &'static Ty,
    cursor: &'a Cursor<'a>,
}

impl Node<'_> {
    fn at(&self, ty: &'static Ty) -> Self {
        Node { ty, ..*self }
    }
}

impl ser::Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (schema, c) = (self.schema, self.cursor);
        match self.ty {
            Ty::Int => s.serialize_i32(i32::from_le_bytes(c.array()?)),
            Ty::Nat => s.serialize_u32(c.u32()?),
            Ty::Long => s.collect_str(&i64::from_le_bytes(c.array()?)),
            Ty::Int53 => s.serialize_i64(i64::from_le_bytes(c.array()?)),
            Ty::Double => serialize_double(f64::from_le_bytes(c.array()?), s),
            Ty::Bool => match c.u32()? {
                BOOL_TRUE_ID => s.serialize_bool(true),
                BOOL_FALSE_ID => s.serialize_bool(false),
                id => Err(S::Error::custom(format_args!("{id:#010x} is not a Bool"))),
            },
            Ty::String => match core::str::from_utf8(c.tl_bytes()?) {
                Ok(text) => s.serialize_str(text),
                Err(_) => Err(S::Error::custom("a string is not UTF-8")),
            },
            Ty::Bytes if schema.tdlib => s.collect_str(&Base64(c.tl_bytes()?)),
            Ty::Bytes => s.collect_str(&Hex(c.tl_bytes()?)),
            Ty::Raw(n) => s.collect_str(&Hex(c.take(*n)?)),
            Ty::Unit => {
                c.u32::<S::Error>()?;
                s.serialize_bool(true)
            }
            Ty::Vector(elem) => {
                let id = c.u32()?;
                if id != VECTOR_ID {
                    return Err(S::Error::custom(format_args!("{id:#010x} is not a Vector")));
                }
                self.at(elem).serialize_elements(s)
            }
            Ty::BareVector(elem) => self.at(elem).serialize_elements(s),
            Ty::Boxed(t) => {
                let id = c.u32()?;
                let ty = &schema.types[*t as usize];
                let ctor =
                    ty.1.iter()
                        .map(|&i| &schema.ctors[i as usize])
                        .find(|ctor| ctor.0 == id)
                        .ok_or_else(|| {
                            S::Error::custom(format_args!(
                                "{id:#010x} is not a constructor of {}",
                                ty.0
                            ))
                        })?;
                self.serialize_object(ctor, s)
            }
            Ty::Exact(i) => {
                c.u32::<S::Error>()?;
                self.serialize_object(&schema.ctors[*i as usize], s)
            }
            Ty::Bare(i) => self.serialize_object(&schema.ctors[*i as usize], s),
            Ty::Call(i) => {
                c.u32::<S::Error>()?;
                self.serialize_object(&schema.functions[*i as usize], s)
            }
            Ty::AnyObject => {
                let id = c.u32()?;
                let ctor = schema.ctor_by_id(id).ok_or_else(|| {
                    S::Error::custom(format_args!(
                        "{id:#010x} is not a constructor of the schema"
                    ))
                })?;
                self.serialize_object(ctor, s)
            }
            Ty::AnyFunction => {
                let id = c.u32()?;
                let f = schema.function_by_id(id).ok_or_else(|| {
                    S::Error::custom(format_args!("{id:#010x} is not a function of the schema"))
                })?;
                self.serialize_object(f, s)
            }
            Ty::Nullable(inner) => {
                if c.peek_u32() == Some(NULL_ID) {
                    c.u32::<S::Error>()?;
                    s.serialize_none()
                } else {
                    s.serialize_some(&self.at(inner))
                }
            }
        }
    }
}

impl Node<'_> {
    /// A vector's count, then its elements (of `self.ty`).
    fn serialize_elements<S: Serializer>(self, s: S) -> Result<S::Ok, S::Error> {
        let n = u32::from_le_bytes(self.cursor.array()?) as usize;
        // The count was written by the encoder of a value in memory; still, never reserve
        // more than the bytes could hold.
        let mut seq = s.serialize_seq(Some(n.min(self.cursor.bytes.len())))?;
        for _ in 0..n {
            seq.serialize_element(&self)?;
        }
        seq.end()
    }

    /// The fields of `ctor` (its id already read), as a struct whose first field is the tag.
    fn serialize_object<S: Serializer>(self, ctor: &'static Ctor, s: S) -> Result<S::Ok, S::Error> {
        let c = self.cursor;
        let mut out = s.serialize_struct(ctor.1, ctor.2.len() + 1)?;
        out.serialize_field(self.schema.tag(), ctor.1)?;
        let mut words = [0u32; 8];
        for Arg(name, kind) in ctor.2 {
            match kind {
                Kind::Word(w) => {
                    let word = c.u32()?;
                    if let Some(slot) = words.get_mut(usize::from(*w)) {
                        *slot = word;
                    }
                }
                Kind::Value(Ty::Nullable(inner)) => {
                    if c.peek_u32() == Some(NULL_ID) {
                        c.u32::<S::Error>()?;
                        out.skip_field(name)?;
                    } else {
                        out.serialize_field(name, &self.at(inner))?;
                    }
                }
                Kind::Value(ty) => out.serialize_field(name, &self.at(ty))?,
                Kind::Optional(w, bit, ty) => {
                    if is_set(&words, *w, *bit) {
                        out.serialize_field(name, &self.at(ty))?;
                    } else {
                        out.skip_field(name)?;
                    }
                }
                Kind::True(w, bit) => {
                    if is_set(&words, *w, *bit) {
                        out.serialize_field(name, &true)?;
                    } else {
                        out.skip_field(name)?;
                    }
                }
            }
        }
        out.end()
    }
}

fn is_set(words: &[u32; 8], word: u8, bit: u8) -> bool {
    words
        .get(usize::from(word))
        .is_some_and(|w| (w >> bit) & 1 == 1)
}

/// A finite `double` as a number; the others as strings, so every value survives a round trip
/// (JSON has no NaN).
fn serialize_double<S: Serializer>(v: f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() {
        s.serialize_f64(v)
    } else if v == f64::INFINITY {
        s.serialize_str("inf")
    } else if v == f64::NEG_INFINITY {
        s.serialize_str("-inf")
    } else if v.to_bits() == f64::NAN.to_bits() {
        s.serialize_str("nan")
    } else {
        s.collect_str(&format_args!("{:#018x}", v.to_bits()))
    }
}

struct Hex<'b>(&'b [u8]);

impl fmt::Display for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

struct Base64<'b>(&'b [u8]);

impl fmt::Display for Base64<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use base64::Engine as _;
        f.write_str(&base64::engine::general_purpose::STANDARD.encode(self.0))
    }
}

// ---------------------------------------------------------------------------------------------
// Deserialize: deserializer → TL bytes → the generated decoder.

/// Most objects nested in one another on input (the binary decoder's default depth).
const MAX_DEPTH: u32 = 64;

/// The limits of decoding what the walker wrote. Its bytes hold no length prefix larger than
/// what follows (they were written from the elements themselves), so the allocation budget,
/// which guards against such prefixes, is not needed; nesting is bounded by [`MAX_DEPTH`] on
/// input already.
const DECODE_LIMITS: crate::Limits = crate::Limits {
    max_depth: 2 * MAX_DEPTH,
    alloc_per_input_byte: u32::MAX,
    ..crate::Limits::DEFAULT
};

/// A `T` from `deserializer`, read as the value of type `root` of `schema`: what the generated
/// `serde::Deserialize` impls call. The input is written out as TL bytes and decoded with `T`'s
/// decoder (UTF-8 checked, trailing bytes refused).
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    schema: &'static Schema,
    root: &'static Ty,
    deserializer: D,
) -> Result<T, D::Error> {
    let mut out = Vec::new();
    Seed {
        schema,
        ty: root,
        out: &mut out,
        depth: 0,
    }
    .deserialize(deserializer)?;
    T::from_bytes_with(&out, DECODE_LIMITS).map_err(de::Error::custom)
}

/// Reads one value of type `ty` and appends its TL encoding to `out`.
struct Seed<'o> {
    schema: &'static Schema,
    ty: &'static Ty,
    out: &'o mut Vec<u8>,
    depth: u32,
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.ty {
            Ty::Int | Ty::Nat | Ty::Long | Ty::Int53 => d.deserialize_any(Int(self)),
            Ty::Double => d.deserialize_any(Double(self.out)),
            Ty::Bool => d.deserialize_bool(BoolVisitor(self.out)),
            Ty::String => d.deserialize_str(Text(self.out)),
            Ty::Bytes | Ty::Raw(_) => d.deserialize_any(Blob(self)),
            Ty::Unit => {
                d.deserialize_any(IgnoredAny)?;
                self.out.extend_from_slice(&TRUE_ID.to_le_bytes());
                Ok(())
            }
            Ty::Vector(_) | Ty::BareVector(_) => d.deserialize_seq(Elements(self)),
            Ty::Nullable(_) => d.deserialize_option(NullableVisitor(self)),
            Ty::Boxed(_)
            | Ty::Exact(_)
            | Ty::Bare(_)
            | Ty::Call(_)
            | Ty::AnyObject
            | Ty::AnyFunction => {
                if self.depth >= MAX_DEPTH {
                    return Err(de::Error::custom(format_args!(
                        "objects nested more than {MAX_DEPTH} deep"
                    )));
                }
                d.deserialize_map(Object(self))
            }
        }
    }
}

/// `int`, `#`, `long`, `int53`: a number, or a string of digits.
struct Int<'o>(Seed<'o>);

impl Int<'_> {
    fn put<E: de::Error>(self, v: i128) -> Result<(), E> {
        let out = self.0.out;
        let (name, ok) = match self.0.ty {
            Ty::Int => (
                "int",
                i32::try_from(v)
                    .map(|v| out.extend(v.to_le_bytes()))
                    .is_ok(),
            ),
            Ty::Nat => (
                "#",
                u32::try_from(v)
                    .map(|v| out.extend(v.to_le_bytes()))
                    .is_ok(),
            ),
            _ => (
                "long",
                i64::try_from(v)
                    .map(|v| out.extend(v.to_le_bytes()))
                    .is_ok(),
            ),
        };
        if ok {
            Ok(())
        } else {
            Err(E::custom(format_args!("{v} is out of range for {name}")))
        }
    }
}

impl Visitor<'_> for Int<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, or a string of its digits")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.put(v.into())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.put(v.into())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        match v.parse::<i128>() {
            Ok(n) => self.put(n),
            Err(_) => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// `double`: a number, or one of the strings [`serialize_double`] writes.
struct Double<'o>(&'o mut Vec<u8>);

impl Double<'_> {
    fn put<E>(self, v: f64) -> Result<(), E> {
        self.0.extend(v.to_le_bytes());
        Ok(())
    }
}

impl Visitor<'_> for Double<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, \"inf\", \"-inf\", \"nan\" or \"0x…\" (the bits)")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.put(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.put(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.put(v as f64)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        let value = match v {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            _ => match v.strip_prefix("0x").map(|h| u64::from_str_radix(h, 16)) {
                Some(Ok(bits)) => f64::from_bits(bits),
                _ => return Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            },
        };
        self.put(value)
    }
}

struct BoolVisitor<'o>(&'o mut Vec<u8>);

impl Visitor<'_> for BoolVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true or false")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        let id = if v { BOOL_TRUE_ID } else { BOOL_FALSE_ID };
        self.0.extend(id.to_le_bytes());
        Ok(())
    }
}

struct Text<'o>(&'o mut Vec<u8>);

impl Visitor<'_> for Text<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        write_bytes(self.0, v.as_bytes());
        Ok(())
    }
}

/// `bytes` (hex, or base64 for TDLib), `int128`/`int256` (hex of exactly that many bytes).
struct Blob<'o>(Seed<'o>);

impl Visitor<'_> for Blob<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.ty {
            Ty::Raw(n) => write!(f, "a hex string of {n} bytes"),
            _ if self.0.schema.tdlib => f.write_str("a base64 string"),
            _ => f.write_str("a hex string"),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        let data = if self.0.schema.tdlib && matches!(self.0.ty, Ty::Bytes) {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD.decode(v).ok()
        } else {
            unhex(v)
        };
        match data {
            Some(data) => self.visit_bytes(&data),
            None => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        match self.0.ty {
            Ty::Raw(n) if v.len() != *n => Err(E::invalid_length(v.len(), &self)),
            Ty::Raw(_) => {
                self.0.out.extend_from_slice(v);
                Ok(())
            }
            _ if v.len() > 0xff_ffff => Err(E::invalid_length(v.len(), &self)),
            _ => {
                write_bytes(self.0.out, v);
                Ok(())
            }
        }
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| (c as char).to_digit(16);
    let text = text.as_bytes();
    if text.len() % 2 != 0 {
        return None;
    }
    text.chunks(2)
        .map(|p| Some((digit(p[0])? << 4 | digit(p[1])?) as u8))
        .collect()
}

/// A vector: `Vector`'s id (boxed), the count, the elements.
struct Elements<'o>(Seed<'o>);

impl<'de> Visitor<'de> for Elements<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let seed = self.0;
        let elem = match seed.ty {
            Ty::Vector(elem) => {
                seed.out.extend(VECTOR_ID.to_le_bytes());
                elem
            }
            Ty::BareVector(elem) => elem,
            _ => unreachable!("Elements reads vectors"),
        };
        let at = seed.out.len();
        seed.out.extend([0; 4]);
        let mut n: u32 = 0;
        loop {
            let element = Seed {
                schema: seed.schema,
                ty: elem,
                out: &mut *seed.out,
                depth: seed.depth,
            };
            if seq.next_element_seed(element)?.is_none() {
                break;
            }
            n = n
                .checked_add(1)
                .filter(|&n| n <= i32::MAX as u32)
                .ok_or_else(|| de::Error::custom("more than 2^31 - 1 elements"))?;
        }
        seed.out[at..at + 4].copy_from_slice(&n.to_le_bytes());
        Ok(())
    }
}

/// A nullable object: `null` (or absent) is `null#56730bcc`.
struct NullableVisitor<'o>(Seed<'o>);

impl<'de> Visitor<'de> for NullableVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.out.extend(NULL_ID.to_le_bytes());
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let Seed {
            schema,
            ty,
            out,
            depth,
        } = self.0;
        let Ty::Nullable(ty) = ty else {
            unreachable!("NullableVisitor reads nullable objects")
        };
        Seed {
            schema,
            ty,
            out,
            depth,
        }
        .deserialize(d)
    }
}

/// An object: its tag decides the constructor (where the expected type allows more than one);
/// its fields are encoded apart, then put in wire order with the flags words computed.
struct Object<'o>(Seed<'o>);

/// One field of an object as read: absent, a `true` flag, or its encoding.
enum Given {
    Absent,
    Flag(bool),
    Value(Vec<u8>),
}

impl Object<'_> {
    /// The constructor `tag` names, checked against the expected type; `None` for no tag.
    fn resolve<E: de::Error>(&self, tag: Option<&str>) -> Result<(&'static Ctor, bool), E> {
        let schema = self.0.schema;
        let named = |list: &'static [Ctor], names, what: &str| match tag {
            Some(tag) => Schema::by_name(list, names, tag)
                .ok_or_else(|| E::custom(format_args!("unknown {what} `{tag}`"))),
            None => Err(E::custom(format_args!("missing `{}`", schema.tag()))),
        };
        let exact = |ctor: &'static Ctor| match tag {
            Some(tag) if tag != ctor.1 => Err(E::custom(format_args!(
                "`{tag}` where `{}` is expected",
                ctor.1
            ))),
            _ => Ok(ctor),
        };
        Ok(match self.0.ty {
            Ty::Exact(i) => (exact(&schema.ctors[*i as usize])?, true),
            Ty::Bare(i) => (exact(&schema.ctors[*i as usize])?, false),
            Ty::Call(i) => (exact(&schema.functions[*i as usize])?, true),
            Ty::Boxed(t) => {
                let ty = &schema.types[*t as usize];
                let mut ctors = ty.1.iter().map(|&i| &schema.ctors[i as usize]);
                let ctor = match tag {
                    None if ty.1.len() == 1 => ctors.next(),
                    None => {
                        return Err(E::custom(format_args!(
                            "missing `{}`: `{}` has {} constructors",
                            schema.tag(),
                            ty.0,
                            ty.1.len()
                        )))
                    }
                    Some(tag) => ctors.find(|c| c.1 == tag),
                };
                let ctor = ctor.ok_or_else(|| {
                    E::custom(format_args!(
                        "`{}` is not a constructor of `{}`",
                        tag.unwrap_or_default(),
                        ty.0
                    ))
                })?;
                (ctor, true)
            }
            Ty::AnyObject => (named(schema.ctors, schema.ctor_names, "constructor")?, true),
            Ty::AnyFunction => (
                named(schema.functions, schema.function_names, "function")?,
                true,
            ),
            _ => unreachable!("Object reads objects"),
        })
    }

    /// Reads the value of key `key` into `given`.
    fn field<'de, D: Deserializer<'de>>(
        &self,
        ctor: &'static Ctor,
        given: &mut [Given],
        key: &str,
        value: D,
    ) -> Result<(), D::Error> {
        let Some(i) = ctor
            .2
            .iter()
            .position(|a| a.0 == key && !matches!(a.1, Kind::Word(_)))
        else {
            value.deserialize_any(IgnoredAny)?;
            return Ok(());
        };
        if !matches!(given[i], Given::Absent) {
            return Err(de::Error::custom(format_args!(
                "field `{key}` of `{}` is given twice",
                ctor.1
            )));
        }
        given[i] = match &ctor.2[i].1 {
            Kind::True(..) => Given::Flag(Option::<bool>::deserialize(value)?.unwrap_or(false)),
            Kind::Value(ty) | Kind::Optional(_, _, ty) => {
                let mut out = Vec::new();
                let seed = Seed {
                    schema: self.0.schema,
                    ty,
                    out: &mut out,
                    depth: self.0.depth + 1,
                };
                match value.deserialize_option(Present(seed))? {
                    true => Given::Value(out),
                    false => Given::Absent,
                }
            }
            Kind::Word(_) => unreachable!("flags words are not looked up"),
        };
        Ok(())
    }

    /// The object's encoding from its fields.
    fn finish<E: de::Error>(
        self,
        ctor: &'static Ctor,
        with_id: bool,
        given: Vec<Given>,
    ) -> Result<(), E> {
        let out = self.0.out;
        let mut words = [0u32; 8];
        for (Arg(_, kind), given) in ctor.2.iter().zip(&given) {
            let set = match given {
                Given::Flag(set) => *set,
                Given::Value(_) => true,
                Given::Absent => false,
            };
            if let (Kind::Optional(w, bit, _) | Kind::True(w, bit), true) = (kind, set) {
                if let Some(word) = words.get_mut(usize::from(*w)) {
                    *word |= 1 << bit;
                }
            }
        }
        if with_id {
            out.extend(ctor.0.to_le_bytes());
        }
        for (Arg(name, kind), given) in ctor.2.iter().zip(given) {
            match (kind, given) {
                (Kind::Word(w), _) => out.extend(words[usize::from(*w) % 8].to_le_bytes()),
                (Kind::Value(_) | Kind::Optional(..), Given::Value(bytes)) => {
                    out.extend_from_slice(&bytes)
                }
                (Kind::Value(ty), _) => {
                    let defaulted = self.0.schema.tdlib && write_default(ty, out);
                    if !defaulted {
                        return Err(E::custom(format_args!(
                            "missing field `{name}` of `{}`",
                            ctor.1
                        )));
                    }
                }
                (Kind::Optional(w, bit, _), _) if is_set(&words, *w, *bit) => {
                    return Err(E::custom(format_args!(
                        "field `{name}` of `{}` shares its flag bit with a field that is given: \
                         give both or neither",
                        ctor.1
                    )))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// With TDLib's rules, the value of a missing field of type `ty`: zero, empty, `false`, or null
/// for numbers, strings, `Bool`s, vectors and nullable objects; `false` (nothing written) for the
/// other types, which have no default.
fn write_default(ty: &Ty, out: &mut Vec<u8>) -> bool {
    match ty {
        Ty::Int | Ty::Nat | Ty::String | Ty::Bytes | Ty::BareVector(_) => out.extend([0; 4]),
        Ty::Long | Ty::Int53 | Ty::Double => out.extend([0; 8]),
        Ty::Bool => out.extend(BOOL_FALSE_ID.to_le_bytes()),
        Ty::Raw(n) => out.resize(out.len() + n, 0),
        Ty::Vector(_) => {
            out.extend(VECTOR_ID.to_le_bytes());
            out.extend([0; 4]);
        }
        Ty::Nullable(_) => out.extend(NULL_ID.to_le_bytes()),
        _ => return false,
    }
    true
}

/// A field's value, `null` meaning absent: `true` when a value was written.
struct Present<'o>(Seed<'o>);

impl<'de> Visitor<'de> for Present<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        self.0.deserialize(d).map(|()| true)
    }
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object tagged with `{}`", self.0.schema.tag())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let tag_key = self.0.schema.tag();
        // Keys before the tag are kept (as JSON values) until the constructor is known.
        let mut early: Vec<(String, serde_json::Value)> = Vec::new();
        let mut tag = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == tag_key {
                tag = Some(map.next_value::<String>()?);
                break;
            }
            early.push((key, map.next_value()?));
        }
        let (ctor, with_id) = self.resolve(tag.as_deref())?;
        let mut given: Vec<Given> = ctor.2.iter().map(|_| Given::Absent).collect();
        for (key, value) in early {
            self.field(ctor, &mut given, &key, value)
                .map_err(de::Error::custom)?;
        }
        while let Some(key) = map.next_key::<String>()? {
            if key == tag_key {
                return Err(de::Error::custom(format_args!(
                    "`{tag_key}` is given twice"
                )));
            }
            self.field(ctor, &mut given, &key, MapValue(&mut map))?;
        }
        self.finish(ctor, with_id, given)
    }
}

/// The next value of a map, as a deserializer: lets [`Object::field`] read a streamed value and
/// a buffered one the same way.
struct MapValue<'m, A>(&'m mut A);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MapValue<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(Forward(v, Hand::Any))
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(Forward(v, Hand::Option))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// How [`Forward`] hands its visitor on.
enum Hand {
    Any,
    Option,
}

/// A seed that hands the deserializer of a map value to a visitor.
struct Forward<V>(V, Hand);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Forward<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        match self.1 {
            Hand::Any => d.deserialize_any(self.0),
            Hand::Option => d.deserialize_option(self.0),
        }
    }
}

mod envelope;
pub use envelope::Envelope;

/// Emits the `serde` impls of generated types; expands to nothing without the feature.
#[doc(hidden)]
#[macro_export]
macro_rules! __if_serde {
    ($($item:tt)*) => { $($item)* };
}

/// `serde::Serialize` and `serde::Deserialize` of generated types, each through the schema's
/// table: `__serde_impls!(TABLE; types::User = Exact(0), enums::User = Boxed(0), …)`.
/// `ser` before the table: `Serialize` only (borrowed expansions).
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_impls {
    ($table:ident; $($ty:ty = $root:ident($($i:literal)?)),* $(,)?) => {$(
        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<__S: $crate::__private::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::json::serialize(&$table, &$crate::json::Ty::$root$(($i))?, self, __s)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                $crate::json::deserialize(&$table, &$crate::json::Ty::$root$(($i))?, __d)
            }
        }
    )*};
    (ser $table:ident; $($ty:ty = $root:ident($($i:literal)?)),* $(,)?) => {$(
        impl<'de> $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<__S: $crate::__private::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                $crate::json::serialize(&$table, &$crate::json::Ty::$root$(($i))?, self, __s)
            }
        }
    )*};
}
