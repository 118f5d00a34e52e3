//! The `mtproto` target: hostile MTProto message bodies through the runtime's envelope module,
//! `tl_runtime::mtproto` (`RpcResult`, `read_rpc_error`, `body`/`inflate`, `MsgContainer`,
//! `Message`), with layer 230's `messages.Messages` (the answer to `messages.getHistory`) and
//! `Updates` as the values inside.
//!
//! The first byte of the input picks the entry point, the rest is the message body:
//!
//! | first byte % 4 | the rest is |
//! |---|---|
//! | 0 | a `msg_container` |
//! | 1 | an `rpc_result` |
//! | 2 | gzip data, which the target wraps in `gzip_packed#3072cfa1 packed_data:bytes` (so the fuzzer mutates the stream, not its TL framing) |
//! | 3 | a bare message body: whatever its constructor id says |
//!
//! Everything the API offers is walked, under three [`Limits`] (default, strict, and tight: a
//! small `max_inflated`, `max_vector_len`, `max_bytes_len`, `max_depth` and `max_alloc`): every
//! message of a container, through the iterator to its end (the error included); each body
//! through [`mtproto::body`] (and [`mtproto::inflate`] for a packed one) and then by its
//! constructor id: an `rpc_result`, a container (nested at most [`MAX_NESTING`] deep, packed
//! ones included), else decoded as `Updates`, `messages.Messages` and an `rpc_error`. An
//! `rpc_result` goes through `parse`, `is_error`, `body`, `decode_with::<messages::Messages>`
//! (and `decode`/`answer::<messages.getHistory>` with the default limits) and `read_rpc_error`.
//!
//! Checks:
//!
//! - nothing panics (libFuzzer reports a panic);
//! - allocation (the counting allocator of `tl_schema_tests::alloc`, every byte asked for,
//!   frees not subtracted): reading the envelope (`RpcResult::parse`, `MsgContainer::parse_with`,
//!   each `next`) allocates at most the one boxed error; a body that is not `gzip_packed` is
//!   borrowed, nothing allocated; inflating allocates at most [`inflate_allowance`]: the
//!   inflater's fixed state, the gzip header's name and comment (at most the packed bytes) and
//!   the output, at most `max_inflated + 1` bytes, grown by doubling; a decode allocates within
//!   the limits' budget for the bytes it decodes (`alloc_budget` of the inflated length for a
//!   packed answer) plus the inflation;
//! - the answers agree: `RpcResult::body` is `mtproto::body`; `inflate` is `body` for a packed
//!   value and an error for anything else; an inflated body is at most `max_inflated` bytes, a
//!   zip bomb an `AllocLimit` error naming `max_inflated`; `is_error` is the `rpc_error` id at
//!   the front; `decode_with` is `body` then `read_rpc_error` or the `messages.Messages`
//!   decoder; `decode` and `answer` are `decode_with` with the default limits;
//! - containers: the iterator yields what `len` counts, then ends (after an error at once, and
//!   for good); the messages tile the input (8 bytes of header, 16 per message and its body);
//!   a container read to its end re-encodes to the input, and a prefix read before an error
//!   re-encodes to a container that yields the same messages;
//! - anything decoded re-encodes (`to_bytes`, `serialized_len` exact) to bytes that decode to
//!   an equal value (`==`, or the same `Debug` text where a NaN `double` is not `==` itself):
//!   values, `rpc_error`s, `rpc_result`s rebuilt around the re-encoded answer (and gzip-packed
//!   again, with the default limits); under the strict limits the re-encoding is the input
//!   itself (a strict decode accepts only the canonical encoding).

use std::borrow::Cow;
use std::fmt::Debug;
use std::io::Write as _;

use tl_runtime::mtproto::{
    self, Message, MsgContainer, RpcErrorAnswer, RpcResult, GZIP_PACKED_ID, MSG_CONTAINER_ID,
    RPC_ERROR_ID, RPC_RESULT_ID,
};
use tl_runtime::{Deserialize, DeserializeOwned, Error, ErrorKind, Limits, Serialize};
use tl_schema_tests::alloc::allocated_by;
use tl_schema_tests::telegram::{enums, functions};

use crate::ERROR_ALLOWANCE;

