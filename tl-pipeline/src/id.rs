//! Constructor ids computed from a declaration: the IEEE CRC32 of a normalized text of it. Two
//! normalizations exist (see `shared/TL-NOTES.md` §2): Telegram's and the TL-spec one used by TDLib's
//! `tl-parser` for TON and `td_api.tl`.

use crate::ast::{Decl, Type};

/// Which normalization computes missing ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdRule {
    /// Telegram's: drop `?true` fields, `bytes` written as `string`, keep `!X`.
    Telegram,
    /// TDLib `tl-parser`'s: keep every field, `!X` as `X`, `bytes` as is.
    TlSpec,
}

impl IdRule {
    /// The option value that selects this rule.
    pub fn from_option(value: &str) -> Option<IdRule> {
        match value {
            "telegram" => Some(IdRule::Telegram),
            "tl-spec" => Some(IdRule::TlSpec),
            _ => None,
        }
    }
}

/// The CRC32 id of `decl` under `rule` (its explicit `#id` is ignored).
pub fn compute(decl: &Decl, rule: IdRule) -> u32 {
    crc32fast::hash(canonical_text(decl, rule).as_bytes())
}

/// The normalized text that is hashed, e.g. `msgs_ack msg_ids:Vector long = MsgsAck`.
pub fn canonical_text(decl: &Decl, rule: IdRule) -> String {
    let mut out = decl.name.value.clone();
    for param in &decl.params {
        out.push_str(&format!(" {}:{}", param.name.value, param.kind.value));
    }
    for arg in &decl.args {
        let is_true_flag = arg.cond.is_some() && arg.ty.name == "true" && arg.ty.args.is_empty();
        if rule == IdRule::Telegram && is_true_flag {
            continue;
        }
        out.push(' ');
        out.push_str(&arg.name.value);
        out.push(':');
        if let Some(cond) = &arg.cond {
            out.push_str(&format!("{}.{}?", cond.word.value, cond.bit.value));
        }
        if rule == IdRule::Telegram
            && arg.ty.name == "bytes"
            && arg.ty.args.is_empty()
            && !arg.ty.bare_mark
        {
            out.push_str("string");
        } else {
            push_type(&mut out, &arg.ty, rule);
        }
    }
    out.push_str(" = ");
    push_type(&mut out, &decl.result, rule);
    out
}

/// `Vector<long>` and `(vector long)` both print as `Vector long` / `vector long`.
fn push_type(out: &mut String, ty: &Type, rule: IdRule) {
    if ty.excl && rule == IdRule::Telegram {
        out.push('!');
    }
    if ty.bare_mark {
        out.push('%');
    }
    out.push_str(&ty.name);
    for arg in &ty.args {
        out.push(' ');
        push_type(out, arg, rule);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn ids(text: &str) -> (u32, u32) {
        let (schema, errors) = parse(&format!("{text};"));
        assert!(errors.is_empty(), "{errors:?}");
        let d = &schema.decls[0];
        (compute(d, IdRule::Telegram), compute(d, IdRule::TlSpec))
    }

    /// The vectors of TL-NOTES §2.
    #[test]
    fn known_ids() {
        let table: [(&str, Option<u32>, u32); 8] = [
            ("msgs_ack msg_ids:Vector<long> = MsgsAck", Some(0x62d6b459), 0x62d6b459),
            ("rpc_answer_dropped msg_id:long seq_no:int bytes:int = RpcDropAnswer", Some(0xa43ad8b7), 0xa43ad8b7),
            ("inputMessagesFilterPhoneCalls flags:# missed:flags.0?true = MessagesFilter", Some(0x80c99768), 0x657b85bd),
            ("invokeAfterMsg {X:Type} msg_id:long query:!X = X", Some(0xcb9f372d), 0x1eeb7e32),
            ("resPQ nonce:int128 server_nonce:int128 pq:bytes server_public_key_fingerprints:Vector<long> = ResPQ", Some(0x05162463), 0x1827435a),
            ("textEntities entities:vector<textEntity> = TextEntities", Some(0xc86082bc), 0xc86082bc),
            ("tcp.ping random_id:long = tcp.Pong", None, 0x4d082b9a),
            ("liteServer.query data:bytes = Object", None, 0x798c06df),
        ];
        for (text, telegram, spec) in table {
            let (t, s) = ids(text);
            if let Some(telegram) = telegram {
                assert_eq!(t, telegram, "telegram rule: {text}");
            }
            assert_eq!(s, spec, "tl-spec rule: {text}");
        }
    }

    #[test]
    fn flags2_true_fields_are_dropped_too() {
        let (schema, _) =
            parse("a flags:# x:flags.0?true flags2:# y:flags2.3?true z:flags2.4?int = A;");
        assert_eq!(
            canonical_text(&schema.decls[0], IdRule::Telegram),
            "a flags:# flags2:# z:flags2.4?int = A"
        );
    }

    #[test]
    fn ton_parenthesized_vectors() {
        let (schema, _) =
            parse("adnl.addressList addrs:(vector adnl.Address) version:int = adnl.AddressList;");
        assert_eq!(
            canonical_text(&schema.decls[0], IdRule::TlSpec),
            "adnl.addressList addrs:vector adnl.Address version:int = adnl.AddressList"
        );
    }
}
