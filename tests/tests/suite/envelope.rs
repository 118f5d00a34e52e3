//! The MTProto envelope (`tl_runtime::mtproto`) around real layer-230 payloads: an `rpc_result`
//! answering `messages.getHistory`, an `rpc_error`, a container with a gzip-packed message, a bomb.

use std::io::Write as _;

use crate::payload;
use tl_runtime::mtproto::{
    self, MsgContainer, RpcResult, GZIP_PACKED_ID, MSG_CONTAINER_ID, RPC_ERROR_ID, RPC_RESULT_ID,
};
use tl_runtime::{Deserialize, ErrorKind, Limits, RemoteCall, Serialize};
use tl_schema_tests::telegram::{enums, errors, functions};

fn rpc_result(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut b = RPC_RESULT_ID.to_le_bytes().to_vec();
    b.extend(req_msg_id.to_le_bytes());
    b.extend(result);
    b
}

fn rpc_error(code: i32, message: &str) -> Vec<u8> {
    let mut b = RPC_ERROR_ID.to_le_bytes().to_vec();
    b.extend(code.to_le_bytes());
    b.extend(String::from(message).to_bytes());
    b
}

fn gzip_packed(data: &[u8]) -> Vec<u8> {
    packed(&gzip(data))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

/// `gzip_packed` of gzip data as it is.
fn packed(gzip: &[u8]) -> Vec<u8> {
    let mut b = GZIP_PACKED_ID.to_le_bytes().to_vec();
    tl_runtime::writer::write_bytes(&mut b, gzip);
    b
}

/// `msg_container` of (msg_id, seqno, body).
fn container(messages: &[(i64, i32, &[u8])]) -> Vec<u8> {
    let mut b = MSG_CONTAINER_ID.to_le_bytes().to_vec();
    b.extend((messages.len() as u32).to_le_bytes());
    for (msg_id, seqno, body) in messages {
        b.extend(msg_id.to_le_bytes());
        b.extend(seqno.to_le_bytes());
        b.extend((body.len() as i32).to_le_bytes());
        b.extend(*body);
    }
    b
}

#[test]
fn rpc_result_answering_get_history() {
    let page = payload("channel_messages.bin");
    let bytes = rpc_result(0x5f00_0000_0000_0004, &page);
    let result = RpcResult::parse(&bytes).unwrap();
    assert_eq!(result.req_msg_id, 0x5f00_0000_0000_0004);
    let answer = result
        .answer::<functions::messages::GetHistory>()
        .unwrap()
        .unwrap();
    let enums::messages::Messages::ChannelMessages(m) = &answer else {
        panic!("another constructor: {}", answer.tl_name())
    };
    assert_eq!(
        (m.messages.len(), m.users.len(), m.chats.len()),
        (100, 20, 5)
    );
    assert_eq!(answer.to_bytes(), page);
}

#[test]
fn rpc_result_carrying_an_rpc_error() {
    let bytes = rpc_result(9, &rpc_error(420, "FLOOD_WAIT_31"));
    let result = RpcResult::parse(&bytes).unwrap();
    assert!(result.is_error());
    let e = result
        .answer::<functions::messages::GetHistory>()
        .unwrap()
        .unwrap_err();
    assert_eq!((e.code, e.message.as_str()), (420, "FLOOD_WAIT_31"));
    let typed = errors::RpcError::parse(e.code, &e.message);
    assert_eq!(typed, errors::RpcError::FloodWait { seconds: 31 });
    assert!(typed.expected_by::<functions::messages::GetHistory>());
}

#[test]
fn a_container_of_three_messages_one_gzip_packed() {
    let updates = payload("updates.bin");
    let page = payload("channel_messages.bin");
    let answer = rpc_result(77, &gzip_packed(&page));
    let error = rpc_result(78, &rpc_error(400, "PEER_ID_INVALID"));
    let bytes = container(&[(101, 1, &updates), (103, 3, &answer), (105, 5, &error)]);
    let messages: Vec<mtproto::Message<'_>> = MsgContainer::parse(&bytes)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(
        messages
            .iter()
            .map(|m| (m.msg_id, m.seqno))
            .collect::<Vec<_>>(),
        [(101, 1), (103, 3), (105, 5)]
    );
    let first = enums::Updates::from_bytes(messages[0].body).unwrap();
    assert_eq!(first.to_bytes(), updates);
    let second = RpcResult::parse(messages[1].body).unwrap();
    assert_eq!(second.req_msg_id, 77);
    let history = second
        .answer::<functions::messages::GetHistory>()
        .unwrap()
        .unwrap();
    assert_eq!(history.to_bytes(), page);
    let third = RpcResult::parse(messages[2].body).unwrap();
    let e = third
        .answer::<functions::messages::GetHistory>()
        .unwrap()
        .unwrap_err();
    assert_eq!(
        errors::RpcError::parse(e.code, &e.message),
        errors::RpcError::PeerIdInvalid { code: 400 }
    );
    // Every strict prefix of the container fails cleanly (never a panic).
    for n in 0..bytes.len() {
        let fails = match MsgContainer::parse(&bytes[..n]) {
            Err(_) => true,
            Ok(c) => c.into_iter().any(|m| m.is_err()),
        };
        assert!(fails, "prefix of {n} bytes");
    }
}

