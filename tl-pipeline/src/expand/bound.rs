//! The schema's allocation bound, `ALLOC_PER_INPUT_BYTE`: the most heap bytes decoding needs per
//! input byte for any valid encoding of any of its types, which the default limits then allow
//! (so no valid input is refused, and a hostile one gets no more than a valid one of its length).
//!
//! The decoder allocates in four places, each charged to the reader's budget first: a vector's
//! buffer (`count × size_of::<T>()`), a boxed enum variant (`size_of` of its struct), a `Box`
//! that breaks a cycle (`Ty::Heap`) or holds an `AnyObject`/`AnyFunction` value, and the data of
//! a `String`/`bytes` (its length). Every allocation is for one value, and every value owns
//! bytes of the input no other value owns: its constructor id (4), its flags words, numbers,
//! `Bool`s, vector headers and the 4 bytes at least of each string. A value held inline in a
//! struct owns its bytes too but allocates nothing for itself.
//!
//! An *allocation unit* is a value in a place: the heap it needs (the `size_of` of each type
//! allocated for it, plus 3 for each string it holds, which may use 3 of its 4 bytes) and the
//! bytes it owns at least. Summed over any valid input the units' own bytes are at most the
//! input, and a longer string needs no more heap than its bytes, so the heap is at most the
//! largest `heap / wire` of a unit times the input: that maximum, rounded up, is the bound. The
//! generator lists every unit the schema can produce; the compiler evaluates the `size_of`s:
//!
//! ```ignore
//! mod __bound {
//!     pub const BOUND: u32 = __alloc_bound! { 0 [super::enums::Message] [super::types::Message] / 28 /* , … */ };
//! }
//! pub const ALLOC_PER_INPUT_BYTE: u32 = __bound::BOUND;
//! ```

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Cx;
use crate::model::{Ctor, FieldKind, Ty};

/// One allocation unit: extra heap bytes, the Rust types whose `size_of` it also needs, and the
/// fewest input bytes it owns.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    heap: usize,
    types: Vec<String>,
    wire: usize,
}

/// Collects the units of a schema.
struct Units<'c, 'm> {
    cx: &'c Cx<'m>,
    units: BTreeSet<Unit>,
    /// (type, place) pairs already visited: a type held the same way twice gives the same units.
    seen: BTreeSet<(String, Vec<String>)>,
}

impl Cx<'_> {
    /// The `__bound` module and `ALLOC_PER_INPUT_BYTE` (see the module docs).
    pub(super) fn alloc_bound(&self, out: &mut String, rt: &str) {
        let mut units = Units {
            cx: self,
            units: BTreeSet::new(),
            seen: BTreeSet::new(),
        };
        units.collect();
        let mut list = String::new();
        for u in &units.units {
            let _ = write!(list, "{}", u.heap);
            for t in &u.types {
                let _ = write!(list, " [{t}]");
            }
            let _ = write!(list, " / {}, ", u.wire);
        }
        let _ = writeln!(
            out,
            "mod __bound {{ use {rt}::__short::*; pub const BOUND: u32 = {rt}::__alloc_bound! {{ {list}}}; }}\n\
             /// Most bytes of heap decoding needs per input byte, for any valid encoding of any type\n\
             /// of this schema: the allocation budget of the default limits (`Limits::with_bound`).\n\
             pub const ALLOC_PER_INPUT_BYTE: u32 = __bound::BOUND;"
        );
    }

    /// Input bytes a constructor's value owns at least, besides its id: flags words and the
    /// required fields that are not values of their own (numbers, `Bool`s, vector headers,
    /// strings), and what the required values held inline that never allocate (an enum with no
    /// boxed variant, a bare constructor) add at least. Such a value's unit needs no more heap
    /// than its strings, less than it owns, so its bytes may count for the value around it: with
    /// `h / w ≥ 1` and the inner value's heap `h' < w'`, `(h + h') / (w + w') ≤ h / (w + w' − h')`.
    fn owned_len(&self, ctor: &Ctor) -> usize {
        self.owned_len_at(ctor, 0)
    }

    /// [`owned_len`](Self::owned_len) of a value `depth` levels inside the one counted.
    fn owned_len_at(&self, ctor: &Ctor, depth: usize) -> usize {
        let mut n = 4 * ctor.flag_words.len();
        for f in &ctor.fields {
            if let FieldKind::Required(ty) = &f.kind {
                n += owned_ty_len(ty) + self.inline_gain(ty, depth);
            }
        }
        n
    }

    /// Fewest bytes (less its heap) a required value of type `ty` held inline adds to the value
    /// around it when it never allocates itself (see [`owned_len`](Self::owned_len)); 0 for the
    /// others. `depth` stops at nesting no valid Rust type has.
    fn inline_gain(&self, ty: &Ty, depth: usize) -> usize {
        if depth > 32 {
            return 0;
        }
        let model = self.model;
        let of = |c: &Ctor| {
            self.owned_len_at(c, depth + 1)
                .saturating_sub(self.string_heap(c))
        };
        match ty {
            Ty::Enum(e) if model.enums[*e].variants.iter().all(|v| !v.boxed) => model.enums[*e]
                .variants
                .iter()
                .map(|v| 4 + of(&model.ctors[v.ctor]))
                .min()
                .unwrap_or(0),
            Ty::Bare(c) => of(&model.ctors[*c]),
            _ => 0,
        }
    }

    /// Heap a constructor's required strings may need beyond the bytes they own: 3 each.
    fn string_heap(&self, ctor: &Ctor) -> usize {
        if self.lt.borrowed {
            return 0;
        }
        let strings = ctor
            .fields
            .iter()
            .filter(|f| matches!(&f.kind, FieldKind::Required(Ty::String | Ty::Bytes)))
            .count();
        3 * strings
    }
}

