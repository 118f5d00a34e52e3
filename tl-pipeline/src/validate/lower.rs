//! Lowering: the syntax tree to the [`Model`]. Sorts declarations into constructors and
//! functions, resolves every type name, models flags words, optional fields and fields that share
//! a bit, computes missing ids and chooses Rust names. What cannot be resolved is reported here,
//! at the text that names it; rules about the lowered model as a whole live in `check.rs`.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use super::{is_builtin, type_text, Options};
use crate::ast::{Arg, Decl, Schema, Section, Type};
use crate::diag::Diagnostic;
use crate::id;
use crate::model::{
    self, ArgKind, Ctor, DeclSpan, Enum, Field, FieldKind, FlagBit, ImpliedFlag, Model, RustPath,
    Ty, Variant, Wire,
};
use crate::naming;

/// The lowered schema and what lowering found wrong.
pub(super) struct Lowered {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// Indices into `Options::string_as_bytes` that named no `string` field.
    pub unused_string_as_bytes: Vec<usize>,
}

/// Lowers schemas (one per source, in order) as one schema. Layout is not decided yet.
pub(super) fn lower(schemas: &[Schema], options: &Options) -> Lowered {
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
        suggestions: RefCell::default(),
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
    model.layer = schemas.iter().find_map(|s| s.layer);
    model.any_object = uses(&model, &Ty::AnyObject);
    model.any_function = options.any_function || uses(&model, &Ty::AnyFunction);
    let unused_string_as_bytes = (0..options.string_as_bytes.len())
        .filter(|i| !v.used_overrides.contains(i))
        .collect();
    Lowered {
        model,
        diagnostics: v.diags,
        unused_string_as_bytes,
    }
}

/// A declaration together with the index of the source it came from.
struct Src<'a> {
    source: usize,
    decl: &'a Decl,
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
    /// "Did you mean" for each unknown type name asked so far: a schema that names an unknown
    /// type many times asks once.
    suggestions: RefCell<HashMap<String, Option<String>>>,
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
            args: Vec::new(),
            flag_words: Vec::new(),
            implied_flags: Vec::new(),
            params: Vec::new(),
            enum_index: None,
            returns: None,
            result_name: type_text(&decl.result),
            min_bare_len: 0,
            errors: decl.docs.errors.clone(),
            error_rows: Vec::new(),
            span: DeclSpan {
                source,
                name: decl.name.span.clone(),
                result: decl.result.span.clone(),
            },
        };
        if !is_function && !decl.docs.errors.is_empty() {
            self.error(
                source,
                decl.name.span.clone(),
                format!(
                    "`{}` is a constructor: only functions list errors (`//@error`)",
                    decl.name.value
                ),
            )
            .hint =
                Some("move the `//@error` lines above a function, after `---functions---`".into());
        }
        if decl.docs.field("error").is_some() && !decl.args.iter().any(|a| a.name.value == "error")
        {
            self.error(
                source,
                decl.name.span.clone(),
                format!(
                    "`//@error` above `{}` has no code, and `{}` has no field `error` it could document",
                    decl.name.value, decl.name.value
                ),
            )
            .hint = Some("an error line is `//@error CODE NAME description`, e.g. `//@error 400 PEER_ID_INVALID The peer is invalid.`".into());
        }
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
                ctor.args.push(model::Arg {
                    name: tl_name.to_owned(),
                    kind: ArgKind::Word(ctor.flag_words.len()),
                });
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
                let ty = self.nullable(decl, arg, ty);
                ctor.args.push(model::Arg {
                    name: tl_name.to_owned(),
                    kind: ArgKind::Value(ty.clone()),
                });
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
            ctor.args.push(model::Arg {
                name: tl_name.to_owned(),
                kind: match &ty {
                    None => ArgKind::True(flag),
                    Some(ty) => ArgKind::Optional(flag, ty.clone()),
                },
            });
            match bits.get(&(word, flag.bit)).copied() {
                None => {
                    bits.insert((word, flag.bit), ctor.fields.len());
                    let kind = match ty.clone() {
                        None => FieldKind::Flag(flag),
                        Some(ty) => FieldKind::Optional(flag, ty),
                    };
                    ctor.wire.push(Wire::Field(ctor.fields.len()));
                    ctor.fields.push(self.field(decl, arg, kind));
                }
                Some(existing) => share_bit(ctor, existing, arg, ty, &decl.docs),
            }
        }
        place_groups(ctor);
    }

    /// With `json = "tdlib"`: an object field whose description says it "may be null" (or
    /// "may be empty", or a parameter to "pass null") is `Option`, [`Ty::Nullable`]; for a
    /// vector of objects the phrase is about its elements (`messages:vector<message>`,
    /// "messages may be null": `Vec<Option<Message>>`). Numbers, strings and vectors themselves
    /// are never null in TDLib.
    fn nullable(&self, decl: &Decl, arg: &Arg, ty: Ty) -> Ty {
        let is_object = |ty: &Ty| matches!(ty, Ty::Enum(_) | Ty::Bare(_));
        if !self.options.nullable_from_docs
            || !decl.docs.field(&arg.name.value).is_some_and(says_nullable)
        {
            return ty;
        }
        match ty {
            ty if is_object(&ty) => Ty::Nullable(Box::new(ty)),
            Ty::Vector { bare, elem } if is_object(&elem) => Ty::Vector {
                bare,
                elem: Box::new(Ty::Nullable(elem)),
            },
            ty => ty,
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
        let d = err(format!("unknown type `{}`", ty.name)).missing_name(&ty.name);
        Err(match self.suggestion(&ty.name) {
            Some(near) => d.hint(format!("did you mean `{near}`?")),
            None => d.hint(format!(
                "declare a constructor of `{}` (`someName = {};`)",
                ty.name, ty.name
            )),
        })
    }
}

