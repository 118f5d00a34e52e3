//! Decoding limits: nesting depth, vector and `bytes` lengths, the allocation budget, trailing
//! bytes and strict (canonical-only) decoding.

/// Limits applied while decoding untrusted input.
///
/// Set them per decode with [`Deserialize::from_bytes_with`](crate::Deserialize::from_bytes_with)
/// or [`Reader::with_limits`](crate::Reader::with_limits). Exceeding a limit is an
/// [`Error`](crate::Error) whose [`kind`](crate::Error::kind) names the limit and whose
/// [`offset`](crate::Error::offset) says where:
///
/// | field | default | error |
/// |---|---|---|
/// | `max_depth` | 64 | [`DepthLimit`](crate::ErrorKind::DepthLimit) |
/// | `max_vector_len` | 2³¹ − 1 (only the input bounds it) | [`VectorLimit`](crate::ErrorKind::VectorLimit) |
/// | `max_bytes_len` | 2²⁴ − 1 (only the input bounds it) | [`BytesLimit`](crate::ErrorKind::BytesLimit) |
/// | `alloc_per_input_byte` | 0: the decoded type's exact bound ([`Deserialize::ALLOC_PER_INPUT_BYTE`](crate::Deserialize::ALLOC_PER_INPUT_BYTE)) | [`AllocLimit`](crate::ErrorKind::AllocLimit) |
/// | `max_alloc` | `usize::MAX` | [`AllocLimit`](crate::ErrorKind::AllocLimit) |
/// | `max_inflated` | 16 MiB | [`AllocLimit`](crate::ErrorKind::AllocLimit) from [`mtproto::inflate`](crate::mtproto::inflate) |
/// | `allow_trailing` | `false` | [`TrailingBytes`](crate::ErrorKind::TrailingBytes) |
/// | `strict` | `false` | [`NonCanonicalLength`](crate::ErrorKind::NonCanonicalLength), [`NonZeroPadding`](crate::ErrorKind::NonZeroPadding), [`UndefinedFlags`](crate::ErrorKind::UndefinedFlags), [`TrailingBytes`](crate::ErrorKind::TrailingBytes) |
///
/// Whatever the limits, every length prefix is checked against the remaining input before
/// anything is allocated (a vector element takes at least its type's `MIN_LEN` bytes).
///
/// **Allocation budget.** Decoding an input of `n` bytes allocates at most
/// `min(max_alloc, alloc_per_input_byte × n + ALLOC_SLACK)` bytes of heap in total (every
/// allocation counted, nothing subtracted when freed; plus the one boxed [`Error`](crate::Error)
/// on failure). Every allocation the decoder makes — a vector's buffer (allocated once, with the
/// exact count), a `Box`, the data of a `String` or `bytes` — is charged to the budget *before* it
/// is made.
///
/// By default (`alloc_per_input_byte` 0) the factor is the decoded type's own bound,
/// [`Deserialize::ALLOC_PER_INPUT_BYTE`](crate::Deserialize::ALLOC_PER_INPUT_BYTE): for a
/// generated type, the schema's `ALLOC_PER_INPUT_BYTE` constant, which the generator computes
/// from every place a value can be allocated (a vector element, a boxed enum variant, a `Box`
/// breaking a cycle, `AnyObject`) as the most heap any valid value needs per byte of its own
/// encoding. So **every valid encoding decodes under the default limits**, and a hostile one is
/// refused once it asks for more than a valid one of its length could. A [`Reader`](crate::Reader)
/// made without a type ([`Reader::new`](crate::Reader::new)) takes
/// [`Limits::ALLOC_PER_INPUT_BYTE`] (16) for 0. Set a factor to tighten (or loosen) it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most values (constructors) that may be nested inside each other. Default 64.
    /// Guards the decoder's stack against deeply nested input.
    pub max_depth: u32,
    /// Most elements a single vector may declare. Default `i32::MAX` (no limit beyond the input:
    /// a count is always checked against the bytes left, at `MIN_LEN` bytes per element).
    pub max_vector_len: u32,
    /// Longest `bytes`/`string` in bytes. Default `0xff_ffff`, the longest TL can encode (no
    /// limit beyond the input).
    pub max_bytes_len: u32,
    /// Allocation budget per input byte (see the type's docs). Default 0: the decoded type's
    /// exact bound ([`Deserialize::ALLOC_PER_INPUT_BYTE`](crate::Deserialize::ALLOC_PER_INPUT_BYTE)).
    pub alloc_per_input_byte: u32,
    /// Absolute cap on the allocation budget, in bytes. Default `usize::MAX`.
    pub max_alloc: usize,
    /// Longest data a `gzip_packed` may inflate to ([`mtproto::inflate`](crate::mtproto::inflate)),
    /// in bytes. Default 16 MiB: more than any MTProto message (the transports cap a packet at
    /// 16 MiB), so a zip bomb stops there.
    pub max_inflated: usize,
    /// Whether `from_bytes*` accepts input left over after the value. Default `false`.
    /// Ignored (trailing bytes rejected) when `strict` is set.
    pub allow_trailing: bool,
    /// Accept only the canonical encoding: a `bytes`/`string` shorter than 254 bytes must use
    /// the one-byte length form, padding bytes must be zero, and no bytes may trail the value.
    /// Default `false` (lenient: both length forms and any padding bytes are accepted, as
    /// TDLib and grammers accept them).
    pub strict: bool,
}

