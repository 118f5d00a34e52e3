//! RPC errors: the table every generated `errors` module holds, and the matching of an error
//! message against its `%d` patterns.
//!
//! A schema invoked with errors (inline `//@error` lines, `docs = "…"` or `errors = "…"`) gets an
//! `errors` module with one `static TABLE: [RpcErrorInfo; N]`, sorted by name then code, and an
//! `enum RpcError` with a variant per name. The generated code only maps table rows to variants;
//! the matching and formatting live here, once.

use core::fmt;

/// One known RPC error: a row of a generated `errors::TABLE`, keyed on (code, name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RpcErrorInfo {
    /// The `error_code` it comes with (`400`, `420`, `-503`, …).
    pub code: i32,
    /// The `error_message`, with `%d` where the server puts a number: `"FLOOD_WAIT_%d"`.
    pub name: &'static str,
    /// What it means, as documented.
    pub description: &'static str,
    /// The Rust name of the `%d` argument (`"seconds"`), or `""` when the name has none.
    pub argument: &'static str,
    /// Any method can return it (flood waits, the 303 `*_MIGRATE_%d` family, `-503 Timeout`,
    /// authorization errors), whether or not a method lists it.
    pub common: bool,
}

impl RpcErrorInfo {
    /// A row of the table (what the generated `TABLE` is built from).
    pub const fn new(
        code: i32,
        name: &'static str,
        description: &'static str,
        argument: &'static str,
        common: bool,
    ) -> Self {
        RpcErrorInfo {
            code,
            name,
            description,
            argument,
            common,
        }
    }

    /// The number in `message` if it is this error's text: the `%d` stands for a number written
    /// as the server writes it (decimal digits, no leading zero, fits `u32`), so that the
    /// message can be written back exactly. `Some(0)` for a name without `%d` that equals the
    /// message.
    ///
    /// ```
    /// use tl_runtime::RpcErrorInfo;
    /// let e = RpcErrorInfo::new(400, "FILE_REFERENCE_%d_EXPIRED", "", "value", false);
    /// assert_eq!(e.matches("FILE_REFERENCE_3_EXPIRED"), Some(3));
    /// assert_eq!(e.matches("FILE_REFERENCE_03_EXPIRED"), None);
    /// assert_eq!(e.matches("FILE_REFERENCE_EXPIRED"), None);
    /// ```
    pub fn matches(&self, message: &str) -> Option<u32> {
        let Some((prefix, suffix)) = self.name.split_once("%d") else {
            return (self.name == message).then_some(0);
        };
        let digits = message.strip_prefix(prefix)?.strip_suffix(suffix)?;
        let canonical = match digits.as_bytes() {
            [] => false,
            [b'0'] => true,
            [first, rest @ ..] => {
                (b'1'..=b'9').contains(first) && rest.iter().all(u8::is_ascii_digit)
            }
        };
        if canonical {
            digits.parse().ok()
        } else {
            None
        }
    }

    /// Writes the message this error has with `value` for its `%d`: `FLOOD_WAIT_31`.
    pub fn write_message(&self, f: &mut fmt::Formatter<'_>, value: u32) -> fmt::Result {
        match self.name.split_once("%d") {
            Some((prefix, suffix)) => write!(f, "{prefix}{value}{suffix}"),
            None => f.write_str(self.name),
        }
    }
}

/// A function's possible errors: rows of its schema's one `errors::TABLE`, kept as indices (what
/// `RemoteCall::ERRORS` holds; a list per function costs a few bytes, no copy of the rows).
///
/// ```
/// use tl_runtime::{RpcErrorInfo, RpcErrorList};
/// static TABLE: [RpcErrorInfo; 2] = [
///     RpcErrorInfo::new(400, "CALL_ALREADY_ACCEPTED", "The call was already accepted.", "", false),
///     RpcErrorInfo::new(400, "CALL_PEER_INVALID", "The provided call peer object is invalid.", "", false),
/// ];
/// const ERRORS: RpcErrorList = RpcErrorList::new(&TABLE, &[1]);
/// let names: Vec<&str> = ERRORS.into_iter().map(|e| e.name).collect();
/// assert_eq!(names, ["CALL_PEER_INVALID"]);
/// assert!(ERRORS.contains(400, "CALL_PEER_INVALID") && !ERRORS.contains(400, "CALL_ALREADY_ACCEPTED"));
/// ```
#[derive(Clone, Copy)]
pub struct RpcErrorList {
    table: &'static [RpcErrorInfo],
    rows: &'static [u32],
}

impl RpcErrorList {
    /// No errors known.
    pub const EMPTY: RpcErrorList = RpcErrorList {
        table: &[],
        rows: &[],
    };

    /// The rows `rows` of `table` (each must be an index into it).
    pub const fn new(table: &'static [RpcErrorInfo], rows: &'static [u32]) -> Self {
        RpcErrorList { table, rows }
    }

    /// How many errors.
    pub const fn len(&self) -> usize {
        self.rows.len()
    }

    /// No error listed.
    pub const fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The errors, in the order the documentation lists them.
    pub fn iter(&self) -> RpcErrorIter {
        RpcErrorIter {
            table: self.table,
            rows: self.rows.iter(),
        }
    }

