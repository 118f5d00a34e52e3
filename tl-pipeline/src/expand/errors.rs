//! The `errors` module: the schema's one table of RPC errors and `RpcError`, a variant per name;
//! and what functions say of their errors (a rustdoc table, `RemoteCall::ERRORS`).

use std::fmt::Write as _;

use super::{str_lit, write_doc, Cx};
use crate::docs::escape_cell;
use crate::model::{Ctor, ErrorTable};

impl Cx<'_> {
    /// The `errors` module (matching and formatting are the runtime's; this only maps rows to
    /// variants):
    ///
    /// ```ignore
    /// pub static TABLE: [RpcErrorInfo; 830] = [RpcErrorInfo::new(400, "CALL_ALREADY_ACCEPTED",
    ///     "The call was already accepted.", "", false), …];     // sorted by name, then code
    /// static VARIANTS: [&str; 830] = ["CallAlreadyAccepted", …];  // per row, for Debug
    /// pub enum RpcError { CallAlreadyAccepted, FloodWait { seconds: u32 },
    ///     PeerIdInvalid { code: i32 } /* a name with several codes */, …, Other { code: i32, message: String } }
    /// impl RpcError {
    ///     pub fn parse(code: i32, message: &str) -> Self { /* rpc_find(&TABLE, …), then from_row */ }
    ///     fn from_row(row: usize, code: i32, value: u32) -> Self { match row { 0 => Self::CallAlreadyAccepted, … } }
    ///     fn row(&self) -> Option<(usize, u32)> { match self { Self::CallAlreadyAccepted => (0, 0), … } }
    ///     // code(), name(), description(), value(), info(), is_common(), expected_by::<C>()
    /// }
    /// // Clone, PartialEq, Eq, Hash, Debug, Display, Error: through row() and from_row()
    /// impl From<&types::RpcError> for RpcError { /* when the schema has `rpc_error` */ }
    /// ```
    pub(super) fn errors_module(&self, out: &mut String, rt: &str, table: &ErrorTable) {
        let _ = writeln!(
            out,
            "/// RPC errors: every error the schema's documentation knows, in one table, and a \
             typed [`RpcError`] to parse an `rpc_error` into.\npub mod errors {{\n\
             use {rt} as __rt; use {rt}::__short::*;"
        );
        write_table(out, table);
        write_enum(out, table);
        self.write_methods(out, table);
        out.push_str("}\n");
    }

    /// `from_row` (row → variant) and `row` (variant → row), the two matches over the names;
    /// everything else (`parse`, `Clone`, `Debug`, `PartialEq`, `Display`, …) goes through them
    /// and the table, so an 800-variant enum costs two matches to compile, not seven.
    fn write_methods(&self, out: &mut String, table: &ErrorTable) {
        let mut from_row = String::new();
        let mut row = String::new();
        let mut code = String::new();
        for v in &table.variants {
            let (first, last) = (v.first_row, v.first_row + v.rows - 1);
            let rows = if v.rows == 1 {
                first.to_string()
            } else {
                format!("{first}..={last}")
            };
            let name = &v.name;
            let value = v.argument.as_deref();
            let (build, bind, found) = match (v.rows > 1, value) {
                (false, None) => (String::new(), String::new(), format!("({first}, 0)")),
                (false, Some(a)) => (
                    format!(" {{ {a}: __v }}"),
                    format!(" {{ {a} }}"),
                    format!("({first}, *{a})"),
                ),
                (true, None) => (
                    " { code: __c }".to_owned(),
                    " { code }".to_owned(),
                    format!(
                        "(__rt::rpc_row_with_code(&TABLE, {first}, {}, *code), 0)",
                        v.rows
                    ),
                ),
                (true, Some(a)) => (
                    format!(" {{ code: __c, {a}: __v }}"),
                    format!(" {{ code, {a} }}"),
                    format!(
                        "(__rt::rpc_row_with_code(&TABLE, {first}, {}, *code), *{a})",
                        v.rows
                    ),
                ),
            };
            let _ = write!(from_row, "{rows} => Self::{name}{build}, ");
            let _ = write!(row, "Self::{name}{bind} => {found}, ");
            if v.rows > 1 {
                let _ = write!(code, "Self::{name} {{ code, .. }} => *code, ");
            }
        }
        let inline = self.inline();
        let _ = writeln!(
            out,
            "impl RpcError {{\n\
             /// The error an `rpc_error` with this code and message is: the variant of its name when \
             /// the table has (code, name), with the number of a `%d` (written without leading zeros), \
             /// else [`RpcError::Other`].\n\
             pub fn parse(__c: i32, __m: &str) -> Self {{ match __rt::rpc_find(&TABLE, __c, __m) {{ \
             __Some((__r, __v)) => Self::from_row(__r, __c, __v), \
             __None => Self::Other {{ code: __c, message: __m.into() }} }} }}\n\
             fn from_row(__r: usize, __c: i32, __v: u32) -> Self {{ let _ = (__c, __v); match __r {{ {from_row}\
             _ => Self::Other {{ code: __c, message: __String::new() }} }} }}\n\
             /// The row of [`TABLE`] and the `%d` number (0 without one); `None` for [`RpcError::Other`].\n\
             {inline}fn row(&self) -> __Option<(usize, u32)> {{ __Some(match self {{ {row}Self::Other {{ .. }} => return __None }}) }}\n\
             /// The `error_code`.\n\
             pub fn code(&self) -> i32 {{ match self {{ {code}Self::Other {{ code, .. }} => *code, _ => self.info().map_or(0, |__i| __i.code) }} }}\n\
             /// The error's name as the table has it, `%d` for the number (`\"FLOOD_WAIT_%d\"`); an \
             /// unknown error's message.\n\
             pub fn name(&self) -> &str {{ match (self, self.info()) {{ (_, __Some(__i)) => __i.name, (Self::Other {{ message, .. }}, __None) => message.as_str(), _ => \"\" }} }}\n\
             /// What the error means, as documented; `None` for an unknown one.\n\
             pub fn description(&self) -> __Option<&'static str> {{ self.info().map(|__i| __i.description) }}\n\
             /// The number in the message (`31` of `FLOOD_WAIT_31`), if the name has a `%d`.\n\
             pub fn value(&self) -> __Option<u32> {{ match (self.row(), self.info()) {{ (__Some((_, __v)), __Some(__i)) if !__i.argument.is_empty() => __Some(__v), _ => __None }} }}\n\
             /// The error's row of [`TABLE`]: code, name, description.\n\
             pub fn info(&self) -> __Option<&'static __rt::RpcErrorInfo> {{ self.row().map(|(__r, _)| &TABLE[__r]) }}\n\
             /// Any method can return it (flood waits, `*_MIGRATE_%d`, `-503 Timeout`, …).\n\
             pub fn is_common(&self) -> bool {{ self.info().is_some_and(|__i| __i.common) }}\n\
             /// The call `C` lists this error (its code and name) or any method can return it.\n\
             pub fn expected_by<C: __rt::RemoteCall + ?::core::marker::Sized>(&self) -> bool {{ \
             self.is_common() || C::ERRORS.contains(self.code(), self.name()) }}\n\
             /// (code, row, value, message): equal keys, equal errors.\n\
             fn key(&self) -> (i32, __Option<(usize, u32)>, &str) {{ \
             let __m = match self {{ Self::Other {{ message, .. }} => message.as_str(), _ => \"\" }}; (self.code(), self.row(), __m) }}\n\
             }}\n\
             impl __Clone for RpcError {{ fn clone(&self) -> Self {{ match (self, self.row()) {{ \
             (_, __Some((__r, __v))) => Self::from_row(__r, self.code(), __v), \
             (Self::Other {{ code, message }}, __None) => Self::Other {{ code: *code, message: message.clone() }}, \
             _ => Self::Other {{ code: 0, message: __String::new() }} }} }} }}\n\
             impl __PartialEq for RpcError {{ fn eq(&self, __o: &Self) -> bool {{ self.key() == __o.key() }} }}\n\
             impl ::core::cmp::Eq for RpcError {{}}\n\
             impl ::core::hash::Hash for RpcError {{ fn hash<__H: ::core::hash::Hasher>(&self, __h: &mut __H) {{ self.key().hash(__h) }} }}\n\
             impl __Debug for RpcError {{ fn fmt(&self, __f: &mut __Formatter<'_>) -> __FmtResult {{ match (self, self.row()) {{ \
             (Self::Other {{ code, message }}, _) => __f.debug_struct(\"Other\").field(\"code\", code).field(\"message\", message).finish(), \
             (_, __Some((__r, __v))) => __rt::rpc_debug(__f, &TABLE, VARIANTS[__r], __r, self.code(), __v), \
             _ => __FmtResult::Ok(()) }} }} }}\n\
             impl ::core::fmt::Display for RpcError {{ fn fmt(&self, __f: &mut __Formatter<'_>) -> __FmtResult {{ \
             match (self, self.row()) {{ (Self::Other {{ message, .. }}, _) => __f.write_str(message), \
             (_, __Some((__r, __v))) => TABLE[__r].write_message(__f, __v), _ => __FmtResult::Ok(()) }} }} }}\n\
             impl ::core::error::Error for RpcError {{}}"
        );
        if let Some(c) = table.rpc_error_ctor {
            let ctor = &self.model.ctors[c];
            let path = Self::item_path(&[], "types", &ctor.path);
            let (generics, lt) = if self.lt.ctor_borrows(ctor) {
                ("<'de>", "<'de>")
            } else {
                ("", "")
            };
            let _ = writeln!(
                out,
                "impl{generics} __From<&{path}{lt}> for RpcError {{ \
                 /// The typed error of an `rpc_error` answer.\n\
                 fn from(__e: &{path}{lt}) -> Self {{ Self::parse(__e.error_code, &__e.error_message) }} }}"
            );
        }
    }

    /// `ERRORS` of a function's `RemoteCall` impl: its rows of the table, as indices (a
    /// reference per row, `&TABLE[5]`, would cost a checked index each to compile):
    /// `const ERRORS: RpcErrorList = RpcErrorList::new(&super::errors::TABLE, &[5, 9, 12]);`
    pub(super) fn errors_const(&self, ctor: &Ctor) -> String {
        if ctor.error_rows.is_empty() {
            return String::new();
        }
        let table = format!("{}errors::TABLE", Self::to_root(&ctor.path.modules));
        let rows: Vec<String> = ctor.error_rows.iter().map(ToString::to_string).collect();
        format!(
            " const ERRORS: __rt::RpcErrorList = __rt::RpcErrorList::new(&{table}, &[{}]);",
            rows.join(", ")
        )
    }
}

