//! Boxed types: an enum per type, one variant per constructor.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{str_lit, write_doc, write_docs, Cx, Module};
use crate::model::{Enum, Ty};

impl Cx<'_> {
    /// A boxed type: the enum, its `BoxedType` match, dispatch on the id, and the impls the
    /// runtime builds on them:
    ///
    /// ```ignore
    /// pub enum Updates { UpdatesTooLong(types::UpdatesTooLong), UpdateShortMessage(Box<types::UpdateShortMessage>), … }
    /// impl Updates { pub fn constructor_id(&self) -> u32; pub fn tl_name(&self) -> &'static str; }
    /// impl<'de> BoxedType<'de> for Updates {
    ///     const TL_TYPE: &'static str = "Updates";
    ///     fn visit_variant<V: VariantVisitor>(&self, v: V) -> V::Output {
    ///         match self { Self::UpdatesTooLong(x) => v.visit("UpdatesTooLong", x), Self::UpdateShortMessage(x) => v.visit("UpdateShortMessage", &**x), … }
    ///     }
    ///     fn read_variant(r: &mut Reader<'de>, id: u32) -> Option<Self> {   // `id` just read
    ///         match id {
    ///             0xe317af7e => Constructor::read_fields(r).map(Self::UpdatesTooLong),
    ///             0x313bc7f8 => read_boxed(r).map(Self::UpdateShortMessage),
    ///             …
    ///             _ => r.reject(id, Self::TL_TYPE),
    ///         }
    ///     }
    ///     fn tl_name_of(id: u32) -> Option<&'static str> { name_for_id(id) }  // for an error's path
    /// }
    /// __from_impls!(Updates; UpdatesTooLong(types::UpdatesTooLong), …; UpdateShortMessage(types::UpdateShortMessage), …);
    /// // and, once per module, __enum_impls!(Updates, …): constructor_id(), tl_name(),
    /// // Serialize, Debug, PartialEq through visit_variant, Deserialize through read_variant
    /// ```
    pub(super) fn enum_item(&self, module: &mut Module, e: &Enum, index: usize) {
        let out = &mut module.items;
        let from = &e.path.modules;
        let name = &e.path.name;
        let mut variants = String::new();
        let mut visits = String::new();
        let mut arms = String::new();
        let mut froms = String::new();
        let mut boxed_froms = String::new();
        let mut seen_ids = HashSet::new();
        let borrows = self.lt.enums[index];
        for v in &e.variants {
            let ctor = &self.model.ctors[v.ctor];
            let vname = &v.name;
            let ty = self.rust_type(from, &Ty::Bare(v.ctor));
            write_doc(
                &mut variants,
                &format!(" `{}#{:08x}`", ctor.tl_name, ctor.id),
            );
            let (held, value, from_list, read) = if v.boxed {
                let held = format!("__Box<{ty}>");
                (held, "&**__x", &mut boxed_froms, "__read_boxed(__r)")
            } else {
                let read = "__Constructor::read_fields(__r)";
                (ty.clone(), "__x", &mut froms, read)
            };
            let _ = write!(variants, "{vname}({held}), ");
            let _ = write!(
                visits,
                "Self::{vname}(__x) => __v.visit({}, {value}), ",
                str_lit(vname)
            );
            push_from(from_list, vname, &ty);
            // With `allow_duplicate_ids`, dispatch takes the first constructor of an id.
            if seen_ids.insert(ctor.id) {
                let _ = write!(arms, "{:#010x} => {read}.map(Self::{vname}), ", ctor.id);
            }
        }
        write_docs(out, &e.docs, &format!(" TL type `{}`.", e.tl_name));
        let name = Self::with_de(name, borrows);
        let _ = writeln!(out, "#[derive(__Clone)] pub enum {name} {{ {variants}}}");
        write_boxed_type_impls(out, &name, &e.tl_name, &visits, &arms, self.inline());
        let _ = writeln!(out, "__rt::__from_impls!({name}; {froms}; {boxed_froms});");
        module.enums.push(name);
        self.arbitrary_enum(&mut module.arbitrary, e, index);
    }
}

/// One `Variant(Type)` entry of a `__from_impls!` list.
pub(super) fn push_from(list: &mut String, variant: &str, ty: &str) {
    if !list.is_empty() {
        list.push_str(", ");
    }
    let _ = write!(list, "{variant}({ty})");
}

/// What every generated enum (boxed types, `AnyObject`, `AnyFunction`) implements itself: its
/// `BoxedType` (the TL type name, the `visit_variant` arms, the dispatch arms of
/// `read_variant`). `name` is the enum's type (`Message<'de>` when it borrows). The rest (`constructor_id()`, `tl_name()`, `Serialize`, `Deserialize`,
/// `Debug`, `PartialEq`) is the module's one `__rt::__enum_impls!` call.
pub(super) fn write_boxed_type_impls(
    out: &mut String,
    name: &str,
    tl_name: &str,
    visits: &str,
    arms: &str,
    inline: &str,
) {
    let tl_name = str_lit(tl_name);
    let _ = writeln!(
        out,
        "impl<'de> __rt::BoxedType<'de> for {name} {{ const TL_TYPE: &'static str = {tl_name}; \
         fn visit_variant<__V: __rt::VariantVisitor>(&self, __v: __V) -> __V::Output {{ match self {{ {visits}}} }} \
         {inline}fn read_variant(__r: &mut __Reader<'de>, __id: u32) -> __Option<Self> {{ \
         match __id {{ {arms}_ => __r.reject(__id, Self::TL_TYPE) }} }} \
         fn tl_name_of(__id: u32) -> __Option<&'static str> {{ __name_for_id(__id) }} }}"
    );
}
