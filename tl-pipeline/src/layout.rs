//! Layout: which values live inline and which on the heap, so every enum stays small and recursive
//! types are finite; the fewest bytes each constructor takes on the wire; which variant of each
//! enum can be built without recursing (the end of generated values, the placeholder of a failed
//! decode).

use crate::model::{FieldKind, Model, Ty};

/// A variant payload larger than this is boxed. With the tag, every enum stays ≤ 64 bytes.
pub const MAX_INLINE: usize = 48;
const INFINITE: usize = usize::MAX / 4;

#[derive(Clone, Copy, PartialEq)]
enum State {
    Todo,
    Busy,
    Done(usize),
}

/// Decides the layout of the model: `Variant::boxed` for every enum (bare fields that would
/// recurse are wrapped in `Heap`), the terminal variants, and the minimum wire size of every
/// constructor and function.
pub fn decide(model: &mut Model) {
    let mut sizer = Sizer {
        enums: vec![State::Todo; model.enums.len()],
        ctors: vec![State::Todo; model.ctors.len()],
    };
    for e in 0..model.enums.len() {
        sizer.enum_size(model, e);
    }
    let sizes: Vec<usize> = sizer
        .ctors
        .iter()
        .map(|s| match s {
            State::Done(n) => *n,
            _ => INFINITE,
        })
        .collect();
    model.terminal_variants = terminal_variants(model, &sizes);
    model.terminal_object = (0..model.enums.len())
        .filter(|&e| model.terminal_variants[e].is_some())
        .min_by_key(|&e| enum_cost(model, e, &sizes));
    model.terminal_function = model
        .functions
        .iter()
        .position(|f| f.params.is_empty() && ctor_terminates(model, f, &model.terminal_variants));
    let min = min_bare_lens(model);
    for (ctor, min) in model.ctors.iter_mut().zip(min.ctors) {
        ctor.min_bare_len = min;
    }
    for (f, min) in model.functions.iter_mut().zip(min.functions) {
        f.min_bare_len = min;
    }
}

struct Sizer {
    enums: Vec<State>,
    ctors: Vec<State>,
}

impl Sizer {
    fn enum_size(&mut self, model: &mut Model, e: usize) -> usize {
        match self.enums[e] {
            State::Done(n) => return n,
            State::Busy => return INFINITE,
            State::Todo => {}
        }
        self.enums[e] = State::Busy;
        let mut payload = 0;
        for v in 0..model.enums[e].variants.len() {
            let ctor = model.enums[e].variants[v].ctor;
            let size = self.ctor_size(model, ctor);
            let boxed = size > MAX_INLINE;
            model.enums[e].variants[v].boxed = boxed;
            payload = payload.max(if boxed { 8 } else { size });
        }
        let size = 8 + payload;
        self.enums[e] = State::Done(size);
        size
    }

    fn ctor_size(&mut self, model: &mut Model, c: usize) -> usize {
        match self.ctors[c] {
            State::Done(n) => return n,
            State::Busy => return INFINITE,
            State::Todo => {}
        }
        self.ctors[c] = State::Busy;
        let mut total = 0usize;
        for f in 0..model.ctors[c].fields.len() {
            let mut kind = model.ctors[c].fields[f].kind.clone();
            let size = match &mut kind {
                FieldKind::Required(ty) => self.ty_size(model, ty),
                FieldKind::Optional(_, ty) => self.ty_size(model, ty).saturating_add(8),
                FieldKind::Flag(_) => 1,
                FieldKind::Group(_, tys) => {
                    let mut sum = 8usize;
                    for ty in tys.iter_mut() {
                        sum = sum.saturating_add(self.ty_size(model, ty));
                    }
                    sum
                }
            };
            model.ctors[c].fields[f].kind = kind;
            total = total.saturating_add(size);
        }
        let size = total.div_ceil(8) * 8;
        self.ctors[c] = State::Done(size);
        size
    }

