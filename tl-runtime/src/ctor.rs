//! Constructor and function structs: the boxed form is the constructor id followed by the bare
//! form, so [`Identifiable`], [`Serialize`], [`BareSerialize`], [`Deserialize`] and
//! [`BareDeserialize`] are blanket impls over what the generator emits ([`Constructor`]). The
//! [`FieldVisitor`]s here turn one `visit_fields` into the encoder, `Debug` and equality; the
//! small functions at the end are what generated decoders call per field.

use alloc::boxed::Box;
use core::fmt;

use crate::codec::{Decode, Encode, FieldDebug};
use crate::reader::Reader;
use crate::sink::Sink;
use crate::traits::{
    BareDeserialize, BareSerialize, Constructor, Deserialize, Fallback, FieldVisitor, Identifiable,
    Serialize,
};

impl<'de, T: Constructor<'de>> Identifiable for T {
    const CONSTRUCTOR_ID: u32 = T::INFO.id;
    const TL_NAME: &'static str = T::INFO.tl_name;
}

impl<'de, T: Constructor<'de>> Serialize for T {
    /// The constructor id, then the fields.
    #[inline]
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put_u32(T::INFO.id);
        self.visit_fields(out);
    }
}

impl<'de, T: Constructor<'de>> BareSerialize for T {
    /// The fields.
    #[inline]
    fn serialize_bare<S: Sink + ?Sized>(&self, out: &mut S) {
        self.visit_fields(out);
    }
}

impl<'de, T: Constructor<'de>> BareDeserialize<'de> for T {
    const MIN_BARE_LEN: usize = T::INFO.min_bare_len;
    const BARE_ALLOC_PER_INPUT_BYTE: u32 = T::INFO.alloc_per_input_byte;

    #[inline]
    fn read_bare(r: &mut Reader<'de>) -> Option<Self> {
        T::read_fields(r)
    }

    #[inline]
    fn tl_bare_type() -> &'static str {
        T::INFO.tl_name
    }
}

impl<'de, T: Constructor<'de>> Deserialize<'de> for T {
    const MIN_LEN: usize = T::INFO.min_bare_len + 4;
    const ALLOC_PER_INPUT_BYTE: u32 = T::INFO.alloc_per_input_byte;

    /// Reads the constructor id; any other than `T`'s is
    /// [`ErrorKind::UnexpectedConstructor`](crate::ErrorKind::UnexpectedConstructor) naming
    /// its TL name. The fields are decoded one nesting level deeper (see [`Reader::enter`]).
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        let id = r.begin(T::INFO.tl_name);
        let value = if id == T::INFO.id {
            T::read_fields(r)
        } else {
            r.fail_unexpected_begun(id, T::INFO.id, T::INFO.tl_name);
            None
        };
        r.end();
        value
    }

    /// [`read`](Deserialize::read), and after a failure the field and the constructor's TL name
    /// on the error's path.
    #[inline]
    fn read_field(r: &mut Reader<'de>, field: &'static str) -> Option<Self> {
        let value = Self::read(r);
        r.named(field, Some(T::INFO.tl_name));
        value
    }

    #[inline]
    fn tl_type() -> &'static str {
        T::INFO.tl_name
    }
}

/// Decodes the bare form of a constructor into a `Box` (an enum variant held boxed), charging
/// `size_of::<T>()` to the allocation budget first. A value whose fields failed is boxed too
/// (the budget covers it, and the caller drops it with the error): the enum's decoder tests for
/// the failure once, as it returns.
#[inline]
pub fn read_boxed<'de, T: Constructor<'de>>(r: &mut Reader<'de>) -> Option<Box<T>> {
    let offset = r.position();
    if !r.take_box_budget(size_of::<T>(), offset, T::INFO.tl_name) {
        return None;
    }
    T::read_fields(r).map(Box::new)
}

