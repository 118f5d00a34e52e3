//! Published documentation and RPC-error data, read from JSON and put on the parsed schema.
//!
//! Two formats are read (both with `serde_json`, into plain structs here):
//!
//! - [`ApiDocs`]: gotd/getdoc's dump of core.telegram.org (`docs = "…json"` of `tl_schema!`): a
//!   description per constructor, type and method, parameter descriptions, links, the errors
//!   each method lists, and a global error map;
//! - [`ErrorDb`]: mtcute's error database (`errors = "…json"`), built from Telegram's own
//!   `errors.json`: every error with its code, description and the names of its `%d` arguments,
//!   and which methods throw it.
//!
//! [`apply`] writes them into the declarations' [`Docs`] before validation, as if the schema's
//! comments had said it, so lowering treats both alike. Descriptions become Markdown: the
//! text escaped, and each `¹`-style marker a link to the entry of `links` it numbers
//! (`see here »¹` → `see here [»](https://…)`).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::ast::{Docs, ErrorDoc, Schema, Section};

/// One documented constructor or method.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemDoc {
    /// Its description, Markdown paragraphs.
    pub paragraphs: Vec<String>,
    /// Field (parameter) name → its description, Markdown.
    pub fields: Vec<(String, String)>,
    /// For a method: the errors its page lists.
    pub errors: Vec<ErrorDoc>,
}

/// An error as a data file defines it (not tied to a method).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorDef {
    /// The error code.
    pub code: i32,
    /// The message, `%d` standing for a number.
    pub name: String,
    /// What it means (plain text).
    pub description: String,
    /// The name of the `%d` argument (`seconds`), if the data gives one.
    pub argument: Option<String>,
}

/// gotd/getdoc's documentation of the Telegram API.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDocs {
    /// The layer the pages describe (`index.layer`).
    pub layer: Option<i64>,
    /// By TL name: `inputPhoneCall`.
    pub constructors: HashMap<String, ItemDoc>,
    /// By TL name: `phone.discardCall`.
    pub methods: HashMap<String, ItemDoc>,
    /// Boxed types by TL name (`account.Password`; getdoc also writes `Account.Password`).
    pub types: HashMap<String, Vec<String>>,
    /// The global error map.
    pub errors: Vec<ErrorDef>,
}

/// mtcute's error database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDb {
    /// Every error it knows.
    pub errors: Vec<ErrorDef>,
    /// Method TL name → the names of the errors it throws.
    pub throws: HashMap<String, Vec<String>>,
}

/// How much of a schema a documentation file covers: (documented, total) per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Constructors.
    pub constructors: (usize, usize),
    /// Functions.
    pub functions: (usize, usize),
    /// Boxed types.
    pub types: (usize, usize),
}

/// The key of a JSON object member, or an error naming where it was expected.
fn member<'v>(value: &'v Value, key: &str, at: &str) -> Result<&'v Value, String> {
    value.get(key).ok_or_else(|| format!("{at} has no `{key}`"))
}

fn as_object<'v>(value: &'v Value, at: &str) -> Result<&'v serde_json::Map<String, Value>, String> {
    value
        .as_object()
        .ok_or_else(|| format!("{at} is not a JSON object"))
}

fn as_str<'v>(value: &'v Value, at: &str) -> Result<&'v str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("{at} is not a string"))
}

fn as_code(value: &Value, at: &str) -> Result<i32, String> {
    value
        .as_i64()
        .and_then(|c| i32::try_from(c).ok())
        .ok_or_else(|| format!("{at} is not an error code (a 32-bit integer)"))
}

/// The strings of an optional array member (`links`, `description`).
fn strings(value: &Value, key: &str, at: &str) -> Result<Vec<String>, String> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(list) => string_list(list, &format!("{at}.{key}")),
    }
}

