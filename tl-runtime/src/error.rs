//! The decoding error: what went wrong, where, and while decoding which TL type.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// Result of every decoding operation.
pub type Result<T> = core::result::Result<T, Error>;

/// A decoding error.
///
/// It is one pointer wide (the details live in a `Box`), so `Result<T>` stays small on the happy
/// path. It records the [kind](Error::kind) of failure, the byte [offset](Error::offset) in the
/// input where the failing item starts, the constructor id involved (if any) and the TL type that
/// was being decoded.
pub struct Error(Box<ErrorInner>);

#[derive(Debug)]
struct ErrorInner {
    kind: ErrorKind,
    offset: usize,
    constructor_id: Option<u32>,
    expected: &'static str,
    /// The path to the failing value, innermost first (built as the decoders return).
    path: Vec<PathSegment>,
    /// The TL name of the outermost constructor on the path, when the path starts at one.
    root: Option<&'static str>,
    /// Outer steps were dropped: the path had no room left for them (see `reserve_path`).
    truncated: bool,
    /// One more than the deepest nesting depth whose decoder adds the path's next step as it
    /// returns (0: the path is complete).
    open: u32,
}

/// One step of the path to a failing value ([`Error::path`]): a field of a constructor, or an
/// element of a vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A field, by its Rust name (the TL name, `r#` dropped).
    Field(&'static str),
    /// The element at this index of a vector.
    Index(u32),
}

/// What went wrong while decoding.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input ended before the item did: `needed` bytes were required from the start of the
    /// item, only `remaining` were left.
    UnexpectedEof {
        /// Bytes the item needs, counted from its start.
        needed: usize,
        /// Bytes that were left from the start of the item.
        remaining: usize,
    },
    /// The constructor id is not one of the constructors of the expected type.
    UnknownConstructor,
    /// One specific constructor was being decoded and another id was found.
    UnexpectedConstructor {
        /// The id that was required.
        expected_id: u32,
    },
    /// A `string` is not valid UTF-8.
    InvalidUtf8,
    /// The value ended before the input did.
    TrailingBytes {
        /// Bytes left after the value.
        remaining: usize,
    },
    /// Values are nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    DepthLimit {
        /// The limit that was exceeded.
        max: u32,
    },
    /// A `bytes`/`string` length or a vector count is larger than the remaining input can hold.
    LengthTooLarge {
        /// The declared length (bytes) or count (elements).
        declared: usize,
        /// Bytes left after the length prefix.
        remaining: usize,
    },
    /// Reserved for an invalid `Bool`. The decoders of this crate report a bad `Bool` as
    /// [`UnknownConstructor`](ErrorKind::UnknownConstructor) with expected type `"Bool"`.
    InvalidBool,
    /// A `bytes`/`string` starts with the length byte `0xff`, which TL does not define.
    InvalidLengthPrefix,
    /// A vector declares more elements than [`Limits::max_vector_len`](crate::Limits::max_vector_len).
    VectorLimit {
        /// The declared count.
        len: usize,
        /// The limit.
        max: u32,
    },
    /// A `bytes`/`string` is longer than [`Limits::max_bytes_len`](crate::Limits::max_bytes_len).
    BytesLimit {
        /// The declared length.
        len: usize,
        /// The limit.
        max: u32,
    },
    /// Decoding would allocate more than the allocation budget
    /// ([`Limits::alloc_budget`](crate::Limits::alloc_budget)); nothing was allocated for it.
    AllocLimit {
        /// Bytes the refused allocation asked for.
        requested: usize,
        /// The whole budget of this decode.
        budget: usize,
    },
    /// Strict mode: a `bytes`/`string` shorter than 254 bytes uses the `0xfe` length form.
    NonCanonicalLength {
        /// The declared length.
        len: usize,
    },
    /// Strict mode: a padding byte after `bytes`/`string` data is not zero.
    NonZeroPadding,
    /// Strict mode: a flags word sets bits that no field of the constructor is on.
    UndefinedFlags {
        /// The TL name of the flags word (`flags`, `flags2`).
        word: &'static str,
        /// The bits set that no field uses.
        bits: u32,
    },
    /// `gzip_packed` data that does not inflate (not gzip, corrupt, or a wrong checksum).
    InvalidGzip,
    /// A decoder returned no value and recorded no failure: a bug of a hand-written
    /// [`Deserialize`](crate::Deserialize) (the generated and built-in ones always record one).
    NoValue,
}

