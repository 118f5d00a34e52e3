//! Hostile bytes into `tl`'s dynamic decoder (tl-cli) with layer 230 + MTProto and the MTProto
//! envelope: no panic, allocation within the budget, a decoded value re-encodes to bytes that
//! decode to the same tree; and it agrees with the generated `Updates` decoder on every input.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::dynamic::check(data);
});
