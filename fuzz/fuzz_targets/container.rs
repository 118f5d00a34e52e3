//! Hostile bytes decoded as an MTProto `msg_container` whose bodies are `rpc_result`s
//! (`messages.Messages`) or `Updates` (see `src/container.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::check_container(data);
});