impl Error {
    /// Builds an error. Cold: only called on failure paths.
    #[cold]
    #[inline(never)]
    pub fn new(
        kind: ErrorKind,
        offset: usize,
        constructor_id: Option<u32>,
        expected: &'static str,
    ) -> Self {
        Error(Box::new(ErrorInner {
            kind,
            offset,
            constructor_id,
            expected,
            path: Vec::new(),
            root: None,
            truncated: false,
            open: 0,
        }))
    }

    /// The path from the outermost value decoded to the failing one, e.g.
    /// `messages.channelMessages.messages[3].media` (the outermost constructor's TL name, then
    /// fields and vector indices); empty when the error is not inside a constructor or vector.
    /// The decoders build it only on the error path, as they return.
    pub fn path(&self) -> String {
        let mut out = String::new();
        if self.0.truncated {
            out.push('…');
        } else if let Some(root) = self.0.root {
            out.push_str(root);
        }
        for segment in self.0.path.iter().rev() {
            match segment {
                PathSegment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                PathSegment::Index(i) => {
                    use core::fmt::Write as _;
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }

    /// The steps of [`path`](Error::path), outermost first (the root constructor's name is
    /// [`path_root`](Error::path_root)).
    pub fn path_segments(&self) -> impl Iterator<Item = PathSegment> + '_ {
        self.0.path.iter().rev().copied()
    }

    /// The TL name of the outermost constructor on the [`path`](Error::path), if it starts at
    /// one (not at a vector).
    pub fn path_root(&self) -> Option<&'static str> {
        self.0.root
    }

    /// Room for `n` steps of the path: the only allocation the path makes (steps past it are
    /// dropped, and the path starts with `…`), so a failed decode allocates at most
    /// [`Limits::error_alloc`](crate::Limits::error_alloc).
    #[cold]
    pub(crate) fn reserve_path(&mut self, n: usize) {
        self.0.path.reserve_exact(n);
    }

    /// Heap one error with room for `steps` steps of its path takes.
    pub(crate) const fn alloc_for(steps: usize) -> usize {
        size_of::<ErrorInner>() + steps * size_of::<PathSegment>()
    }

    /// Whether the path has room for one more step (else it is marked truncated).
    fn room(&mut self) -> bool {
        let room = self.0.path.len() < self.0.path.capacity();
        self.0.truncated |= !room;
        room
    }

    /// The text without the [path](Error::path): what went wrong, where, decoding what.
    pub fn message(&self) -> String {
        struct Message<'e>(&'e Error);
        impl fmt::Display for Message<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt_message(f)
            }
        }
        Message(self).to_string()
    }

    /// Adds the field `name` of the value that contains the failing one (decoders call this on
    /// their error path, innermost first).
    #[cold]
    pub(crate) fn push_field(&mut self, name: &'static str) {
        let name = name.strip_prefix("r#").unwrap_or(name);
        if self.room() {
            self.0.path.push(PathSegment::Field(name));
        }
    }

    /// Adds the element `index` of the vector that contains the failing value.
    #[cold]
    pub(crate) fn push_index(&mut self, index: usize) {
        if self.room() {
            let index = index.try_into().unwrap_or(u32::MAX);
            self.0.path.push(PathSegment::Index(index));
        }
        self.0.root = None;
    }

    /// Starts the path of a failure at nesting depth `level`: the decoders at that depth and
    /// above add its steps as they return.
    pub(crate) fn start_path(&mut self, level: u32) {
        self.0.open = level.saturating_add(1);
    }

    /// Whether a decoder returning at nesting depth `depth` adds the path's next step: the path
    /// is open there (or deeper, where no decoder added a step).
    pub(crate) fn takes_step(&self, depth: u32) -> bool {
        depth < self.0.open
    }

    /// The step of depth `depth` is added: the next comes from a decoder above it.
    pub(crate) fn close(&mut self, depth: u32) {
        self.0.open = depth;
    }

    /// Whether the path has a step yet.
    pub(crate) fn has_steps(&self) -> bool {
        !self.0.path.is_empty()
    }

    /// Says that the path so far starts inside constructor `tl_name`.
    #[cold]
    pub(crate) fn set_root(&mut self, tl_name: &'static str) {
        self.0.root = Some(tl_name);
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Byte offset into the input where the failing item starts.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// The constructor id that was read, for constructor errors.
    pub fn constructor_id(&self) -> Option<u32> {
        self.0.constructor_id
    }

    /// Name of the TL type being decoded, e.g. `"Updates"`, `"messages.Messages"`, `"int"`.
    pub fn expected(&self) -> &'static str {
        self.0.expected
    }

    /// The input ended before the value did: the data may be a prefix of a valid encoding (a
    /// stream read in pieces), not corrupt. True for [`ErrorKind::UnexpectedEof`] and
    /// [`ErrorKind::LengthTooLarge`] (a length or count within the limits but past the end of
    /// the input); every strict prefix of a valid encoding fails with one of them.
    ///
    /// ```
    /// use tl_runtime::{Deserialize, Serialize};
    /// let bytes = vec![String::from("hello")].to_bytes();
    /// for n in 0..bytes.len() {
    ///     let e = Vec::<String>::from_bytes(&bytes[..n]).unwrap_err();
    ///     assert!(e.is_incomplete() && e.needed_more().unwrap() >= 1);
    /// }
    /// ```
    pub fn is_incomplete(&self) -> bool {
        matches!(
            self.0.kind,
            ErrorKind::UnexpectedEof { .. } | ErrorKind::LengthTooLarge { .. }
        )
    }

    /// For an [incomplete](Error::is_incomplete) input, at least how many more bytes it needs
    /// (a lower bound: the value may need more once they arrive); `None` otherwise.
    pub fn needed_more(&self) -> Option<usize> {
        match self.0.kind {
            ErrorKind::UnexpectedEof { needed, remaining } => {
                Some(needed.saturating_sub(remaining))
            }
            // A `bytes` length, or a count of elements of at least one byte each.
            ErrorKind::LengthTooLarge {
                declared,
                remaining,
            } => Some(declared.saturating_sub(remaining).max(1)),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_message(f)?;
        if self.0.root.is_some() || !self.0.path.is_empty() {
            write!(f, ", in {}", self.path())?;
        }
        Ok(())
    }
}

