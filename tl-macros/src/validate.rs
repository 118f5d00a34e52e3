//! Checks a parsed schema and turns it into a [`Model`]: every name resolves, flags words exist and
//! are `#`, bits are below 32, names and ids are unique, ids are computed where missing, Rust names
//! are chosen and do not collide, and enum layout is decided. All problems are collected.

use std::collections::{HashMap, HashSet};

use crate::ast::{Arg, Decl, Schema, Section, Type};
use crate::diag::Diagnostic;
use crate::id::{self, IdRule};
use crate::model::{Ctor, Enum, Field, FieldKind, FlagBit, Model, RustPath, Ty, Variant, Wire};
use crate::naming;

/// Options that change validation.
#[derive(Clone, Debug)]
pub struct Options {
    /// How missing ids are computed.
    pub id_rule: IdRule,
    /// Explicit ids must equal the computed ones.
    pub verify_ids: bool,
    /// `constructor.field` names of `string` fields to generate as `Vec<u8>`.
    pub string_as_bytes: Vec<String>,
    /// Accept two declarations with one id (TDLib's `invokeWith*Prefix`); dispatch takes the first.
    pub allow_duplicate_ids: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            id_rule: IdRule::Telegram,
            verify_ids: false,
            string_as_bytes: Vec::new(),
            allow_duplicate_ids: false,
        }
    }
}

/// Result of validation: the model (complete only when `diagnostics` is empty), the problems, and
/// which `string_as_bytes` entries matched nothing.
#[derive(Debug, Default)]
pub struct Validated {
    /// The model.
    pub model: Model,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// Indices into `Options::string_as_bytes` that named no `string` field.
    pub unused_string_as_bytes: Vec<usize>,
}

/// Boxed type names the runtime provides; constructors declaring them are builtin lines.
const BUILTIN_RESULTS: &[&str] = &[
    "Bool",
    "True",
    "Vector",
    "Int",
    "Long",
    "Double",
    "String",
    "Bytes",
    "Int32",
    "Int53",
    "Int64",
    "Int128",
    "Int256",
    "Int512",
    "SecureString",
    "SecureBytes",
];

/// A declaration together with the index of the source it came from.
struct Src<'a> {
    source: usize,
    decl: &'a Decl,
}

/// Validates schemas (one per source, in order) as one schema.
pub fn validate(schemas: &[Schema], options: &Options) -> Validated {
    let mut v = Validator {
        options,
        diags: Vec::new(),
        ctors: Vec::new(),
        functions: Vec::new(),
        ctor_index: HashMap::new(),
        function_index: HashMap::new(),
        type_index: HashMap::new(),
        type_names: Vec::new(),
        used_overrides: HashSet::new(),
    };
    v.collect(schemas);
    let mut model = Model {
        enums: v.enums(schemas),
        ..Model::default()
    };
    let ctors: Vec<(usize, &Decl)> = v.ctors.iter().map(|s| (s.source, s.decl)).collect();
    let functions: Vec<(usize, &Decl)> = v.functions.iter().map(|s| (s.source, s.decl)).collect();
    model.ctors = ctors
        .into_iter()
        .map(|(s, d)| v.ctor(s, d, false))
        .collect();
    model.functions = functions
        .into_iter()
        .map(|(s, d)| v.ctor(s, d, true))
        .collect();
    for (i, ctor) in model.ctors.iter_mut().enumerate() {
        ctor.enum_index = v.type_index.get(&v.ctors[i].decl.result.name).copied();
    }
    model.any_object = uses(&model, &Ty::AnyObject);
    model.any_function = uses(&model, &Ty::AnyFunction);
    v.check_rust_names(&model);
    layout::decide(&mut model);
    model.terminal_variants = layout::terminal_variants(&model);
    let min = layout::min_bare_lens(&model);
    for (ctor, min) in model.ctors.iter_mut().zip(min.ctors) {
        ctor.min_bare_len = min;
    }
    for (f, min) in model.functions.iter_mut().zip(min.functions) {
        f.min_bare_len = min;
    }
    let unused_string_as_bytes = (0..options.string_as_bytes.len())
        .filter(|i| !v.used_overrides.contains(i))
        .collect();
    Validated {
        model,
        diagnostics: v.diags,
        unused_string_as_bytes,
    }
}

struct Validator<'a> {
    options: &'a Options,
    diags: Vec<Diagnostic>,
    ctors: Vec<Src<'a>>,
    functions: Vec<Src<'a>>,
    ctor_index: HashMap<&'a str, usize>,
    function_index: HashMap<&'a str, usize>,
    /// Boxed type name → enum index.
    type_index: HashMap<String, usize>,
    /// Enum index → (source, first constructor's result type span) for docs and errors.
    type_names: Vec<String>,
    used_overrides: HashSet<usize>,
}

