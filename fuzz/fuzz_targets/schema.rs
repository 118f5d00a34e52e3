//! Arbitrary text through `tl_schema!`'s pipeline: lexer, parser, validator (both id rules),
//! diagnostics rendering and, for a valid schema, code generation. Must never panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        tl_fuzz::schema_pipeline(text);
    }
});
