//! A decoded value: what the dynamic decoder produces and the encoder writes back.
//!
//! Kept small (24 bytes) because a decode charges every value to the allocation budget, as the
//! generated decoders charge theirs.

/// A TL value of any type.
#[derive(Clone, Debug)]
pub enum Value {
    /// `int`.
    Int(i32),
    /// `long`.
    Long(i64),
    /// `double`.
    Double(f64),
    /// `#` (a flags word or a plain number).
    Nat(u32),
    /// `Bool`.
    Bool(bool),
    /// The boxed `True`.
    True,
    /// `string`.
    String(Box<str>),
    /// `bytes`.
    Bytes(Box<[u8]>),
    /// `int128`, `int256`, `int512`.
    Raw(Box<[u8]>),
    /// `Vector<T>` / `vector<T>`.
    Vector(Box<[Value]>),
    /// A constructor or function call.
    Object(Box<Object>),
    /// `gzip_packed` data and what it inflates to.
    Packed(Box<Packed>),
}

/// A constructor (or function call) with its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// Index into [`Schema::defs`](crate::schema::Schema::defs).
    pub def: usize,
    /// One value per flags word and per present value argument, in wire order (`flags.N?true`
    /// arguments have none: their bit says it).
    pub values: Box<[Value]>,
}

/// The `packed_data` of a `gzip_packed`.
#[derive(Clone, Debug, PartialEq)]
pub struct Packed {
    /// The gzip data as it was on the wire (re-encoding writes it back as is).
    pub raw: Box<[u8]>,
    /// The boxed value it inflates to.
    pub inner: Value,
}

impl PartialEq for Value {
    /// Structural equality; doubles compare by their bits (a NaN equals itself).
    fn eq(&self, other: &Self) -> bool {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => a == b,
            (Long(a), Long(b)) => a == b,
            (Double(a), Double(b)) => a.to_bits() == b.to_bits(),
            (Nat(a), Nat(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (True, True) => true,
            (String(a), String(b)) => a == b,
            (Bytes(a), Bytes(b)) | (Raw(a), Raw(b)) => a == b,
            (Vector(a), Vector(b)) => a == b,
            (Object(a), Object(b)) => a == b,
            (Packed(a), Packed(b)) => a == b,
            _ => false,
        }
    }
}
