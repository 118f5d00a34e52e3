//! JSON for decoded values, and back: what `tl decode --json` prints and `tl encode` reads.
//!
//! An object is `{"_": "tl.name", "field": …}` with its arguments in wire order: flags words as
//! numbers (informative: encoding computes them from the fields), `flags.N?true` arguments as
//! `true` when set, absent values left out. `int` and `#` are numbers, `long` a string of
//! digits (exact in every JSON reader), `double` a number (a non-finite one the string
//! `"0x…"` of its bits), `bytes` and `int128` hex strings, vectors arrays, `gzip_packed` data
//! `{"gzip": "hex", "value": …}`.

use std::fmt::Write as _;
use std::io::Write as _;

use serde_json::Value as Json;

use crate::encode::encode;
use crate::schema::{Def, DefKind, Item, Schema, Ty};
use crate::tree::{hex, is_set};
use crate::value::{Object, Packed, Value};

/// `value` (of type `ty`) as one line of JSON.
pub fn to_json(schema: &Schema, ty: &Ty, value: &Value) -> String {
    let mut out = String::new();
    write_value(schema, ty, value, &mut out);
    out
}

fn write_value(schema: &Schema, ty: &Ty, value: &Value, out: &mut String) {
    match value {
        Value::Int(v) => {
            let _ = write!(out, "{v}");
        }
        Value::Nat(v) => {
            let _ = write!(out, "{v}");
        }
        Value::Long(v) => {
            let _ = write!(out, "\"{v}\"");
        }
        Value::Double(v) => match serde_json::Number::from_f64(*v) {
            Some(n) => {
                let _ = write!(out, "{n}");
            }
            None => {
                let _ = write!(out, "\"0x{:016x}\"", v.to_bits());
            }
        },
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::True => out.push_str("true"),
        Value::String(s) => push_str(out, s),
        Value::Bytes(b) | Value::Raw(b) => {
            let _ = write!(out, "\"{}\"", hex(b));
        }
        Value::Vector(items) => {
            let elem = match ty {
                Ty::Vector { elem, .. } => (**elem).clone(),
                _ => Ty::Answer,
            };
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(schema, &elem, item, out);
            }
            out.push(']');
        }
        Value::Object(o) => write_object(schema, o, out),
        Value::Packed(p) => {
            let _ = write!(out, "{{\"gzip\":\"{}\",\"value\":", hex(&p.raw));
            write_value(schema, &Ty::Answer, &p.inner, out);
            out.push('}');
        }
    }
}

/// A JSON string literal.
fn push_str(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
}

fn write_object(schema: &Schema, o: &Object, out: &mut String) {
    let Some(def) = schema.defs.get(o.def) else {
        out.push_str("null");
        return;
    };
    out.push_str("{\"_\":");
    push_str(out, &def.tl_name);
    let mut values = o.values.iter();
    let mut words = Vec::new();
    for item in &def.items {
        let value = match item {
            Item::Flag { bit, .. } => {
                if is_set(&words, bit.word, bit.bit) {
                    out.push(',');
                    push_str(out, item.name());
                    out.push_str(":true");
                }
                continue;
            }
            Item::Value { cond: Some(b), .. } if !is_set(&words, b.word, b.bit) => continue,
            _ => values.next(),
        };
        let Some(value) = value else { break };
        if let (Item::FlagWord { .. }, Value::Nat(w)) = (item, value) {
            words.push(*w);
        }
        out.push(',');
        push_str(out, item.name());
        out.push(':');
        let ty = match item {
            Item::Value { ty, .. } => ty.clone(),
            _ => Ty::Nat,
        };
        write_value(schema, &ty, value, out);
    }
    out.push('}');
}

/// A JSON value that does not fit the schema, with where.
pub type Error = String;

/// The value of type `ty` that `json` describes.
pub fn from_json(schema: &Schema, ty: &Ty, json: &Json) -> Result<Value, Error> {
    Reader { schema }.value(ty, json)
}

struct Reader<'s> {
    schema: &'s Schema,
}

