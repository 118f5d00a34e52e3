//! [`Model`] to Rust source: `types::` (a struct per constructor), `enums::` (an enum per boxed
//! type, with constructor-id dispatch) and `functions::` (a struct per function).
//!
//! The output is text, parsed once by the caller (`tl_schema!` hands it to the compiler as one
//! string): building millions of tokens one by one through the proc-macro bridge cost more than
//! everything else the macro does. Every line of it is compiled in the user's crate, so it is
//! kept small:
//!
//! - a struct gets one `Constructor` impl: its id, one `visit_fields` (its fields in wire order)
//!   and one straight-line decoder; its encoder, exact length, `Debug` and equality are the
//!   runtime's, built on `visit_fields`, and its boxed form comes from blanket impls (`ctor`);
//! - an enum gets one `visit_variant` match (encoding, `Debug`, id, name) and one dispatch
//!   match, `read_variant` (`enums`);
//! - decoders return early only at fields of enum and struct types: the runtime's reads are
//!   sticky (a failure is recorded in the reader and placeholder values flow on), so no error
//!   path is generated for the other fields;
//! - every non-generic function is `#[inline]`, so nothing is compiled to machine code in the
//!   crate that expands the schema; code is generated where a type is used (`inline = false`
//!   compiles them here instead, as a regular library does).
//!
//! Items refer to each other by relative paths (`super::super::enums::Peer`), so the macro works
//! in any module, and to the runtime through `__rt`, an alias of an absolute path
//! (`::tl_runtime::__private`) imported into every generated module. Generated locals and
//! parameters start with `__`, which no TL name does.

mod any;
mod arbitrary;
mod bound;
mod ctor;
mod enums;
mod errors;
mod field;
mod json;
mod lifetimes;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Ctor, FieldKind, Model, RustPath, Ty};
use lifetimes::Lifetimes;

/// What every generator needs: the model, whether functions are `#[inline]`, which types borrow.
struct Cx<'m> {
    model: &'m Model,
    inline: bool,
    lt: Lifetimes,
    /// Per constructor of [`Model::ctors`]: whether its struct gets `Default` (all `false`
    /// unless `derive` asks for it).
    defaults: Vec<bool>,
    /// The standard traits asked for.
    derive: crate::Derive,
}

/// The three top modules and their items. Of the options: `runtime`, the path of the runtime
/// crate (`::tl_runtime`, or what `crate = "…"` says); `inline`, mark the non-generic functions
/// `#[inline]`, so they are compiled where they are used (see the module docs); `borrowed`,
/// `string`/`bytes` as `&'de str`/`&'de [u8]` and the lifetime `'de` on every type that holds one.
pub fn expand(model: &Model, options: &crate::Options) -> String {
    let (runtime, inline) = (options.runtime.as_str(), options.inline);
    let lt = Lifetimes::of(model, options.borrowed);
    let derive = options.derive;
    let defaults = if derive.default {
        defaults(model)
    } else {
        vec![false; model.ctors.len()]
    };
    let cx = Cx {
        model,
        inline,
        lt,
        defaults,
        derive,
    };
    let mut types = ModuleTree::default();
    let mut enums = ModuleTree::default();
    let mut functions = ModuleTree::default();
    for (ctor, &default) in model.ctors.iter().zip(&cx.defaults) {
        cx.ctor_struct(types.module(&ctor.path.modules), ctor, false, default);
    }
    for (i, e) in model.enums.iter().enumerate() {
        cx.enum_item(enums.module(&e.path.modules), e, i);
    }
    for f in &model.functions {
        let default =
            derive.default && has_default(f, &mut |ty| ty_default(ty, &mut |j| cx.defaults[j]));
        cx.ctor_struct(functions.module(&f.path.modules), f, true, default);
    }
    if model.any_object {
        cx.any_object(enums.module(&[]));
    }
    if model.any_function {
        cx.any_function(functions.module(&[]));
    }
    let rt = format!("{runtime}::__private");
    let mut out = String::with_capacity(8 << 20);
    // The three modules sit inside one wrapper so that `super::` paths between them also work
    // when the macro is invoked inside a function body (where `super` skips the block).
    out.push_str(
        "#[doc(hidden)] #[allow(unused_imports, unused_qualifications, unused_parens, \
         unused_variables, unreachable_patterns, non_camel_case_types, non_snake_case, missing_docs, clippy::all, \
         clippy::pedantic, clippy::nursery)] pub mod __tl_schema {\n",
    );
    out.push_str(
        "/// One struct per TL constructor; namespaces are sub-modules.\npub mod types {\n",
    );
    let mode = if inline { "inline" } else { "here" };
    let traits = match (derive.eq, derive.hash) {
        (true, true) => "[Eq Hash]",
        (true, false) => "[Eq]",
        (false, true) => "[Hash]",
        (false, false) => "",
    };
    let mode = &Mode { mode, traits };
    types.write(&mut out, &rt, mode, 1);
    out.push_str(
        "}\n/// One enum per TL boxed type, one variant per constructor.\npub mod enums {\n",
    );
    enums.write(&mut out, &rt, mode, 1);
    out.push_str(
        "}\n/// One struct per TL function; `RemoteCall::Return` says what it answers.\npub mod functions {\n",
    );
    functions.write(&mut out, &rt, mode, 1);
    out.push_str("}\n");
    if let Some(table) = &model.errors {
        cx.errors_module(&mut out, &rt, table);
    }
    registry(&mut out, &rt, model);
    cx.alloc_bound(&mut out, &rt);
    cx.for_each_type(&mut out, &rt);
    cx.json(&mut out, &rt, options.tdlib_json);
    let errors = if model.errors.is_some() {
        "errors, "
    } else {
        ""
    };
    let layer = if model.layer.is_some() { ", LAYER" } else { "" };
    let _ = write!(
        out,
        "}}\n#[doc(inline)] pub use __tl_schema::{{enums, {errors}functions, types, id_for_name, name_for_id, ALLOC_PER_INPUT_BYTE{layer}}};\n\
         {rt}::__if_arbitrary! {{ pub use __tl_schema::for_each_type; }}\n"
    );
    if options.borrowed {
        let _ = writeln!(
            out,
            "{rt}::__if_arbitrary! {{ pub use __tl_schema::for_each_decoder; }}"
        );
    }
    out
}

