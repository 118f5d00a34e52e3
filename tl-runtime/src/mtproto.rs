//! The MTProto envelope: the constructors that wrap a schema's values on the wire and that the
//! official schemas mark "parsed manually": `rpc_result`, `rpc_error`, `msg_container`,
//! `gzip_packed`. They work on bytes, for any schema's types, so they are not tied to one
//! `tl_schema!` invocation.
//!
//! ```
//! use tl_runtime::mtproto::{RpcResult, RPC_RESULT_ID};
//! use tl_runtime::Serialize;
//!
//! // rpc_result req_msg_id:long result:Object, the result being `int 42` (any boxed value).
//! let mut bytes = RPC_RESULT_ID.to_le_bytes().to_vec();
//! bytes.extend(7i64.to_le_bytes());
//! bytes.extend(vec![1i32, 2].to_bytes());
//! let result = RpcResult::parse(&bytes).unwrap();
//! assert_eq!(result.req_msg_id, 7);
//! assert_eq!(result.decode::<Vec<i32>>().unwrap(), Ok(vec![1, 2]));
//! ```

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::error::{Error, ErrorKind, Result};
use crate::{DeserializeOwned, Limits, Reader};

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`.
pub const RPC_RESULT_ID: u32 = 0xf35c_6d01;
/// `rpc_error#2144ca19 error_code:int error_message:string`.
pub const RPC_ERROR_ID: u32 = 0x2144_ca19;
/// `msg_container#73f1f8dc messages:vector<%Message>`.
pub const MSG_CONTAINER_ID: u32 = 0x73f1_f8dc;
/// `gzip_packed#3072cfa1 packed_data:bytes`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;
/// `msg_copy#e06046b2 orig_message:Message`.
pub const MSG_COPY_ID: u32 = 0xe060_46b2;

/// An `rpc_error` as the server sent it. With a schema that has errors, the generated
/// `errors::RpcError::parse(e.code, &e.message)` types it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RpcErrorAnswer {
    /// `error_code`.
    pub code: i32,
    /// `error_message`.
    pub message: String,
}

impl fmt::Display for RpcErrorAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RPC error {} {}", self.code, self.message)
    }
}

impl core::error::Error for RpcErrorAnswer {}

/// Reads a constructor id that must be `id` (`expected` names it in the error).
fn expect_id(r: &mut Reader<'_>, id: u32, expected: &'static str) -> Result<()> {
    let offset = r.position();
    let found = r.read_u32(expected)?;
    if found == id {
        Ok(())
    } else {
        Err(r.unexpected_constructor(found, id, offset, expected))
    }
}

/// `rpc_result#f35c6d01 req_msg_id:long result:Object`: the answer to the request whose message
/// id is `req_msg_id`, still as bytes, decoded once the caller knows which request that was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RpcResult<'a> {
    /// The `msg_id` of the request this answers.
    pub req_msg_id: i64,
    /// The answer: a boxed value of the request's return type, an `rpc_error`, or either of them
    /// `gzip_packed`.
    pub result: &'a [u8],
}

impl<'a> RpcResult<'a> {
    /// Reads the envelope (the id and `req_msg_id`); the rest of `buf` is the result.
    pub fn parse(buf: &'a [u8]) -> Result<Self> {
        let mut r = Reader::new(buf);
        expect_id(&mut r, RPC_RESULT_ID, "rpc_result")?;
        let req_msg_id = r.read_i64("rpc_result")?;
        Ok(RpcResult {
            req_msg_id,
            result: r.rest(),
        })
    }

    /// Whether the answer is an `rpc_error` (looked at without inflating a `gzip_packed` one).
    pub fn is_error(&self) -> bool {
        Reader::new(self.result).peek_u32() == Some(RPC_ERROR_ID)
    }

