//! [`Reader`]: a cursor over the input with bounds-checked, panic-free reads.

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;

/// A cursor over a TL-encoded buffer.
///
/// Every read checks the remaining input once and fails with an [`Error`] that names the byte
/// offset and the TL type being decoded; nothing here panics.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    /// The input not read yet.
    rest: &'a [u8],
    /// Length of the whole input (position = `len - rest.len()`).
    len: usize,
    /// Current nesting depth (see [`Reader::enter`]).
    depth: u32,
    /// Bytes of the allocation budget not used yet (see [`Reader::charge`]).
    alloc_left: usize,
    limits: Limits,
}

impl<'a> Reader<'a> {
    /// A reader over `buf` with [`Limits::DEFAULT`].
    #[inline]
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_limits(buf, Limits::DEFAULT)
    }

    /// A reader over `buf` with the given limits.
    #[inline]
    pub fn with_limits(buf: &'a [u8], limits: Limits) -> Self {
        Reader {
            rest: buf,
            len: buf.len(),
            depth: 0,
            alloc_left: limits.alloc_budget(buf.len()),
            limits,
        }
    }

    /// Bytes read so far: the offset of the next read.
    #[inline]
    pub fn position(&self) -> usize {
        self.len - self.rest.len()
    }

    /// Bytes not read yet.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Whether all input has been read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The input not read yet.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.rest
    }

    /// The limits this reader applies.
    #[inline]
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Bytes of the allocation budget ([`Limits::alloc_budget`]) not charged yet.
    #[inline]
    pub fn alloc_left(&self) -> usize {
        self.alloc_left
    }

    /// Charges `bytes` of heap against the allocation budget; call *before* allocating. Fails
    /// with [`ErrorKind::AllocLimit`] (at the current position) when the budget cannot cover it.
    /// The runtime charges every allocation it makes while decoding: vector buffers, `Box`es,
    /// `String` and `bytes` data.
    #[inline]
    pub fn charge(&mut self, bytes: usize, expected: &'static str) -> Result<()> {
        self.charge_at(bytes, self.position(), expected)
    }

    /// [`charge`](Reader::charge) whose error names the item starting at `offset`.
    #[inline]
    pub(crate) fn charge_at(
        &mut self,
        bytes: usize,
        offset: usize,
        expected: &'static str,
    ) -> Result<()> {
        match self.alloc_left.checked_sub(bytes) {
            Some(left) => {
                self.alloc_left = left;
                Ok(())
            }
            None => Err(self.alloc_limit(bytes, offset, expected)),
        }
    }

    /// Reads `N` raw bytes.
    #[inline]
    pub fn read_array<const N: usize>(&mut self, expected: &'static str) -> Result<[u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(*head)
            }
            None => Err(self.eof(N, expected)),
        }
    }

    /// Reads a little-endian `u32` (TL `#`, constructor ids).
    #[inline]
    pub fn read_u32(&mut self, expected: &'static str) -> Result<u32> {
        self.read_array(expected).map(u32::from_le_bytes)
    }

    /// Reads a little-endian `i32` (TL `int`).
    #[inline]
    pub fn read_i32(&mut self, expected: &'static str) -> Result<i32> {
        self.read_array(expected).map(i32::from_le_bytes)
    }

    /// Reads a little-endian `i64` (TL `long`).
    #[inline]
    pub fn read_i64(&mut self, expected: &'static str) -> Result<i64> {
        self.read_array(expected).map(i64::from_le_bytes)
    }

    /// Reads a little-endian IEEE-754 `f64` (TL `double`).
    #[inline]
    pub fn read_f64(&mut self, expected: &'static str) -> Result<f64> {
        self.read_array(expected).map(f64::from_le_bytes)
    }

    /// Reads the body of a TL `bytes`/`string` and returns the data, borrowed from the input.
    ///
    /// Length below 254: one length byte; `0xfe`: three-byte little-endian length; `0xff` is
    /// [`ErrorKind::InvalidLengthPrefix`]. Then the data, then zero padding so that prefix and
    /// data fill a multiple of 4 bytes. The declared length is checked against the remaining
    /// input before anything else ([`ErrorKind::LengthTooLarge`]), then against
    /// [`Limits::max_bytes_len`] ([`ErrorKind::BytesLimit`]); nothing is allocated.
    ///
    /// Lenient by default: the `0xfe` form is accepted for any length and padding bytes are
    /// skipped unchecked. With [`Limits::strict`], a length below 254 in the `0xfe` form is
    /// [`ErrorKind::NonCanonicalLength`] and a non-zero padding byte
    /// [`ErrorKind::NonZeroPadding`]. Errors name the offset of the length prefix.
    #[inline]
    pub fn read_bytes(&mut self, expected: &'static str) -> Result<&'a [u8]> {
        self.read_bytes_charged(false, expected)
    }

    /// [`read_bytes`](Reader::read_bytes) that, when `charge` is set, also charges the data
    /// length to the allocation budget (before advancing), for a caller that copies the data.
    #[inline(always)]
    pub(crate) fn read_bytes_charged(
        &mut self,
        charge: bool,
        expected: &'static str,
    ) -> Result<&'a [u8]> {
        let start = self.rest;
        let (len, body) = match start.split_first() {
            Some((&short, body)) if short < 254 => (usize::from(short), body),
            Some((&254, tail)) => match tail.split_first_chunk::<3>() {
                Some((&[a, b, c], body)) => {
                    let len = u32::from_le_bytes([a, b, c, 0]) as usize;
                    if len < 254 && self.limits.strict {
                        return Err(self.error(ErrorKind::NonCanonicalLength { len }, expected));
                    }
                    (len, body)
                }
                None => return Err(self.eof(4, expected)),
            },
            Some(_) => return Err(self.error(ErrorKind::InvalidLengthPrefix, expected)),
            None => return Err(self.eof(1, expected)),
        };
        let Some((data, after)) = body.split_at_checked(len) else {
            return Err(self.length_too_large(len, body.len(), expected));
        };
        if len > self.limits.max_bytes_len as usize {
            return Err(self.bytes_limit(len, expected));
        }
        let used = start.len() - after.len();
        let padding = used.wrapping_neg() & 3;
        let Some((pad, next)) = after.split_at_checked(padding) else {
            return Err(self.eof(used + padding, expected));
        };
        if self.limits.strict && pad.iter().any(|&b| b != 0) {
            return Err(self.error(ErrorKind::NonZeroPadding, expected));
        }
        if charge {
            self.charge(len, expected)?;
        }
        self.rest = next;
        Ok(data)
    }

    /// Reads an `i32` element count of a vector whose elements take at least `min_len` bytes
    /// each. A negative count or one the remaining input cannot hold is
    /// [`ErrorKind::LengthTooLarge`], one above [`Limits::max_vector_len`]
    /// [`ErrorKind::VectorLimit`] (both at the offset of the count). The caller charges the
    /// buffer ([`charge`](Reader::charge)) before allocating it.
    #[inline]
    pub fn read_count(&mut self, min_len: usize, expected: &'static str) -> Result<usize> {
        let offset = self.position();
        let count = self.read_i32(expected)?;
        let remaining = self.remaining();
        match usize::try_from(count) {
            Ok(n) if n <= remaining / min_len.max(1) => {
                if n > self.limits.max_vector_len as usize {
                    let max = self.limits.max_vector_len;
                    return Err(Error::new(
                        ErrorKind::VectorLimit { len: n, max },
                        offset,
                        None,
                        expected,
                    ));
                }
                Ok(n)
            }
            _ => Err(Error::new(
                ErrorKind::LengthTooLarge {
                    declared: count as u32 as usize,
                    remaining,
                },
                offset,
                None,
                expected,
            )),
        }
    }

    /// Enters one nested value: call before decoding a constructor's fields, and
    /// [`leave`](Reader::leave) after. Fails with [`ErrorKind::DepthLimit`] when more than
    /// [`Limits::max_depth`] values would be nested.
    #[inline]
    pub fn enter(&mut self, expected: &'static str) -> Result<()> {
        if self.depth >= self.limits.max_depth {
            return Err(self.depth_limit(expected));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a value entered with [`enter`](Reader::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Succeeds if the input is used up, or [`Limits::allow_trailing`] is set and
    /// [`Limits::strict`] is not; otherwise [`ErrorKind::TrailingBytes`].
    #[inline]
    pub fn finish(&self, expected: &'static str) -> Result<()> {
        if self.rest.is_empty() || (self.limits.allow_trailing && !self.limits.strict) {
            Ok(())
        } else {
            Err(self.error(
                ErrorKind::TrailingBytes {
                    remaining: self.rest.len(),
                },
                expected,
            ))
        }
    }

    /// The error for constructor id `id`, read at `offset`, that is not a constructor of
    /// `expected` ([`ErrorKind::UnknownConstructor`]).
    #[cold]
    #[inline(never)]
    pub fn unknown_constructor(&self, id: u32, offset: usize, expected: &'static str) -> Error {
        Error::new(ErrorKind::UnknownConstructor, offset, Some(id), expected)
    }

    /// The error for constructor id `id`, read at `offset`, where only `expected_id` is valid
    /// ([`ErrorKind::UnexpectedConstructor`]).
    #[cold]
    #[inline(never)]
    pub fn unexpected_constructor(
        &self,
        id: u32,
        expected_id: u32,
        offset: usize,
        expected: &'static str,
    ) -> Error {
        Error::new(
            ErrorKind::UnexpectedConstructor { expected_id },
            offset,
            Some(id),
            expected,
        )
    }

    /// An error of `kind` at the current position.
    #[cold]
    #[inline(never)]
    pub fn error(&self, kind: ErrorKind, expected: &'static str) -> Error {
        Error::new(kind, self.position(), None, expected)
    }

    #[cold]
    #[inline(never)]
    fn eof(&self, needed: usize, expected: &'static str) -> Error {
        let remaining = self.rest.len();
        self.error(ErrorKind::UnexpectedEof { needed, remaining }, expected)
    }

    #[cold]
    #[inline(never)]
    fn length_too_large(&self, declared: usize, remaining: usize, expected: &'static str) -> Error {
        self.error(
            ErrorKind::LengthTooLarge {
                declared,
                remaining,
            },
            expected,
        )
    }

    #[cold]
    #[inline(never)]
    fn bytes_limit(&self, len: usize, expected: &'static str) -> Error {
        let max = self.limits.max_bytes_len;
        self.error(ErrorKind::BytesLimit { len, max }, expected)
    }

    #[cold]
    #[inline(never)]
    fn alloc_limit(&self, requested: usize, offset: usize, expected: &'static str) -> Error {
        let budget = self.limits.alloc_budget(self.len);
        Error::new(
            ErrorKind::AllocLimit { requested, budget },
            offset,
            None,
            expected,
        )
    }

    #[cold]
    #[inline(never)]
    fn depth_limit(&self, expected: &'static str) -> Error {
        let max = self.limits.max_depth;
        self.error(ErrorKind::DepthLimit { max }, expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_at<T: core::fmt::Debug>(r: Result<T>) -> (ErrorKind, usize) {
        let e = r.expect_err("expected an error");
        (*e.kind(), e.offset())
    }

    #[test]
    fn fixed_size_reads() {
        let mut buf = Vec::new();
        buf.extend_from_slice(&0xdead_beef_u32.to_le_bytes());
        buf.extend_from_slice(&(-5_i32).to_le_bytes());
        buf.extend_from_slice(&(-1_234_567_890_123_i64).to_le_bytes());
        buf.extend_from_slice(&1.5_f64.to_le_bytes());
        buf.extend_from_slice(&[9; 3]);
        let mut r = Reader::new(&buf);
        assert_eq!(r.read_u32("#").unwrap(), 0xdead_beef);
        assert_eq!(r.read_i32("int").unwrap(), -5);
        assert_eq!(r.read_i64("long").unwrap(), -1_234_567_890_123);
        assert_eq!(r.read_f64("double").unwrap(), 1.5);
        assert_eq!(r.position(), 24);
        assert_eq!(r.remaining(), 3);
        assert_eq!(r.rest(), &[9, 9, 9]);
        assert_eq!(
            kind_at(r.read_u32("int")),
            (
                ErrorKind::UnexpectedEof {
                    needed: 4,
                    remaining: 3
                },
                24
            )
        );
        assert_eq!(r.read_array::<3>("x").unwrap(), [9; 3]);
        assert!(r.is_empty());
        assert_eq!(r.read_array::<0>("x").unwrap(), []);
    }

    #[test]
    fn bytes_decode() {
        // (input, data or (kind, offset), position after)
        type Case = (
            &'static [u8],
            core::result::Result<&'static [u8], ErrorKind>,
        );
        let cases: &[Case] = &[
            (&[0, 0, 0, 0], Ok(b"".as_slice())),
            (&[1, b'a', 0, 0], Ok(b"a".as_slice())),
            (&[3, b'a', b'b', b'c'], Ok(b"abc".as_slice())),
            (&[4, 1, 2, 3, 4, 0, 0, 0], Ok([1, 2, 3, 4].as_slice())),
            (&[1, b'a', 7, 7], Ok(b"a".as_slice())), // padding not checked (lenient)
            (&[254, 1, 0, 0, b'x', 0, 0, 0], Ok(b"x".as_slice())), // long form for a short length
            (
                &[],
                Err(ErrorKind::UnexpectedEof {
                    needed: 1,
                    remaining: 0,
                }),
            ),
            (
                &[254, 0],
                Err(ErrorKind::UnexpectedEof {
                    needed: 4,
                    remaining: 2,
                }),
            ),
            (
                &[1, b'a'],
                Err(ErrorKind::UnexpectedEof {
                    needed: 4,
                    remaining: 2,
                }),
            ),
            (
                &[5, 1, 2],
                Err(ErrorKind::LengthTooLarge {
                    declared: 5,
                    remaining: 2,
                }),
            ),
            (
                &[254, 0xff, 0xff, 0xff],
                Err(ErrorKind::LengthTooLarge {
                    declared: 0xff_ffff,
                    remaining: 0,
                }),
            ),
            (
                &[255, 0, 0, 0, 0, 0, 0, 0],
                Err(ErrorKind::InvalidLengthPrefix),
            ),
        ];
        for &(input, want) in cases {
            let mut buf = vec![0xaa; 4];
            buf.extend_from_slice(input);
            let mut r = Reader::new(&buf);
            r.read_u32("pad").unwrap();
            match want {
                Ok(data) => {
                    assert_eq!(r.read_bytes("bytes").unwrap(), data, "{input:?}");
                    assert!(r.is_empty(), "{input:?}");
                }
                Err(kind) => {
                    assert_eq!(kind_at(r.read_bytes("bytes")), (kind, 4), "{input:?}");
                    assert_eq!(r.position(), 4, "failed read must not advance");
                }
            }
        }
    }

    #[test]
    fn bytes_decode_long() {
        for n in [254_usize, 255, 1000, 65_536 + 3] {
            let mut buf = vec![254, n as u8, (n >> 8) as u8, (n >> 16) as u8];
            buf.extend((0..n).map(|i| i as u8));
            buf.resize(buf.len().next_multiple_of(4), 0);
            buf.push(0x42);
            let mut r = Reader::new(&buf);
            let data = r.read_bytes("bytes").unwrap();
            assert_eq!(data.len(), n);
            assert!(data.iter().enumerate().all(|(i, &b)| b == i as u8));
            assert_eq!(r.rest(), &[0x42]);
        }
    }

    #[test]
    fn counts() {
        let cases: &[(i32, usize, usize, core::result::Result<usize, usize>)] = &[
            // (count, min_len, bytes behind, Ok(count) | Err(declared))
            (0, 4, 0, Ok(0)),
            (2, 4, 8, Ok(2)),
            (3, 4, 8, Err(3)),
            (8, 0, 8, Ok(8)), // min_len 0 counts as 1
            (9, 0, 8, Err(9)),
            (-1, 4, 8, Err(0xffff_ffff)),
            (i32::MAX, 8, 0, Err(0x7fff_ffff)),
        ];
        for &(count, min_len, behind, want) in cases {
            let mut buf = count.to_le_bytes().to_vec();
            buf.resize(4 + behind, 0);
            let mut r = Reader::new(&buf);
            match want {
                Ok(n) => assert_eq!(r.read_count(min_len, "vector").unwrap(), n),
                Err(declared) => assert_eq!(
                    kind_at(r.read_count(min_len, "vector")),
                    (
                        ErrorKind::LengthTooLarge {
                            declared,
                            remaining: behind
                        },
                        0
                    )
                ),
            }
        }
        assert!(Reader::new(&[1, 0]).read_count(4, "vector").is_err());
    }

    #[test]
    fn depth() {
        let limits = Limits {
            max_depth: 2,
            ..Limits::DEFAULT
        };
        let mut r = Reader::with_limits(&[0; 8], limits);
        assert_eq!(r.limits(), &limits);
        r.enter("A").unwrap();
        r.enter("A").unwrap();
        let e = r.enter("A").unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 2 });
        assert_eq!(e.expected(), "A");
        r.leave();
        r.enter("A").unwrap();
        r.leave();
        r.leave();
        r.leave();
        r.leave(); // unbalanced leave does not underflow
        r.enter("A").unwrap();
    }

    #[test]
    fn finish() {
        let mut r = Reader::new(&[1, 2, 3, 4, 5]);
        r.read_u32("int").unwrap();
        assert_eq!(
            kind_at(r.finish("int")),
            (ErrorKind::TrailingBytes { remaining: 1 }, 4)
        );
        let lenient = Limits {
            allow_trailing: true,
            ..Limits::DEFAULT
        };
        assert!(Reader::with_limits(&[1], lenient).finish("int").is_ok());
        assert!(Reader::new(&[]).finish("int").is_ok());
    }

    #[test]
    fn strict_bytes() {
        let strict = Limits::STRICT;
        fn read(buf: &[u8], limits: Limits) -> Result<&[u8]> {
            Reader::with_limits(buf, limits).read_bytes("bytes")
        }
        // (input, lenient data, strict error)
        let cases: &[(&[u8], &[u8], Option<ErrorKind>)] = &[
            (&[1, b'a', 0, 0], b"a", None),
            (&[1, b'a', 0, 7], b"a", Some(ErrorKind::NonZeroPadding)),
            (&[2, b'a', b'b', 1], b"ab", Some(ErrorKind::NonZeroPadding)),
            (&[3, b'a', b'b', b'c'], b"abc", None),
            (
                &[254, 1, 0, 0, b'x', 0, 0, 0],
                b"x",
                Some(ErrorKind::NonCanonicalLength { len: 1 }),
            ),
            (
                &[254, 253, 0, 0],
                &[],
                Some(ErrorKind::NonCanonicalLength { len: 253 }),
            ),
        ];
        for &(input, data, want) in cases {
            if !data.is_empty() {
                assert_eq!(read(input, Limits::DEFAULT).unwrap(), data, "{input:?}");
            }
            match want {
                None => assert_eq!(read(input, strict).unwrap(), data),
                Some(kind) => assert_eq!(kind_at(read(input, strict)), (kind, 0), "{input:?}"),
            }
        }
        // 254 bytes: the long form is canonical.
        let mut long = vec![254, 254, 0, 0];
        long.resize(4 + 256, 0);
        assert_eq!(read(&long, strict).unwrap().len(), 254);
        // Trailing bytes: strict overrides allow_trailing.
        let both = Limits {
            allow_trailing: true,
            ..strict
        };
        assert!(Reader::with_limits(&[1], both).finish("x").is_err());
    }

    #[test]
    fn length_limits() {
        let limits = Limits {
            max_vector_len: 2,
            max_bytes_len: 3,
            ..Limits::DEFAULT
        };
        let mut r = Reader::with_limits(&[3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], limits);
        assert_eq!(
            kind_at(r.read_count(1, "vector")),
            (ErrorKind::VectorLimit { len: 3, max: 2 }, 0)
        );
        let mut r = Reader::with_limits(&[2, 0, 0, 0, 0, 0, 0, 0], limits);
        assert_eq!(r.read_count(1, "vector").unwrap(), 2);
        let mut r = Reader::with_limits(&[4, 1, 2, 3, 4, 0, 0, 0], limits);
        assert_eq!(
            kind_at(r.read_bytes("bytes")),
            (ErrorKind::BytesLimit { len: 4, max: 3 }, 0)
        );
        // The input check comes first.
        let mut r = Reader::with_limits(&[9, 1, 2, 3], limits);
        assert!(matches!(
            kind_at(r.read_bytes("bytes")).0,
            ErrorKind::LengthTooLarge { .. }
        ));
    }

    #[test]
    fn allocation_budget() {
        let limits = Limits {
            alloc_per_input_byte: 2,
            ..Limits::DEFAULT
        };
        let buf = [0u8; 100];
        let mut r = Reader::with_limits(&buf, limits);
        let budget = 200 + Limits::ALLOC_SLACK;
        assert_eq!(r.alloc_left(), budget);
        r.charge(budget - 10, "x").unwrap();
        r.read_u32("x").unwrap();
        let e = r.charge(11, "Vector").unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (
                &ErrorKind::AllocLimit {
                    requested: 11,
                    budget
                },
                4
            )
        );
        r.charge(10, "x").unwrap();
        assert_eq!(r.alloc_left(), 0);
        r.charge(0, "x").unwrap();
        // A string's data is charged before the reader moves on.
        let mut r = Reader::with_limits(
            &[3, b'a', b'b', b'c'],
            Limits {
                max_alloc: 2,
                ..Limits::DEFAULT
            },
        );
        let e = r.read_bytes_charged(true, "string").unwrap_err();
        assert_eq!(e.offset(), 0);
        assert_eq!(r.position(), 0);
        assert_eq!(r.read_bytes("string").unwrap(), b"abc");
    }

    #[test]
    fn constructor_errors() {
        let r = Reader::new(&[]);
        let e = r.unknown_constructor(0x1234_abcd, 16, "Updates");
        assert_eq!(
            (e.kind(), e.offset(), e.constructor_id(), e.expected()),
            (
                &ErrorKind::UnknownConstructor,
                16,
                Some(0x1234_abcd),
                "Updates"
            )
        );
        let e = r.unexpected_constructor(1, 2, 8, "Vector");
        assert_eq!(
            (e.kind(), e.offset(), e.constructor_id()),
            (
                &ErrorKind::UnexpectedConstructor { expected_id: 2 },
                8,
                Some(1)
            )
        );
    }
}
