//! Runtime for `tl-schema`: the traits, primitives, reader and writer that the types generated
//! by [`tl_schema!`] call into.
//!
//! # Overview
//!
//! - [`Serialize`] / [`Deserialize`]: the boxed form of a value (constructor id, then fields);
//!   [`BareSerialize`] / [`BareDeserialize`]: the bare form (fields only).
//!   [`Identifiable`] gives a constructor's id and name, [`RemoteCall`] a function's answer type
//!   and the errors its documentation lists ([`RpcErrorInfo`], rows of the generated `errors::TABLE`).
//! - Generated structs implement [`Constructor`] (their id, their fields in wire order to any
//!   [`FieldVisitor`], their decoder); generated enums implement [`BoxedType`] (the constructor a
//!   value holds, to any [`VariantVisitor`]; the constructor an id names, decoded). Encoding,
//!   decoding, `Debug` and equality are built on these.
//! - Builtins: `i32` (`int`), `u32` (`#`), `i64` (`long`), `f64` (`double`), `[u8; N]`
//!   (`int128`, `int256`), `bool` (`Bool`), `String` (`string`), `Vec<T>` (`Vector<T>`) implement
//!   the traits; TL `bytes` is `Vec<u8>` through the [`Bytes`] codec.
//! - Codecs ([`Plain`], [`Bare`], [`Bytes`], [`Vector`], [`BareVector`], [`Boxed`], tuples of
//!   them) say how a field is put on the wire: they implement [`Encode`] and [`Decode`].
//! - Encoding writes into any [`Sink`] (`Vec<u8>`, [`ByteCount`], your own buffer).
//! - [`Reader`] decodes without panicking on any input: every failure is an [`Error`] naming
//!   the byte offset, the constructor id if any, and the TL type being decoded. Length
//!   prefixes are checked against the remaining input before anything is allocated, and
//!   nesting depth is bounded by [`Limits`].
//! - [`writer`] holds the free functions that append primitives to a [`Sink`].
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
//!     "length 200 too large at byte offset 12 while decoding string: 3 bytes remain, in [1]"
//! );
//! ```
#![no_std]
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

extern crate alloc;
// Without the feature `std` any use of std is a compile error (tests may use it).
#[cfg(any(feature = "std", test))]
#[cfg_attr(test, macro_use)]
extern crate std;

mod codec;
mod ctor;
mod error;
mod impls;
mod limits;
pub mod mtproto;
mod primitives;
mod reader;
mod registry;
mod rpc;
mod sink;
mod traits;
mod unit;
mod variants;
pub mod writer;

#[cfg(feature = "arbitrary")]
mod arbitrary_support;
#[cfg(not(feature = "arbitrary"))]
mod no_arbitrary;
#[cfg(feature = "arbitrary")]
pub use arbitrary;
#[cfg(feature = "arbitrary")]
pub use arbitrary_support::{DecoderVisitor, MaybeSerde, Reencode, TypeVisitor};
pub use unit::TRUE_ID;

#[cfg(feature = "serde")]
pub mod json;
#[cfg(not(feature = "serde"))]
mod no_serde;

#[cfg(feature = "bytes")]
pub use bytes;
pub use codec::{Bare, BareVector, Boxed, Bytes, Decode, Encode, Nullable, Plain, Vector, NULL_ID};
pub use error::{Error, ErrorKind, PathSegment, Result};
pub use limits::Limits;
pub use primitives::{BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
pub use reader::Reader;
pub use rpc::{RpcErrorInfo, RpcErrorIter, RpcErrorList};
#[cfg(feature = "bytes")]
pub use sink::BufSink;
#[cfg(feature = "std")]
pub use sink::IoSink;
pub use sink::{ByteCount, Sink};
pub use tl_macros::tl_schema;
pub use traits::{
    alloc_bound, BareDeserialize, BareSerialize, BoxedType, Constructor, CtorInfo, CtorInfoIn,
    Deserialize, DeserializeOwned, Fallback, FieldVisitor, Identifiable, RemoteCall, Serialize,
    VariantVisitor,
};

/// Paths the generated code uses; not a public API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "serde")]
    pub use crate::__serde_impls;
    #[cfg(feature = "arbitrary")]
    pub use crate::arbitrary_support::reencode;
    pub use crate::ctor::{
        bit, boxed, debug_fields, eq_bare, eq_boxed, get, group, hash_bare, hash_boxed, optional,
        read, read_boxed,
    };
    pub use crate::registry::{id_for_name as registry_id, name_for_id as registry_name};
    pub use crate::rpc::{
        debug as rpc_debug, find as rpc_find, row_with_code as rpc_row_with_code,
    };
    pub use crate::variants::{
        debug_variant, read_variant_field, read_variant_of, serialize_variant, variant_id,
        variant_tl_name,
    };
    pub use crate::*;
    pub use crate::{
        __alloc_bound, __ctor_impls, __enum_impls, __from_impls, __if_arbitrary, __if_serde,
    };
    pub use ::core;
    #[cfg(feature = "serde")]
    pub use ::serde;

    /// The names generated code uses most, each starting with `__` (which no TL name does): a
    /// generated module imports them all (`use …::__short::*;`), so its items stay short and
    /// nothing of the calling crate (a shadowed `Option`) or of the schema (a constructor named
    /// `option`) can stand in for them.
    pub mod __short {
        pub use crate::ctor::{
            bit as __bit, get as __get, group as __group, optional as __optional, read as __read,
            read_boxed as __read_boxed,
        };
        pub use crate::{
            Bare as __Bare, BareVector as __BareVector, Boxed as __Boxed, Bytes as __Bytes,
            Constructor as __Constructor, CtorInfo as __CtorInfo, Deserialize as __Deserialize,
            FieldVisitor as __FieldVisitor, Nullable as __Nullable, Plain as __Plain,
            Reader as __Reader, Vector as __Vector,
        };
        pub use ::alloc::boxed::Box as __Box;
        pub use ::alloc::string::String as __String;
        pub use ::alloc::vec::Vec as __Vec;
        pub use ::core::clone::Clone as __Clone;
        pub use ::core::cmp::PartialEq as __PartialEq;
        pub use ::core::convert::From as __From;
        pub use ::core::fmt::{Debug as __Debug, Formatter as __Formatter, Result as __FmtResult};
        pub use ::core::option::Option::{self as __Option, None as __None, Some as __Some};
    }
}

#[cfg(test)]
mod tests;