    /// The answer's bytes: inflated if they are `gzip_packed` (feature `gzip`; without it a
    /// packed answer is an [`ErrorKind::UnexpectedConstructor`] error), else borrowed.
    pub fn body(&self, limits: Limits) -> Result<Cow<'a, [u8]>> {
        body(self.result, limits)
    }

    /// The answer decoded as `T` (for a request `F`: `F::Return<'static>`, e.g.
    /// `result.decode::<<GetHistory as RemoteCall>::Return<'static>>()`, or use
    /// [`RpcResult::answer`]), or the `rpc_error` it is; with [`Limits::DEFAULT`].
    pub fn decode<T: DeserializeOwned>(&self) -> Result<core::result::Result<T, RpcErrorAnswer>> {
        self.decode_with(Limits::DEFAULT)
    }

    /// [`decode`](Self::decode) with the given limits (they bound the inflated size too).
    pub fn decode_with<T: DeserializeOwned>(
        &self,
        limits: Limits,
    ) -> Result<core::result::Result<T, RpcErrorAnswer>> {
        let body = self.body(limits)?;
        if Reader::new(&body).peek_u32() == Some(RPC_ERROR_ID) {
            return read_rpc_error(&body, limits).map(Err);
        }
        T::from_bytes_with(&body, limits).map(Ok)
    }

    /// The answer to the request `F`: its `Return` type decoded (owned types), or the
    /// `rpc_error`.
    pub fn answer<F>(&self) -> Result<core::result::Result<F::Return<'static>, RpcErrorAnswer>>
    where
        F: crate::RemoteCall,
        F::Return<'static>: DeserializeOwned,
    {
        self.decode::<F::Return<'static>>()
    }
}

/// `rpc_error error_code:int error_message:string` from a whole buffer.
pub fn read_rpc_error(buf: &[u8], limits: Limits) -> Result<RpcErrorAnswer> {
    let mut r = Reader::with_limits(buf, limits);
    expect_id(&mut r, RPC_ERROR_ID, "rpc_error")?;
    let code = r.read_i32("rpc_error")?;
    let message: Option<String> = r.read();
    let message = r.result_of(message)?;
    r.finish("rpc_error")?;
    Ok(RpcErrorAnswer { code, message })
}

/// The bytes of a value that may be `gzip_packed`: inflated (feature `gzip`), or `buf` itself.
pub fn body(buf: &[u8], limits: Limits) -> Result<Cow<'_, [u8]>> {
    if Reader::new(buf).peek_u32() != Some(GZIP_PACKED_ID) {
        return Ok(Cow::Borrowed(buf));
    }
    inflate(buf, limits).map(Cow::Owned)
}

/// Inflates `gzip_packed#3072cfa1 packed_data:bytes` (the whole value, id first). The inflated
/// data may be at most [`Limits::max_inflated`] bytes: a zip bomb is an
/// [`ErrorKind::AllocLimit`] error, nothing past the limit is kept, and the output buffer never
/// holds room for more than `max_inflated + 1` bytes. Invalid gzip data is
/// [`ErrorKind::InvalidGzip`].
#[cfg(feature = "gzip")]
pub fn inflate(buf: &[u8], limits: Limits) -> Result<Vec<u8>> {
    let mut r = Reader::with_limits(buf, limits);
    expect_id(&mut r, GZIP_PACKED_ID, "gzip_packed")?;
    let at = r.position();
    let packed = r.read_bytes("gzip_packed")?;
    r.finish("gzip_packed")?;
    let cap = limits.max_inflated;
    match inflate_at_most(packed, cap) {
        Inflated::Data(out) => Ok(out),
        Inflated::Invalid => Err(Error::new(ErrorKind::InvalidGzip, at, None, "gzip_packed")),
        Inflated::TooLarge => {
            let kind = ErrorKind::AllocLimit {
                requested: cap.saturating_add(1),
                budget: cap,
            };
            Err(Error::new(kind, at, None, "gzip_packed"))
        }
    }
}

/// What [`inflate_at_most`] found.
#[cfg(feature = "gzip")]
enum Inflated {
    Data(Vec<u8>),
    TooLarge,
    Invalid,
}

