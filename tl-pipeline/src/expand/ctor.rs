//! A constructor or function struct and its impls.

use std::fmt::Write as _;

use super::errors::write_error_docs;
use super::field::is_copy;
use super::{impl_generics, nest, str_lit, type_generics, write_doc, write_docs, Cx, Module};
use crate::model::{Ctor, FieldKind, Ty};

impl Cx<'_> {
    /// A constructor or function struct and what the runtime needs of it; its id, encoding,
    /// exact length, decoding and boxed form come from the runtime's blanket impls over
    /// `Constructor`:
    ///
    /// ```ignore
    /// /// TL constructor `inputPhoneCall#1e36fded` of `InputPhoneCall`.
    /// pub struct InputPhoneCall { pub id: i64, pub access_hash: i64 }
    /// impl Clone for InputPhoneCall { fn clone(&self) -> Self { Self { ..*self } } }
    /// impl<'de> Constructor<'de> for InputPhoneCall {
    ///     const INFO: CtorInfo = __Info::new(0x1e36fded, "inputPhoneCall", "InputPhoneCall", 16);
    ///     fn visit_fields<V: FieldVisitor + ?Sized>(&self, v: &mut V) { v.plain("id", &self.id); v.plain("access_hash", &self.access_hash); }
    ///     fn read_fields(r: &mut Reader<'de>) -> Option<Self> { Some(Self { id: r.get(), access_hash: r.get() }) }
    /// }
    /// impl Debug for InputPhoneCall { /* debug_fields(self, f) */ }
    /// impl PartialEq for InputPhoneCall { /* eq_bare(self, other): equal encodings */ }
    /// // functions also: impl RemoteCall for DiscardCall { type Return<'r> = enums::Updates; }
    /// ```
    ///
    /// With `borrowed = true` a struct that holds borrowed data takes `'de`, and decodes from
    /// input of that lifetime only: `pub struct Message<'de> { pub message: &'de str, … }`,
    /// `impl<'de> Constructor<'de> for Message<'de>`.
    ///
    /// A constructor without fields (`pub struct InputPeerEmpty {}`) gets all four impls from
    /// the module's `__ctor_impls!` call, as the entry `InputPeerEmpty = 0x7f3b18ea "inputPeerEmpty"`.
    ///
    /// `default` (with `derive = ["Default"]`, for a struct whose fields all have one) makes it
    /// an entry `InputPhoneCall { id, access_hash }` of the module's `__default_impls!`; with
    /// `derive = ["Eq", "Hash"]` it is named in the module's `__std_impls!(bare [Eq Hash] …)`.
    /// `?true` flags on a bit another field holds get accessors (`write_implied_flags`).
    pub(super) fn ctor_struct(
        &self,
        module: &mut Module,
        ctor: &Ctor,
        is_function: bool,
        default: bool,
    ) {
        let out = &mut module.items;
        let from = &ctor.path.modules;
        let name = &ctor.path.name;
        let borrows = self.lt.ctor_borrows(ctor);
        let generics = type_generics(ctor, borrows);
        let head = if is_function {
            format!(
                " TL function `{}#{:08x}`, answered by `{}`.",
                ctor.tl_name, ctor.id, ctor.result_name
            )
        } else {
            format!(
                " TL constructor `{}#{:08x}` of `{}`.",
                ctor.tl_name, ctor.id, ctor.result_name
            )
        };
        write_docs(out, &ctor.docs, &head);
        write_error_docs(out, ctor);
        let _ = write!(out, "pub struct {name}{generics} {{");
        for f in &ctor.fields {
            for d in &f.docs {
                write_doc(out, d);
            }
            let _ = write!(out, "pub {}: {}, ", f.name, self.field_type(from, &f.kind));
        }
        out.push_str("}\n");
        if ctor.params.is_empty() {
            module.structs.push(Self::with_de(name, borrows));
        }
        if ctor.fields.is_empty() && ctor.params.is_empty() {
            // Clone, Constructor, Debug, PartialEq: all from the module's `__ctor_impls!`.
            let entry = format!("{name} = {:#010x} {}", ctor.id, str_lit(&ctor.tl_name));
            module.ctors.push(entry);
        } else {
            self.write_items(module, ctor);
        }
        self.write_implied_flags(&mut module.items, ctor);
        if default {
            let fields: Vec<&str> = ctor.fields.iter().map(|f| f.name.as_str()).collect();
            let entry = format!(
                "{} {{ {} }}",
                Self::with_de(name, borrows),
                fields.join(", ")
            );
            module.defaults.push(entry);
        }
        if is_function {
            let out = &mut module.items;
            // The answer's lifetime is its own buffer's (`'r`), not the request's (`'de`).
            let ret = match &ctor.returns {
                Some(Ty::Param(p)) => format!("<{p} as __rt::RemoteCall>::Return<'r>"),
                Some(ty) => self.rust_type_lt(from, ty, "'r"),
                None => "()".into(),
            };
            let bound = "__rt::RemoteCall + __Deserialize<'de> + __Debug";
            let de = borrows || !ctor.params.is_empty();
            let _ = writeln!(
                out,
                "impl{} __rt::RemoteCall for {name}{generics} {{ type Return<'r> = {ret};{} }}",
                impl_generics(ctor, de, bound),
                self.errors_const(ctor)
            );
        }
        self.arbitrary_struct(&mut module.arbitrary, ctor);
    }

    /// The `Clone` and `Constructor` impls of a struct with fields (or generic); `Debug` and
    /// `PartialEq` too when generic, else they come from the module's `__ctor_impls!`.
    fn write_items(&self, module: &mut Module, ctor: &Ctor) {
        let out = &mut module.items;
        let name = &ctor.path.name;
        let borrows = self.lt.ctor_borrows(ctor);
        let generics = type_generics(ctor, borrows);
        self.write_clone(out, ctor);
        let bound = impl_generics(ctor, true, "__rt::Serialize + __Deserialize<'de> + __Debug");
        let _ = write!(
            out,
            "impl{bound} __Constructor<'de> for {name}{generics} {{ \
             const INFO: __CtorInfo = __Info::new({:#010x}, {}, {}, {}); \
             fn visit_fields<__V: __FieldVisitor + ?::core::marker::Sized>(&self, __v: &mut __V) {{ ",
            ctor.id,
            str_lit(&ctor.tl_name),
            str_lit(name),
            ctor.min_bare_len
        );
        self.write_visit_body(out, ctor);
        let _ = write!(
            out,
            " }} {}fn read_fields(__r: &mut __Reader<'de>) -> __Option<Self> {{ ",
            self.inline()
        );
        self.write_read_body(out, ctor);
        out.push_str(" } }\n");
        if ctor.params.is_empty() {
            module.ctors.push(Self::with_de(name, borrows));
        } else {
            let inline = self.inline();
            let _ = writeln!(
                out,
                "impl{bound} __Debug for {name}{generics} {{ {inline}fn fmt(&self, __f: &mut __Formatter<'_>) -> __FmtResult {{ __rt::debug_fields(self, __f) }} }}\n\
                 impl{bound} __PartialEq for {name}{generics} {{ {inline}fn eq(&self, __o: &Self) -> bool {{ __rt::eq_bare(self, __o) }} }}"
            );
            if self.derive.eq {
                let _ = writeln!(out, "impl{bound} ::core::cmp::Eq for {name}{generics} {{}}");
            }
            if self.derive.hash {
                let _ = writeln!(
                    out,
                    "impl{bound} ::core::hash::Hash for {name}{generics} {{ fn hash<__H: ::core::hash::Hasher>(&self, __h: &mut __H) {{ __rt::hash_bare(self, __h) }} }}"
                );
            }
        }
    }

    /// Accessors for the `?true` flags that share their bit with another field (they are not
    /// fields themselves):
    ///
    /// ```ignore
    /// impl User {
    ///     /// `bot:flags.14?true`: set when `bot_info_version` is present.
    ///     #[inline]
    ///     pub fn bot(&self) -> bool { self.bot_info_version.is_some() }
    /// }
    /// ```
    fn write_implied_flags(&self, out: &mut String, ctor: &Ctor) {
        if ctor.implied_flags.is_empty() {
            return;
        }
        let generics = type_generics(ctor, self.lt.ctor_borrows(ctor));
        let _ = write!(out, "impl{generics} {}{generics} {{ ", ctor.path.name);
        for flag in &ctor.implied_flags {
            let field = &ctor.fields[flag.field].name;
            let (doc, value) = match ctor.fields[flag.field].kind {
                FieldKind::Flag(_) => (
                    format!(" `{}`: the field `{field}`.", flag.tl_text),
                    format!("self.{field}"),
                ),
                _ => (
                    format!(" `{}`: set when `{field}` is present.", flag.tl_text),
                    format!("self.{field}.is_some()"),
                ),
            };
            write_doc(out, &doc);
            let _ = write!(
                out,
                "#[inline] pub fn {}(&self) -> bool {{ {value} }} ",
                flag.name
            );
        }
        out.push_str(
            "}
",
        );
    }

    /// `Clone`: the fields that are not `Copy` cloned, the others copied by the struct update
    /// (fewer trait calls to check than `#[derive(Clone)]` writes):
    /// `Self { message: __Clone::clone(&self.message), ..*self }`.
    fn write_clone(&self, out: &mut String, ctor: &Ctor) {
        let name = &ctor.path.name;
        let borrows = self.lt.ctor_borrows(ctor);
        let generics = type_generics(ctor, borrows);
        let bound = impl_generics(ctor, borrows, "__Clone");
        let _ = write!(
            out,
            "impl{bound} __Clone for {name}{generics} {{ {}fn clone(&self) -> Self {{ Self {{ ",
            self.inline()
        );
        let mut copied = false;
        for f in &ctor.fields {
            let copy = match &f.kind {
                FieldKind::Flag(_) => true,
                FieldKind::Required(ty) | FieldKind::Optional(_, ty) => {
                    is_copy(ty, self.lt.borrowed)
                }
                FieldKind::Group(_, tys) => tys.iter().all(|t| is_copy(t, self.lt.borrowed)),
            };
            if copy {
                copied = true;
            } else {
                let _ = write!(out, "{0}: __Clone::clone(&self.{0}), ", f.name);
            }
        }
        if copied {
            out.push_str("..*self ");
        }
        out.push_str("} } }\n");
    }

    fn field_type(&self, from: &[String], kind: &FieldKind) -> String {
        match kind {
            FieldKind::Required(ty) => self.rust_type(from, ty),
            FieldKind::Optional(_, ty) => {
                format!("__Option<{}>", self.rust_type(from, ty))
            }
            FieldKind::Flag(_) => "bool".into(),
            FieldKind::Group(_, tys) => {
                let tys: Vec<String> = tys.iter().map(|t| self.rust_type(from, t)).collect();
                format!("__Option<{}>", nest(&tys))
            }
        }
    }
}