/// The registry beside the modules: `LAYER` (when the schema states `// LAYER N`), and
/// `name_for_id`/`id_for_name` over every constructor and function (and `vector`):
///
/// ```ignore
/// pub const LAYER: i32 = 230;
/// static __IDS: [(u32, &str); 2555] = [(0x0010d2a2, "messages.getSavedReactionTags"), …]; // by id
/// static __NAMES: [u32; 2555] = [812, …];                            // indices, by name
/// pub fn name_for_id(id: u32) -> Option<&'static str> { registry_name(&__IDS, id) }
/// pub fn id_for_name(name: &str) -> Option<u32> { registry_id(&__IDS, &__NAMES, name) }
/// ```
fn registry(out: &mut String, rt: &str, model: &Model) {
    let mut ids: Vec<(u32, &str)> = model
        .ctors
        .iter()
        .chain(&model.functions)
        .map(|c| (c.id, c.tl_name.as_str()))
        .collect();
    if !ids.iter().any(|&(id, _)| id == 0x1cb5_c415) {
        ids.push((0x1cb5_c415, "vector"));
    }
    ids.sort();
    let mut names: Vec<usize> = (0..ids.len()).collect();
    names.sort_by_key(|&i| ids[i].1);
    if let Some(layer) = model.layer {
        let _ = writeln!(
            out,
            "/// The layer the schema states (`// LAYER {layer}`): what `invokeWithLayer` sends.\n\
             pub const LAYER: i32 = {layer};"
        );
    }
    let _ = write!(out, "static __IDS: [(u32, &str); {}] = [", ids.len());
    for (id, name) in &ids {
        let _ = write!(out, "({id:#010x}, {}), ", str_lit(name));
    }
    let _ = write!(out, "];\nstatic __NAMES: [u32; {}] = [", names.len());
    for i in &names {
        let _ = write!(out, "{i}, ");
    }
    let _ = writeln!(
        out,
        "];\n/// The TL name of the constructor or function with this id (`0x74ae4240` → `\"updates\"`).\n\
         pub fn name_for_id(id: u32) -> ::core::option::Option<&'static str> {{ \
         {rt}::registry_name(&__IDS, id) }}\n\
         /// The id of the constructor or function with this TL name (`\"updates\"` → `0x74ae4240`).\n\
         pub fn id_for_name(name: &str) -> ::core::option::Option<u32> {{ \
         {rt}::registry_id(&__IDS, &__NAMES, name) }}"
    );
}

