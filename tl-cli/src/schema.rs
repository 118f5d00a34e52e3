//! A schema prepared for decoding at run time: every constructor and function of the validated
//! [`Model`](tl_pipeline::model::Model) as a [`Def`] whose [`Item`]s are its arguments in wire
//! order with their TL names (taken from the syntax tree), plus dispatch tables by id.

use std::collections::HashMap;

use tl_pipeline::ast::{self, Decl, Section};
use tl_pipeline::model::{self, FlagBit, Model};
use tl_pipeline::{diag, parse, validate, IdRule, Source};

/// How a schema is read, as the macro's options say it.
#[derive(Clone, Debug)]
pub struct SchemaOptions {
    /// How missing ids are computed (`ids = "tl-spec"`).
    pub id_rule: IdRule,
    /// Explicit ids must equal the computed ones.
    pub verify_ids: bool,
    /// Accept two declarations with one id (dispatch takes the first).
    pub allow_duplicate_ids: bool,
    /// `constructor.field` names of `string` fields read as bytes.
    pub string_as_bytes: Vec<String>,
    /// Add the MTProto envelope (`msg_container`, `message`, `rpc_result`, `gzip_packed`)
    /// where the schema does not declare it.
    pub envelope: bool,
}

impl Default for SchemaOptions {
    fn default() -> Self {
        SchemaOptions {
            id_rule: IdRule::Telegram,
            verify_ids: false,
            allow_duplicate_ids: false,
            string_as_bytes: Vec::new(),
            envelope: false,
        }
    }
}

impl SchemaOptions {
    /// The validator's options.
    pub fn validate(&self) -> validate::Options {
        validate::Options {
            id_rule: self.id_rule,
            verify_ids: self.verify_ids,
            string_as_bytes: self.string_as_bytes.clone(),
            allow_duplicate_ids: self.allow_duplicate_ids,
            ..validate::Options::default()
        }
    }
}

/// What a value on the wire is, as the dynamic decoder sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `int`.
    Int,
    /// `long`.
    Long,
    /// `double`.
    Double,
    /// `#` that is not a flags word.
    Nat,
    /// `Bool` (`boolTrue`/`boolFalse` ids).
    Bool,
    /// `string` (strict UTF-8).
    String,
    /// `bytes`.
    Bytes,
    /// `int128`, `int256`, `int512`: that many bytes.
    Raw(usize),
    /// `Vector<T>` (with its id) or `vector<T>` (bare).
    Vector {
        /// No `Vector` id on the wire.
        bare: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// A boxed type: index into [`Schema::enums`].
    Enum(usize),
    /// A bare constructor: index into [`Schema::defs`].
    Bare(usize),
    /// `Object`: any constructor of the schema.
    AnyObject,
    /// `Function` or `!X`: any function of the schema.
    AnyFunction,
    /// The boxed `True` (4 bytes).
    Unit,
    /// The answer of an `rpc_result`: any constructor, `Bool`, or a `Vector` whose element
    /// type is guessed.
    Answer,
    /// The `body` of an envelope `message`: an [`Answer`](Ty::Answer) of exactly the length
    /// its `bytes` field says.
    Body,
    /// The `packed_data` of `gzip_packed`: gzip data of a boxed [`Answer`](Ty::Answer).
    Packed,
}

/// One argument of a declaration, in wire order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A flags word (`flags:#`): index into the declaration's flags words.
    FlagWord {
        /// Its TL name.
        name: String,
        /// Which word.
        word: usize,
    },
    /// `name:flags.N?true`: no bytes, the bit says it.
    Flag {
        /// Its TL name.
        name: String,
        /// The bit.
        bit: FlagBit,
    },
    /// A value, present always or when its bit is set.
    Value {
        /// Its TL name.
        name: String,
        /// `flags.N?`, if conditional.
        cond: Option<FlagBit>,
        /// Its type.
        ty: Ty,
    },
}

impl Item {
    /// The TL name of the argument.
    pub fn name(&self) -> &str {
        match self {
            Item::FlagWord { name, .. } | Item::Flag { name, .. } | Item::Value { name, .. } => {
                name
            }
        }
    }
}

/// What a declaration is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefKind {
    /// A constructor of the boxed type [`Schema::enums`]`[i]`.
    Constructor(usize),
    /// A function.
    Function,
    /// A constructor of the MTProto envelope (not an enum of the schema).
    Envelope,
}

