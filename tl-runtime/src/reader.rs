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
        // Instantiated per decoded type: the failure branch is not generic.
        match value {
            Some(value) if self.error.is_none() => Ok(value),
            _ => Err(self.take_failure()),
        }
    }

    /// The recorded failure, taken out, or [`ErrorKind::NoValue`] if there is none.
    #[cold]
    #[inline(never)]
    fn take_failure(&mut self) -> Error {
        match self.error.take() {
            Some(e) => e,
            None => self.error(ErrorKind::NoValue, "value"),
        }
    }

    /// Records `error` unless one is recorded already, and exhausts the reader.
    #[cold]
    #[inline(never)]
    pub fn fail(&mut self, error: Error) {
        self.record(error, self.depth, "");
    }

    /// [`fail`](Reader::fail) in field `field` of the constructor being decoded.
    #[cold]
    #[inline(never)]
    pub(crate) fn fail_field(&mut self, error: Error, field: &'static str) {
        self.record(error, self.depth, field);
    }

    // -----------------------------------------------------------------------------------------
    // The error's path
    //
    // Built only after a failure, as the decoders return, from what their failure branches
    // know: the field each value is decoded as is an argument of its read (`read_field`,
    // `get_field`, `opt_field`: a constant the optimizer puts in the cold branch), so the happy
    // path stores nothing. A failure records the field that failed (or, where the read does not
    // know it, the depth whose decoder names it); each decoder of a constructor, enum or vector
    // that sees the failure as it returns adds its field (or element index) when the path is
    // open at its depth, so every level adds exactly one step.

    /// Records `error` (the first failure only) of a read at nesting depth `level` that decodes
    /// field `field` of the constructor there (`""`: the decoder above names it), and exhausts
    /// the reader. The error gets room for its path ([`Limits::path_steps`], its one
    /// allocation besides itself).
    #[cold]
    #[inline(never)]
    fn record(&mut self, mut error: Error, level: u32, field: &'static str) {
        if self.error.is_none() {
            error.reserve_path(Limits::path_steps(self.depth));
            error.start_path(level);
            if !field.is_empty() {
                error.push_field(field);
                error.close(level);
            }
            self.error = Some(error);
        }
        self.rest = &[];
    }

    /// After a failure, a decoder at the current depth returns the value of field `field` (`""`:
    /// a value that is no field, the root or an element), a constructor named `root` where it
    /// knows one: the field is the path's next step if the path is open here.
    #[cold]
    #[inline(never)]
    pub fn note_field(&mut self, field: &'static str, root: Option<&'static str>) {
        let depth = self.depth;
        if let Some(e) = &mut self.error {
            if e.takes_step(depth) {
                if let Some(root) = root.filter(|_| e.has_steps()) {
                    e.set_root(root);
                }
                if !field.is_empty() {
                    e.push_field(field);
                    e.close(depth);
                }
            }
        }
    }

    /// After a value just decoded as field `field` (of constructor `root` where one is known):
    /// if it failed, the field noted on the path ([`note_field`](Reader::note_field)). What a
    /// decoder that has no cold branch of its own to name the field in calls as it returns; not
    /// generic over the value, so it is compiled once, not once per decoded type.
    #[inline]
    pub(crate) fn named(&mut self, field: &'static str, root: Option<&'static str>) {
        if self.failed() {
            self.note_field(field, root);
        }
    }

    /// After a failure, element `index` of the vector that is field `field` failed: both are
    /// the path's next steps if the path is open here.
    #[cold]
    #[inline(never)]
    pub(crate) fn note_element(&mut self, field: &'static str, index: usize) {
        let depth = self.depth;
        if let Some(e) = &mut self.error {
            if e.takes_step(depth) {
                e.push_index(index);
                if !field.is_empty() {
                    e.push_field(field);
                    e.close(depth);
                }
            }
        }
    }

    /// Records an error of `kind` at `offset` (built only if nothing is recorded yet) in field
    /// `field` of the constructor being decoded (`""`: the decoder above names it).
    #[cold]
    #[inline(never)]
    fn fail_in(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        id: Option<u32>,
        expected: &'static str,
        field: &'static str,
    ) {
        if self.error.is_none() {
            let error = Error::new(kind, offset, id, expected);
            self.record(error, self.depth, field);
        }
        self.rest = &[];
    }

    /// A failure of the value begun at this depth before its fields (its id, its depth, its
    /// box): the decoder one level up names it.
    #[cold]
    #[inline(never)]
    fn fail_begun(
        &mut self,
        kind: ErrorKind,
        offset: usize,
        id: Option<u32>,
        expected: &'static str,
    ) {
        if self.error.is_none() {
            let error = Error::new(kind, offset, id, expected);
            self.record(error, self.depth.saturating_sub(1), "");
        }
        self.rest = &[];
    }

    /// Records an error of `kind` at the current position, in field `field`.
    #[cold]
    #[inline(never)]
    fn fail_here(&mut self, kind: ErrorKind, expected: &'static str, field: &'static str) {
        let offset = self.position();
        self.fail_in(kind, offset, None, expected, field);
    }

    #[cold]
    #[inline(never)]
    fn fail_eof(&mut self, needed: usize, expected: &'static str, field: &'static str) {
        let remaining = self.rest.len();
        self.fail_here(
            ErrorKind::UnexpectedEof { needed, remaining },
            expected,
            field,
        );
    }

    // -----------------------------------------------------------------------------------------
    // Sticky reads

    /// Reads `N` raw bytes; zeros after a failure.
    #[inline]
    pub fn get_array<const N: usize>(&mut self, expected: &'static str) -> [u8; N] {
        self.get_array_in(expected, "")
    }

    /// [`get_array`](Reader::get_array) of field `field` (what a failure's path names).
    #[inline(always)]
    pub(crate) fn get_array_in<const N: usize>(
        &mut self,
        expected: &'static str,
        field: &'static str,
    ) -> [u8; N] {
        match self.rest.split_first_chunk::<N>() {
            Some((head, tail)) => {
                self.rest = tail;
                *head
            }
            None => {
                self.fail_eof(N, expected, field);
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
        let value = u32::from_le_bytes(self.get_array_in(ctor, word));
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
        self.fail_in(
            ErrorKind::UndefinedFlags { word, bits },
            offset,
            None,
            ctor,
            word,
        );
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
        self.get_bytes_charged(false, expected, "")
    }

    /// [`get_bytes`](Reader::get_bytes) that, when `charge` is set, also charges the data length
    /// to the allocation budget, for a caller that copies the data; `field` is the field a
    /// failure's path names.
    #[inline(always)]
    pub(crate) fn get_bytes_charged(
        &mut self,
        charge: bool,
        expected: &'static str,
        field: &'static str,
    ) -> &'a [u8] {
        let start = self.rest;
        let (len, body) = match start.split_first() {
            Some((&short, body)) if short < 254 => (usize::from(short), body),
            Some((&254, tail)) => match tail.split_first_chunk::<3>() {
                Some((&[a, b, c], body)) => {
                    let len = u32::from_le_bytes([a, b, c, 0]) as usize;
                    if len < 254 && self.limits.strict {
                        self.fail_here(ErrorKind::NonCanonicalLength { len }, expected, field);
                        return &[];
                    }
                    (len, body)
                }
                None => {
                    self.fail_eof(4, expected, field);
                    return &[];
                }
            },
            Some(_) => {
                self.fail_here(ErrorKind::InvalidLengthPrefix, expected, field);
                return &[];
            }
            None => {
                self.fail_eof(1, expected, field);
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
                field,
            );
            return &[];
        };
        if len > self.limits.max_bytes_len as usize {
            let max = self.limits.max_bytes_len;
            self.fail_here(ErrorKind::BytesLimit { len, max }, expected, field);
            return &[];
        }
        let used = start.len() - after.len();
        let padding = used.wrapping_neg() & 3;
        let Some((pad, next)) = after.split_at_checked(padding) else {
            self.fail_eof(used + padding, expected, field);
            return &[];
        };
        if self.limits.strict && pad.iter().any(|&b| b != 0) {
            self.fail_here(ErrorKind::NonZeroPadding, expected, field);
            return &[];
        }
        if charge && !self.take_budget_in(len, self.position(), expected, field) {
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
        self.get_count_in(min_len, expected, "")
    }

    /// [`get_count`](Reader::get_count) of the vector that is field `field`.
    #[inline(always)]
    pub(crate) fn get_count_in(
        &mut self,
        min_len: usize,
        expected: &'static str,
        field: &'static str,
    ) -> usize {
        let offset = self.position();
        let count = i32::from_le_bytes(self.get_array_in(expected, field));
        let remaining = self.remaining();
        match usize::try_from(count) {
            Ok(n) if n <= remaining / min_len.max(1) => {
                if n > self.limits.max_vector_len as usize {
                    let max = self.limits.max_vector_len;
                    self.fail_in(
                        ErrorKind::VectorLimit { len: n, max },
                        offset,
                        None,
                        expected,
                        field,
                    );
                    return 0;
                }
                n
            }
            _ => {
                let declared = count as u32 as usize;
                self.fail_in(
                    ErrorKind::LengthTooLarge {
                        declared,
                        remaining,
                    },
                    offset,
                    None,
                    expected,
                    field,
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
        self.take_budget_in(bytes, offset, expected, "")
    }

    /// [`take_budget`](Reader::take_budget) for the data of field `field` (what the path of the
    /// failure names).
    #[inline(always)]
    pub(crate) fn take_budget_in(
        &mut self,
        bytes: usize,
        offset: usize,
        expected: &'static str,
        field: &'static str,
    ) -> bool {
        self.charge_budget(bytes, offset, expected, field, false)
    }

    /// [`take_budget`](Reader::take_budget) for the `Box` of the value begun at this depth (an
    /// enum variant held boxed): the decoder above names the field.
    #[inline]
    pub(crate) fn take_box_budget(
        &mut self,
        bytes: usize,
        offset: usize,
        expected: &'static str,
    ) -> bool {
        self.charge_budget(bytes, offset, expected, "", true)
    }

    /// Charges `bytes`; a failure is in field `field`, or (`begun`) of the value begun here.
    #[inline(always)]
    fn charge_budget(
        &mut self,
        bytes: usize,
        offset: usize,
        expected: &'static str,
        field: &'static str,
        begun: bool,
    ) -> bool {
        match self.alloc_left.checked_sub(bytes) {
            Some(left) => {
                self.alloc_left = left;
                true
            }
            None => {
                self.fail_alloc(bytes, offset, expected, field, begun);
                false
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn fail_alloc(
        &mut self,
        requested: usize,
        offset: usize,
        expected: &'static str,
        field: &'static str,
        begun: bool,
    ) {
        let budget = self.limits.alloc_budget(self.len);
        let kind = ErrorKind::AllocLimit { requested, budget };
        if begun {
            self.fail_begun(kind, offset, None, expected);
        } else {
            self.fail_in(kind, offset, None, expected, field);
        }
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
        let offset = self.position();
        self.fail_begun(ErrorKind::DepthLimit { max }, offset, None, expected);
    }

    /// Records that constructor id `id`, just read, is not one of `expected`'s
    /// ([`ErrorKind::UnknownConstructor`] at the offset of the id). Nothing happens after a
    /// failure (the id was then not read from the input).
    #[cold]
    #[inline(never)]
    pub fn fail_unknown(&mut self, id: u32, expected: &'static str) {
        self.fail_unknown_in(id, expected, "");
    }

    /// [`fail_unknown`](Reader::fail_unknown) in field `field` (a `Bool`).
    #[cold]
    #[inline(never)]
    pub(crate) fn fail_unknown_in(&mut self, id: u32, expected: &'static str, field: &'static str) {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            self.fail_in(
                ErrorKind::UnknownConstructor,
                offset,
                Some(id),
                expected,
                field,
            );
        }
    }

    /// Records that constructor id `id`, just read by [`begin`](Reader::begin), is not one of
    /// `expected`'s, then `None`: the last arm of a generated dispatch
    /// (`id => r.reject(id, "Updates")`).
    #[cold]
    #[inline(never)]
    pub fn reject<T>(&mut self, id: u32, expected: &'static str) -> Option<T> {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            self.fail_begun(ErrorKind::UnknownConstructor, offset, Some(id), expected);
        }
        None
    }

    /// Records that constructor id `id`, just read, is not `expected_id`, the only constructor
    /// allowed here ([`ErrorKind::UnexpectedConstructor`] at the offset of the id).
    #[cold]
    #[inline(never)]
    pub fn fail_unexpected(&mut self, id: u32, expected_id: u32, expected: &'static str) {
        self.fail_unexpected_in(id, expected_id, expected, "");
    }

    /// [`fail_unexpected`](Reader::fail_unexpected) for the id of field `field` (a `Vector`'s).
    #[cold]
    #[inline(never)]
    pub(crate) fn fail_unexpected_in(
        &mut self,
        id: u32,
        expected_id: u32,
        expected: &'static str,
        field: &'static str,
    ) {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            let kind = ErrorKind::UnexpectedConstructor { expected_id };
            self.fail_in(kind, offset, Some(id), expected, field);
        }
    }

    /// [`fail_unexpected`](Reader::fail_unexpected) for the id [`begin`](Reader::begin) just
    /// read: the decoder above names the field.
    #[cold]
    #[inline(never)]
    pub(crate) fn fail_unexpected_begun(
        &mut self,
        id: u32,
        expected_id: u32,
        expected: &'static str,
    ) {
        if self.error.is_none() {
            let offset = self.position().saturating_sub(4);
            let kind = ErrorKind::UnexpectedConstructor { expected_id };
            self.fail_begun(kind, offset, Some(id), expected);
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
        self.opt_field(flags, mask, "")
    }

    /// [`read`](Reader::read) of field `field` of the constructor being decoded: a failure's
    /// [path](Error::path) names it. What generated decoders call
    /// (`media: match __r.read_field("media") { … }`); the name costs nothing until a failure.
    #[inline]
    pub fn read_field<T: crate::Deserialize<'a>>(&mut self, field: &'static str) -> Option<T> {
        T::read_field(self, field)
    }

    /// [`get`](Reader::get) of field `field` (`id: __r.get_field("id")`).
    #[inline]
    pub fn get_field<T: crate::Deserialize<'a> + crate::Fallback>(
        &mut self,
        field: &'static str,
    ) -> T {
        match T::read_field(self, field) {
            Some(value) => value,
            None => T::fallback(),
        }
    }

    /// [`opt`](Reader::opt) of field `field` (`via_bot_id: __r.opt_field(__f0, 0x800, "via_bot_id")`).
    #[inline]
    pub fn opt_field<T: crate::Deserialize<'a>>(
        &mut self,
        flags: u32,
        mask: u32,
        field: &'static str,
    ) -> Option<T> {
        if flags & mask != 0 {
            T::read_field(self, field)
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
    use alloc::vec::Vec;

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
        let data = r.get_bytes_charged(true, "string", "");
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
