//! The RPC error table of a schema: every error name its functions list or a data file defines,
//! one row per (code, name), and the variant of `errors::RpcError` each name becomes.
//!
//! The table always holds the errors any method can return ([`COMMON`]) once the schema has
//! errors at all; without errors (no `//@error`, no `docs`, no `errors` file) there is none, and
//! no `errors` module is generated.

use std::collections::{BTreeMap, HashMap, HashSet};

use heck::ToUpperCamelCase;

use crate::docs::ErrorDef;
use crate::model::{ErrorRow, ErrorTable, ErrorVariant, Model, Ty};
use crate::naming;

/// Errors any method can return, whether its page lists them or not: (code, name, the Rust name
/// of its `%d` argument, description). A data file's description of the same error wins.
pub const COMMON: &[(i32, &str, &str, &str)] = &[
    (
        303,
        "FILE_MIGRATE_%d",
        "new_dc",
        "The file to be accessed is stored in DC %d.",
    ),
    (
        303,
        "NETWORK_MIGRATE_%d",
        "new_dc",
        "The source IP address is associated with DC %d.",
    ),
    (
        303,
        "PHONE_MIGRATE_%d",
        "new_dc",
        "The phone number a user is trying to use for authorization is associated with DC %d.",
    ),
    (
        303,
        "STATS_MIGRATE_%d",
        "dc",
        "The channel statistics must be fetched from DC %d.",
    ),
    (
        303,
        "USER_MIGRATE_%d",
        "new_dc",
        "The user whose identity is being used to execute queries is associated with DC %d.",
    ),
    (
        401,
        "AUTH_KEY_UNREGISTERED",
        "",
        "The key is not registered in the system.",
    ),
    (401, "AUTH_KEY_INVALID", "", "The key is invalid."),
    (
        401,
        "AUTH_KEY_PERM_EMPTY",
        "",
        "The method is unavailable for a temporary authorization key not bound to a permanent one.",
    ),
    (401, "SESSION_EXPIRED", "", "The authorization has expired."),
    (
        401,
        "SESSION_PASSWORD_NEEDED",
        "",
        "Two-step verification is enabled and a password is required.",
    ),
    (
        401,
        "SESSION_REVOKED",
        "",
        "The authorization has been invalidated, because the user terminated all sessions.",
    ),
    (
        401,
        "USER_DEACTIVATED",
        "",
        "The user has been deleted or deactivated.",
    ),
    (
        401,
        "USER_DEACTIVATED_BAN",
        "",
        "The user has been deleted or deactivated.",
    ),
    (
        406,
        "AUTH_KEY_DUPLICATED",
        "",
        "The same authorization key was used by several connections at once.",
    ),
    (
        420,
        "FLOOD_WAIT_%d",
        "seconds",
        "A wait of %d seconds is required.",
    ),
    (
        420,
        "FLOOD_PREMIUM_WAIT_%d",
        "seconds",
        "A wait of %d seconds is required; Premium users wait less.",
    ),
    (
        500,
        "AUTH_RESTART",
        "",
        "Restart the authorization process.",
    ),
    (
        -503,
        "Timeout",
        "",
        "A timeout occurred while fetching data from the server.",
    ),
];

/// Builds [`Model::errors`] and each function's [`Ctor::error_rows`](crate::model::Ctor) from
/// the errors the functions list and `defs` (the data files' errors, first definition of a
/// (code, name) wins). Leaves the model without a table when there are no errors at all.
pub fn build(model: &mut Model, defs: &[ErrorDef]) {
    let listed = model.functions.iter().any(|f| !f.errors.is_empty());
    if !listed && defs.is_empty() {
        model.errors = None;
        return;
    }
    // (name, code) → row; BTreeMap sorts by name (byte order), then code, as the runtime's
    // binary search expects.
    let mut rows: BTreeMap<(String, i32), ErrorRow> = BTreeMap::new();
    let mut arguments: HashMap<String, String> = HashMap::new();
    let mut add = |code: i32, name: &str, description: &str, argument: Option<&str>| {
        let row = rows
            .entry((name.to_owned(), code))
            .or_insert_with(|| ErrorRow {
                code,
                name: name.to_owned(),
                description: String::new(),
                common: false,
            });
        if row.description.is_empty() {
            row.description = description.to_owned();
        }
        if let Some(a) = argument.filter(|a| !a.is_empty()) {
            arguments
                .entry(name.to_owned())
                .or_insert_with(|| a.to_owned());
        }
    };
    for d in defs {
        add(d.code, &d.name, &d.description, d.argument.as_deref());
    }
    for f in &model.functions {
        for e in &f.errors {
            add(e.code, &e.name, &e.description, None);
        }
    }
    for &(code, name, argument, description) in COMMON {
        add(code, name, description, Some(argument));
    }
    let common: HashSet<(&str, i32)> = COMMON.iter().map(|&(c, n, _, _)| (n, c)).collect();
    let rows: Vec<ErrorRow> = rows
        .into_values()
        .map(|mut row| {
            row.common = common.contains(&(row.name.as_str(), row.code));
            row
        })
        .collect();
    let index: HashMap<(&str, i32), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.name.as_str(), r.code), i))
        .collect();
    for f in &mut model.functions {
        f.error_rows = f
            .errors
            .iter()
            .filter_map(|e| index.get(&(e.name.as_str(), e.code)).copied())
            .collect();
    }
    let variants = variants(&rows, &arguments);
    let rpc_error_ctor = model.ctors.iter().position(|c| {
        let field = |i: usize, name: &str, ty: Ty| {
            c.fields
                .get(i)
                .is_some_and(|f| f.name == name && f.kind == crate::model::FieldKind::Required(ty))
        };
        c.tl_name == "rpc_error"
            && c.fields.len() == 2
            && field(0, "error_code", Ty::Int)
            && field(1, "error_message", Ty::String)
    });
    model.errors = Some(ErrorTable {
        rows,
        variants,
        rpc_error_ctor,
    });
}

