//! Decoding errors name the constructor id, the byte offset and the expected type.

use tl_runtime::{Deserialize, ErrorKind};
use tl_schema_tests::telegram::enums;

#[test]
fn unknown_constructor_names_id_offset_and_type() {
    // `updateShort` (boxed Updates) whose inner `update:Update` has an unknown id, 4 bytes in.
    let mut bytes = 0x78d4dec1u32.to_le_bytes().to_vec();
    bytes.extend(0xdeadbeefu32.to_le_bytes());
    bytes.extend(0i32.to_le_bytes());
    let err = enums::Updates::from_bytes(&bytes).unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::UnknownConstructor);
    assert_eq!(err.constructor_id(), Some(0xdeadbeef));
    assert_eq!(err.offset(), 4);
    assert_eq!(err.expected(), "Update");
    assert_eq!(
        err.to_string(),
        "unknown constructor id 0xdeadbeef at byte offset 4 while decoding Update, in updateShort.update"
    );
}

#[test]
fn trailing_bytes_are_rejected() {
    let mut bytes = 0xe317af7eu32.to_le_bytes().to_vec(); // updatesTooLong
    assert!(enums::Updates::from_bytes(&bytes).is_ok());
    bytes.push(0);
    assert!(matches!(
        enums::Updates::from_bytes(&bytes).unwrap_err().kind(),
        ErrorKind::TrailingBytes { .. }
    ));
}

#[test]
fn enums_stay_small() {
    use std::mem::size_of;
    let sizes = [
        ("Update", size_of::<enums::Update>()),
        ("Updates", size_of::<enums::Updates>()),
        ("Message", size_of::<enums::Message>()),
        ("MessageMedia", size_of::<enums::MessageMedia>()),
        ("MessageAction", size_of::<enums::MessageAction>()),
        ("User", size_of::<enums::User>()),
        ("Chat", size_of::<enums::Chat>()),
        ("RichText", size_of::<enums::RichText>()),
        ("PageBlock", size_of::<enums::PageBlock>()),
        ("InputMedia", size_of::<enums::InputMedia>()),
        ("MessageEntity", size_of::<enums::MessageEntity>()),
        ("Peer", size_of::<enums::Peer>()),
    ];
    for (name, size) in sizes {
        assert!(size <= 64, "enums::{name} is {size} bytes");
    }
}