/// A constructor or a function, ready to decode.
#[derive(Clone, Debug)]
pub struct Def {
    /// The TL name, e.g. `messages.channelMessages`.
    pub tl_name: String,
    /// The constructor id.
    pub id: u32,
    /// The arguments in wire order.
    pub items: Vec<Item>,
    /// What it is.
    pub kind: DefKind,
    /// The result type as written.
    pub result: String,
    /// Fewest bytes the bare form takes.
    pub min_bare_len: usize,
    /// Per flags word, the bits some argument uses (what re-encoding keeps).
    pub flag_masks: Vec<u32>,
}

/// A boxed type.
#[derive(Clone, Debug)]
pub struct EnumDef {
    /// The TL name, e.g. `Updates`.
    pub tl_name: String,
    /// Its constructors: indices into [`Schema::defs`].
    pub ctors: Vec<usize>,
}

/// A schema for the dynamic decoder and encoder.
#[derive(Clone, Debug)]
pub struct Schema {
    /// Constructors (model order), then functions, then envelope constructors.
    pub defs: Vec<Def>,
    /// Boxed types, as in the model.
    pub enums: Vec<EnumDef>,
    /// Constructors (and envelope constructors) by id: the first declared wins.
    types_by_id: HashMap<u32, usize>,
    /// Functions by id.
    functions_by_id: HashMap<u32, usize>,
    /// Every definition by TL name (constructors before functions).
    by_name: HashMap<String, usize>,
    /// Boxed types by TL name.
    enums_by_name: HashMap<String, usize>,
}

/// The MTProto envelope, as `mtproto.tl` has it in comments ("parsed manually").
const ENVELOPE: &[(&str, u32, &str)] = &[
    ("msg_container", 0x73f1_f8dc, "MessageContainer"),
    ("message", 0x5bb8_e511, "Message"),
    ("rpc_result", 0xf35c_6d01, "RpcResult"),
    ("gzip_packed", 0x3072_cfa1, "Object"),
];

/// Parses and validates schema texts; the rendered diagnostics (as the macro shows them) when
/// they have errors.
pub fn load(sources: &[Source], options: &SchemaOptions) -> Result<Schema, Vec<String>> {
    let mut schemas = Vec::new();
    let mut problems = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let (schema, errors) = parse::parse(&source.text);
        for e in errors {
            let d = diag::Diagnostic::new(i, e.span, e.message);
            let d = match e.hint {
                Some(h) => d.hint(h),
                None => d,
            };
            problems.push(diag::render(&d, sources));
        }
        schemas.push(schema);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let validated = validate::validate(&schemas, &options.validate());
    if !validated.diagnostics.is_empty() {
        return Err(validated
            .diagnostics
            .iter()
            .map(|d| diag::render(d, sources))
            .collect());
    }
    Ok(Schema::build(&validated.model, &schemas, options.envelope))
}

impl Schema {
    /// Builds the dynamic schema from a validated model and the syntax trees it came from.
    pub fn build(model: &Model, schemas: &[ast::Schema], envelope: bool) -> Schema {
        let decls = decls_by_name(schemas);
        let mut defs = Vec::with_capacity(model.ctors.len() + model.functions.len());
        for ctor in &model.ctors {
            let decl = decls.get(&(false, ctor.tl_name.as_str())).copied();
            let kind = DefKind::Constructor(ctor.enum_index.unwrap_or(0));
            defs.push(def_of(ctor, decl, kind));
        }
        for f in &model.functions {
            let decl = decls.get(&(true, f.tl_name.as_str())).copied();
            defs.push(def_of(f, decl, DefKind::Function));
        }
        let enums = model
            .enums
            .iter()
            .map(|e| EnumDef {
                tl_name: e.tl_name.clone(),
                ctors: e.variants.iter().map(|v| v.ctor).collect(),
            })
            .collect();
        let mut schema = Schema {
            defs,
            enums,
            types_by_id: HashMap::new(),
            functions_by_id: HashMap::new(),
            by_name: HashMap::new(),
            enums_by_name: HashMap::new(),
        };
        schema.mark_envelope();
        if envelope {
            schema.add_envelope();
        }
        schema.index();
        schema
    }

    /// Fills the lookup tables.
    fn index(&mut self) {
        for (i, def) in self.defs.iter().enumerate() {
            let table = match def.kind {
                DefKind::Function => &mut self.functions_by_id,
                _ => &mut self.types_by_id,
            };
            table.entry(def.id).or_insert(i);
            self.by_name.entry(def.tl_name.clone()).or_insert(i);
        }
        for (i, e) in self.enums.iter().enumerate() {
            self.enums_by_name.entry(e.tl_name.clone()).or_insert(i);
        }
    }

