//! Which generated types take the lifetime `'de` (`borrowed = true` only): a type does when it
//! holds a `string` or `bytes` (then `&'de str`, `&'de [u8]`), or a value of a type that does.
//! Types refer to each other in cycles, so this is a fixpoint over the whole model.

use crate::model::{Ctor, FieldKind, Model, Ty};

/// The answer for every constructor, boxed type and function of a model.
#[derive(Debug, Default)]
pub(super) struct Lifetimes {
    /// `borrowed = true`: `string` and `bytes` borrow.
    pub borrowed: bool,
    /// Indexed like [`Model::ctors`].
    pub ctors: Vec<bool>,
    /// Indexed like [`Model::enums`].
    pub enums: Vec<bool>,
    /// Indexed like [`Model::functions`].
    pub functions: Vec<bool>,
    /// `enums::AnyObject` (any boxed value) borrows.
    pub any_object: bool,
    /// `functions::AnyFunction` (any function call) borrows.
    pub any_function: bool,
}

impl Lifetimes {
    /// All `false` for an owned schema; else the least fixpoint: start from "borrows nothing" and
    /// mark a type when one of its fields borrows, until nothing changes (each round marks at
    /// least one more type or ends, so it ends within as many rounds as there are types).
    pub(super) fn of(model: &Model, borrowed: bool) -> Self {
        let mut lt = Lifetimes {
            borrowed,
            ctors: vec![false; model.ctors.len()],
            enums: vec![false; model.enums.len()],
            functions: vec![false; model.functions.len()],
            any_object: false,
            any_function: false,
        };
        if !borrowed {
            return lt;
        }
        loop {
            let mut changed = false;
            let mut mark = |flag: &mut bool, now: bool| {
                if now && !*flag {
                    *flag = true;
                    changed = true;
                }
            };
            for (i, c) in model.ctors.iter().enumerate() {
                let now = lt.ctor_borrows(c);
                mark(&mut lt.ctors[i], now);
            }
            for (i, e) in model.enums.iter().enumerate() {
                let now = e.variants.iter().any(|v| lt.ctors[v.ctor]);
                mark(&mut lt.enums[i], now);
            }
            for (i, f) in model.functions.iter().enumerate() {
                let now = lt.ctor_borrows(f);
                mark(&mut lt.functions[i], now);
            }
            let now = lt.enums.iter().any(|&b| b);
            mark(&mut lt.any_object, now);
            let now = lt.functions.iter().any(|&b| b);
            mark(&mut lt.any_function, now);
            if !changed {
                return lt;
            }
        }
    }

    /// Whether a constructor or function with these fields borrows, by what is known so far.
    pub(super) fn ctor_borrows(&self, ctor: &Ctor) -> bool {
        ctor.fields.iter().any(|f| match &f.kind {
            FieldKind::Flag(_) => false,
            FieldKind::Required(ty) | FieldKind::Optional(_, ty) => self.ty_borrows(ty),
            FieldKind::Group(_, tys) => tys.iter().any(|t| self.ty_borrows(t)),
        })
    }

    /// Whether a value of `ty` borrows. A type parameter (`!X`) carries its own lifetime.
    pub(super) fn ty_borrows(&self, ty: &Ty) -> bool {
        match ty {
            Ty::String | Ty::Bytes => self.borrowed,
            Ty::Vector { elem, .. } | Ty::Heap(elem) | Ty::Nullable(elem) => self.ty_borrows(elem),
            Ty::Enum(e) => self.enums[*e],
            Ty::Bare(c) => self.ctors[*c],
            Ty::AnyObject => self.any_object,
            Ty::AnyFunction => self.any_function,
            Ty::Int
            | Ty::Long
            | Ty::Int53
            | Ty::Double
            | Ty::Nat
            | Ty::Bool
            | Ty::RawBytes(_)
            | Ty::Param(_)
            | Ty::Unit => false,
        }
    }
}
