//! The dynamic encoder: a [`Value`] of a [`Ty`] back to TL binary, as the generated encoders
//! write it (flags words keep only the bits some argument uses).

use std::fmt;

use tl_runtime::writer::{write_bytes, write_f64, write_i32, write_i64, write_u32};
use tl_runtime::{BOOL_FALSE_ID, BOOL_TRUE_ID, TRUE_ID, VECTOR_ID};

use crate::schema::{DefKind, Item, Schema, Ty};
use crate::value::{Object, Value};

/// A value that does not fit its type (only values not made by the decoder can be wrong).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// What is wrong.
    pub message: String,
    /// Where, outermost first.
    pub path: Vec<String>,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{} (at {})", self.message, self.path.join(" > "))
        }
    }
}

impl std::error::Error for EncodeError {}

impl EncodeError {
    fn new(message: impl Into<String>) -> Self {
        EncodeError {
            message: message.into(),
            path: Vec::new(),
        }
    }

    fn within(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }
}

/// Result of the encoder.
pub type Result<T> = std::result::Result<T, EncodeError>;

/// Longest `bytes`/`string` TL can express.
const MAX_BYTES: usize = (1 << 24) - 1;

/// Encodes `value` as a `ty`.
pub fn encode(schema: &Schema, ty: &Ty, value: &Value) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    Encoder { schema }.value(ty, value, &mut out)?;
    Ok(out)
}

struct Encoder<'s> {
    schema: &'s Schema,
}

