//! `arbitrary::Arbitrary` impls and `for_each_type`, wrapped in the runtime's `__if_arbitrary!` so
//! they exist only when tl-runtime is built with its `arbitrary` feature.
//!
//! Enums stop recursing when the input runs out: an empty `Unstructured` picks the enum's terminal
//! variant (one whose values need no further value of the enum; see `layout::terminal_variants`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::any::any_variant_names;
use super::{type_params, Cx};
use crate::model::{Ctor, Enum};

impl Cx<'_> {
    fn if_arbitrary(&self, tokens: TokenStream) -> TokenStream {
        let rt = self.rt;
        quote!(#rt::__if_arbitrary! { #tokens })
    }

    /// ```ignore
    /// impl<'a> Arbitrary<'a> for Pong {
    ///     fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> { Ok(Self { msg_id: u.arbitrary()?, ping_id: u.arbitrary()? }) }
    /// }
    /// ```
    pub(super) fn arbitrary_struct(&self, ctor: &Ctor) -> TokenStream {
        let rt = self.rt;
        let name = format_ident!("{}", ctor.path.name);
        let (params, generics) = type_params(ctor);
        let fields = ctor.fields.iter().map(|f| format_ident!("{}", f.name));
        self.if_arbitrary(quote! {
            impl<'__a, #(#params: #rt::arbitrary::Arbitrary<'__a>),*> #rt::arbitrary::Arbitrary<'__a> for #name #generics {
                fn arbitrary(__u: &mut #rt::arbitrary::Unstructured<'__a>) -> #rt::arbitrary::Result<Self> {
                    ::core::result::Result::Ok(Self { #(#fields: #rt::arbitrary::Arbitrary::arbitrary(__u)?,)* })
                }
            }
        })
    }

    /// Picks a variant from the input; with the input used up, the terminal variant.
    pub(super) fn arbitrary_enum(&self, e: &Enum, index: usize) -> TokenStream {
        let name = format_ident!("{}", e.path.name);
        let vnames: Vec<_> = e
            .variants
            .iter()
            .map(|v| format_ident!("{}", v.name))
            .collect();
        let terminal = self.model.terminal_variants.get(index).copied().flatten();
        let rt = self.rt;
        self.arbitrary_choice(
            quote!(#name),
            &vnames,
            terminal,
            quote!(#rt::arbitrary::Arbitrary::arbitrary(__u)?),
        )
    }

    /// `AnyObject`: a random boxed type; `AnyFunction`: a random function.
    pub(super) fn arbitrary_any(&self, function: bool) -> TokenStream {
        let (name, vnames, terminal) = if function {
            let vnames = any_variant_names(self.model.functions.iter().map(|f| f.tl_name.as_str()));
            let terminal = self.model.terminal_function;
            (quote!(AnyFunction), vnames, terminal)
        } else {
            let vnames = any_variant_names(self.model.enums.iter().map(|e| e.tl_name.as_str()));
            let terminal = self
                .model
                .terminal_variants
                .iter()
                .position(Option::is_some);
            (quote!(AnyObject), vnames, terminal)
        };
        let rt = self.rt;
        let value = quote!(::std::boxed::Box::new(#rt::arbitrary::Arbitrary::arbitrary(__u)?));
        self.arbitrary_choice(name, &vnames, terminal, value)
    }

    fn arbitrary_choice(
        &self,
        name: TokenStream,
        vnames: &[proc_macro2::Ident],
        terminal: Option<usize>,
        value: TokenStream,
    ) -> TokenStream {
        let rt = self.rt;
        let last = Literal::u32_unsuffixed(vnames.len().saturating_sub(1) as u32);
        let arms = vnames.iter().enumerate().map(|(i, v)| {
            let i = Literal::u32_unsuffixed(i as u32);
            quote!(#i => Self::#v(#value))
        });
        let on_empty = match terminal {
            Some(t) => {
                let v = &vnames[t];
                quote!(if __u.is_empty() { return ::core::result::Result::Ok(Self::#v(#value)); })
            }
            None => quote!(),
        };
        self.if_arbitrary(quote! {
            impl<'__a> #rt::arbitrary::Arbitrary<'__a> for #name {
                fn arbitrary(__u: &mut #rt::arbitrary::Unstructured<'__a>) -> #rt::arbitrary::Result<Self> {
                    #on_empty
                    ::core::result::Result::Ok(match __u.int_in_range(0u32..=#last)? {
                        #(#arms,)*
                        _ => return ::core::result::Result::Err(#rt::arbitrary::Error::IncorrectFormat),
                    })
                }
            }
        })
    }

    /// `for_each_type(visitor)`: every constructor and function type, for property tests. Generic
    /// functions are instantiated with the schema's first non-generic function as their query.
    pub(super) fn for_each_type(&self) -> TokenStream {
        let rt = self.rt;
        let query = self
            .model
            .functions
            .iter()
            .find(|f| f.params.is_empty())
            .map(|f| {
                let path = Self::item_path(&[], "functions", &f.path);
                quote!(#path)
            });
        let mut visits = Vec::new();
        for c in &self.model.ctors {
            let path = self_path("types", c);
            let tl = &c.tl_name;
            visits.push(quote!(__v.visit::<#path>(#tl);));
        }
        for f in &self.model.functions {
            let mut path = self_path("functions", f);
            if !f.params.is_empty() {
                let Some(query) = &query else { continue };
                let args = f.params.iter().map(|_| query.clone());
                path = quote!(#path<#(#args),*>);
            }
            let tl = &f.tl_name;
            visits.push(quote!(__v.visit::<#path>(#tl);));
        }
        self.if_arbitrary(quote! {
            /// Hands every constructor and function type of this schema to `visitor` (feature
            /// `arbitrary` of tl-runtime): round-trip property tests, fuzzing.
            pub fn for_each_type<V: #rt::TypeVisitor>(__v: &mut V) {
                #(#visits)*
            }
        })
    }
}

/// `types::a::B` as seen from the wrapper module that holds `types`, `enums`, `functions`.
fn self_path(top: &str, ctor: &Ctor) -> TokenStream {
    let top = format_ident!("{}", top);
    let modules = ctor.path.modules.iter().map(|m| format_ident!("{}", m));
    let name = format_ident!("{}", ctor.path.name);
    quote!(#top :: #(#modules ::)* #name)
}
