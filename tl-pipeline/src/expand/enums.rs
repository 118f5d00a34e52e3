//! Boxed types: an enum per type, one variant per constructor.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{str_lit, write_doc, write_docs, Cx, Module};
use crate::model::Enum;

impl Cx<'_> {
    /// A boxed type: the enum, its `BoxedType` match, dispatch on the id, and the impls the
    /// runtime builds on them:
    ///
    /// ```ignore
    /// pub enum Updates { UpdatesTooLong(types::UpdatesTooLong), UpdateShortMessage(Box<types::UpdateShortMessage>), … }
    /// impl Updates { pub fn constructor_id(&self) -> u32; pub fn tl_name(&self) -> &'static str; }
    /// impl BoxedType for Updates {
    ///     fn visit_variant<V: VariantVisitor>(&self, v: V) -> V::Output {
    ///         match self { Self::UpdatesTooLong(x) => v.visit("UpdatesTooLong", x), Self::UpdateShortMessage(x) => v.visit("UpdateShortMessage", &**x), … }
    ///     }
    /// }
    /// impl Deserialize for Updates {
    ///     fn read(r: &mut Reader<'_>) -> Option<Self> {
    ///         let v = match r.begin("Updates") {            // the id, one level deeper
    ///             0xe317af7e => match Constructor::read_fields(r) { Some(x) => Some(Self::UpdatesTooLong(x)), None => None },
    ///             0x313bc7f8 => match read_boxed(r) { Some(x) => Some(Self::UpdateShortMessage(x)), None => None },
    ///             …
    ///             id => { r.fail_unknown(id, "Updates"); None }
    ///         };
    ///         r.end();
    ///         v
    ///     }
    /// }
    /// impl Serialize, Debug, PartialEq for Updates { /* through visit_variant */ }
    /// impl From<types::UpdatesTooLong> for Updates { … }   // one per constructor
    /// ```
    pub(super) fn enum_item(&self, module: &mut Module, e: &Enum, index: usize) {
        let out = &mut module.items;
        let from = &e.path.modules;
        let name = &e.path.name;
        let mut variants = String::new();
        let mut visits = String::new();
        let mut arms = String::new();
        let mut froms = String::new();
        let mut seen_ids = HashSet::new();
        for v in &e.variants {
            let ctor = &self.model.ctors[v.ctor];
            let vname = &v.name;
            let ty = Self::item_path(from, "types", &ctor.path);
            write_doc(
                &mut variants,
                &format!(" `{}#{:08x}`", ctor.tl_name, ctor.id),
            );
            let read = if v.boxed {
                let _ = write!(variants, "{vname}(__Box<{ty}>), ");
                let _ = write!(
                    visits,
                    "Self::{vname}(__x) => __v.visit({}, &**__x), ",
                    str_lit(vname)
                );
                let _ = writeln!(froms, "impl __From<{ty}> for {name} {{ #[inline] fn from(__x: {ty}) -> Self {{ Self::{vname}(__Box::new(__x)) }} }}");
                "__read_boxed(__r)"
            } else {
                let _ = write!(variants, "{vname}({ty}), ");
                let _ = write!(
                    visits,
                    "Self::{vname}(__x) => __v.visit({}, __x), ",
                    str_lit(vname)
                );
                let _ = writeln!(froms, "impl __From<{ty}> for {name} {{ #[inline] fn from(__x: {ty}) -> Self {{ Self::{vname}(__x) }} }}");
                "__Constructor::read_fields(__r)"
            };
            // With `allow_duplicate_ids`, dispatch takes the first constructor of an id.
            if seen_ids.insert(ctor.id) {
                let _ = write!(
                    arms,
                    "{:#010x} => match {read} {{ __Some(__x) => __Some(Self::{vname}(__x)), __None => __None }}, ",
                    ctor.id
                );
            }
        }
        write_docs(out, &e.docs, &format!(" TL type `{}`.", e.tl_name));
        let _ = writeln!(out, "#[derive(__Clone)] pub enum {name} {{ {variants}}}");
        write_boxed_type_impls(out, name, &e.tl_name, &visits, &arms);
        out.push_str(&froms);
        self.arbitrary_enum(&mut module.arbitrary, e, index);
    }
}

/// What every generated enum (boxed types, `AnyObject`, `AnyFunction`) implements around its
/// `visit_variant` arms and its dispatch arms: `constructor_id()`, `tl_name()`, `BoxedType`,
/// `Serialize`, `Deserialize` (dispatch on the id), `Debug` and `PartialEq`.
pub(super) fn write_boxed_type_impls(
    out: &mut String,
    name: &str,
    tl_name: &str,
    visits: &str,
    arms: &str,
) {
    let tl_name = str_lit(tl_name);
    let _ = writeln!(
        out,
        "impl {name} {{ \
         /// The constructor id of the constructor this value holds.\n\
         #[inline] pub fn constructor_id(&self) -> u32 {{ __rt::variant_id(self) }} \
         /// The TL name of the constructor this value holds, e.g. `\"updateShortMessage\"`.\n\
         #[inline] pub fn tl_name(&self) -> &'static str {{ __rt::variant_tl_name(self) }} }}\n\
         impl __rt::BoxedType for {name} {{ fn visit_variant<__V: __rt::VariantVisitor>(&self, __v: __V) -> __V::Output {{ match self {{ {visits}}} }} }}\n\
         impl __rt::Serialize for {name} {{ #[inline] fn serialize<__S: __rt::Sink + ?::core::marker::Sized>(&self, __out: &mut __S) {{ __rt::serialize_variant(self, __out) }} }}\n\
         impl __rt::Deserialize for {name} {{ #[inline] fn read(__r: &mut __Reader<'_>) -> __Option<Self> {{ \
         let __v = match __r.begin({tl_name}) {{ {arms}__id => {{ __r.fail_unknown(__id, {tl_name}); __None }} }}; \
         __r.end(); __v }} }}\n\
         impl __Debug for {name} {{ #[inline] fn fmt(&self, __f: &mut __Formatter<'_>) -> __FmtResult {{ __rt::debug_variant(self, __f) }} }}\n\
         impl __PartialEq for {name} {{ #[inline] fn eq(&self, __o: &Self) -> bool {{ __rt::eq_boxed(self, __o) }} }}"
    );
}