impl Validator<'_> {
    /// The known type or constructor name closest to the unknown `name`, if one is close.
    fn suggestion(&self, name: &str) -> Option<String> {
        if let Some(known) = self.suggestions.borrow().get(name) {
            return known.clone();
        }
        let candidates = self
            .type_names
            .iter()
            .map(String::as_str)
            .chain(self.ctor_index.keys().copied())
            .chain(PRIMITIVE_NAMES.iter().copied());
        let near = closest(name, candidates).map(str::to_owned);
        self.suggestions
            .borrow_mut()
            .insert(name.to_owned(), near.clone());
        near
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
    // The flags on this bit get accessors (`user.bot()`): the field's first name when it
    // stops being its own, then every `true` that joins it.
    let accessor_of_first = matches!(field.kind, FieldKind::Flag(_))
        && !ctor.implied_flags.iter().any(|f| f.field == field_index);
    if accessor_of_first {
        // The first `true` on this bit: the field's own argument.
        let first = ctor
            .args
            .iter()
            .find(|a| matches!(a.kind, ArgKind::True(f) if f == flag));
        ctor.implied_flags.push(ImpliedFlag {
            name: field.name.clone(),
            tl_text: format!("{}:{bit_text}?true", first.map_or(&field.name, |a| &a.name)),
            field: field_index,
        });
    }
    let Some(ty) = ty else {
        // A `true` field on a bit that already has a field.
        ctor.implied_flags.push(ImpliedFlag {
            name: naming::field_name(tl_name),
            tl_text: format!("{tl_name}:{bit_text}?true"),
            field: field_index,
        });
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
            // The field is visited where its value is on the wire.
            ctor.wire.retain(|w| *w != Wire::Field(field_index));
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

/// A group whose members sit next to each other on the wire is visited as one field (encoded
/// as a tuple); one whose members are apart gets a [`Wire::GroupStart`] at its first member
/// (where the Rust field is) and keeps a [`Wire::Member`] per member.
fn place_groups(ctor: &mut Ctor) {
    for (field, f) in ctor.fields.iter().enumerate() {
        let FieldKind::Group(_, members) = &f.kind else {
            continue;
        };
        let Some(first) = ctor
            .wire
            .iter()
            .position(|w| *w == Wire::Member { field, index: 0 })
        else {
            continue;
        };
        let adjacent = (0..members.len())
            .all(|index| ctor.wire.get(first + index) == Some(&Wire::Member { field, index }));
        if adjacent {
            ctor.wire.drain(first + 1..first + members.len());
            ctor.wire[first] = Wire::Field(field);
        } else {
            ctor.wire.insert(first, Wire::GroupStart(field));
        }
    }
}

/// Whether a TDLib field description says the object may be absent: "may be null", "may be
/// empty" or "pass null" (any case).
pub fn says_nullable(doc: &str) -> bool {
    let doc = doc.to_ascii_lowercase();
    ["may be null", "may be empty", "pass null"]
        .iter()
        .any(|p| doc.contains(p))
}

const PRIMITIVE_NAMES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "int512", "Bool", "int32",
    "int53", "int64",
];

fn primitive(name: &str) -> Option<Ty> {
    Some(match name {
        "#" => Ty::Nat,
        "int" | "int32" => Ty::Int,
        "long" | "int64" => Ty::Long,
        "int53" => Ty::Int53,
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
            Ty::Vector { elem, .. } | Ty::Heap(elem) | Ty::Nullable(elem) => mentions(elem, wanted),
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

/// The closest name within edit distance ⌈len/3⌉ (at least 1).
///
/// A schema with many unknown names asks this once per name over every name of the schema, so
/// candidates whose length alone puts them past the limit (the distance is at least the
/// difference of the lengths in chars) are skipped before the distance is computed: that was
/// 90% of the time spent on such schemas.
fn closest<'n>(name: &str, candidates: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    let limit = (name.len() / 3).max(1);
    let lower = name.to_lowercase();
    let chars = lower.chars().count();
    candidates
        .filter(|c| *c != name && c.chars().count().abs_diff(chars) <= limit)
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}
