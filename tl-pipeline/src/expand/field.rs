//! What each kind of field emits, in one place: its codec, its call in `visit_fields` (encoding,
//! length, `Debug`) and its expression in the decoder.
//!
//! | kind | `visit_fields` | decoder |
//! |---|---|---|
//! | required `T` | `__v.plain("x", &self.x)`, `__v.field::<C, _>("x", &self.x)` | `x: __r.get_field("x")`, `x: __get::<C, _>(__r, "x")` (numbers, strings, vectors); else `x: match __r.read_field("x") { __Some(__x) => __x, __None => return __None }` |
//! | `flags.N?T` | `__v.opt("x", &self.x)`, `__v.optional::<C, _>("x", &self.x)` | `x: __r.opt_field(__f0, MASK, "x")`, `x: __optional::<C, _>(__r, __f0, MASK, "x")` |
//! | `flags.N?true` | `__v.flag("x", self.x)` | `x: __f0 & MASK != 0` |
//! | group, members adjacent | `__v.optional::<(C1, C2,), _>("x", &self.x)` | `x: __optional::<(C1, C2,), _>(__r, __f0, MASK, "x")` |
//! | group, members apart | `__v.group("x", &self.x)`, then `__v.member::<C, _>(…)` per member | `let __g0_1 = __optional::<C, _>(…);` per member, `x: __group((__g0_0, __g0_1,))` |
//! | flags word | `__v.flags(__bit(&self.a, MASK) \| …)` | `let __f0 = __r.get_flags(Self::INFO.tl_name, "flags", DEFINED);` (strict: no other bits) |
//!
//! The field's name in each read is what an error's path says after a failure inside it
//! (the runtime's `Error::path`); the name is used only on the
//! failure branch, so it costs the happy path nothing.
//!
//! `C` is a codec marker (`__Plain` for a value in its own boxed form); the `__` names come from
//! the runtime's `__private::__short`, imported into every generated module.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{member_access, nest, str_lit, Cx, MAX_TUPLE};
use crate::model::{ArgKind, Ctor, FieldKind, FlagBit, Ty, Wire};

