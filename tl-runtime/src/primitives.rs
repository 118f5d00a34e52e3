//! TL builtin types mapped to Rust types: `int`, `#`, `long`, `double`, `int128`/`int256`/`int512`,
//! `Bool`, `string`, `Vector<T>`, plus the bare form of `Box<T>`.
//!
//! For the builtins the bare and the boxed forms are the same bytes; for `Vec<T>` the bare form
//! is the TL `vector<T>` (count and elements, no id).

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, ErrorKind};
use crate::reader::Reader;
use crate::sink::Sink;
use crate::traits::{BareDeserialize, BareSerialize, Deserialize, Fallback, Serialize};
use crate::writer::{bytes_len, write_bytes};

/// Constructor id of `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// Constructor id of the boxed `Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;

/// Implements the four traits for a fixed-size little-endian number; bare = boxed.
macro_rules! fixed {
    ($($ty:ty, $name:literal, $len:literal;)*) => {$(
        impl Serialize for $ty {
            #[inline]
            fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
                out.put(&self.to_le_bytes());
            }
            #[inline]
            fn serialized_len(&self) -> usize {
                $len
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            const MIN_LEN: usize = $len;
            const ALLOC_PER_INPUT_BYTE: u32 = 1;
            #[inline]
            fn read(r: &mut Reader<'de>) -> Option<Self> {
                Self::read_field(r, "")
            }
            #[inline]
            fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
                Some(<$ty>::from_le_bytes(r.get_array_in($name, field)))
            }
            #[inline]
            fn tl_type() -> &'static str {
                $name
            }
        }
        impl Fallback for $ty {
            #[inline]
            fn fallback() -> Self {
                0 as $ty
            }
        }
        same_bare!($ty, $len);
    )*};
}

/// Implements the bare traits as the boxed ones (same bytes).
macro_rules! same_bare {
    ($ty:ty, $min:expr) => {
        impl BareSerialize for $ty {
            #[inline]
            fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S) {
                Serialize::serialize(self, out)
            }
            #[inline]
            fn bare_len(&self) -> usize {
                Serialize::serialized_len(self)
            }
        }
        impl<'de> BareDeserialize<'de> for $ty {
            const MIN_BARE_LEN: usize = $min;
            const BARE_ALLOC_PER_INPUT_BYTE: u32 = 1;
            #[inline]
            fn read_bare(r: &mut Reader<'de>) -> Option<Self> {
                <$ty as Deserialize<'de>>::read(r)
            }
        }
    };
}

fixed! {
    i32, "int", 4;
    u32, "#", 4;
    i64, "long", 8;
    f64, "double", 8;
}

/// TL name of an `N`-byte integer, for error messages.
const fn int_name(n: usize) -> &'static str {
    match n {
        16 => "int128",
        32 => "int256",
        64 => "int512",
        _ => "raw bytes",
    }
}

/// `int128`, `int256`, `int512`: `N` raw bytes.
impl<const N: usize> Serialize for [u8; N] {
    #[inline]
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put(self);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        N
    }
    /// Hex, the bytes in wire order.
    fn fmt_field(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl<'de, const N: usize> Deserialize<'de> for [u8; N] {
    const MIN_LEN: usize = N;
    const ALLOC_PER_INPUT_BYTE: u32 = 1;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        Some(r.get_array_in(int_name(N), field))
    }
}

impl<const N: usize> Fallback for [u8; N] {
    #[inline]
    fn fallback() -> Self {
        [0; N]
    }
}

impl<const N: usize> BareSerialize for [u8; N] {
    #[inline]
    fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put(self);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        N
    }
}

impl<'de, const N: usize> BareDeserialize<'de> for [u8; N] {
    const MIN_BARE_LEN: usize = N;
    #[inline]
    fn read_bare(r: &mut Reader<'de>) -> Option<Self> {
        Some(r.get_array(int_name(N)))
    }
}

/// `Bool`: `boolTrue#997275b5` / `boolFalse#bc799737`.
impl Serialize for bool {
    #[inline]
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put_u32(if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }
}

