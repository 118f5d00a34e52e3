//! The dynamic decoder: TL binary to a [`Value`] tree, driven by a [`Schema`] at run time.
//!
//! A second implementation of the wire format that must agree with the generated decoders: the
//! primitives are read with [`tl_runtime::Reader`] under the same [`Limits`] (lengths checked
//! against the input before anything is allocated, the allocation budget charged for every
//! value, nesting depth counted as the generated code counts it), and nothing panics on any
//! input. Errors name the byte offset, the constructor id and the expected TL type, and the path
//! of arguments that led there.

use std::fmt;
use std::io::Read as _;

use tl_runtime::{ErrorKind, Limits, Reader, BOOL_FALSE_ID, BOOL_TRUE_ID, TRUE_ID, VECTOR_ID};

use crate::schema::{Def, DefKind, Item, Schema, Ty};
use crate::value::{Object, Packed, Value};

/// What went wrong, beyond the runtime's own kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A failure the generated decoders report the same way.
    Wire(ErrorKind),
    /// `gzip_packed` data that does not inflate, or inflates past the allocation budget.
    Gzip(String),
    /// An envelope `message` whose body is not as long as its `bytes` field says.
    BodyLength {
        /// What `bytes` says.
        declared: usize,
        /// What the body took.
        used: usize,
    },
    /// A `Vector` answer whose element type cannot be told from the bytes.
    UnknownElements,
}

/// A decoding failure: what, where, while decoding what, and the path of arguments to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// What went wrong.
    pub problem: Problem,
    /// Byte offset in the input where the failing item starts.
    pub offset: usize,
    /// The constructor id involved, if any.
    pub constructor_id: Option<u32>,
    /// The TL type being decoded (`Update`, `string`, `messages.channelMessages`).
    pub expected: String,
    /// The constructors and arguments that led to it, outermost first
    /// (`updates`, `updates[3]`, `message`, …).
    pub path: Vec<String>,
}

/// The runtime's errors name a flags word with a `&'static str`: the names schemas use, and a
/// generic one for any other.
fn static_word_name(name: &str) -> &'static str {
    const NAMES: [&str; 5] = ["flags", "flags2", "flags3", "flags4", "flags5"];
    NAMES
        .iter()
        .find(|n| **n == name)
        .copied()
        .unwrap_or("flags word")
}

/// Stands for the expected type in a runtime error that is displayed with a dynamic name.
const NAME: &str = "\u{1}";

impl DecodeError {
    fn new(problem: Problem, offset: usize, id: Option<u32>, expected: impl Into<String>) -> Self {
        DecodeError {
            problem,
            offset,
            constructor_id: id,
            expected: expected.into(),
            path: Vec::new(),
        }
    }

    /// A runtime error, as is.
    fn wire(e: tl_runtime::Error) -> Self {
        Self::new(
            Problem::Wire(*e.kind()),
            e.offset(),
            e.constructor_id(),
            e.expected(),
        )
    }

    /// Adds the step `segment` in front of the path (called on the way out).
    fn within(mut self, segment: impl Into<String>) -> Self {
        self.path.insert(0, segment.into());
        self
    }

    /// The path as one string: `updates > updates[3] > message`.
    pub fn path_text(&self) -> String {
        self.path.join(" > ")
    }
}

