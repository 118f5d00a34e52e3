//! The readable tree of a decoded value: TL names, field names, flags words with their set bits,
//! `bytes` and `int128` in hex, strings quoted.
//!
//! ```text
//! updateShortMessage#313bc7f8
//!   flags: 0x00000080 = {7 entities}
//!   id: 1234
//!   message: "Hi 👋"
//!   entities: [1]
//!     [0] messageEntityBold#bd610bc9
//!       offset: 0
//! ```

use std::fmt::Write as _;

use crate::schema::{Def, Item, Schema, Ty};
use crate::value::Value;

/// Bytes of a `bytes` value shown before it is cut (`…`); `--json` shows all.
const SHOWN_BYTES: usize = 48;

/// The tree of `value` (of type `ty`), one line per field.
pub fn tree(schema: &Schema, ty: &Ty, value: &Value) -> String {
    let mut out = String::new();
    Printer {
        schema,
        out: &mut out,
    }
    .node(0, None, ty, value);
    out
}

struct Printer<'s, 'o> {
    schema: &'s Schema,
    out: &'o mut String,
}

impl Printer<'_, '_> {
    /// One line `label: text`, then the children of an object or vector.
    fn node(&mut self, indent: usize, label: Option<&str>, ty: &Ty, value: &Value) {
        let _ = write!(self.out, "{:indent$}", "");
        if let Some(label) = label {
            let _ = write!(self.out, "{label}: ");
        }
        match value {
            Value::Object(o) => {
                let Some(def) = self.schema.defs.get(o.def) else {
                    self.out.push_str("?\n");
                    return;
                };
                let _ = writeln!(self.out, "{}#{:08x}", def.tl_name, def.id);
                self.fields(indent + 2, def, &o.values);
            }
            Value::Vector(items) => self.vector(indent, ty, items),
            Value::Packed(p) => {
                let _ = writeln!(self.out, "gzip, {} bytes, inflated:", p.raw.len());
                self.node(indent + 2, None, &Ty::Answer, &p.inner);
            }
            scalar => {
                let _ = writeln!(self.out, "{}", scalar_text(scalar));
            }
        }
    }

    /// A vector: inline when it holds numbers, else one child per element.
    fn vector(&mut self, indent: usize, ty: &Ty, items: &[Value]) {
        let elem = match ty {
            Ty::Vector { elem, .. } => (**elem).clone(),
            _ => Ty::Answer,
        };
        let numbers = items
            .iter()
            .all(|v| matches!(v, Value::Int(_) | Value::Long(_) | Value::Nat(_)));
        if numbers {
            let texts: Vec<String> = items.iter().map(scalar_text).collect();
            let _ = writeln!(self.out, "[{}]", texts.join(", "));
            return;
        }
        let _ = writeln!(self.out, "[{}]", items.len());
        for (i, item) in items.iter().enumerate() {
            self.node(indent + 2, Some(&format!("[{i}]")), &elem, item);
        }
    }

    /// The present arguments of an object, flags words with their set bits.
    fn fields(&mut self, indent: usize, def: &Def, values: &[Value]) {
        let mut values = values.iter();
        let mut words = Vec::new();
        for item in &def.items {
            match item {
                Item::FlagWord { name, word } => {
                    let w = match values.next() {
                        Some(Value::Nat(w)) => *w,
                        _ => 0,
                    };
                    words.push(w);
                    let bits = set_bits(def, *word, w);
                    let _ = writeln!(self.out, "{:indent$}{name}: {w:#010x} = {{{bits}}}", "");
                }
                Item::Flag { name, bit } => {
                    if is_set(&words, bit.word, bit.bit) {
                        let _ = writeln!(self.out, "{:indent$}{name}: true", "");
                    }
                }
                Item::Value { name, cond, ty } => {
                    if cond.is_some_and(|b| !is_set(&words, b.word, b.bit)) {
                        continue;
                    }
                    if let Some(value) = values.next() {
                        self.node(indent, Some(name), ty, value);
                    }
                }
            }
        }
    }
}

/// Whether bit `bit` of flags word `word` is set.
pub(crate) fn is_set(words: &[u32], word: usize, bit: u32) -> bool {
    words.get(word).copied().unwrap_or(0) & 1u32.checked_shl(bit).unwrap_or(0) != 0
}

/// The set bits of a flags word with the arguments they stand for: `1 out, 8 reply_to, 30 ?`.
fn set_bits(def: &Def, word: usize, w: u32) -> String {
    let mut parts = Vec::new();
    for bit in (0..32).filter(|b| w & (1 << b) != 0) {
        let names: Vec<&str> = def
            .items
            .iter()
            .filter(|item| {
                let b = match item {
                    Item::Flag { bit, .. } => Some(*bit),
                    Item::Value { cond, .. } => *cond,
                    Item::FlagWord { .. } => None,
                };
                b.is_some_and(|b| b.word == word && b.bit == bit)
            })
            .map(Item::name)
            .collect();
        let names = if names.is_empty() {
            "?".to_owned()
        } else {
            names.join("+")
        };
        parts.push(format!("{bit} {names}"));
    }
    parts.join(", ")
}

/// A scalar as the tree shows it.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::Int(v) => v.to_string(),
        Value::Long(v) => v.to_string(),
        Value::Double(v) => format!("{v:?}"),
        Value::Nat(v) => v.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::True => "true".to_owned(),
        Value::String(s) => format!("{s:?}"),
        Value::Bytes(b) => {
            let shown = hex(b.get(..SHOWN_BYTES).unwrap_or(b));
            let more = if b.len() > SHOWN_BYTES { "…" } else { "" };
            format!("bytes[{}] {shown}{more}", b.len())
        }
        Value::Raw(b) => format!("0x{}", hex(b)),
        Value::Vector(_) | Value::Object(_) | Value::Packed(_) => String::new(),
    }
}

/// Lower-case hex digits of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