impl<'de> Deserialize<'de> for bool {
    const ALLOC_PER_INPUT_BYTE: u32 = 1;
    /// Any other id is [`ErrorKind::UnknownConstructor`] with expected type `"Bool"`.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        Some(match u32::from_le_bytes(r.get_array_in("Bool", field)) {
            BOOL_TRUE_ID => true,
            BOOL_FALSE_ID => false,
            id => {
                r.fail_unknown_in(id, "Bool", field);
                false
            }
        })
    }
}

/// A nullable object's value after a failure: `None`.
impl<T> Fallback for Option<T> {
    #[inline]
    fn fallback() -> Self {
        None
    }
}

impl Fallback for bool {
    #[inline]
    fn fallback() -> Self {
        false
    }
}

same_bare!(bool, 4);

/// `string`: TL bytes encoding of UTF-8 text, owned (`String`) or borrowed from the input
/// (`&str`, `tl_schema!(…, borrowed = true)`: checked for UTF-8 as `String` is, nothing copied).
macro_rules! text {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            #[inline]
            fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
                write_bytes(out, self.as_bytes());
            }
            #[inline]
            fn serialized_len(&self) -> usize {
                bytes_len(self.len())
            }
        }
    )*};
}

text!(String, &str);

impl<'de> Deserialize<'de> for String {
    const ALLOC_PER_INPUT_BYTE: u32 = 1;
    /// Invalid UTF-8 is [`ErrorKind::InvalidUtf8`] at the offset of the length prefix, in every
    /// mode (`String` is strict UTF-8 whatever [`Limits::strict`](crate::Limits::strict) says).
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        // After a failure the text is "", which `to_owned` does not allocate for.
        Some(read_str(r, true, field).to_owned())
    }
    #[inline]
    fn tl_type() -> &'static str {
        "string"
    }
}

impl Fallback for String {
    #[inline]
    fn fallback() -> Self {
        String::new()
    }
}

impl<'de> Deserialize<'de> for &'de str {
    const ALLOC_PER_INPUT_BYTE: u32 = 1;
    /// Invalid UTF-8 is [`ErrorKind::InvalidUtf8`] at the offset of the length prefix.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        Some(read_str(r, false, field))
    }
}

impl Fallback for &str {
    #[inline]
    fn fallback() -> Self {
        ""
    }
}

impl BareSerialize for &str {
    #[inline]
    fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S) {
        Serialize::serialize(self, out)
    }
}

impl<'de> BareDeserialize<'de> for &'de str {
    const MIN_BARE_LEN: usize = 4;
    #[inline]
    fn read_bare(r: &mut Reader<'de>) -> Option<Self> {
        <&str as Deserialize<'de>>::read(r)
    }
}

/// `bytes` borrowed from the input (through the [`Bytes`](crate::Bytes) codec).
impl Fallback for &[u8] {
    #[inline]
    fn fallback() -> Self {
        &[]
    }
}

/// Reads the data of a `string` and checks that it is UTF-8 (invalid UTF-8 is
/// [`ErrorKind::InvalidUtf8`] at the offset of the length prefix); `""` after a failure. With
/// `charge`, its length is charged to the allocation budget, for a caller that copies it.
/// `field` is the field a failure's path names.
///
/// simdutf8's validator (SIMD where the CPU has it, chosen at run time) is several times faster
/// than `core::str::from_utf8` on text of a few hundred bytes; it says only valid or not, which is
/// all the error needs.
#[inline(always)]
fn read_str<'de>(r: &mut Reader<'de>, charge: bool, field: &'static str) -> &'de str {
    let offset = r.position();
    let data = r.get_bytes_charged(charge, "string", field);
    match simdutf8::basic::from_utf8(data) {
        Ok(text) => text,
        Err(_) => {
            r.fail_field(invalid_utf8(offset), field);
            ""
        }
    }
}

#[cold]
#[inline(never)]
fn invalid_utf8(offset: usize) -> Error {
    Error::new(ErrorKind::InvalidUtf8, offset, None, "string")
}

same_bare!(String, 4);

