//! The serde impls (feature `serde` of the runtime): one static table of the schema's TL
//! arguments, and two one-line impls per type that hand the value and the table to the
//! runtime's JSON walker. All of it sits inside `__if_serde!`, so without the feature it is
//! dropped before type checking.
//!
//! ```ignore
//! ::tl_runtime::__private::__if_serde! {
//!     mod __json {
//!         use ::tl_runtime::__private::json::{*, Kind::*, Ty::*};
//!         pub static SCHEMA: Schema = Schema { tdlib: false,
//!             ctors: &[Ctor(0x00000001, "user", &[Arg("flags", Word(0)), Arg("bot", True(0, 1)),
//!                      Arg("id", Value(Long)), Arg("photo", Optional(0, 2, Boxed(1)))]) /* … */],
//!             functions: &[/* … */], types: &[Type("User", &[0, 1]) /* … */],
//!             ctor_names: &[/* … */], function_names: &[/* … */] };
//!     }
//!     use __json::SCHEMA as __JSON;
//!     ::tl_runtime::__private::__serde_impls!(__JSON; types::User = Exact(0),
//!         enums::User = Boxed(0), functions::GetUser = Call(0) /* … */);
//! }
//! ```
//!
//! Arguments are the TL arguments as declared (TL names, fields sharing a bit kept apart):
//! the JSON follows the schema text, not the Rust grouping.

use std::fmt::Write as _;

use super::arbitrary::self_path;
use super::{str_lit, Cx};
use crate::model::{ArgKind, Ctor, Ty};

impl Cx<'_> {
    /// The table and the impls, inside `__if_serde!`.
    pub(super) fn json(&self, out: &mut String, rt: &str, tdlib: bool) {
        let model = self.model;
        let ctor_order = sorted_by_id(&model.ctors);
        let function_order = sorted_by_id(&model.functions);
        // Model index → table index.
        let mut ctor_index = vec![0; model.ctors.len()];
        for (t, &m) in ctor_order.iter().enumerate() {
            ctor_index[m] = t;
        }
        let mut function_index = vec![0; model.functions.len()];
        for (t, &m) in function_order.iter().enumerate() {
            function_index[m] = t;
        }
        let table = Table { ctor_index };
        let _ = write!(
            out,
            "{rt}::__if_serde! {{ mod __json {{ use {rt}::json::{{*, Kind::*, Ty::*}}; \
             pub static SCHEMA: Schema = Schema {{ tdlib: {tdlib}, ctors: &["
        );
        for &m in &ctor_order {
            table.ctor(out, &model.ctors[m]);
        }
        out.push_str("], functions: &[");
        for &m in &function_order {
            table.ctor(out, &model.functions[m]);
        }
        out.push_str("], types: &[");
        for e in &model.enums {
            let ctors: Vec<String> = e
                .variants
                .iter()
                .map(|v| table.ctor_index[v.ctor].to_string())
                .collect();
            let _ = write!(
                out,
                "Type({}, &[{}]),",
                str_lit(&e.tl_name),
                ctors.join(",")
            );
        }
        let names = |list: &[Ctor], order: &[usize]| {
            let mut by_name: Vec<usize> = (0..order.len()).collect();
            by_name.sort_by(|&a, &b| list[order[a]].tl_name.cmp(&list[order[b]].tl_name));
            by_name
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let _ = writeln!(
            out,
            "], ctor_names: &[{}], function_names: &[{}] }}; }}",
            names(&model.ctors, &ctor_order),
            names(&model.functions, &function_order)
        );
        self.serde_impls(out, rt, &table, &function_index);
        out.push_str("}\n");
    }

    /// `__serde_impls!(…)` over every type, and the impls of generic functions written out.
    fn serde_impls(&self, out: &mut String, rt: &str, table: &Table, function_index: &[usize]) {
        let model = self.model;
        // Types that borrow get `Serialize` only: a `Deserialize` would have to borrow from the
        // bytes the walker writes.
        let mut owned = Vec::new();
        let mut borrowing = Vec::new();
        let mut push = |path: String, borrows: bool, root: String| {
            if borrows {
                borrowing.push(format!("{path}<'de> = {root}"));
            } else {
                owned.push(format!("{path} = {root}"));
            }
        };
        for (i, c) in model.ctors.iter().enumerate() {
            let root = format!("Exact({})", table.ctor_index[i]);
            push(self_path("types", c), self.lt.ctors[i], root);
        }
        for (i, e) in model.enums.iter().enumerate() {
            let mut path = String::from("enums");
            for m in &e.path.modules {
                path = format!("{path}::{m}");
            }
            push(
                format!("{path}::{}", e.path.name),
                self.lt.enums[i],
                format!("Boxed({i})"),
            );
        }
        let mut generic = Vec::new();
        for (i, f) in model.functions.iter().enumerate() {
            if f.params.is_empty() {
                let root = format!("Call({})", function_index[i]);
                push(self_path("functions", f), self.lt.functions[i], root);
            } else {
                generic.push((f, function_index[i], self.lt.functions[i]));
            }
        }
        if model.any_object {
            push(
                "enums::AnyObject".into(),
                self.lt.any_object,
                "AnyObject()".into(),
            );
        }
        if model.any_function {
            push(
                "functions::AnyFunction".into(),
                self.lt.any_function,
                "AnyFunction()".into(),
            );
        }
        if !owned.is_empty() {
            let _ = writeln!(out, "{rt}::__serde_impls!(__JSON; {});", owned.join(", "));
        }
        if !borrowing.is_empty() {
            let _ = writeln!(
                out,
                "{rt}::__serde_impls!(ser __JSON; {});",
                borrowing.join(", ")
            );
        }
        let _ = writeln!(out, "use __json::SCHEMA as __JSON;");
        for (f, index, borrows) in generic {
            let root = format!("&{rt}::json::Ty::Call({index})");
            let path = self_path("functions", f);
            let args = f.params.join(", ");
            if borrows {
                // `Serialize` only, as for every type that borrows.
                let bound =
                    format!("{rt}::Serialize + {rt}::Deserialize<'de> + ::core::fmt::Debug");
                let params: Vec<String> =
                    f.params.iter().map(|p| format!("{p}: {bound}")).collect();
                let _ = writeln!(
                    out,
                    "impl<'de, {params}> {rt}::serde::Serialize for {path}<'de, {args}> {{ \
                     fn serialize<__S: {rt}::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {{ \
                     {rt}::json::serialize(&__JSON, {root}, self, __s) }} }}",
                    params = params.join(", ")
                );
                continue;
            }
            let bound = format!("{rt}::Serialize + {rt}::DeserializeOwned + ::core::fmt::Debug");
            let params: Vec<String> = f.params.iter().map(|p| format!("{p}: {bound}")).collect();
            let _ = writeln!(
                out,
                "impl<{params}> {rt}::serde::Serialize for {path}<{args}> {{ \
                 fn serialize<__S: {rt}::serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {{ \
                 {rt}::json::serialize(&__JSON, {root}, self, __s) }} }}",
                params = params.join(", ")
            );
            let _ = writeln!(
                out,
                "impl<'de, {params}> {rt}::serde::Deserialize<'de> for {path}<{args}> {{ \
                 fn deserialize<__D: {rt}::serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {{ \
                 {rt}::json::deserialize(&__JSON, {root}, __d) }} }}",
                params = params.join(", ")
            );
        }
    }
}

