//! [`Reader`]: a cursor over the input with bounds-checked, panic-free reads.
//!
//! Two families of reads: `read_*` return a [`Result`]; `get_*` are *sticky*: on failure they
//! record the error in the reader (the first one is kept), return a zero or empty value and
//! exhaust the reader, so every later read fails at once without allocating. Generated decoders
//! use the sticky reads and never return early: a decoder is then straight-line code, which is
//! what keeps the generated code cheap to compile, and the caller checks once at the end
//! ([`Reader::result`]). A decoder that fails returns a *placeholder* value (zeros, empty
//! vectors, the cheapest constructor of each type) that the caller drops with the error.

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;

/// A cursor over a TL-encoded buffer.
///
/// Every read checks the remaining input once and fails with an [`Error`] that names the byte
/// offset and the TL type being decoded; nothing here panics. After a sticky read fails the
/// reader is exhausted ([`remaining`](Reader::remaining) is 0) and [`first_error`](Reader::first_error) holds
/// what went wrong first.
#[derive(Debug)]
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
    /// The first failure of a sticky read, until taken.
    error: Option<Error>,
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
            error: None,
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

    // -----------------------------------------------------------------------------------------
    // Sticky state

    /// Whether a sticky read has failed (and the error was not taken yet).
    #[inline]
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// The first failure of a sticky read, if any.
    #[inline]
    pub fn first_error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// Takes the recorded failure out of the reader.
    #[inline]
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.take()
    }

    /// `Ok(value)`, or the recorded failure (taken out of the reader) if a sticky read failed.
    #[inline]
    pub fn result<T>(&mut self, value: T) -> Result<T> {
        match self.error.take() {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }

    /// What a decoder returned ([`Deserialize::read`](crate::Deserialize::read)) as a
    /// `Result`: the recorded failure if there is one, else the value. `None` without a recorded
    /// failure (a hand-written decoder that forgot to record one) is [`ErrorKind::NoValue`].
    #[inline]
    pub fn result_of<T>(&mut self, value: Option<T>) -> Result<T> {
        match (self.error.take(), value) {
            (None, Some(value)) => Ok(value),
            (Some(e), _) => Err(e),
            (None, None) => Err(self.error(ErrorKind::NoValue, "value")),
        }
    }

    /// Records `error` unless one is recorded already, and exhausts the reader.
    #[cold]
    #[inline(never)]
    pub fn fail(&mut self, error: Error) {
        if self.error.is_none() {
            self.error = Some(error);
        }
        self.rest = &[];
    }

    /// Records an error of `kind` at `offset` (built only if nothing is recorded yet).
    #[cold]
    #[inline(never)]
    fn fail_at(&mut self, kind: ErrorKind, offset: usize, id: Option<u32>, expected: &'static str) {
        if self.error.is_none() {
            self.error = Some(Error::new(kind, offset, id, expected));
        }
        self.rest = &[];
    }

    /// Records an error of `kind` at the current position.
    #[cold]
    #[inline(never)]
    fn fail_here(&mut self, kind: ErrorKind, expected: &'static str) {
        let offset = self.position();
        self.fail_at(kind, offset, None, expected);
    }

    #[cold]
    #[inline(never)]
    fn fail_eof(&mut self, needed: usize, expected: &'static str) {
        let remaining = self.rest.len();
        self.fail_here(ErrorKind::UnexpectedEof { needed, remaining }, expected);
    }

    // -----------------------------------------------------------------------------------------
    // Sticky reads

    /// Reads `N` raw bytes; zeros after a failure.
    #[inline]
    pub fn get_array<const N: usize>(&mut self, expected: &'static str) -> [u8; N] {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                *head
            }
            None => {
                self.fail_eof(N, expected);
                [0; N]
            }
        }
    }

    /// Reads a little-endian `u32` (TL `#`, constructor ids, flags words); 0 after a failure.
    #[inline]
    pub fn get_u32(&mut self, expected: &'static str) -> u32 {
        u32::from_le_bytes(self.get_array(expected))
    }

    /// Reads the flags word `word` of constructor `ctor`, whose fields are on the bits of
    /// `defined`; 0 after a failure. With [`Limits::strict`], a word with other bits set fails
    /// with [`ErrorKind::UndefinedFlags`] naming the word and the bits.
    #[inline]
    pub fn get_flags(&mut self, ctor: &'static str, word: &'static str, defined: u32) -> u32 {
        let offset = self.position();
        let value = self.get_u32(ctor);
        if value & !defined != 0 && self.limits.strict {
            self.fail_undefined_flags(offset, ctor, word, value & !defined);
        }
        value
    }

    #[cold]
    #[inline(never)]
    fn fail_undefined_flags(
        &mut self,
        offset: usize,
        ctor: &'static str,
        word: &'static str,
        bits: u32,
    ) {
        self.fail_at(ErrorKind::UndefinedFlags { word, bits }, offset, None, ctor);
    }

    /// Reads a little-endian `i32` (TL `int`); 0 after a failure.
    #[inline]
    pub fn get_i32(&mut self, expected: &'static str) -> i32 {
        i32::from_le_bytes(self.get_array(expected))
    }

    /// Reads a little-endian `i64` (TL `long`); 0 after a failure.
    #[inline]
    pub fn get_i64(&mut self, expected: &'static str) -> i64 {
        i64::from_le_bytes(self.get_array(expected))
    }

    /// Reads a little-endian IEEE-754 `f64` (TL `double`); 0.0 after a failure.
    #[inline]
    pub fn get_f64(&mut self, expected: &'static str) -> f64 {
        f64::from_le_bytes(self.get_array(expected))
    }

    /// Reads the body of a TL `bytes`/`string` and returns the data, borrowed from the input;
    /// empty after a failure.
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
    pub fn get_bytes(&mut self, expected: &'static str) -> &'a [u8] {
        self.get_bytes_charged(false, expected)
    }

    /// [`get_bytes`](Reader::get_bytes) that, when `charge` is set, also charges the data length
    /// to the allocation budget, for a caller that copies the data.
    #[inline(always)]
    pub(crate) fn get_bytes_charged(&mut self, charge: bool, expected: &'static str) -> &'a [u8] {
        let start = self.rest;
        let (len, body) = match start.split_first() {
            Some((&short, body)) if short < 254 => (usize::from(short), body),
            Some((&254, tail)) => match tail.split_first_chunk::<3>() {
                Some((&[a, b, c], body)) => {
                    let len = u32::from_le_bytes([a, b, c, 0]) as usize;
                    if len < 254 && self.limits.strict {
                        self.fail_here(ErrorKind::NonCanonicalLength { len }, expected);
                        return &[];
                    }
                    (len, body)
                }
                None => {
                    self.fail_eof(4, expected);
                    return &[];
                }
            },
            Some(_) => {
                self.fail_here(ErrorKind::InvalidLengthPrefix, expected);
                return &[];
            }
            None => {
                self.fail_eof(1, expected);
                return &[];
            }
        };
        let Some((data, after)) = body.split_at_checked(len) else {
            let remaining = body.len();
            self.fail_here(
                ErrorKind::LengthTooLarge {
                    declared: len,
                    remaining,
                },
                expected,
            );
            return &[];
        };
        if len > self.limits.max_bytes_len as usize {
            let max = self.limits.max_bytes_len;
            self.fail_here(ErrorKind::BytesLimit { len, max }, expected);
            return &[];
        }
        let used = start.len() - after.len();
        let padding = used.wrapping_neg() & 3;
        let Some((pad, next)) = after.split_at_checked(padding) else {
            self.fail_eof(used + padding, expected);
            return &[];
        };
        if self.limits.strict && pad.iter().any(|&b| b != 0) {
            self.fail_here(ErrorKind::NonZeroPadding, expected);
            return &[];
        }
        if charge && !self.take_budget(len, self.position(), expected) {
            return &[];
        }
        self.rest = next;
        data
    }

    /// Reads an `i32` element count of a vector whose elements take at least `min_len` bytes
    /// each; 0 after a failure. A negative count or one the remaining input cannot hold is
    /// [`ErrorKind::LengthTooLarge`], one above [`Limits::max_vector_len`]
    /// [`ErrorKind::VectorLimit`] (both at the offset of the count). The caller charges the
    /// buffer before allocating it.
    #[inline]
    pub fn get_count(&mut self, min_len: usize, expected: &'static str) -> usize {
        let offset = self.position();
        let count = self.get_i32(expected);
        let remaining = self.remaining();
        match usize::try_from(count) {
            Ok(n) if n <= remaining / min_len.max(1) => {
                if n > self.limits.max_vector_len as usize {
                    let max = self.limits.max_vector_len;
                    self.fail_at(
                        ErrorKind::VectorLimit { len: n, max },
                        offset,
                        None,
                        expected,
                    );
                    return 0;
                }
                n
            }
            _ => {
                let declared = count as u32 as usize;
                self.fail_at(
                    ErrorKind::LengthTooLarge {
                        declared,
                        remaining,
                    },
                    offset,
                    None,
                    expected,
                );
                0
            }
        }
    }

    /// Charges `bytes` at `offset` against the allocation budget; `false` (and the failure
    /// recorded) when the budget cannot cover it. Call *before* allocating.
    #[inline]
    pub(crate) fn take_budget(
        &mut self,
        bytes: usize,
        offset: usize,
        expected: &'static str,
    ) -> bool {
        match self.alloc_left.checked_sub(bytes) {
            Some(left) => {
                self.alloc_left = left;
                true
            }
            None => {
                self.fail_alloc(bytes, offset, expected);
                false
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn fail_alloc(&mut self, requested: usize, offset: usize, expected: &'static str) {
        let budget = self.limits.alloc_budget(self.len);
        self.fail_at(
            ErrorKind::AllocLimit { requested, budget },
            offset,
            None,
            expected,
        );
    }

    /// Starts a boxed value of type `expected`: reads its constructor id and goes one nesting
    /// level deeper (see [`enter`](Reader::enter)); 0 after a failure. Pair with
    /// [`end`](Reader::end).
    #[inline]
    pub fn begin(&mut self, expected: &'static str) -> u32 {
        let id = self.get_u32(expected);
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.fail_depth(expected);
            return 0;
        }
        id
    }

    /// Goes one nesting level deeper for a bare value (see [`enter`](Reader::enter)); records
    /// [`ErrorKind::DepthLimit`] past the limit. Pair with [`end`](Reader::end).
    #[inline]
    pub fn descend(&mut self, expected: &'static str) {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            self.fail_depth(expected);
        }
    }

    /// Ends a value started with [`begin`](Reader::begin) or [`descend`](Reader::descend).
    #[inline]
    pub fn end(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    #[cold]
    #[inline(never)]
    fn fail_depth(&mut self, expected: &'static str) {
        let max = self.limits.max_depth;
        self.fail_here(ErrorKind::DepthLimit { max }, expected);
    }

    /// Records that constructor id `id`, just read, is not one of `expected`'s
    /// ([`ErrorKind::UnknownConstructor`] at the offset of the id). Nothing happens after a
    /// failure (the id was then not read from the input).
    #[cold]
    #[inline(never)]
    pub fn fail_unknown(&mut self, id: u32, expected: &'static str) {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            self.fail_at(ErrorKind::UnknownConstructor, offset, Some(id), expected);
        }
    }

    /// [`fail_unknown`](Reader::fail_unknown), then `None`: the last arm of a generated
    /// dispatch (`id => r.reject(id, "Updates")`).
    #[inline]
    pub fn reject<T>(&mut self, id: u32, expected: &'static str) -> Option<T> {
        self.fail_unknown(id, expected);
        None
    }

    /// Records that constructor id `id`, just read, is not `expected_id`, the only constructor
    /// allowed here ([`ErrorKind::UnexpectedConstructor`] at the offset of the id).
    #[cold]
    #[inline(never)]
    pub fn fail_unexpected(&mut self, id: u32, expected_id: u32, expected: &'static str) {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            let kind = ErrorKind::UnexpectedConstructor { expected_id };
            self.fail_at(kind, offset, Some(id), expected);
        }
    }

    /// Decodes one value ([`Deserialize::read`](crate::Deserialize::read)): `None` after a
    /// failure.
    #[inline]
    pub fn read<T: crate::Deserialize<'a>>(&mut self) -> Option<T> {
        T::read(self)
    }

    /// Decodes one value of a [`Fallback`](crate::Fallback) type (a number, a string, a
    /// vector): its fallback value after a failure, so the caller goes on without a branch.
    #[inline]
    pub fn get<T: crate::Deserialize<'a> + crate::Fallback>(&mut self) -> T {
        match T::read(self) {
            Some(value) => value,
            None => T::fallback(),
        }
    }

    /// Decodes a `flags.N?T` field: present when `flags & mask` is set; `None` after a failure.
    #[inline]
    pub fn opt<T: crate::Deserialize<'a>>(&mut self, flags: u32, mask: u32) -> Option<T> {
        if flags & mask != 0 {
            T::read(self)
        } else {
            None
        }
    }

    // -----------------------------------------------------------------------------------------
    // Reads that return a `Result`

    /// Reads `N` raw bytes.
    #[inline]
    pub fn read_array<const N: usize>(&mut self, expected: &'static str) -> Result<[u8; N]> {
        let v = self.get_array(expected);
        self.result(v)
    }

    /// Reads a little-endian `u32` (TL `#`, constructor ids).
    #[inline]
    pub fn read_u32(&mut self, expected: &'static str) -> Result<u32> {
        let v = self.get_u32(expected);
        self.result(v)
    }

    /// Reads a little-endian `i32` (TL `int`).
    #[inline]
    pub fn read_i32(&mut self, expected: &'static str) -> Result<i32> {
        let v = self.get_i32(expected);
        self.result(v)
    }

    /// Reads a little-endian `i64` (TL `long`).
    #[inline]
    pub fn read_i64(&mut self, expected: &'static str) -> Result<i64> {
        let v = self.get_i64(expected);
        self.result(v)
    }

    /// Reads a little-endian IEEE-754 `f64` (TL `double`).
    #[inline]
    pub fn read_f64(&mut self, expected: &'static str) -> Result<f64> {
        let v = self.get_f64(expected);
        self.result(v)
    }

    /// Reads the body of a TL `bytes`/`string`; see [`get_bytes`](Reader::get_bytes).
    #[inline]
    pub fn read_bytes(&mut self, expected: &'static str) -> Result<&'a [u8]> {
        let v = self.get_bytes(expected);
        self.result(v)
    }

    /// Reads a vector count; see [`get_count`](Reader::get_count).
    #[inline]
    pub fn read_count(&mut self, min_len: usize, expected: &'static str) -> Result<usize> {
        let v = self.get_count(min_len, expected);
        self.result(v)
    }

    /// The next 4 bytes as a little-endian `u32` (a constructor id), without reading them;
    /// `None` when fewer than 4 bytes are left. What a framing layer looks at to choose a
    /// decoder.
    #[inline]
    pub fn peek_u32(&self) -> Option<u32> {
        self.rest
            .first_chunk::<4>()
            .map(|bytes| u32::from_le_bytes(*bytes))
    }

    /// Skips `n` bytes, or fails with [`ErrorKind::UnexpectedEof`] (reading nothing) when fewer
    /// are left.
    #[inline]
    pub fn skip(&mut self, n: usize, expected: &'static str) -> Result<()> {
        self.take(n, expected).map(|_| ())
    }

    /// The next `n` bytes, read: a length-delimited part of the input (a message body) to decode
    /// on its own. Fails with [`ErrorKind::UnexpectedEof`] (reading nothing) when fewer are left.
    #[inline]
    pub fn take(&mut self, n: usize, expected: &'static str) -> Result<&'a [u8]> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        match self.rest.split_at_checked(n) {
            Some((head, tail)) => {
                self.rest = tail;
                Ok(head)
            }
            None => Err(self.error(
                ErrorKind::UnexpectedEof {
                    needed: n,
                    remaining: self.rest.len(),
                },
                expected,
            )),
        }
    }

    /// Charges `bytes` of heap against the allocation budget; call *before* allocating. Fails
    /// with [`ErrorKind::AllocLimit`] (at the current position) when the budget cannot cover it.
    /// The runtime charges every allocation it makes while decoding: vector buffers, `Box`es,
    /// `String` and `bytes` data.
    #[inline]
    pub fn charge(&mut self, bytes: usize, expected: &'static str) -> Result<()> {
        let offset = self.position();
        self.take_budget(bytes, offset, expected);
        self.result(())
    }

    /// Enters one nested value: call before decoding a constructor's fields, and
    /// [`leave`](Reader::leave) after. Fails with [`ErrorKind::DepthLimit`] when more than
    /// [`Limits::max_depth`] values would be nested (and then does not count the level).
    #[inline]
    pub fn enter(&mut self, expected: &'static str) -> Result<()> {
        if self.depth >= self.limits.max_depth {
            let max = self.limits.max_depth;
            return Err(self.error(ErrorKind::DepthLimit { max }, expected));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a value entered with [`enter`](Reader::enter).
    #[inline]
    pub fn leave(&mut self) {
        self.end();
    }

    /// Succeeds if no sticky read failed and the input is used up, or [`Limits::allow_trailing`]
    /// is set and [`Limits::strict`] is not; otherwise the recorded failure, or
    /// [`ErrorKind::TrailingBytes`].
    #[inline]
    pub fn finish(&mut self, expected: &'static str) -> Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
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

    /// An error of `kind` at the current position (not recorded in the reader).
    #[cold]
    #[inline(never)]
    pub fn error(&self, kind: ErrorKind, expected: &'static str) -> Error {
        Error::new(kind, self.position(), None, expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peek_skip_take() {
        let buf = [1, 0, 0, 0, 2, 3, 4];
        let mut r = Reader::new(&buf);
        assert_eq!(r.peek_u32(), Some(1));
        assert_eq!(r.position(), 0);
        r.skip(4, "x").unwrap();
        assert_eq!(r.peek_u32(), None);
        assert_eq!(r.take(2, "x").unwrap(), [2, 3]);
        let e = r.take(2, "body").unwrap_err();
        assert_eq!(
            (*e.kind(), e.offset()),
            (
                ErrorKind::UnexpectedEof {
                    needed: 2,
                    remaining: 1
                },
                6
            )
        );
        // Nothing was read by the failed take.
        assert_eq!(r.remaining(), 1);
        assert!(r.skip(usize::MAX, "x").is_err());
    }

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
        // A failed read exhausts the reader.
        assert!(r.is_empty());
        assert_eq!(r.read_array::<0>("x").unwrap(), [0u8; 0]);
        let mut r = Reader::new(&[9; 3]);
        assert_eq!(r.read_array::<3>("x").unwrap(), [9; 3]);
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
                    assert!(r.is_empty(), "a failed read exhausts the reader");
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
        let data = r.get_bytes_charged(true, "string");
        assert!(data.is_empty());
        let e = r.take_error().unwrap();
        assert_eq!(e.offset(), 0);
        // A failed read exhausts the reader.
        assert!(r.is_empty());
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
