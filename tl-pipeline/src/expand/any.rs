//! `enums::AnyObject` and `functions::AnyFunction`: the values of TL's `Object` and `Function`
//! (TON, tonlib), generated only when a schema uses them. Decoding dispatches over every
//! constructor (or function) id of the schema.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::enums::{push_from, write_boxed_type_impls};
use super::{write_doc, Cx, Module};
use crate::model::Ty;
use crate::naming;

/// Variant names for TL names with namespaces: `tonNode.blockId` → `TonNodeBlockId`. Where two
/// would clash (`a.b.Config`, `a.bConfig`), both keep their segments apart: `A_B_Config`, `A_BConfig`.
pub(super) fn any_variant_names<'n>(
    tl_names: impl Iterator<Item = &'n str> + Clone,
) -> Vec<String> {
    let joined = |n: &str| naming::type_name(&n.replace('.', "_"));
    let mut count = HashMap::new();
    for n in tl_names.clone() {
        *count.entry(joined(n)).or_insert(0) += 1;
    }
    tl_names
        .map(|n| {
            let name = joined(n);
            if count[&name] > 1 {
                let parts: Vec<String> = n.split('.').map(naming::type_name).collect();
                parts.join("_")
            } else {
                name
            }
        })
        .collect()
}

impl Cx<'_> {
    /// ```ignore
    /// pub enum AnyObject { TonNodeBlockId(Box<enums::ton_node::BlockId>), … }
    /// // visit_variant: the boxed type's own; Deserialize: read the id, find its constructor
    /// // among all types, decode it bare.
    /// ```
    pub(super) fn any_object(&self, module: &mut Module) {
        let out = &mut module.items;
        let mut variants = String::new();
        let mut visits = String::new();
        let mut arms = String::new();
        let mut froms = String::new();
        let mut seen = HashSet::new();
        let names = any_variant_names(self.model.enums.iter().map(|e| e.tl_name.as_str()));
        for (i, (e, vname)) in self.model.enums.iter().zip(&names).enumerate() {
            let ty = self.rust_type(&[], &Ty::Enum(i));
            let path = Self::item_path(&[], "enums", &e.path);
            write_doc(&mut variants, &format!(" `{}`", e.tl_name));
            let _ = write!(variants, "{vname}(__Box<{ty}>), ");
            let _ = write!(
                visits,
                "Self::{vname}(__x) => __rt::BoxedType::visit_variant(&**__x, __v), "
            );
            push_from(&mut froms, vname, &ty);
            for v in &e.variants {
                let ctor = &self.model.ctors[v.ctor];
                let read = if v.boxed {
                    "__read_boxed(__r)"
                } else {
                    "__Constructor::read_fields(__r)"
                };
                // Both boxes are charged to the reader's allocation budget: the variant's by
                // `__read_boxed`, this one by `__rt::boxed`.
                if seen.insert(ctor.id) {
                    let _ = write!(
                        arms,
                        "{:#010x} => {{ let __x = {read}.map({path}::{}); __rt::boxed(__r, __x).map(Self::{vname}) }}, ",
                        ctor.id, v.name
                    );
                }
            }
        }
        out.push_str("/// Any boxed value of this schema (TL `Object`): decoded by dispatch over every constructor.\n");
        let name = Self::with_de("AnyObject", self.lt.any_object);
        let _ = writeln!(out, "#[derive(__Clone)] pub enum {name} {{ {variants}}}");
        write_boxed_type_impls(out, &name, "Object", &visits, &arms, self.inline());
        let _ = writeln!(out, "__rt::__from_impls!({name}; ; {froms});");
        module.enums.push(name);
        self.arbitrary_any(&mut module.arbitrary, false);
    }

    /// ```ignore
    /// pub enum AnyFunction { LiteServerGetTime(Box<functions::lite_server::GetTime>), … }
    /// ```
    /// Generic functions hold `AnyFunction` as their query: `InvokeWithLayer<AnyFunction>`.
    pub(super) fn any_function(&self, module: &mut Module) {
        let out = &mut module.items;
        let mut variants = String::new();
        let mut visits = String::new();
        let mut arms = String::new();
        let mut froms = String::new();
        let mut seen = HashSet::new();
        let names = any_variant_names(self.model.functions.iter().map(|f| f.tl_name.as_str()));
        let any = Self::with_de("AnyFunction", self.lt.any_function);
        for (i, (f, vname)) in self.model.functions.iter().zip(&names).enumerate() {
            let mut ty = Self::item_path(&[], "functions", &f.path);
            let mut args = Vec::new();
            if self.lt.functions[i] {
                args.push("'de");
            }
            args.extend(f.params.iter().map(|_| any.as_str()));
            if !args.is_empty() {
                ty = format!("{ty}<{}>", args.join(", "));
            }
            write_doc(&mut variants, &format!(" `{}#{:08x}`", f.tl_name, f.id));
            let _ = write!(variants, "{vname}(__Box<{ty}>), ");
            let _ = write!(
                visits,
                "Self::{vname}(__x) => __v.visit({vname:?}, &**__x), "
            );
            // `__read_boxed` charges the allocation budget.
            if seen.insert(f.id) {
                let _ = write!(
                    arms,
                    "{:#010x} => __read_boxed::<{ty}>(__r).map(Self::{vname}), ",
                    f.id
                );
            }
            push_from(&mut froms, vname, &ty);
        }
        out.push_str("/// Any function call of this schema (TL `Function`): decoded by dispatch over every function id.\n");
        let _ = writeln!(out, "#[derive(__Clone)] pub enum {any} {{ {variants}}}");
        write_boxed_type_impls(out, &any, "Function", &visits, &arms, self.inline());
        let _ = writeln!(out, "__rt::__from_impls!({any}; ; {froms});");
        module.enums.push(any);
        self.arbitrary_any(&mut module.arbitrary, true);
    }
}