    /// Where the schema declares envelope constructors itself, their `Object` fields are read
    /// as what the envelope carries: any answer, a sized body, gzip data.
    fn mark_envelope(&mut self) {
        for def in &mut self.defs {
            let special = match (def.tl_name.as_str(), def.kind) {
                (_, DefKind::Function) => None,
                ("rpc_result", _) => Some(("result", Ty::Answer)),
                ("gzip_packed", _) => Some(("packed_data", Ty::Packed)),
                ("message", _) => Some(("body", Ty::Body)),
                _ => None,
            };
            let Some((field, ty)) = special else { continue };
            for item in &mut def.items {
                if let Item::Value {
                    name, ty: item_ty, ..
                } = item
                {
                    if name == field {
                        *item_ty = ty.clone();
                    }
                }
            }
        }
    }

    /// Adds the envelope constructors the schema does not declare.
    fn add_envelope(&mut self) {
        for &(name, id, result) in ENVELOPE {
            // Telegram's own `message` is not the envelope's: that one has a `body`.
            let declared = match name {
                "message" => self.message_def().is_some(),
                _ => self.defs.iter().any(|d| d.tl_name == name),
            };
            if declared {
                continue;
            }
            // Added right after `msg_container` unless declared.
            let message = self.defs.len() + 1;
            let value = |name: &str, ty: Ty| Item::Value {
                name: name.to_owned(),
                cond: None,
                ty,
            };
            let (items, min_bare_len) = match name {
                "msg_container" => {
                    let elem = Box::new(Ty::Bare(self.message_def().unwrap_or(message)));
                    (vec![value("messages", Ty::Vector { bare: true, elem })], 4)
                }
                "message" => (
                    vec![
                        value("msg_id", Ty::Long),
                        value("seqno", Ty::Int),
                        value("bytes", Ty::Int),
                        value("body", Ty::Body),
                    ],
                    20,
                ),
                "rpc_result" => (
                    vec![value("req_msg_id", Ty::Long), value("result", Ty::Answer)],
                    12,
                ),
                _ => (vec![value("packed_data", Ty::Packed)], 4),
            };
            self.defs.push(Def {
                tl_name: name.to_owned(),
                id,
                items,
                kind: DefKind::Envelope,
                result: result.to_owned(),
                min_bare_len,
                flag_masks: Vec::new(),
            });
        }
    }

    /// The index of the `message` constructor, once declared or added.
    fn message_def(&self) -> Option<usize> {
        self.defs
            .iter()
            .position(|d| d.tl_name == "message" && d.items.iter().any(|i| i.name() == "body"))
    }

    /// The constructor (not function) with this id.
    pub fn type_by_id(&self, id: u32) -> Option<usize> {
        self.types_by_id.get(&id).copied()
    }

    /// The function with this id.
    pub fn function_by_id(&self, id: u32) -> Option<usize> {
        self.functions_by_id.get(&id).copied()
    }

