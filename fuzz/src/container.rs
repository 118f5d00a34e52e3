//! An MTProto message container, decoded the way a client decodes one.
//!
//! ```text
//! msg_container#73f1f8dc messages:vector<%Message> = MessageContainer;
//! message msg_id:long seqno:int bytes:int body:Object = Message;   // body: exactly `bytes` bytes
//! rpc_result#f35c6d01 req_msg_id:long result:Object = RpcResult;
//! ```
//!
//! The official schemas mark these "parsed manually": `body` is a whole TL object whose length is
//! given by the `bytes` field before it, which TL cannot express as a field type, so no schema
//! generator produces this decoder. It is written here on the public [`Reader`] API, as a client
//! would: the container's count is checked against the input (16 bytes per message at least) and
//! each body's length against the bytes left before it is decoded. A body is decoded in place with
//! the same reader (one depth limit, one allocation budget, offsets from the container's start)
//! and must fill its `bytes` exactly: an `rpc_result` carries a `messages.Messages` (the answer to
//! `messages.getHistory`), anything else is an `Updates`. (`gzip_packed` bodies would need a
//! decompressor and are not handled.)
//!
//! Shared by the fuzz target `container` and the deterministic test `tests/tests/hostile.rs`.

use tl_runtime::{Deserialize, Error, ErrorKind, Limits, Reader, Result};
use tl_schema_tests::telegram::enums;

/// Constructor id of `msg_container`.
pub const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;
/// Constructor id of `rpc_result`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;

/// A decoded message body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// `rpc_result` answering `req_msg_id` with a `messages.Messages`.
    RpcResult(i64, enums::messages::Messages),
    /// Anything else, decoded as `Updates`.
    Updates(enums::Updates),
}

/// One `message` of the container.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// `msg_id`.
    pub msg_id: i64,
    /// `seqno`.
    pub seqno: i32,
    /// The decoded body.
    pub body: Body,
}

/// Decodes a whole `msg_container` (id included) with `limits`.
pub fn decode_container(buf: &[u8], limits: Limits) -> Result<Vec<Message>> {
    let mut r = Reader::with_limits(buf, limits);
    let at = r.position();
    let id = r.read_u32("MessageContainer")?;
    if id != MSG_CONTAINER_ID {
        return Err(r.unexpected_constructor(id, MSG_CONTAINER_ID, at, "MessageContainer"));
    }
    let count = r.read_count(16, "vector<%Message>")?;
    r.charge(count * size_of::<Message>(), "vector<%Message>")?;
    let mut messages = Vec::with_capacity(count);
    for _ in 0..count {
        let msg_id = r.read_i64("message")?;
        let seqno = r.read_i32("message")?;
        let len_at = r.position();
        let len = r.read_i32("message")?;
        let start = r.position();
        // The body must be there before it is decoded, and fill `bytes` exactly. It is decoded in
        // place, so offsets count from the container's start and the container's one allocation
        // budget covers every body.
        match usize::try_from(len) {
            Ok(n) if n <= r.remaining() => {}
            _ => {
                let kind = ErrorKind::LengthTooLarge {
                    declared: len as u32 as usize,
                    remaining: r.remaining(),
                };
                return Err(Error::new(kind, len_at, None, "message"));
            }
        }
        let body = decode_body(&mut r)?;
        let used = r.position() - start;
        if used != len as usize {
            let kind = ErrorKind::LengthTooLarge {
                declared: len as usize,
                remaining: used,
            };
            return Err(Error::new(kind, len_at, None, "message body"));
        }
        messages.push(Message {
            msg_id,
            seqno,
            body,
        });
    }
    r.finish("MessageContainer")?;
    Ok(messages)
}

fn decode_body(r: &mut Reader<'_>) -> Result<Body> {
    if r.rest().get(..4) == Some(&RPC_RESULT_ID.to_le_bytes()[..]) {
        r.read_u32("rpc_result")?;
        let req_msg_id = r.read_i64("rpc_result")?;
        let result = enums::messages::Messages::deserialize(r)?;
        Ok(Body::RpcResult(req_msg_id, result))
    } else {
        enums::Updates::deserialize(r).map(Body::Updates)
    }
}

/// Encodes a container of `(msg_id, seqno, body bytes)`.
pub fn encode_container(messages: &[(i64, i32, &[u8])]) -> Vec<u8> {
    let mut out = MSG_CONTAINER_ID.to_le_bytes().to_vec();
    out.extend((messages.len() as i32).to_le_bytes());
    for (msg_id, seqno, body) in messages {
        out.extend(msg_id.to_le_bytes());
        out.extend(seqno.to_le_bytes());
        out.extend((body.len() as i32).to_le_bytes());
        out.extend_from_slice(body);
    }
    out
}

/// Wraps an encoded `messages.Messages` in an `rpc_result`.
pub fn rpc_result(req_msg_id: i64, result: &[u8]) -> Vec<u8> {
    let mut out = RPC_RESULT_ID.to_le_bytes().to_vec();
    out.extend(req_msg_id.to_le_bytes());
    out.extend_from_slice(result);
    out
}
