//! `tl_schema!(…, borrowed = true)`: `string`/`bytes` borrowed from the input (`&'de str`,
//! `&'de [u8]`), the lifetime `'de` on every type that holds one. Layer 230 + MTProto expanded
//! in full (its own test binary: a second expansion of the whole API), every type round-tripped
//! against the owned expansion, the bench payloads decoded zero-copy, and the guarantees of
//! owned decoding (UTF-8, limits, errors) kept.

use tl_runtime::{Deserialize, Limits, RemoteCall, Serialize};

#[global_allocator]
static ALLOC: tl_schema_tests::alloc::Counting = tl_schema_tests::alloc::Counting;

mod telegram {
    tl_runtime::tl_schema!(
        path = [
            "../../shared/schemas/telegram-api-layer230.tl",
            "../../shared/schemas/mtproto-grammers.tl"
        ],
        borrowed = true
    );
}

/// TON uses `Object`, `Function` and generic functions: `AnyObject<'de>`, `AnyFunction<'de>`.
mod ton {
    tl_runtime::tl_schema!(
        path = "../../shared/schemas/ton_api.tl",
        ids = "tl-spec",
        borrowed = true
    );
}

mod small {
    tl_runtime::tl_schema!(
        r#"
        messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
        messageEntityTextUrl#76a6d327 offset:int length:int url:string = MessageEntity;
        microMessage#5eb1c0de id:int text:string payload:bytes entities:Vector<MessageEntity> = MicroMessage;
        point#11223344 x:int y:int = Point;
        ---functions---
        getMessage#99887766 id:int = MicroMessage;
        echo#55667788 text:string = MicroMessage;
        "#,
        borrowed = true
    );
}

fn payload(name: &str) -> Vec<u8> {
    let path = format!("{}/../../shared/bench/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Whether `part` lies inside `whole` (the same memory, not a copy).
fn borrowed_from(part: &[u8], whole: &[u8]) -> bool {
    let range = whole.as_ptr_range();
    part.is_empty() || range.contains(&part.as_ptr()) && part.as_ptr_range().end <= range.end
}

#[test]
fn layer_230_round_trips_every_type_through_the_borrowed_decoders() {
    tl_schema_tests::round_trip::check_borrowed(
        "layer230+mtproto (borrowed)",
        &["telegram-api-layer230.tl", "mtproto-grammers.tl"],
        tl_schema_tests::telegram::for_each_type,
        telegram::for_each_decoder,
    );
}

#[test]
fn ton_round_trips_every_type_through_the_borrowed_decoders() {
    tl_schema_tests::round_trip::check_borrowed(
        "ton_api (borrowed)",
        &["ton_api.tl"],
        tl_schema_tests::ton_api::for_each_type,
        ton::for_each_decoder,
    );
}

#[test]
fn payloads_decode_zero_copy_and_re_encode_byte_exact() {
    use telegram::enums;
    let bytes = payload("channel_messages.bin");
    let enums::messages::Messages::ChannelMessages(page) =
        enums::messages::Messages::from_bytes(&bytes).unwrap()
    else {
        panic!("expected messages.channelMessages");
    };
    assert_eq!(page.messages.len(), 100);
    let mut texts = 0;
    for m in &page.messages {
        if let enums::Message::Message(m) = m {
            assert!(borrowed_from(m.message.as_bytes(), &bytes));
            texts += 1;
        }
    }
    assert_eq!(texts, 100);
    let copy = enums::messages::Messages::ChannelMessages(page.clone());
    assert_eq!(copy.to_bytes(), bytes);
    assert_eq!(copy.serialized_len(), bytes.len());

    for name in ["updates.bin", "update_short_message.bin"] {
        let bytes = payload(name);
        let value = enums::Updates::from_bytes(&bytes).unwrap();
        assert_eq!(value.to_bytes(), bytes, "{name}");
    }
    let bytes = payload("send_message.bin");
    let call = telegram::functions::messages::SendMessage::from_bytes(&bytes).unwrap();
    assert_eq!(call.message.len(), 131);
    assert!(borrowed_from(call.message.as_bytes(), &bytes));
    assert_eq!(call.to_bytes(), bytes);
}

#[test]
fn borrowed_decoding_allocates_only_vectors_and_boxes() {
    use small::{enums, types};
    let text = "x".repeat(300);
    let value = types::MicroMessage {
        id: 7,
        text: &text,
        payload: &[1, 2, 3, 4, 5],
        entities: vec![
            types::MessageEntityBold {
                offset: 0,
                length: 3,
            }
            .into(),
            types::MessageEntityTextUrl {
                offset: 3,
                length: 4,
                url: "https://t.me",
            }
            .into(),
        ],
    };
    let bytes = value.to_bytes();
    let (back, used) =
        tl_schema_tests::alloc::allocated_by(|| types::MicroMessage::from_bytes(&bytes).unwrap());
    assert_eq!(back, value);
    assert!(borrowed_from(back.text.as_bytes(), &bytes));
    assert!(borrowed_from(back.payload, &bytes));
    let enums::MessageEntity::MessageEntityTextUrl(url) = &back.entities[1] else {
        panic!("expected messageEntityTextUrl");
    };
    assert!(borrowed_from(url.url.as_bytes(), &bytes));
    // The one allocation is the entity vector's buffer.
    assert_eq!(used, 2 * size_of::<enums::MessageEntity<'_>>());
    // An owned copy of the same message allocates the 300-byte text too.
    assert!(format!("{back:?}").contains("text: \"xxx"));
}

#[test]
fn types_without_strings_take_no_lifetime_and_are_owned() {
    // `point` holds only numbers: no lifetime, decodable from a buffer that is dropped after.
    fn decode_owned<T: tl_runtime::DeserializeOwned>(bytes: Vec<u8>) -> T {
        T::from_bytes(&bytes).unwrap()
    }
    let p = small::types::Point { x: 1, y: -2 };
    assert_eq!(decode_owned::<small::types::Point>(p.to_bytes()), p);
    // A function's answer borrows from the answer's buffer, not from the request's.
    fn answer<'a, F: RemoteCall>(_: &F, bytes: &'a [u8]) -> F::Return<'a> {
        <F::Return<'a>>::from_bytes(bytes).unwrap()
    }
    let answer_bytes = small::types::MicroMessage {
        id: 1,
        text: "hi",
        payload: &[],
        entities: vec![],
    }
    .to_bytes();
    let request = small::functions::Echo { text: "ping" };
    let small::enums::MicroMessage::MicroMessage(m) = answer(&request, &answer_bytes);
    assert_eq!(m.text, "hi");
}

#[test]
fn invalid_utf8_limits_and_truncation_are_errors_as_in_owned_decoding() {
    use small::types::MicroMessage;
    let value = MicroMessage {
        id: 1,
        text: "héllo",
        payload: &[0xff; 300],
        entities: vec![],
    };
    let mut bytes = value.to_bytes();
    // Every prefix fails (and nothing panics).
    for end in 0..bytes.len() {
        assert!(
            MicroMessage::from_bytes(&bytes[..end]).is_err(),
            "prefix {end}"
        );
    }
    let limits = Limits {
        max_bytes_len: 299,
        ..Limits::DEFAULT
    };
    let e = MicroMessage::from_bytes_with(&bytes, limits).unwrap_err();
    assert!(
        matches!(e.kind(), tl_runtime::ErrorKind::BytesLimit { len: 300, .. }),
        "{e}"
    );
    // The text starts after the id (4) and the constructor id (4); `é` is 0xc3 0xa9.
    assert_eq!(&bytes[9..12], &[b'h', 0xc3, 0xa9]);
    bytes[10] = 0xc3;
    bytes[11] = 0x28;
    let e = MicroMessage::from_bytes(&bytes).unwrap_err();
    assert_eq!(e.kind(), &tl_runtime::ErrorKind::InvalidUtf8);
    assert_eq!(e.offset(), 8);
}

/// Decodes `bytes` as `T` (owned or borrowed) and encodes the value again.
fn reencode<'de, T: Deserialize<'de> + Serialize>(
    bytes: &'de [u8],
    limits: Limits,
) -> tl_runtime::Result<Vec<u8>> {
    T::from_bytes_with(bytes, limits).map(|v| v.to_bytes())
}

/// The owned and the borrowed decoder agree on `buf`: the same re-encoding, or the same error
/// (kind and offset). Only where the owned decoder ran out of allocation budget (it charges the
/// strings it copies, the borrowed one does not) may the borrowed one go further. Returns
/// whether both decoded.
fn agree(
    buf: &[u8],
    limits: Limits,
    owned: fn(&[u8], Limits) -> tl_runtime::Result<Vec<u8>>,
    borrowed: fn(&[u8], Limits) -> tl_runtime::Result<Vec<u8>>,
) -> bool {
    match (owned(buf, limits), borrowed(buf, limits)) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "re-encodings differ");
            return true;
        }
        (Err(a), Err(b)) if matches!(a.kind(), tl_runtime::ErrorKind::AllocLimit { .. }) => {
            let _ = b;
        }
        (Err(_), Ok(_)) => {}
        (Err(a), Err(b)) => assert_eq!(
            (a.kind(), a.offset()),
            (b.kind(), b.offset()),
            "errors differ: owned {a}, borrowed {b}"
        ),
        (Ok(_), Err(b)) => panic!("the borrowed decoder refused what the owned one took: {b}"),
    }
    false
}

