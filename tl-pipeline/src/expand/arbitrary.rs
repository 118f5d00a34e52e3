//! `arbitrary::Arbitrary` impls and `for_each_type`, kept only when tl-runtime is built with its
//! `arbitrary` feature (each module's impls sit in one `__rt::__if_arbitrary! { … }`).
//!
//! Enums stop recursing when the input runs out: an empty `Unstructured` picks the enum's terminal
//! variant (one whose values need no further value of the enum; see `layout::terminal_variants`).

use std::fmt::Write as _;

use super::any::any_variant_names;
use super::{impl_generics, type_generics, Cx};
use crate::model::{Ctor, Enum};

impl Cx<'_> {
    /// ```ignore
    /// impl<'de> Arbitrary<'de> for Pong {
    ///     fn arbitrary(u: &mut Unstructured<'de>) -> Result<Self> { Ok(Self { msg_id: u.arbitrary()?, ping_id: u.arbitrary()? }) }
    /// }
    /// ```
    ///
    /// A borrowing type (`borrowed = true`) borrows its strings from the `Unstructured`'s data:
    /// `impl<'de> Arbitrary<'de> for Message<'de>`.
    pub(super) fn arbitrary_struct(&self, out: &mut String, ctor: &Ctor) {
        let name = &ctor.path.name;
        let generics = type_generics(ctor, self.lt.ctor_borrows(ctor));
        let params = impl_generics(ctor, true, "__rt::arbitrary::Arbitrary<'de>");
        let _ = write!(
            out,
            "impl{params} __rt::arbitrary::Arbitrary<'de> for {name}{generics} {{ \
             fn arbitrary(__u: &mut __rt::arbitrary::Unstructured<'de>) -> __rt::arbitrary::Result<Self> {{ \
             ::core::result::Result::Ok(Self {{ "
        );
        for f in &ctor.fields {
            let _ = write!(
                out,
                "{}: __rt::arbitrary::Arbitrary::arbitrary(__u)?, ",
                f.name
            );
        }
        out.push_str("}) } }\n");
    }

    /// Picks a variant from the input; with the input used up, the terminal variant.
    pub(super) fn arbitrary_enum(&self, out: &mut String, e: &Enum, index: usize) {
        let vnames: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
        let terminal = self.model.terminal_variants.get(index).copied().flatten();
        write_choice(
            out,
            &Self::with_de(&e.path.name, self.lt.enums[index]),
            &vnames,
            terminal,
            "__rt::arbitrary::Arbitrary::arbitrary(__u)?",
        );
    }

    /// `AnyObject`: a random boxed type; `AnyFunction`: a random function.
    pub(super) fn arbitrary_any(&self, out: &mut String, function: bool) {
        let (name, vnames, terminal) = if function {
            let vnames = any_variant_names(self.model.functions.iter().map(|f| f.tl_name.as_str()));
            let name = Self::with_de("AnyFunction", self.lt.any_function);
            (name, vnames, self.model.terminal_function)
        } else {
            let vnames = any_variant_names(self.model.enums.iter().map(|e| e.tl_name.as_str()));
            let name = Self::with_de("AnyObject", self.lt.any_object);
            (name, vnames, self.model.terminal_object)
        };
        let vnames: Vec<&str> = vnames.iter().map(String::as_str).collect();
        let value = "__Box::new(__rt::arbitrary::Arbitrary::arbitrary(__u)?)";
        write_choice(out, &name, &vnames, terminal, value);
    }

    /// `for_each_type(visitor)`: every constructor and function type, for property tests. Generic
    /// functions are instantiated with the schema's first non-generic function as their query.
    /// In the wrapper module, where `__rt` is not imported. With `borrowed = true`, the types
    /// that borrow are left out (a `TypeVisitor` takes owned types), and `for_each_decoder`
    /// hands every type's decoder, borrowing or not.
    pub(super) fn for_each_type(&self, out: &mut String, rt: &str) {
        let query = self
            .model
            .functions
            .iter()
            .enumerate()
            .find(|(_, f)| f.params.is_empty())
            .map(|(i, f)| {
                (
                    Self::item_path(&[], "functions", &f.path),
                    self.lt.functions[i],
                )
            });
        if self.lt.borrowed {
            self.for_each_decoder(out, rt, query.as_ref());
        }
        let query = query.and_then(|(q, borrows)| (!borrows).then_some(q));
        let _ = write!(
            out,
            "{rt}::__if_arbitrary! {{ \
             /// Hands every constructor, function and boxed type of this schema to `visitor` (feature\n\
             /// `arbitrary` of tl-runtime): round-trip property tests, fuzzing.\n\
             pub fn for_each_type<V: {rt}::TypeVisitor>(__v: &mut V) {{ "
        );
        for (i, c) in self.model.ctors.iter().enumerate() {
            if self.lt.ctors[i] {
                continue;
            }
            let _ = write!(
                out,
                "__v.visit::<{}>({:?});",
                self_path("types", c),
                c.tl_name
            );
        }
        for (i, f) in self.model.functions.iter().enumerate() {
            if self.lt.functions[i] {
                continue;
            }
            let mut path = self_path("functions", f);
            if !f.params.is_empty() {
                let Some(query) = &query else { continue };
                let args = vec![query.as_str(); f.params.len()];
                path = format!("{path}<{}>", args.join(", "));
            }
            let _ = write!(out, "__v.visit::<{path}>({:?});", f.tl_name);
        }
        for (i, e) in self.model.enums.iter().enumerate() {
            if self.lt.enums[i] {
                continue;
            }
            let mut path = "enums".to_owned();
            for m in &e.path.modules {
                path.push_str("::");
                path.push_str(m);
            }
            let _ = write!(
                out,
                "__v.visit_enum::<{path}::{}>({:?});",
                e.path.name, e.tl_name
            );
        }
        out.push_str("} }\n");
    }

    /// `for_each_decoder(visitor)` (`borrowed = true`): every constructor and function type's
    /// decoder as a function that decodes the boxed form and encodes the value again, for the
    /// round-trip tests of borrowed decoding (values come from the owned expansion of the same
    /// schema, whose types are `Arbitrary`).
    fn for_each_decoder(&self, out: &mut String, rt: &str, query: Option<&(String, bool)>) {
        let _ = write!(
            out,
            "{rt}::__if_arbitrary! {{ \
             /// Hands every constructor and function type's decoder (decode the boxed form,\n\
             /// encode again) to `visitor` (feature `arbitrary` of tl-runtime).\n\
             pub fn for_each_decoder<V: {rt}::DecoderVisitor>(__v: &mut V) {{ "
        );
        let lt = |borrows: bool| if borrows { "<'_>" } else { "" };
        for (i, c) in self.model.ctors.iter().enumerate() {
            let path = format!("{}{}", self_path("types", c), lt(self.lt.ctors[i]));
            let _ = write!(
                out,
                "__v.visit({:?}, |__b, __l| {rt}::reencode::<{path}>(__b, __l));",
                c.tl_name
            );
        }
        for (i, f) in self.model.functions.iter().enumerate() {
            let mut args: Vec<String> = Vec::new();
            if self.lt.functions[i] {
                args.push("'_".into());
            }
            if !f.params.is_empty() {
                let Some((query, borrows)) = query else {
                    continue;
                };
                let q = format!("{query}{}", lt(*borrows));
                args.extend(f.params.iter().map(|_| q.clone()));
            }
            let mut path = self_path("functions", f);
            if !args.is_empty() {
                path = format!("{path}<{}>", args.join(", "));
            }
            let _ = write!(
                out,
                "__v.visit({:?}, |__b, __l| {rt}::reencode::<{path}>(__b, __l));",
                f.tl_name
            );
        }
        out.push_str("} }\n");
    }
}