impl Error {
    /// The message without the path.
    fn fmt_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ErrorInner {
            kind,
            offset,
            constructor_id,
            expected,
            ..
        } = &*self.0;
        let id = constructor_id.unwrap_or(0);
        let at = format_args!("at byte offset {offset} while decoding {expected}");
        match *kind {
            ErrorKind::UnexpectedEof { needed, remaining } => write!(
                f,
                "unexpected end of input {at}: needed {needed} bytes, {remaining} remain"
            ),
            ErrorKind::UnknownConstructor => write!(f, "unknown constructor id {id:#010x} {at}"),
            ErrorKind::UnexpectedConstructor { expected_id } => write!(
                f,
                "unexpected constructor id {id:#010x} {at}: expected {expected_id:#010x}"
            ),
            ErrorKind::InvalidUtf8 => write!(f, "invalid UTF-8 {at}"),
            ErrorKind::TrailingBytes { remaining } => write!(
                f,
                "trailing bytes at byte offset {offset} after decoding {expected}: {remaining} bytes remain"
            ),
            ErrorKind::DepthLimit { max } => {
                write!(f, "nesting deeper than {max} {at}")
            }
            ErrorKind::LengthTooLarge {
                declared,
                remaining,
            } => write!(
                f,
                "length {declared} too large {at}: {remaining} bytes remain"
            ),
            ErrorKind::InvalidBool => write!(f, "invalid Bool constructor id {id:#010x} {at}"),
            ErrorKind::InvalidLengthPrefix => write!(f, "invalid length prefix 0xff {at}"),
            ErrorKind::VectorLimit { len, max } => write!(
                f,
                "vector of {len} elements exceeds Limits::max_vector_len {max} {at}"
            ),
            ErrorKind::BytesLimit { len, max } => write!(
                f,
                "length {len} exceeds Limits::max_bytes_len {max} {at}"
            ),
            ErrorKind::AllocLimit { requested, budget } => write!(
                f,
                "allocation of {requested} bytes exceeds the allocation budget of {budget} bytes {at}"
            ),
            ErrorKind::NonCanonicalLength { len } => write!(
                f,
                "non-canonical length: {len} in the 0xfe form {at} (strict)"
            ),
            ErrorKind::NonZeroPadding => write!(f, "non-zero padding {at} (strict)"),
            ErrorKind::UndefinedFlags { word, bits } => write!(
                f,
                "flags word `{word}` sets bits {bits:#x} that no field is on {at} (strict)"
            ),
            ErrorKind::InvalidGzip => write!(f, "invalid gzip data {at}"),
            ErrorKind::NoValue => write!(f, "a decoder returned no value and no error {at}"),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("constructor_id", &self.0.constructor_id)
            .field("expected", &self.0.expected)
            .field("path", &self.path())
            .finish()
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer() {
        assert_eq!(size_of::<Error>(), size_of::<usize>());
        assert!(size_of::<Result<u32>>() <= 2 * size_of::<usize>());
    }

    #[test]
    fn accessors() {
        let e = Error::new(ErrorKind::UnknownConstructor, 16, Some(7), "Updates");
        assert_eq!(e.kind(), &ErrorKind::UnknownConstructor);
        assert_eq!(e.offset(), 16);
        assert_eq!(e.constructor_id(), Some(7));
        assert_eq!(e.expected(), "Updates");
        assert!(format!("{e:?}").contains("UnknownConstructor"));
    }

    #[test]
    fn display() {
        let cases: &[(ErrorKind, Option<u32>, &str, &str)] = &[
            (
                ErrorKind::UnknownConstructor,
                Some(0x1234abcd),
                "Updates",
                "unknown constructor id 0x1234abcd at byte offset 16 while decoding Updates",
            ),
            (
                ErrorKind::UnexpectedEof {
                    needed: 12,
                    remaining: 3,
                },
                None,
                "string",
                "unexpected end of input at byte offset 16 while decoding string: needed 12 bytes, 3 remain",
            ),
            (
                ErrorKind::UnexpectedConstructor { expected_id: 0x1cb5c415 },
                Some(1),
                "Vector",
                "unexpected constructor id 0x00000001 at byte offset 16 while decoding Vector: expected 0x1cb5c415",
            ),
            (
                ErrorKind::InvalidUtf8,
                None,
                "string",
                "invalid UTF-8 at byte offset 16 while decoding string",
            ),
            (
                ErrorKind::TrailingBytes { remaining: 4 },
                None,
                "int",
                "trailing bytes at byte offset 16 after decoding int: 4 bytes remain",
            ),
            (
                ErrorKind::DepthLimit { max: 64 },
                None,
                "RichText",
                "nesting deeper than 64 at byte offset 16 while decoding RichText",
            ),
            (
                ErrorKind::LengthTooLarge {
                    declared: 1000,
                    remaining: 8,
                },
                None,
                "bytes",
                "length 1000 too large at byte offset 16 while decoding bytes: 8 bytes remain",
            ),
            (
                ErrorKind::InvalidBool,
                Some(5),
                "Bool",
                "invalid Bool constructor id 0x00000005 at byte offset 16 while decoding Bool",
            ),
            (
                ErrorKind::InvalidLengthPrefix,
                None,
                "string",
                "invalid length prefix 0xff at byte offset 16 while decoding string",
            ),
            (
                ErrorKind::VectorLimit { len: 9, max: 8 },
                None,
                "Vector",
                "vector of 9 elements exceeds Limits::max_vector_len 8 at byte offset 16 while decoding Vector",
            ),
            (
                ErrorKind::BytesLimit { len: 9, max: 8 },
                None,
                "bytes",
                "length 9 exceeds Limits::max_bytes_len 8 at byte offset 16 while decoding bytes",
            ),
            (
                ErrorKind::AllocLimit {
                    requested: 640,
                    budget: 600,
                },
                None,
                "Vector",
                "allocation of 640 bytes exceeds the allocation budget of 600 bytes at byte offset 16 while decoding Vector",
            ),
            (
                ErrorKind::NonCanonicalLength { len: 3 },
                None,
                "string",
                "non-canonical length: 3 in the 0xfe form at byte offset 16 while decoding string (strict)",
            ),
            (
                ErrorKind::NonZeroPadding,
                None,
                "bytes",
                "non-zero padding at byte offset 16 while decoding bytes (strict)",
            ),
            (
                ErrorKind::NoValue,
                None,
                "value",
                "a decoder returned no value and no error at byte offset 16 while decoding value",
            ),
        ];
        for &(kind, id, expected, text) in cases {
            assert_eq!(Error::new(kind, 16, id, expected).to_string(), text);
        }
    }
}
