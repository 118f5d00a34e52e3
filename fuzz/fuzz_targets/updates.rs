//! Hostile bytes decoded as a boxed `Updates` (what a Telegram client decodes from the network).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::check::<tl_schema_tests::telegram::enums::Updates>(data);
});
