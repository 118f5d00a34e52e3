//! The official `mtproto.tl`, as published: binary `string` fields round-trip byte-exact.

use tl_runtime::{Deserialize, ErrorKind, Serialize};
use tl_schema_tests::{mtproto, telegram};

#[test]
fn res_pq_with_binary_pq_round_trips() {
    let pq = vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81]; // not UTF-8
    assert!(std::str::from_utf8(&pq).is_err());
    let value: mtproto::enums::ResPq = mtproto::types::ResPq {
        nonce: [1; 16],
        server_nonce: [2; 16],
        pq: pq.clone(),
        server_public_key_fingerprints: vec![-4344800451088585951],
    }
    .into();
    let bytes = value.to_bytes();
    assert_eq!(&bytes[..4], &0x05162463u32.to_le_bytes());
    assert_eq!(bytes.len(), value.serialized_len());
    let back = mtproto::enums::ResPq::from_bytes(&bytes).unwrap();
    assert_eq!(back, value);
    assert_eq!(back.to_bytes(), bytes);
    // The same bytes decode identically through grammers' edited copy (pq:bytes).
    let grammers = telegram::enums::ResPq::from_bytes(&bytes).unwrap();
    assert_eq!(grammers.to_bytes(), bytes);
}

#[test]
fn string_fields_are_strict_utf8() {
    // rpc_error#2144ca19 error_code:int error_message:string with invalid UTF-8: an error, not lossy.
    let mut bytes = 0x2144ca19u32.to_le_bytes().to_vec();
    bytes.extend(400i32.to_le_bytes());
    bytes.extend([2, 0xff, 0xfe, 0]);
    let err = mtproto::enums::RpcError::from_bytes(&bytes).unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::InvalidUtf8);
    assert_eq!(err.offset(), 8);
}
