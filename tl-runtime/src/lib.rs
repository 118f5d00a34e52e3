//! Runtime for `tl-schema`: the traits, primitives, reader and writer that the types generated
//! by [`tl_schema!`] call into.
//!
//! # Overview
//!
//! - [`Serialize`] / [`Deserialize`]: the boxed form of a value (constructor id, then fields);
//!   [`BareSerialize`] / [`BareDeserialize`]: the bare form (fields only).
//!   [`Identifiable`] gives a constructor's id and name, [`RemoteCall`] a function's answer type.
//! - Builtins: `i32` (`int`), `u32` (`#`), `i64` (`long`), `f64` (`double`), `[u8; N]`
//!   (`int128`, `int256`), `bool` (`Bool`), `String` (`string`), `Vec<T>` (`Vector<T>`) and
//!   `Box<T>` implement the traits; TL `bytes` is `Vec<u8>` through the [`Bytes`] codec.
//! - [`Codec`]s ([`Plain`], [`Bare`], [`Bytes`], [`Vector`], [`BareVector`], [`Boxed`]) say how
//!   a field is put on the wire.
//! - [`Reader`] decodes without panicking on any input: every failure is an [`Error`] naming
//!   the byte offset, the constructor id if any, and the TL type being decoded. Length
//!   prefixes are checked against the remaining input before anything is allocated, and
//!   nesting depth is bounded by [`Limits`].
//! - [`writer`] holds the free functions that append primitives to a `Vec<u8>`.
//!
//! ```
//! use tl_runtime::{Deserialize, Serialize};
//!
//! let mut bytes = vec![String::from("hi"), String::from("TL")].to_bytes();
//! assert_eq!(Vec::<String>::from_bytes(&bytes).unwrap(), ["hi", "TL"]);
//!
//! bytes[12] = 200; // the second string now claims 200 bytes
//! let err = Vec::<String>::from_bytes(&bytes).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "length 200 too large at byte offset 12 while decoding string: 3 bytes remain"
//! );
//! ```
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

mod boxed;
mod codec;
mod error;
mod limits;
mod primitives;
mod reader;
mod traits;
mod unit;
pub mod writer;

#[cfg(feature = "arbitrary")]
mod arbitrary_support;
#[cfg(not(feature = "arbitrary"))]
mod no_arbitrary;
#[cfg(feature = "arbitrary")]
pub use arbitrary;
#[cfg(feature = "arbitrary")]
pub use arbitrary_support::TypeVisitor;
pub use unit::TRUE_ID;

pub use codec::{Bare, BareVector, Boxed, Bytes, Codec, Plain, Vector};
pub use error::{Error, ErrorKind, Result};
pub use limits::Limits;
pub use primitives::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
pub use reader::Reader;
pub use tl_macros::tl_schema;
pub use traits::{
    BareDeserialize, BareSerialize, Deserialize, Identifiable, RemoteCall, Serialize,
};

/// Paths the generated code uses; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::__if_arbitrary;
    pub use crate::boxed::{boxed_len, deserialize_boxed, serialize_boxed};
    pub use crate::*;
    pub use ::core;
    pub use ::std;
}

#[cfg(test)]
mod tests;