/// The gzip data `packed` inflated, if it is at most `most` bytes. The buffer starts at the size
/// the gzip trailer states (the inflated length mod 2³², a hint only: one allocation for honest
/// data) and grows by doubling, capped at `most`; one byte past `most` is read into a probe, so
/// the buffer's capacity never passes `most` (`read_to_end` through a `take` doubles past it).
#[cfg(feature = "gzip")]
fn inflate_at_most(packed: &[u8], most: usize) -> Inflated {
    use std::io::Read as _;
    let hint = packed
        .last_chunk::<4>()
        .map_or(0, |isize| u32::from_le_bytes(*isize) as usize);
    let mut out: Vec<u8> = Vec::with_capacity(hint.min(most));
    let mut decoder = flate2::read::GzDecoder::new(packed);
    loop {
        if out.len() == out.capacity() {
            // Full: grow only if there is more.
            let mut probe = [0u8; 1];
            match decoder.read(&mut probe) {
                Ok(0) => return Inflated::Data(out),
                Ok(_) if out.len() >= most => return Inflated::TooLarge,
                Ok(_) => {}
                Err(_) => return Inflated::Invalid,
            }
            let grown = out.capacity().saturating_mul(2).max(4096).min(most);
            out.reserve_exact(grown - out.len());
            out.push(probe[0]);
            continue;
        }
        let len = out.len();
        out.resize(out.capacity(), 0);
        match decoder.read(&mut out[len..]) {
            Ok(0) => {
                out.truncate(len);
                return Inflated::Data(out);
            }
            Ok(n) => out.truncate(len + n),
            Err(_) => return Inflated::Invalid,
        }
    }
}

/// Without the `gzip` feature, `gzip_packed` cannot be read.
#[cfg(not(feature = "gzip"))]
pub fn inflate(buf: &[u8], _limits: Limits) -> Result<Vec<u8>> {
    let id = Reader::new(buf).peek_u32().unwrap_or_default();
    // Reported as the constructor this build cannot decode.
    Err(Error::new(
        ErrorKind::UnexpectedConstructor {
            expected_id: GZIP_PACKED_ID,
        },
        0,
        Some(id),
        "gzip_packed (enable the `gzip` feature of tl-runtime)",
    ))
}

/// One message of a `msg_container`: `message msg_id:long seqno:int bytes:int body:Object`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message<'a> {
    /// Its message id.
    pub msg_id: i64,
    /// Its sequence number.
    pub seqno: i32,
    /// Its body: `bytes` bytes, a boxed value (an `rpc_result`, an update, `gzip_packed`, …).
    pub body: &'a [u8],
}

/// `msg_container#73f1f8dc messages:vector<%Message>`: its messages, in order, each body's
/// length checked against the input. An iterator of `Result`s; after an error it ends.
///
/// ```
/// use tl_runtime::mtproto::{MsgContainer, MSG_CONTAINER_ID};
///
/// let mut bytes = MSG_CONTAINER_ID.to_le_bytes().to_vec();
/// bytes.extend(1u32.to_le_bytes()); // one message
/// bytes.extend(5i64.to_le_bytes()); // msg_id
/// bytes.extend(1i32.to_le_bytes()); // seqno
/// bytes.extend(4i32.to_le_bytes()); // bytes
/// bytes.extend(0x997275b5u32.to_le_bytes()); // body: boolTrue
/// let messages: Vec<_> = MsgContainer::parse(&bytes).unwrap().collect::<Result<_, _>>().unwrap();
/// assert_eq!((messages[0].msg_id, messages[0].body.len()), (5, 4));
/// ```
#[derive(Debug)]
pub struct MsgContainer<'a> {
    reader: Reader<'a>,
    left: usize,
    done: bool,
}

/// Bytes of a message before its body: `msg_id`, `seqno`, `bytes`.
const MESSAGE_HEADER: usize = 16;

impl<'a> MsgContainer<'a> {
    /// Reads the id and the message count (checked against the input: at least 16 bytes each).
    pub fn parse(buf: &'a [u8]) -> Result<Self> {
        Self::parse_with(buf, Limits::DEFAULT)
    }

    /// [`parse`](Self::parse) with the given limits (`max_vector_len` bounds the count).
    pub fn parse_with(buf: &'a [u8], limits: Limits) -> Result<Self> {
        let mut reader = Reader::with_limits(buf, limits);
        expect_id(&mut reader, MSG_CONTAINER_ID, "msg_container")?;
        let left = reader.read_count(MESSAGE_HEADER, "msg_container")?;
        Ok(MsgContainer {
            reader,
            left,
            done: false,
        })
    }

    /// Messages not read yet.
    pub fn len(&self) -> usize {
        self.left
    }

    /// No message left.
    pub fn is_empty(&self) -> bool {
        self.left == 0
    }