/// A JSON array of strings.
fn string_list(value: &Value, at: &str) -> Result<Vec<String>, String> {
    let Value::Array(items) = value else {
        return Err(format!("{at} is not an array"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| as_str(v, &format!("{at}[{i}]")).map(str::to_owned))
        .collect()
}

/// Parses gotd/getdoc's JSON (`{index, constructors, types, methods, errors}`).
pub fn parse_getdoc(text: &str) -> Result<ApiDocs, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    as_object(&root, "the file")?;
    member(&root, "index", "the file")?;
    let mut docs = ApiDocs {
        layer: root["index"].get("layer").and_then(Value::as_i64),
        ..ApiDocs::default()
    };
    for (section, fields_key) in [("constructors", "fields"), ("methods", "parameters")] {
        let Some(items) = root.get(section) else {
            continue;
        };
        for (name, item) in as_object(items, section)? {
            let at = format!("{section}.{name}");
            let doc = item_doc(item, fields_key, &at)?;
            let map = if section == "methods" {
                &mut docs.methods
            } else {
                &mut docs.constructors
            };
            map.insert(name.clone(), doc);
        }
    }
    if let Some(types) = root.get("types") {
        for (name, item) in as_object(types, "types")? {
            let at = format!("types.{name}");
            let links = strings(item, "links", &at)?;
            let paragraphs = strings(item, "description", &at)?
                .iter()
                .map(|p| markdown(p, &links))
                .collect();
            docs.types.insert(type_key(name), paragraphs);
        }
    }
    if let Some(errors) = root.get("errors") {
        for (name, e) in as_object(errors, "errors")? {
            let e = getdoc_error(e, &format!("errors.{name}"))?;
            docs.errors.push(ErrorDef {
                code: e.code,
                name: e.name,
                description: e.description,
                argument: None,
            });
        }
    }
    Ok(docs)
}

/// A constructor's or method's entry: description, fields or parameters, errors.
fn item_doc(item: &Value, fields_key: &str, at: &str) -> Result<ItemDoc, String> {
    let links = strings(item, "links", at)?;
    let mut doc = ItemDoc {
        paragraphs: strings(item, "description", at)?
            .iter()
            .map(|p| markdown(p, &links))
            .collect(),
        ..ItemDoc::default()
    };
    if let Some(fields) = item.get(fields_key) {
        let at = format!("{at}.{fields_key}");
        for (name, field) in as_object(fields, &at)? {
            let at = format!("{at}.{name}");
            let links = strings(field, "links", &at)?;
            if let Some(text) = field.get("description").and_then(Value::as_str) {
                doc.fields.push((name.clone(), markdown(text, &links)));
            }
        }
        doc.fields.sort();
    }
    if let Some(errors) = item.get("errors") {
        let Value::Array(errors) = errors else {
            return Err(format!("{at}.errors is not an array"));
        };
        for (i, e) in errors.iter().enumerate() {
            doc.errors
                .push(getdoc_error(e, &format!("{at}.errors[{i}]"))?);
        }
    }
    Ok(doc)
}

/// An error entry of getdoc (`{code, type, description?}`).
fn getdoc_error(e: &Value, at: &str) -> Result<ErrorDoc, String> {
    Ok(ErrorDoc {
        code: as_code(member(e, "code", at)?, &format!("{at}.code"))?,
        name: as_str(member(e, "type", at)?, &format!("{at}.type"))?.to_owned(),
        description: string_member(e, "description"),
    })
}

/// An optional string member, empty when absent.
fn string_member(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Parses mtcute's error database (`{errors: {NAME: {code, name, description, _paramNames?}},
/// throws: {method: [NAME]}}`).
pub fn parse_errors(text: &str) -> Result<ErrorDb, String> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    as_object(&root, "the file")?;
    let mut db = ErrorDb::default();
    for (key, e) in as_object(member(&root, "errors", "the file")?, "errors")? {
        let at = format!("errors.{key}");
        let argument = match e.get("_paramNames") {
            Some(Value::Array(names)) => names.first().and_then(Value::as_str).map(str::to_owned),
            _ => None,
        };
        db.errors.push(ErrorDef {
            code: as_code(member(e, "code", &at)?, &format!("{at}.code"))?,
            name: e
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(key)
                .to_owned(),
            description: decode_entities(&string_member(e, "description")),
            argument,
        });
    }
    if let Some(throws) = root.get("throws") {
        for (method, names) in as_object(throws, "throws")? {
            let names = string_list(names, &format!("throws.{method}"))?;
            db.throws.insert(method.clone(), names);
        }
    }
    Ok(db)
}

/// The HTML entities mtcute's descriptions keep from Telegram's site (`see here &raquo;`).
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    [
        ("&raquo;", "»"),
        ("&laquo;", "«"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(text.to_owned(), |t, (entity, c)| t.replace(entity, c))
}

/// Error descriptions are text with some Markdown (mtcute's have links and `code`): in rustdoc
/// only what would break a table row or read as HTML is escaped.
pub fn escape_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `Account.Password` → `account.Password`: getdoc capitalizes some namespaces of type names.
fn type_key(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((ns, short)) => format!("{}.{short}", ns.to_lowercase()),
        None => name.to_owned(),
    }
}

/// The superscript digits getdoc puts after a link's text: `¹`, `²`, … `¹⁰`.
fn superscript_digit(c: char) -> Option<usize> {
    "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c)
}

/// A description as Markdown: Markdown's punctuation escaped, the `ⁿ` markers links to
/// `links[n - 1]`: `see here »¹` → `see here [»](url)`, `conditional fields¹` →
/// `conditional fields[¹](url)`. A marker with no link stays as it is.
pub fn markdown(text: &str, links: &[String]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let mut n = 0;
        while let Some(d) = chars.get(i).copied().and_then(superscript_digit) {
            n = n * 10 + d;
            i += 1;
        }
        if i > start {
            let marker: String = chars[start..i].iter().collect();
            match n.checked_sub(1).and_then(|k| links.get(k)) {
                Some(url) => {
                    let text = if out.ends_with('»') {
                        out.pop();
                        "»".to_owned()
                    } else {
                        marker
                    };
                    out.push_str(&format!("[{text}]({})", link_target(url)));
                }
                None => out.push_str(&marker),
            }
            continue;
        }
        push_escaped(&mut out, chars[i]);
        i += 1;
    }
    out
}