/// The answer type of `messages.getHistory`.
type Messages = enums::messages::Messages;

/// Small limits, so that the limits themselves are reached by small inputs: a 16 KiB
/// `max_inflated` (the bench's `updates.bin`, 16,424 bytes, is just over it), vectors of at most
/// 64 elements (and containers of at most 64 messages), 64 KiB strings and `bytes` (a packed
/// page of `channel_messages.bin`, ~29 KB, still reaches the inflater), depth 8, a 1 MiB
/// allocation cap.
pub const TIGHT: Limits = Limits {
    max_depth: 8,
    max_vector_len: 64,
    max_bytes_len: 64 << 10,
    max_alloc: 1 << 20,
    max_inflated: 16 << 10,
    ..Limits::DEFAULT
};

/// The limits every input is walked with.
pub const LIMITS: [Limits; 3] = [Limits::DEFAULT, Limits::STRICT, TIGHT];

/// Limits that accept any re-encoding of a value decoded under any of [`LIMITS`].
const ROOMY: Limits = Limits {
    alloc_per_input_byte: u32::MAX,
    ..Limits::DEFAULT
};

/// How deep envelopes are followed inside each other (a container in a gzip_packed in a
/// container, …): MTProto nests at most a packed container, this bounds the work per input.
pub const MAX_NESTING: usize = 3;

/// Heap that `flate2::read::GzDecoder` uses for its own state whatever the input: its
/// `BufReader` (32 KiB), the inflater (miniz_oxide's state with its 32 KiB window, ~43 KB), and a
/// gzip header's `FEXTRA` field (at most 65,535 bytes, allocated at its declared length). The
/// unit test measures 76,064 bytes for a header without `FEXTRA` (flate2 1.1.11, miniz_oxide
/// 0.9.1), so 141,599 at most with it.
pub const GZIP_STATE: usize = 160 << 10;

/// What a `Vec<u8>` grown by `Read::read_to_end` (amortized doubling, from empty) to hold `n`
/// bytes asks the allocator for in all, every reallocation counted: capacities `32, 64, …, C`
/// with `C < 2n` (or `C = n` and one more doubling at an exact fit), so less than `4n`, plus
/// the smallest steps.
pub fn grown_to(n: usize) -> usize {
    n.saturating_mul(4).saturating_add(256)
}

/// The most `mtproto::inflate` may allocate for a `packed_len`-byte `gzip_packed` that
/// inflates to `out_len` bytes (`max_inflated + 1` for one that fails: a bomb reads one byte
/// more than the limit): [`GZIP_STATE`], the header's name and comment (together at most the
/// packed bytes, grown by doubling) and the output grown by doubling.
pub fn inflate_allowance(packed_len: usize, out_len: usize) -> usize {
    GZIP_STATE
        .saturating_add(grown_to(packed_len))
        .saturating_add(grown_to(out_len))
}

/// Runs the target on one input (see the module's docs).
pub fn check(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    match pick % 4 {
        0 => limits_each(|l| container(rest, l, 0)),
        1 => {
            rpc_result_parse(rest);
            limits_each(|l| rpc_result(rest, l, 0));
        }
        2 => {
            let packed = gzip_packed(rest);
            limits_each(|l| message(&packed, l, 0));
        }
        _ => limits_each(|l| message(rest, l, 0)),
    }
}

fn limits_each(mut f: impl FnMut(Limits)) {
    for limits in LIMITS {
        f(limits);
    }
}

/// The constructor id at the front of `buf`.
fn id(buf: &[u8]) -> Option<u32> {
    buf.first_chunk::<4>().map(|b| u32::from_le_bytes(*b))
}

/// The same error: kind, offset, constructor id, expected type.
fn same_error(a: &Error, b: &Error) -> bool {
    a.kind() == b.kind()
        && a.offset() == b.offset()
        && a.constructor_id() == b.constructor_id()
        && a.expected() == b.expected()
}

fn assert_same_error(a: &Error, b: &Error, what: &str) {
    assert!(same_error(a, b), "{what}: `{a}` vs `{b}`");
}

