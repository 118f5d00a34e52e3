//! The boxed TL type `True` (`true#3fedd339 = True;`), which some TON functions return: `()` in Rust.

use crate::reader::Reader;
use crate::sink::Sink;
use crate::traits::{Deserialize, Fallback, Serialize};

/// Constructor id of `true#3fedd339 = True;` (the same under both id rules).
pub const TRUE_ID: u32 = 0x3fedd339;

impl Serialize for () {
    #[inline]
    fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
        out.put_u32(TRUE_ID);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }
}

impl<'de> Deserialize<'de> for () {
    /// Any other id is [`crate::ErrorKind::UnknownConstructor`] with expected type `"True"`.
    #[inline]
    fn read(r: &mut Reader<'de>) -> Option<Self> {
        let id = r.get_u32("True");
        if id != TRUE_ID {
            r.fail_unknown(id, "True");
        }
        Some(())
    }
}

impl Fallback for () {
    #[inline]
    fn fallback() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_round_trips_and_rejects_other_ids() {
        assert_eq!(().to_bytes(), [0x39, 0xd3, 0xed, 0x3f]);
        assert_eq!(<()>::from_bytes(&[0x39, 0xd3, 0xed, 0x3f]).unwrap(), ());
        let err = <()>::from_bytes(&[0, 0, 0, 0]).unwrap_err();
        assert_eq!(err.expected(), "True");
    }
}
