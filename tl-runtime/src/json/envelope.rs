//! TDLib's envelope: `"@extra"` and `"@client_id"` beside the fields of a request or response.

use serde::de::{self, Deserializer};
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct, Serializer};

/// A TDLib request or response with the keys TDLib passes through: `"@extra"` (any JSON, echoed
/// in the answer) and `"@client_id"`. They are written after the object's own fields, which keep
/// their order.
///
/// ```ignore
/// let request = Envelope::new(functions::GetMe {}).with_extra(json!(42));
/// // {"@type":"getMe","@extra":42}
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope<T> {
    /// The request or response.
    pub value: T,
    /// `"@extra"`: what the client attached to a request; TDLib returns it with the answer.
    pub extra: Option<serde_json::Value>,
    /// `"@client_id"`: the TDLib client a response comes from.
    pub client_id: Option<i32>,
}

impl<T> Envelope<T> {
    /// `value` with neither key.
    pub fn new(value: T) -> Self {
        Envelope {
            value,
            extra: None,
            client_id: None,
        }
    }

    /// With `"@extra"` set.
    pub fn with_extra(mut self, extra: serde_json::Value) -> Self {
        self.extra = Some(extra);
        self
    }
}

impl<T: ser::Serialize> ser::Serialize for Envelope<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let keys = Keys {
            extra: self.extra.as_ref(),
            client_id: self.client_id,
        };
        self.value.serialize(Appending { inner: s, keys })
    }
}

impl<'de, T: de::DeserializeOwned> de::Deserialize<'de> for Envelope<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut value = serde_json::Value::deserialize(d)?;
        let Some(object) = value.as_object_mut() else {
            return Err(de::Error::custom("a TDLib object is expected"));
        };
        let extra = object.remove("@extra");
        let client_id = match object.remove("@client_id") {
            None | Some(serde_json::Value::Null) => None,
            Some(id) => Some(
                id.as_i64()
                    .and_then(|id| i32::try_from(id).ok())
                    .ok_or_else(|| de::Error::custom("`@client_id` is not an int32"))?,
            ),
        };
        let value = T::deserialize(value).map_err(de::Error::custom)?;
        Ok(Envelope {
            value,
            extra,
            client_id,
        })
    }
}

/// The keys an [`Envelope`] adds.
#[derive(Clone, Copy)]
struct Keys<'a> {
    extra: Option<&'a serde_json::Value>,
    client_id: Option<i32>,
}

impl Keys<'_> {
    fn count(&self) -> usize {
        usize::from(self.extra.is_some()) + usize::from(self.client_id.is_some())
    }
}

/// A serializer for an object that adds the envelope's keys at its end; anything but an object
/// is an error.
struct Appending<'a, S> {
    inner: S,
    keys: Keys<'a>,
}

/// The object being written, and the keys to add at its end.
struct Append<'a, I> {
    inner: I,
    keys: Keys<'a>,
}

fn not_an_object<E: ser::Error>() -> E {
    E::custom("an envelope holds an object")
}

macro_rules! not_an_object {
    ($($method:ident($($ty:ty),*);)*) => {$(
        fn $method(self, $(_: $ty),*) -> Result<S::Ok, S::Error> {
            Err(not_an_object())
        }
    )*};
}

impl<'a, S: Serializer> Serializer for Appending<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Append<'a, S::SerializeMap>;
    type SerializeStruct = Append<'a, S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    not_an_object! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: ser::Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ser::Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ser::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(not_an_object())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(not_an_object())
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let inner = self
            .inner
            .serialize_map(len.map(|n| n + self.keys.count()))?;
        Ok(Append {
            inner,
            keys: self.keys,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let inner = self.inner.serialize_struct(name, len + self.keys.count())?;
        Ok(Append {
            inner,
            keys: self.keys,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(not_an_object())
    }
}

impl<I: SerializeStruct> SerializeStruct for Append<'_, I> {
    type Ok = I::Ok;
    type Error = I::Error;

    fn serialize_field<T: ser::Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), I::Error> {
        self.inner.serialize_field(key, value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), I::Error> {
        self.inner.skip_field(key)
    }
    fn end(mut self) -> Result<I::Ok, I::Error> {
        if let Some(extra) = self.keys.extra {
            self.inner.serialize_field("@extra", extra)?;
        }
        if let Some(id) = self.keys.client_id {
            self.inner.serialize_field("@client_id", &id)?;
        }
        self.inner.end()
    }
}

impl<I: SerializeMap> SerializeMap for Append<'_, I> {
    type Ok = I::Ok;
    type Error = I::Error;

    fn serialize_key<T: ser::Serialize + ?Sized>(&mut self, key: &T) -> Result<(), I::Error> {
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: ser::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), I::Error> {
        self.inner.serialize_value(value)
    }
    fn end(mut self) -> Result<I::Ok, I::Error> {
        if let Some(extra) = self.keys.extra {
            self.inner.serialize_entry("@extra", extra)?;
        }
        if let Some(id) = self.keys.client_id {
            self.inner.serialize_entry("@client_id", &id)?;
        }
        self.inner.end()
    }
}