/// Indices of `list` sorted by constructor id (the table is searched by id).
fn sorted_by_id(list: &[Ctor]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by_key(|&i| list[i].id);
    order
}

/// What writing the table needs: where each constructor of the model sits in it.
struct Table {
    ctor_index: Vec<usize>,
}

impl Table {
    /// `Ctor(0x…, "name", &[Arg("flags", Word(0)), …]),`
    fn ctor(&self, out: &mut String, ctor: &Ctor) {
        let _ = write!(
            out,
            "Ctor({:#010x}, {}, &[",
            ctor.id,
            str_lit(&ctor.tl_name)
        );
        for arg in &ctor.args {
            let _ = write!(out, "Arg({}, ", str_lit(&arg.name));
            match &arg.kind {
                ArgKind::Word(w) => {
                    let _ = write!(out, "Word({w})");
                }
                ArgKind::Value(ty) => {
                    out.push_str("Value(");
                    self.ty(out, ty);
                    out.push(')');
                }
                ArgKind::Optional(flag, ty) => {
                    let _ = write!(out, "Optional({}, {}, ", flag.word, flag.bit);
                    self.ty(out, ty);
                    out.push(')');
                }
                ArgKind::True(flag) => {
                    let _ = write!(out, "True({}, {})", flag.word, flag.bit);
                }
            }
            out.push_str("),");
        }
        out.push_str("]),");
    }

    /// The runtime's `json::Ty` of a field type.
    fn ty(&self, out: &mut String, ty: &Ty) {
        let _ = match ty {
            Ty::Int => write!(out, "Int"),
            Ty::Long => write!(out, "Long"),
            Ty::Int53 => write!(out, "Int53"),
            Ty::Double => write!(out, "Double"),
            Ty::Nat => write!(out, "Nat"),
            Ty::Bool => write!(out, "Bool"),
            Ty::String => write!(out, "String"),
            Ty::Bytes => write!(out, "Bytes"),
            Ty::RawBytes(n) => write!(out, "Raw({n})"),
            Ty::Unit => write!(out, "Unit"),
            Ty::Vector { bare, elem } => {
                out.push_str(if *bare { "BareVector(&" } else { "Vector(&" });
                self.ty(out, elem);
                write!(out, ")")
            }
            Ty::Enum(e) => write!(out, "Boxed({e})"),
            Ty::Bare(c) => write!(out, "Bare({})", self.ctor_index[*c]),
            Ty::Heap(inner) => {
                self.ty(out, inner);
                Ok(())
            }
            Ty::Param(_) | Ty::AnyFunction => write!(out, "AnyFunction"),
            Ty::AnyObject => write!(out, "AnyObject"),
            Ty::Nullable(inner) => {
                out.push_str("Nullable(&");
                self.boxed(out, inner);
                write!(out, ")")
            }
        };
    }

    /// A nullable object's value: always boxed, a bare constructor with its id.
    fn boxed(&self, out: &mut String, ty: &Ty) {
        match ty {
            Ty::Bare(c) => {
                let _ = write!(out, "Exact({})", self.ctor_index[*c]);
            }
            Ty::Heap(inner) => self.boxed(out, inner),
            other => self.ty(out, other),
        }
    }
}
