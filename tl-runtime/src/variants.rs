//! What generated enums (boxed types) delegate to: encoding, `Debug`, the id and the name of the
//! constructor a value holds, all through the one generated `BoxedType::visit_variant`; decoding
//! through `BoxedType::read_variant`.

use core::fmt;

use crate::reader::Reader;
use crate::sink::Sink;
use crate::traits::{BoxedType, Constructor, Serialize, VariantVisitor};

/// `Deserialize::read` of a boxed type: its constructor id, one nesting level deeper (see
/// [`Reader::begin`]), the constructor it names.
#[inline]
pub fn read_variant_of<'de, E: BoxedType<'de>>(r: &mut Reader<'de>) -> Option<E> {
    let id = r.begin(E::TL_TYPE);
    let value = E::read_variant(r, id);
    r.end();
    value
}

/// [`read_variant_of`] for the value of field `field`: after a failure, the field and the
/// constructor's TL name go on the error's path (the name looked up only then).
#[inline]
pub fn read_variant_field<'de, E: BoxedType<'de>>(
    r: &mut Reader<'de>,
    field: &'static str,
) -> Option<E> {
    let id = r.begin(E::TL_TYPE);
    let value = E::read_variant(r, id);
    r.end();
    if r.failed() {
        r.note_field(field, E::tl_name_of(id));
    }
    value
}

/// Encodes the constructor a boxed-type value holds (its id, then its fields).
#[inline]
pub fn serialize_variant<'de, E: BoxedType<'de> + ?Sized, S: Sink + ?Sized>(
    value: &E,
    out: &mut S,
) {
    struct Visit<'s, S: ?Sized>(&'s mut S);
    impl<S: Sink + ?Sized> VariantVisitor for Visit<'_, S> {
        type Output = ();
        #[inline]
        fn visit<'de, T: Constructor<'de> + fmt::Debug>(self, _: &'static str, value: &T) {
            value.serialize(self.0);
        }
    }
    value.visit_variant(Visit(out));
}

/// `Debug` of a boxed-type value as `#[derive(Debug)]` writes it: `Variant(Struct { … })`.
pub fn debug_variant<'de, E: BoxedType<'de> + ?Sized>(
    value: &E,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    struct Visit<'a, 'b>(&'a mut fmt::Formatter<'b>);
    impl VariantVisitor for Visit<'_, '_> {
        type Output = fmt::Result;
        fn visit<'de, T: Constructor<'de> + fmt::Debug>(
            self,
            variant: &'static str,
            value: &T,
        ) -> fmt::Result {
            self.0.debug_tuple(variant).field(value).finish()
        }
    }
    value.visit_variant(Visit(f))
}

/// The constructor id of the constructor a boxed-type value holds.
#[inline]
pub fn variant_id<'de, E: BoxedType<'de> + ?Sized>(value: &E) -> u32 {
    struct Visit;
    impl VariantVisitor for Visit {
        type Output = u32;
        #[inline]
        fn visit<'de, T: Constructor<'de> + fmt::Debug>(self, _: &'static str, _: &T) -> u32 {
            T::INFO.id
        }
    }
    value.visit_variant(Visit)
}

/// The TL name of the constructor a boxed-type value holds, e.g. `"updateShortMessage"`.
#[inline]
pub fn variant_tl_name<'de, E: BoxedType<'de> + ?Sized>(value: &E) -> &'static str {
    struct Visit;
    impl VariantVisitor for Visit {
        type Output = &'static str;
        #[inline]
        fn visit<'de, T: Constructor<'de> + fmt::Debug>(
            self,
            _: &'static str,
            _: &T,
        ) -> &'static str {
            T::INFO.tl_name
        }
    }
    value.visit_variant(Visit)
}