/// Tuples implement `Debug`, `PartialEq`, … up to 12 elements: a longer group of fields nests, its
/// 12th element holding the rest (`(a, …, k, (l, m, …))`).
const MAX_TUPLE: usize = 12;

/// The tuple of a group's members (types, codecs, values), nested past [`MAX_TUPLE`]: `(a, b,)`.
fn nest(items: &[String]) -> String {
    if items.len() <= MAX_TUPLE {
        let mut s = String::from("(");
        for item in items {
            s.push_str(item);
            s.push_str(", ");
        }
        s.push(')');
        return s;
    }
    let (head, tail) = items.split_at(MAX_TUPLE - 1);
    let mut nested = head.to_vec();
    nested.push(nest(tail));
    nest(&nested)
}

/// `.3` or, in a nested group, `.11.3`: where member `k` of an `n`-member group sits.
fn member_access(n: usize, k: usize) -> String {
    if n <= MAX_TUPLE || k < MAX_TUPLE - 1 {
        return format!(".{k}");
    }
    let rest = member_access(n - (MAX_TUPLE - 1), k - (MAX_TUPLE - 1));
    format!(".{}{rest}", MAX_TUPLE - 1)
}

/// The generics of a struct's type: `'de` when it borrows (`borrowed = true`), then its type
/// parameters: `<'de, X>`, `<X>`, `<'de>`, or empty.
fn type_generics(ctor: &Ctor, de: bool) -> String {
    impl_generics(ctor, de, "")
}

/// `impl` generics: `'de` when `de` (the type borrows, or the trait or `bound` names `'de`),
/// then every type parameter with `bound` (none if empty): `<'de, X: Bound>`, or empty.
fn impl_generics(ctor: &Ctor, de: bool, bound: &str) -> String {
    let lifetime = de.then(|| "'de".to_owned());
    let params = ctor.params.iter().map(|p| {
        if bound.is_empty() {
            p.clone()
        } else {
            format!("{p}: {bound}")
        }
    });
    let all: Vec<String> = lifetime.into_iter().chain(params).collect();
    if all.is_empty() {
        String::new()
    } else {
        format!("<{}>", all.join(", "))
    }
}

/// `#[doc = "…"]` lines: the item's own docs, a blank line, then `head`.
fn write_docs(out: &mut String, docs: &[String], head: &str) {
    for d in docs {
        write_doc(out, &format!(" {d}"));
    }
    if !docs.is_empty() {
        write_doc(out, "");
    }
    write_doc(out, head);
}

/// One `#[doc = "…"]` with `text` as a Rust string literal.
fn write_doc(out: &mut String, text: &str) {
    let _ = write!(out, "#[doc = {}]", str_lit(text));
}

/// Which constructors' structs get `Default`: those whose every field has one (see
/// [`has_default`]).
fn defaults(model: &Model) -> Vec<bool> {
    // `None`: not decided yet; a constructor being decided counts as without (a cycle of inline
    // values is broken by a `Box`, which has `Default` only through its content).
    let mut memo: Vec<Option<bool>> = vec![None; model.ctors.len()];
    (0..model.ctors.len())
        .map(|i| ctor_default(model, i, &mut memo))
        .collect()
}

fn ctor_default(model: &Model, i: usize, memo: &mut Vec<Option<bool>>) -> bool {
    if let Some(known) = memo[i] {
        return known;
    }
    memo[i] = Some(false);
    let ctor = &model.ctors[i];
    let known = has_default(ctor, &mut |ty| {
        ty_default(ty, &mut |j| ctor_default(model, j, memo))
    });
    memo[i] = Some(known);
    known
}

/// Whether a struct gets `Default`: no type parameters, and every field has one: flags (`false`),
/// optional fields and groups (`None`), and required values of types with one.
fn has_default(ctor: &Ctor, ty_default: &mut dyn FnMut(&Ty) -> bool) -> bool {
    ctor.params.is_empty()
        && ctor.fields.iter().all(|f| match &f.kind {
            FieldKind::Required(ty) => ty_default(ty),
            FieldKind::Optional(..) | FieldKind::Flag(_) | FieldKind::Group(..) => true,
        })
}

