//! The payloads in `../shared/bench`, produced by an independent encoder (grammers-tl-types 0.11),
//! decode through the generated layer-230 types and re-encode byte-identical.

use crate::payload;
use tl_runtime::{Deserialize, Serialize};
use tl_schema_tests::telegram::{enums, functions};

fn round_trip<T: Serialize + tl_runtime::DeserializeOwned>(name: &str) -> T {
    let bytes = payload(name);
    let value = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        value.serialized_len(),
        bytes.len(),
        "{name}: serialized_len"
    );
    assert!(value.to_bytes() == bytes, "{name}: re-encoding differs");
    value
}

#[test]
fn channel_messages() {
    let enums::messages::Messages::ChannelMessages(page) =
        round_trip::<enums::messages::Messages>("channel_messages.bin")
    else {
        panic!("expected messages.channelMessages");
    };
    assert_eq!(
        (page.messages.len(), page.users.len(), page.chats.len()),
        (100, 20, 5)
    );
}

#[test]
fn updates() {
    let enums::Updates::Updates(updates) = round_trip::<enums::Updates>("updates.bin") else {
        panic!("expected updates");
    };
    assert_eq!(
        (
            updates.updates.len(),
            updates.users.len(),
            updates.chats.len()
        ),
        (50, 10, 3)
    );
}

#[test]
fn update_short_message() {
    let enums::Updates::UpdateShortMessage(m) =
        round_trip::<enums::Updates>("update_short_message.bin")
    else {
        panic!("expected updateShortMessage");
    };
    assert_eq!(m.message.len(), 25);
    assert_eq!(m.entities.as_ref().map(Vec::len), Some(1));
}

#[test]
fn send_message_function() {
    let call = round_trip::<functions::messages::SendMessage>("send_message.bin");
    assert!(call.no_webpage && call.clear_draft && !call.silent);
    assert_eq!(call.message.len(), 131);
    assert_eq!(call.entities.as_ref().map(Vec::len), Some(3));
}

#[test]
fn every_prefix_of_every_payload_is_an_error() {
    for name in [
        "update_short_message.bin",
        "send_message.bin",
        "updates.bin",
    ] {
        let bytes = payload(name);
        for end in 0..bytes.len() {
            let prefix = &bytes[..end];
            let ok = if name == "send_message.bin" {
                functions::messages::SendMessage::from_bytes(prefix).is_ok()
            } else {
                enums::Updates::from_bytes(prefix).is_ok()
            };
            assert!(!ok, "{name}: prefix of {end} bytes decoded");
        }
    }
}

#[test]
fn fields_sharing_a_bit_are_present_together() {
    use tl_schema_tests::telegram::types;
    // phone.createConferenceCall: join, public_key, block and params all sit on flags.3.
    let data = types::DataJson { data: "{}".into() };
    for group in [None, Some(([7u8; 32], vec![1, 2, 3], data.into()))] {
        let call = functions::phone::CreateConferenceCall {
            muted: true,
            video_stopped: false,
            random_id: 9,
            public_key_and_block_and_params: group,
        };
        let bytes = call.to_bytes();
        let flags = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
        assert_eq!(
            flags & (1 << 3) != 0,
            call.public_key_and_block_and_params.is_some()
        );
        assert_eq!(
            functions::phone::CreateConferenceCall::from_bytes(&bytes).unwrap(),
            call
        );
    }
}
