// What the consumers do with the types, shared by `ours` and `borrowed` (`include!`d after
// their `use` of `enums` and `functions`).

/// Decodes `Updates` and encodes it again.
pub fn updates(bytes: &[u8]) -> Option<Vec<u8>> {
    enums::Updates::from_bytes(bytes).ok().map(|v| v.to_bytes())
}

/// Decodes the answer to `messages.getHistory` and encodes it again.
pub fn history(bytes: &[u8]) -> Option<Vec<u8>> {
    enums::messages::Messages::from_bytes(bytes)
        .ok()
        .map(|v| v.to_bytes())
}

/// Decodes a `messages.sendMessage` request and encodes it again.
pub fn send_message(bytes: &[u8]) -> Option<Vec<u8>> {
    functions::messages::SendMessage::from_bytes(bytes)
        .ok()
        .map(|v| v.to_bytes())
}

/// `Debug` of decoded updates.
pub fn show(bytes: &[u8]) -> String {
    format!("{:?}", enums::Updates::from_bytes(bytes).ok())
}

/// `Clone` and `==` of decoded updates.
pub fn clone_eq(bytes: &[u8]) -> bool {
    enums::Updates::from_bytes(bytes).is_ok_and(|v| v.clone() == v)
}
