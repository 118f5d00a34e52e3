//! Helpers for constructor structs: the boxed form is the constructor id followed by the bare form.

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{BareDeserialize, BareSerialize, Identifiable};
use crate::writer::write_u32;

/// Appends `T::CONSTRUCTOR_ID` and then the bare encoding of `v`.
#[inline]
pub fn serialize_boxed<T: Identifiable + BareSerialize>(v: &T, out: &mut Vec<u8>) {
    write_u32(out, T::CONSTRUCTOR_ID);
    v.serialize_bare(out);
}

/// Exact length of the boxed encoding of `v`: 4 bytes of id plus the bare length.
#[inline]
pub fn boxed_len<T: BareSerialize>(v: &T) -> usize {
    4 + v.bare_len()
}

/// Reads a constructor id, checks that it is `T::CONSTRUCTOR_ID` (else
/// [`ErrorKind::UnexpectedConstructor`](crate::ErrorKind::UnexpectedConstructor) naming
/// `expected`), then decodes the bare body one nesting level deeper (see [`Reader::enter`]).
#[inline]
pub fn deserialize_boxed<T: Identifiable + BareDeserialize>(
    r: &mut Reader<'_>,
    expected: &'static str,
) -> Result<T> {
    let offset = r.position();
    let id = r.read_u32(expected)?;
    if id != T::CONSTRUCTOR_ID {
        return Err(r.unexpected_constructor(id, T::CONSTRUCTOR_ID, offset, expected));
    }
    r.enter(expected)?;
    let value = T::deserialize_bare(r);
    r.leave();
    value
}
