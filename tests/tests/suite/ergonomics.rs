//! What users of grammers expect of the generated types besides the codec: accessors for the
//! `?true` flags that share their bit with another field and `int128`/`int256` shown in hex by
//! `Debug` (always), `Default` where every field has one, `Eq` and `Hash` agreeing with `==`
//! (`derive = ["Default", "Eq", "Hash"]`: the library's layer 230 asks for them).

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use tl_runtime::{Deserialize, Serialize};
use tl_schema_tests::{mtproto, telegram};

/// The shapes the real schemas have, in one small schema, linted as strictly as a user could.
#[deny(warnings, missing_docs, clippy::all, clippy::pedantic)]
mod shapes {
    tl_runtime::tl_schema!(
        r#"
        // Two `true`s on one bit (one `bool` field); a `true` beside a value (`user.bot()`).
        user#1 flags:# a:flags.1?true b:flags.1?true bot:flags.14?true bot_info_version:flags.14?int = User;
        // int128, an optional int256, a vector of int256, int512 (no `Default` for [u8; 64]).
        keys#2 flags:# nonce:int128 key:flags.0?int256 hashes:Vector<int256> = Keys;
        wide#3 sig:int512 = Wide;
        // A required enum field: no `Default`; a bare one with it: `Default`.
        holder#4 user:User = Holder;
        bare#5 keys:%Keys = Bare;
        "#,
        derive = ["Default", "Eq", "Hash"]
    );
}

fn hash_of<T: Hash>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Whether `T` implements `Default`, decided at compile time through autoref: the inherent-like
/// method on `Probe<T>` is found only when `T: Default`.
struct Probe<T>(std::marker::PhantomData<T>);
trait NoDefault {
    fn has_default(&self) -> bool {
        false
    }
}
impl<T> NoDefault for &Probe<T> {}
impl<T: Default> Probe<T> {
    fn has_default(&self) -> bool {
        true
    }
}
macro_rules! has_default {
    ($t:ty) => {
        (&Probe::<$t>(std::marker::PhantomData)).has_default()
    };
}

#[test]
fn accessors_read_true_flags_folded_into_a_shared_bit() {
    use shapes::types::User;
    let mut user = User::default();
    assert!(!user.a() && !user.b() && !user.bot());
    user.a_and_b = true;
    user.bot_info_version = Some(7);
    assert!(user.a() && user.b() && user.bot());
    // The accessors say what the wire says: both flags on bit 1, bit 14 set.
    let bytes = user.to_bytes();
    assert_eq!(&bytes[4..8], &((1u32 << 1) | (1 << 14)).to_le_bytes());

    // Layer 230: `bot:flags.14?true` shares its bit with `bot_info_version`.
    let bot = telegram::types::User {
        id: 1,
        bot_info_version: Some(3),
        ..Default::default()
    };
    assert!(bot.bot() && !bot.restricted());
    let decoded = telegram::enums::User::from_bytes(&telegram::enums::User::from(bot).to_bytes());
    let telegram::enums::User::User(user) = decoded.unwrap() else {
        panic!("not a user")
    };
    assert!(user.bot());
}

#[test]
fn default_where_every_field_has_one() {
    let keys = shapes::types::Keys::default();
    assert_eq!(
        (keys.nonce, keys.key, keys.hashes.len()),
        ([0; 16], None, 0)
    );
    assert!(has_default!(shapes::types::User));
    assert!(has_default!(shapes::types::Bare));
    assert!(!has_default!(shapes::types::Wide));
    assert!(!has_default!(shapes::types::Holder));
    // Layer 230: a request with only numbers and flags, and one that needs a peer.
    let req = telegram::functions::messages::GetDialogFilters::default();
    assert_eq!(req.to_bytes().len(), 4);
    assert!(has_default!(telegram::types::InputPeerUser));
    assert!(!has_default!(telegram::functions::messages::GetHistory));
    assert!(!has_default!(telegram::types::Message));
    let _ = telegram::functions::updates::GetState::default();
}

#[test]
fn eq_and_hash_agree_with_the_encoding() {
    let a = telegram::types::InputPeerUser {
        user_id: 5,
        access_hash: 9,
    };
    let b = a.clone();
    let c = telegram::types::InputPeerUser {
        access_hash: 10,
        ..a.clone()
    };
    assert_eq!(hash_of(&a), hash_of(&b));
    assert_ne!(hash_of(&a), hash_of(&c));
    let peers: HashSet<telegram::enums::InputPeer> =
        [a.into(), b.into(), c.into()].into_iter().collect();
    assert_eq!(peers.len(), 2);
    // Doubles compare by their bits, so a NaN equals itself and the set holds it once.
    let nan = telegram::types::JsonNumber { value: f64::NAN };
    let set: HashSet<_> = [nan.clone(), nan].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn debug_shows_int128_and_int256_in_hex() {
    let keys = shapes::types::Keys {
        nonce: *b"\x01\x23\x45\x67\x89\xab\xcd\xef\x00\x11\x22\x33\x44\x55\x66\x77",
        key: Some([0xab; 32]),
        hashes: vec![[0; 32], [0xff; 32]],
    };
    let text = format!("{keys:?}");
    assert!(
        text.contains("nonce: 0123456789abcdef0011223344556677,"),
        "{text}"
    );
    assert!(
        text.contains(&format!("key: Some({})", "ab".repeat(32))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "hashes: [{}, {}]",
            "00".repeat(32),
            "ff".repeat(32)
        )),
        "{text}"
    );
    // The official MTProto schema's handshake.
    let res = mtproto::types::ResPq {
        nonce: [0x3e; 16],
        server_nonce: [0; 16],
        pq: vec![0x17, 0xed],
        server_public_key_fingerprints: vec![1],
    };
    let text = format!("{res:?}");
    assert!(
        text.contains(&format!("nonce: {},", "3e".repeat(16))),
        "{text}"
    );
    // Other values keep their own Debug.
    assert!(text.contains("pq: [23, 237]"), "{text}");
}