/// A sink is the encoder: `visit_fields` writes the fields into it. The sink itself (not a
/// wrapper holding a reference to it) is the visitor, so inside a generated `visit_fields` it is
/// a `&mut` argument, which the optimizer knows no other pointer reaches: a `Vec`'s capacity and
/// data pointer stay in registers from one field to the next instead of being reloaded after
/// every write of data (2–3% less time for the large encodes of `bench/`, A/B of
/// `bench/examples/profile`).
impl<S: Sink + ?Sized> FieldVisitor for S {
    #[inline]
    fn flags(&mut self, word: u32) {
        self.put_u32(word);
    }
    #[inline]
    fn field<C: Encode<T>, T: fmt::Debug>(&mut self, _: &'static str, value: &T) {
        C::encode(value, self);
    }
    #[inline]
    fn optional<C: Encode<T>, T: fmt::Debug>(&mut self, _: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            C::encode(value, self);
        }
    }
    #[inline]
    fn flag(&mut self, _: &'static str, _: bool) {}
    #[inline]
    fn group<T: fmt::Debug>(&mut self, _: &'static str, _: &Option<T>) {}
    #[inline]
    fn member<C: Encode<T>, T>(&mut self, value: Option<&T>) {
        if let Some(value) = value {
            C::encode(value, self);
        }
    }
}

/// Writes the Rust fields as `#[derive(Debug)]` would.
struct DebugFields<'a, 'b: 'a>(fmt::DebugStruct<'a, 'b>);

impl FieldVisitor for DebugFields<'_, '_> {
    fn flags(&mut self, _: u32) {}
    fn field<C: Encode<T>, T: fmt::Debug>(&mut self, name: &'static str, value: &T) {
        self.0.field(name, &FieldDebug::<C, T>::new(value));
    }
    fn optional<C: Encode<T>, T: fmt::Debug>(&mut self, name: &'static str, value: &Option<T>) {
        self.0
            .field(name, &value.as_ref().map(FieldDebug::<C, T>::new));
    }
    fn flag(&mut self, name: &'static str, value: bool) {
        self.0.field(name, &value);
    }
    fn group<T: fmt::Debug>(&mut self, name: &'static str, value: &Option<T>) {
        self.0.field(name, value);
    }
    fn member<C: Encode<T>, T>(&mut self, _: Option<&T>) {}
}

/// `Debug` of a constructor or function struct: its fields as the struct holds them, the same
/// text `#[derive(Debug)]` writes.
pub fn debug_fields<'de, T: Constructor<'de>>(
    value: &T,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut fields = DebugFields(f.debug_struct(T::INFO.rust_name));
    value.visit_fields(&mut fields);
    fields.0.finish()
}

/// Equality of two values is equality of their bare encodings: the same fields, `double`s
/// compared bit for bit (so `NaN == NaN` and `0.0 != -0.0`, which makes it an equivalence). Both
/// are encoded with `to_bytes_bare`, the encoder a program that encodes has compiled already.
pub fn eq_bare<T: BareSerialize + ?Sized>(a: &T, b: &T) -> bool {
    a.to_bytes_bare() == b.to_bytes_bare()
}

/// [`eq_bare`] for values with a boxed form only (enums), with `to_bytes`.
pub fn eq_boxed<T: Serialize + ?Sized>(a: &T, b: &T) -> bool {
    a.to_bytes() == b.to_bytes()
}

/// Feeds an encoding to a [`Hasher`](core::hash::Hasher): the `Hash` of generated types, which
/// agrees with their equality (equal values have equal encodings, written by the same calls).
struct HashSink<'a, H: ?Sized>(&'a mut H);

impl<H: core::hash::Hasher + ?Sized> Sink for HashSink<'_, H> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    #[inline]
    fn put_u32(&mut self, v: u32) {
        self.0.write_u32(v);
    }
}

/// `Hash` of a constructor or function struct: its bare encoding, fed to `state`.
pub fn hash_bare<T: BareSerialize + ?Sized, H: core::hash::Hasher>(value: &T, state: &mut H) {
    value.serialize_bare(&mut HashSink(state));
}

