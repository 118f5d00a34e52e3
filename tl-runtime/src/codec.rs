//! Codecs: how a field of Rust type `T` is put on the wire.
//!
//! Generated code calls `<C as Codec<T>>::encode(&self.field, out)`,
//! `<C as Codec<T>>::encoded_len(&self.field)` and `<C as Codec<T>>::decode(r)`, where `C` is
//! picked from the field's TL type: [`Plain`] for boxed types and builtins, [`Bare`] for bare
//! constructors, [`Bytes`] for `bytes`, [`Vector`]/[`BareVector`] for vectors, [`Boxed`] for a
//! field held in a `Box`.

use core::marker::PhantomData;

use crate::error::Result;
use crate::primitives::{read_elements, read_vector_id, write_count, VECTOR_ID};
use crate::reader::Reader;
use crate::traits::{BareDeserialize, BareSerialize, Deserialize, Serialize};
use crate::writer::{bytes_len, write_bytes, write_u32};

/// Encodes and decodes values of type `T` in one wire form.
pub trait Codec<T> {
    /// Smallest number of bytes an encoded value takes (bounds vector counts).
    const MIN_LEN: usize;
    /// Appends the encoding of `v` to `out`.
    fn encode(v: &T, out: &mut Vec<u8>);
    /// Exact number of bytes [`encode`](Codec::encode) appends.
    fn encoded_len(v: &T) -> usize;
    /// Decodes one value.
    fn decode(r: &mut Reader<'_>) -> Result<T>;
}

/// The value's own boxed form ([`Serialize`] + [`Deserialize`]): `int`, `long`, `string`,
/// `Bool`, `int128`, boxed types, `Vector<...>` of plain elements.
#[derive(Clone, Copy, Debug)]
pub struct Plain;

/// The bare form ([`BareSerialize`] + [`BareDeserialize`]), e.g. `future_salt` or `%Message`.
/// Decoding counts one nesting level (see [`Reader::enter`]), so recursion through bare fields
/// is bounded too.
#[derive(Clone, Copy, Debug)]
pub struct Bare;

/// `Vec<u8>` as TL `bytes` (also a `string` field mapped to raw bytes).
#[derive(Clone, Copy, Debug)]
pub struct Bytes;

/// `Vec<T>` as the boxed `Vector<...>` (id, `i32` count, elements) with elements in codec `C`,
/// e.g. `Vector<Bare>`, `Vector<Bytes>`.
#[derive(Clone, Copy, Debug)]
pub struct Vector<C>(PhantomData<C>);

/// `Vec<T>` as the bare `vector<...>` (`i32` count, elements) with elements in codec `C`.
#[derive(Clone, Copy, Debug)]
pub struct BareVector<C>(PhantomData<C>);

/// `Box<T>` encoded as `T` is in codec `C`.
#[derive(Clone, Copy, Debug)]
pub struct Boxed<C>(PhantomData<C>);

impl<T: Serialize + Deserialize> Codec<T> for Plain {
    const MIN_LEN: usize = T::MIN_LEN;
    #[inline]
    fn encode(v: &T, out: &mut Vec<u8>) {
        v.serialize(out)
    }
    #[inline]
    fn encoded_len(v: &T) -> usize {
        v.serialized_len()
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<T> {
        T::deserialize(r)
    }
}

impl<T: BareSerialize + BareDeserialize> Codec<T> for Bare {
    const MIN_LEN: usize = T::MIN_BARE_LEN;
    #[inline]
    fn encode(v: &T, out: &mut Vec<u8>) {
        v.serialize_bare(out)
    }
    #[inline]
    fn encoded_len(v: &T) -> usize {
        v.bare_len()
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<T> {
        r.enter(core::any::type_name::<T>())?;
        let value = T::deserialize_bare(r);
        r.leave();
        value
    }
}

impl Codec<Vec<u8>> for Bytes {
    const MIN_LEN: usize = 4;
    #[inline]
    fn encode(v: &Vec<u8>, out: &mut Vec<u8>) {
        write_bytes(out, v)
    }
    #[inline]
    fn encoded_len(v: &Vec<u8>) -> usize {
        bytes_len(v.len())
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Vec<u8>> {
        r.read_bytes_charged(true, "bytes").map(<[u8]>::to_vec)
    }
}

impl<T, C: Codec<T>> Codec<Vec<T>> for Vector<C> {
    const MIN_LEN: usize = 8;
    #[inline]
    fn encode(v: &Vec<T>, out: &mut Vec<u8>) {
        write_u32(out, VECTOR_ID);
        BareVector::<C>::encode(v, out)
    }
    #[inline]
    fn encoded_len(v: &Vec<T>) -> usize {
        4 + BareVector::<C>::encoded_len(v)
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Vec<T>> {
        read_vector_id(r)?;
        read_elements(r, C::MIN_LEN, "Vector", C::decode)
    }
}

impl<T, C: Codec<T>> Codec<Vec<T>> for BareVector<C> {
    const MIN_LEN: usize = 4;
    #[inline]
    fn encode(v: &Vec<T>, out: &mut Vec<u8>) {
        write_count(out, v.len());
        for item in v {
            C::encode(item, out);
        }
    }
    #[inline]
    fn encoded_len(v: &Vec<T>) -> usize {
        4 + v.iter().map(C::encoded_len).sum::<usize>()
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Vec<T>> {
        read_elements(r, C::MIN_LEN, "vector", C::decode)
    }
}

impl<T, C: Codec<T>> Codec<Box<T>> for Boxed<C> {
    const MIN_LEN: usize = C::MIN_LEN;
    #[inline]
    fn encode(v: &Box<T>, out: &mut Vec<u8>) {
        C::encode(v, out)
    }
    #[inline]
    fn encoded_len(v: &Box<T>) -> usize {
        C::encoded_len(v)
    }
    #[inline]
    fn decode(r: &mut Reader<'_>) -> Result<Box<T>> {
        r.charge(size_of::<T>(), core::any::type_name::<T>())?;
        C::decode(r).map(Box::new)
    }
}