impl fmt::Display for DecodeError {
    /// The runtime's wording for the runtime's kinds ("unknown constructor id 0xdeadbeef at
    /// byte offset 4 while decoding Update").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = format!(
            "at byte offset {} while decoding {}",
            self.offset, self.expected
        );
        match &self.problem {
            Problem::Wire(kind) => {
                let e = tl_runtime::Error::new(*kind, self.offset, self.constructor_id, NAME);
                f.write_str(&e.to_string().replacen(NAME, &self.expected, 1))
            }
            Problem::Gzip(what) => write!(f, "bad gzip_packed data {at}: {what}"),
            Problem::BodyLength { declared, used } => write!(
                f,
                "message body {at} takes {used} bytes, its `bytes` field says {declared}"
            ),
            Problem::UnknownElements => write!(
                f,
                "cannot tell the element type of a Vector {at}: not constructors, ints or longs"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Result of the decoder.
pub type Result<T> = std::result::Result<T, DecodeError>;

/// What the input is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Root {
    /// Any constructor of the schema, else any function (dispatch on the id), else a `Bool` or
    /// a `Vector`.
    Any,
    /// A function call.
    Function,
    /// A value of this type (boxed or bare).
    Type(Ty),
}

impl Root {
    /// The type the decoded value has, for printing and encoding it.
    pub fn ty(&self) -> Ty {
        match self {
            Root::Any => Ty::Answer,
            Root::Function => Ty::AnyFunction,
            Root::Type(ty) => ty.clone(),
        }
    }
}

/// Decodes all of `bytes` as `root`. Trailing bytes are an error unless the limits allow them.
pub fn decode(schema: &Schema, bytes: &[u8], root: &Root, limits: Limits) -> Result<Value> {
    let mut d = Decoder::new(schema, bytes, limits, 0);
    let value = match root {
        Root::Any => d.any(true, "Object"),
        Root::Function => d.boxed(&Ty::AnyFunction),
        Root::Type(ty) => d.value(ty),
    }?;
    d.r.finish(NAME).map_err(|e| {
        let mut e = DecodeError::wire(e);
        e.expected = root_name(schema, root, &value);
        e
    })?;
    Ok(value)
}

/// The name of what was decoded, for the trailing-bytes error.
fn root_name(schema: &Schema, root: &Root, value: &Value) -> String {
    match value {
        Value::Object(o) => schema
            .defs
            .get(o.def)
            .map_or_else(|| "Object".into(), |d| d.tl_name.clone()),
        _ => schema.type_name(&root.ty()),
    }
}

/// One decode: the reader, the schema and the nesting depth.
struct Decoder<'s, 'a> {
    schema: &'s Schema,
    r: Reader<'a>,
    limits: Limits,
    /// Values nested right now, counted as [`Reader::begin`] and [`Reader::descend`] count them.
    depth: u32,
    /// Where the innermost envelope `message` body ends: a `Vector` answer's elements are
    /// guessed from the bytes up to here.
    end: usize,
    /// The values of the objects being decoded, innermost last: an object takes its own off
    /// the top into a slice of exactly their number when it is complete.
    stack: Vec<Value>,
    /// Decoding inflated `gzip_packed` data, where another `gzip_packed` is refused (MTProto
    /// does not nest them; this keeps one inflater alive at a time).
    inflated: bool,
}

impl<'s, 'a> Decoder<'s, 'a> {
    fn new(schema: &'s Schema, bytes: &'a [u8], limits: Limits, depth: u32) -> Self {
        Decoder {
            schema,
            r: Reader::with_limits(bytes, limits),
            limits,
            depth,
            end: bytes.len(),
            stack: Vec::new(),
            inflated: false,
        }
    }

    /// Pushes a value of the object being decoded; the stack's growth is charged before it
    /// is made (doubling: at most twice what it ever holds).
    fn push(&mut self, value: Value, expected: &str) -> Result<()> {
        if self.stack.len() == self.stack.capacity() {
            let extra = self.stack.capacity().max(16);
            let grown = self.stack.capacity().saturating_add(extra);
            self.charge(grown.saturating_mul(size_of::<Value>()), expected)?;
            self.stack.reserve_exact(extra);
        }
        self.stack.push(value);
        Ok(())
    }

    /// The error of `problem` at the current position.
    fn here(&self, problem: Problem, expected: impl Into<String>) -> DecodeError {
        DecodeError::new(problem, self.r.position(), None, expected)
    }

    /// Charges `bytes` of heap to the allocation budget, before allocating.
    fn charge(&mut self, bytes: usize, expected: &str) -> Result<()> {
        self.r.charge(bytes, NAME).map_err(|e| {
            let mut e = DecodeError::wire(e);
            e.expected = expected.to_owned();
            e
        })
    }

    /// Goes one level deeper; past [`Limits::max_depth`] a `DepthLimit` error for `expected`.
    fn enter(&mut self, expected: &str) -> Result<()> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            let max = self.limits.max_depth;
            return Err(self.here(Problem::Wire(ErrorKind::DepthLimit { max }), expected));
        }
        Ok(())
    }

    /// A constructor id.
    fn id(&mut self, expected: &str) -> Result<u32> {
        self.r.read_u32(NAME).map_err(|e| {
            let mut e = DecodeError::wire(e);
            e.expected = expected.to_owned();
            e
        })
    }

    /// "unknown constructor id" for the id just read.
    fn unknown(&self, id: u32, expected: impl Into<String>) -> DecodeError {
        let offset = self.r.position().saturating_sub(4);
        DecodeError::new(
            Problem::Wire(ErrorKind::UnknownConstructor),
            offset,
            Some(id),
            expected,
        )
    }

    /// A value of type `ty`.
    fn value(&mut self, ty: &Ty) -> Result<Value> {
        let r = &mut self.r;
        Ok(match ty {
            Ty::Int => Value::Int(r.read_i32("int").map_err(DecodeError::wire)?),
            Ty::Long => Value::Long(r.read_i64("long").map_err(DecodeError::wire)?),
            Ty::Double => Value::Double(r.read_f64("double").map_err(DecodeError::wire)?),
            Ty::Nat => Value::Nat(r.read_u32("#").map_err(DecodeError::wire)?),
            Ty::Bool => Value::Bool(self.bool()?),
            Ty::Unit => {
                let id = self.id("True")?;
                if id != TRUE_ID {
                    return Err(self.unknown(id, "True"));
                }
                Value::True
            }
            Ty::String => Value::String(self.string()?),
            Ty::Bytes => Value::Bytes(self.bytes("bytes")?),
            Ty::Raw(n) => Value::Raw(self.raw(*n)?),
            Ty::Vector { bare, elem } => Value::Vector(self.vector(*bare, elem)?),
            Ty::Bare(i) => self.bare(*i)?,
            Ty::Enum(_) | Ty::AnyObject | Ty::AnyFunction => self.boxed(ty)?,
            Ty::Answer => self.any(false, "Object")?,
            Ty::Body => self.any(false, "Object")?,
            Ty::Packed => self.packed()?,
        })
    }

    /// `boolTrue` / `boolFalse`.
    fn bool(&mut self) -> Result<bool> {
        match self.id("Bool")? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(self.unknown(id, "Bool")),
        }
    }

    /// A `string`: strict UTF-8, its data charged.
    fn string(&mut self) -> Result<Box<str>> {
        let offset = self.r.position();
        let data = self.r.read_bytes("string").map_err(DecodeError::wire)?;
        let text = std::str::from_utf8(data).map_err(|_| {
            DecodeError::new(
                Problem::Wire(ErrorKind::InvalidUtf8),
                offset,
                None,
                "string",
            )
        })?;
        self.charge(text.len(), "string")?;
        Ok(text.into())
    }

    /// A `bytes`, its data charged.
    fn bytes(&mut self, expected: &'static str) -> Result<Box<[u8]>> {
        let data = self.r.read_bytes(expected).map_err(DecodeError::wire)?;
        self.charge(data.len(), expected)?;
        Ok(data.into())
    }

    /// `int128` / `int256` / `int512`.
    fn raw(&mut self, n: usize) -> Result<Box<[u8]>> {
        let r = &mut self.r;
        let data: Vec<u8> = match n {
            16 => r.read_array::<16>("int128").map(Vec::from),
            32 => r.read_array::<32>("int256").map(Vec::from),
            64 => r.read_array::<64>("int512").map(Vec::from),
            _ => r.read_array::<0>("raw bytes").map(Vec::from),
        }
        .map_err(DecodeError::wire)?;
        self.charge(n, "raw bytes")?;
        Ok(data.into())
    }

    /// A vector body (and its id when boxed); the buffer charged before it is allocated.
    fn vector(&mut self, bare: bool, elem: &Ty) -> Result<Box<[Value]>> {
        let name = if bare { "vector" } else { "Vector" };
        if !bare {
            let id = self.id("Vector")?;
            if id != VECTOR_ID {
                let offset = self.r.position().saturating_sub(4);
                let kind = ErrorKind::UnexpectedConstructor {
                    expected_id: VECTOR_ID,
                };
                return Err(DecodeError::new(
                    Problem::Wire(kind),
                    offset,
                    Some(id),
                    "Vector",
                ));
            }
        }
        let min = self.min_len(elem);
        let count = self.r.read_count(min, name).map_err(DecodeError::wire)?;
        self.elements(count, name, |d| d.value(elem))
    }

    /// `count` elements read with `read`, the buffer charged first.
    fn elements(
        &mut self,
        count: usize,
        name: &str,
        mut read: impl FnMut(&mut Self) -> Result<Value>,
    ) -> Result<Box<[Value]>> {
        self.charge(count.saturating_mul(size_of::<Value>()), name)?;
        let mut items = Vec::with_capacity(count);
        for i in 0..count {
            items.push(read(self).map_err(|e| e.within(format!("[{i}]")))?);
        }
        Ok(items.into_boxed_slice())
    }

    /// Fewest bytes a value of `ty` takes, as the runtime's `MIN_LEN` says (what a vector count
    /// is checked against): 4 for a boxed type, its `min_bare_len` for a bare constructor.
    fn min_len(&self, ty: &Ty) -> usize {
        match ty {
            Ty::Long | Ty::Double => 8,
            Ty::Raw(n) => *n,
            Ty::Vector { bare: false, .. } => 8,
            Ty::Bare(i) => self.schema.defs.get(*i).map_or(0, |d| d.min_bare_len),
            _ => 4,
        }
    }

    /// A boxed value of a boxed type, `Object` or `Function`: the id names the constructor.
    fn boxed(&mut self, ty: &Ty) -> Result<Value> {
        let schema: &'s Schema = self.schema;
        let expected = match ty {
            Ty::Enum(e) => schema.enums.get(*e).map_or("?", |e| e.tl_name.as_str()),
            Ty::AnyFunction => "Function",
            _ => "Object",
        };
        let id = self.id(expected)?;
        let def = match ty {
            Ty::Enum(e) => self.schema.variant_of(*e, id),
            Ty::AnyFunction => self.schema.function_by_id(id),
            _ => self.schema.type_by_id(id),
        };
        let Some(def) = def else {
            return Err(self.unknown(id, expected));
        };
        self.enter(expected)?;
        let value = self.fields(def);
        self.depth -= 1;
        value
    }

    /// Any constructor (then, with `functions`, any function), a `Bool`, a `True`, or a
    /// `Vector` of guessed elements: what an `rpc_result` may carry.
    fn any(&mut self, functions: bool, expected: &str) -> Result<Value> {
        let id = self.id(expected)?;
        let def = self
            .schema
            .type_by_id(id)
            .or_else(|| functions.then(|| self.schema.function_by_id(id)).flatten());
        if let Some(def) = def {
            self.enter(expected)?;
            let value = self.fields(def);
            self.depth -= 1;
            return value;
        }
        match id {
            BOOL_TRUE_ID => Ok(Value::Bool(true)),
            BOOL_FALSE_ID => Ok(Value::Bool(false)),
            TRUE_ID => Ok(Value::True),
            VECTOR_ID => self.guessed_vector(),
            _ => Err(self.unknown(id, expected)),
        }
    }

    /// A `Vector` whose element type is not known: boxed values if the first element starts
    /// with a known id, else `long`s or `int`s if exactly that many bytes are left (up to the
    /// end of the enclosing message body).
    fn guessed_vector(&mut self) -> Result<Value> {
        let count = self.r.read_count(4, "Vector").map_err(DecodeError::wire)?;
        let left = self.end.saturating_sub(self.r.position());
        let first = self
            .r
            .rest()
            .first_chunk::<4>()
            .map(|b| u32::from_le_bytes(*b));
        let known = first.is_some_and(|id| {
            self.schema.type_by_id(id).is_some() || [BOOL_TRUE_ID, BOOL_FALSE_ID].contains(&id)
        });
        let elem = if count == 0 {
            Ty::Int
        } else if known {
            Ty::Answer
        } else if Some(left) == count.checked_mul(8) {
            Ty::Long
        } else if Some(left) == count.checked_mul(4) {
            Ty::Int
        } else {
            return Err(self.here(Problem::UnknownElements, "Vector"));
        };
        self.elements(count, "Vector", |d| d.value(&elem))
            .map(Value::Vector)
    }

    /// A bare constructor: its fields, one level deeper.
    fn bare(&mut self, def: usize) -> Result<Value> {
        let name = self.def(def).map_or("?", |d| d.tl_name.as_str());
        self.enter(name)?;
        let value = self.fields(def);
        self.depth -= 1;
        value
    }

    fn def(&self, i: usize) -> Option<&'s Def> {
        self.schema.defs.get(i)
    }

    /// The arguments of constructor `def` in wire order; its name is added to the path of an
    /// error.
    fn fields(&mut self, def: usize) -> Result<Value> {
        let Some(d) = self.def(def) else {
            return Err(self.here(Problem::Wire(ErrorKind::NoValue), "?"));
        };
        self.fields_of(def, d)
            .map_err(|e| e.within(format!("{}#{:08x}", d.tl_name, d.id)))
    }

    /// [`fields`](Self::fields) of a known `d`: its values gathered on the stack, then moved
    /// into a slice of exactly their number; the slice and the object are charged as the
    /// generated decoders charge their boxes.
    fn fields_of(&mut self, def: usize, d: &Def) -> Result<Value> {
        let start = self.stack.len();
        if let Err(e) = self.gather(d) {
            self.stack.truncate(start);
            return Err(e);
        }
        let count = self.stack.len() - start;
        let bytes = size_of::<Object>() + count * size_of::<Value>();
        if let Err(e) = self.charge(bytes, &d.tl_name) {
            self.stack.truncate(start);
            return Err(e);
        }
        let values: Box<[Value]> = self.stack.drain(start..).collect();
        Ok(Value::Object(Box::new(Object { def, values })))
    }

    /// Decodes the arguments of `d` in wire order onto the stack: flags words, then each value
    /// whose bit is set (`flags.N?true` arguments take no bytes).
    fn gather(&mut self, d: &Def) -> Result<()> {
        let mut words: Vec<u32> = Vec::new();
        if !d.flag_masks.is_empty() {
            self.charge(d.flag_masks.len() * size_of::<u32>(), &d.tl_name)?;
            words.reserve_exact(d.flag_masks.len());
        }
        let start = self.stack.len();
        for item in &d.items {
            let value = match item {
                Item::Flag { .. } => continue,
                Item::FlagWord { name, word } => {
                    let at = self.r.position();
                    let w = self.r.read_u32("#").map_err(DecodeError::wire)?;
                    let undefined = w & !d.flag_masks.get(*word).copied().unwrap_or(0);
                    if undefined != 0 && self.r.limits().strict {
                        let kind = tl_runtime::ErrorKind::UndefinedFlags {
                            word: static_word_name(name),
                            bits: undefined,
                        };
                        return Err(DecodeError::new(Problem::Wire(kind), at, None, &d.tl_name));
                    }
                    words.push(w);
                    Value::Nat(w)
                }
                Item::Value { name, cond, ty } => {
                    if let Some(bit) = cond {
                        let word = words.get(bit.word).copied().unwrap_or(0);
                        if word & 1u32.checked_shl(bit.bit).unwrap_or(0) == 0 {
                            continue;
                        }
                    }
                    let before = self.stack.get(start..).and_then(<[Value]>::last);
                    let declared = match before {
                        Some(Value::Int(n)) => usize::try_from(*n).ok(),
                        _ => None,
                    };
                    self.argument(ty, declared)
                        .map_err(|e| e.within(name.clone()))?
                }
            };
            self.push(value, &d.tl_name)?;
        }
        Ok(())
    }

    /// One argument; a `message` body is held to the length its `bytes` field (`declared`,
    /// the value before it) says.
    fn argument(&mut self, ty: &Ty, declared: Option<usize>) -> Result<Value> {
        if *ty != Ty::Body {
            return self.value(ty);
        }
        let start = self.r.position();
        let outer = self.end;
        if let Some(n) = declared {
            self.end = start.saturating_add(n).min(outer);
        }
        let value = self.value(ty);
        self.end = outer;
        let value = value?;
        let used = self.r.position() - start;
        match declared {
            Some(declared) if used != declared => {
                let problem = Problem::BodyLength { declared, used };
                Err(DecodeError::new(problem, start, None, "Object"))
            }
            _ => Ok(value),
        }
    }

    /// `gzip_packed`'s data: inflated within the allocation budget, then decoded as any boxed
    /// value with what is left of the depth and the budget.
    fn packed(&mut self) -> Result<Value> {
        let offset = self.r.position();
        let raw = self
            .r
            .read_bytes("gzip_packed")
            .map_err(DecodeError::wire)?;
        let gzip =
            |what: String| DecodeError::new(Problem::Gzip(what), offset, None, "gzip_packed");
        if self.inflated {
            return Err(gzip("gzip_packed inside gzip_packed data".to_owned()));
        }
        self.charge(raw.len() + size_of::<Packed>(), "gzip_packed")?;
        let (inflated, allocated) = inflate(raw, self.r.alloc_left()).map_err(gzip)?;
        self.charge(allocated, "gzip_packed")?;
        let limits = Limits {
            max_alloc: self.r.alloc_left(),
            allow_trailing: false,
            ..self.limits
        };
        let mut inner = Decoder::new(self.schema, &inflated, limits, self.depth);
        inner.inflated = true;
        let value = inner
            .any(false, "Object")
            .and_then(|v| {
                inner.r.finish("Object").map_err(DecodeError::wire)?;
                Ok(v)
            })
            .map_err(|e| {
                e.within(format!(
                    "gzip_packed data at byte offset {offset} (inflated: the offsets below are in it)"
                ))
            })?;
        let used =
            (inner.r.limits().alloc_budget(inflated.len())).saturating_sub(inner.r.alloc_left());
        self.charge(used, "gzip_packed")?;
        Ok(Value::Packed(Box::new(Packed {
            raw: raw.into(),
            inner: value,
        })))
    }
}

