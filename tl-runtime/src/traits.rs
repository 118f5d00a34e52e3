//! The traits generated types implement: boxed and bare (de)serialization, ids, remote calls.

use crate::error::Result;
use crate::limits::Limits;
use crate::reader::Reader;

/// Encodes a value in its boxed form: the constructor id (if the type has one), then the fields.
pub trait Serialize {
    /// Appends the boxed encoding of `self` to `out`.
    fn serialize(&self, out: &mut Vec<u8>);

    /// Exact number of bytes [`serialize`](Serialize::serialize) appends.
    fn serialized_len(&self) -> usize;

    /// The boxed encoding in a new `Vec`, allocated once with the exact length.
    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.serialized_len());
        self.serialize(&mut out);
        out
    }
}

/// Decodes a value from its boxed form.
pub trait Deserialize: Sized {
    /// Smallest number of bytes any value takes on the wire (bounds vector counts before
    /// allocating). 4 fits every boxed type.
    const MIN_LEN: usize = 4;

    /// Decodes one value from `r`, leaving the reader after it.
    fn deserialize(r: &mut Reader<'_>) -> Result<Self>;

    /// Decodes a value that fills the whole buffer, with [`Limits::DEFAULT`]. Trailing bytes
    /// are an error ([`ErrorKind::TrailingBytes`](crate::ErrorKind::TrailingBytes)).
    fn from_bytes(buf: &[u8]) -> Result<Self> {
        Self::from_bytes_with(buf, Limits::DEFAULT)
    }

    /// Decodes a value that fills the whole buffer, with the given limits. Trailing bytes are
    /// an error unless [`Limits::allow_trailing`] is set; that error names the Rust type
    /// (`core::any::type_name`) as the type being decoded.
    fn from_bytes_with(buf: &[u8], limits: Limits) -> Result<Self> {
        let mut r = Reader::with_limits(buf, limits);
        let value = Self::deserialize(&mut r)?;
        r.finish(core::any::type_name::<Self>())?;
        Ok(value)
    }
}

/// Encodes a value in its bare form: the fields only, no constructor id.
pub trait BareSerialize {
    /// Appends the bare encoding of `self` to `out`.
    fn serialize_bare(&self, out: &mut Vec<u8>);

    /// Exact number of bytes [`serialize_bare`](BareSerialize::serialize_bare) appends.
    fn bare_len(&self) -> usize;

    /// The bare encoding in a new `Vec`, allocated once with the exact length.
    fn to_bytes_bare(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bare_len());
        self.serialize_bare(&mut out);
        out
    }
}

/// Decodes a value from its bare form.
pub trait BareDeserialize: Sized {
    /// Smallest number of bytes the bare form takes on the wire.
    const MIN_BARE_LEN: usize = 0;

    /// Decodes the bare form of one value from `r`.
    fn deserialize_bare(r: &mut Reader<'_>) -> Result<Self>;

    /// Decodes a bare value that fills the whole buffer, with [`Limits::DEFAULT`]; trailing bytes
    /// are an error.
    fn from_bytes_bare(buf: &[u8]) -> Result<Self> {
        Self::from_bytes_bare_with(buf, Limits::DEFAULT)
    }

    /// Decodes a bare value that fills the whole buffer, with the given limits.
    fn from_bytes_bare_with(buf: &[u8], limits: Limits) -> Result<Self> {
        let mut r = Reader::with_limits(buf, limits);
        let value = Self::deserialize_bare(&mut r)?;
        r.finish(core::any::type_name::<Self>())?;
        Ok(value)
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
    /// The type of the answer.
    type Return: Deserialize;
}