/// Equal values: `==`, or (a NaN `double` is not `==` itself) the same `Debug` text.
fn assert_equal<T: PartialEq + Debug>(a: &T, b: &T, what: &str) {
    if a != b {
        let (da, db) = (format!("{a:?}"), format!("{b:?}"));
        assert!(da == db, "{what}: {da} vs {db}");
    }
}

fn assert_within(used: usize, allowed: usize, what: &str, len: usize) {
    assert!(
        used <= allowed,
        "{what}: allocated {used} bytes for {len} input bytes (allowed {allowed})"
    );
}

// --- encoders (the target's own, to rebuild what it decoded) ---

/// `gzip_packed` of `data` taken as the gzip stream (`packed_data`).
pub fn gzip_packed(data: &[u8]) -> Vec<u8> {
    let mut b = GZIP_PACKED_ID.to_le_bytes().to_vec();
    tl_runtime::writer::write_bytes(&mut b, data);
    b
}

/// `data` compressed with gzip.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).expect("gzip into a Vec");
    gz.finish().expect("gzip into a Vec")
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`.
pub fn rpc_result_bytes(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut b = RPC_RESULT_ID.to_le_bytes().to_vec();
    b.extend(req_msg_id.to_le_bytes());
    b.extend_from_slice(result);
    b
}

/// `rpc_error#2144ca19 error_code:int error_message:string`.
pub fn rpc_error_bytes(code: i32, message: &str) -> Vec<u8> {
    let mut b = RPC_ERROR_ID.to_le_bytes().to_vec();
    b.extend(code.to_le_bytes());
    b.extend(String::from(message).to_bytes());
    b
}

/// `msg_container#73f1f8dc messages:vector<%Message>` of `(msg_id, seqno, body)`.
pub fn container_bytes<'a>(messages: impl IntoIterator<Item = (i64, i32, &'a [u8])>) -> Vec<u8> {
    let mut parts = Vec::new();
    let mut count = 0i32;
    for (msg_id, seqno, body) in messages {
        parts.extend(msg_id.to_le_bytes());
        parts.extend(seqno.to_le_bytes());
        parts.extend((body.len() as i32).to_le_bytes());
        parts.extend_from_slice(body);
        count += 1;
    }
    let mut b = MSG_CONTAINER_ID.to_le_bytes().to_vec();
    b.extend(count.to_le_bytes());
    b.extend(parts);
    b
}

// --- the walk ---

/// A message body: through `body` (inflated if packed), then by its constructor id.
fn message(buf: &[u8], limits: Limits, depth: usize) {
    let Ok(inner) = unpack(buf, limits) else {
        return;
    };
    let envelope = depth < MAX_NESTING;
    match id(&inner) {
        Some(RPC_RESULT_ID) if envelope => rpc_result(&inner, limits, depth + 1),
        Some(MSG_CONTAINER_ID) if envelope => container(&inner, limits, depth + 1),
        Some(GZIP_PACKED_ID) if envelope => message(&inner, limits, depth + 1),
        _ => {
            value::<enums::Updates>(&inner, limits);
            value::<Messages>(&inner, limits);
            rpc_error(&inner, limits);
        }
    }
}

