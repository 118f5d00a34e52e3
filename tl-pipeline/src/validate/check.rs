//! Rules about the lowered model as a whole, one `check_*` function each. They run after lowering
//! and layout, report at the declaration they are about, and never change the model.

use std::collections::{HashMap, HashSet};

use crate::diag::Diagnostic;
use crate::model::{Ctor, Model, RustPath, Ty};

/// Runs every check.
pub(super) fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    check_unique_rust_paths("types", &model.ctors, diags);
    check_unique_rust_paths("functions", &model.functions, diags);
    check_unique_field_names(model, diags);
    check_return_types(model, diags);
    check_finite_types(model, diags);
    check_object_and_function(model, diags);
}

/// Two constructors (or two functions) must not generate the same Rust path: `a.fooBar` and
/// `a.foo_bar` would both be `types::a::FooBar`.
fn check_unique_rust_paths(kind: &str, items: &[Ctor], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&RustPath, &Ctor> = HashMap::new();
    for item in items {
        let Some(first) = seen.get(&item.path) else {
            seen.insert(&item.path, item);
            continue;
        };
        let rust = format!("{kind}::{}", path_text(&item.path));
        diags.push(
            Diagnostic::new(
                item.span.source,
                item.span.name.clone(),
                format!(
                    "`{}` and `{}` would both generate `{rust}`",
                    first.tl_name, item.tl_name
                ),
            )
            .note(
                first.span.source,
                first.span.name.clone(),
                "the other one is here",
            )
            .hint("rename one of them"),
        );
    }
}

/// Two fields of one declaration must not get the same Rust name (`srp_B` and `srp_b`).
fn check_unique_field_names(model: &Model, diags: &mut Vec<Diagnostic>) {
    for ctor in model.ctors.iter().chain(&model.functions) {
        let mut seen = HashSet::new();
        for f in &ctor.fields {
            if !seen.insert(&f.name) {
                diags.push(
                    Diagnostic::new(
                        ctor.span.source,
                        ctor.span.name.clone(),
                        format!(
                            "two fields of `{}` would both be named `{}` in Rust",
                            ctor.tl_name, f.name
                        ),
                    )
                    .hint("rename one of the fields"),
                );
            }
        }
    }
}

/// A function's answer is decoded on its own (`RemoteCall::Return: Deserialize`), so it must be
/// a boxed type, a primitive, a boxed `Vector` of those, or a type parameter.
fn check_return_types(model: &Model, diags: &mut Vec<Diagnostic>) {
    fn returnable(ty: &Ty) -> bool {
        match ty {
            Ty::Bytes | Ty::Bare(_) | Ty::Heap(_) => false,
            Ty::Vector { bare, elem } => !bare && returnable(elem),
            _ => true,
        }
    }
    for f in &model.functions {
        if f.returns.as_ref().is_some_and(|ty| !returnable(ty)) {
            diags.push(
                Diagnostic::new(
                    f.span.source,
                    f.span.result.clone(),
                    format!(
                        "a function returning `{}` cannot be generated yet",
                        f.result_name
                    ),
                )
                .hint("return types are boxed types, `Bool`, primitives, `Vector<…>` of those, or a type parameter"),
            );
        }
    }
}

/// Every boxed type needs a constructor whose values are finite: one whose required fields do
/// not lead back to the type itself (`textBold text:RichText = RichText;` needs a `textEmpty`
/// beside it). A type without one has no value that could ever be encoded or decoded.
fn check_finite_types(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (e, terminal) in model.enums.iter().zip(&model.terminal_variants) {
        if terminal.is_some() {
            continue;
        }
        let Some(first) = e.variants.first() else {
            continue;
        };
        let ctor = &model.ctors[first.ctor];
        diags.push(
            Diagnostic::new(
                ctor.span.source,
                ctor.span.result.clone(),
                format!(
                    "type `{}` has no finite value: every constructor of it contains another `{}`",
                    e.tl_name, e.tl_name
                ),
            )
            .hint(format!(
                "add a constructor without such a field, e.g. `{}Empty = {};`, or make the field optional (`flags.0?{}`)",
                lower_first(&e.path.name),
                e.tl_name,
                e.tl_name
            )),
        );
    }
}

/// A schema that uses `Object` needs a type with a finite value, one that uses `Function` a
/// function (not generic) whose values are finite: what a failed decode of an `Object` or a
/// `Function` returns, and where generated values end.
fn check_object_and_function(model: &Model, diags: &mut Vec<Diagnostic>) {
    let first = model.ctors.first().or(model.functions.first());
    let Some(at) = first.map(|c| &c.span) else {
        return;
    };
    if model.any_object && model.terminal_object.is_none() {
        diags.push(
            Diagnostic::new(
                at.source,
                at.name.clone(),
                "the schema uses `Object` but declares no type with a finite value",
            )
            .hint("declare a constructor, e.g. `ok = Ok;`"),
        );
    }
    if model.any_function && model.terminal_function.is_none() {
        diags.push(
            Diagnostic::new(
                at.source,
                at.name.clone(),
                "the schema uses `Function` but every function is generic or contains another `Function`",
            )
            .hint("declare a plain function, e.g. `---functions--- ping = Pong;`"),
        );
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn path_text(path: &RustPath) -> String {
    let mut parts = path.modules.clone();
    parts.push(path.name.clone());
    parts.join("::")
}
