//! Hostile bytes decoded as a boxed `messages.Messages` (the answer to `messages.getHistory`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::check::<tl_schema_tests::telegram::enums::messages::Messages>(data);
});