impl Cx<'_> {
    /// The codec marker of a type, `None` for `Plain` (the value's own boxed form):
    /// `Vector<MessageEntity>` is plain, `bytes` is `__Bytes`, `vector<future_salt>` is
    /// `__BareVector<__Bare>`.
    fn codec(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Bytes => Some("__Bytes".into()),
            Ty::Bare(_) => Some("__Bare".into()),
            // `int256`s in a vector get their codec's `Debug` (hex), not `Vec`'s.
            Ty::Vector { bare: false, elem } => self
                .codec(elem)
                .or_else(|| matches!(**elem, Ty::RawBytes(_)).then(|| "__Plain".into()))
                .map(|m| format!("__Vector<{m}>")),
            Ty::Vector { bare: true, elem } => Some(format!("__BareVector<{}>", self.marker(elem))),
            Ty::Heap(inner) => self.codec(inner).map(|m| format!("__Boxed<{m}>")),
            Ty::Nullable(inner) => Some(format!("__Nullable<{}>", boxed_marker(inner))),
            _ => None,
        }
    }

    /// The codec marker of a type, `__Plain` included.
    fn marker(&self, ty: &Ty) -> String {
        self.codec(ty).unwrap_or_else(|| "__Plain".into())
    }

    /// The codec of an optional value, or of a group (a tuple of markers, nested as its Rust
    /// type is).
    fn optional_codec(&self, kind: &FieldKind) -> String {
        match kind {
            FieldKind::Group(_, tys) => {
                nest(&tys.iter().map(|t| self.marker(t)).collect::<Vec<_>>())
            }
            FieldKind::Optional(_, ty) | FieldKind::Required(ty) => self.marker(ty),
            FieldKind::Flag(_) => "()".into(),
        }
    }

    /// The statements of `visit_fields`, one per step of [`Ctor::wire`].
    pub(super) fn write_visit_body(&self, out: &mut String, ctor: &Ctor) {
        for step in &ctor.wire {
            match *step {
                Wire::FlagWord(w) => {
                    let _ = write!(out, "__v.flags({});", flags_value(ctor, w));
                }
                Wire::Field(i) => {
                    let f = &ctor.fields[i];
                    let (lit, name) = (str_lit(&f.name), &f.name);
                    let _ = match &f.kind {
                        FieldKind::Required(ty) => match self.codec(ty) {
                            None => write!(out, "__v.plain({lit}, &self.{name});"),
                            Some(c) => write!(out, "__v.field::<{c}, _>({lit}, &self.{name});"),
                        },
                        FieldKind::Optional(_, ty) if self.codec(ty).is_none() => {
                            write!(out, "__v.opt({lit}, &self.{name});")
                        }
                        FieldKind::Optional(..) | FieldKind::Group(..) => {
                            let c = self.optional_codec(&f.kind);
                            write!(out, "__v.optional::<{c}, _>({lit}, &self.{name});")
                        }
                        FieldKind::Flag(_) => write!(out, "__v.flag({lit}, self.{name});"),
                    };
                }
                Wire::GroupStart(i) => {
                    let f = &ctor.fields[i];
                    let _ = write!(out, "__v.group({}, &self.{});", str_lit(&f.name), f.name);
                }
                Wire::Member { field, index } => {
                    let f = &ctor.fields[field];
                    if let FieldKind::Group(_, tys) = &f.kind {
                        let access = member_access(tys.len(), index);
                        let c = self.marker(&tys[index]);
                        let _ = write!(
                            out,
                            "__v.member::<{c}, _>(self.{}.as_ref().map(|__t| &__t{access}));",
                            f.name
                        );
                    }
                }
            }
        }
    }

    /// The body of `read_fields`: straight-line code that returns early (`?`) only at required
    /// values of enum and struct types (the runtime's reads of numbers, strings and vectors go
    /// on after a failure). Steps that need a local (flags words, members of groups apart on the
    /// wire) come first as `let`s, with every field before them; the rest are read inside the
    /// struct literal, in wire order.
    pub(super) fn write_read_body(&self, out: &mut String, ctor: &Ctor) {
        let needs_local = |w: &Wire| matches!(w, Wire::FlagWord(_) | Wire::Member { .. });
        let split = ctor.wire.iter().rposition(needs_local).map_or(0, |i| i + 1);
        let (prefix, suffix) = ctor.wire.split_at(split);
        let mut inits = String::new();
        let mut done: HashSet<usize> = HashSet::new();
        for step in prefix {
            match *step {
                Wire::FlagWord(w) => {
                    let _ = write!(
                        out,
                        "let __f{w} = __r.get_flags(Self::INFO.tl_name, {}, {:#x});",
                        str_lit(&ctor.flag_words[w]),
                        defined_bits(ctor, w)
                    );
                }
                Wire::Field(i) => {
                    if let Some(value) = self.read_value(ctor, i) {
                        let name = &ctor.fields[i].name;
                        let _ = write!(out, "let {name} = {value};");
                        let _ = write!(inits, "{name}, ");
                        done.insert(i);
                    }
                }
                Wire::GroupStart(_) => {}
                Wire::Member { field, index } => {
                    if let FieldKind::Group(flag, tys) = &ctor.fields[field].kind {
                        let c = self.marker(&tys[index]);
                        let (word, mask) = flag_test(flag);
                        let name = str_lit(&ctor.fields[field].name);
                        let _ = write!(
                            out,
                            "let __g{field}_{index} = __optional::<{c}, _>(__r, {word}, {mask}, {name});"
                        );
                    }
                }
            }
        }
        for step in suffix {
            if let Wire::Field(i) = *step {
                if let Some(value) = self.read_value(ctor, i) {
                    let _ = write!(inits, "{}: {value}, ", ctor.fields[i].name);
                    done.insert(i);
                }
            }
        }
        // What no read produces: flags from their bits, groups from their members.
        for (i, f) in ctor.fields.iter().enumerate() {
            if done.contains(&i) {
                continue;
            }
            match &f.kind {
                FieldKind::Flag(flag) => {
                    let (word, mask) = flag_test(flag);
                    let _ = write!(inits, "{}: {word} & {mask} != 0, ", f.name);
                }
                FieldKind::Group(_, tys) => {
                    let members: Vec<String> =
                        (0..tys.len()).map(|k| format!("__g{i}_{k}")).collect();
                    let _ = write!(inits, "{}: __group({}), ", f.name, nest_groups(&members));
                }
                FieldKind::Required(_) | FieldKind::Optional(..) => {}
            }
        }
        let _ = write!(out, "__Some(Self {{ {inits}}})");
    }

    /// The decoder expression of field `i` visited as a whole; `None` for a flag (no bytes).
    /// A number, string or vector reads on after a failure (its fallback value); any other
    /// required value stops the decoder (`?`), so nothing is built that is thrown away.
    ///
    /// Each read names its field (`__r.get_field("id")`): the error's path after a failure
    /// inside it; the name is used only on the failure branch.
    fn read_value(&self, ctor: &Ctor, i: usize) -> Option<String> {
        let kind = &ctor.fields[i].kind;
        let name = str_lit(&ctor.fields[i].name);
        Some(match kind {
            FieldKind::Required(ty) => match (self.codec(ty), has_fallback(ty)) {
                (None, true) => format!("__r.get_field({name})"),
                (Some(c), true) => format!("__get::<{c}, _>(__r, {name})"),
                (None, false) => stop_on_none(&format!("__r.read_field({name})")),
                (Some(c), false) => stop_on_none(&format!("__read::<{c}, _>(__r, {name})")),
            },
            FieldKind::Optional(flag, ty) if self.codec(ty).is_none() => {
                let (word, mask) = flag_test(flag);
                format!("__r.opt_field({word}, {mask}, {name})")
            }
            FieldKind::Optional(flag, _) | FieldKind::Group(flag, _) => {
                let c = self.optional_codec(kind);
                let (word, mask) = flag_test(flag);
                format!("__optional::<{c}, _>(__r, {word}, {mask}, {name})")
            }
            FieldKind::Flag(_) => return None,
        })
    }
}

