//! `tl diff`: what changed between two schemas: constructors, functions and boxed types added,
//! removed or changed; for a changed declaration its id and which arguments were added, removed,
//! retyped or moved to another flag bit.
//!
//! Works on the syntax trees (TL names and types as written), so a schema that does not validate
//! can still be compared; ids missing from the text are computed by the id rule.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use tl_pipeline::ast::{Arg, Decl, Section};
use tl_pipeline::{diag, id, parse, validate, IdRule, Source};

/// Added, removed or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Only in the new schema.
    Added,
    /// Only in the old schema.
    Removed,
    /// In both, different.
    Changed,
}

impl Status {
    fn mark(self) -> char {
        match self {
            Status::Added => '+',
            Status::Removed => '-',
            Status::Changed => '~',
        }
    }

    fn word(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
        }
    }
}

/// What happened to one argument of a changed declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldChange {
    /// A new argument: its name and `cond?type`.
    Added(String, String),
    /// An argument that is gone.
    Removed(String, String),
    /// Same name, another type (the condition may have changed too): old and new `cond?type`.
    Retyped(String, String, String),
    /// Same name and type, another flag condition: old and new `word.bit`.
    Moved(String, String, String),
    /// The same arguments in another order.
    Reordered,
}

/// A declaration (constructor or function) that was added, removed or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclChange {
    /// A function (else a constructor).
    pub function: bool,
    /// The TL name.
    pub name: String,
    /// What happened.
    pub status: Status,
    /// The id in the old schema.
    pub old_id: Option<u32>,
    /// The id in the new schema.
    pub new_id: Option<u32>,
    /// The result type, old and new (the same when unchanged).
    pub result: (String, String),
    /// For a changed one: its arguments' changes.
    pub fields: Vec<FieldChange>,
}

/// A boxed type that was added, removed, or whose constructors changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeChange {
    /// The TL name.
    pub name: String,
    /// What happened.
    pub status: Status,
    /// Constructors it gained.
    pub added: Vec<String>,
    /// Constructors it lost.
    pub removed: Vec<String>,
}

/// Everything that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    /// The old schema's name.
    pub old: String,
    /// The new schema's name.
    pub new: String,
    /// Constructors and functions, sorted by kind then name.
    pub decls: Vec<DeclChange>,
    /// Boxed types, sorted by name.
    pub types: Vec<TypeChange>,
}

impl Changes {
    /// The declaration change of `name` (a function when `function`), if any.
    pub fn decl(&self, function: bool, name: &str) -> Option<&DeclChange> {
        self.decls
            .iter()
            .find(|d| d.function == function && d.name == name)
    }

    /// The change of boxed type `name`, if any.
    pub fn ty(&self, name: &str) -> Option<&TypeChange> {
        self.types.iter().find(|t| t.name == name)
    }

    /// (added, removed, changed) constructors or functions.
    pub fn counts(&self, function: bool) -> (usize, usize, usize) {
        count(
            self.decls
                .iter()
                .filter(|d| d.function == function)
                .map(|d| d.status),
        )
    }

    /// (added, removed, changed) types.
    pub fn type_counts(&self) -> (usize, usize, usize) {
        count(self.types.iter().map(|t| t.status))
    }

    /// `constructors: 40 added, 3 removed, 20 changed; functions: …; types: …`.
    pub fn summary(&self) -> String {
        let part = |what: &str, (a, r, c): (usize, usize, usize)| {
            format!("{what}: {a} added, {r} removed, {c} changed")
        };
        format!(
            "{}; {}; {}",
            part("constructors", self.counts(false)),
            part("functions", self.counts(true)),
            part("types", self.type_counts())
        )
    }
}

fn count(statuses: impl Iterator<Item = Status>) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for s in statuses {
        match s {
            Status::Added => n.0 += 1,
            Status::Removed => n.1 += 1,
            Status::Changed => n.2 += 1,
        }
    }
    n
}

/// One declaration as compared: id, result and arguments as text.
struct Shape {
    id: u32,
    result: String,
    /// (name, `cond?` or "", type).
    args: Vec<(String, String, String)>,
}

/// Compares two schema texts. An error (the rendered syntax errors) if either does not parse.
pub fn diff(old: &Source, new: &Source, rule: IdRule) -> Result<Changes, String> {
    let old_decls = shapes(old, rule)?;
    let new_decls = shapes(new, rule)?;
    let mut decls = Vec::new();
    let keys: BTreeSet<&(bool, String)> = old_decls.keys().chain(new_decls.keys()).collect();
    for key in keys {
        let (function, name) = (key.0, key.1.clone());
        let change = match (old_decls.get(key), new_decls.get(key)) {
            (Some(o), Some(n)) => compare(function, name, o, n),
            (None, Some(n)) => Some(only(function, name, Status::Added, n)),
            (Some(o), None) => Some(only(function, name, Status::Removed, o)),
            (None, None) => None,
        };
        decls.extend(change);
    }
    Ok(Changes {
        old: old.name.clone(),
        new: new.name.clone(),
        decls,
        types: type_changes(&old_decls, &new_decls),
    })
}