impl Limits {
    /// What an [`alloc_per_input_byte`](Limits::alloc_per_input_byte) of 0 means where no type
    /// says its bound (a [`Reader`](crate::Reader) made by hand, a type without one): 16, what
    /// a vector of the smallest constructors (4 wire bytes) of a 64-byte enum needs.
    pub const ALLOC_PER_INPUT_BYTE: u32 = 16;

    /// Constant part of the allocation budget, in bytes: covers the root value's own `Box`
    /// when a tiny input decodes into a large constructor struct.
    pub const ALLOC_SLACK: usize = 4096;

    /// The default limits (see the table in the type's docs): depth 64, lengths bounded by the
    /// input only, the decoded type's allocation bound, trailing bytes rejected, lenient encoding.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_vector_len: i32::MAX as u32,
        max_bytes_len: 0xff_ffff,
        alloc_per_input_byte: 0,
        max_alloc: usize::MAX,
        max_inflated: 16 << 20,
        allow_trailing: false,
        strict: false,
    };

    /// [`Limits::DEFAULT`] with [`strict`](Limits::strict) set.
    pub const STRICT: Limits = Limits {
        strict: true,
        ..Self::DEFAULT
    };

    /// These limits with an [`alloc_per_input_byte`](Limits::alloc_per_input_byte) of 0 (the
    /// default) replaced by `bound`: what `from_bytes_with` does with the decoded type's
    /// [`ALLOC_PER_INPUT_BYTE`](crate::Deserialize::ALLOC_PER_INPUT_BYTE).
    #[inline]
    pub const fn with_bound(mut self, bound: u32) -> Limits {
        if self.alloc_per_input_byte == 0 {
            self.alloc_per_input_byte = bound;
        }
        self
    }

    /// Steps of an error's path ([`Error::path`](crate::Error::path)) there is room for when a
    /// read fails `depth` levels deep: a field and a vector index per level, and room for vectors
    /// of vectors. Deeper paths keep their innermost steps and start with `…`.
    pub const fn path_steps(depth: u32) -> usize {
        3 * depth as usize + 4
    }

    /// Most heap a failed decode allocates for its [`Error`](crate::Error) (beside the budget):
    /// the error and the room for its path at the deepest level these limits allow (216 bytes
    /// with `max_depth` 0, 3,288 at the default 64).
    pub const fn error_alloc(&self) -> usize {
        crate::Error::alloc_for(Self::path_steps(self.max_depth + 1))
    }

    /// The allocation budget for an input of `input_len` bytes:
    /// `min(max_alloc, alloc_per_input_byte × input_len + ALLOC_SLACK)`, saturating; a factor of
    /// 0 counts as [`Limits::ALLOC_PER_INPUT_BYTE`].
    #[inline]
    pub fn alloc_budget(&self, input_len: usize) -> usize {
        (self
            .with_bound(Self::ALLOC_PER_INPUT_BYTE)
            .alloc_per_input_byte as usize)
            .saturating_mul(input_len)
            .saturating_add(Self::ALLOC_SLACK)
            .min(self.max_alloc)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_values() {
        assert_eq!(Limits::default(), Limits::DEFAULT);
        let Limits {
            max_depth,
            max_vector_len,
            max_bytes_len,
            alloc_per_input_byte,
            max_alloc,
            max_inflated,
            allow_trailing,
            strict,
        } = Limits::default();
        assert_eq!(max_inflated, 16 << 20);
        assert_eq!((max_depth, allow_trailing, strict), (64, false, false));
        assert_eq!((max_vector_len, max_bytes_len), (0x7fff_ffff, 0xff_ffff));
        assert_eq!((alloc_per_input_byte, max_alloc), (0, usize::MAX));
        assert_eq!(Limits::DEFAULT.with_bound(5).alloc_per_input_byte, 5);
        assert_eq!(size_of::<crate::PathSegment>(), 16);
        assert_eq!(Limits::DEFAULT.error_alloc(), 3288);
        assert_eq!(
            Limits::STRICT,
            Limits {
                strict: true,
                ..Limits::DEFAULT
            }
        );
    }

    #[test]
    fn budget() {
        let l = Limits::DEFAULT;
        assert_eq!(l.alloc_budget(0), Limits::ALLOC_SLACK);
        assert_eq!(l.alloc_budget(100), 1600 + Limits::ALLOC_SLACK);
        assert_eq!(l.alloc_budget(usize::MAX), usize::MAX);
        let capped = Limits {
            max_alloc: 5000,
            ..l
        };
        assert_eq!(capped.alloc_budget(1000), 5000);
    }
}
