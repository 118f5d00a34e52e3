//! [`Sink`]: where encoded bytes go. Encoding is generic over it, so one encoder writes into a
//! `Vec<u8>`, counts bytes ([`ByteCount`], for the exact `serialized_len`), or writes into any
//! buffer a user implements it for.

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

    /// Appends `n` zero bytes, `n` ≤ 3: the padding after `bytes`/`string` data.
    #[inline]
    fn put_padding(&mut self, n: usize) {
        self.put(&[0; 3][..n.min(3)]);
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

    #[inline]
    fn put_padding(&mut self, n: usize) {
        // 0–3 bytes: three pushes beat an out-of-line `memset` of `resize`.
        for _ in 0..n.min(3) {
            self.push(0);
        }
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
    fn put_padding(&mut self, n: usize) {
        (**self).put_padding(n);
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
    fn put_padding(&mut self, n: usize) {
        self.0 += n.min(3);
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
            s.put_padding(2);
        }
        assert_eq!(v, [b'a', b'b', 4, 3, 2, 1, 0, 0]);
        assert_eq!(c.0, v.len());
    }
}
