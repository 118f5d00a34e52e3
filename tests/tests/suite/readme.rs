//! The example at the top of the README, kept compiling.

use tl_runtime::{Deserialize, Serialize};

tl_runtime::tl_schema!(
    r#"
    inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
    ---functions---
    phone.receivedCall#17d54f61 peer:InputPhoneCall = Bool;
"#
);

#[test]
fn readme_example() {
    let call = functions::phone::ReceivedCall {
        peer: types::InputPhoneCall {
            id: 1,
            access_hash: 2,
        }
        .into(),
    };
    let bytes = call.to_bytes();
    assert_eq!(
        &bytes[..8],
        &[0x61, 0x4f, 0xd5, 0x17, 0xed, 0xfd, 0x36, 0x1e]
    );
    assert_eq!(
        functions::phone::ReceivedCall::from_bytes(&bytes).unwrap(),
        call
    );
}

/// The example of the README's "Docs and typed errors", kept compiling.
mod docs_and_errors {
    use tl_runtime::RemoteCall;

    tl_runtime::tl_schema!(
        r#"
inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
rpc_error#2144ca19 error_code:int error_message:string = RpcError;
---functions---
// Refuse or end running call, see [here »](https://core.telegram.org/api/calls#one-to-one-calls) for more info on the full flow.
//@peer The phone call
//@error 400 CALL_ALREADY_ACCEPTED The call was already accepted.
//@error 500 CALL_OCCUPY_FAILED The call failed because the user is already making another call.
phone.discardCall#b2cbc1c0 peer:InputPhoneCall = Bool;
"#
    );

    #[test]
    fn readme_docs_example() {
        let listed = <functions::phone::DiscardCall as RemoteCall>::ERRORS;
        assert_eq!(listed.len(), 2);
        assert!(listed.contains(500, "CALL_OCCUPY_FAILED"));
        let e = errors::RpcError::parse(500, "CALL_OCCUPY_FAILED");
        assert_eq!(e, errors::RpcError::CallOccupyFailed);
        assert!(e.expected_by::<functions::phone::DiscardCall>());
    }
}
