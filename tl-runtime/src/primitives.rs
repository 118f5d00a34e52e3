//! TL builtin types mapped to Rust types: `int`, `#`, `long`, `double`, `int128`/`int256`/`int512`,
//! `Bool`, `string`, `Vector<T>`, plus `Box<T>` delegation.
//!
//! For the builtins the bare and the boxed forms are the same bytes; for `Vec<T>` the bare form
//! is the TL `vector<T>` (count and elements, no id).

use crate::error::{Error, ErrorKind, Result};
use crate::reader::Reader;
use crate::traits::{BareDeserialize, BareSerialize, Deserialize, Serialize};
use crate::writer::{bytes_len, write_bytes, write_i32, write_u32};

/// Constructor id of `boolTrue`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// Constructor id of the boxed `Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;

/// Implements the four traits for a fixed-size little-endian number; bare = boxed.
macro_rules! fixed {
    ($($ty:ty, $name:literal, $read:ident, $len:literal;)*) => {$(
        impl Serialize for $ty {
            #[inline]
            fn serialize(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            #[inline]
            fn serialized_len(&self) -> usize {
                $len
            }
        }
        impl Deserialize for $ty {
            const MIN_LEN: usize = $len;
            #[inline]
            fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
                r.$read($name)
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
            fn serialize_bare(&self, out: &mut Vec<u8>) {
                Serialize::serialize(self, out)
            }
            #[inline]
            fn bare_len(&self) -> usize {
                Serialize::serialized_len(self)
            }
        }
        impl BareDeserialize for $ty {
            const MIN_BARE_LEN: usize = $min;
            #[inline]
            fn deserialize_bare(r: &mut Reader<'_>) -> Result<Self> {
                <$ty as Deserialize>::deserialize(r)
            }
        }
    };
}

fixed! {
    i32, "int", read_i32, 4;
    u32, "#", read_u32, 4;
    i64, "long", read_i64, 8;
    f64, "double", read_f64, 8;
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
    fn serialize(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        N
    }
}

impl<const N: usize> Deserialize for [u8; N] {
    const MIN_LEN: usize = N;
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        r.read_array(int_name(N))
    }
}

impl<const N: usize> BareSerialize for [u8; N] {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self);
    }
    #[inline]
    fn bare_len(&self) -> usize {
        N
    }
}

impl<const N: usize> BareDeserialize for [u8; N] {
    const MIN_BARE_LEN: usize = N;
    #[inline]
    fn deserialize_bare(r: &mut Reader<'_>) -> Result<Self> {
        r.read_array(int_name(N))
    }
}

/// `Bool`: `boolTrue#997275b5` / `boolFalse#bc799737`.
impl Serialize for bool {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write_u32(out, if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }
}

impl Deserialize for bool {
    /// Any other id is [`ErrorKind::UnknownConstructor`] with expected type `"Bool"`.
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        let offset = r.position();
        match r.read_u32("Bool")? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(r.unknown_constructor(id, offset, "Bool")),
        }
    }
}

same_bare!(bool, 4);

/// `string`: TL bytes encoding of UTF-8 text.
impl Serialize for String {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write_bytes(out, self.as_bytes());
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        bytes_len(self.len())
    }
}

impl Deserialize for String {
    /// Invalid UTF-8 is [`ErrorKind::InvalidUtf8`] at the offset of the length prefix, in every
    /// mode (`String` is strict UTF-8 whatever [`Limits::strict`](crate::Limits::strict) says).
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        let offset = r.position();
        let data = r.read_bytes_charged(true, "string")?;
        match core::str::from_utf8(data) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => Err(invalid_utf8(offset)),
        }
    }
}

#[cold]
#[inline(never)]
fn invalid_utf8(offset: usize) -> Error {
    Error::new(ErrorKind::InvalidUtf8, offset, None, "string")
}

same_bare!(String, 4);