    /// Size of a field type; a bare constructor that would contain itself is moved to the heap.
    fn ty_size(&mut self, model: &mut Model, ty: &mut Ty) -> usize {
        match ty {
            Ty::Int | Ty::Nat => 4,
            Ty::Long | Ty::Int53 | Ty::Double => 8,
            Ty::Bool => 1,
            Ty::Nullable(inner) => self.ty_size(model, inner).saturating_add(8),
            Ty::String | Ty::Bytes | Ty::Vector { .. } => 24,
            Ty::RawBytes(n) => *n,
            Ty::Heap(_) | Ty::Param(_) => 8,
            Ty::AnyObject | Ty::AnyFunction => 16,
            Ty::Unit => 0,
            Ty::Enum(e) => self.enum_size(model, *e),
            Ty::Bare(c) => {
                let size = self.ctor_size(model, *c);
                if size > MAX_INLINE {
                    *ty = Ty::Heap(Box::new(ty.clone()));
                    8
                } else {
                    size
                }
            }
        }
    }
}

/// For each enum, a variant whose values can be built without another value of an enum that has
/// no such variant yet (a least fixpoint, so the choices never form a cycle): generated values
/// end there, and a failed decode returns it as its placeholder. Among the candidates of a round
/// the one that allocates least is taken (an unboxed `fooEmpty` rather than a boxed `foo`), so a
/// failed decode allocates next to nothing.
fn terminal_variants(model: &Model, sizes: &[usize]) -> Vec<Option<usize>> {
    let mut terminal: Vec<Option<usize>> = vec![None; model.enums.len()];
    loop {
        let mut changed = false;
        for (e, en) in model.enums.iter().enumerate() {
            if terminal[e].is_some() {
                continue;
            }
            let found = en
                .variants
                .iter()
                .enumerate()
                .filter(|(_, v)| ctor_terminates(model, &model.ctors[v.ctor], &terminal))
                .min_by_key(|(_, v)| {
                    let boxed = if v.boxed { sizes[v.ctor] } else { 0 };
                    boxed.saturating_add(ctor_cost(
                        model,
                        &model.ctors[v.ctor],
                        &terminal,
                        sizes,
                        0,
                    ))
                })
                .map(|(i, _)| i);
            if found.is_some() {
                terminal[e] = found;
                changed = true;
            }
        }
        if !changed {
            return terminal;
        }
    }
}

/// Bytes allocated to build the terminal value of enum `e` (its `Box`, if boxed, and what its
/// required fields need).
fn enum_cost(model: &Model, e: usize, sizes: &[usize]) -> usize {
    let Some(v) = model.terminal_variants[e] else {
        return INFINITE;
    };
    let v = &model.enums[e].variants[v];
    let boxed = if v.boxed { sizes[v.ctor] } else { 0 };
    boxed.saturating_add(ctor_cost(
        model,
        &model.ctors[v.ctor],
        &model.terminal_variants,
        sizes,
        0,
    ))
}

/// Bytes allocated to build a value of `ctor` from no input, given the terminal variants chosen.
fn ctor_cost(
    model: &Model,
    ctor: &crate::model::Ctor,
    terminal: &[Option<usize>],
    sizes: &[usize],
    depth: usize,
) -> usize {
    if depth > 64 {
        return INFINITE;
    }
    let mut total = 0usize;
    for f in &ctor.fields {
        if let FieldKind::Required(ty) = &f.kind {
            total = total.saturating_add(ty_cost(model, ty, terminal, sizes, depth));
        }
    }
    total
}

