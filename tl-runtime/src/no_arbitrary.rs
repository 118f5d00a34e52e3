//! Without the `arbitrary` feature the generated `Arbitrary` impls are dropped.

/// Drops its input: tl-runtime was built without the `arbitrary` feature.
#[doc(hidden)]
#[macro_export]
macro_rules! __if_arbitrary {
    ($($item:tt)*) => {};
}
