//! The seed declarations of the quickstart, asserted byte for byte.

#[allow(dead_code)]
#[path = "../../../tl-runtime/examples/quickstart.rs"]
mod quickstart;

use quickstart::{enums, functions, types};
use tl_runtime::{
    BareDeserialize, BareSerialize, Deserialize, Identifiable, RemoteCall, Serialize,
};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn discard_call_bytes() {
    let call = quickstart::discard_call();
    let want = unhex(
        "c0c1cbb201000000edfd361e0807060504030201ffffffffffffffff2a00000090c6ad570700000000000000",
    );
    assert_eq!(call.to_bytes(), want);
    assert_eq!(call.serialized_len(), want.len());
    assert_eq!(
        functions::phone::DiscardCall::from_bytes(&want).unwrap(),
        call
    );
    assert_eq!(
        <functions::phone::DiscardCall as Identifiable>::CONSTRUCTOR_ID,
        0xb2cbc1c0
    );
}

#[test]
fn discard_call_returns_updates() {
    fn returns<C: for<'r> RemoteCall<Return<'r> = enums::Updates>>(_: &C) {}
    returns(&quickstart::discard_call());
}

#[test]
fn update_short_message_bytes_and_dispatch() {
    let update = quickstart::short_message();
    let want = unhex(
        "f8c73b3102280000050000000903000000000000026869000a0000000100000000f153656300000000000000",
    );
    assert_eq!(update.to_bytes(), want);
    assert_eq!(update.constructor_id(), 0x313bc7f8);
    let decoded = enums::Updates::from_bytes(&want).unwrap();
    assert_eq!(decoded, update);
    let enums::Updates::UpdateShortMessage(m) = decoded else {
        panic!("dispatch chose another variant")
    };
    assert_eq!((m.out, m.silent, m.mentioned), (true, true, false));
    assert_eq!(
        (m.id, m.user_id, m.message.as_str(), m.via_bot_id),
        (5, 777, "hi", Some(99))
    );
}

#[test]
fn bare_forms_drop_the_id() {
    let call = types::InputPhoneCall {
        id: 1,
        access_hash: 2,
    };
    assert_eq!(call.to_bytes()[4..], call.to_bytes_bare()[..]);
    assert_eq!(
        types::InputPhoneCall::from_bytes_bare(&call.to_bytes_bare()).unwrap(),
        call
    );
}

#[test]
fn docs_from_comments() {
    // The `//@field` lines become field docs; checked through the expansion in tl-macros' tests,
    // here only that the items exist with the documented names.
    let _ = functions::phone::DiscardCall {
        ..quickstart::discard_call()
    }
    .connection_id;
}

#[test]
fn the_seed_page_errors_inline() {
    // The `//@error` lines above `phone.discardCall`, as data: (code, name, description).
    let listed: Vec<(i32, &str, &str)> = <functions::phone::DiscardCall as RemoteCall>::ERRORS
        .iter()
        .map(|e| (e.code, e.name, e.description))
        .collect();
    assert_eq!(
        listed,
        [
            (
                400,
                "CALL_ALREADY_ACCEPTED",
                "The call was already accepted."
            ),
            (
                500,
                "CALL_OCCUPY_FAILED",
                "The call failed because the user is already making another call."
            ),
            (
                400,
                "CALL_PEER_INVALID",
                "The provided call peer object is invalid."
            ),
        ]
    );
    let [accepted, flood] = quickstart::rpc_errors();
    let accepted = quickstart::errors::RpcError::from(&accepted);
    assert_eq!(accepted, quickstart::errors::RpcError::CallAlreadyAccepted);
    assert!(accepted.expected_by::<functions::phone::DiscardCall>());
    // Not listed by the call, but any method can answer with it.
    let flood = quickstart::errors::RpcError::from(&flood);
    assert_eq!(
        flood,
        quickstart::errors::RpcError::FloodWait { seconds: 31 }
    );
    assert_eq!(
        (flood.code(), flood.to_string()),
        (420, "FLOOD_WAIT_31".to_owned())
    );
    assert!(flood.is_common());
}
