//! The `json` target: hostile JSON into the generated serde impls (layer 230 with the default
//! rules, td_api with `json = "tdlib"`), and hostile TL bytes out through JSON and back.
//!
//! Checks: nothing panics; a JSON text that decodes, encoded to JSON again, decodes to the same
//! TL bytes; a TL value that decodes goes through JSON to the same value (the same encoding).

use tl_runtime::{DeserializeOwned, Serialize};
use tl_schema_tests::{td_json, telegram};

/// The first byte picks the root type; the rest is JSON text, or TL bytes for the last roots.
pub fn check(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    match pick % 6 {
        0 => from_json::<telegram::enums::Updates>(rest),
        1 => from_json::<telegram::enums::messages::Messages>(rest),
        2 => from_json::<td_json::enums::Update>(rest),
        3 => from_json::<td_json::functions::SendMessage>(rest),
        4 => from_tl::<telegram::enums::Updates>(rest),
        _ => from_tl::<telegram::enums::messages::Messages>(rest),
    }
}

fn from_json<T>(text: &[u8])
where
    T: Serialize + DeserializeOwned + serde::Serialize + serde::de::DeserializeOwned,
{
    let Ok(value) = serde_json::from_slice::<T>(text) else {
        return;
    };
    let again = serde_json::to_vec(&value).expect("a decoded value encodes to JSON");
    let back: T = serde_json::from_slice(&again).expect("our JSON decodes");
    assert!(back.to_bytes() == value.to_bytes(), "JSON round trip changed the value");
}

fn from_tl<T>(bytes: &[u8])
where
    T: Serialize + DeserializeOwned + serde::Serialize + serde::de::DeserializeOwned,
{
    let Ok(value) = T::from_bytes(bytes) else {
        return;
    };
    let text = serde_json::to_vec(&value).expect("a decoded value encodes to JSON");
    let back: T = serde_json::from_slice(&text).expect("its JSON decodes");
    // The value's own encoding, not the input: lenient decoding accepts non-canonical bytes
    // (padding, the long length form, undefined flag bits) that encoding does not reproduce.
    assert!(
        back.to_bytes() == value.to_bytes(),
        "TL → JSON → TL changed the value"
    );
}
