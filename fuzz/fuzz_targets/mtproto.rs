//! Hostile MTProto message bodies through the runtime's envelope module `tl_runtime::mtproto`
//! (`msg_container`, `rpc_result`, `gzip_packed`, `rpc_error`; the first byte picks the entry
//! point), with layer 230's `messages.Messages` and `Updates` inside (see `src/mtproto.rs`).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tl_fuzz::mtproto::check(data);
});