impl Reader<'_> {
    fn value(&self, ty: &Ty, json: &Json) -> Result<Value, Error> {
        let name = || self.schema.type_name(ty);
        let wrong = || format!("expected {}, found {}", name(), short(json));
        Ok(match ty {
            Ty::Int => Value::Int(json_int(json).ok_or_else(wrong)?),
            Ty::Nat => Value::Nat(
                json.as_u64()
                    .and_then(|v| u32::try_from(v).ok())
                    .ok_or_else(wrong)?,
            ),
            Ty::Long => Value::Long(json_long(json).ok_or_else(wrong)?),
            Ty::Double => Value::Double(json_double(json).ok_or_else(wrong)?),
            Ty::Bool => Value::Bool(json.as_bool().ok_or_else(wrong)?),
            Ty::Unit => match json {
                Json::Bool(true) => Value::True,
                _ => return Err(wrong()),
            },
            Ty::String => Value::String(json.as_str().ok_or_else(wrong)?.into()),
            Ty::Bytes => Value::Bytes(json_hex(json).ok_or_else(wrong)?.into()),
            Ty::Raw(n) => {
                let data = json_hex(json).filter(|d| d.len() == *n).ok_or_else(wrong)?;
                Value::Raw(data.into())
            }
            Ty::Vector { elem, .. } => {
                let items = json.as_array().ok_or_else(wrong)?;
                let mut values = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    values.push(self.value(elem, item).map_err(|e| format!("[{i}]: {e}"))?);
                }
                Value::Vector(values.into_boxed_slice())
            }
            Ty::Bare(i) => self.object(json, |d| d == *i, &name())?,
            Ty::Enum(e) => self.object(
                json,
                |d| self.kind(d) == Some(DefKind::Constructor(*e)),
                &name(),
            )?,
            Ty::AnyFunction => {
                self.object(json, |d| self.kind(d) == Some(DefKind::Function), &name())?
            }
            Ty::AnyObject => {
                self.object(json, |d| self.kind(d) != Some(DefKind::Function), &name())?
            }
            Ty::Answer | Ty::Body => self.answer(json)?,
            Ty::Packed => self.packed(json)?,
        })
    }

    fn kind(&self, def: usize) -> Option<DefKind> {
        self.schema.defs.get(def).map(|d| d.kind)
    }

    /// What an answer may be: an object of any definition, a `Bool`, an `int` (a number), a
    /// `long` (a string), a vector of answers.
    fn answer(&self, json: &Json) -> Result<Value, Error> {
        match json {
            Json::Object(_) => self.object(json, |_| true, "Object"),
            Json::Bool(b) => Ok(Value::Bool(*b)),
            Json::Number(_) => json_int(json)
                .map(Value::Int)
                .ok_or_else(|| format!("{json} is not an int")),
            Json::String(_) => json_long(json)
                .map(Value::Long)
                .ok_or_else(|| format!("{json} is not a long")),
            Json::Array(items) => {
                let mut values = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    values.push(self.answer(item).map_err(|e| format!("[{i}]: {e}"))?);
                }
                Ok(Value::Vector(values.into_boxed_slice()))
            }
            Json::Null => Err("expected a value, found null".to_owned()),
        }
    }

    /// `gzip_packed` data: `{"gzip": "hex"}` as is, or `{"value": …}` compressed here.
    fn packed(&self, json: &Json) -> Result<Value, Error> {
        let inner = match json.get("value") {
            Some(v) => self.answer(v)?,
            None => Value::True,
        };
        let raw = match json.get("gzip") {
            Some(g) => json_hex(g).ok_or("`gzip` is not a hex string")?,
            None => {
                let bytes = encode(self.schema, &Ty::Answer, &inner).map_err(|e| e.to_string())?;
                let mut gz =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                gz.write_all(&bytes).map_err(|e| e.to_string())?;
                gz.finish().map_err(|e| e.to_string())?
            }
        };
        Ok(Value::Packed(Box::new(Packed {
            raw: raw.into(),
            inner,
        })))
    }

    /// An object `{"_": name, …}` of a definition that `fits`.
    fn object(
        &self,
        json: &Json,
        fits: impl Fn(usize) -> bool,
        expected: &str,
    ) -> Result<Value, Error> {
        let map = json.as_object().ok_or_else(|| {
            format!(
                "expected an object of type {expected}, found {}",
                short(json)
            )
        })?;
        let name = map.get("_").and_then(Json::as_str).ok_or_else(|| {
            format!("an object of type {expected} needs \"_\": its constructor name")
        })?;
        let defs = &self.schema.defs;
        let (def, d) = self
            .schema
            .def_by_name(name)
            .filter(|&d| fits(d))
            .or_else(|| {
                (0..defs.len()).find(|&d| fits(d) && defs.get(d).is_some_and(|x| x.tl_name == name))
            })
            .and_then(|i| Some((i, defs.get(i)?)))
            .ok_or_else(|| format!("`{name}` is not a constructor of {expected}"))?;
        self.fields(d, map)
            .map(|values| Value::Object(Box::new(Object { def, values })))
            .map_err(|e| format!("{name}.{e}"))
    }

    /// The values of `d`'s arguments from a JSON object; flags words computed from them.
    fn fields(&self, d: &Def, map: &serde_json::Map<String, Json>) -> Result<Box<[Value]>, Error> {
        if let Some(key) = map
            .keys()
            .find(|k| *k != "_" && !d.items.iter().any(|i| i.name() == k.as_str()))
        {
            return Err(format!("{key}: `{}` has no such argument", d.tl_name));
        }
        let present = |name: &str| map.get(name).is_some_and(|v| !v.is_null());
        let mut words = vec![0u32; d.flag_masks.len()];
        for item in &d.items {
            let (bit, set) = match item {
                Item::Flag { bit, name } => (Some(bit), map.get(name) == Some(&Json::Bool(true))),
                Item::Value { cond, name, .. } => (cond.as_ref(), present(name)),
                Item::FlagWord { .. } => (None, false),
            };
            if let (Some(b), true) = (bit, set) {
                if let Some(w) = words.get_mut(b.word) {
                    *w |= 1u32.checked_shl(b.bit).unwrap_or(0);
                }
            }
        }
        let mut values = Vec::new();
        for item in &d.items {
            match item {
                Item::Flag { .. } => {}
                Item::FlagWord { word, .. } => {
                    values.push(Value::Nat(words.get(*word).copied().unwrap_or(0)));
                }
                Item::Value { name, cond, ty } => {
                    if cond.is_some_and(|b| !is_set(&words, b.word, b.bit)) {
                        continue;
                    }
                    let json = map
                        .get(name)
                        .filter(|v| !v.is_null())
                        .ok_or_else(|| format!("{name}: missing"))?;
                    values.push(self.value(ty, json).map_err(|e| format!("{name}: {e}"))?);
                }
            }
        }
        Ok(values.into_boxed_slice())
    }
}

/// The start of a JSON value, for messages.
fn short(json: &Json) -> String {
    let text = json.to_string();
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

fn json_int(json: &Json) -> Option<i32> {
    json.as_i64().and_then(|v| i32::try_from(v).ok())
}

fn json_long(json: &Json) -> Option<i64> {
    match json {
        Json::String(s) => s.parse().ok(),
        _ => json.as_i64(),
    }
}

fn json_double(json: &Json) -> Option<f64> {
    match json {
        Json::String(s) => u64::from_str_radix(s.strip_prefix("0x")?, 16)
            .ok()
            .map(f64::from_bits),
        _ => json.as_f64(),
    }
}

/// Hex digits (whitespace ignored) as bytes.
pub fn json_hex(json: &Json) -> Option<Vec<u8>> {
    parse_hex(json.as_str()?)
}

/// Hex digits (ASCII whitespace ignored) as bytes; `None` for anything else or an odd count.
pub fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits
        .chunks_exact(2)
        .map(|pair| {
            let hi = char::from(pair[0]).to_digit(16)?;
            let lo = char::from(pair[1]).to_digit(16)?;
            u8::try_from(hi * 16 + lo).ok()
        })
        .collect()
}
