//! A `#![no_std]` crate that expands real schemas with tl-runtime's default features off (no
//! `std`): it builds only if the runtime and the generated code need nothing beyond `core` and
//! `alloc`. CI builds it (`cargo build -p tl-schema-no-std`). Paths are relative to this crate's
//! manifest; the schemas are read from `../shared` beside the repository.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

use alloc::vec::Vec;

use tl_runtime::{Deserialize, Serialize};

/// The official `mtproto.tl` with mtcute's error database (the `errors` module).
pub mod mtproto {
    tl_runtime::tl_schema!(
        path = "../../../shared/schemas/mtproto.tl",
        string_as_bytes = "mtproto",
        errors = "../../../shared/api-docs/mtcute-errors.json"
    );
}

/// TON: `(vector X)`, `Object`/`Function` values.
pub mod ton_api {
    tl_runtime::tl_schema!(path = "../../../shared/schemas/ton_api.tl", ids = "tl-spec");
}

/// TON's lite server API, decoded borrowing from the input, with `functions::AnyFunction` and
/// `Default`, `Eq` and `Hash` on borrowing types.
pub mod lite_api {
    tl_runtime::tl_schema!(
        path = "../../../shared/schemas/lite_api.tl",
        ids = "tl-spec",
        any_function = true,
        borrowed = true,
        derive = ["Default", "Eq", "Hash"]
    );
}

/// Decodes a boxed `resPQ` and encodes it again: the generated decoder and encoder, compiled
/// without std.
pub fn reencode_res_pq(bytes: &[u8]) -> tl_runtime::Result<Vec<u8>> {
    Ok(mtproto::enums::ResPq::from_bytes(bytes)?.to_bytes())
}

/// Decodes a boxed `rpc_error` and types it with the `errors` module.
pub fn rpc_error(bytes: &[u8]) -> tl_runtime::Result<mtproto::errors::RpcError> {
    let e = mtproto::types::RpcError::from_bytes(bytes)?;
    Ok(mtproto::errors::RpcError::parse(
        e.error_code,
        &e.error_message,
    ))
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec;

    use super::*;

    #[test]
    fn res_pq_round_trips() {
        let value = mtproto::types::ResPq {
            nonce: [1; 16],
            server_nonce: [2; 16],
            pq: vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81],
            server_public_key_fingerprints: vec![-4_344_800_451_088_585_951],
        };
        let bytes = value.to_bytes();
        assert_eq!(bytes[..4], 0x0516_2463u32.to_le_bytes());
        assert_eq!(reencode_res_pq(&bytes).unwrap(), bytes);
        assert_eq!(mtproto::types::ResPq::from_bytes(&bytes).unwrap(), value);
        assert!(reencode_res_pq(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn rpc_errors_are_typed() {
        let answer = mtproto::types::RpcError {
            error_code: 420,
            error_message: String::from("FLOOD_WAIT_30"),
        };
        let e = rpc_error(&answer.to_bytes()).unwrap();
        assert_eq!(e, mtproto::errors::RpcError::FloodWait { seconds: 30 });
        assert_eq!(e.code(), 420);
    }

    #[test]
    fn borrowed_requests_have_default_eq_and_hash() {
        use lite_api::functions::lite_server::GetAccountState;
        let mut request = GetAccountState::default();
        request.account.workchain = -1;
        let bytes = request.to_bytes();
        let decoded = GetAccountState::from_bytes(&bytes).unwrap();
        let set: std::collections::HashSet<GetAccountState> =
            [decoded, request.clone(), GetAccountState::default()]
                .into_iter()
                .collect();
        assert_eq!(set.len(), 2);
        assert!(set.contains(&request));
    }
}
