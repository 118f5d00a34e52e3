//! `enums::AnyObject` and `functions::AnyFunction`: the values of TL's `Object` and `Function`
//! (TON, tonlib), generated only when a schema uses them. Decoding dispatches over every
//! constructor (or function) id of the schema.

use std::collections::HashSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Cx;
use crate::naming;

/// Variant names for TL names with namespaces: `tonNode.blockId` → `TonNodeBlockId`. Where two
/// would clash (`a.b.Config`, `a.bConfig`), both keep their segments apart: `A_B_Config`, `A_BConfig`.
pub(super) fn any_variant_names<'n>(
    tl_names: impl Iterator<Item = &'n str> + Clone,
) -> Vec<proc_macro2::Ident> {
    let joined = |n: &str| naming::type_name(&n.replace('.', "_"));
    let mut count = std::collections::HashMap::new();
    for n in tl_names.clone() {
        *count.entry(joined(n)).or_insert(0) += 1;
    }
    tl_names
        .map(|n| {
            let name = joined(n);
            if count[&name] > 1 {
                let parts: Vec<String> = n.split('.').map(naming::type_name).collect();
                format_ident!("{}", parts.join("_"))
            } else {
                format_ident!("{}", name)
            }
        })
        .collect()
}

impl Cx<'_> {
    /// ```ignore
    /// pub enum AnyObject { TonNodeBlockId(Box<enums::ton_node::BlockId>), … }
    /// // Deserialize: read the id, find its constructor among all types, decode it bare.
    /// ```
    pub(super) fn any_object(&self) -> TokenStream {
        let rt = self.rt;
        let mut variants = Vec::new();
        let mut names = Vec::new();
        let mut arms = Vec::new();
        let mut seen = HashSet::new();
        let all_names = any_variant_names(self.model.enums.iter().map(|e| e.tl_name.as_str()));
        for (e, vname) in self.model.enums.iter().zip(all_names) {
            let ty = Self::item_path(&[], "enums", &e.path);
            let doc = format!(" `{}`", e.tl_name);
            variants.push(quote!(#[doc = #doc] #vname(::std::boxed::Box<#ty>)));
            for v in &e.variants {
                let ctor = &self.model.ctors[v.ctor];
                if !seen.insert(ctor.id) {
                    continue;
                }
                let id = Literal::u32_suffixed(ctor.id);
                let cty = Self::item_path(&[], "types", &ctor.path);
                let held = if v.boxed {
                    quote!(::std::boxed::Box<#cty>)
                } else {
                    cty
                };
                let variant = format_ident!("{}", v.name);
                // Both boxes are charged to the reader's allocation budget: the variant's through
                // the runtime's `Box` decoder, this one explicitly.
                arms.push(quote! {
                    #id => {
                        __r.charge(::core::mem::size_of::<#ty>(), "Object")?;
                        Self::#vname(::std::boxed::Box::new(#ty::#variant(
                            <#held as #rt::BareDeserialize>::deserialize_bare(__r)?,
                        )))
                    }
                });
            }
            names.push((vname, ty));
        }
        let vnames: Vec<_> = names.iter().map(|(n, _)| n).collect();
        let froms = names.iter().map(|(vname, ty)| {
            quote! {
                impl ::core::convert::From<#ty> for AnyObject {
                    #[inline]
                    fn from(__x: #ty) -> Self { Self::#vname(::std::boxed::Box::new(__x)) }
                }
            }
        });
        let body = self.enum_codec(&quote!(AnyObject), "Object", &vnames, &arms);
        quote! {
            /// Any boxed value of this schema (TL `Object`): decoded by dispatch over every constructor.
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
            pub enum AnyObject { #(#variants,)* }
            impl AnyObject {
                /// The constructor id of this value.
                pub fn constructor_id(&self) -> u32 {
                    match self { #(Self::#vnames(__x) => __x.constructor_id(),)* }
                }
            }
            #body
            #(#froms)*
        }
    }

    /// ```ignore
    /// pub enum AnyFunction { LiteServerGetTime(Box<functions::lite_server::GetTime>), … }
    /// ```
    /// Generic functions hold `AnyFunction` as their query: `InvokeWithLayer<AnyFunction>`.
    pub(super) fn any_function(&self) -> TokenStream {
        let rt = self.rt;
        let mut variants = Vec::new();
        let mut vnames = Vec::new();
        let mut arms = Vec::new();
        let mut froms = Vec::new();
        let mut seen = HashSet::new();
        let all_names = any_variant_names(self.model.functions.iter().map(|f| f.tl_name.as_str()));
        for (f, vname) in self.model.functions.iter().zip(all_names) {
            let mut ty = Self::item_path(&[], "functions", &f.path);
            if !f.params.is_empty() {
                let args = f.params.iter().map(|_| quote!(AnyFunction));
                ty = quote!(#ty<#(#args),*>);
            }
            let doc = format!(" `{}#{:08x}`", f.tl_name, f.id);
            variants.push(quote!(#[doc = #doc] #vname(::std::boxed::Box<#ty>)));
            if seen.insert(f.id) {
                let id = Literal::u32_suffixed(f.id);
                // The runtime's `Box` decoder charges the allocation budget.
                arms.push(quote! {
                    #id => Self::#vname(<::std::boxed::Box<#ty> as #rt::BareDeserialize>::deserialize_bare(__r)?)
                });
            }
            froms.push(quote! {
                impl ::core::convert::From<#ty> for AnyFunction {
                    #[inline]
                    fn from(__x: #ty) -> Self { Self::#vname(::std::boxed::Box::new(__x)) }
                }
            });
            vnames.push(vname);
        }
        let vname_refs: Vec<_> = vnames.iter().collect();
        let body = self.enum_codec(&quote!(AnyFunction), "Function", &vname_refs, &arms);
        let ids = self
            .model
            .functions
            .iter()
            .map(|f| Literal::u32_suffixed(f.id));
        quote! {
            /// Any function call of this schema (TL `Function`): decoded by dispatch over every function id.
            #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
            pub enum AnyFunction { #(#variants,)* }
            impl AnyFunction {
                /// The constructor id of this call.
                pub fn constructor_id(&self) -> u32 {
                    match self { #(Self::#vnames(_) => #ids,)* }
                }
            }
            #body
            #(#froms)*
        }
    }
}
