//! Checks a parsed schema and turns it into a [`Model`]: every name resolves, flags words exist and
//! are `#`, bits are below 32, names and ids are unique, ids are computed where missing, Rust names
//! are chosen and do not collide, and enum layout is decided. All problems are collected.
//!
//! `lower` builds the model from the syntax tree and reports what it cannot resolve; [`layout`]
//! decides what is boxed; `check` holds the rules that look at the lowered model as a whole.

mod check;
mod lower;

pub use lower::says_nullable;

use crate::ast::{Decl, Schema, Section, Type};
use crate::diag::{Diagnostic, Source};
use crate::id::IdRule;
use crate::layout;
use crate::model::Model;

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
    /// Generate `functions::AnyFunction` (dispatch over every function by id) even when no
    /// field or answer is of type `Function`: what a server or proxy decodes requests with.
    pub any_function: bool,
    /// TDLib's rule (`json = "tdlib"`): an object field documented "may be null" is an `Option`.
    pub nullable_from_docs: bool,
}

/// The `string` fields of the official `mtproto.tl` that hold binary data (the handshake's
/// numbers, keys and encrypted blobs, `msgs_*_info.info`): `string_as_bytes = "mtproto"`.
pub const MTPROTO_STRING_AS_BYTES: &[&str] = &[
    "resPQ.pq",
    "p_q_inner_data.pq",
    "p_q_inner_data.p",
    "p_q_inner_data.q",
    "p_q_inner_data_dc.pq",
    "p_q_inner_data_dc.p",
    "p_q_inner_data_dc.q",
    "p_q_inner_data_temp.pq",
    "p_q_inner_data_temp.p",
    "p_q_inner_data_temp.q",
    "p_q_inner_data_temp_dc.pq",
    "p_q_inner_data_temp_dc.p",
    "p_q_inner_data_temp_dc.q",
    "server_DH_params_ok.encrypted_answer",
    "server_DH_inner_data.dh_prime",
    "server_DH_inner_data.g_a",
    "client_DH_inner_data.g_b",
    "req_DH_params.p",
    "req_DH_params.q",
    "req_DH_params.encrypted_data",
    "set_client_DH_params.encrypted_data",
    "msgs_state_info.info",
    "msgs_all_info.info",
];

impl Default for Options {
    fn default() -> Self {
        Options {
            id_rule: IdRule::Telegram,
            verify_ids: false,
            string_as_bytes: Vec::new(),
            allow_duplicate_ids: false,
            any_function: false,
            nullable_from_docs: false,
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

/// Validates schemas (one per source, in order) as one schema: lowering (names resolved, fields
/// and flags modelled, ids computed), layout (what is boxed, minimum wire sizes, terminal
/// variants), then the checks on the lowered model.
pub fn validate(schemas: &[Schema], options: &Options) -> Validated {
    let lower::Lowered {
        mut model,
        mut diagnostics,
        unused_string_as_bytes,
    } = lower::lower(schemas, options);
    layout::decide(&mut model);
    check::check(&model, &mut diagnostics);
    Validated {
        model,
        diagnostics,
        unused_string_as_bytes,
    }
}

/// "The schema declares no constructors or functions", when no source declares anything but
/// builtins (or nothing at all). At the first builtin declaration, else at the start of the text.
pub fn declares_nothing(schemas: &[Schema], sources: &[Source]) -> Option<Diagnostic> {
    if !schemas.iter().all(|s| s.decls.iter().all(is_builtin)) {
        return None;
    }
    let first_builtin = schemas
        .iter()
        .enumerate()
        .find_map(|(i, s)| s.decls.first().map(|d| (i, d)));
    if let Some((i, decl)) = first_builtin {
        return Some(
            Diagnostic::new(i, decl.name.span.clone(), "the schema declares no constructors or functions")
                .hint(format!(
                    "`{}` declares a builtin type (`{}`), which generates nothing; declare your own types, e.g. `= Message;`",
                    decl.name.value,
                    type_text(&decl.result)
                )),
        );
    }
    let text = sources.first().map_or("", |s| s.text.as_str());
    // Point at the first non-blank character, or at the start of an empty text.
    let at = text.len() - text.trim_start().len();
    let at = if at == text.len() { 0 } else { at };
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Some(
        Diagnostic::new(
            0,
            at..end,
            "the schema declares no constructors or functions",
        )
        .hint(
            "write at least one declaration, e.g. `pong#347773c5 msg_id:long ping_id:long = Pong;`",
        ),
    )
}

/// A declaration that declares a runtime builtin rather than data (`int ? = Int;`, `boolTrue = Bool;`,
/// TON's `bytes data:string = Bytes;`).
pub fn is_builtin(decl: &Decl) -> bool {
    decl.builtin
        || (decl.section == Section::Types && BUILTIN_RESULTS.contains(&decl.result.name.as_str()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FieldKind, FlagBit, Ty, Wire};
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
        // The flag is visited at its place; the group's members are adjacent: one field.
        assert_eq!(
            m.wire,
            [
                Wire::FlagWord(0),
                Wire::Field(0),
                Wire::Field(1),
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
    fn groups_apart_on_the_wire_are_visited_member_by_member() {
        // As `wallPaperSettings`: `background_color` and `second_background_color` are apart.
        let v = run("w#1 flags:# a:flags.4?int b:flags.0?int c:flags.4?int = W;");
        let w = &v.model.ctors[0];
        let names: Vec<&str> = w.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a_and_c", "b"]);
        assert_eq!(
            w.wire,
            [
                Wire::FlagWord(0),
                Wire::GroupStart(0),
                Wire::Member { field: 0, index: 0 },
                Wire::Field(1),
                Wire::Member { field: 0, index: 1 },
            ]
        );
    }

    #[test]
    fn a_flag_taken_over_by_a_value_is_visited_at_the_value() {
        let v = run("c#2 flags:# join:flags.3?true id:long key:flags.3?int256 = Call;");
        let c = &v.model.ctors[0];
        assert_eq!(c.fields[0].name, "key");
        assert_eq!(c.wire, [Wire::FlagWord(0), Wire::Field(1), Wire::Field(0)]);
    }

    #[test]
    fn true_flags_on_a_shared_bit_get_accessors() {
        // As `user`'s `bot:flags.14?true` and `bot_info_version:flags.14?int`; two `true`s on one
        // bit; a `true` after a value; two `true`s taken over by a value.
        let v = run("u#1 flags:# bot:flags.14?true v:flags.14?int a:flags.1?true b:flags.1?true \
                     x:flags.2?long c:flags.2?true d:flags.3?true e:flags.3?true y:flags.3?int = U;");
        let u = &v.model.ctors[0];
        let names: Vec<&str> = u.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["v", "a_and_b", "x", "y"]);
        let implied: Vec<(&str, &str, usize)> = u
            .implied_flags
            .iter()
            .map(|f| (f.name.as_str(), f.tl_text.as_str(), f.field))
            .collect();
        assert_eq!(
            implied,
            [
                ("bot", "bot:flags.14?true", 0),
                ("a", "a:flags.1?true", 1),
                ("b", "b:flags.1?true", 1),
                ("c", "c:flags.2?true", 2),
                ("d", "d:flags.3?true", 3),
                ("e", "e:flags.3?true", 3),
            ]
        );
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