fn ty_cost(
    model: &Model,
    ty: &Ty,
    terminal: &[Option<usize>],
    sizes: &[usize],
    depth: usize,
) -> usize {
    match ty {
        Ty::Enum(e) => match terminal[*e] {
            Some(v) => {
                let v = &model.enums[*e].variants[v];
                let boxed = if v.boxed { sizes[v.ctor] } else { 0 };
                boxed.saturating_add(ctor_cost(
                    model,
                    &model.ctors[v.ctor],
                    terminal,
                    sizes,
                    depth + 1,
                ))
            }
            None => INFINITE,
        },
        Ty::Heap(inner) => match &**inner {
            Ty::Bare(c) => sizes[*c].saturating_add(ty_cost(model, inner, terminal, sizes, depth)),
            other => ty_cost(model, other, terminal, sizes, depth),
        },
        Ty::Bare(c) => ctor_cost(model, &model.ctors[*c], terminal, sizes, depth + 1),
        // A boxed enum value; which one is decided later, count a typical enum.
        Ty::AnyObject | Ty::AnyFunction => 64,
        _ => 0,
    }
}

/// Can a value of `ctor` be built from no input, given the enums known to terminate? Optional
/// fields are `None` and vectors empty then, so only required fields matter.
fn ctor_terminates(model: &Model, ctor: &crate::model::Ctor, terminal: &[Option<usize>]) -> bool {
    ctor.fields.iter().all(|f| match &f.kind {
        FieldKind::Required(ty) => ty_terminates(model, ty, terminal, 0),
        _ => true,
    })
}

fn ty_terminates(model: &Model, ty: &Ty, terminal: &[Option<usize>], depth: usize) -> bool {
    match ty {
        Ty::Enum(e) => terminal[*e].is_some(),
        Ty::Heap(inner) => ty_terminates(model, inner, terminal, depth),
        Ty::Bare(c) => {
            depth < 64
                && model.ctors[*c].fields.iter().all(|f| match &f.kind {
                    FieldKind::Required(t) => ty_terminates(model, t, terminal, depth + 1),
                    _ => true,
                })
        }
        Ty::AnyObject => terminal.iter().any(Option::is_some),
        _ => true,
    }
}

/// Fewest bytes of each constructor's and function's bare form.
struct MinLens {
    /// Per constructor.
    pub ctors: Vec<usize>,
    /// Per function.
    pub functions: Vec<usize>,
}

/// Computes [`MinLens`]; a bare constructor that contains itself counts 0 (it cannot be encoded).
fn min_bare_lens(model: &Model) -> MinLens {
    let mut memo = vec![None; model.ctors.len()];
    let ctors = (0..model.ctors.len())
        .map(|c| ctor_min(model, &model.ctors[c], &mut memo, &mut Vec::new()))
        .collect();
    let functions = model
        .functions
        .iter()
        .map(|f| ctor_min(model, f, &mut memo, &mut Vec::new()))
        .collect();
    MinLens { ctors, functions }
}

fn ctor_min(
    model: &Model,
    ctor: &crate::model::Ctor,
    memo: &mut Vec<Option<usize>>,
    stack: &mut Vec<usize>,
) -> usize {
    let mut n = 4 * ctor.flag_words.len();
    for f in &ctor.fields {
        if let FieldKind::Required(ty) = &f.kind {
            n += ty_min(model, ty, memo, stack);
        }
    }
    n
}

fn ty_min(model: &Model, ty: &Ty, memo: &mut Vec<Option<usize>>, stack: &mut Vec<usize>) -> usize {
    match ty {
        Ty::Int
        | Ty::Nat
        | Ty::Bool
        | Ty::String
        | Ty::Bytes
        | Ty::Enum(_)
        | Ty::Param(_)
        | Ty::AnyObject
        | Ty::AnyFunction
        | Ty::Nullable(_)
        | Ty::Unit => 4,
        Ty::Long | Ty::Int53 | Ty::Double => 8,
        Ty::RawBytes(n) => *n,
        Ty::Vector { bare, .. } => {
            if *bare {
                4
            } else {
                8
            }
        }
        Ty::Heap(inner) => ty_min(model, inner, memo, stack),
        Ty::Bare(c) => {
            if let Some(n) = memo[*c] {
                return n;
            }
            if stack.contains(c) {
                return 0;
            }
            stack.push(*c);
            let n = ctor_min(model, &model.ctors[*c], memo, stack);
            stack.pop();
            memo[*c] = Some(n);
            n
        }
    }
}