/// One variant per name (the rows of a name are next to each other).
fn variants(rows: &[ErrorRow], arguments: &HashMap<String, String>) -> Vec<ErrorVariant> {
    let plain: HashSet<String> = rows
        .iter()
        .filter(|r| !r.name.contains("%d"))
        .map(|r| variant_name(&r.name, false))
        .collect();
    let mut taken: HashSet<String> = HashSet::from(["Other".to_owned()]);
    let mut out: Vec<ErrorVariant> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(last) = out.last_mut() {
            if rows[last.first_row].name == row.name {
                last.rows += 1;
                continue;
            }
        }
        let param = row.name.contains("%d");
        // `FILE_REFERENCE_%d_EXPIRED` beside `FILE_REFERENCE_EXPIRED`: `FileReferenceNExpired`.
        let plain_clash = param && plain.contains(&variant_name(&row.name, false));
        let mut name = variant_name(&row.name, plain_clash);
        while !taken.insert(name.clone()) {
            name.push('_');
        }
        let argument = param.then(|| {
            let a = arguments.get(&row.name).map(|a| naming::field_name(a));
            let plain = |a: &String| {
                a != "code"
                    && a.starts_with(|c: char| c.is_ascii_lowercase())
                    && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            };
            a.filter(plain).unwrap_or_else(|| "value".to_owned())
        });
        out.push(ErrorVariant {
            name,
            first_row: i,
            rows: 1,
            argument,
        });
    }
    out
}

/// `FLOOD_WAIT_%d` → `FloodWait`; with `n`, the `%d` is an `N`: `FileReferenceNExpired`. A name
/// that starts with a digit gets `Error` before it: `2FA_CONFIRM_WAIT_%d` → `Error2faConfirmWait`.
/// Only ASCII letters and digits are kept (a data file's name could hold anything), and a
/// keyword gets a `_` (`SELF` → `Self_`).
fn variant_name(error: &str, n: bool) -> String {
    let text = error.replace("%d", if n { "_N_" } else { "_" });
    let name: String = text
        .to_upper_camel_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() {
        format!("Error{name}")
    } else {
        naming::type_name(&name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: i32, name: &str) -> ErrorRow {
        ErrorRow {
            code,
            name: name.to_owned(),
            description: String::new(),
            common: false,
        }
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("FLOOD_WAIT_%d", false), "FloodWait");
        assert_eq!(
            variant_name("2FA_CONFIRM_WAIT_%d", false),
            "Error2faConfirmWait"
        );
        assert_eq!(
            variant_name("FILE_REFERENCE_%d_EXPIRED", true),
            "FileReferenceNExpired"
        );
        assert_eq!(
            variant_name("PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_%dMIN", false),
            "PreviousChatImportActiveWaitMin"
        );
        assert_eq!(variant_name("Timeout", false), "Timeout");
        assert_eq!(variant_name("SELF", false), "Self_");
        assert_eq!(variant_name("%d", false), "Error");
        assert_eq!(variant_name("ÜBER-😀 X", false), "BerX");
    }

    #[test]
    fn one_variant_per_name_and_clashes() {
        let rows = [
            row(400, "FILE_REFERENCE_%d_EXPIRED"),
            row(400, "FILE_REFERENCE_EXPIRED"),
            row(420, "FLOOD_WAIT_%d"),
            row(400, "OTHER"),
            row(400, "PEER_ID_INVALID"),
            row(403, "PEER_ID_INVALID"),
        ];
        let args = HashMap::from([("FLOOD_WAIT_%d".to_owned(), "seconds".to_owned())]);
        let v = variants(&rows, &args);
        let names: Vec<&str> = v.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "FileReferenceNExpired",
                "FileReferenceExpired",
                "FloodWait",
                "Other_",
                "PeerIdInvalid"
            ]
        );
        assert_eq!(v[0].argument.as_deref(), Some("value"));
        assert_eq!(v[2].argument.as_deref(), Some("seconds"));
        assert_eq!((v[4].first_row, v[4].rows), (4, 2));
    }
}