#[test]
fn a_gzip_bomb_is_refused_under_the_default_limits() {
    // 20 MiB of zeros: about 20 KiB packed, past the 16 MiB the default limits inflate.
    let bomb = rpc_result(1, &gzip_packed(&vec![0; 20 << 20]));
    let result = RpcResult::parse(&bomb).unwrap();
    let e = result
        .answer::<functions::messages::GetHistory>()
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::AllocLimit { budget, .. } if *budget == Limits::DEFAULT.max_inflated),
        "{e}"
    );
    let _ = <functions::messages::GetHistory as RemoteCall>::ERRORS;
}

#[test]
fn refusing_a_gzip_bomb_allocates_at_most_the_limit() {
    use tl_schema_tests::alloc::allocated_by;
    // What inflating allocates in all (the counting allocator sums every allocation): the
    // output buffer, never with room for more than `max_inflated + 1` bytes, and the
    // inflater's own state. Its first size is the trailer's (the true one here: one buffer of
    // the limit); a lying trailer (0) makes it grow from 4 KiB, doubling: under twice the limit.
    let cap = Limits::DEFAULT.max_inflated;
    let state = 128 << 10;
    let mut bomb = gzip(&vec![0; 20 << 20]);
    let input = packed(&bomb);
    let (e, bytes) = allocated_by(|| mtproto::inflate(&input, Limits::DEFAULT).unwrap_err());
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    assert!(bytes <= cap + 1 + state, "{bytes}");
    let n = bomb.len();
    bomb[n - 4..].fill(0);
    let input = packed(&bomb);
    let (e, bytes) = allocated_by(|| mtproto::inflate(&input, Limits::DEFAULT).unwrap_err());
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    assert!(bytes <= 2 * (cap + 1) + state, "{bytes}");
    // Honest data inflates into one buffer of its size, and a lying trailer changes nothing
    // but the buffer's growth.
    let page = payload("channel_messages.bin");
    let input = gzip_packed(&page);
    let (out, bytes) = allocated_by(|| mtproto::inflate(&input, Limits::DEFAULT).unwrap());
    assert_eq!(out, page);
    assert!(bytes <= page.len() + state, "{bytes}");
    let mut liar = gzip(&page);
    let n = liar.len();
    liar[n - 4..].fill(0);
    assert!(mtproto::inflate(&packed(&liar), Limits::DEFAULT).is_err()); // flate2 checks the size
}

#[test]
fn registry_over_every_id_of_layer_230() {
    use tl_schema_tests::round_trip::TypeFns;
    use tl_schema_tests::telegram;
    struct Check(usize);
    impl tl_runtime::TypeVisitor for Check {
        fn visit<T>(&mut self, tl_name: &'static str)
        where
            T: Serialize
                + tl_runtime::DeserializeOwned
                + for<'a> tl_runtime::arbitrary::Arbitrary<'a>
                + PartialEq
                + std::fmt::Debug
                + 'static,
        {
            self.check(tl_name, TypeFns::of::<T>());
        }
    }
    impl Check {
        // Not generic: compiled once, not once per type.
        fn check(&mut self, tl_name: &'static str, fns: TypeFns) {
            // The smallest value of the type: its boxed encoding starts with its id.
            let (bytes, _) = (fns.arbitrary)(&[]).unwrap();
            let id = u32::from_le_bytes(bytes[..4].try_into().unwrap());
            assert_eq!(telegram::name_for_id(id), Some(tl_name), "{id:#010x}");
            assert_eq!(telegram::id_for_name(tl_name), Some(id), "{tl_name}");
            self.0 += 1;
        }
    }
    let mut check = Check(0);
    telegram::for_each_type(&mut check);
    assert!(check.0 > 2500, "{}", check.0);
    assert_eq!(telegram::LAYER, 230);
    assert_eq!(telegram::name_for_id(0x74ae4240), Some("updates"));
    assert_eq!(telegram::name_for_id(0x1cb5c415), Some("vector"));
    assert_eq!(telegram::name_for_id(0xdeadbeef), None);
    assert_eq!(telegram::id_for_name("nope"), None);
    // The enum values name their constructor too.
    let updates = enums::Updates::from_bytes(&payload("updates.bin")).unwrap();
    assert_eq!(
        (updates.tl_name(), updates.constructor_id()),
        ("updates", 0x74ae4240)
    );
}

#[test]
fn requests_decode_by_id_through_function_dispatch() {
    use tl_schema_tests::{lite_api, telegram};
    // Layer 230 (`any_function = true`): the captured `messages.sendMessage` request.
    let bytes = payload("send_message.bin");
    let request = telegram::functions::AnyFunction::from_bytes(&bytes).unwrap();
    assert_eq!(request.tl_name(), "messages.sendMessage");
    let telegram::functions::AnyFunction::MessagesSendMessage(call) = &request else {
        panic!("dispatched to {}", request.tl_name())
    };
    assert_eq!(call.message.len(), 131);
    assert_eq!(request.to_bytes(), bytes);
    // lite_api: a server reads any request by its id.
    let call = lite_api::functions::lite_server::GetMasterchainInfoExt { mode: 3 };
    let request = lite_api::functions::AnyFunction::from_bytes(&call.to_bytes()).unwrap();
    assert_eq!(request.tl_name(), "liteServer.getMasterchainInfoExt");
    assert_eq!(request.to_bytes(), call.to_bytes());
    let e = lite_api::functions::AnyFunction::from_bytes(&[0xef, 0xbe, 0xad, 0xde]).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnknownConstructor);
}

