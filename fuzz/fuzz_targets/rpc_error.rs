//! Hostile RPC errors into the generated `errors::RpcError::parse` of layer 230 (with mtcute's
//! database): no panic, and what it gives back displays as the message it was parsed from and
//! parses again to the same error.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    use tl_schema_tests::telegram::errors::RpcError;
    let Some((code, message)) = data.split_first_chunk::<4>() else {
        return;
    };
    let code = i32::from_le_bytes(*code);
    let Ok(message) = core::str::from_utf8(message) else {
        return;
    };
    let error = RpcError::parse(code, message);
    assert_eq!(error.to_string(), message);
    assert_eq!(error.code(), code);
    assert_eq!(RpcError::parse(code, &error.to_string()), error);
});
