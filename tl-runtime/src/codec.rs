//! Codecs: how a field of Rust type `T` is put on the wire.
//!
//! A codec is a marker type picked by the generator from the field's TL type: [`Plain`] for boxed
//! types and builtins, [`Bare`] for bare constructors, [`Bytes`] for `bytes`,
//! [`Vector`]/[`BareVector`] for vectors, [`Boxed`] for a field held in a `Box`, and a tuple of
//! codecs for fields that share a flag bit (`(Plain, Bytes)` for an `Option<(i32, Vec<u8>)>`).
//! It implements [`Encode<T>`] and [`Decode<T>`]; generated code names it in calls such as
//! `v.field::<Bytes, _>("data", &self.data)` and `read::<Bytes, _>(r)`.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use crate::primitives::{read_elements, read_vector_id, write_count, VECTOR_ID};
use crate::reader::Reader;
use crate::sink::Sink;
use crate::traits::{BareDeserialize, BareSerialize, Deserialize, Serialize};
use crate::writer::write_bytes;

/// Encodes values of type `T` in one wire form.
pub trait Encode<T: ?Sized> {
    /// Appends the encoding of `v` to `out`.
    fn encode<S: Sink + ?Sized>(v: &T, out: &mut S);

    /// How a generated struct's `Debug` shows a field in this codec: `T`'s `Debug`, but
    /// `int128`/`int256` in hex ([`Serialize::fmt_field`]).
    #[inline]
    fn fmt_field(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result
    where
        T: fmt::Debug,
    {
        fmt::Debug::fmt(v, f)
    }
}

/// A field's value shown by its codec's [`Encode::fmt_field`] (what `Debug` of a generated
/// struct writes for it).
pub(crate) struct FieldDebug<'a, C, T: ?Sized>(pub(crate) &'a T, pub(crate) PhantomData<C>);

impl<'a, C, T: ?Sized> FieldDebug<'a, C, T> {
    #[inline]
    pub(crate) fn new(v: &'a T) -> Self {
        Self(v, PhantomData)
    }
}

impl<C: Encode<T>, T: fmt::Debug + ?Sized> fmt::Debug for FieldDebug<'_, C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        C::fmt_field(self.0, f)
    }
}

/// Decodes values of type `T` in one wire form, from input of lifetime `'de`.
pub trait Decode<'de, T> {
    /// Smallest number of bytes an encoded value takes (bounds vector counts).
    const MIN_LEN: usize;
    /// Decodes one value; a failure is recorded in `r` (see [`Deserialize::read`]).
    fn read(r: &mut Reader<'de>) -> Option<T>;
    /// Decodes the value of field `field` (see [`Deserialize::read_field`]).
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<T> {
        let value = Self::read(r);
        r.named(field, None);
        value
    }
    /// The TL name of what is decoded, for error messages.
    #[inline]
    fn tl_type() -> &'static str {
        core::any::type_name::<T>()
    }
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

/// `Vec<u8>` as TL `bytes` (also a `string` field mapped to raw bytes); `&[u8]`, borrowed from
/// the input, with `tl_schema!(…, borrowed = true)`.
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

impl<T: Serialize + ?Sized> Encode<T> for Plain {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &T, out: &mut S) {
        v.serialize(out)
    }
    fn fmt_field(v: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result
    where
        T: fmt::Debug,
    {
        v.fmt_field(f)
    }
}

impl<'de, T: Deserialize<'de>> Decode<'de, T> for Plain {
    const MIN_LEN: usize = T::MIN_LEN;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<T> {
        T::read(r)
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<T> {
        T::read_field(r, field)
    }
    #[inline]
    fn tl_type() -> &'static str {
        T::tl_type()
    }
}

impl<T: BareSerialize + ?Sized> Encode<T> for Bare {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &T, out: &mut S) {
        v.serialize_bare(out)
    }
}

impl<'de, T: BareDeserialize<'de>> Decode<'de, T> for Bare {
    const MIN_LEN: usize = T::MIN_BARE_LEN;
    #[inline]
    fn tl_type() -> &'static str {
        T::tl_bare_type()
    }
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<T> {
        r.descend(T::tl_bare_type());
        let value = T::read_bare(r);
        r.end();
        value
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<T> {
        let value = Self::read(r);
        r.named(field, Some(T::tl_bare_type()));
        value
    }
}

impl Encode<Vec<u8>> for Bytes {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &Vec<u8>, out: &mut S) {
        write_bytes(out, v)
    }
}

impl<'de> Decode<'de, Vec<u8>> for Bytes {
    const MIN_LEN: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Vec<u8>> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Vec<u8>> {
        Some(r.get_bytes_charged(true, "bytes", field).to_vec())
    }
}

impl Encode<&[u8]> for Bytes {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &&[u8], out: &mut S) {
        write_bytes(out, v)
    }
}

impl<'de> Decode<'de, &'de [u8]> for Bytes {
    const MIN_LEN: usize = 4;
    /// Nothing is copied, so nothing is charged to the allocation budget.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<&'de [u8]> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<&'de [u8]> {
        Some(r.get_bytes_charged(false, "bytes", field))
    }
}

