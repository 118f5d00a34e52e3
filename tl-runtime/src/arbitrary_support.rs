//! Support for the `arbitrary` feature: generated types implement `arbitrary::Arbitrary`, and each
//! schema gets a `for_each_type` function that hands every constructor and function type to a
//! [`TypeVisitor`] — for round-trip property tests and fuzzing of every type of a schema.

use core::fmt::Debug;

use crate::traits::{Deserialize, Serialize};

/// Receives every generated constructor and function type of a schema, from `for_each_type`.
pub trait TypeVisitor {
    /// Called once per type; `tl_name` is its TL name (`messages.sendMessage`).
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Serialize + Deserialize + for<'a> arbitrary::Arbitrary<'a> + PartialEq + Debug + 'static;
}

/// Expands its input only when tl-runtime is built with the `arbitrary` feature. The generated code
/// wraps its `Arbitrary` impls in it, so the feature of the runtime, not of the calling crate, decides.
#[doc(hidden)]
#[macro_export]
macro_rules! __if_arbitrary {
    ($($item:tt)*) => { $($item)* };
}