/// The types with a [`Fallback`](field::has_fallback) value, which is their `Default` (zero,
/// empty), except `int512` (arrays longer than 32 have no `Default`); bare constructors and boxes
/// of them as `bare` decides for the constructor.
fn ty_default(ty: &Ty, bare: &mut dyn FnMut(usize) -> bool) -> bool {
    match ty {
        Ty::RawBytes(n) => *n <= 32,
        Ty::Bare(i) => bare(*i),
        Ty::Heap(inner) => ty_default(inner, bare),
        other => field::has_fallback(other),
    }
}

/// `text` as a Rust string literal (`"a \"b\""`): `Debug` of a `str` is valid Rust.
fn str_lit(text: &str) -> String {
    format!("{text:?}")
}

/// The generated code of one module.
#[derive(Default)]
struct Module {
    /// Its items.
    items: String,
    /// Structs whose `Debug` and `PartialEq` come from one `__rt::__ctor_impls!` call
    /// (`Name`; a constructor without fields as `Name = 0x… "tl.name"`, with its `Clone` and
    /// `Constructor` too).
    ctors: Vec<String>,
    /// Enums whose `constructor_id()`, `tl_name()`, `Serialize`, `Debug` and `PartialEq` come
    /// from one `__rt::__enum_impls!` call.
    enums: Vec<String>,
    /// Structs with `Default`, as `Name { field, … }`, from one `__rt::__default_impls!` call.
    defaults: Vec<String>,
    /// Structs (not generic) that get the `Eq`/`Hash` asked for from one `__rt::__std_impls!`
    /// call, as `Name` or `Name<'de>` (the enums are those of `enums`).
    structs: Vec<String>,
    /// Its `Arbitrary` impls, emitted together in one `__if_arbitrary!` (feature `arbitrary` of
    /// the runtime).
    arbitrary: String,
}

/// `__rt::{head} A, B, …);`: one call of a runtime impl macro for the types it lists, none for an
/// empty list.
fn impl_call(out: &mut String, head: &str, names: &[String]) {
    if !names.is_empty() {
        let _ = writeln!(out, "__rt::{head} {});", names.join(", "));
    }
}

/// How a module's impl macros are called: `mode` is `inline` or `here`, their first word;
/// `traits` the `Eq`/`Hash` asked for, as `[Eq Hash]` (empty: none).
struct Mode {
    mode: &'static str,
    traits: &'static str,
}

/// Modules grouped by namespace.
#[derive(Default)]
struct ModuleTree {
    module: Module,
    children: BTreeMap<String, ModuleTree>,
}

impl ModuleTree {
    /// The module at `modules` below this one.
    fn module(&mut self, modules: &[String]) -> &mut Module {
        match modules.split_first() {
            None => &mut self.module,
            Some((first, rest)) => self.children.entry(first.clone()).or_default().module(rest),
        }
    }

    /// `use RT as __rt; use RT::__short::*; type __Info = …; items… __rt::__ctor_impls!(…);
    /// __rt::__enum_impls!(…); __rt::__if_arbitrary! { … } pub mod ns { … }`. `mode` is `inline`
    /// or `here`, the first word of the runtime's impl macros; `depth` how many modules below
    /// the macro's module this one is. `__Info` makes the `CtorInfo`s of this schema (its
    /// allocation bound): `type __Info = __rt::CtorInfoIn<{ super::ALLOC_PER_INPUT_BYTE }>;`;
    /// `__name_for_id` is the schema's `name_for_id`, for the enums' `tl_name_of`.
    fn write(&self, out: &mut String, rt: &str, emit: &Mode, depth: usize) {
        let mode = emit.mode;
        let _ = writeln!(out, "use {rt} as __rt; use {rt}::__short::*;");
        let m = &self.module;
        if !m.ctors.is_empty() || !m.enums.is_empty() || m.items.contains("__Info::new") {
            let _ = writeln!(
                out,
                "type __Info = __rt::CtorInfoIn<{{ {}ALLOC_PER_INPUT_BYTE }}>;",
                "super::".repeat(depth)
            );
        }
        if m.items.contains("__name_for_id(") {
            // The enums' `tl_name_of`: the schema's registry, for an error's path.
            let _ = writeln!(
                out,
                "use {}name_for_id as __name_for_id;",
                "super::".repeat(depth)
            );
        }
        out.push_str(&m.items);
        let traits = emit.traits;
        impl_call(out, &format!("__ctor_impls!({mode}"), &m.ctors);
        impl_call(out, &format!("__enum_impls!({mode}"), &m.enums);
        if !traits.is_empty() {
            impl_call(out, &format!("__std_impls!(bare {traits}"), &m.structs);
            impl_call(out, &format!("__std_impls!(boxed {traits}"), &m.enums);
        }
        impl_call(out, &format!("__default_impls!({mode}"), &m.defaults);
        if !m.arbitrary.is_empty() {
            let _ = writeln!(out, "__rt::__if_arbitrary! {{\n{}}}", m.arbitrary);
        }
        for (name, child) in &self.children {
            let _ = writeln!(out, "pub mod {name} {{");
            child.write(out, rt, emit, depth + 1);
            out.push_str("}\n");
        }
    }
}