    /// The constructor or function with this TL name.
    pub fn def_by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }

    /// The boxed type with this TL name.
    pub fn enum_by_name(&self, name: &str) -> Option<usize> {
        self.enums_by_name.get(name).copied()
    }

    /// The constructor of boxed type `e` with this id.
    pub fn variant_of(&self, e: usize, id: u32) -> Option<usize> {
        if let Some(i) = self.type_by_id(id) {
            if self.defs.get(i).map(|d| d.kind) == Some(DefKind::Constructor(e)) {
                return Some(i);
            }
        }
        let ctors = &self.enums.get(e)?.ctors;
        ctors
            .iter()
            .copied()
            .find(|&c| self.defs.get(c).is_some_and(|d| d.id == id))
    }

    /// The TL name of a type, for messages: `Update`, `Vector<long>`, `%message`.
    pub fn type_name(&self, ty: &Ty) -> String {
        match ty {
            Ty::Int => "int".into(),
            Ty::Long => "long".into(),
            Ty::Double => "double".into(),
            Ty::Nat => "#".into(),
            Ty::Bool => "Bool".into(),
            Ty::String => "string".into(),
            Ty::Bytes => "bytes".into(),
            Ty::Raw(n) => format!("int{}", n * 8),
            Ty::Vector { bare, elem } => {
                let v = if *bare { "vector" } else { "Vector" };
                format!("{v}<{}>", self.type_name(elem))
            }
            Ty::Enum(i) => self.enums.get(*i).map_or("?".into(), |e| e.tl_name.clone()),
            Ty::Bare(i) => self
                .defs
                .get(*i)
                .map_or("?".into(), |d| format!("%{}", d.tl_name)),
            Ty::AnyObject | Ty::Answer | Ty::Body => "Object".into(),
            Ty::AnyFunction => "Function".into(),
            Ty::Unit => "True".into(),
            Ty::Packed => "gzip data".into(),
        }
    }

    /// Reads a type as written on the command line: `Updates`, `Vector<Update>`, `%message`
    /// or `message` (bare), `int`, `long`, `string`, `bytes`, `Bool`, `int128`.
    pub fn parse_type(&self, text: &str) -> Option<Ty> {
        let text = text.trim();
        if let Some((outer, rest)) = text.split_once('<') {
            let inner = rest.strip_suffix('>')?;
            let elem = Box::new(self.parse_type(inner)?);
            return match outer.trim() {
                "Vector" => Some(Ty::Vector { bare: false, elem }),
                "vector" => Some(Ty::Vector { bare: true, elem }),
                _ => None,
            };
        }
        let builtin = match text {
            "int" | "int32" => Some(Ty::Int),
            "long" | "int53" | "int64" => Some(Ty::Long),
            "double" => Some(Ty::Double),
            "#" => Some(Ty::Nat),
            "Bool" => Some(Ty::Bool),
            "string" => Some(Ty::String),
            "bytes" => Some(Ty::Bytes),
            "int128" => Some(Ty::Raw(16)),
            "int256" => Some(Ty::Raw(32)),
            "int512" => Some(Ty::Raw(64)),
            "True" => Some(Ty::Unit),
            "Object" => Some(Ty::AnyObject),
            "Function" => Some(Ty::AnyFunction),
            _ => None,
        };
        if builtin.is_some() {
            return builtin;
        }
        if let Some(e) = self.enum_by_name(text) {
            return Some(Ty::Enum(e));
        }
        self.def_by_name(text.trim_start_matches('%')).map(Ty::Bare)
    }
}

/// The declarations of the schemas by (is a function, TL name), builtins left out.
fn decls_by_name(schemas: &[ast::Schema]) -> HashMap<(bool, &str), &Decl> {
    let mut map = HashMap::new();
    for decl in schemas.iter().flat_map(|s| &s.decls) {
        if validate::is_builtin(decl) {
            continue;
        }
        let function = decl.section == Section::Functions;
        map.entry((function, decl.name.value.as_str()))
            .or_insert(decl);
    }
    map
}

/// A model constructor or function as a [`Def`].
fn def_of(ctor: &model::Ctor, decl: Option<&Decl>, kind: DefKind) -> Def {
    let items = decl
        .and_then(|d| items_from_decl(ctor, d))
        .unwrap_or_else(|| items_from_model(ctor));
    let mut flag_masks = vec![0u32; ctor.flag_words.len()];
    for item in &items {
        let bit = match item {
            Item::Flag { bit, .. } => Some(bit),
            Item::Value { cond, .. } => cond.as_ref(),
            Item::FlagWord { .. } => None,
        };
        if let Some(mask) = bit.and_then(|b| flag_masks.get_mut(b.word)) {
            *mask |= 1u32.checked_shl(bit.map_or(0, |b| b.bit)).unwrap_or(0);
        }
    }
    Def {
        tl_name: ctor.tl_name.clone(),
        id: ctor.id,
        items,
        kind,
        result: ctor.result_name.clone(),
        min_bare_len: ctor.min_bare_len,
        flag_masks,
    }
}

/// The value types of a model constructor in wire order, with the flag bit of each: what the
/// arguments of its declaration that carry bytes must match.
fn wire_values(ctor: &model::Ctor) -> Vec<(Option<FlagBit>, Ty)> {
    let mut out = Vec::new();
    let field = |i: usize| ctor.fields.get(i).map(|f| &f.kind);
    for step in &ctor.wire {
        match *step {
            model::Wire::FlagWord(_) | model::Wire::GroupStart(_) => {}
            model::Wire::Field(i) => match field(i) {
                Some(model::FieldKind::Required(ty)) => out.push((None, convert(ty))),
                Some(model::FieldKind::Optional(bit, ty)) => out.push((Some(*bit), convert(ty))),
                Some(model::FieldKind::Group(bit, tys)) => {
                    out.extend(tys.iter().map(|t| (Some(*bit), convert(t))));
                }
                Some(model::FieldKind::Flag(_)) | None => {}
            },
            model::Wire::Member { field: f, index } => {
                if let Some(model::FieldKind::Group(bit, tys)) = field(f) {
                    if let Some(ty) = tys.get(index) {
                        out.push((Some(*bit), convert(ty)));
                    }
                }
            }
        }
    }
    out
}