/// `Hash` of an enum value: its boxed encoding (the constructor id, then the fields).
pub fn hash_boxed<T: Serialize + ?Sized, H: core::hash::Hasher>(value: &T, state: &mut H) {
    value.serialize(&mut HashSink(state));
}

/// A field whose presence sets a flag bit: a `flags.N?true` `bool` or a `flags.N?T` `Option`.
pub trait Present {
    /// Whether the bit is set.
    fn present(&self) -> bool;
}

impl Present for bool {
    #[inline]
    fn present(&self) -> bool {
        *self
    }
}

impl<T> Present for Option<T> {
    #[inline]
    fn present(&self) -> bool {
        self.is_some()
    }
}

/// `mask` if `value` is set or `Some`, else 0: one term of a flags word.
#[inline]
pub fn bit<T: Present + ?Sized>(value: &T, mask: u32) -> u32 {
    if value.present() {
        mask
    } else {
        0
    }
}

/// Decodes field `field` in codec `C`; `None` after a failure (whose path names `field`).
#[inline]
pub fn read<'de, C: Decode<'de, T>, T>(r: &mut Reader<'de>, field: &'static str) -> Option<T> {
    C::read_field(r, field)
}

/// Decodes field `field` of a [`Fallback`] type in codec `C`: its fallback value after a
/// failure.
#[inline]
pub fn get<'de, C: Decode<'de, T>, T: Fallback>(r: &mut Reader<'de>, field: &'static str) -> T {
    match C::read_field(r, field) {
        Some(value) => value,
        None => T::fallback(),
    }
}

/// Decodes a `flags.N?T` field `field`: present when `flags & mask` is set; `None` after a
/// failure.
#[inline]
pub fn optional<'de, C: Decode<'de, T>, T>(
    r: &mut Reader<'de>,
    flags: u32,
    mask: u32,
    field: &'static str,
) -> Option<T> {
    if flags & mask != 0 {
        C::read_field(r, field)
    } else {
        None
    }
}

/// The members of a group decoded apart (`Option`s, all `Some` or all `None` since they share a
/// bit) as the group's `Option` of a tuple.
pub trait Group {
    /// The tuple of the members' values.
    type Values;
    /// `Some` of all values when every member is `Some`.
    fn group(self) -> Option<Self::Values>;
}

macro_rules! groups {
    ($(($($T:ident $v:ident),+))+) => {$(
        impl<$($T),+> Group for ($(Option<$T>,)+) {
            type Values = ($($T,)+);
            #[inline]
            fn group(self) -> Option<Self::Values> {
                match self {
                    ($(Some($v),)+) => Some(($($v,)+)),
                    _ => None,
                }
            }
        }
    )+};
}

groups! {
    (A a, B b)
    (A a, B b, C c)
    (A a, B b, C c, D d)
    (A a, B b, C c, D d, E e)
    (A a, B b, C c, D d, E e, F f)
    (A a, B b, C c, D d, E e, F f, G g)
    (A a, B b, C c, D d, E e, F f, G g, H h)
    (A a, B b, C c, D d, E e, F f, G g, H h, I i)
    (A a, B b, C c, D d, E e, F f, G g, H h, I i, J j)
    (A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k)
    (A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k, L l)
}

/// `Group::group` as a function, for generated code.
#[inline]
pub fn group<G: Group>(members: G) -> Option<G::Values> {
    members.group()
}

/// A decoded `value` in a `Box`, charged to the allocation budget first (`AnyObject`'s boxes);
/// `None` when it is `None` or the budget cannot cover the box.
#[inline]
pub fn boxed<'de, T: Deserialize<'de>>(r: &mut Reader<'de>, value: Option<T>) -> Option<Box<T>> {
    let offset = r.position();
    let value = value.filter(|_| !r.failed())?;
    if !r.take_budget(size_of::<T>(), offset, T::tl_type()) {
        return None;
    }
    Some(Box::new(value))
}