/// The non-builtin declarations of a schema by (is a function, name).
fn shapes(source: &Source, rule: IdRule) -> Result<BTreeMap<(bool, String), Shape>, String> {
    let (schema, errors) = parse::parse(&source.text);
    if !errors.is_empty() {
        let sources = std::slice::from_ref(source);
        let rendered: Vec<String> = errors
            .into_iter()
            .map(|e| diag::render(&diag::Diagnostic::new(0, e.span, e.message), sources))
            .collect();
        return Err(rendered.join("\n\n"));
    }
    let mut map = BTreeMap::new();
    for decl in schema.decls.iter().filter(|d| !validate::is_builtin(d)) {
        let key = (decl.section == Section::Functions, decl.name.value.clone());
        map.entry(key).or_insert_with(|| shape(decl, rule));
    }
    Ok(map)
}

fn shape(decl: &Decl, rule: IdRule) -> Shape {
    Shape {
        id: decl
            .id
            .as_ref()
            .map_or_else(|| id::compute(decl, rule), |i| i.value),
        result: validate::type_text(&decl.result),
        args: decl.args.iter().map(arg_parts).collect(),
    }
}

/// (name, `word.bit` or "", type) of an argument.
fn arg_parts(arg: &Arg) -> (String, String, String) {
    let cond = arg.cond.as_ref().map_or(String::new(), |c| {
        format!("{}.{}", c.word.value, c.bit.value)
    });
    (arg.name.value.clone(), cond, validate::type_text(&arg.ty))
}

/// `cond?type` of an argument's parts.
fn arg_text(cond: &str, ty: &str) -> String {
    if cond.is_empty() {
        ty.to_owned()
    } else {
        format!("{cond}?{ty}")
    }
}

fn only(function: bool, name: String, status: Status, s: &Shape) -> DeclChange {
    let id = Some(s.id);
    DeclChange {
        function,
        name,
        status,
        old_id: if status == Status::Removed { id } else { None },
        new_id: if status == Status::Added { id } else { None },
        result: (s.result.clone(), s.result.clone()),
        fields: Vec::new(),
    }
}

/// The change of a declaration in both schemas, `None` if it is the same.
fn compare(function: bool, name: String, o: &Shape, n: &Shape) -> Option<DeclChange> {
    let fields = field_changes(&o.args, &n.args);
    if o.id == n.id && o.result == n.result && fields.is_empty() {
        return None;
    }
    Some(DeclChange {
        function,
        name,
        status: Status::Changed,
        old_id: Some(o.id),
        new_id: Some(n.id),
        result: (o.result.clone(), n.result.clone()),
        fields,
    })
}

type ArgParts = (String, String, String);

/// Argument changes by name: removed and retyped/moved in old order, then added in new order;
/// `Reordered` if nothing else changed but the order.
fn field_changes(old: &[ArgParts], new: &[ArgParts]) -> Vec<FieldChange> {
    let find = |args: &[ArgParts], name: &str| args.iter().find(|a| a.0 == name).cloned();
    let mut changes = Vec::new();
    for (name, cond, ty) in old {
        match find(new, name) {
            None => changes.push(FieldChange::Removed(name.clone(), arg_text(cond, ty))),
            Some((_, c2, t2)) if t2 != *ty => changes.push(FieldChange::Retyped(
                name.clone(),
                arg_text(cond, ty),
                arg_text(&c2, &t2),
            )),
            Some((_, c2, _)) if c2 != *cond => {
                changes.push(FieldChange::Moved(name.clone(), cond.clone(), c2));
            }
            Some(_) => {}
        }
    }
    for (name, cond, ty) in new {
        if find(old, name).is_none() {
            changes.push(FieldChange::Added(name.clone(), arg_text(cond, ty)));
        }
    }
    let names = |args: &[ArgParts]| args.iter().map(|a| a.0.clone()).collect::<Vec<_>>();
    if changes.is_empty() && names(old) != names(new) {
        changes.push(FieldChange::Reordered);
    }
    changes
}