/// `pub static TABLE: [RpcErrorInfo; N] = [RpcErrorInfo::new(code, name, description, argument,
/// common), …];`
fn write_table(out: &mut String, table: &ErrorTable) {
    let _ = writeln!(
        out,
        "/// Every known error, one row per (code, name), sorted by name, then code.\n\
         pub static TABLE: [__rt::RpcErrorInfo; {}] = [",
        table.rows.len()
    );
    // Each row's variant: its name (for `VARIANTS`) and its argument.
    let mut variants = vec![("", ""); table.rows.len()];
    for v in &table.variants {
        let of_row = (v.name.as_str(), v.argument.as_deref().unwrap_or(""));
        variants[v.first_row..v.first_row + v.rows].fill(of_row);
    }
    for (row, &(_, argument)) in table.rows.iter().zip(&variants) {
        let _ = writeln!(
            out,
            "__rt::RpcErrorInfo::new({}, {}, {}, {}, {}),",
            row.code,
            str_lit(&row.name),
            str_lit(&row.description),
            str_lit(argument),
            row.common
        );
    }
    out.push_str("];\n");
    let _ = write!(
        out,
        "/// The `RpcError` variant of each row of [`TABLE`] (its `Debug` name).\n\
         static VARIANTS: [&str; {}] = [",
        variants.len()
    );
    for (name, _) in variants {
        let _ = write!(out, "{}, ", str_lit(name));
    }
    out.push_str("];\n");
}