/// `mtproto::body` (and `inflate`) of `buf`, checked.
fn unpack<'a>(buf: &'a [u8], limits: Limits) -> tl_runtime::Result<Cow<'a, [u8]>> {
    let (result, used) = allocated_by(|| mtproto::body(buf, limits));
    if id(buf) != Some(GZIP_PACKED_ID) {
        assert_eq!(used, 0, "body() of an unpacked value allocated");
        match &result {
            Ok(Cow::Borrowed(b)) => assert!(std::ptr::eq(*b, buf), "body() is not the input"),
            other => panic!("body() of an unpacked value: {other:?}"),
        }
        // `inflate` wants the gzip_packed id.
        let (e, used) = allocated_by(|| mtproto::inflate(buf, limits));
        assert_within(
            used,
            ERROR_ALLOWANCE,
            "inflate of an unpacked value",
            buf.len(),
        );
        let e = e.expect_err("inflate of an unpacked value");
        assert!(
            matches!(
                e.kind(),
                ErrorKind::UnexpectedConstructor { .. } | ErrorKind::UnexpectedEof { .. }
            ),
            "{e}"
        );
        return result;
    }
    let out_len = match &result {
        Ok(out) => out.len(),
        Err(_) => limits.max_inflated + 1,
    };
    let allowed = inflate_allowance(buf.len(), out_len) + ERROR_ALLOWANCE;
    assert_within(used, allowed, "body() of a gzip_packed", buf.len());
    match &result {
        Ok(Cow::Owned(out)) => assert!(out.len() <= limits.max_inflated, "inflated past the limit"),
        Ok(Cow::Borrowed(_)) => panic!("body() of a gzip_packed is borrowed"),
        Err(e) => {
            if let ErrorKind::AllocLimit { requested, budget } = *e.kind() {
                assert_eq!(budget, limits.max_inflated, "{e}");
                assert!(requested > budget, "{e}");
            }
            assert!(e.offset() <= buf.len(), "{e}");
        }
    }
    // `inflate` is what `body` does for a packed value.
    let again = mtproto::inflate(buf, limits);
    match (&result, &again) {
        (Ok(a), Ok(b)) => assert!(a[..] == b[..], "inflate and body differ"),
        (Err(a), Err(b)) => assert_same_error(a, b, "inflate and body"),
        (a, b) => panic!("body {:?}, inflate {:?}", a.is_ok(), b.is_ok()),
    }
    result
}

/// `buf` decoded as a `T` with `limits`: the budget, and the re-encoding.
fn value<T: Serialize + DeserializeOwned + PartialEq + Debug>(buf: &[u8], limits: Limits) {
    let (result, used) = allocated_by(|| T::from_bytes_with(buf, limits));
    let budget = limits.with_bound(T::ALLOC_PER_INPUT_BYTE);
    let allowed = budget.alloc_budget(buf.len()) + ERROR_ALLOWANCE;
    assert_within(used, allowed, std::any::type_name::<T>(), buf.len());
    match result {
        Ok(v) => reencodes(&v, buf, limits),
        Err(e) => assert!(e.offset() <= buf.len(), "{e}"),
    }
}

/// `v`, decoded from `input` with `limits`, re-encodes to bytes that decode to an equal value
/// (and, strict, to `input` itself).
fn reencodes<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    v: &T,
    input: &[u8],
    limits: Limits,
) {
    let bytes = v.to_bytes();
    assert_eq!(bytes.len(), v.serialized_len(), "serialized_len");
    let again = T::from_bytes_with(&bytes, ROOMY).expect("the re-encoding decodes");
    assert_equal(&again, v, "re-encoded value");
    assert!(again.to_bytes() == bytes, "re-encoding is not stable");
    if limits.strict {
        assert!(
            bytes == input,
            "a strict decode's re-encoding is not its input"
        );
    }
}

/// `read_rpc_error` of `buf`: the budget, the re-encoding.
fn rpc_error(buf: &[u8], limits: Limits) -> Option<RpcErrorAnswer> {
    let (result, used) = allocated_by(|| mtproto::read_rpc_error(buf, limits));
    let allowed = limits.alloc_budget(buf.len()) + ERROR_ALLOWANCE;
    assert_within(used, allowed, "read_rpc_error", buf.len());
    let e = match result {
        Ok(e) => e,
        Err(err) => {
            assert!(err.offset() <= buf.len(), "{err}");
            return None;
        }
    };
    let bytes = rpc_error_bytes(e.code, &e.message);
    let again = mtproto::read_rpc_error(&bytes, ROOMY).expect("the re-encoded rpc_error decodes");
    assert_eq!(again, e, "re-encoded rpc_error");
    assert_eq!(e.to_string(), format!("RPC error {} {}", e.code, e.message));
    if limits.strict {
        assert!(
            bytes == buf,
            "a strict rpc_error's re-encoding is not its input"
        );
    }
    Some(e)
}

