//! [`Sink`]: where encoded bytes go. Encoding is generic over it, so one encoder writes into a
//! `Vec<u8>`, counts bytes ([`ByteCount`], for the exact `serialized_len`), or writes into any
//! buffer a user implements it for.

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

#[cfg(test)]
mod tests {
    use super::*;

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
