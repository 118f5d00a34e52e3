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