/// `RpcResult::parse`: the envelope, no allocation but an error.
fn rpc_result_parse(buf: &[u8]) -> Option<RpcResult<'_>> {
    let (parsed, used) = allocated_by(|| RpcResult::parse(buf));
    assert_within(used, ERROR_ALLOWANCE, "RpcResult::parse", buf.len());
    match parsed {
        Ok(r) => {
            assert_eq!(id(buf), Some(RPC_RESULT_ID));
            let req = i64::from_le_bytes(buf[4..12].try_into().expect("8 bytes"));
            assert_eq!(r.req_msg_id, req);
            assert!(std::ptr::eq(r.result, &buf[12..]), "result is not the rest");
            Some(r)
        }
        Err(e) => {
            assert!(id(buf) != Some(RPC_RESULT_ID) || buf.len() < 12, "{e}");
            None
        }
    }
}

/// An `rpc_result`: every accessor, agreeing with each other; the answer as
/// `messages.Messages` and as an `rpc_error`; the rebuilt `rpc_result` decodes the same.
fn rpc_result(buf: &[u8], limits: Limits, depth: usize) {
    let Ok(r) = RpcResult::parse(buf) else {
        return;
    };
    let packed = id(r.result) == Some(GZIP_PACKED_ID);
    assert_eq!(r.is_error(), id(r.result) == Some(RPC_ERROR_ID), "is_error");

    // body(): the same as mtproto::body, checked there.
    let body = unpack(r.result, limits);
    let direct = r.body(limits);
    match (&body, &direct) {
        (Ok(a), Ok(b)) => assert!(a[..] == b[..], "RpcResult::body and body differ"),
        (Err(a), Err(b)) => assert_same_error(a, b, "RpcResult::body"),
        _ => panic!("RpcResult::body and body disagree"),
    }

    // decode_with: inflation (if packed) and the answer's decode, within their budgets.
    let (decoded, used) = allocated_by(|| r.decode_with::<Messages>(limits));
    let body_len = body.as_ref().map_or(0, |b| b.len());
    let budget = limits.with_bound(Messages::ALLOC_PER_INPUT_BYTE);
    let mut allowed = budget.alloc_budget(body_len) + ERROR_ALLOWANCE;
    if packed {
        let out_len = body.as_ref().map_or(limits.max_inflated + 1, |b| b.len());
        allowed += inflate_allowance(r.result.len(), out_len);
    }
    assert_within(used, allowed, "RpcResult::decode_with", buf.len());

    // ... and it is body() then read_rpc_error or the Messages decoder.
    match (&body, &decoded) {
        (Err(a), Err(b)) => assert_same_error(a, b, "decode_with's body"),
        (Err(_), Ok(_)) => panic!("decode_with decoded a body that body() refused"),
        (Ok(b), _) if id(b) == Some(RPC_ERROR_ID) => match (rpc_error(b, limits), &decoded) {
            (Some(e), Ok(Err(d))) => assert_eq!(&e, d, "decode_with's rpc_error"),
            (None, Err(_)) => {}
            (e, d) => panic!(
                "read_rpc_error {e:?}, decode_with {:?}",
                d.as_ref().map_err(|e| e.to_string())
            ),
        },
        (Ok(b), _) => {
            rpc_error(b, limits);
            match (Messages::from_bytes_with(b, limits), &decoded) {
                (Ok(v), Ok(Ok(d))) => assert_equal(&v, d, "decode_with's Messages"),
                (Err(a), Err(d)) => assert_same_error(&a, d, "decode_with's Messages"),
                (a, d) => panic!(
                    "Messages::from_bytes_with {:?}, decode_with {:?}",
                    a.map(|_| ()).map_err(|e| e.to_string()),
                    d.as_ref().map(|_| ()).map_err(|e| e.to_string())
                ),
            }
        }
    }

    // decode and answer are decode_with with the default limits.
    if limits == Limits::DEFAULT {
        let plain = r.decode::<Messages>();
        let answer = r.answer::<functions::messages::GetHistory>();
        for (what, other) in [("decode", plain), ("answer", answer)] {
            match (&decoded, &other) {
                (Ok(Ok(a)), Ok(Ok(b))) => assert_equal(a, b, what),
                (Ok(Err(a)), Ok(Err(b))) => assert_eq!(a, b, "{what}"),
                (Err(a), Err(b)) => assert_same_error(a, b, what),
                _ => panic!("{what} and decode_with disagree"),
            }
        }
    }

    // What decoded re-encodes: the value (strict: to the body), the rebuilt rpc_result.
    match &decoded {
        Ok(Ok(v)) => {
            let body = body.as_ref().expect("decoded, so body() succeeded");
            reencodes(v, body, limits);
            let bytes = v.to_bytes();
            let rebuilt = rpc_result_bytes(r.req_msg_id, &bytes);
            if limits.strict && !packed {
                assert!(
                    rebuilt == buf,
                    "a strict rpc_result's re-encoding is not its input"
                );
            }
            let mut again = vec![rebuilt];
            if limits == Limits::DEFAULT {
                again.push(rpc_result_bytes(r.req_msg_id, &gzip_packed(&gzip(&bytes))));
            }
            for rebuilt in again {
                let back = RpcResult::parse(&rebuilt).expect("the rebuilt rpc_result parses");
                assert_eq!(back.req_msg_id, r.req_msg_id);
                let back = back.decode_with::<Messages>(ROOMY);
                match back {
                    Ok(Ok(b)) => assert_equal(&b, v, "rebuilt rpc_result"),
                    _ => panic!("the rebuilt rpc_result does not decode"),
                }
            }
        }
        Ok(Err(e)) => {
            let rebuilt = rpc_result_bytes(r.req_msg_id, &rpc_error_bytes(e.code, &e.message));
            if limits.strict && !packed {
                assert!(
                    rebuilt == buf,
                    "a strict rpc_error's re-encoding is not its input"
                );
            }
            let back = RpcResult::parse(&rebuilt).expect("the rebuilt rpc_result parses");
            assert!(back.is_error());
            match back.decode_with::<Messages>(ROOMY) {
                Ok(Err(b)) => assert_eq!(&b, e, "rebuilt rpc_error"),
                _ => panic!("the rebuilt rpc_error does not decode"),
            }
        }
        Err(_) => {}
    }

    // An answer that is itself an envelope (not valid MTProto, but the API takes it).
    if let Ok(b) = &body {
        if depth < MAX_NESTING && matches!(id(b), Some(MSG_CONTAINER_ID | RPC_RESULT_ID)) {
            message(b, limits, depth + 1);
        }
    }
}