/// Boxed types (results of constructors) added, removed, or with other constructors.
fn type_changes(
    old: &BTreeMap<(bool, String), Shape>,
    new: &BTreeMap<(bool, String), Shape>,
) -> Vec<TypeChange> {
    let by_type = |decls: &BTreeMap<(bool, String), Shape>| {
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for ((function, name), shape) in decls {
            if !function {
                map.entry(shape.result.clone())
                    .or_default()
                    .insert(name.clone());
            }
        }
        map
    };
    let (old, new) = (by_type(old), by_type(new));
    let empty = BTreeSet::new();
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut changes = Vec::new();
    for name in names {
        let (o, n) = (old.get(name), new.get(name));
        let status = match (o, n) {
            (None, Some(_)) => Status::Added,
            (Some(_), None) => Status::Removed,
            (Some(a), Some(b)) if a != b => Status::Changed,
            _ => continue,
        };
        let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
        changes.push(TypeChange {
            name: name.clone(),
            status,
            added: n.difference(o).cloned().collect(),
            removed: o.difference(n).cloned().collect(),
        });
    }
    changes
}

/// The changes as text: a header, one line per declaration (`+`, `-`, `~`), its argument
/// changes indented, the types, and the summary line.
pub fn to_text(c: &Changes) -> String {
    let mut out = format!("--- {}\n+++ {}\n", c.old, c.new);
    for d in &c.decls {
        let kind = if d.function {
            "function"
        } else {
            "constructor"
        };
        let _ = write!(out, "{} {kind} {}", d.status.mark(), d.name);
        match (d.old_id, d.new_id) {
            (Some(o), Some(n)) if o != n => {
                let _ = write!(out, "#{o:08x} → #{n:08x}");
            }
            (Some(id), _) | (None, Some(id)) => {
                let _ = write!(out, "#{id:08x}");
            }
            (None, None) => {}
        }
        if d.result.0 == d.result.1 {
            let _ = writeln!(out, " = {}", d.result.1);
        } else {
            let _ = writeln!(out, " = {} → {}", d.result.0, d.result.1);
        }
        for f in &d.fields {
            let _ = writeln!(out, "    {}", field_text(f));
        }
    }
    for t in &c.types {
        let _ = write!(out, "{} type {}", t.status.mark(), t.name);
        if t.status == Status::Changed {
            let plus = t.added.iter().map(|n| format!("+{n}"));
            let minus = t.removed.iter().map(|n| format!("-{n}"));
            let list: Vec<String> = plus.chain(minus).collect();
            let _ = write!(out, ": {}", list.join(" "));
        }
        out.push('\n');
    }
    out.push_str(&c.summary());
    out.push('\n');
    out
}

fn field_text(f: &FieldChange) -> String {
    match f {
        FieldChange::Added(n, t) => format!("+ {n}:{t}"),
        FieldChange::Removed(n, t) => format!("- {n}:{t}"),
        FieldChange::Retyped(n, o, t) => format!("~ {n}: {o} → {t}"),
        FieldChange::Moved(n, o, t) => {
            let place = |c: &str| {
                if c.is_empty() {
                    "always present".to_owned()
                } else {
                    c.to_owned()
                }
            };
            format!("~ {n}: moved from {} to {}", place(o), place(t))
        }
        FieldChange::Reordered => "~ arguments reordered".to_owned(),
    }
}

/// The changes as one line of JSON.
pub fn to_json(c: &Changes) -> String {
    let s = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    let id = |v: Option<u32>| v.map_or("null".to_owned(), |v| format!("\"{v:08x}\""));
    let decls: Vec<String> = c
        .decls
        .iter()
        .map(|d| {
            let fields: Vec<String> = d.fields.iter().map(|f| s(&field_text(f))).collect();
            format!(
                "{{\"kind\":{},\"name\":{},\"status\":{},\"old_id\":{},\"new_id\":{},\"old_result\":{},\"new_result\":{},\"fields\":[{}]}}",
                s(if d.function { "function" } else { "constructor" }),
                s(&d.name),
                s(d.status.word()),
                id(d.old_id),
                id(d.new_id),
                s(&d.result.0),
                s(&d.result.1),
                fields.join(",")
            )
        })
        .collect();
    let list = |names: &[String]| names.iter().map(|n| s(n)).collect::<Vec<_>>().join(",");
    let types: Vec<String> = c
        .types
        .iter()
        .map(|t| {
            format!(
                "{{\"name\":{},\"status\":{},\"added\":[{}],\"removed\":[{}]}}",
                s(&t.name),
                s(t.status.word()),
                list(&t.added),
                list(&t.removed)
            )
        })
        .collect();
    format!(
        "{{\"old\":{},\"new\":{},\"declarations\":[{}],\"types\":[{}],\"summary\":{}}}",
        s(&c.old),
        s(&c.new),
        decls.join(","),
        types.join(","),
        s(&c.summary())
    )
}