/// `c` with a backslash if Markdown could read it as markup.
fn push_escaped(out: &mut String, c: char) {
    if matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~'
    ) {
        out.push('\\');
    }
    out.push(c);
}

/// A URL as a Markdown link target: the characters that would end it percent-encoded.
fn link_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Writes `docs` and `db` into the declarations: documented items get their description, their
/// fields' descriptions (where the schema's comments give none) and, for functions, the errors
/// the page lists (or, where neither page nor comments list any, those `db` says they throw);
/// items `docs` does not cover say so in one line (unless their comments document them).
/// Returns how much of the schema `docs` covers.
pub fn apply(schemas: &mut [Schema], docs: Option<&ApiDocs>, db: Option<&ErrorDb>) -> Coverage {
    let mut coverage = Coverage::default();
    let missing = docs.map(|d| match d.layer {
        Some(layer) => format!("Not in the API documentation (layer {layer})."),
        None => "Not in the API documentation.".to_owned(),
    });
    let db_errors: HashMap<&str, &ErrorDef> = db
        .map(|db| db.errors.iter().map(|e| (e.name.as_str(), e)).collect())
        .unwrap_or_default();
    let mut types: Vec<String> = Vec::new();
    for schema in schemas.iter_mut() {
        for decl in &mut schema.decls {
            let function = decl.section == Section::Functions;
            if !function && !decl.builtin && !types.contains(&decl.result.name) {
                types.push(decl.result.name.clone());
            }
            let name = decl.name.value.as_str();
            if let Some(docs) = docs {
                let map = if function {
                    &docs.methods
                } else {
                    &docs.constructors
                };
                let count = if function {
                    &mut coverage.functions
                } else {
                    &mut coverage.constructors
                };
                // Built-in lines (`vector {t:Type} # [ t ] = Vector t;`) are not counted.
                let counted = usize::from(!decl.builtin);
                count.1 += counted;
                match map.get(name) {
                    Some(item) => {
                        count.0 += counted;
                        document(&mut decl.docs, item);
                    }
                    None if decl.docs.item.is_empty() => {
                        decl.docs.item = vec![missing.clone().unwrap_or_default()];
                    }
                    None => {}
                }
            }
            // What the database says a method throws fills in for a page that lists nothing.
            let throws = db.and_then(|db| db.throws.get(name));
            if let (true, true, Some(names)) = (function, decl.docs.errors.is_empty(), throws) {
                for e in names.iter().filter_map(|n| db_errors.get(n.as_str())) {
                    decl.docs.errors.push(ErrorDoc {
                        code: e.code,
                        name: e.name.clone(),
                        description: e.description.clone(),
                    });
                }
            }
        }
    }
    if let Some(docs) = docs {
        let documented: HashSet<&str> = schemas
            .iter()
            .flat_map(|s| s.class_docs.iter().map(|(c, _)| c.as_str()))
            .collect();
        let mut class_docs = Vec::new();
        for ty in &types {
            coverage.types.1 += 1;
            match docs.types.get(ty) {
                Some(paragraphs) => {
                    coverage.types.0 += 1;
                    let lines = with_blank_lines(paragraphs);
                    class_docs.extend(lines.into_iter().map(|line| (ty.clone(), line)));
                }
                None if !documented.contains(ty.as_str()) => {
                    class_docs.push((ty.clone(), missing.clone().unwrap_or_default()));
                }
                None => {}
            }
        }
        if let Some(first) = schemas.first_mut() {
            first.class_docs.extend(class_docs);
        }
    }
    coverage
}