/// A `msg_container`: the iterator to its end, the framing, each message's body, the rebuilt
/// container.
fn container(buf: &[u8], limits: Limits, depth: usize) {
    let (parsed, used) = allocated_by(|| MsgContainer::parse_with(buf, limits));
    assert_within(used, ERROR_ALLOWANCE, "MsgContainer::parse_with", buf.len());
    let mut c = match parsed {
        Ok(c) => c,
        Err(e) => {
            assert!(e.offset() <= buf.len(), "{e}");
            return;
        }
    };
    assert_eq!(id(buf), Some(MSG_CONTAINER_ID));
    let declared = c.len();
    assert_eq!(c.is_empty(), declared == 0);
    assert!(
        declared <= limits.max_vector_len as usize,
        "count past max_vector_len"
    );
    assert!(8 + 16 * declared <= buf.len(), "count past the input");

    let mut messages: Vec<Message<'_>> = Vec::new();
    let mut failed = None;
    loop {
        let before = c.len();
        let (item, used) = allocated_by(|| c.next());
        assert_within(used, ERROR_ALLOWANCE, "MsgContainer::next", buf.len());
        match item {
            None => {
                assert_eq!(before, 0, "ended with messages left");
                break;
            }
            Some(Ok(m)) => {
                assert_eq!(c.len(), before - 1, "len after a message");
                messages.push(m);
            }
            Some(Err(e)) => {
                assert!(e.offset() <= buf.len(), "{e}");
                failed = Some(e);
                break;
            }
        }
    }
    assert!(
        c.next().is_none() && c.next().is_none(),
        "the iterator goes on after its end"
    );

    // The messages tile the input from byte 8: 16 bytes of header, then the body.
    let mut at = 8;
    for m in &messages {
        assert_eq!(&buf[at..at + 8], &m.msg_id.to_le_bytes(), "msg_id");
        assert_eq!(&buf[at + 8..at + 12], &m.seqno.to_le_bytes(), "seqno");
        assert_eq!(
            &buf[at + 12..at + 16],
            &(m.body.len() as i32).to_le_bytes(),
            "bytes"
        );
        assert!(
            std::ptr::eq(m.body, &buf[at + 16..at + 16 + m.body.len()]),
            "body"
        );
        at += 16 + m.body.len();
    }
    let rebuilt = container_bytes(messages.iter().map(|m| (m.msg_id, m.seqno, m.body)));
    match &failed {
        None => {
            assert_eq!(messages.len(), declared, "messages read");
            assert_eq!(at, buf.len(), "the messages do not fill the container");
            assert!(
                rebuilt == buf,
                "the container's re-encoding is not its input"
            );
        }
        Some(_) => {
            let again: Vec<Message<'_>> = MsgContainer::parse_with(&rebuilt, ROOMY)
                .expect("the rebuilt container parses")
                .collect::<tl_runtime::Result<_>>()
                .expect("the rebuilt container reads to its end");
            assert_eq!(again, messages, "rebuilt container");
        }
    }

    for m in &messages {
        message(m.body, limits, depth);
    }
}

