//! Nothing of its own: builds grammers-tl-types with `impl-serde` (measure-compile-time.sh).