/// `Arbitrary` for an enum whose variants are `vnames`, each built from `value`.
fn write_choice(
    out: &mut String,
    name: &str,
    vnames: &[&str],
    terminal: Option<usize>,
    value: &str,
) {
    let last = vnames.len().saturating_sub(1);
    let _ = write!(
        out,
        "impl<'de> __rt::arbitrary::Arbitrary<'de> for {name} {{ \
         fn arbitrary(__u: &mut __rt::arbitrary::Unstructured<'de>) -> __rt::arbitrary::Result<Self> {{ "
    );
    if let Some(t) = terminal {
        let _ = write!(
            out,
            "if __u.is_empty() {{ return ::core::result::Result::Ok(Self::{}({value})); }} ",
            vnames[t]
        );
    }
    let _ = write!(
        out,
        "::core::result::Result::Ok(match __u.int_in_range(0u32..={last})? {{ "
    );
    for (i, v) in vnames.iter().enumerate() {
        let _ = write!(out, "{i} => Self::{v}({value}), ");
    }
    out.push_str(
        "_ => return ::core::result::Result::Err(__rt::arbitrary::Error::IncorrectFormat), }) } }\n",
    );
}

/// `types::a::B` as seen from the wrapper module that holds `types`, `enums`, `functions`.
pub(super) fn self_path(top: &str, ctor: &Ctor) -> String {
    let mut s = top.to_owned();
    for m in &ctor.path.modules {
        s.push_str("::");
        s.push_str(m);
    }
    s.push_str("::");
    s.push_str(&ctor.path.name);
    s
}
