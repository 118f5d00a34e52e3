//! The `tl` command as a library: decode TL binary with a schema read at run time, encode it
//! back from JSON, diff two schemas, check a schema with the macro's diagnostics.
//!
//! The dynamic decoder ([`decode`]) is a second implementation of the wire format next to the
//! code `tl_schema!` generates; it reads with the same [`tl_runtime::Reader`] under the same
//! [`tl_runtime::Limits`] and must agree with the generated code byte for byte.

pub mod check;
pub mod cli;
pub mod decode;
pub mod diff;
pub mod encode;
pub mod json;
pub mod schema;
pub mod tree;
pub mod value;

pub use decode::{decode, DecodeError, Root};
pub use encode::{encode, EncodeError};
pub use schema::{load, Schema, SchemaOptions, Ty};
pub use tl_pipeline::{IdRule, Source};
pub use value::Value;