/// Input bytes a required field of type `ty` owns in its constructor's value.
fn owned_ty_len(ty: &Ty) -> usize {
    match ty {
        Ty::Int | Ty::Nat | Ty::Bool | Ty::Unit | Ty::String | Ty::Bytes => 4,
        Ty::Long | Ty::Int53 | Ty::Double => 8,
        Ty::RawBytes(n) => *n,
        Ty::Vector { bare: true, .. } => 4,
        Ty::Vector { bare: false, .. } => 8,
        Ty::Enum(_)
        | Ty::Bare(_)
        | Ty::Heap(_)
        | Ty::Param(_)
        | Ty::AnyObject
        | Ty::AnyFunction
        | Ty::Nullable(_) => 0,
    }
}

/// Wire length of a fixed-size value.
fn fixed_len(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Int | Ty::Nat | Ty::Bool | Ty::Unit => Some(4),
        Ty::Long | Ty::Int53 | Ty::Double => Some(8),
        Ty::RawBytes(n) => Some(*n),
        _ => None,
    }
}

impl Units<'_, '_> {
    /// Every place of the schema: each field of each constructor and function, each enum and
    /// each function's answer as a root, and `AnyObject`/`AnyFunction`.
    fn collect(&mut self) {
        let model = self.cx.model;
        for c in model.ctors.iter().chain(&model.functions) {
            for f in &c.fields {
                match &f.kind {
                    FieldKind::Required(ty) | FieldKind::Optional(_, ty) => self.visit(ty, &[]),
                    FieldKind::Group(_, tys) => tys.iter().for_each(|t| self.visit(t, &[])),
                    FieldKind::Flag(_) => {}
                }
            }
            if let Some(ret) = &c.returns {
                self.visit(ret, &[]);
            }
        }
        for e in 0..model.enums.len() {
            self.visit(&Ty::Enum(e), &[]);
        }
        if model.any_object {
            self.visit(&Ty::AnyObject, &[]);
        }
        if model.any_function {
            self.visit(&Ty::AnyFunction, &[]);
        }
    }

    fn rust(&self, ty: &Ty) -> String {
        self.cx.rust_type_lt(&[], ty, "'static")
    }

    fn push(&mut self, heap: usize, types: Vec<String>, wire: usize) {
        // Nothing allocated for the value itself: its strings need less than they own.
        if types.is_empty() && heap <= wire {
            return;
        }
        self.units.insert(Unit { heap, types, wire });
    }

    /// A constructor's value (boxed: with its id) in a place that allocates `types`, plus
    /// `extra` (its boxed variant's struct).
    fn ctor(&mut self, ctor: &Ctor, boxed: bool, mut types: Vec<String>, extra: Option<String>) {
        types.extend(extra);
        self.ctor_with(ctor, boxed, types, 0, 0);
    }

