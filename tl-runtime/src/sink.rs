//! [`Sink`]: where encoded bytes go. Encoding is generic over it, so one encoder writes into a
//! `Vec<u8>`, counts bytes ([`ByteCount`], for the exact `serialized_len`), or writes into any
//! buffer a user implements it for.

use alloc::vec::Vec;

use crate::writer::{bytes_len, length_prefix, prefix_len};

/// Receives the bytes of an encoding, in order. Writing cannot fail: a sink that can (a socket)
/// buffers and reports its errors itself.
pub trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);

    /// Appends a little-endian `u32` (constructor ids, flags words, counts).
    #[inline]
    fn put_u32(&mut self, v: u32) {
        self.put(&v.to_le_bytes());
    }

    /// Appends `data` as a TL `bytes`/`string` (what [`write_bytes`](crate::writer::write_bytes)
    /// does): the length prefix, the data, zero padding to a multiple of 4 bytes. A sink
    /// overrides it when it can write the three parts at once.
    #[inline]
    fn put_tl_bytes(&mut self, data: &[u8]) {
        let n = data.len();
        self.reserve(bytes_len(n));
        let prefix = length_prefix(n);
        self.put(&prefix[..prefix_len(n)]);
        self.put(data);
        let padding = bytes_len(n) - prefix_len(n) - n;
        self.put(&[0; 3][..padding.min(3)]);
    }

    /// A hint that about `additional` more bytes follow.
    #[inline]
    fn reserve(&mut self, additional: usize) {
        let _ = additional;
    }
}

impl Sink for Vec<u8> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    #[inline]
    fn put_u32(&mut self, v: u32) {
        self.extend_from_slice(&v.to_le_bytes());
    }

    /// One reservation; the padding is written as a zero word (a fixed-size store, no `memset`
    /// call for 0–3 bytes) of which what lies past the encoding is cut off again.
    #[inline]
    fn put_tl_bytes(&mut self, data: &[u8]) {
        let n = data.len();
        let end = self.len() + bytes_len(n);
        self.reserve(bytes_len(n) + 3);
        if n < 254 {
            self.push(n as u8);
        } else {
            self.extend_from_slice(&length_prefix(n));
        }
        self.extend_from_slice(data);
        self.extend_from_slice(&[0; 4]);
        self.truncate(end);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        Vec::reserve(self, additional);
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        (**self).put(bytes);
    }

    #[inline]
    fn put_u32(&mut self, v: u32) {
        (**self).put_u32(v);
    }

    #[inline]
    fn put_tl_bytes(&mut self, data: &[u8]) {
        (**self).put_tl_bytes(data);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        (**self).reserve(additional);
    }
}

/// A sink that only counts: `serialized_len()` is the encoder run into one of these.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteCount(pub usize);

impl Sink for ByteCount {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }

    #[inline]
    fn put_u32(&mut self, _: u32) {
        self.0 += 4;
    }

    #[inline]
    fn put_tl_bytes(&mut self, data: &[u8]) {
        self.0 += bytes_len(data.len());
    }
}

/// A sink over any [`std::io::Write`] (a file, a socket, a `BufWriter`; feature `std`): each
/// part of the encoding is written as it is produced, with no intermediate buffer. The first
/// I/O error stops the writing and is kept for [`IoSink::finish`]. Wrap an unbuffered writer
/// in a `BufWriter`: the encoder writes many small pieces.
///
/// ```
/// use tl_runtime::{IoSink, Serialize};
/// let mut sink = IoSink::new(Vec::new());
/// vec![1i32, 2].serialize(&mut sink);
/// assert_eq!(sink.finish().unwrap(), vec![1i32, 2].to_bytes());
/// ```
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct IoSink<W> {
    writer: W,
    error: Option<std::io::Error>,
}

#[cfg(feature = "std")]
impl<W: std::io::Write> IoSink<W> {
    /// A sink writing into `writer`.
    pub fn new(writer: W) -> Self {
        IoSink {
            writer,
            error: None,
        }
    }

    /// The writer back, or the first error writing into it.
    pub fn finish(self) -> std::io::Result<W> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.writer),
        }
    }
}

#[cfg(feature = "std")]
impl<W: std::io::Write> Sink for IoSink<W> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            if let Err(e) = self.writer.write_all(bytes) {
                self.error = Some(e);
            }
        }
    }
}

/// `bytes::BytesMut` (feature `bytes`): the encoding appended in place.
#[cfg(feature = "bytes")]
impl Sink for bytes::BytesMut {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    #[inline]
    fn reserve(&mut self, additional: usize) {
        bytes::BytesMut::reserve(self, additional);
    }
}

/// Any [`bytes::BufMut`] (feature `bytes`), borrowed: `value.serialize(&mut BufSink(&mut buf))`.
/// A `BufMut` that cannot grow (a fixed slice) panics when full, as `BufMut::put_slice` does:
/// check `remaining_mut()` against `serialized_len()` first.
#[cfg(feature = "bytes")]
#[derive(Debug)]
pub struct BufSink<'a, B: bytes::BufMut>(pub &'a mut B);

#[cfg(feature = "bytes")]
impl<B: bytes::BufMut> Sink for BufSink<'_, B> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        self.0.put_slice(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "std")]
    #[test]
    fn io_sinks_keep_the_first_error() {
        use alloc::string::ToString;

        #[derive(Debug)]
        struct Full(usize);
        impl std::io::Write for Full {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut sink = IoSink::new(Full(5));
        sink.put(b"abc");
        sink.put(b"def");
        sink.put(b"g");
        assert_eq!(sink.finish().unwrap_err().to_string(), "full");
    }

    #[test]
    fn vec_and_count_agree() {
        let mut v = Vec::new();
        let mut c = ByteCount::default();
        for s in [&mut v as &mut dyn Sink, &mut c] {
            s.put(b"ab");
            s.put_u32(0x0102_0304);
            s.put_tl_bytes(b"xyz");
            s.put_tl_bytes(&[7; 300]);
        }
        let mut want = vec![b'a', b'b', 4, 3, 2, 1, 3, b'x', b'y', b'z', 254, 44, 1, 0];
        want.extend_from_slice(&[7; 300]);
        assert_eq!(v, want);
        assert_eq!(c.0, v.len());
    }
}