#[test]
fn mutated_payloads_decode_alike_owned_and_borrowed() {
    use tl_schema_tests::mutate::{mutate, Rng};
    use tl_schema_tests::telegram as owned;
    let seeds: Vec<Vec<u8>> = [
        "update_short_message.bin",
        "updates.bin",
        "channel_messages.bin",
    ]
    .map(payload)
    .into();
    let mut rng = Rng(0xb0ee_0d1e_5eed_0042);
    let (mut compared, mut decoded) = (0, 0);
    for case in 0..20_000 {
        let seed = &seeds[rng.below(seeds.len())];
        let mut buf = if seed.len() <= 512 {
            seed.clone()
        } else {
            let from = if case % 2 == 0 {
                0
            } else {
                rng.below(seed.len() - 64) & !3
            };
            seed[from..(from + 64 + rng.below(2048)).min(seed.len())].to_vec()
        };
        mutate(&mut rng, &mut buf);
        for limits in [Limits::DEFAULT, Limits::STRICT] {
            decoded += usize::from(agree(
                &buf,
                limits,
                |b, l| reencode::<owned::enums::Updates>(b, l),
                |b, l| reencode::<telegram::enums::Updates<'_>>(b, l),
            ));
            decoded += usize::from(agree(
                &buf,
                limits,
                |b, l| reencode::<owned::enums::messages::Messages>(b, l),
                |b, l| reencode::<telegram::enums::messages::Messages<'_>>(b, l),
            ));
            compared += 2;
        }
    }
    eprintln!("{compared} decodes compared, {decoded} of them decoded by both");
    assert_eq!(compared, 80_000);
    // Not every mutation breaks the input: the comparison covers successful decodes too.
    assert!(decoded > 1_000, "only {decoded} decodes succeeded");
}