/// The enum, a variant per name, each documented with its codes, name and description.
fn write_enum(out: &mut String, table: &ErrorTable) {
    out.push_str(
        "/// An RPC error, typed: a variant per known error name, the `%d` number of the name as a \
         field, the `code` as a field where a name comes with several codes.\n\
         pub enum RpcError {\n",
    );
    for v in &table.variants {
        let rows = &table.rows[v.first_row..v.first_row + v.rows];
        let codes: Vec<String> = rows.iter().map(|r| r.code.to_string()).collect();
        let description = rows
            .iter()
            .map(|r| r.description.as_str())
            .find(|d| !d.is_empty())
            .unwrap_or_default();
        write_doc(
            out,
            &format!(
                " `{} {}`: {}",
                codes.join("`, `"),
                rows[0].name,
                escape_cell(description)
            ),
        );
        let _ = match (v.rows > 1, &v.argument) {
            (false, None) => writeln!(out, "{},", v.name),
            (false, Some(a)) => writeln!(out, "{} {{ {a}: u32 }},", v.name),
            (true, None) => writeln!(out, "{} {{ code: i32 }},", v.name),
            (true, Some(a)) => writeln!(out, "{} {{ code: i32, {a}: u32 }},", v.name),
        };
    }
    out.push_str(
        "/// An error the table does not know (or a known name with a code it does not list), as \
         received.\nOther { code: i32, message: __String },\n}\n",
    );
}

/// The "Possible errors" section of a function's rustdoc: a table of code, name, description.
pub(super) fn write_error_docs(out: &mut String, ctor: &Ctor) {
    if ctor.errors.is_empty() {
        return;
    }
    for line in [
        "",
        " # Possible errors",
        "",
        " | Code | Error | Description |",
        " |---:|---|---|",
    ] {
        write_doc(out, line);
    }
    for e in &ctor.errors {
        let description = escape_cell(&e.description);
        write_doc(
            out,
            &format!(" | {} | `{}` | {description} |", e.code, e.name),
        );
    }
}