/// The items of a constructor from its declaration (TL names) and the model (resolved types).
/// `None` if the two do not line up (then the model's names are used).
fn items_from_decl(ctor: &model::Ctor, decl: &Decl) -> Option<Vec<Item>> {
    let mut values = wire_values(ctor).into_iter();
    let mut items = Vec::with_capacity(decl.args.len());
    for arg in &decl.args {
        let name = arg.name.value.clone();
        let cond = match &arg.cond {
            Some(c) => Some(FlagBit {
                word: ctor.flag_words.iter().position(|w| *w == c.word.value)?,
                bit: c.bit.value,
            }),
            None => None,
        };
        if let Some(word) = ctor.flag_words.iter().position(|w| *w == name) {
            if arg.ty.name == "#" && cond.is_none() {
                items.push(Item::FlagWord { name, word });
                continue;
            }
        }
        if arg.ty.name == "true" && !arg.ty.bare_mark {
            items.push(Item::Flag { name, bit: cond? });
            continue;
        }
        let (bit, ty) = values.next()?;
        if bit != cond {
            return None;
        }
        items.push(Item::Value { name, cond, ty });
    }
    values.next().is_none().then_some(items)
}

/// The items of a constructor from the model alone (Rust field names).
fn items_from_model(ctor: &model::Ctor) -> Vec<Item> {
    let mut items = Vec::new();
    for step in &ctor.wire {
        if let model::Wire::FlagWord(word) = *step {
            let name = ctor.flag_words.get(word).cloned().unwrap_or_default();
            items.push(Item::FlagWord { name, word });
            continue;
        }
        let (model::Wire::Field(i) | model::Wire::Member { field: i, .. }) = *step else {
            continue;
        };
        let Some(field) = ctor.fields.get(i) else {
            continue;
        };
        let name = field.name.clone();
        match (&field.kind, step) {
            (model::FieldKind::Required(ty), _) => items.push(Item::Value {
                name,
                cond: None,
                ty: convert(ty),
            }),
            (model::FieldKind::Optional(bit, ty), _) => items.push(Item::Value {
                name,
                cond: Some(*bit),
                ty: convert(ty),
            }),
            (model::FieldKind::Flag(bit), _) => items.push(Item::Flag { name, bit: *bit }),
            (model::FieldKind::Group(bit, tys), model::Wire::Member { index, .. }) => {
                if let Some(ty) = tys.get(*index) {
                    items.push(Item::Value {
                        name: format!("{name}.{index}"),
                        cond: Some(*bit),
                        ty: convert(ty),
                    });
                }
            }
            (model::FieldKind::Group(bit, tys), _) => {
                items.extend(tys.iter().enumerate().map(|(k, ty)| Item::Value {
                    name: format!("{name}.{k}"),
                    cond: Some(*bit),
                    ty: convert(ty),
                }));
            }
        }
    }
    items
}

/// A model type as the dynamic decoder's.
fn convert(ty: &model::Ty) -> Ty {
    match ty {
        model::Ty::Int => Ty::Int,
        model::Ty::Long | model::Ty::Int53 => Ty::Long,
        model::Ty::Double => Ty::Double,
        model::Ty::Nat => Ty::Nat,
        model::Ty::Bool => Ty::Bool,
        model::Ty::String => Ty::String,
        model::Ty::Bytes => Ty::Bytes,
        model::Ty::RawBytes(n) => Ty::Raw(*n),
        model::Ty::Vector { bare, elem } => Ty::Vector {
            bare: *bare,
            elem: Box::new(convert(elem)),
        },
        model::Ty::Enum(i) => Ty::Enum(*i),
        model::Ty::Bare(i) => Ty::Bare(*i),
        // The CLI reads schemas without `json = "tdlib"`, so no field is nullable.
        model::Ty::Heap(inner) | model::Ty::Nullable(inner) => convert(inner),
        model::Ty::Param(_) | model::Ty::AnyFunction => Ty::AnyFunction,
        model::Ty::AnyObject => Ty::AnyObject,
        model::Ty::Unit => Ty::Unit,
    }
}
