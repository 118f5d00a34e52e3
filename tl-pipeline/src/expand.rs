//! [`Model`] to Rust tokens: `types::` (a struct per constructor), `enums::` (an enum per boxed
//! type, with constructor-id dispatch) and `functions::` (a struct per function).
//!
//! Generated bodies are one call per field into generic runtime helpers, so the code stays small
//! and compiles fast. Items refer to each other by relative paths (`super::super::enums::Peer`), so
//! the macro works in any module, and to the runtime by an absolute path (`::tl_runtime::__private`).

mod any;
mod arbitrary;

use std::collections::{BTreeMap, HashSet};

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Ctor, Enum, FieldKind, FlagBit, Model, RustPath, Ty, Wire};

/// Where the generated code finds the runtime and how deep an item is nested.
struct Cx<'m> {
    rt: &'m TokenStream,
    model: &'m Model,
}

/// The three top modules and their items.
pub fn expand(model: &Model, rt: &TokenStream) -> TokenStream {
    let cx = Cx { rt, model };
    let mut types = ModuleTree::default();
    let mut enums = ModuleTree::default();
    let mut functions = ModuleTree::default();
    for ctor in &model.ctors {
        types.insert(&ctor.path.modules, cx.ctor_struct(ctor, false));
    }
    for (i, e) in model.enums.iter().enumerate() {
        enums.insert(&e.path.modules, cx.enum_item(e));
        enums.insert(&e.path.modules, cx.arbitrary_enum(e, i));
    }
    for f in &model.functions {
        functions.insert(&f.path.modules, cx.ctor_struct(f, true));
    }
    if model.any_object {
        enums.insert(&[], cx.any_object());
        enums.insert(&[], cx.arbitrary_any(false));
    }
    if model.any_function {
        functions.insert(&[], cx.any_function());
        functions.insert(&[], cx.arbitrary_any(true));
    }
    let for_each_type = cx.for_each_type();
    let rt_path = rt;
    let types = types.into_tokens();
    let enums = enums.into_tokens();
    let functions = functions.into_tokens();
    let allow = quote! {
        #[allow(
            unused_qualifications, unused_parens, unused_variables, non_camel_case_types, non_snake_case,
            missing_docs, clippy::all, clippy::pedantic, clippy::nursery
        )]
    };
    // The three modules sit inside one wrapper so that `super::` paths between them also work when
    // the macro is invoked inside a function body (where `super` skips the block).
    quote! {
        #[doc(hidden)]
        #allow
        pub mod __tl_schema {
            /// One struct per TL constructor; namespaces are sub-modules.
            pub mod types { #types }
            /// One enum per TL boxed type, one variant per constructor.
            pub mod enums { #enums }
            /// One struct per TL function; `RemoteCall::Return` says what it answers.
            pub mod functions { #functions }
            #for_each_type
        }
        #[doc(inline)]
        pub use __tl_schema::{enums, functions, types};
        #rt_path::__if_arbitrary! { pub use __tl_schema::for_each_type; }
    }
}

/// Tuples implement `Debug`, `PartialEq`, … up to 12 elements: a longer group of fields nests, its
/// 12th element holding the rest (`(a, …, k, (l, m, …))`).
const MAX_TUPLE: usize = 12;

/// The tuple type or expression of a group's members, nested past [`MAX_TUPLE`].
fn nest(items: Vec<TokenStream>) -> TokenStream {
    if items.len() <= MAX_TUPLE {
        return quote!((#(#items,)*));
    }
    let (head, tail) = items.split_at(MAX_TUPLE - 1);
    let tail = nest(tail.to_vec());
    quote!((#(#head,)* #tail,))
}

/// `.3` or, in a nested group, `.11.3`: where member `k` of an `n`-member group sits.
fn member_access(n: usize, k: usize) -> TokenStream {
    if n <= MAX_TUPLE || k < MAX_TUPLE - 1 {
        let idx = Literal::usize_unsuffixed(k);
        return quote!(.#idx);
    }
    let idx = Literal::usize_unsuffixed(MAX_TUPLE - 1);
    let rest = member_access(n - (MAX_TUPLE - 1), k - (MAX_TUPLE - 1));
    quote!(.#idx #rest)
}

/// A constructor's type parameters as identifiers, and `<X, Y>` (empty without parameters).
fn type_params(ctor: &Ctor) -> (Vec<proc_macro2::Ident>, TokenStream) {
    let params: Vec<_> = ctor.params.iter().map(|p| format_ident!("{}", p)).collect();
    let generics = if params.is_empty() {
        quote!()
    } else {
        quote!(<#(#params),*>)
    };
    (params, generics)
}

/// Items grouped by namespace module.
#[derive(Default)]
struct ModuleTree {
    items: TokenStream,
    children: BTreeMap<String, ModuleTree>,
}

impl ModuleTree {
    fn insert(&mut self, modules: &[String], item: TokenStream) {
        match modules.split_first() {
            None => self.items.extend(item),
            Some((first, rest)) => self
                .children
                .entry(first.clone())
                .or_default()
                .insert(rest, item),
        }
    }

    /// `items… pub mod ns { … }`
    fn into_tokens(self) -> TokenStream {
        let mut out = self.items;
        for (name, child) in self.children {
            let ident = format_ident!("{}", name);
            let inner = child.into_tokens();
            out.extend(quote! { pub mod #ident { #inner } });
        }
        out
    }
}

/// Which runtime codec puts a type on the wire.
#[derive(Clone)]
enum Codec {
    /// Through `Serialize`/`Deserialize` directly.
    Plain,
    /// A `Codec` marker type, e.g. `BareVector<Bare>`.
    Marker(TokenStream),
}

impl Cx<'_> {
    /// `super::super::` to get from an item in `modules` (below a top module) to the macro's module.
    fn to_root(modules: &[String]) -> TokenStream {
        let supers = std::iter::repeat_n(quote!(super::), modules.len() + 1);
        quote!(#(#supers)*)
    }

    fn item_path(from: &[String], top: &str, path: &RustPath) -> TokenStream {
        let root = Self::to_root(from);
        let top = format_ident!("{}", top);
        let modules = path.modules.iter().map(|m| format_ident!("{}", m));
        let name = format_ident!("{}", path.name);
        quote!(#root #top :: #(#modules ::)* #name)
    }

    /// The Rust type of a field, written from inside module `from`.
    ///
    /// `Vector<MessageEntity>` → `::std::vec::Vec<super::super::enums::MessageEntity>`.
    fn rust_type(&self, from: &[String], ty: &Ty) -> TokenStream {
        match ty {
            Ty::Int => quote!(i32),
            Ty::Long => quote!(i64),
            Ty::Double => quote!(f64),
            Ty::Nat => quote!(u32),
            Ty::Bool => quote!(bool),
            Ty::String => quote!(::std::string::String),
            Ty::Bytes => quote!(::std::vec::Vec<u8>),
            Ty::RawBytes(n) => {
                let n = Literal::usize_unsuffixed(*n);
                quote!([u8; #n])
            }
            Ty::Vector { elem, .. } => {
                let elem = self.rust_type(from, elem);
                quote!(::std::vec::Vec<#elem>)
            }
            Ty::Enum(e) => Self::item_path(from, "enums", &self.model.enums[*e].path),
            Ty::Bare(c) => Self::item_path(from, "types", &self.model.ctors[*c].path),
            Ty::Heap(inner) => {
                let inner = self.rust_type(from, inner);
                quote!(::std::boxed::Box<#inner>)
            }
            Ty::Param(name) => {
                let name = format_ident!("{}", name);
                quote!(#name)
            }
            Ty::AnyObject => {
                let root = Self::to_root(from);
                quote!(#root enums::AnyObject)
            }
            Ty::AnyFunction => {
                let root = Self::to_root(from);
                quote!(#root functions::AnyFunction)
            }
            Ty::Unit => quote!(()),
        }
    }

    /// `Vector<T>` of plain elements is plain (`Vec<T>: Serialize`); everything else names a marker.
    fn codec(&self, ty: &Ty) -> Codec {
        let rt = self.rt;
        match ty {
            Ty::Bytes => Codec::Marker(quote!(#rt::Bytes)),
            Ty::Bare(_) => Codec::Marker(quote!(#rt::Bare)),
            Ty::Vector { bare: false, elem } => match self.codec(elem) {
                Codec::Plain => Codec::Plain,
                Codec::Marker(m) => Codec::Marker(quote!(#rt::Vector<#m>)),
            },
            Ty::Vector { bare: true, elem } => {
                let m = self.marker(elem);
                Codec::Marker(quote!(#rt::BareVector<#m>))
            }
            Ty::Heap(inner) => match self.codec(inner) {
                Codec::Plain => Codec::Plain,
                Codec::Marker(m) => Codec::Marker(quote!(#rt::Boxed<#m>)),
            },
            _ => Codec::Plain,
        }
    }

    fn marker(&self, ty: &Ty) -> TokenStream {
        let rt = self.rt;
        match self.codec(ty) {
            Codec::Plain => quote!(#rt::Plain),
            Codec::Marker(m) => m,
        }
    }

    /// `RT::Serialize::serialize(value, __out);` or `<Marker as RT::Codec<_>>::encode(value, __out);`
    fn encode(&self, ty: &Ty, value: TokenStream) -> TokenStream {
        let rt = self.rt;
        match self.codec(ty) {
            Codec::Plain => quote!(#rt::Serialize::serialize(#value, __out);),
            Codec::Marker(m) => quote!(<#m as #rt::Codec<_>>::encode(#value, __out);),
        }
    }

    fn encoded_len(&self, ty: &Ty, value: TokenStream) -> TokenStream {
        let rt = self.rt;
        match self.codec(ty) {
            Codec::Plain => quote!(#rt::Serialize::serialized_len(#value)),
            Codec::Marker(m) => quote!(<#m as #rt::Codec<_>>::encoded_len(#value)),
        }
    }

    fn decode(&self, ty: &Ty) -> TokenStream {
        let rt = self.rt;
        match self.codec(ty) {
            Codec::Plain => quote!(#rt::Deserialize::deserialize(__r)?),
            Codec::Marker(m) => quote!(<#m as #rt::Codec<_>>::decode(__r)?),
        }
    }

    /// A constructor or function struct and its trait impls:
    ///
    /// ```ignore
    /// /// `inputPhoneCall#1e36fded` (`InputPhoneCall`)
    /// #[derive(Clone, Debug, PartialEq)]
    /// pub struct InputPhoneCall { pub id: i64, pub access_hash: i64 }
    /// impl Identifiable for InputPhoneCall { const CONSTRUCTOR_ID: u32 = 0x1e36fded; … }
    /// impl BareSerialize for InputPhoneCall { fn serialize_bare(&self, __out) { Serialize::serialize(&self.id, __out); … } … }
    /// impl BareDeserialize for InputPhoneCall { fn deserialize_bare(__r) -> Result<Self> { let id = Deserialize::deserialize(__r)?; … } }
    /// impl Serialize for InputPhoneCall { /* id, then bare */ }
    /// impl Deserialize for InputPhoneCall { /* check id, then bare */ }
    /// // functions also: impl RemoteCall for DiscardCall { type Return = enums::Updates; }
    /// ```
    fn ctor_struct(&self, ctor: &Ctor, is_function: bool) -> TokenStream {
        let rt = self.rt;
        let from = &ctor.path.modules;
        let name = format_ident!("{}", ctor.path.name);
        let (params, generics) = type_params(ctor);
        let bounded = |bound: TokenStream| {
            if params.is_empty() {
                quote!()
            } else {
                quote!(<#(#params: #bound),*>)
            }
        };
        let doc = self.ctor_doc(ctor, is_function);
        let fields = ctor.fields.iter().map(|f| {
            let fname = format_ident!("{}", f.name);
            let ty = self.field_type(from, &f.kind);
            let docs = f.docs.iter();
            quote!(#(#[doc = #docs])* pub #fname: #ty)
        });
        let id = Literal::u32_suffixed(ctor.id);
        let tl_name = &ctor.tl_name;
        let ser = self.serialize_body(ctor);
        let len = self.len_body(ctor);
        let de = self.deserialize_body(ctor);
        let min_bare = Literal::usize_unsuffixed(ctor.min_bare_len);
        let min_boxed = Literal::usize_unsuffixed(ctor.min_bare_len + 4);
        let ser_bound = bounded(quote!(#rt::Serialize));
        let de_bound = bounded(quote!(#rt::Deserialize));
        let arbitrary_impl = self.arbitrary_struct(ctor);
        let remote = if is_function {
            let ret = match &ctor.returns {
                Some(Ty::Param(p)) => {
                    let p = format_ident!("{}", p);
                    quote!(<#p as #rt::RemoteCall>::Return)
                }
                Some(ty) => self.rust_type(from, ty),
                None => quote!(()),
            };
            let call_bound = bounded(quote!(#rt::RemoteCall));
            quote! {
                impl #call_bound #rt::RemoteCall for #name #generics {
                    type Return = #ret;
                }
            }
        } else {
            quote!()
        };
        quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
            pub struct #name #generics { #(#fields,)* }
            impl #generics #rt::Identifiable for #name #generics {
                const CONSTRUCTOR_ID: u32 = #id;
                const TL_NAME: &'static str = #tl_name;
            }
            impl #ser_bound #rt::BareSerialize for #name #generics {
                fn serialize_bare(&self, __out: &mut ::std::vec::Vec<u8>) { #ser }
                fn bare_len(&self) -> usize { #len }
            }
            impl #de_bound #rt::BareDeserialize for #name #generics {
                const MIN_BARE_LEN: usize = #min_bare;
                fn deserialize_bare(__r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #de }
            }
            impl #ser_bound #rt::Serialize for #name #generics {
                #[inline]
                fn serialize(&self, __out: &mut ::std::vec::Vec<u8>) { #rt::serialize_boxed(self, __out) }
                #[inline]
                fn serialized_len(&self) -> usize { #rt::boxed_len(self) }
            }
            impl #de_bound #rt::Deserialize for #name #generics {
                const MIN_LEN: usize = #min_boxed;
                #[inline]
                fn deserialize(__r: &mut #rt::Reader<'_>) -> #rt::Result<Self> { #rt::deserialize_boxed(__r, #tl_name) }
            }
            #remote
            #arbitrary_impl
        }
    }

    fn ctor_doc(&self, ctor: &Ctor, is_function: bool) -> TokenStream {
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
        let mut lines = Vec::new();
        for line in &ctor.docs {
            lines.push(format!(" {line}"));
        }
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(head);
        quote!(#(#[doc = #lines])*)
    }

    fn field_type(&self, from: &[String], kind: &FieldKind) -> TokenStream {
        match kind {
            FieldKind::Required(ty) => self.rust_type(from, ty),
            FieldKind::Optional(_, ty) => {
                let ty = self.rust_type(from, ty);
                quote!(::core::option::Option<#ty>)
            }
            FieldKind::Flag(_) => quote!(bool),
            FieldKind::Group(_, tys) => {
                let tuple = nest(tys.iter().map(|t| self.rust_type(from, t)).collect());
                quote!(::core::option::Option<#tuple>)
            }
        }
    }

    /// `(self.a.is_some() as u32) << 2 | (self.b as u32) << 4 | …` for flags word `word`.
    fn flags_value(ctor: &Ctor, word: usize) -> TokenStream {
        let mut terms = Vec::new();
        for f in &ctor.fields {
            let fname = format_ident!("{}", f.name);
            let (flag, present) = match &f.kind {
                FieldKind::Required(_) => continue,
                FieldKind::Flag(flag) => (flag, quote!(self.#fname)),
                FieldKind::Optional(flag, _) | FieldKind::Group(flag, _) => {
                    (flag, quote!(self.#fname.is_some()))
                }
            };
            if flag.word == word {
                let bit = Literal::u32_unsuffixed(flag.bit);
                terms.push(quote!(((#present as u32) << #bit)));
            }
        }
        quote!(0u32 #(| #terms)*)
    }

    fn serialize_body(&self, ctor: &Ctor) -> TokenStream {
        let rt = self.rt;
        let steps = ctor.wire.iter().map(|step| match *step {
            Wire::FlagWord(w) => {
                let value = Self::flags_value(ctor, w);
                quote!(#rt::writer::write_u32(__out, #value);)
            }
            Wire::Field(i) => {
                let f = &ctor.fields[i];
                let fname = format_ident!("{}", f.name);
                match &f.kind {
                    FieldKind::Required(ty) => self.encode(ty, quote!(&self.#fname)),
                    FieldKind::Optional(_, ty) => {
                        let enc = self.encode(ty, quote!(__v));
                        quote!(if let ::core::option::Option::Some(__v) = &self.#fname { #enc })
                    }
                    FieldKind::Flag(_) | FieldKind::Group(..) => quote!(),
                }
            }
            Wire::Member { field, index } => {
                let f = &ctor.fields[field];
                let fname = format_ident!("{}", f.name);
                let FieldKind::Group(_, tys) = &f.kind else {
                    return quote!();
                };
                let access = member_access(tys.len(), index);
                let enc = self.encode(&tys[index], quote!(&__v #access));
                quote!(if let ::core::option::Option::Some(__v) = &self.#fname { #enc })
            }
        });
        quote!(#(#steps)*)
    }

    fn len_body(&self, ctor: &Ctor) -> TokenStream {
        let terms = ctor.wire.iter().map(|step| match *step {
            Wire::FlagWord(_) => quote!(4),
            Wire::Field(i) => {
                let f = &ctor.fields[i];
                let fname = format_ident!("{}", f.name);
                match &f.kind {
                    FieldKind::Required(ty) => self.encoded_len(ty, quote!(&self.#fname)),
                    FieldKind::Optional(_, ty) => {
                        let len = self.encoded_len(ty, quote!(__v));
                        quote!(if let ::core::option::Option::Some(__v) = &self.#fname { #len } else { 0 })
                    }
                    FieldKind::Flag(_) | FieldKind::Group(..) => quote!(0),
                }
            }
            Wire::Member { field, index } => {
                let f = &ctor.fields[field];
                let fname = format_ident!("{}", f.name);
                let FieldKind::Group(_, tys) = &f.kind else { return quote!(0) };
                let access = member_access(tys.len(), index);
                let len = self.encoded_len(&tys[index], quote!(&__v #access));
                quote!(if let ::core::option::Option::Some(__v) = &self.#fname { #len } else { 0 })
            }
        });
        quote!(0 #(+ #terms)*)
    }

    fn deserialize_body(&self, ctor: &Ctor) -> TokenStream {
        let tl_name = &ctor.tl_name;
        let word = |w: usize| format_ident!("__f{}", w);
        let is_set = |flag: &FlagBit| {
            let w = word(flag.word);
            let bit = Literal::u32_unsuffixed(flag.bit);
            quote!((#w & (1u32 << #bit) != 0))
        };
        let mut steps = Vec::new();
        for step in &ctor.wire {
            steps.push(match *step {
                Wire::FlagWord(w) => {
                    let w = word(w);
                    quote!(let #w = __r.read_u32(#tl_name)?;)
                }
                Wire::Field(i) => {
                    let f = &ctor.fields[i];
                    let fname = format_ident!("{}", f.name);
                    match &f.kind {
                        FieldKind::Required(ty) => {
                            let d = self.decode(ty);
                            quote!(let #fname = #d;)
                        }
                        FieldKind::Optional(flag, ty) => {
                            let d = self.decode(ty);
                            let set = is_set(flag);
                            quote!(let #fname = if #set { ::core::option::Option::Some(#d) } else { ::core::option::Option::None };)
                        }
                        FieldKind::Flag(_) | FieldKind::Group(..) => quote!(),
                    }
                }
                Wire::Member { field, index } => {
                    let f = &ctor.fields[field];
                    let FieldKind::Group(flag, tys) = &f.kind else { continue };
                    let local = format_ident!("__g{}_{}", field, index);
                    let d = self.decode(&tys[index]);
                    let set = is_set(flag);
                    quote!(let #local = if #set { ::core::option::Option::Some(#d) } else { ::core::option::Option::None };)
                }
            });
        }
        // Flag fields and groups are assembled once all their bits and members are read.
        for (i, f) in ctor.fields.iter().enumerate() {
            let fname = format_ident!("{}", f.name);
            match &f.kind {
                FieldKind::Flag(flag) => {
                    let set = is_set(flag);
                    steps.push(quote!(let #fname = #set;));
                }
                FieldKind::Group(_, tys) => {
                    let locals: Vec<_> = (0..tys.len())
                        .map(|k| format_ident!("__g{}_{}", i, k))
                        .collect();
                    let binds: Vec<_> = (0..tys.len()).map(|k| format_ident!("__m{}", k)).collect();
                    let value = nest(binds.iter().map(|b| quote!(#b)).collect());
                    steps.push(quote! {
                        let #fname = match (#(#locals,)*) {
                            (#(::core::option::Option::Some(#binds),)*) => ::core::option::Option::Some(#value),
                            _ => ::core::option::Option::None,
                        };
                    });
                }
                _ => {}
            }
        }
        let names = ctor.fields.iter().map(|f| format_ident!("{}", f.name));
        quote! {
            #(#steps)*
            ::core::result::Result::Ok(Self { #(#names,)* })
        }
    }

    /// A boxed type: the enum, `constructor_id()`, `From<types::X>` per variant, and dispatch on the id:
    ///
    /// ```ignore
    /// pub enum Updates { UpdatesTooLong(types::UpdatesTooLong), UpdateShortMessage(Box<types::UpdateShortMessage>), … }
    /// impl Deserialize for Updates {
    ///     fn deserialize(__r) -> Result<Self> {
    ///         let __at = __r.position();
    ///         let __id = __r.read_u32("Updates")?;
    ///         __r.enter("Updates")?;
    ///         let __v = match __id {
    ///             0xe317af7e => Self::UpdatesTooLong(BareDeserialize::deserialize_bare(__r)?),
    ///             _ => return Err(__r.unknown_constructor(__id, __at, "Updates")),
    ///         };
    ///         __r.leave();
    ///         Ok(__v)
    ///     }
    /// }
    /// ```
    fn enum_item(&self, e: &Enum) -> TokenStream {
        let rt = self.rt;
        let from = &e.path.modules;
        let name = format_ident!("{}", e.path.name);
        let tl_name = &e.tl_name;
        let mut variants = Vec::new();
        let mut ids = Vec::new();
        let mut decodes = Vec::new();
        let mut froms = Vec::new();
        let mut vnames = Vec::new();
        let mut seen_ids = HashSet::new();
        for v in &e.variants {
            let ctor = &self.model.ctors[v.ctor];
            let vname = format_ident!("{}", v.name);
            let ty = Self::item_path(from, "types", &ctor.path);
            let held = if v.boxed {
                quote!(::std::boxed::Box<#ty>)
            } else {
                ty.clone()
            };
            let doc = format!(" `{}#{:08x}`", ctor.tl_name, ctor.id);
            variants.push(quote!(#[doc = #doc] #vname(#held)));
            let id = Literal::u32_suffixed(ctor.id);
            ids.push(id.clone());
            // With `allow_duplicate_ids`, dispatch takes the first constructor of an id.
            if seen_ids.insert(ctor.id) {
                decodes.push(
                    quote!(#id => Self::#vname(#rt::BareDeserialize::deserialize_bare(__r)?)),
                );
            }
            let wrap = if v.boxed {
                quote!(::std::boxed::Box::new(__x))
            } else {
                quote!(__x)
            };
            froms.push(quote! {
                impl ::core::convert::From<#ty> for #name {
                    #[inline]
                    fn from(__x: #ty) -> Self { Self::#vname(#wrap) }
                }
            });
            vnames.push(vname);
        }
        let mut docs: Vec<String> = e.docs.iter().map(|d| format!(" {d}")).collect();
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(format!(" TL type `{tl_name}`."));
        let vname_refs: Vec<_> = vnames.iter().collect();
        let codec = self.enum_codec(&quote!(#name), tl_name, &vname_refs, &decodes);
        quote! {
            #(#[doc = #docs])*
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
            pub enum #name { #(#variants,)* }
            impl #name {
                /// The constructor id of this value.
                pub fn constructor_id(&self) -> u32 {
                    match self { #(Self::#vnames(_) => #ids,)* }
                }
            }
            #codec
            #(#froms)*
        }
    }

    /// `Serialize` (each variant encodes itself, id included) and `Deserialize` (read the id,
    /// dispatch to one of `arms`, or fail naming the id, its offset and `tl_name`) for an enum whose
    /// variants are `vnames`.
    fn enum_codec(
        &self,
        name: &TokenStream,
        tl_name: &str,
        vnames: &[&proc_macro2::Ident],
        arms: &[TokenStream],
    ) -> TokenStream {
        let rt = self.rt;
        quote! {
            impl #rt::Serialize for #name {
                fn serialize(&self, __out: &mut ::std::vec::Vec<u8>) {
                    match self { #(Self::#vnames(__x) => #rt::Serialize::serialize(__x, __out),)* }
                }
                fn serialized_len(&self) -> usize {
                    match self { #(Self::#vnames(__x) => #rt::Serialize::serialized_len(__x),)* }
                }
            }
            impl #rt::Deserialize for #name {
                fn deserialize(__r: &mut #rt::Reader<'_>) -> #rt::Result<Self> {
                    let __at = __r.position();
                    let __id = __r.read_u32(#tl_name)?;
                    __r.enter(#tl_name)?;
                    let __v = match __id {
                        #(#arms,)*
                        _ => return ::core::result::Result::Err(__r.unknown_constructor(__id, __at, #tl_name)),
                    };
                    __r.leave();
                    ::core::result::Result::Ok(__v)
                }
            }
        }
    }
}