impl Cx<'_> {
    /// `#[inline] ` before a non-generic function, or nothing with `inline = false`.
    fn inline(&self) -> &'static str {
        if self.inline {
            "#[inline] "
        } else {
            ""
        }
    }

    /// `super::super::` to get from an item in `modules` (below a top module) to the macro's module.
    fn to_root(modules: &[String]) -> String {
        "super::".repeat(modules.len() + 1)
    }

    /// `super::enums::messages::Messages`: `path` below top module `top`, seen from `from`.
    fn item_path(from: &[String], top: &str, path: &RustPath) -> String {
        let mut s = Self::to_root(from);
        s.push_str(top);
        for m in &path.modules {
            s.push_str("::");
            s.push_str(m);
        }
        s.push_str("::");
        s.push_str(&path.name);
        s
    }

    /// The Rust type of a field, written from inside module `from`.
    ///
    /// `Vector<MessageEntity>` → `__Vec<super::enums::MessageEntity>`; with `borrowed = true`
    /// `string` → `&'de str` and `Vector<MessageEntity>` → `__Vec<super::enums::MessageEntity<'de>>`.
    fn rust_type(&self, from: &[String], ty: &Ty) -> String {
        self.rust_type_lt(from, ty, "'de")
    }

    /// [`rust_type`](Self::rust_type) with the lifetime named `lt`.
    fn rust_type_lt(&self, from: &[String], ty: &Ty, lt: &str) -> String {
        let with_lt = |path: String, borrows: bool| {
            if borrows {
                format!("{path}<{lt}>")
            } else {
                path
            }
        };
        match ty {
            Ty::Int => "i32".into(),
            Ty::Long | Ty::Int53 => "i64".into(),
            Ty::Double => "f64".into(),
            Ty::Nat => "u32".into(),
            Ty::Bool => "bool".into(),
            Ty::String if self.lt.borrowed => format!("&{lt} str"),
            Ty::Bytes if self.lt.borrowed => format!("&{lt} [u8]"),
            Ty::String => "__String".into(),
            Ty::Bytes => "__Vec<u8>".into(),
            Ty::RawBytes(n) => format!("[u8; {n}]"),
            Ty::Vector { elem, .. } => format!("__Vec<{}>", self.rust_type_lt(from, elem, lt)),
            Ty::Enum(e) => with_lt(
                Self::item_path(from, "enums", &self.model.enums[*e].path),
                self.lt.enums[*e],
            ),
            Ty::Bare(c) => with_lt(
                Self::item_path(from, "types", &self.model.ctors[*c].path),
                self.lt.ctors[*c],
            ),
            Ty::Heap(inner) => format!("__Box<{}>", self.rust_type_lt(from, inner, lt)),
            Ty::Nullable(inner) => format!("__Option<{}>", self.rust_type_lt(from, inner, lt)),
            Ty::Param(name) => name.clone(),
            Ty::AnyObject => with_lt(
                format!("{}enums::AnyObject", Self::to_root(from)),
                self.lt.any_object,
            ),
            Ty::AnyFunction => with_lt(
                format!("{}functions::AnyFunction", Self::to_root(from)),
                self.lt.any_function,
            ),
            Ty::Unit => "()".into(),
        }
    }

    /// `name` with `<'de>` when the type borrows: how a type is named in impl headers and in
    /// the runtime's impl macros.
    fn with_de(name: &str, borrows: bool) -> String {
        if borrows {
            format!("{name}<'de>")
        } else {
            name.to_owned()
        }
    }
}