    fn message(&mut self) -> Result<Message<'a>> {
        read_message(&mut self.reader)
    }
}

/// The bare `message msg_id:long seqno:int bytes:int body:Object`, its body's length checked
/// against the input.
fn read_message<'a>(r: &mut Reader<'a>) -> Result<Message<'a>> {
    let msg_id = r.read_i64("message")?;
    let seqno = r.read_i32("message")?;
    let at = r.position();
    let len = r.read_i32("message")?;
    let Ok(len) = usize::try_from(len) else {
        let kind = ErrorKind::LengthTooLarge {
            declared: len as u32 as usize,
            remaining: r.remaining(),
        };
        return Err(Error::new(kind, at, None, "message"));
    };
    let body = r.take(len, "message")?;
    Ok(Message {
        msg_id,
        seqno,
        body,
    })
}

/// `msg_copy#e06046b2 orig_message:Message = MessageCopy;` (marked "parsed manually" by the
/// official schema, as the container is): a copy of a message sent before, whose body is then
/// read as any other message's. The whole buffer is the `msg_copy`; bytes after it are
/// [`ErrorKind::TrailingBytes`].
///
/// ```
/// use tl_runtime::mtproto::{read_msg_copy, MSG_COPY_ID};
///
/// let mut bytes = MSG_COPY_ID.to_le_bytes().to_vec();
/// bytes.extend(5i64.to_le_bytes()); // msg_id
/// bytes.extend(3i32.to_le_bytes()); // seqno
/// bytes.extend(4i32.to_le_bytes()); // bytes
/// bytes.extend(0x997275b5u32.to_le_bytes()); // body: boolTrue
/// let original = read_msg_copy(&bytes).unwrap();
/// assert_eq!((original.msg_id, original.seqno, original.body.len()), (5, 3, 4));
/// ```
pub fn read_msg_copy(buf: &[u8]) -> Result<Message<'_>> {
    let mut reader = Reader::new(buf);
    expect_id(&mut reader, MSG_COPY_ID, "msg_copy")?;
    let message = read_message(&mut reader)?;
    reader.finish("msg_copy")?;
    Ok(message)
}

impl<'a> Iterator for MsgContainer<'a> {
    type Item = Result<Message<'a>>;

    fn next(&mut self) -> Option<Result<Message<'a>>> {
        if self.done {
            return None;
        }
        if self.left == 0 {
            self.done = true;
            return self.reader.finish("msg_container").err().map(Err);
        }
        self.left -= 1;
        let m = self.message();
        self.done = m.is_err();
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use alloc::borrow::ToOwned;

    use super::*;
    use crate::Serialize;

    fn rpc_error(code: i32, message: &str) -> Vec<u8> {
        let mut b = RPC_ERROR_ID.to_le_bytes().to_vec();
        b.extend(code.to_le_bytes());
        b.extend(String::from(message).to_bytes());
        b
    }

    fn rpc_result(body: &[u8]) -> Vec<u8> {
        let mut b = RPC_RESULT_ID.to_le_bytes().to_vec();
        b.extend(99i64.to_le_bytes());
        b.extend(body);
        b
    }

    #[test]
    fn a_result_or_an_error() {
        let ok = rpc_result(&vec![String::from("a")].to_bytes());
        let r = RpcResult::parse(&ok).unwrap();
        assert!(!r.is_error());
        assert_eq!(r.decode::<Vec<String>>().unwrap(), Ok(vec!["a".to_owned()]));
        let err = rpc_result(&rpc_error(420, "FLOOD_WAIT_31"));
        let r = RpcResult::parse(&err).unwrap();
        assert!(r.is_error());
        let answer = RpcErrorAnswer {
            code: 420,
            message: "FLOOD_WAIT_31".into(),
        };
        assert_eq!(r.decode::<Vec<String>>().unwrap(), Err(answer));
        // Not an rpc_result; a result of the wrong type; truncated.
        let e = RpcResult::parse(&err[4..]).unwrap_err();
        assert_eq!(e.expected(), "rpc_result");
        assert!(RpcResult::parse(&ok).unwrap().decode::<i64>().is_err());
        assert!(RpcResult::parse(&ok[..10]).is_err());
    }