    /// Whether (`code`, `name`) is listed.
    pub fn contains(&self, code: i32, name: &str) -> bool {
        self.iter().any(|e| e.code == code && e.name == name)
    }
}

impl fmt::Debug for RpcErrorList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl IntoIterator for RpcErrorList {
    type Item = &'static RpcErrorInfo;
    type IntoIter = RpcErrorIter;
    fn into_iter(self) -> RpcErrorIter {
        self.iter()
    }
}

/// The iterator of an [`RpcErrorList`].
#[derive(Clone, Debug)]
pub struct RpcErrorIter {
    table: &'static [RpcErrorInfo],
    rows: core::slice::Iter<'static, u32>,
}

impl Iterator for RpcErrorIter {
    type Item = &'static RpcErrorInfo;
    fn next(&mut self) -> Option<&'static RpcErrorInfo> {
        self.rows.find_map(|&r| self.table.get(r as usize))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.rows.len()))
    }
}

/// The row of `table` whose name is `message` (or whose pattern matches it) and whose code is
/// `code`, with the `%d` value (0 without one). `table` is sorted by name, then code.
pub fn find(table: &[RpcErrorInfo], code: i32, message: &str) -> Option<(usize, u32)> {
    let start = table.partition_point(|e| e.name < message);
    let exact = table[start..]
        .iter()
        .take_while(|e| e.name == message && e.argument.is_empty())
        .position(|e| e.code == code);
    if let Some(i) = exact {
        return Some((start + i, 0));
    }
    table.iter().enumerate().find_map(|(i, e)| {
        if e.argument.is_empty() || e.code != code {
            return None;
        }
        e.matches(message).map(|value| (i, value))
    })
}

/// The row among `table[first..first + count]` (the rows of one name) with `code`; the first
/// row of the name if none has it (a value built by hand with another code).
pub fn row_with_code(table: &[RpcErrorInfo], first: usize, count: usize, code: i32) -> usize {
    table[first..first + count]
        .iter()
        .position(|e| e.code == code)
        .map_or(first, |i| first + i)
}

/// `Debug` of a generated `RpcError` variant: `FloodWait { seconds: 31 }`, `PeerIdInvalid { code:
/// 400 }` (a name with several rows has the code as a field), `CallAlreadyAccepted`.
pub fn debug(
    f: &mut fmt::Formatter<'_>,
    table: &[RpcErrorInfo],
    variant: &str,
    row: usize,
    code: i32,
    value: u32,
) -> fmt::Result {
    let info = &table[row];
    let same = |r: Option<&RpcErrorInfo>| r.is_some_and(|r| r.name == info.name);
    let several = same(row.checked_sub(1).and_then(|r| table.get(r))) || same(table.get(row + 1));
    if !several && info.argument.is_empty() {
        return f.write_str(variant);
    }
    let mut s = f.debug_struct(variant);
    if several {
        s.field("code", &code);
    }
    if !info.argument.is_empty() {
        s.field(info.argument, &value);
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: [RpcErrorInfo; 6] = [
        RpcErrorInfo::new(420, "2FA_CONFIRM_WAIT_%d", "", "value", false),
        RpcErrorInfo::new(400, "FILE_REFERENCE_%d_EXPIRED", "", "value", false),
        RpcErrorInfo::new(400, "FILE_REFERENCE_EXPIRED", "", "", false),
        RpcErrorInfo::new(420, "FLOOD_WAIT_%d", "", "seconds", true),
        RpcErrorInfo::new(400, "PEER_ID_INVALID", "", "", false),
        RpcErrorInfo::new(406, "PEER_ID_INVALID", "", "", false),
    ];

    #[test]
    fn exact_names_and_patterns() {
        assert_eq!(find(&TABLE, 400, "FILE_REFERENCE_EXPIRED"), Some((2, 0)));
        assert_eq!(find(&TABLE, 400, "FILE_REFERENCE_3_EXPIRED"), Some((1, 3)));
        assert_eq!(
            find(&TABLE, 420, "2FA_CONFIRM_WAIT_604800"),
            Some((0, 604800))
        );
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_31"), Some((3, 31)));
        assert_eq!(find(&TABLE, 406, "PEER_ID_INVALID"), Some((5, 0)));
        assert_eq!(find(&TABLE, 400, "PEER_ID_INVALID"), Some((4, 0)));
    }

    #[test]
    fn what_does_not_match() {
        // Another code, a leading zero, no digits, a number past u32, a pattern spelled out.
        assert_eq!(find(&TABLE, 400, "FLOOD_WAIT_31"), None);
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_031"), None);
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_"), None);
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_4294967296"), None);
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_%d"), None);
        assert_eq!(find(&TABLE, 420, "FLOOD_WAIT_3x"), None);
        assert_eq!(find(&TABLE, 403, "PEER_ID_INVALID"), None);
        assert_eq!(find(&[], 400, "X"), None);
    }

    #[test]
    fn rows_of_one_name() {
        assert_eq!(row_with_code(&TABLE, 4, 2, 406), 5);
        assert_eq!(row_with_code(&TABLE, 4, 2, 999), 4);
    }
}