impl<T: fmt::Debug, C: Encode<T>> Encode<Vec<T>> for Vector<C> {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &Vec<T>, out: &mut S) {
        out.put_u32(VECTOR_ID);
        BareVector::<C>::encode(v, out)
    }
    fn fmt_field(v: &Vec<T>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        BareVector::<C>::fmt_field(v, f)
    }
}

impl<'de, T, C: Decode<'de, T>> Decode<'de, Vec<T>> for Vector<C> {
    const MIN_LEN: usize = 8;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Vec<T>> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Vec<T>> {
        read_vector_id(r, field);
        Some(read_elements(r, C::MIN_LEN, "Vector", field, C::read))
    }
}

impl<T: fmt::Debug, C: Encode<T>> Encode<Vec<T>> for BareVector<C> {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &Vec<T>, out: &mut S) {
        write_count(out, v.len());
        for item in v {
            C::encode(item, out);
        }
    }
    /// The elements as their codec shows them (`int256`s in hex).
    fn fmt_field(v: &Vec<T>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(v.iter().map(FieldDebug::<C, T>::new))
            .finish()
    }
}

impl<'de, T, C: Decode<'de, T>> Decode<'de, Vec<T>> for BareVector<C> {
    const MIN_LEN: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Vec<T>> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Vec<T>> {
        Some(read_elements(r, C::MIN_LEN, "vector", field, C::read))
    }
}

impl<T, C: Encode<T>> Encode<Box<T>> for Boxed<C> {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &Box<T>, out: &mut S) {
        C::encode(v, out)
    }
}

impl<'de, T, C: Decode<'de, T>> Decode<'de, Box<T>> for Boxed<C> {
    const MIN_LEN: usize = C::MIN_LEN;
    /// Charges `size_of::<T>()` to the allocation budget first. After a failure nothing is
    /// boxed.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Box<T>> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Box<T>> {
        let offset = r.position();
        if !r.take_budget_in(size_of::<T>(), offset, C::tl_type(), field) {
            return None;
        }
        match C::read_field(r, field) {
            Some(value) if !r.failed() => Some(Box::new(value)),
            _ => None,
        }
    }
}

/// The id of TL's `null#56730bcc = Null;`: how a [`Nullable`] `None` is put on the wire.
pub const NULL_ID: u32 = 0x5673_0bcc;

/// `Option<T>` for an object field that may be null (TDLib's "may be null", with
/// `tl_schema!(…, json = "tdlib")`): `None` is the 4 bytes of [`NULL_ID`], `Some` the value in
/// codec `C`, which writes its constructor id (so a value never starts with `NULL_ID`).
#[derive(Clone, Copy, Debug)]
pub struct Nullable<C>(PhantomData<C>);

impl<T, C: Encode<T>> Encode<Option<T>> for Nullable<C> {
    #[inline]
    fn encode<S: Sink + ?Sized>(v: &Option<T>, out: &mut S) {
        match v {
            Some(v) => C::encode(v, out),
            None => out.put_u32(NULL_ID),
        }
    }
}

impl<'de, T, C: Decode<'de, T>> Decode<'de, Option<T>> for Nullable<C> {
    const MIN_LEN: usize = 4;
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Option<T>> {
        Self::read_field(r, "")
    }
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Option<T>> {
        if r.peek_u32() == Some(NULL_ID) {
            r.get_u32("null");
            return Some(None);
        }
        C::read_field(r, field).map(Some)
    }
    #[inline]
    fn tl_type() -> &'static str {
        C::tl_type()
    }
}

/// Fields that share a flag bit: a tuple of values in a tuple of codecs, one after the other.
/// Up to 12 members (longer groups nest, as their Rust type does).
macro_rules! tuple_codecs {
    ($(($($C:ident $T:ident $i:tt),+))+) => {$(
        impl<$($T, $C: Encode<$T>),+> Encode<($($T,)+)> for ($($C,)+) {
            #[inline]
            fn encode<S: Sink + ?Sized>(v: &($($T,)+), out: &mut S) {
                $($C::encode(&v.$i, out);)+
            }
        }
        impl<'de, $($T, $C: Decode<'de, $T>),+> Decode<'de, ($($T,)+)> for ($($C,)+) {
            const MIN_LEN: usize = 0 $(+ $C::MIN_LEN)+;
            #[inline]
            fn read(r: &mut Reader<'de>) -> Option<($($T,)+)> {
                Some(($($C::read(r)?,)+))
            }
            #[inline]
            fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<($($T,)+)> {
                Some(($($C::read_field(r, field)?,)+))
            }
        }
    )+};
}

tuple_codecs! {
    (CA A 0, CB B 1)
    (CA A 0, CB B 1, CC C 2)
    (CA A 0, CB B 1, CC C 2, CD D 3)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6, CH H 7)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6, CH H 7, CI I 8)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6, CH H 7, CI I 8, CJ J 9)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6, CH H 7, CI I 8, CJ J 9, CK K 10)
    (CA A 0, CB B 1, CC C 2, CD D 3, CE E 4, CF F 5, CG G 6, CH H 7, CI I 8, CJ J 9, CK K 10, CL L 11)
}
