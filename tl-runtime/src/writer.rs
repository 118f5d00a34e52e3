//! Free functions that append TL primitives to a [`Sink`] (a `Vec<u8>`, a [`ByteCount`](crate::ByteCount), …).
//!
//! Everything is little-endian. Nothing here can fail or panic (see [`write_bytes`] for the one
//! length TL cannot express).

use crate::sink::Sink;

/// Appends a little-endian `u32` (TL `#`, constructor ids).
#[inline]
pub fn write_u32<S: Sink + ?Sized>(out: &mut S, v: u32) {
    out.put_u32(v);
}

/// Appends a little-endian `i32` (TL `int`).
#[inline]
pub fn write_i32<S: Sink + ?Sized>(out: &mut S, v: i32) {
    out.put(&v.to_le_bytes());
}

/// Appends a little-endian `i64` (TL `long`).
#[inline]
pub fn write_i64<S: Sink + ?Sized>(out: &mut S, v: i64) {
    out.put(&v.to_le_bytes());
}

/// Appends a little-endian IEEE-754 `f64` (TL `double`).
#[inline]
pub fn write_f64<S: Sink + ?Sized>(out: &mut S, v: f64) {
    out.put(&v.to_le_bytes());
}

/// Appends `data` as a TL `bytes`/`string`: length prefix (one byte below 254, else `0xfe` and
/// three little-endian bytes), the data, then zero padding to a multiple of 4 bytes.
///
/// TL cannot express a length of 2^24 bytes or more. Such data trips a `debug_assert!`; in
/// release builds the low 24 bits of the length are written (the output then does not decode),
/// and [`bytes_len`] still gives the exact number of bytes written.
#[inline]
pub fn write_bytes<S: Sink + ?Sized>(out: &mut S, data: &[u8]) {
    debug_assert!(
        data.len() < 1 << 24,
        "TL bytes cannot be 2^24 bytes or longer"
    );
    out.put_tl_bytes(data);
}

/// Exact encoded length of a TL `bytes`/`string` of `n` data bytes (prefix, data, padding).
#[inline]
pub const fn bytes_len(n: usize) -> usize {
    n.saturating_add(prefix_len(n) + 3) & !3
}

/// The length prefix of `n` data bytes as four bytes, of which the first
/// [`prefix_len`]`(n)` are the prefix: one byte below 254, else `0xfe` and three little-endian
/// bytes (the low 24 bits; see [`write_bytes`](crate::writer::write_bytes)).
#[inline]
pub(crate) fn length_prefix(n: usize) -> [u8; 4] {
    if n < 254 {
        [n as u8, 0, 0, 0]
    } else {
        (((n as u32) << 8) | 254).to_le_bytes()
    }
}

/// Bytes the length prefix of `n` data bytes takes: 1 below 254, else 4.
#[inline]
pub(crate) const fn prefix_len(n: usize) -> usize {
    if n < 254 {
        1
    } else {
        4
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::*;
    use crate::Reader;

    #[test]
    fn fixed_size() {
        let mut out = Vec::new();
        write_u32(&mut out, 0x1cb5_c415);
        write_i32(&mut out, -2);
        write_i64(&mut out, 0x0102_0304_0506_0708);
        write_f64(&mut out, -0.0);
        let mut want = vec![0x15, 0xc4, 0xb5, 0x1c, 0xfe, 0xff, 0xff, 0xff];
        want.extend_from_slice(&[8, 7, 6, 5, 4, 3, 2, 1]);
        want.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0x80]);
        assert_eq!(out, want);
    }

    #[test]
    fn bytes_encoding() {
        // (data length, prefix, total encoded length)
        let cases: &[(usize, &[u8], usize)] = &[
            (0, &[0], 4),
            (1, &[1], 4),
            (2, &[2], 4),
            (3, &[3], 4),
            (4, &[4], 8),
            (7, &[7], 8),
            (253, &[253], 256),
            (254, &[254, 254, 0, 0], 260),
            (255, &[254, 255, 0, 0], 260),
            (256, &[254, 0, 1, 0], 260),
            (257, &[254, 1, 1, 0], 264),
            (1000, &[254, 0xe8, 0x03, 0], 1004),
            ((1 << 24) - 1, &[254, 0xff, 0xff, 0xff], (1 << 24) + 4),
        ];
        for &(n, prefix, total) in cases {
            let data: Vec<u8> = (0..n).map(|i| (i % 251) as u8 + 1).collect();
            let mut out = vec![0xaa];
            write_bytes(&mut out, &data);
            let out = &out[1..];
            assert_eq!(bytes_len(n), total, "n = {n}");
            assert_eq!(out.len(), total, "n = {n}");
            assert_eq!(&out[..prefix.len()], prefix, "n = {n}");
            assert_eq!(&out[prefix.len()..prefix.len() + n], &data[..], "n = {n}");
            assert!(out[prefix.len() + n..].iter().all(|&b| b == 0), "n = {n}");
            let mut r = Reader::new(out);
            assert_eq!(r.read_bytes("bytes").unwrap(), &data[..], "n = {n}");
            assert!(r.is_empty());
        }
    }

    #[test]
    fn bytes_len_never_overflows() {
        assert_eq!(bytes_len(usize::MAX) % 4, 0);
    }
}