/// Heap the inflater of one `gzip_packed` uses for its own state (its window and tables), at
/// most: a fixed amount whatever the input, allocated outside the allocation budget (which
/// covers the inflated data and the decoded tree) and freed when the data is inflated.
pub const INFLATE_STATE: usize = 64 << 10;

/// Inflates gzip data (RFC 1952) into a buffer that grows by doubling while the `budget`
/// covers it; returns the data and the bytes allocated for it. More data than the budget is an
/// error (a zip bomb stops there), and so are a bad header, a bad CRC or length in the trailer.
/// The header is skipped here, not parsed into buffers: nothing but the inflater's fixed state
/// ([`INFLATE_STATE`]) and the output is allocated.
fn inflate(raw: &[u8], budget: usize) -> std::result::Result<(Vec<u8>, usize), String> {
    let body = gzip_body(raw)?;
    let mut deflate = flate2::bufread::DeflateDecoder::new(body);
    let mut out: Vec<u8> = Vec::new();
    let mut allocated = 0usize;
    loop {
        if out.len() == out.capacity() {
            let grown = out.capacity().saturating_mul(2).max(4096);
            allocated = allocated.saturating_add(grown);
            if allocated > budget {
                return Err(format!(
                    "it inflates to more than the {budget} bytes left of the allocation budget"
                ));
            }
            out.reserve_exact(grown - out.len());
        }
        let len = out.len();
        out.resize(out.capacity(), 0);
        match deflate.read(out.get_mut(len..).unwrap_or_default()) {
            Ok(0) => {
                out.truncate(len);
                break;
            }
            Ok(n) => out.truncate(len + n),
            Err(e) => return Err(e.to_string()),
        }
    }
    check_trailer(deflate.into_inner(), &out)?;
    Ok((out, allocated))
}

