//! Compile-fail cases live in `tests/ui/`.
