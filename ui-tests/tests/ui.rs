//! Compile-fail cases: each file in `tests/ui/` is a malformed schema, and its `.stderr` is what
//! the user sees.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