/// The codec of a nullable object's `Some` value: its boxed form, with its id, also for a
/// bare constructor (`__Plain`, or `__Boxed<__Plain>` on the heap).
fn boxed_marker(ty: &Ty) -> String {
    match ty {
        Ty::Heap(inner) => format!("__Boxed<{}>", boxed_marker(inner)),
        _ => "__Plain".into(),
    }
}

/// `match value { __Some(__x) => __x, __None => return __None }`: the value of a decoded
/// `Option`, or the decoder stops. (A `match` compiles faster than `?`.)
fn stop_on_none(value: &str) -> String {
    format!("match {value} {{ __Some(__x) => __x, __None => return __None }}")
}

/// Whether the Rust type of `ty` has a value for after a failed decode that needs no
/// allocation (`Fallback`: numbers, strings, vectors).
pub(super) fn has_fallback(ty: &Ty) -> bool {
    match ty {
        Ty::Int
        | Ty::Long
        | Ty::Int53
        | Ty::Double
        | Ty::Nat
        | Ty::Bool
        | Ty::String
        | Ty::Bytes
        | Ty::RawBytes(_)
        | Ty::Vector { .. }
        | Ty::Nullable(_)
        | Ty::Unit => true,
        Ty::Enum(_)
        | Ty::Bare(_)
        | Ty::Heap(_)
        | Ty::Param(_)
        | Ty::AnyObject
        | Ty::AnyFunction => false,
    }
}

/// Whether the Rust type of `ty` is `Copy` (so are `Option`s and tuples of such types): what
/// `Clone` copies with the struct update instead of cloning. `borrowed`: `string` and `bytes` are
/// `&'de str` and `&'de [u8]`.
pub(super) fn is_copy(ty: &Ty, borrowed: bool) -> bool {
    match ty {
        Ty::Int
        | Ty::Long
        | Ty::Int53
        | Ty::Double
        | Ty::Nat
        | Ty::Bool
        | Ty::RawBytes(_)
        | Ty::Unit => true,
        Ty::String | Ty::Bytes => borrowed,
        Ty::Vector { .. }
        | Ty::Nullable(_)
        | Ty::Enum(_)
        | Ty::Bare(_)
        | Ty::Heap(_)
        | Ty::Param(_)
        | Ty::AnyObject
        | Ty::AnyFunction => false,
    }
}

/// `__bit(&self.a, 4) | __bit(&self.b, 2048) | …`: flags word `word` from the fields
/// that set its bits.
fn flags_value(ctor: &Ctor, word: usize) -> String {
    let terms: Vec<String> = ctor
        .fields
        .iter()
        .filter_map(|f| {
            let flag = match &f.kind {
                FieldKind::Required(_) => return None,
                FieldKind::Flag(flag)
                | FieldKind::Optional(flag, _)
                | FieldKind::Group(flag, _) => flag,
            };
            (flag.word == word).then(|| format!("__bit(&self.{}, {})", f.name, mask(flag)))
        })
        .collect();
    if terms.is_empty() {
        "0".into()
    } else {
        terms.join(" | ")
    }
}

/// The bits of flags word `word` that some field of the constructor is on (`true` fields that
/// share a bit with a value field included): what strict decoding allows.
fn defined_bits(ctor: &Ctor, word: usize) -> u32 {
    ctor.args
        .iter()
        .filter_map(|a| match &a.kind {
            ArgKind::Optional(flag, _) | ArgKind::True(flag) if flag.word == word => {
                Some(1u32 << flag.bit)
            }
            _ => None,
        })
        .fold(0, |bits, bit| bits | bit)
}

/// `0x800`: the mask of a flag bit.
fn mask(flag: &FlagBit) -> String {
    format!("{:#x}", 1u32 << flag.bit)
}

/// The flags-word local and the mask of a bit: `("__f0", "0x800")`.
fn flag_test(flag: &FlagBit) -> (String, String) {
    (format!("__f{}", flag.word), mask(flag))
}

/// Members (`Option`s) to the argument of `__group`, nested past 12 as the Rust tuple is:
/// `(a, …, k, __group((l, m, …)),)`.
fn nest_groups(items: &[String]) -> String {
    if items.len() <= MAX_TUPLE {
        return nest(items);
    }
    let (head, tail) = items.split_at(MAX_TUPLE - 1);
    let mut nested = head.to_vec();
    nested.push(format!("__group({})", nest_groups(tail)));
    nest(&nested)
}
