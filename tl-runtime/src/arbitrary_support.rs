//! Support for the `arbitrary` feature: generated types implement `arbitrary::Arbitrary`, and each
//! schema gets a `for_each_type` function that hands every constructor and function type to a
//! [`TypeVisitor`] — for round-trip property tests and fuzzing of every type of a schema.

use alloc::vec::Vec;
use core::fmt::Debug;

use crate::error::Result;
use crate::limits::Limits;
use crate::traits::{Deserialize, DeserializeOwned, Serialize};

/// Receives every generated constructor and function type of a schema, from `for_each_type`.
pub trait TypeVisitor {
    /// Called once per type; `tl_name` is its TL name (`messages.sendMessage`).
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Serialize
            + DeserializeOwned
            + for<'a> arbitrary::Arbitrary<'a>
            + PartialEq
            + Debug
            + MaybeSerde
            + 'static;

    /// Called once per boxed type (enum), after the constructors and functions; `tl_name` is
    /// its TL name (`Updates`). Does nothing unless overridden.
    fn visit_enum<E>(&mut self, tl_name: &'static str)
    where
        E: Serialize + DeserializeOwned + PartialEq + Debug + 'static,
    {
        let _ = tl_name;
    }
}

/// With the `serde` feature, `serde::Serialize + serde::de::DeserializeOwned`: a
/// [`TypeVisitor`] gets the types with their serde impls. Without it, every type.
#[cfg(feature = "serde")]
pub trait MaybeSerde: serde::Serialize + serde::de::DeserializeOwned {}
#[cfg(feature = "serde")]
impl<T: serde::Serialize + serde::de::DeserializeOwned> MaybeSerde for T {}

/// With the `serde` feature, `serde::Serialize + serde::de::DeserializeOwned`: a
/// [`TypeVisitor`] gets the types with their serde impls. Without it, every type.
#[cfg(not(feature = "serde"))]
pub trait MaybeSerde {}
#[cfg(not(feature = "serde"))]
impl<T> MaybeSerde for T {}

/// Receives every constructor and function type's decoder of a schema expanded with
/// `borrowed = true`, from its `for_each_decoder`: borrowing types are not `'static`, so they
/// are handed as a function instead of a type.
pub trait DecoderVisitor {
    /// Called once per type; `reencode` decodes a value of the type from its boxed encoding
    /// (the whole buffer, with the limits given) and encodes it again.
    fn visit(&mut self, tl_name: &'static str, reencode: Reencode);
}

/// What a [`DecoderVisitor`] is handed per type: decode the whole buffer with these limits,
/// encode the value again.
pub type Reencode = fn(&[u8], Limits) -> Result<Vec<u8>>;

/// Decodes a `T` from `bytes` and encodes it again: what `for_each_decoder` hands out per type.
#[doc(hidden)]
pub fn reencode<'de, T: Deserialize<'de> + Serialize>(
    bytes: &'de [u8],
    limits: Limits,
) -> Result<Vec<u8>> {
    T::from_bytes_with(bytes, limits).map(|v| v.to_bytes())
}

/// Expands its input only when tl-runtime is built with the `arbitrary` feature. The generated code
/// wraps its `Arbitrary` impls in it, so the feature of the runtime, not of the calling crate, decides.
#[doc(hidden)]
#[macro_export]
macro_rules! __if_arbitrary {
    ($($item:tt)*) => { $($item)* };
}