impl Encoder<'_> {
    fn mismatch(&self, ty: &Ty, value: &Value) -> EncodeError {
        let what = match value {
            Value::Object(o) => self
                .schema
                .defs
                .get(o.def)
                .map_or("a constructor".to_owned(), |d| format!("`{}`", d.tl_name)),
            other => format!("{other:?}"),
        };
        EncodeError::new(format!(
            "expected a value of type `{}`, found {what}",
            self.schema.type_name(ty)
        ))
    }

    fn value(&self, ty: &Ty, value: &Value, out: &mut Vec<u8>) -> Result<()> {
        match (ty, value) {
            (Ty::Int, Value::Int(v)) => write_i32(out, *v),
            (Ty::Long, Value::Long(v)) => write_i64(out, *v),
            (Ty::Double, Value::Double(v)) => write_f64(out, *v),
            (Ty::Nat, Value::Nat(v)) => write_u32(out, *v),
            (Ty::Bool, Value::Bool(b)) => bool(*b, out),
            (Ty::Unit, Value::True) => write_u32(out, TRUE_ID),
            (Ty::String, Value::String(s)) => data(s.as_bytes(), out)?,
            (Ty::Bytes, Value::Bytes(b)) => data(b, out)?,
            (Ty::Raw(n), Value::Raw(b)) if b.len() == *n => out.extend_from_slice(b),
            (Ty::Vector { bare, elem }, Value::Vector(items)) => {
                if !bare {
                    write_u32(out, VECTOR_ID);
                }
                self.elements(items, out, |item, out| self.value(elem, item, out))?;
            }
            (Ty::Bare(i), Value::Object(o)) if o.def == *i => self.fields(o, out)?,
            (Ty::Packed, Value::Packed(p)) => data(&p.raw, out)?,
            (Ty::Enum(_) | Ty::AnyObject | Ty::AnyFunction, Value::Object(o)) => {
                self.boxed(ty, o, out)?;
            }
            (Ty::Answer | Ty::Body, _) => self.any(value, out)?,
            _ => return Err(self.mismatch(ty, value)),
        }
        Ok(())
    }

    /// A count and the elements.
    fn elements(
        &self,
        items: &[Value],
        out: &mut Vec<u8>,
        mut each: impl FnMut(&Value, &mut Vec<u8>) -> Result<()>,
    ) -> Result<()> {
        let count = i32::try_from(items.len())
            .map_err(|_| EncodeError::new("a vector of more than 2^31 - 1 elements"))?;
        write_i32(out, count);
        for (i, item) in items.iter().enumerate() {
            each(item, out).map_err(|e| e.within(format!("[{i}]")))?;
        }
        Ok(())
    }

    /// A constructor of the boxed type `ty` (checked), its id first.
    fn boxed(&self, ty: &Ty, o: &Object, out: &mut Vec<u8>) -> Result<()> {
        let def = self
            .schema
            .defs
            .get(o.def)
            .ok_or_else(|| EncodeError::new("no such constructor"))?;
        let fits = match ty {
            Ty::Enum(e) => def.kind == DefKind::Constructor(*e),
            Ty::AnyFunction => def.kind == DefKind::Function,
            _ => def.kind != DefKind::Function,
        };
        if !fits {
            return Err(self.mismatch(ty, &Value::Object(Box::new(o.clone()))));
        }
        write_u32(out, def.id);
        self.fields(o, out)
    }

    /// What an answer may hold: any object, `Bool`, `True`, a vector of answers, an `int` or
    /// `long` (elements of a guessed vector).
    fn any(&self, value: &Value, out: &mut Vec<u8>) -> Result<()> {
        match value {
            Value::Object(o) => {
                let id = self.schema.defs.get(o.def).map(|d| d.id);
                write_u32(
                    out,
                    id.ok_or_else(|| EncodeError::new("no such constructor"))?,
                );
                self.fields(o, out)
            }
            Value::Bool(b) => {
                bool(*b, out);
                Ok(())
            }
            Value::True => {
                write_u32(out, TRUE_ID);
                Ok(())
            }
            Value::Int(v) => {
                write_i32(out, *v);
                Ok(())
            }
            Value::Long(v) => {
                write_i64(out, *v);
                Ok(())
            }
            Value::Vector(items) => {
                write_u32(out, VECTOR_ID);
                self.elements(items, out, |item, out| self.any(item, out))
            }
            other => Err(self.mismatch(&Ty::Answer, other)),
        }
    }

    /// The arguments of an object in wire order.
    fn fields(&self, o: &Object, out: &mut Vec<u8>) -> Result<()> {
        let def = self
            .schema
            .defs
            .get(o.def)
            .ok_or_else(|| EncodeError::new("no such constructor"))?;
        let mut values = o.values.iter();
        let mut words: Vec<u32> = Vec::new();
        let missing = |name: &str| {
            EncodeError::new(format!("missing value of `{name}`")).within(def.tl_name.clone())
        };
        for item in &def.items {
            match item {
                Item::Flag { .. } => {}
                Item::FlagWord { name, word } => {
                    let Some(Value::Nat(w)) = values.next() else {
                        return Err(missing(name));
                    };
                    words.push(*w);
                    write_u32(out, w & def.flag_masks.get(*word).copied().unwrap_or(0));
                }
                Item::Value { name, cond, ty } => {
                    if let Some(bit) = cond {
                        let word = words.get(bit.word).copied().unwrap_or(0);
                        if word & 1u32.checked_shl(bit.bit).unwrap_or(0) == 0 {
                            continue;
                        }
                    }
                    let value = values.next().ok_or_else(|| missing(name))?;
                    self.value(ty, value, out)
                        .map_err(|e| e.within(name.clone()).within(def.tl_name.clone()))?;
                }
            }
        }
        if values.next().is_some() {
            return Err(EncodeError::new("more values than arguments").within(def.tl_name.clone()));
        }
        Ok(())
    }
}

fn bool(b: bool, out: &mut Vec<u8>) {
    write_u32(out, if b { BOOL_TRUE_ID } else { BOOL_FALSE_ID });
}

/// A `bytes`/`string`, refused when TL cannot express its length.
fn data(bytes: &[u8], out: &mut Vec<u8>) -> Result<()> {
    if bytes.len() > MAX_BYTES {
        return Err(EncodeError::new(format!(
            "{} bytes: TL bytes hold at most {MAX_BYTES}",
            bytes.len()
        )));
    }
    write_bytes(out, bytes);
    Ok(())
}