#[test]
fn encoding_into_bytes_mut_and_io_write() {
    use tl_runtime::bytes::{Bytes, BytesMut};
    use tl_runtime::{BufSink, IoSink};
    let page = payload("channel_messages.bin");
    let value = enums::messages::Messages::from_bytes(&page).unwrap();
    let mut buf = BytesMut::new();
    value.serialize(&mut buf);
    assert_eq!(&buf[..], &page[..]);
    let mut other = BytesMut::with_capacity(16);
    value.serialize(&mut BufSink(&mut other));
    assert_eq!(&other[..], &page[..]);
    let mut sink = IoSink::new(std::io::BufWriter::new(Vec::new()));
    value.serialize(&mut sink);
    let written = sink.finish().unwrap().into_inner().unwrap();
    assert_eq!(written, page);
    // Decoding from `bytes::Bytes`: it derefs to `[u8]`.
    let frozen: Bytes = buf.freeze();
    assert_eq!(
        enums::messages::Messages::from_bytes(&frozen).unwrap(),
        value
    );
}

#[test]
fn every_prefix_of_the_bench_payloads_is_incomplete() {
    // Every prefix of the small payloads; of the large ones every 13th (13 is odd, so every
    // alignment to the 4-byte words is among them): a prefix costs a decode of its length, and
    // all of them would take 20 s in a debug build.
    type Decode = fn(&[u8]) -> Result<(), tl_runtime::Error>;
    let payloads: [(&str, usize, Decode); 4] = [
        ("update_short_message.bin", 1, |b| {
            enums::Updates::from_bytes(b).map(drop)
        }),
        ("send_message.bin", 1, |b| {
            functions::AnyFunction::from_bytes(b).map(drop)
        }),
        ("updates.bin", 13, |b| {
            enums::Updates::from_bytes(b).map(drop)
        }),
        ("channel_messages.bin", 13, |b| {
            enums::messages::Messages::from_bytes(b).map(drop)
        }),
    ];
    for (name, stride, decode) in payloads {
        let bytes = payload(name);
        decode(&bytes).unwrap();
        for n in (0..bytes.len()).step_by(stride) {
            let e = decode(&bytes[..n]).unwrap_err();
            assert!(e.is_incomplete(), "{name}[..{n}]: {e}");
            let more = e.needed_more().unwrap();
            assert!(
                (1..=bytes.len() - n).contains(&more),
                "{name}[..{n}]: {more} more"
            );
        }
    }
    // Corrupt input is not incomplete.
    let e = enums::Updates::from_bytes(&[0xef, 0xbe, 0xad, 0xde]).unwrap_err();
    assert!(!e.is_incomplete() && e.needed_more().is_none());
}

#[test]
fn errors_name_tl_types_not_rust_paths() {
    use tl_schema_tests::telegram::types;
    let mut bytes = 0xe317af7eu32.to_le_bytes().to_vec(); // updatesTooLong
    bytes.push(0);
    let e = enums::Updates::from_bytes(&bytes).unwrap_err();
    assert_eq!(
        e.to_string(),
        "trailing bytes at byte offset 4 after decoding Updates: 1 bytes remain"
    );
    let e = types::UpdatesTooLong::from_bytes(&bytes).unwrap_err();
    assert_eq!(e.expected(), "updatesTooLong");
    // An allocation refused for a boxed variant names the constructor.
    let page = payload("channel_messages.bin");
    let tight = Limits {
        max_alloc: 2000,
        ..Limits::DEFAULT
    };
    let e = enums::messages::Messages::from_bytes_with(&page, tight).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    assert!(!e.to_string().contains("__tl_schema"), "{e}");
    assert!(!e.expected().contains("::"), "{e}");
}