/// Reads a vector body (count, elements) with `read` for each element of at least `min_len`
/// bytes. The count is checked against the input and [`Limits`](crate::Limits) first, then the
/// buffer of exactly `count` elements is charged to the allocation budget and allocated once.
/// After a failure it stops reading (the vector is dropped by the caller); the error's path
/// gets the failing element's index and `field`, the field the vector is.
#[inline]
pub(crate) fn read_elements<'de, T>(
    r: &mut Reader<'de>,
    min_len: usize,
    expected: &'static str,
    field: &'static str,
    mut read: impl FnMut(&mut Reader<'de>) -> Option<T>,
) -> Vec<T> {
    let offset = r.position();
    let count = r.get_count_in(min_len, expected, field);
    let buffer = count.saturating_mul(size_of::<T>());
    if count == 0 || !r.take_budget_in(buffer, offset, expected, field) {
        return Vec::new();
    }
    let mut items = Vec::with_capacity(count);
    for _ in 0..count {
        match read(r) {
            Some(item) if !r.failed() => items.push(item),
            _ => {
                // The failing element's index: the elements decoded before it.
                r.note_element(field, items.len());
                break;
            }
        }
    }
    items
}

/// Reads the boxed `Vector` id of field `field`; another id is
/// [`ErrorKind::UnexpectedConstructor`].
#[inline]
pub(crate) fn read_vector_id(r: &mut Reader<'_>, field: &'static str) {
    let id = u32::from_le_bytes(r.get_array_in("Vector", field));
    if id != VECTOR_ID {
        r.fail_unexpected_in(id, VECTOR_ID, "Vector", field);
    }
}

/// Writes a vector count. TL counts are `i32`; more than `i32::MAX` elements cannot be encoded
/// (`debug_assert!`; release builds write the count truncated).
#[inline]
pub(crate) fn write_count<S: Sink + ?Sized>(out: &mut S, count: usize) {
    debug_assert!(
        i32::try_from(count).is_ok(),
        "TL vector longer than i32::MAX"
    );
    out.put_u32(count as u32);
}

/// The allocation bound of a `Vec<T>` whose elements take at least `min_len` bytes and need
/// `element` bytes of heap per byte: each element also takes `size_of::<T>()` of the buffer.
const fn vec_bound<T>(element: u32, min_len: usize) -> u32 {
    let buffer = size_of::<T>().div_ceil(if min_len == 0 { 1 } else { min_len });
    crate::traits::saturating_u32(element as usize + buffer)
}

/// The boxed `Vector<T>`: id `0x1cb5c415`, `i32` count, the elements (boxed `T`).
impl<T: Serialize> Serialize for Vec<T> {
    #[inline]
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put_u32(VECTOR_ID);
        self.serialize_bare(out);
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Vec<T> {
    const MIN_LEN: usize = 8;
    const ALLOC_PER_INPUT_BYTE: u32 = vec_bound::<T>(T::ALLOC_PER_INPUT_BYTE, T::MIN_LEN);
    /// A wrong id is [`ErrorKind::UnexpectedConstructor`] (expected `"Vector"`); a negative count
    /// or one the remaining input cannot hold is [`ErrorKind::LengthTooLarge`], checked before
    /// allocating.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        read_vector_id(r, field);
        Some(read_elements(r, T::MIN_LEN, "Vector", field, T::read))
    }
    #[inline]
    fn tl_type() -> &'static str {
        "Vector"
    }
}

impl<T> Fallback for Vec<T> {
    #[inline]
    fn fallback() -> Self {
        Vec::new()
    }
}

/// The bare `vector<T>`: `i32` count, then the elements (boxed `T`).
impl<T: Serialize> BareSerialize for Vec<T> {
    #[inline]
    fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S) {
        write_count(out, self.len());
        for item in self {
            item.serialize(out);
        }
    }
}

impl<'de, T: Deserialize<'de>> BareDeserialize<'de> for Vec<T> {
    const MIN_BARE_LEN: usize = 4;
    const BARE_ALLOC_PER_INPUT_BYTE: u32 = vec_bound::<T>(T::ALLOC_PER_INPUT_BYTE, T::MIN_LEN);
    #[inline]
    fn read_bare(r: &mut Reader<'de>) -> Option<Self> {
        Some(read_elements(r, T::MIN_LEN, "vector", "", T::read))
    }
}
