//! What each ecosystem needs, checked on its real schema: TON queries wrapping queries and `Object`
//! answers, tonlib `Function` values, plain `#` fields, keyword field names, secret-chat layers
//! side by side, TDLib nested bare vectors.

use tl_runtime::{Deserialize, Identifiable, RemoteCall, Serialize};
use tl_schema_tests::{lite_api, secret_api, td_api, ton_api, tonlib_api};

#[test]
fn lite_server_query_wraps_another_query_and_answers_any_object() {
    use lite_api::{enums, functions, types};
    let inner = functions::lite_server::GetTime {};
    let query = functions::lite_server::Query {
        data: inner.to_bytes(),
    };
    assert_eq!(
        <functions::lite_server::Query as Identifiable>::CONSTRUCTOR_ID,
        0x798c06df
    );
    let bytes = query.to_bytes();
    let back = functions::lite_server::Query::from_bytes(&bytes).unwrap();
    assert_eq!(back, query);
    assert_eq!(
        functions::lite_server::GetTime::from_bytes(&back.data).unwrap(),
        inner
    );

    // `liteServer.query … = Object`: the answer is any boxed value, found by its constructor id.
    fn answers_any<C: for<'r> RemoteCall<Return<'r> = enums::AnyObject>>(_: &C) {}
    answers_any(&query);
    let answer = types::lite_server::CurrentTime { now: 1_700_000_000 };
    let any = enums::AnyObject::from_bytes(&answer.to_bytes()).unwrap();
    let enums::AnyObject::LiteServerCurrentTime(time) = &any else {
        panic!("{any:?}")
    };
    assert_eq!(**time, enums::lite_server::CurrentTime::from(answer));
    assert_eq!(
        any.constructor_id(),
        <types::lite_server::CurrentTime as Identifiable>::CONSTRUCTOR_ID
    );
}

#[test]
fn plain_hash_fields_are_u32() {
    let get = lite_api::functions::lite_server::GetTransactions {
        count: 10u32,
        account: lite_api::types::lite_server::AccountId {
            workchain: -1,
            id: [7; 32],
        },
        lt: 5,
        hash: [1; 32],
    };
    assert_eq!(
        lite_api::functions::lite_server::GetTransactions::from_bytes(&get.to_bytes()).unwrap(),
        get
    );
}

#[test]
fn tonlib_function_values_round_trip() {
    use tonlib_api::{functions, types};
    let call = functions::WithBlock {
        id: types::ton::BlockIdExt {
            workchain: 0,
            shard: -1,
            seqno: 3,
            root_hash: vec![1; 32],
            file_hash: vec![2; 32],
        },
        function: functions::GetLogVerbosityLevel {}.into(),
    };
    let back = functions::WithBlock::from_bytes(&call.to_bytes()).unwrap();
    assert_eq!(back, call);
    assert!(matches!(
        back.function,
        functions::AnyFunction::GetLogVerbosityLevel(_)
    ));
}

#[test]
fn keyword_field_names() {
    let local = ton_api::types::control::config::Local {
        priv_: ed25519_key(),
        pub_: [3; 32],
        port: 1,
    };
    assert_eq!(
        ton_api::types::control::config::Local::from_bytes(&local.to_bytes()).unwrap(),
        local
    );
}

fn ed25519_key() -> ton_api::enums::PrivateKey {
    ton_api::types::pk::Ed25519 { key: [9; 32] }.into()
}

#[test]
fn secret_chat_layers_side_by_side() {
    use secret_api::types::{DecryptedMessage, DecryptedMessage8};
    assert_eq!(
        <DecryptedMessage8 as Identifiable>::CONSTRUCTOR_ID,
        0x1f814f1f
    );
    assert_eq!(
        <DecryptedMessage as Identifiable>::CONSTRUCTOR_ID,
        0x91cc4674
    );
}

#[test]
fn tdlib_nested_bare_vectors() {
    use td_api::types::ReplyMarkupShowKeyboard;
    let markup = ReplyMarkupShowKeyboard {
        rows: vec![vec![], vec![]],
        is_persistent: true,
        resize_keyboard: false,
        one_time: false,
        is_personal: true,
        input_field_placeholder: "…".into(),
    };
    let bytes = markup.to_bytes();
    // id, then a bare vector (count 2, no vector id) of two empty bare vectors.
    assert_eq!(&bytes[4..16], &[2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert_eq!(ReplyMarkupShowKeyboard::from_bytes(&bytes).unwrap(), markup);
}