/// The deflate data of a gzip member: after the 10-byte header and its optional extra field,
/// file name, comment and header CRC.
fn gzip_body(raw: &[u8]) -> std::result::Result<&[u8], String> {
    let truncated = || "the gzip header is cut short".to_owned();
    let Some(([0x1f, 0x8b, 8, flags, ..], mut rest)) = raw.split_first_chunk::<10>() else {
        return Err("not gzip data (no gzip header)".to_owned());
    };
    if flags & 4 != 0 {
        let (len, tail) = rest.split_first_chunk::<2>().ok_or_else(truncated)?;
        rest = tail
            .get(usize::from(u16::from_le_bytes(*len))..)
            .ok_or_else(truncated)?;
    }
    for bit in [8, 16] {
        if flags & bit != 0 {
            let nul = rest.iter().position(|&b| b == 0).ok_or_else(truncated)?;
            rest = rest.get(nul + 1..).ok_or_else(truncated)?;
        }
    }
    if flags & 2 != 0 {
        rest = rest.get(2..).ok_or_else(truncated)?;
    }
    Ok(rest)
}

/// The gzip trailer after the deflate data: the CRC-32 and the length (mod 2^32) of `data`.
fn check_trailer(trailer: &[u8], data: &[u8]) -> std::result::Result<(), String> {
    let Some((crc, rest)) = trailer.split_first_chunk::<4>() else {
        return Err("the gzip trailer is missing".to_owned());
    };
    let Some((len, _)) = rest.split_first_chunk::<4>() else {
        return Err("the gzip trailer is cut short".to_owned());
    };
    let mut sum = flate2::Crc::new();
    sum.update(data);
    if u32::from_le_bytes(*crc) != sum.sum() {
        return Err("the CRC of the inflated data is wrong".to_owned());
    }
    if u32::from_le_bytes(*len) != data.len() as u32 {
        return Err("the length of the inflated data is wrong".to_owned());
    }
    Ok(())
}

/// Whether a decoded value is a constructor of the MTProto envelope.
pub fn is_envelope(schema: &Schema, value: &Value) -> bool {
    matches!(value, Value::Object(o) if schema.defs.get(o.def).is_some_and(|d| d.kind == DefKind::Envelope))
}
