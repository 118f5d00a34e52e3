//! Hostile JSON into the generated serde impls, and hostile TL bytes through JSON and back
//! (see `tl_fuzz::json`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::json::check(data);
});
