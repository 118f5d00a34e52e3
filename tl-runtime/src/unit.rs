//! The boxed TL type `True` (`true#3fedd339 = True;`), which some TON functions return: `()` in Rust.

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{Deserialize, Serialize};
use crate::writer::write_u32;

/// Constructor id of `true#3fedd339 = True;` (the same under both id rules).
pub const TRUE_ID: u32 = 0x3fedd339;

impl Serialize for () {
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        write_u32(out, TRUE_ID);
    }
    #[inline]
    fn serialized_len(&self) -> usize {
        4
    }
}

impl Deserialize for () {
    /// Any other id is [`crate::ErrorKind::UnknownConstructor`] with expected type `"True"`.
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self> {
        let offset = r.position();
        match r.read_u32("True")? {
            TRUE_ID => Ok(()),
            id => Err(r.unknown_constructor(id, offset, "True")),
        }
    }
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