#[cfg(test)]
mod tests {
    //! Seeds from `../shared/bench`, run through [`check`]; with `TL_FUZZ_WRITE_SEEDS=1` they
    //! are written to `corpus/mtproto`:
    //!
    //! ```sh
    //! cd fuzz && TL_FUZZ_WRITE_SEEDS=1 cargo +nightly test --lib mtproto
    //! ```

    use super::*;

    fn bench(name: &str) -> Vec<u8> {
        let path = format!("{}/../../shared/bench/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// `gzip_packed` of `data`, compressed.
    fn packed(data: &[u8]) -> Vec<u8> {
        gzip_packed(&gzip(data))
    }

    fn with_pick(pick: u8, body: &[u8]) -> Vec<u8> {
        let mut v = vec![pick];
        v.extend_from_slice(body);
        v
    }

    /// The seeds: (file name, input).
    pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
        let page = bench("channel_messages.bin");
        let updates = bench("updates.bin");
        let short = bench("update_short_message.bin");
        let flood = rpc_error_bytes(420, "FLOOD_WAIT_31");
        let peer = rpc_error_bytes(400, "PEER_ID_INVALID");
        let req = 0x5f00_0000_0000_0004_i64;
        let ack: enums::MsgsAck =
            tl_schema_tests::telegram::types::MsgsAck { msg_ids: vec![req] }.into();
        let ack = ack.to_bytes();
        let answer = rpc_result_bytes(req, &page);
        let packed_answer = rpc_result_bytes(req, &packed(&page));
        let error = rpc_result_bytes(req + 4, &flood);
        let packed_error = rpc_result_bytes(req + 8, &packed(&peer));
        let server = container_bytes([
            (0x5f00_0000_0000_0101, 2, &ack[..]),
            (0x5f00_0000_0000_0105, 3, &answer[..]),
            (0x5f00_0000_0000_0109, 5, &error[..]),
        ]);
        let mixed = container_bytes([
            (0x5f00_0000_0000_0201, 1, &short[..]),
            (0x5f00_0000_0000_0205, 3, &packed(&updates)[..]),
            (0x5f00_0000_0000_0209, 5, &packed_answer[..]),
            (0x5f00_0000_0000_020d, 7, &packed_error[..]),
        ]);
        // A gzip header with every optional field (FEXTRA, FNAME, FCOMMENT) and a small bomb
        // (256 KiB of zeros: past TIGHT's 16 KiB).
        let mut gz = flate2::GzBuilder::new()
            .filename("history.tl")
            .comment("a page of messages.getHistory")
            .extra(vec![7; 40])
            .write(Vec::new(), flate2::Compression::best());
        gz.write_all(&short).unwrap();
        let headers = gz.finish().unwrap();
        let bomb = gzip(&vec![0u8; 256 << 10]);
        vec![
            ("container-server-answer", with_pick(0, &server)),
            ("container-packed", with_pick(0, &mixed)),
            ("container-empty", with_pick(0, &container_bytes([]))),
            ("rpc-result-channel-messages", with_pick(1, &answer)),
            (
                "rpc-result-packed-channel-messages",
                with_pick(1, &packed_answer),
            ),
            ("rpc-result-error", with_pick(1, &error)),
            ("rpc-result-packed-error", with_pick(1, &packed_error)),
            ("gzip-channel-messages", with_pick(2, &gzip(&page))),
            ("gzip-updates", with_pick(2, &gzip(&updates))),
            ("gzip-container", with_pick(2, &gzip(&server))),
            ("gzip-header-fields", with_pick(2, &headers)),
            ("gzip-bomb-256k", with_pick(2, &bomb)),
            ("message-update-short", with_pick(3, &short)),
            ("message-updates", with_pick(3, &updates)),
            ("message-packed-short", with_pick(3, &packed(&short))),
            ("message-rpc-error", with_pick(3, &flood)),
            ("message-channel-messages", with_pick(3, &page)),
        ]
    }

    #[test]
    fn seeds_pass_and_reach_the_decoders() {
        let write = std::env::var_os("TL_FUZZ_WRITE_SEEDS").is_some();
        let dir = format!("{}/corpus/mtproto", env!("CARGO_MANIFEST_DIR"));
        if write {
            std::fs::create_dir_all(&dir).unwrap();
        }
        for (name, input) in seeds() {
            check(&input);
            if write {
                std::fs::write(format!("{dir}/{name}"), &input).unwrap();
            }
        }
        // The paths the seeds are for: a packed page decodes; a bomb is refused under TIGHT.
        let page = bench("channel_messages.bin");
        let answer = rpc_result_bytes(1, &packed(&page));
        let r = RpcResult::parse(&answer).unwrap();
        assert!(matches!(
            r.decode::<Messages>(),
            Ok(Ok(Messages::ChannelMessages(_)))
        ));
        let e = r.body(TIGHT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    }

    /// What inflating allocates, against [`inflate_allowance`]: a bomb of each limit, the
    /// payloads, a header with long fields.
    #[test]
    fn inflate_allocation_is_within_the_allowance() {
        let mut worst = 0f64;
        let mut state = 0usize;
        for cap in [0usize, 1, 31, 32, 33, 4096, 16 << 10, 1 << 20] {
            let limits = Limits {
                max_inflated: cap,
                ..Limits::DEFAULT
            };
            for n in [0usize, 1, 32, 4095, 4096, 4097, cap, cap + 1, 2 * cap + 7] {
                let data: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
                let buf = packed(&data);
                let (r, used) = allocated_by(|| mtproto::inflate(&buf, limits));
                let out = if n <= cap { n } else { cap + 1 };
                assert_eq!(r.is_ok(), n <= cap);
                let allowed = inflate_allowance(buf.len(), out) + ERROR_ALLOWANCE;
                assert!(used <= allowed, "cap {cap} n {n}: {used} > {allowed}");
                if n == 0 {
                    state = state.max(used);
                }
                if out > 4096 {
                    worst = worst.max(used.saturating_sub(state) as f64 / out as f64);
                }
            }
        }
        // The default limit: a 16 MiB bomb.
        let bomb = packed(&vec![0u8; (16 << 20) + 1]);
        let (r, bomb_used) = allocated_by(|| mtproto::inflate(&bomb, Limits::DEFAULT));
        assert!(matches!(
            r.unwrap_err().kind(),
            ErrorKind::AllocLimit { .. }
        ));
        let allowed = inflate_allowance(bomb.len(), (16 << 20) + 1);
        assert!(bomb_used <= allowed, "{bomb_used} > {allowed}");
        let mut gz = flate2::GzBuilder::new()
            .filename(vec![b'n'; 30_000])
            .comment(vec![b'c'; 30_000])
            .extra(vec![1; 65_535])
            .write(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"x").unwrap();
        let buf = gzip_packed(&gz.finish().unwrap());
        let (r, used) = allocated_by(|| mtproto::inflate(&buf, Limits::DEFAULT));
        assert_eq!(r.unwrap(), b"x");
        assert!(used <= inflate_allowance(buf.len(), 1), "{used}");
        eprintln!(
            "inflate: fixed state {state} bytes (allowed {GZIP_STATE}); the output costs at most \
             {worst:.2} bytes per byte beyond it; long header fields {used} bytes for {} packed; the 16 MiB bomb ({} packed bytes) \
             {bomb_used} bytes",
            buf.len(),
            bomb.len()
        );
    }
}