/// Reads a vector body (count, elements) with `decode` for each element of at least `min_len`
/// bytes. The count is checked against the input and [`Limits`](crate::Limits) first, then the
/// buffer of exactly `count` elements is charged to the allocation budget and allocated once.
#[inline]
pub(crate) fn read_elements<T>(
    r: &mut Reader<'_>,
    min_len: usize,
    expected: &'static str,
    mut decode: impl FnMut(&mut Reader<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let offset = r.position();
    let count = r.read_count(min_len, expected)?;
    r.charge_at(count.saturating_mul(size_of::<T>()), offset, expected)?;
    let mut items = Vec::with_capacity(count);
    for _ in 0..count {
        items.push(decode(r)?);
    }
    Ok(items)
}

/// Reads the boxed `Vector` id; another id is [`ErrorKind::UnexpectedConstructor`].
#[inline]
pub(crate) fn read_vector_id(r: &mut Reader<'_>) -> Result<()> {
    let offset = r.position();
    let id = r.read_u32("Vector")?;
    if id == VECTOR_ID {
        Ok(())
    } else {
        Err(r.unexpected_constructor(id, VECTOR_ID, offset, "Vector"))
    }
}

/// Writes a vector count. TL counts are `i32`; more than `i32::MAX` elements cannot be encoded
/// (`debug_assert!`; release builds write the count truncated).
#[inline]
pub(crate) fn write_count(out: &mut Vec<u8>, count: usize) {
    debug_assert!(
        i32::try_from(count).is_ok(),
        "TL vector longer than i32::MAX"
    );
    write_i32(out, count as i32);
}

/// The boxed `Vector<T>`: id `0x1cb5c415`, `i32` count, the elements (boxed `T`).
impl<T: Serialize> Serialize for Vec<T> {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write_u32(out, VECTOR_ID);
        self.serialize_bare(out);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        4 + self.bare_len()
    }
}

impl<T: Deserialize> Deserialize for Vec<T> {
    const MIN_LEN: usize = 8;
    /// A wrong id is [`ErrorKind::UnexpectedConstructor`] (expected `"Vector"`); a negative count
    /// or one the remaining input cannot hold is [`ErrorKind::LengthTooLarge`], checked before
    /// allocating.
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        read_vector_id(r)?;
        read_elements(r, T::MIN_LEN, "Vector", T::deserialize)
    }
}

/// The bare `vector<T>`: `i32` count, then the elements (boxed `T`).
impl<T: Serialize> BareSerialize for Vec<T> {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        write_count(out, self.len());
        for item in self {
            item.serialize(out);
        }
    }
    #[inline]
    fn bare_len(&self) -> usize {
        4 + self.iter().map(T::serialized_len).sum::<usize>()
    }
}

impl<T: Deserialize> BareDeserialize for Vec<T> {
    const MIN_BARE_LEN: usize = 4;
    #[inline]
    fn deserialize_bare(r: &mut Reader<'_>) -> Result<Self> {
        read_elements(r, T::MIN_LEN, "vector", T::deserialize)
    }
}

/// `Box<T>` is encoded exactly as `T`.
impl<T: Serialize + ?Sized> Serialize for Box<T> {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        (**self).serialize(out)
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        (**self).serialized_len()
    }
}

impl<T: Deserialize> Deserialize for Box<T> {
    const MIN_LEN: usize = T::MIN_LEN;
    /// Charges `size_of::<T>()` to the allocation budget first.
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        r.charge(size_of::<T>(), core::any::type_name::<T>())?;
        T::deserialize(r).map(Box::new)
    }
}

impl<T: BareSerialize + ?Sized> BareSerialize for Box<T> {
    #[inline]
    fn serialize_bare(&self, out: &mut Vec<u8>) {
        (**self).serialize_bare(out)
    }
    #[inline]
    fn bare_len(&self) -> usize {
        (**self).bare_len()
    }
}

impl<T: BareDeserialize> BareDeserialize for Box<T> {
    const MIN_BARE_LEN: usize = T::MIN_BARE_LEN;
    /// Charges `size_of::<T>()` to the allocation budget first.
    #[inline]
    fn deserialize_bare(r: &mut Reader<'_>) -> Result<Self> {
        r.charge(size_of::<T>(), core::any::type_name::<T>())?;
        T::deserialize_bare(r).map(Box::new)
    }
}
