//! The path to the failing value in decoding errors (issue 14): corrupted bench payloads, each
//! error's text asserted whole. The runtime's own tests (`tl-runtime/src/tests.rs`) cover bare
//! fields, root vectors and deep paths.

use tl_runtime::{Deserialize, ErrorKind, Limits, PathSegment, Serialize};
use tl_schema_tests::telegram::{enums, types};

use crate::payload;

/// Where `needle` starts in `haystack`, searching from `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> usize {
    from + haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("found")
}

/// `channel_messages.bin` decoded, and its `messages.channelMessages`.
fn channel_messages() -> (Vec<u8>, types::messages::ChannelMessages) {
    let bytes = payload("channel_messages.bin");
    let value = enums::messages::Messages::from_bytes(&bytes).unwrap();
    let enums::messages::Messages::ChannelMessages(m) = value else {
        panic!("not channelMessages");
    };
    (bytes, *m)
}

/// The offset of message `i` of the payload, and the message.
fn message_at(
    bytes: &[u8],
    m: &types::messages::ChannelMessages,
    i: usize,
) -> (usize, types::Message) {
    let mut from = 0;
    for (k, msg) in m.messages.iter().enumerate() {
        let at = find(bytes, &msg.to_bytes(), from);
        if k == i {
            let enums::Message::Message(msg) = msg else {
                panic!("message {i} is not a message");
            };
            return (at, (**msg).clone());
        }
        from = at + 4;
    }
    panic!("no message {i}");
}

#[test]
fn unknown_media_constructor() {
    let (mut bytes, m) = channel_messages();
    let i = m
        .messages
        .iter()
        .position(|x| matches!(x, enums::Message::Message(m) if m.media.is_some()))
        .unwrap();
    let (at, msg) = message_at(&bytes, &m, i);
    let media = find(&bytes, &msg.media.unwrap().to_bytes(), at);
    bytes[media..media + 4].copy_from_slice(&0xdead_beefu32.to_le_bytes());
    let e = enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(*e.kind(), ErrorKind::UnknownConstructor);
    assert_eq!(
        e.path(),
        format!("messages.channelMessages.messages[{i}].media")
    );
    assert_eq!(
        e.to_string(),
        format!(
            "unknown constructor id 0xdeadbeef at byte offset {media} while decoding MessageMedia, \
             in messages.channelMessages.messages[{i}].media"
        )
    );
    assert_eq!((i, media), (1, 344), "the payload changed");
    assert_eq!(e.path_root(), Some("messages.channelMessages"));
    assert_eq!(
        e.path_segments().collect::<Vec<_>>(),
        [
            PathSegment::Field("messages"),
            PathSegment::Index(1),
            PathSegment::Field("media")
        ]
    );
}

#[test]
fn invalid_utf8_in_a_user_name() {
    let (mut bytes, m) = channel_messages();
    let (k, user) = m
        .users
        .iter()
        .enumerate()
        .find_map(|(k, u)| match u {
            enums::User::User(u) if u.first_name.as_ref().is_some_and(|n| n.len() > 2) => {
                Some((k, u))
            }
            _ => None,
        })
        .unwrap();
    let at = find(&bytes, &user.to_bytes(), bytes.len() / 2);
    let name = user.first_name.as_ref().unwrap().as_bytes();
    let text = find(&bytes, name, at);
    bytes[text] = 0xff;
    let e = enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(*e.kind(), ErrorKind::InvalidUtf8);
    assert_eq!(
        e.to_string(),
        format!(
            "invalid UTF-8 at byte offset {} while decoding string, in \
             messages.channelMessages.users[{k}].first_name",
            text - 1
        )
    );
}

#[test]
fn a_truncated_update_names_every_level() {
    // `updates.bin` cut in the middle: the value being decoded at the end of the input.
    let bytes = payload("updates.bin");
    let e = enums::Updates::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(e.is_incomplete());
    let text = e.to_string();
    assert!(e.path().starts_with("updates.updates["), "{}", e.path());
    assert_eq!(
        text,
        format!("{}, in {}", text.split(", in ").next().unwrap(), e.path())
    );
    assert_eq!(
        text,
        "length 263 too large at byte offset 8144 while decoding string: 64 bytes remain, in \
         updates.updates[25].message.message"
    );
}

#[test]
fn undefined_flags_in_strict_mode() {
    let (mut bytes, m) = channel_messages();
    let (at, _) = message_at(&bytes, &m, 2);
    // The message's first flags word follows its id: set bit 31, on no field.
    bytes[at + 7] |= 0x80;
    let e = enums::messages::Messages::from_bytes_with(&bytes, Limits::STRICT).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "flags word `flags` sets bits 0x80000000 that no field is on at byte offset {} while \
             decoding message (strict), in messages.channelMessages.messages[2].flags",
            at + 4
        )
    );
}

#[test]
fn an_element_of_a_vector_of_numbers() {
    // `messages.getMessages id:Vector<InputMessage>`: an unknown `InputMessage` in element 1;
    // and a root vector: the path is the index alone.
    let request = tl_schema_tests::telegram::functions::messages::GetMessages {
        id: vec![
            types::InputMessageId { id: 1 }.into(),
            types::InputMessageId { id: 2 }.into(),
        ],
    };
    let mut bytes = request.to_bytes();
    bytes[20..24].copy_from_slice(&0xdead_beefu32.to_le_bytes());
    let e = tl_schema_tests::telegram::functions::messages::GetMessages::from_bytes(&bytes)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown constructor id 0xdeadbeef at byte offset 20 while decoding InputMessage, in \
         messages.getMessages.id[1]"
    );
    let mut strings = vec![String::from("a"), String::from("b")].to_bytes();
    strings[12] = 200;
    let e = Vec::<String>::from_bytes(&strings).unwrap_err();
    assert_eq!(
        e.to_string(),
        "length 200 too large at byte offset 12 while decoding string: 3 bytes remain, in [1]"
    );
}

/// The error of decoding `channel_messages.bin` under `limits`.
fn channel_messages_under(limits: Limits) -> tl_runtime::Error {
    let bytes = payload("channel_messages.bin");
    enums::messages::Messages::from_bytes_with(&bytes, limits).unwrap_err()
}

#[test]
fn the_depth_limit_names_the_value_it_stops_at() {
    // A depth limit of 3: the first value nested deeper.
    let e = channel_messages_under(Limits {
        max_depth: 3,
        ..Limits::DEFAULT
    });
    assert!(matches!(e.kind(), ErrorKind::DepthLimit { max: 3 }));
    assert_eq!(
        e.to_string(),
        "nesting deeper than 3 at byte offset 356 while decoding Photo, in \
         messages.channelMessages.messages[1].media.photo"
    );
}

#[test]
fn the_allocation_budget_names_the_value_it_refuses() {
    // A budget of 2 bytes per input byte: the first box or buffer that does not fit.
    let e = channel_messages_under(Limits {
        alloc_per_input_byte: 2,
        ..Limits::DEFAULT
    });
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }));
    // The `Box` of message 83 (a `message` is held boxed in `enums::Message`).
    assert_eq!(
        e.to_string(),
        "allocation of 560 bytes exceeds the allocation budget of 102048 bytes at byte offset \
         39056 while decoding message, in messages.channelMessages.messages[83]"
    );
}
