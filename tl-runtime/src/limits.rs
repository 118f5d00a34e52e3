//! Decoding limits: how deep values may nest, whether trailing bytes are accepted.

/// Limits applied while decoding untrusted input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most values (constructors) that may be nested inside each other. Default 64.
    /// Guards the decoder's stack against deeply nested input.
    pub max_depth: u32,
    /// Whether `from_bytes*` accepts input left over after the value. Default `false`.
    pub allow_trailing: bool,
}

impl Limits {
    /// The default limits: `max_depth` 64, trailing bytes rejected.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        allow_trailing: false,
    };
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
            allow_trailing,
        } = Limits::default();
        assert_eq!((max_depth, allow_trailing), (64, false));
    }
}
