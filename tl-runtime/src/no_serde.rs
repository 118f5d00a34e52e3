//! Without the `serde` feature the generated serde impls and JSON table are dropped.

/// Drops its input: tl-runtime was built without the `serde` feature.
#[doc(hidden)]
#[macro_export]
macro_rules! __if_serde {
    ($($item:tt)*) => {};
}
