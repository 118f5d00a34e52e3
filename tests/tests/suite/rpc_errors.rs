//! Typed RPC errors of layer 230 with the published docs and mtcute's database: every `%d`
//! pattern of both files parses to its variant and prints back the message it came from.

use tl_runtime::RemoteCall;
use tl_schema_tests::telegram::errors::{RpcError, TABLE};
use tl_schema_tests::telegram::{functions, types};

fn shared_json(path: &str) -> serde_json::Value {
    let path = format!(
        "{}/../../shared/api-docs/{path}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

/// Every (code, name) the two data files define or list for a method.
fn every_error() -> Vec<(i32, String)> {
    let mut all = Vec::new();
    let code = |e: &serde_json::Value| i32::try_from(e["code"].as_i64().unwrap()).unwrap();
    let getdoc = shared_json("getdoc-layer223.json");
    for (name, e) in getdoc["errors"].as_object().unwrap() {
        all.push((code(e), name.clone()));
    }
    for m in getdoc["methods"].as_object().unwrap().values() {
        for e in m["errors"].as_array().into_iter().flatten() {
            all.push((code(e), e["type"].as_str().unwrap().to_owned()));
        }
    }
    let mtcute = shared_json("mtcute-errors.json");
    for (name, e) in mtcute["errors"].as_object().unwrap() {
        all.push((code(e), name.clone()));
    }
    all.sort();
    all.dedup();
    all
}

#[test]
fn the_seed_cases() {
    let e = RpcError::parse(400, "CALL_ALREADY_ACCEPTED");
    assert_eq!(e, RpcError::CallAlreadyAccepted);
    assert_eq!((e.code(), e.name()), (400, "CALL_ALREADY_ACCEPTED"));
    assert_eq!(e.description(), Some("The call was already accepted."));
    assert!(e.expected_by::<functions::phone::DiscardCall>());
    assert!(!e.expected_by::<functions::messages::SendMessage>());

    let e = RpcError::parse(420, "FLOOD_WAIT_31");
    assert_eq!(e, RpcError::FloodWait { seconds: 31 });
    assert_eq!(
        (e.code(), e.name(), e.value()),
        (420, "FLOOD_WAIT_%d", Some(31))
    );
    assert_eq!(e.to_string(), "FLOOD_WAIT_31");
    // Any method can answer with a flood wait, listed or not.
    assert!(e.is_common() && e.expected_by::<functions::phone::DiscardCall>());

    let e = RpcError::from(&types::RpcError {
        error_code: 303,
        error_message: "PHONE_MIGRATE_5".into(),
    });
    assert_eq!(e, RpcError::PhoneMigrate { new_dc: 5 });
}

#[test]
fn numbers_anywhere_in_the_name() {
    // "Strip the trailing number" gets these wrong; the patterns get them right.
    let cases = [
        (
            420,
            "2FA_CONFIRM_WAIT_604800",
            RpcError::Error2faConfirmWait { seconds: 604800 },
        ),
        (
            400,
            "FILE_REFERENCE_3_EXPIRED",
            RpcError::FileReferenceNExpired { value: 3 },
        ),
        (
            400,
            "FILE_REFERENCE_EXPIRED",
            RpcError::FileReferenceExpired,
        ),
        (
            406,
            "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN",
            RpcError::PreviousChatImportActiveWaitMin { minutes: 5 },
        ),
    ];
    for (code, message, want) in cases {
        let e = RpcError::parse(code, message);
        assert_eq!(e, want, "{message}");
        assert_eq!(e.to_string(), message);
        assert_eq!(e.code(), code);
    }
}

#[test]
fn one_name_with_several_codes_keeps_the_code() {
    let codes: Vec<i32> = TABLE
        .iter()
        .filter(|e| e.name == "PEER_ID_INVALID")
        .map(|e| e.code)
        .collect();
    assert!(codes.len() > 1, "{codes:?}");
    for code in codes {
        let e = RpcError::parse(code, "PEER_ID_INVALID");
        assert_eq!(e, RpcError::PeerIdInvalid { code });
        assert_eq!(
            (e.code(), e.to_string().as_str()),
            (code, "PEER_ID_INVALID")
        );
    }
}

#[test]
fn what_the_table_does_not_know_is_kept_as_received() {
    for (code, message) in [
        (400, "SOME_NEW_ERROR"),
        (420, "FLOOD_WAIT_031"),
        (420, "FLOOD_WAIT_"),
        (420, "FLOOD_WAIT_99999999999"),
        (999, "FLOOD_WAIT_5"),
        (400, ""),
    ] {
        let e = RpcError::parse(code, message);
        assert_eq!(
            e,
            RpcError::Other {
                code,
                message: message.to_owned()
            }
        );
        assert_eq!(
            (e.code(), e.name(), e.to_string().as_str()),
            (code, message, message)
        );
        assert_eq!((e.description(), e.value(), e.info()), (None, None, None));
    }
}

#[test]
fn every_pattern_of_both_files_round_trips() {
    let all = every_error();
    assert!(all.len() > 800, "{}", all.len());
    let mut with_number = 0;
    for (code, name) in &all {
        let message = name.replace("%d", "42");
        let e = RpcError::parse(*code, &message);
        assert!(!matches!(e, RpcError::Other { .. }), "{code} {message}");
        assert_eq!(e.code(), *code, "{message}");
        assert_eq!(e.name(), name);
        assert_eq!(e.to_string(), message);
        assert_eq!(e.value(), name.contains("%d").then_some(42), "{message}");
        assert!(e.description().is_some());
        assert_eq!(e.clone(), e);
        with_number += usize::from(name.contains("%d"));
    }
    println!(
        "{} errors (code, name), {with_number} with a `%d`",
        all.len()
    );
    assert!(with_number > 20, "{with_number}");
}

#[test]
fn functions_list_their_errors_as_rows_of_the_one_table() {
    let listed = <functions::phone::DiscardCall as RemoteCall>::ERRORS;
    let pairs: Vec<(i32, &str)> = listed.iter().map(|e| (e.code, e.name)).collect();
    assert_eq!(
        pairs,
        [
            (400, "CALL_ALREADY_ACCEPTED"),
            (500, "CALL_OCCUPY_FAILED"),
            (400, "CALL_PEER_INVALID")
        ]
    );
    for e in listed {
        assert!(TABLE.iter().any(|row| std::ptr::eq(row, e)));
    }
    // The MTProto functions are on no page and list nothing.
    assert!(<functions::Ping as RemoteCall>::ERRORS.is_empty());
}

#[test]
fn debug_clone_eq_hash_go_through_the_table() {
    use std::collections::HashSet;
    let cases = [
        (
            RpcError::parse(420, "FLOOD_WAIT_31"),
            "FloodWait { seconds: 31 }",
        ),
        (
            RpcError::parse(403, "PEER_ID_INVALID"),
            "PeerIdInvalid { code: 403 }",
        ),
        (
            RpcError::parse(400, "CALL_ALREADY_ACCEPTED"),
            "CallAlreadyAccepted",
        ),
        (
            RpcError::parse(400, "SOME_NEW_ERROR"),
            r#"Other { code: 400, message: "SOME_NEW_ERROR" }"#,
        ),
    ];
    let mut set = HashSet::new();
    for (e, debug) in &cases {
        assert_eq!(format!("{e:?}"), *debug);
        assert_eq!(&e.clone(), e);
        assert!(set.insert(e.clone()));
    }
    assert!(!set.insert(RpcError::FloodWait { seconds: 31 }));
    assert_ne!(
        RpcError::FloodWait { seconds: 31 },
        RpcError::FloodWait { seconds: 32 }
    );
    assert_ne!(
        RpcError::parse(400, "PEER_ID_INVALID"),
        RpcError::parse(403, "PEER_ID_INVALID")
    );
}

/// `borrowed = true`: `rpc_error` borrows its message; the conversion takes any lifetime.
mod borrowed {
    tl_runtime::tl_schema!(
        r#"
        rpc_error#2144ca19 error_code:int error_message:string = RpcError;
        ---functions---
        //@error 420 FLOOD_WAIT_%d Wait.
        ping#7abe77ec ping_id:long = RpcError;
        "#,
        borrowed = true
    );

    #[test]
    fn a_borrowed_rpc_error_converts() {
        use tl_runtime::{Deserialize, Serialize};
        let bytes = types::RpcError {
            error_code: 420,
            error_message: "FLOOD_WAIT_7",
        }
        .to_bytes();
        let enums::RpcError::RpcError(answer) = enums::RpcError::from_bytes(&bytes).unwrap();
        let typed = errors::RpcError::from(&answer);
        assert_eq!(typed, errors::RpcError::FloodWait { seconds: 7 });
    }
}