    /// [`ctor`](Self::ctor) with `heap` bytes more. A bare value that owns no bytes
    /// (`businessMessage message:message reply_to_message:message`, held in a `Box`) is counted
    /// together with its first required enum or bare value, boxed or not (one unit per
    /// variant): each value of an input still belongs to one unit.
    fn ctor_with(
        &mut self,
        ctor: &Ctor,
        boxed: bool,
        mut types: Vec<String>,
        heap: usize,
        depth: usize,
    ) {
        let heap = heap + self.cx.string_heap(ctor);
        let wire = usize::from(boxed) * 4 + self.cx.owned_len(ctor);
        if wire == 0 && depth < 8 {
            let model = self.cx.model;
            let first = ctor.fields.iter().find_map(|f| match &f.kind {
                FieldKind::Required(ty @ (Ty::Enum(_) | Ty::Bare(_))) => Some(ty),
                FieldKind::Required(Ty::Heap(inner)) => {
                    // The value is in a `Box` of its own: its heap joins this unit too.
                    types.push(self.rust(inner));
                    Some(&**inner)
                }
                _ => None,
            });
            match first {
                Some(Ty::Enum(e)) => {
                    for v in &model.enums[*e].variants {
                        let mut with = types.clone();
                        with.extend(v.boxed.then(|| self.rust(&Ty::Bare(v.ctor))));
                        self.ctor_with(&model.ctors[v.ctor], true, with, heap, depth + 1);
                    }
                    return;
                }
                Some(Ty::Bare(c)) => {
                    return self.ctor_with(&model.ctors[*c], false, types, heap, depth + 1);
                }
                _ => {}
            }
        }
        self.push(heap, types, wire);
    }

    /// The units of a value of type `ty` held where `place` is allocated for it (empty: inline).
    fn visit(&mut self, ty: &Ty, place: &[String]) {
        if !self.seen.insert((format!("{ty:?}"), place.to_vec())) {
            return;
        }
        let model = self.cx.model;
        let here = place.to_vec();
        if let Some(len) = fixed_len(ty) {
            if !place.is_empty() {
                self.push(0, here, len);
            }
            return;
        }
        match ty {
            Ty::String | Ty::Bytes => {
                let heap = if self.cx.lt.borrowed { 0 } else { 3 };
                if !place.is_empty() {
                    self.push(heap, here, 4);
                }
            }
            Ty::Vector { bare, elem } => {
                if !place.is_empty() {
                    self.push(0, here, if *bare { 4 } else { 8 });
                }
                let elem_place = vec![self.rust(elem)];
                self.visit(elem, &elem_place);
            }
            Ty::Heap(inner) => {
                let mut inner_place = here;
                inner_place.push(self.rust(inner));
                self.visit(inner, &inner_place);
            }
            Ty::Nullable(inner) => {
                if !place.is_empty() {
                    self.push(0, here, 4);
                }
                self.visit(inner, place);
            }
            Ty::Enum(e) => {
                for v in &model.enums[*e].variants {
                    let c = &model.ctors[v.ctor];
                    let boxed = v.boxed.then(|| self.rust(&Ty::Bare(v.ctor)));
                    self.ctor(c, true, here.clone(), boxed);
                }
            }
            Ty::Bare(c) => {
                let ctor = &model.ctors[*c];
                self.ctor(ctor, false, here, None);
            }
            Ty::AnyObject => {
                for (e, en) in model.enums.iter().enumerate() {
                    let mut with_box = here.clone();
                    with_box.push(self.rust(&Ty::Enum(e)));
                    for v in &en.variants {
                        let boxed = v.boxed.then(|| self.rust(&Ty::Bare(v.ctor)));
                        self.ctor(&model.ctors[v.ctor], true, with_box.clone(), boxed);
                    }
                }
            }
            Ty::AnyFunction | Ty::Param(_) => {
                if !model.any_function {
                    return;
                }
                for (i, f) in model.functions.iter().enumerate() {
                    let boxed = self.function_type(i);
                    self.ctor(f, true, here.clone(), Some(boxed));
                }
            }
            _ => {}
        }
    }

    /// `super::functions::InvokeWithLayer<super::functions::AnyFunction>`: a function's struct as
    /// `AnyFunction` holds it.
    fn function_type(&self, i: usize) -> String {
        let f = &self.cx.model.functions[i];
        let mut args = Vec::new();
        if self.cx.lt.functions[i] {
            args.push("'static".to_owned());
        }
        let any = self.rust(&Ty::AnyFunction);
        args.extend(f.params.iter().map(|_| any.clone()));
        let path = Cx::item_path(&[], "functions", &f.path);
        if args.is_empty() {
            path
        } else {
            format!("{path}<{}>", args.join(", "))
        }
    }
}
