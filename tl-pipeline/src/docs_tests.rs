//! The published documentation and error data (`../shared/api-docs`) on the real layer-230 schema.

use std::path::PathBuf;

use crate::{run, Options, Output, Source};

fn shared(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expand(files: &[&str], docs: bool, errors: bool) -> Output {
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source::file(*f, shared(&format!("schemas/{f}"))))
        .collect();
    let options = Options {
        docs: docs.then(|| shared("api-docs/getdoc-layer223.json")),
        errors: errors.then(|| shared("api-docs/mtcute-errors.json")),
        ..Options::default()
    };
    let out = run(&sources, &options);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out.data_errors.is_empty(), "{:?}", out.data_errors);
    out
}

/// The doc lines of the item `name` in module `modules` of the generated file.
fn item_docs(file: &syn::File, modules: &[&str], name: &str) -> Vec<String> {
    fn docs(attrs: &[syn::Attribute]) -> Vec<String> {
        attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }
    let mut items = &file.items;
    for m in modules {
        items = items
            .iter()
            .find_map(|i| match i {
                syn::Item::Mod(md) if md.ident == m => md.content.as_ref().map(|(_, c)| c),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no module {m}"));
    }
    for item in items {
        match item {
            syn::Item::Struct(s) if s.ident == name => {
                let mut out = docs(&s.attrs);
                for f in &s.fields {
                    let field = f
                        .ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    out.extend(docs(&f.attrs).into_iter().map(|d| format!("{field}: {d}")));
                }
                return out;
            }
            syn::Item::Enum(e) if e.ident == name => return docs(&e.attrs),
            _ => {}
        }
    }
    panic!("no item {name}")
}

#[test]
fn documented_items_of_layer_230() {
    let out = expand(&["telegram-api-layer230.tl"], true, false);
    let c = out.coverage.expect("coverage");
    println!(
        "getdoc-layer223.json documents, of layer 230: {} of {} constructors, {} of {} functions, {} of {} types",
        c.constructors.0, c.constructors.1, c.functions.0, c.functions.1, c.types.0, c.types.1
    );
    // The counts `../shared/api-docs/PROVENANCE.md` gives; for types it counts exact names
    // (511), and 73 more are under a capitalized namespace (`Account.Authorizations`).
    assert_eq!(c.constructors, (1524, 1703));
    assert_eq!(c.functions, (756, 850));
    assert_eq!(c.types, (511 + 73, 649));
    let undocumented = out
        .code
        .matches("Not in the API documentation (layer 223).")
        .count();
    // The built-in `vector` is documented but not counted.
    assert_eq!(undocumented, (1703 - 1524) + (850 - 756) + (649 - 584));
}

#[test]
fn discard_call_carries_the_page() {
    let out = expand(
        &["telegram-api-layer230.tl", "mtproto-grammers.tl"],
        true,
        true,
    );
    let file: syn::File = syn::parse_str(&out.code).expect("generated code parses");
    let wrapper = ["__tl_schema", "functions", "phone"];
    let docs = item_docs(&file, &wrapper, "DiscardCall");
    let want = [
        " Refuse or end running call, see here [»](https://core.telegram.org/api/calls#one-to-one-calls) for more info on the full flow.",
        "",
        " TL function `phone.discardCall#b2cbc1c0`, answered by `Updates`.",
        "",
        " # Possible errors",
        "",
        " | Code | Error | Description |",
        " |---:|---|---|",
        " | 400 | `CALL_ALREADY_ACCEPTED` | The call was already accepted. |",
        " | 500 | `CALL_OCCUPY_FAILED` | The call failed because the user is already making another call. |",
        " | 400 | `CALL_PEER_INVALID` | The provided call peer object is invalid. |",
        "video: Whether this is a video call",
        "peer: The phone call",
        "duration: Call duration",
        "reason: Why was the call discarded",
        "connection_id: Preferred libtgvoip relay ID",
    ];
    assert_eq!(docs, want);
    // A constructor with a link in a field, and a boxed type.
    let docs = item_docs(
        &file,
        &["__tl_schema", "types", "account"],
        "AutoSaveSettings",
    );
    assert_eq!(docs[0], " Contains media autosave settings");
    assert!(docs.contains(&"broadcasts_settings: Default media autosave settings for channels[¹](https://core.telegram.org/api/channel)".to_owned()), "{docs:?}");
    let docs = item_docs(&file, &["__tl_schema", "enums"], "InputPhoneCall");
    assert_eq!(docs[0], " Phone call");
    // The MTProto schema is not on the site.
    let docs = item_docs(&file, &["__tl_schema", "types"], "RpcError");
    assert_eq!(docs[0], " Not in the API documentation (layer 223).");
}

#[test]
fn every_error_of_both_files_is_in_the_table() {
    let out = expand(&["telegram-api-layer230.tl"], true, true);
    let mut want: Vec<(i64, String)> = Vec::new();
    let getdoc: serde_json::Value =
        serde_json::from_str(&shared("api-docs/getdoc-layer223.json")).unwrap();
    for (name, e) in getdoc["errors"].as_object().unwrap() {
        want.push((e["code"].as_i64().unwrap(), name.clone()));
    }
    for m in getdoc["methods"].as_object().unwrap().values() {
        for e in m["errors"].as_array().into_iter().flatten() {
            want.push((
                e["code"].as_i64().unwrap(),
                e["type"].as_str().unwrap().to_owned(),
            ));
        }
    }
    let mtcute: serde_json::Value =
        serde_json::from_str(&shared("api-docs/mtcute-errors.json")).unwrap();
    for (name, e) in mtcute["errors"].as_object().unwrap() {
        want.push((e["code"].as_i64().unwrap(), name.clone()));
    }
    // The table's rows, `__rt::RpcErrorInfo::new(400, "NAME", …`, as (code, name), read in one
    // pass over the expansion (searching it once per error took half a minute in a debug build).
    let rows: Vec<&str> = out.code.split("__rt::RpcErrorInfo::new(").skip(1).collect();
    let table: std::collections::HashSet<(i64, &str)> = rows
        .iter()
        .filter_map(|row| {
            let (code, rest) = row.split_once(", \"")?;
            Some((code.parse().ok()?, rest.split_once('"')?.0))
        })
        .collect();
    for (code, name) in &want {
        assert!(
            table.contains(&(*code, name.as_str())),
            "{code} {name} not in the table"
        );
    }
    let variants = rows.len();
    want.sort();
    want.dedup();
    println!(
        "{} errors (code, name) in both files; the table has {variants} rows",
        want.len()
    );
    assert!(variants >= want.len());
}
