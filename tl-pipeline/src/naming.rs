//! TL names to Rust names. Types are UpperCamelCase, fields and modules snake_case (both by `heck`);
//! a result that is a Rust keyword gets a trailing `_` (`self` → `self_`, `type` → `type_`).

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict, reserved and edition-2018+ keywords: none can be a plain identifier, and `self`, `Self`,
/// `super`, `crate` cannot even be raw identifiers, so one rule (a trailing `_`) is used for all.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

fn escape(name: String) -> String {
    if KEYWORDS.contains(&name.as_str()) {
        name + "_"
    } else {
        name
    }
}

/// `resPQ` → `ResPq`, `P_Q_inner_data` → `PQInnerData`, `channelMessages` → `ChannelMessages`.
pub fn type_name(tl: &str) -> String {
    escape(tl.to_upper_camel_case())
}

/// `srp_B` → `srp_b`, `M1` → `m1`, `self` → `self_`, `candidateId` → `candidate_id`.
pub fn field_name(tl: &str) -> String {
    escape(tl.to_snake_case())
}

/// A namespace segment: `tonNode` → `ton_node`.
pub fn module_name(tl: &str) -> String {
    escape(tl.to_snake_case())
}

/// Splits `messages.channelMessages` into namespaces `["messages"]` and name `channelMessages`.
pub fn split_namespace(full: &str) -> (Vec<&str>, &str) {
    let mut parts: Vec<&str> = full.split('.').collect();
    let name = parts.pop().unwrap_or(full);
    (parts, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_real_schemas() {
        let types = [
            ("resPQ", "ResPq"),
            ("P_Q_inner_data", "PQInnerData"),
            ("server_DH_params_ok", "ServerDhParamsOk"),
            ("decryptedMessage8", "DecryptedMessage8"),
            ("channelMessages", "ChannelMessages"),
            ("true", "True"),
            ("self", "Self_"),
        ];
        for (tl, rust) in types {
            assert_eq!(type_name(tl), rust, "{tl}");
        }
        let fields = [
            ("A", "a"),
            ("M1", "m1"),
            ("srp_B", "srp_b"),
            ("self", "self_"),
            ("type", "type_"),
            ("loop", "loop_"),
            ("final", "final_"),
            ("static", "static_"),
            ("override", "override_"),
            ("priv", "priv_"),
            ("pub", "pub_"),
            ("long", "long"),
            ("candidateId", "candidate_id"),
        ];
        for (tl, rust) in fields {
            assert_eq!(field_name(tl), rust, "{tl}");
        }
        assert_eq!(module_name("tonNode"), "ton_node");
        assert_eq!(
            split_namespace("tonNode.blockBroadcastCompressed.data"),
            (vec!["tonNode", "blockBroadcastCompressed"], "data")
        );
    }
}