impl<'a> Validator<'a> {
    fn error(
        &mut self,
        source: usize,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(source, span, message));
        self.diags.last_mut().expect("just pushed")
    }

    /// Sorts declarations into constructors and functions; reports duplicate names and ids.
    fn collect(&mut self, schemas: &'a [Schema]) {
        let mut ids: HashMap<u32, (usize, &'a Decl)> = HashMap::new();
        for (source, schema) in schemas.iter().enumerate() {
            for decl in &schema.decls {
                if is_builtin(decl) {
                    continue;
                }
                let (list, index) = match decl.section {
                    Section::Types => (&mut self.ctors, &mut self.ctor_index),
                    Section::Functions => (&mut self.functions, &mut self.function_index),
                };
                if let Some(&first) = index.get(decl.name.value.as_str()) {
                    let prev = &list[first];
                    let (ps, pspan) = (prev.source, prev.decl.name.span.clone());
                    let kind = match decl.section {
                        Section::Types => "constructor",
                        Section::Functions => "function",
                    };
                    let d = Diagnostic::new(
                        source,
                        decl.name.span.clone(),
                        format!("{kind} `{}` is declared again here", decl.name.value),
                    )
                    .note(ps, pspan, "first declared here")
                    .hint("remove one of the two declarations");
                    self.diags.push(d);
                    continue;
                }
                index.insert(decl.name.value.as_str(), list.len());
                list.push(Src { source, decl });
                let id = self.id_of(source, decl);
                if let Some((ps, prev)) = ids.get(&id).filter(|_| !self.options.allow_duplicate_ids)
                {
                    let d = Diagnostic::new(
                        source,
                        decl.id
                            .as_ref()
                            .map_or(decl.name.span.clone(), |i| i.span.clone()),
                        format!(
                            "`{}` has the id {id:#010x}, which `{}` already has",
                            decl.name.value, prev.name.value
                        ),
                    )
                    .note(*ps, prev.name.span.clone(), "first declared here")
                    .hint("constructor ids must be unique within a schema (TDLib's copy of the API needs `allow_duplicate_ids = true`)");
                    self.diags.push(d);
                } else {
                    ids.entry(id).or_insert((source, decl));
                }
            }
        }
    }

    fn id_of(&mut self, source: usize, decl: &Decl) -> u32 {
        let computed = id::compute(decl, self.options.id_rule);
        match &decl.id {
            None => computed,
            Some(explicit) => {
                if self.options.verify_ids && explicit.value != computed {
                    let text = id::canonical_text(decl, self.options.id_rule);
                    self.error(
                        source,
                        explicit.span.clone(),
                        format!(
                            "`{}` is declared with id {:#010x}, but its computed id is {computed:#010x}",
                            decl.name.value, explicit.value
                        ),
                    )
                    .hint = Some(format!(
                        "the id is the CRC32 of `{text}`; fix the declaration or the id, or remove `verify_ids`"
                    ));
                }
                explicit.value
            }
        }
    }

    /// One enum per boxed type, in order of first appearance; variant names chosen.
    fn enums(&mut self, schemas: &[Schema]) -> Vec<Enum> {
        let mut enums: Vec<Enum> = Vec::new();
        for (ci, src) in self.ctors.iter().enumerate() {
            let result = &src.decl.result;
            if !result.args.is_empty() || result.bare_mark || result.excl {
                self.diags.push(
                    Diagnostic::new(
                        src.source,
                        result.span.clone(),
                        format!(
                            "`{}` cannot be the type of a constructor",
                            type_text(result)
                        ),
                    )
                    .hint("a constructor's result is a plain boxed type name, e.g. `= Message;`"),
                );
                continue;
            }
            let index = *self
                .type_index
                .entry(result.name.clone())
                .or_insert_with(|| {
                    let (ns, name) = naming::split_namespace(&result.name);
                    enums.push(Enum {
                        tl_name: result.name.clone(),
                        path: RustPath {
                            modules: ns.iter().map(|s| naming::module_name(s)).collect(),
                            name: naming::type_name(name),
                        },
                        variants: Vec::new(),
                        docs: Vec::new(),
                    });
                    self.type_names.push(result.name.clone());
                    enums.len() - 1
                });
            let (_, short) = naming::split_namespace(&src.decl.name.value);
            enums[index].variants.push(Variant {
                ctor: ci,
                name: naming::type_name(short),
                boxed: false,
            });
        }
        for e in &mut enums {
            let mut seen = HashSet::new();
            let clash: HashSet<String> = e
                .variants
                .iter()
                .filter(|v| !seen.insert(v.name.clone()))
                .map(|v| v.name.clone())
                .collect();
            for v in &mut e.variants {
                if clash.contains(&v.name) {
                    v.name =
                        naming::type_name(&self.ctors[v.ctor].decl.name.value.replace('.', "_"));
                }
            }
        }
        for schema in schemas {
            for (class, text) in &schema.class_docs {
                if let Some(&i) = self.type_index.get(class) {
                    enums[i].docs.push(text.clone());
                }
            }
        }
        enums
    }

    /// Builds the struct of one constructor or function.
    fn ctor(&mut self, source: usize, decl: &'a Decl, is_function: bool) -> Ctor {
        let src = &Src { source, decl };
        let (ns, short) = naming::split_namespace(&decl.name.value);
        let mut ctor = Ctor {
            tl_name: decl.name.value.clone(),
            path: RustPath {
                modules: ns.iter().map(|s| naming::module_name(s)).collect(),
                name: naming::type_name(short),
            },
            id: decl
                .id
                .as_ref()
                .map_or_else(|| id::compute(decl, self.options.id_rule), |i| i.value),
            docs: decl.docs.item.clone(),
            fields: Vec::new(),
            wire: Vec::new(),
            flag_words: Vec::new(),
            params: Vec::new(),
            enum_index: None,
            returns: None,
            result_name: type_text(&decl.result),
            min_bare_len: 0,
        };
        self.params(src, &mut ctor);
        self.fields(src, &mut ctor);
        // `= X` with `q:!X` but no `{X:Type}` was reported at the `!X` already.
        let undeclared_param = !decl.params.iter().any(|p| p.name.value == decl.result.name)
            && decl
                .args
                .iter()
                .any(|a| a.ty.excl && a.ty.name == decl.result.name);
        if is_function && !undeclared_param {
            ctor.returns = self.resolve(source, decl, &decl.result).ok();
            if let Some(ty) = &ctor.returns {
                if !returnable(ty) {
                    self.error(source, decl.result.span.clone(), format!("a function returning `{}` cannot be generated yet", type_text(&decl.result)))
                        .hint = Some("return types are boxed types, `Bool`, primitives, `Vector<…>` of those, or a type parameter".into());
                }
            }
        }
        ctor
    }

    fn params(&mut self, src: &Src<'a>, ctor: &mut Ctor) {
        let mut seen: HashMap<&str, std::ops::Range<usize>> = HashMap::new();
        for p in &src.decl.params {
            if p.kind.value != "Type" {
                self.error(
                    src.source,
                    p.kind.span.clone(),
                    format!(
                        "type parameter `{}` is of kind `{}`; only `Type` is supported",
                        p.name.value, p.kind.value
                    ),
                )
                .hint = Some(format!("write `{{{}:Type}}`", p.name.value));
            }
            if let Some(first) = seen.get(p.name.value.as_str()) {
                let d = Diagnostic::new(
                    src.source,
                    p.name.span.clone(),
                    format!("type parameter `{}` is declared again here", p.name.value),
                )
                .note(src.source, first.clone(), "first declared here")
                .hint(format!("remove the second `{{{}:…}}`", p.name.value));
                self.diags.push(d);
                continue;
            }
            seen.insert(&p.name.value, p.name.span.clone());
            ctor.params.push(naming::type_name(&p.name.value));
        }
    }

    /// Fields, flags words, groups of fields sharing a bit, and the wire order.
    fn fields(&mut self, src: &Src<'a>, ctor: &mut Ctor) {
        let decl = src.decl;
        let source = src.source;
        // Which `#` args are flags words: those some condition refers to.
        let referenced: HashSet<&str> = decl
            .args
            .iter()
            .filter_map(|a| a.cond.as_ref())
            .map(|c| c.word.value.as_str())
            .collect();
        let mut words: HashMap<&str, usize> = HashMap::new();
        let mut names: HashMap<String, std::ops::Range<usize>> = HashMap::new();
        // Bits already holding a field: (word, bit) → field index.
        let mut bits: HashMap<(usize, u32), usize> = HashMap::new();
        // True fields absorbed into a value field on the same bit, for its docs.
        for arg in &decl.args {
            let tl_name = arg.name.value.as_str();
            if let Some(first) = names.get(tl_name) {
                let d = Diagnostic::new(
                    source,
                    arg.name.span.clone(),
                    format!("field `{tl_name}` is declared again here"),
                )
                .note(source, first.clone(), "first declared here")
                .hint("field names must be unique within a declaration");
                self.diags.push(d);
                continue;
            }
            names.insert(tl_name.to_owned(), arg.name.span.clone());
            if arg.ty.name == "#" && arg.cond.is_none() && referenced.contains(tl_name) {
                words.insert(tl_name, ctor.flag_words.len());
                ctor.wire.push(Wire::FlagWord(ctor.flag_words.len()));
                ctor.flag_words.push(tl_name.to_owned());
                continue;
            }
            let Some(cond) = &arg.cond else {
                if arg.ty.name == "true" && arg.ty.args.is_empty() {
                    self.error(
                        source,
                        arg.ty.span.clone(),
                        format!("field `{tl_name}` has type `true` outside a flags condition"),
                    )
                    .hint = Some(format!(
                        "`true` only makes sense as `{tl_name}:flags.N?true`"
                    ));
                    continue;
                }
                let Ok(ty) = self.field_type(source, decl, arg) else {
                    continue;
                };
                ctor.wire.push(Wire::Field(ctor.fields.len()));
                ctor.fields
                    .push(self.field(decl, arg, FieldKind::Required(ty)));
                continue;
            };
            let Some(&word) = words.get(cond.word.value.as_str()) else {
                self.unknown_word(source, decl, arg);
                continue;
            };
            if cond.bit.value >= 32 {
                self.error(
                    source,
                    cond.bit.span.clone(),
                    format!(
                        "flag bit {} does not exist: a flags word has bits 0 to 31",
                        cond.bit.value
                    ),
                )
                .hint = Some(format!(
                    "use a bit below 32, or a second flags word (`{}2:#`)",
                    cond.word.value
                ));
                continue;
            }
            let flag = FlagBit {
                word,
                bit: cond.bit.value,
            };
            let is_true = arg.ty.name == "true" && arg.ty.args.is_empty();
            let ty = if is_true {
                None
            } else {
                match self.field_type(source, decl, arg) {
                    Ok(ty) => Some(ty),
                    Err(()) => continue,
                }
            };
            match bits.get(&(word, flag.bit)).copied() {
                None => {
                    bits.insert((word, flag.bit), ctor.fields.len());
                    let kind = match ty.clone() {
                        None => FieldKind::Flag(flag),
                        Some(ty) => {
                            ctor.wire.push(Wire::Field(ctor.fields.len()));
                            FieldKind::Optional(flag, ty)
                        }
                    };
                    ctor.fields.push(self.field(decl, arg, kind));
                }
                Some(existing) => share_bit(ctor, existing, arg, ty, &decl.docs),
            }
        }
    }

    fn field(&mut self, decl: &Decl, arg: &Arg, kind: FieldKind) -> Field {
        let mut docs = Vec::new();
        if let Some(text) = decl.docs.field(&arg.name.value) {
            docs.push(text.to_owned());
        }
        Field {
            name: naming::field_name(&arg.name.value),
            kind,
            docs,
        }
    }

    fn unknown_word(&mut self, source: usize, decl: &Decl, arg: &Arg) {
        let cond = arg.cond.as_ref().expect("called for conditional fields");
        let word = &cond.word.value;
        let is_hash_arg = |a: &&Arg| a.name.value == *word;
        let before = decl.args.iter().take_while(|a| !std::ptr::eq(*a, arg));
        let declared = decl.args.iter().find(is_hash_arg);
        let d = match declared {
            Some(a) if a.ty.name != "#" => Diagnostic::new(
                source,
                cond.word.span.clone(),
                format!(
                    "`{word}` is used as a flags word but is declared `{word}:{}`",
                    type_text(&a.ty)
                ),
            )
            .note(source, a.ty.span.clone(), "declared here")
            .hint(format!("a flags word is declared `{word}:#`")),
            Some(a) => Diagnostic::new(
                source,
                cond.word.span.clone(),
                format!("flags word `{word}` is declared after the field that uses it"),
            )
            .note(source, a.name.span.clone(), "declared here")
            .hint(format!("move `{word}:#` before this field")),
            None => {
                let words: Vec<&str> = before
                    .filter(|a| a.ty.name == "#")
                    .map(|a| a.name.value.as_str())
                    .collect();
                let d = Diagnostic::new(
                    source,
                    cond.word.span.clone(),
                    format!("unknown flags word `{word}`"),
                );
                match closest(word, words.iter().copied()) {
                    Some(near) => d.hint(format!("did you mean `{near}`?")),
                    None => d.hint(format!("add `{word}:#` before this field")),
                }
            }
        };
        self.diags.push(d);
    }

    /// Resolves a field type, honouring `string_as_bytes`.
    fn field_type(&mut self, source: usize, decl: &Decl, arg: &Arg) -> Result<Ty, ()> {
        let ty = self.resolve(source, decl, &arg.ty)?;
        if ty == Ty::String {
            let key = format!("{}.{}", decl.name.value, arg.name.value);
            if let Some(i) = self.options.string_as_bytes.iter().position(|k| *k == key) {
                self.used_overrides.insert(i);
                return Ok(Ty::Bytes);
            }
        }
        Ok(ty)
    }

    /// Resolves a type expression; reports and returns `Err` when it cannot.
    fn resolve(&mut self, source: usize, decl: &Decl, ty: &Type) -> Result<Ty, ()> {
        match self.try_resolve(decl, ty) {
            Ok(t) => Ok(t),
            Err(d) => {
                self.diags.push(Diagnostic { source, ..d });
                Err(())
            }
        }
    }

    fn try_resolve(&self, decl: &Decl, ty: &Type) -> Result<Ty, Diagnostic> {
        let err = |msg: String| Diagnostic::new(0, ty.span.clone(), msg);
        let is_param = decl.params.iter().any(|p| p.name.value == ty.name);
        if ty.excl && !is_param {
            return Err(err(format!(
                "`!{}` needs a type parameter `{{{}:Type}}`",
                ty.name, ty.name
            ))
            .hint(format!("declare `{{{}:Type}}` before the fields", ty.name)));
        }
        if is_param {
            return Ok(Ty::Param(naming::type_name(&ty.name)));
        }
        if let Some(prim) = primitive(&ty.name) {
            if !ty.args.is_empty() {
                return Err(err(format!("`{}` takes no type arguments", ty.name))
                    .hint(format!("write `{}`", ty.name)));
            }
            if ty.bare_mark && matches!(prim, Ty::Bool) {
                return Err(
                    err("`%Bool` has no bare form: `Bool` is two constructors".into())
                        .hint("write `Bool`"),
                );
            }
            return Ok(prim);
        }
        match ty.name.as_str() {
            "Vector" | "vector" => {
                let [elem] = ty.args.as_slice() else {
                    return Err(
                        err(format!("`{}` takes exactly one type argument", ty.name))
                            .hint(format!("write the element type, e.g. `{}<long>`", ty.name)),
                    );
                };
                let elem = self.try_resolve(decl, elem)?;
                return Ok(Ty::Vector {
                    bare: ty.name == "vector" || ty.bare_mark,
                    elem: Box::new(elem),
                });
            }
            "true" => {
                return Err(err(
                    "`true` can only be the type of a `flags.N?true` field".into()
                ));
            }
            "Object" | "object" if !self.type_index.contains_key(&ty.name) => {
                return Ok(Ty::AnyObject)
            }
            "Function" | "function" => return Ok(Ty::AnyFunction),
            "True" if !self.type_index.contains_key("True") => return Ok(Ty::Unit),
            _ => {}
        }
        if !ty.args.is_empty() {
            return Err(err(format!("`{}` takes no type arguments", ty.name)));
        }
        if let Some(&e) = self.type_index.get(&ty.name) {
            if ty.bare_mark {
                let ctors: Vec<usize> = self
                    .ctors
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.decl.result.name == ty.name)
                    .map(|(i, _)| i)
                    .collect();
                return match ctors.as_slice() {
                    [only] => Ok(Ty::Bare(*only)),
                    _ => Err(err(format!(
                        "`%{}` is ambiguous: the type has {} constructors",
                        ty.name,
                        ctors.len()
                    ))
                    .hint("name the constructor for a bare field, e.g. `field:someConstructor`")),
                };
            }
            return Ok(Ty::Enum(e));
        }
        if let Some(&c) = self.ctor_index.get(ty.name.as_str()) {
            return Ok(Ty::Bare(c));
        }
        if self.function_index.contains_key(ty.name.as_str()) {
            return Err(err(format!("`{}` is a function, not a type", ty.name))
                .hint("fields take types or constructors; declare it in the types section if it is data"));
        }
        let candidates = self
            .type_names
            .iter()
            .map(String::as_str)
            .chain(self.ctor_index.keys().copied())
            .chain(PRIMITIVE_NAMES.iter().copied());
        let d = err(format!("unknown type `{}`", ty.name)).missing_name(&ty.name);
        Err(match closest(&ty.name, candidates) {
            Some(near) => d.hint(format!("did you mean `{near}`?")),
            None => d.hint(format!(
                "declare a constructor of `{}` (`someName = {};`)",
                ty.name, ty.name
            )),
        })
    }

    /// Reports two items that would get the same Rust path.
    fn check_rust_names(&mut self, model: &Model) {
        let check =
            |kind: &str, items: Vec<(&RustPath, &'a Decl, usize)>, diags: &mut Vec<Diagnostic>| {
                let mut seen: HashMap<&RustPath, (&Decl, usize)> = HashMap::new();
                for (path, decl, source) in items {
                    if let Some((first, fs)) = seen.get(path) {
                        let rust = format!("{kind}::{}", path_text(path));
                        diags.push(
                            Diagnostic::new(
                                source,
                                decl.name.span.clone(),
                                format!(
                                    "`{}` and `{}` would both generate `{rust}`",
                                    first.name.value, decl.name.value
                                ),
                            )
                            .note(*fs, first.name.span.clone(), "the other one is here")
                            .hint("rename one of them"),
                        );
                    } else {
                        seen.insert(path, (decl, source));
                    }
                }
            };
        let ctors = model
            .ctors
            .iter()
            .zip(&self.ctors)
            .map(|(c, s)| (&c.path, s.decl, s.source))
            .collect();
        check("types", ctors, &mut self.diags);
        let funcs = model
            .functions
            .iter()
            .zip(&self.functions)
            .map(|(c, s)| (&c.path, s.decl, s.source))
            .collect();
        check("functions", funcs, &mut self.diags);
        for (ctor, src) in model
            .ctors
            .iter()
            .zip(&self.ctors)
            .chain(model.functions.iter().zip(&self.functions))
        {
            let mut seen = HashSet::new();
            for f in &ctor.fields {
                if !seen.insert(&f.name) {
                    self.diags.push(
                        Diagnostic::new(
                            src.source,
                            src.decl.name.span.clone(),
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
}

/// A field on a bit that already holds one: value fields join a group (`Option<(A, B)>`) so they
/// are present together; a `true` field next to a value field is implied by it and is not a field.
fn share_bit(ctor: &mut Ctor, existing: usize, arg: &Arg, ty: Option<Ty>, docs: &crate::ast::Docs) {
    let tl_name = &arg.name.value;
    let field_index = existing;
    let field = &mut ctor.fields[field_index];
    let flag = match &field.kind {
        FieldKind::Flag(f) | FieldKind::Optional(f, _) | FieldKind::Group(f, _) => *f,
        FieldKind::Required(_) => unreachable!("only flag fields are in the bit table"),
    };
    let bit_text = format!("{}.{}", ctor.flag_words[flag.word], flag.bit);
    let Some(ty) = ty else {
        // A `true` field on a bit that already has a field.
        match &field.kind {
            FieldKind::Flag(_) => {
                field.name = format!("{}_and_{}", field.name, naming::field_name(tl_name));
                field.docs.push(format!(
                    "`{tl_name}` shares bit `{bit_text}`: both are set together."
                ));
            }
            _ => field.docs.push(format!(
                "`{tl_name}:{bit_text}?true` is implied: it is set when this field is present."
            )),
        }
        return;
    };
    if let Some(d) = docs.field(tl_name) {
        field.docs.push(format!("`{tl_name}`: {d}"));
    }
    let new_name = naming::field_name(tl_name);
    let old = std::mem::replace(&mut field.kind, FieldKind::Flag(flag));
    field.kind = match old {
        FieldKind::Flag(_) => {
            // The value field takes over; the flag is implied by it.
            let implied = std::mem::take(&mut field.name);
            field.docs.push(format!(
                "`{implied}:{bit_text}?true` is implied: it is set when this field is present."
            ));
            field.name = new_name;
            ctor.wire.push(Wire::Field(field_index));
            FieldKind::Optional(flag, ty)
        }
        FieldKind::Optional(_, first) => {
            field.name = format!("{}_and_{new_name}", field.name);
            field.docs.push(format!(
                "The fields on bit `{bit_text}`, present together or not at all."
            ));
            for w in ctor.wire.iter_mut() {
                if *w == Wire::Field(field_index) {
                    *w = Wire::Member {
                        field: field_index,
                        index: 0,
                    };
                }
            }
            ctor.wire.push(Wire::Member {
                field: field_index,
                index: 1,
            });
            FieldKind::Group(flag, vec![first, ty])
        }
        FieldKind::Group(_, mut members) => {
            field.name = format!("{}_and_{new_name}", field.name);
            ctor.wire.push(Wire::Member {
                field: field_index,
                index: members.len(),
            });
            members.push(ty);
            FieldKind::Group(flag, members)
        }
        FieldKind::Required(_) => unreachable!("only flag fields are in the bit table"),
    };
}

const PRIMITIVE_NAMES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "int512", "Bool", "int32",
    "int53", "int64",
];

fn primitive(name: &str) -> Option<Ty> {
    Some(match name {
        "#" => Ty::Nat,
        "int" | "int32" => Ty::Int,
        "long" | "int53" | "int64" => Ty::Long,
        "double" => Ty::Double,
        // tonlib's `secureString = SecureString;`: a string the client wipes after use.
        "string" | "secureString" | "SecureString" => Ty::String,
        "bytes" | "secureBytes" | "SecureBytes" => Ty::Bytes,
        "int128" => Ty::RawBytes(16),
        "int256" => Ty::RawBytes(32),
        "int512" => Ty::RawBytes(64),
        "Bool" => Ty::Bool,
        _ => return None,
    })
}

/// Does any field or return type of the model mention `wanted`?
fn uses(model: &Model, wanted: &Ty) -> bool {
    fn mentions(ty: &Ty, wanted: &Ty) -> bool {
        match ty {
            Ty::Vector { elem, .. } | Ty::Heap(elem) => mentions(elem, wanted),
            other => other == wanted,
        }
    }
    model.ctors.iter().chain(&model.functions).any(|c| {
        c.returns.as_ref().is_some_and(|r| mentions(r, wanted))
            || c.fields.iter().any(|f| match &f.kind {
                FieldKind::Required(t) | FieldKind::Optional(_, t) => mentions(t, wanted),
                FieldKind::Group(_, tys) => tys.iter().any(|t| mentions(t, wanted)),
                FieldKind::Flag(_) => false,
            })
    })
}

/// Can a function return this as `RemoteCall::Return` (which must implement `Deserialize`)?
fn returnable(ty: &Ty) -> bool {
    match ty {
        Ty::Bytes | Ty::Bare(_) | Ty::Heap(_) => false,
        Ty::Vector { bare, elem } => !bare && returnable(elem),
        _ => true,
    }
}

/// A declaration that declares a runtime builtin rather than data (`int ? = Int;`, `boolTrue = Bool;`,
/// TON's `bytes data:string = Bytes;`).
pub fn is_builtin(decl: &Decl) -> bool {
    decl.builtin
        || (decl.section == Section::Types && BUILTIN_RESULTS.contains(&decl.result.name.as_str()))
}

/// The closest name within edit distance ⌈len/3⌉ (at least 1).
fn closest<'n>(name: &str, candidates: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let limit = (name.len() / 3).max(1);
    candidates
        .filter(|c| *c != name)
        .map(|c| {
            (
                strsim::levenshtein(&name.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A type as written: `Vector<MessageEntity>`, `!X`, `%Message`.
pub fn type_text(ty: &Type) -> String {
    let mut s = String::new();
    if ty.excl {
        s.push('!');
    }
    if ty.bare_mark {
        s.push('%');
    }
    s.push_str(&ty.name);
    if !ty.args.is_empty() {
        let args: Vec<String> = ty.args.iter().map(type_text).collect();
        s.push('<');
        s.push_str(&args.join(", "));
        s.push('>');
    }
    s
}

fn path_text(path: &RustPath) -> String {
    let mut parts = path.modules.clone();
    parts.push(path.name.clone());
    parts.join("::")
}

/// Layout: which values live inline and which on the heap, so every enum stays small and recursive
/// types are finite.
pub mod layout {
    use crate::model::{FieldKind, Model, Ty};

    /// A variant payload larger than this is boxed. With the tag, every enum stays ≤ 64 bytes.
    pub const MAX_INLINE: usize = 48;
    const INFINITE: usize = usize::MAX / 4;

    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Todo,
        Busy,
        Done(usize),
    }

    /// Decides `Variant::boxed` for every enum and wraps bare fields that would recurse in `Heap`.
    pub fn decide(model: &mut Model) {
        let mut sizer = Sizer {
            enums: vec![State::Todo; model.enums.len()],
            ctors: vec![State::Todo; model.ctors.len()],
        };
        for e in 0..model.enums.len() {
            sizer.enum_size(model, e);
        }
    }

    struct Sizer {
        enums: Vec<State>,
        ctors: Vec<State>,
    }

    impl Sizer {
        fn enum_size(&mut self, model: &mut Model, e: usize) -> usize {
            match self.enums[e] {
                State::Done(n) => return n,
                State::Busy => return INFINITE,
                State::Todo => {}
            }
            self.enums[e] = State::Busy;
            let mut payload = 0;
            for v in 0..model.enums[e].variants.len() {
                let ctor = model.enums[e].variants[v].ctor;
                let size = self.ctor_size(model, ctor);
                let boxed = size > MAX_INLINE;
                model.enums[e].variants[v].boxed = boxed;
                payload = payload.max(if boxed { 8 } else { size });
            }
            let size = 8 + payload;
            self.enums[e] = State::Done(size);
            size
        }

        fn ctor_size(&mut self, model: &mut Model, c: usize) -> usize {
            match self.ctors[c] {
                State::Done(n) => return n,
                State::Busy => return INFINITE,
                State::Todo => {}
            }
            self.ctors[c] = State::Busy;
            let mut total = 0usize;
            for f in 0..model.ctors[c].fields.len() {
                let mut kind = model.ctors[c].fields[f].kind.clone();
                let size = match &mut kind {
                    FieldKind::Required(ty) => self.ty_size(model, ty),
                    FieldKind::Optional(_, ty) => self.ty_size(model, ty).saturating_add(8),
                    FieldKind::Flag(_) => 1,
                    FieldKind::Group(_, tys) => {
                        let mut sum = 8usize;
                        for ty in tys.iter_mut() {
                            sum = sum.saturating_add(self.ty_size(model, ty));
                        }
                        sum
                    }
                };
                model.ctors[c].fields[f].kind = kind;
                total = total.saturating_add(size);
            }
            let size = total.div_ceil(8) * 8;
            self.ctors[c] = State::Done(size);
            size
        }

        /// Size of a field type; a bare constructor that would contain itself is moved to the heap.
        fn ty_size(&mut self, model: &mut Model, ty: &mut Ty) -> usize {
            match ty {
                Ty::Int | Ty::Nat => 4,
                Ty::Long | Ty::Double => 8,
                Ty::Bool => 1,
                Ty::String | Ty::Bytes | Ty::Vector { .. } => 24,
                Ty::RawBytes(n) => *n,
                Ty::Heap(_) | Ty::Param(_) => 8,
                Ty::AnyObject | Ty::AnyFunction => 16,
                Ty::Unit => 0,
                Ty::Enum(e) => self.enum_size(model, *e),
                Ty::Bare(c) => {
                    let size = self.ctor_size(model, *c);
                    if size > MAX_INLINE {
                        *ty = Ty::Heap(Box::new(ty.clone()));
                        8
                    } else {
                        size
                    }
                }
            }
        }
    }

    /// For each enum, the first variant whose values can be built without another value of an enum
    /// that has no such variant yet (a least fixpoint): generation of arbitrary values ends there.
    pub fn terminal_variants(model: &Model) -> Vec<Option<usize>> {
        let mut terminal: Vec<Option<usize>> = vec![None; model.enums.len()];
        loop {
            let mut changed = false;
            for (e, en) in model.enums.iter().enumerate() {
                if terminal[e].is_some() {
                    continue;
                }
                let found = en
                    .variants
                    .iter()
                    .position(|v| ctor_terminates(model, &model.ctors[v.ctor], &terminal));
                if found.is_some() {
                    terminal[e] = found;
                    changed = true;
                }
            }
            if !changed {
                return terminal;
            }
        }
    }

    /// Can a value of `ctor` be built from no input, given the enums known to terminate? Optional
    /// fields are `None` and vectors empty then, so only required fields matter.
    pub fn ctor_terminates(
        model: &Model,
        ctor: &crate::model::Ctor,
        terminal: &[Option<usize>],
    ) -> bool {
        ctor.fields.iter().all(|f| match &f.kind {
            FieldKind::Required(ty) => ty_terminates(model, ty, terminal, 0),
            _ => true,
        })
    }

    fn ty_terminates(model: &Model, ty: &Ty, terminal: &[Option<usize>], depth: usize) -> bool {
        match ty {
            Ty::Enum(e) => terminal[*e].is_some(),
            Ty::Heap(inner) => ty_terminates(model, inner, terminal, depth),
            Ty::Bare(c) => {
                depth < 64
                    && model.ctors[*c].fields.iter().all(|f| match &f.kind {
                        FieldKind::Required(t) => ty_terminates(model, t, terminal, depth + 1),
                        _ => true,
                    })
            }
            Ty::AnyObject => terminal.iter().any(Option::is_some),
            _ => true,
        }
    }

    /// Fewest bytes of each constructor's and function's bare form.
    pub struct MinLens {
        /// Per constructor.
        pub ctors: Vec<usize>,
        /// Per function.
        pub functions: Vec<usize>,
    }

    /// Computes [`MinLens`]; a bare constructor that contains itself counts 0 (it cannot be encoded).
    pub fn min_bare_lens(model: &Model) -> MinLens {
        let mut memo = vec![None; model.ctors.len()];
        let ctors = (0..model.ctors.len())
            .map(|c| ctor_min(model, &model.ctors[c], &mut memo, &mut Vec::new()))
            .collect();
        let functions = model
            .functions
            .iter()
            .map(|f| ctor_min(model, f, &mut memo, &mut Vec::new()))
            .collect();
        MinLens { ctors, functions }
    }

    fn ctor_min(
        model: &Model,
        ctor: &crate::model::Ctor,
        memo: &mut Vec<Option<usize>>,
        stack: &mut Vec<usize>,
    ) -> usize {
        let mut n = 4 * ctor.flag_words.len();
        for f in &ctor.fields {
            if let FieldKind::Required(ty) = &f.kind {
                n += ty_min(model, ty, memo, stack);
            }
        }
        n
    }

    fn ty_min(
        model: &Model,
        ty: &Ty,
        memo: &mut Vec<Option<usize>>,
        stack: &mut Vec<usize>,
    ) -> usize {
        match ty {
            Ty::Int
            | Ty::Nat
            | Ty::Bool
            | Ty::String
            | Ty::Bytes
            | Ty::Enum(_)
            | Ty::Param(_)
            | Ty::AnyObject
            | Ty::AnyFunction
            | Ty::Unit => 4,
            Ty::Long | Ty::Double => 8,
            Ty::RawBytes(n) => *n,
            Ty::Vector { bare, .. } => {
                if *bare {
                    4
                } else {
                    8
                }
            }
            Ty::Heap(inner) => ty_min(model, inner, memo, stack),
            Ty::Bare(c) => {
                if let Some(n) = memo[*c] {
                    return n;
                }
                if stack.contains(c) {
                    return 0;
                }
                stack.push(*c);
                let n = ctor_min(model, &model.ctors[*c], memo, stack);
                stack.pop();
                memo[*c] = Some(n);
                n
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn run(text: &str) -> Validated {
        let (schema, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        validate(&[schema], &Options::default())
    }

    fn messages(text: &str) -> Vec<String> {
        run(text)
            .diagnostics
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn flags_words_are_not_fields_and_groups_form() {
        let v = run("message#1 flags:# out:flags.1?true views:flags.10?int forwards:flags.10?int id:int = Message;\n\
                     call#2 flags:# join:flags.3?true key:flags.3?int256 = Call;");
        assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
        let m = &v.model.ctors[0];
        let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["out", "views_and_forwards", "id"]);
        assert!(
            matches!(&m.fields[1].kind, FieldKind::Group(FlagBit { word: 0, bit: 10 }, tys) if tys == &[Ty::Int, Ty::Int])
        );
        assert_eq!(
            m.wire,
            [
                Wire::FlagWord(0),
                Wire::Member { field: 1, index: 0 },
                Wire::Member { field: 1, index: 1 },
                Wire::Field(2)
            ]
        );
        let c = &v.model.ctors[1];
        assert_eq!(c.fields.len(), 1);
        assert_eq!(c.fields[0].name, "key");
        assert!(matches!(
            c.fields[0].kind,
            FieldKind::Optional(_, Ty::RawBytes(32))
        ));
    }

    #[test]
    fn unused_hash_is_a_plain_u32() {
        let v = run("caps#1 version:int flags:# = Caps;");
        assert_eq!(
            v.model.ctors[0].fields[1].kind,
            FieldKind::Required(Ty::Nat)
        );
    }

    #[test]
    fn recursive_types_are_boxed_and_enums_small() {
        let v = run("textPlain text:string = RichText;\ntextBold text:RichText = RichText;\ntextConcat texts:Vector<RichText> = RichText;");
        let e = &v.model.enums[0];
        assert_eq!(
            e.variants.iter().map(|v| v.boxed).collect::<Vec<_>>(),
            [false, true, false]
        );
    }

    #[test]
    fn errors_are_collected() {
        let msgs = messages(
            "a#1 x:Strng y:flagz.1?int = A;\nb#1 = B;\nc#3 z:true = C;\nd#4 flags:# e:flags.32?int = D;\n---functions---\nf#5 q:!X = X;",
        );
        assert_eq!(msgs.len(), 6, "{msgs:?}");
        assert!(msgs[0].contains("already has"), "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("unknown type `Strng`")));
        assert!(msgs
            .iter()
            .any(|m| m.contains("unknown flags word `flagz`")));
        assert!(msgs.iter().any(|m| m.contains("outside a flags condition")));
        assert!(msgs.iter().any(|m| m.contains("flag bit 32")));
        assert!(msgs
            .iter()
            .any(|m| m.contains("`!X` needs a type parameter")));
    }

    #[test]
    fn did_you_mean() {
        let v = run("messageEntityBold = MessageEntity;\nm e:Vector<MessageEntiy> = M;");
        assert_eq!(
            v.diagnostics[0].hint.as_deref(),
            Some("did you mean `MessageEntity`?")
        );
    }

    #[test]
    fn verify_ids_reports_mismatch() {
        let (schema, _) =
            parse("msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck;\nping#1 ping_id:long = Pong;");
        let v = validate(
            &[schema],
            &Options {
                verify_ids: true,
                ..Options::default()
            },
        );
        assert_eq!(v.diagnostics.len(), 1);
        assert!(v.diagnostics[0]
            .message
            .contains("`ping` is declared with id 0x00000001"));
    }
}