    #[test]
    fn containers_check_every_length() {
        let mut b = MSG_CONTAINER_ID.to_le_bytes().to_vec();
        b.extend(2u32.to_le_bytes());
        for (id, body) in [(1i64, &[1u8, 0, 0, 0][..]), (2, &[2, 0, 0, 0, 3, 0, 0, 0])] {
            b.extend(id.to_le_bytes());
            b.extend(0i32.to_le_bytes());
            b.extend((body.len() as i32).to_le_bytes());
            b.extend(body);
        }
        let all: Vec<Message<'_>> = MsgContainer::parse(&b)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((all[1].msg_id, all[1].body.len()), (2, 8));
        // A body longer than the input, a negative length, a count past the input, trailing bytes.
        let mut long = b.clone();
        long.truncate(b.len() - 1);
        let last = MsgContainer::parse(&long).unwrap().last().unwrap();
        assert!(matches!(
            last.unwrap_err().kind(),
            ErrorKind::UnexpectedEof { .. }
        ));
        let mut negative = b.clone();
        negative[20..24].copy_from_slice(&(-4i32).to_le_bytes());
        let first = MsgContainer::parse(&negative).unwrap().next().unwrap();
        assert!(matches!(
            first.unwrap_err().kind(),
            ErrorKind::LengthTooLarge { .. }
        ));
        let mut many = b.clone();
        many[4..8].copy_from_slice(&1000u32.to_le_bytes());
        assert!(MsgContainer::parse(&many).is_err());
        let mut trailing = b.clone();
        trailing.push(0);
        let errors: Vec<_> = MsgContainer::parse(&trailing)
            .unwrap()
            .filter_map(|m| m.err())
            .collect();
        assert!(matches!(errors[0].kind(), ErrorKind::TrailingBytes { .. }));
    }

    #[test]
    fn msg_copy_gives_the_original_message() {
        let mut b = MSG_COPY_ID.to_le_bytes().to_vec();
        b.extend(7i64.to_le_bytes());
        b.extend(2i32.to_le_bytes());
        b.extend(12i32.to_le_bytes());
        b.extend(vec![5i32].to_bytes()); // 12 bytes: Vector id, count, element
        let m = read_msg_copy(&b).unwrap();
        assert_eq!((m.msg_id, m.seqno), (7, 2));
        let body: Vec<i32> = crate::Deserialize::from_bytes(m.body).unwrap();
        assert_eq!(body, [5]);
        // Another id, a body past the input, bytes after the copy: errors, never a panic.
        let err = read_msg_copy(&b[4..]).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::UnexpectedConstructor { .. }),
            "{err}"
        );
        for cut in 0..b.len() {
            assert!(read_msg_copy(&b[..cut]).unwrap_err().is_incomplete());
        }
        let mut trailing = b.clone();
        trailing.push(0);
        let err = read_msg_copy(&trailing).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::TrailingBytes { .. }));
    }

    #[cfg(feature = "gzip")]
    fn gzip_packed(data: &[u8]) -> Vec<u8> {
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(data).unwrap();
        let packed = gz.finish().unwrap();
        let mut b = GZIP_PACKED_ID.to_le_bytes().to_vec();
        crate::writer::write_bytes(&mut b, &packed);
        b
    }

    #[cfg(feature = "gzip")]
    #[test]
    fn gzip_packed_results_and_bombs() {
        let inner = rpc_error(400, "PEER_ID_INVALID");
        let packed = rpc_result(&gzip_packed(&inner));
        let r = RpcResult::parse(&packed).unwrap();
        assert!(!r.is_error(), "packed: not looked into");
        let e = r.decode::<i32>().unwrap().unwrap_err();
        assert_eq!(e.message, "PEER_ID_INVALID");
        // 20 MiB of zeros packs into ~20 KiB; the default limit inflates at most 16 MiB.
        let bomb = gzip_packed(&vec![0u8; 20 << 20]);
        let e = inflate(&bomb, Limits::DEFAULT).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
        // A byte of the deflate data changed (after the id, the length byte, the gzip header).
        let mut broken = gzip_packed(b"hello, hello, hello");
        broken[16] ^= 0x55;
        let e = inflate(&broken, Limits::DEFAULT).unwrap_err();
        assert_eq!(*e.kind(), ErrorKind::InvalidGzip);
    }
}