/// Doc lines of paragraphs: an empty line between each two.
fn with_blank_lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines = Vec::with_capacity(paragraphs.len() * 2);
    for (i, p) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.push(p.clone());
    }
    lines
}

/// One documented item's entry written into its declaration's docs.
fn document(docs: &mut Docs, item: &ItemDoc) {
    if !item.paragraphs.is_empty() {
        docs.item = with_blank_lines(&item.paragraphs);
    }
    for (field, text) in &item.fields {
        if docs.field(field).is_none() {
            docs.fields.push((field.clone(), text.clone()));
        }
    }
    for e in &item.errors {
        if !docs
            .errors
            .iter()
            .any(|d| d.code == e.code && d.name == e.name)
        {
            docs.errors.push(e.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_links() {
        let links = vec![
            "https://core.telegram.org/api/calls#one-to-one-calls".to_owned(),
            "https://core.telegram.org/mtproto/TL-combinators#conditional-fields".to_owned(),
        ];
        assert_eq!(
            markdown(
                "Refuse or end running call, see here »¹ for more info on the full flow.",
                &links
            ),
            "Refuse or end running call, see here [»](https://core.telegram.org/api/calls#one-to-one-calls) for more info on the full flow."
        );
        assert_eq!(
            markdown("Flags, see TL conditional fields²", &links),
            "Flags, see TL conditional fields[²](https://core.telegram.org/mtproto/TL-combinators#conditional-fields)"
        );
        // No such link: the marker stays; markup is escaped.
        assert_eq!(markdown("a³ *b* [c] <d>", &links), r"a³ \*b\* \[c\] \<d\>");
        let many: Vec<String> = (1..=12).map(|i| format!("https://x/{i}")).collect();
        assert_eq!(markdown("ten¹⁰", &many), "ten[¹⁰](https://x/10)");
    }

    #[test]
    fn getdoc_entries() {
        let text = r#"{"index": {"layer": 223, "categories": []},
          "methods": {"phone.discardCall": {"name": "phone.discardCall",
            "description": ["Refuse or end running call, see here »¹ for more info."],
            "links": ["https://core.telegram.org/api/calls"],
            "parameters": {"peer": {"name": "peer", "description": "The phone call"}},
            "errors": [{"code": 400, "type": "CALL_ALREADY_ACCEPTED", "description": "The call was already accepted."}]}},
          "types": {"Account.Password": {"name": "Account.Password", "description": ["Password"]}},
          "errors": {"FLOOD_WAIT_%d": {"code": 420, "type": "FLOOD_WAIT_%d"}}}"#;
        let docs = parse_getdoc(text).unwrap();
        assert_eq!(docs.layer, Some(223));
        let m = &docs.methods["phone.discardCall"];
        assert_eq!(m.fields, [("peer".to_owned(), "The phone call".to_owned())]);
        assert_eq!(m.errors[0].name, "CALL_ALREADY_ACCEPTED");
        assert_eq!(docs.types["account.Password"], ["Password"]);
        assert_eq!(docs.errors[0].code, 420);
    }

    #[test]
    fn malformed_files_are_errors_that_say_where() {
        let e = parse_getdoc("{\"index\": {}, \"methods\": [1]}").unwrap_err();
        assert_eq!(e, "methods is not a JSON object");
        let e = parse_getdoc("{\"index\": {},\n \"methods\": {").unwrap_err();
        assert!(
            e.starts_with("not valid JSON") && e.contains("line 2"),
            "{e}"
        );
        let e = parse_getdoc("{}").unwrap_err();
        assert_eq!(e, "the file has no `index`");
        let e = parse_errors(r#"{"errors": {"X": {"code": "400"}}}"#).unwrap_err();
        assert_eq!(e, "errors.X.code is not an error code (a 32-bit integer)");
    }

    #[test]
    fn apply_documents_and_counts() {
        let (mut schema, errors) = crate::parse::parse(
            "inputPhoneCall#1e36fded id:long = InputPhoneCall;\n---functions---\nphone.discardCall#1 peer:InputPhoneCall = Bool;\nphone.other#2 = Bool;",
        );
        assert!(errors.is_empty());
        let mut docs = ApiDocs {
            layer: Some(223),
            ..ApiDocs::default()
        };
        docs.methods.insert(
            "phone.discardCall".into(),
            ItemDoc {
                paragraphs: vec!["One.".into(), "Two.".into()],
                fields: vec![("peer".into(), "The phone call".into())],
                errors: Vec::new(),
            },
        );
        let db = ErrorDb {
            errors: vec![ErrorDef {
                code: 400,
                name: "CALL_PEER_INVALID".into(),
                description: String::new(),
                argument: None,
            }],
            throws: [(
                "phone.discardCall".to_owned(),
                vec!["CALL_PEER_INVALID".to_owned()],
            )]
            .into(),
        };
        let coverage = apply(std::slice::from_mut(&mut schema), Some(&docs), Some(&db));
        assert_eq!(coverage.functions, (1, 2));
        assert_eq!(coverage.constructors, (0, 1));
        assert_eq!(coverage.types, (0, 1));
        let call = &schema.decls[1].docs;
        assert_eq!(call.item, ["One.", "", "Two."]);
        assert_eq!(call.field("peer"), Some("The phone call"));
        assert_eq!(call.errors[0].name, "CALL_PEER_INVALID");
        assert_eq!(
            schema.decls[2].docs.item,
            ["Not in the API documentation (layer 223)."]
        );
        assert_eq!(
            schema.class_docs,
            [(
                "InputPhoneCall".to_owned(),
                "Not in the API documentation (layer 223).".to_owned()
            )]
        );
    }
}
