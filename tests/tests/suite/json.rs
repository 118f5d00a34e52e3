//! serde and TDLib's JSON (feature `serde`): TDLib requests and responses written by hand from
//! TDLib's documented format decode to the expected values and encode back; Telegram values
//! round-trip through JSON to the same bytes; the output of `tl decode --json` reads back into
//! the generated types; bad JSON is an error that says what is wrong.
//!
//! (Every constructor and function of every schema also round-trips through JSON in
//! `round_trip`, with values from `arbitrary`.)

use serde_json::{json, Value};
use tl_runtime::json::Envelope;
use tl_runtime::Serialize;
use tl_schema_tests::td_json::{enums, functions, types};

/// `text` decoded as a `T`, then encoded back to JSON: equal to `text` as JSON, except where
/// `expected` differs (TDLib's defaults written out).
fn tdlib<T>(text: &str, expected: Value) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + Serialize,
{
    let value: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let again = serde_json::to_value(&value).unwrap();
    assert_eq!(again, expected, "{text}");
    // And the JSON written reads back to the same value.
    let back: T = serde_json::from_value(again).unwrap();
    assert!(back.to_bytes() == value.to_bytes());
    value
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn get_me() {
    let text = r#"{"@type":"getMe"}"#;
    let _: functions::GetMe = tdlib(text, parse(text));
}

#[test]
fn set_tdlib_parameters() {
    let text = r#"{"@type":"setTdlibParameters","use_test_dc":false,"database_directory":"tdlib",
        "files_directory":"","database_encryption_key":"c2VjcmV0","use_file_database":true,
        "use_chat_info_database":true,"use_message_database":true,"use_secret_chats":false,
        "api_id":94575,"api_hash":"a3406de8d171bb422bb6ddf3bbd800e2","system_language_code":"en",
        "device_model":"Desktop","system_version":"Linux","application_version":"1.0"}"#;
    let call: functions::SetTdlibParameters = tdlib(text, parse(text));
    assert_eq!(call.database_encryption_key, b"secret");
    assert_eq!(call.api_id, 94575);
    assert!(call.use_message_database && !call.use_test_dc);
}

#[test]
fn send_message_with_nested_content_and_nulls_left_out() {
    // TDLib's example: what is not given is null (objects) or zero (numbers, Bool).
    let text = r#"{"@type":"sendMessage","chat_id":-1001234567890,
        "input_message_content":{"@type":"inputMessageText","text":{"@type":"formattedText",
        "text":"Hello world","entities":[{"@type":"textEntity","offset":6,"length":5,
        "type":{"@type":"textEntityTypeBold"}}]}}}"#;
    let expected = json!({"@type":"sendMessage","chat_id":-1001234567890i64,
        "input_message_content":{"@type":"inputMessageText","text":{"@type":"formattedText",
        "text":"Hello world","entities":[{"@type":"textEntity","offset":6,"length":5,
        "type":{"@type":"textEntityTypeBold"}}]},"clear_draft":false}});
    let call: functions::SendMessage = tdlib(text, expected);
    assert_eq!(call.chat_id, -1_001_234_567_890);
    assert!(call.topic_id.is_none() && call.reply_to.is_none() && call.options.is_none());
    let enums::InputMessageContent::InputMessageText(content) = &call.input_message_content else {
        panic!("{:?}", call.input_message_content);
    };
    assert_eq!(content.text.entities[0].length, 5);
    assert!(content.link_preview_options.is_none());
}

#[test]
fn get_chats_and_int53_given_as_a_string() {
    let text = r#"{"@type":"getChats","chat_list":{"@type":"chatListMain"},"limit":100}"#;
    let call: functions::GetChats = tdlib(text, parse(text));
    assert!(matches!(
        call.chat_list,
        Some(enums::ChatList::ChatListMain(_))
    ));
    let text = r#"{"@type":"getChatHistory","chat_id":"777000","from_message_id":0,"offset":-10,
        "limit":50,"only_local":false}"#;
    let expected = json!({"@type":"getChatHistory","chat_id":777000,"from_message_id":0,
        "offset":-10,"limit":50,"only_local":false});
    let call: functions::GetChatHistory = tdlib(text, expected);
    assert_eq!((call.chat_id, call.offset), (777_000, -10));
}

#[test]
fn update_authorization_state() {
    let text = r#"{"@type":"updateAuthorizationState","authorization_state":
        {"@type":"authorizationStateWaitTdlibParameters"}}"#;
    let update: enums::Update = tdlib(text, parse(text));
    let enums::Update::UpdateAuthorizationState(u) = update else {
        panic!("{update:?}")
    };
    assert!(matches!(
        u.authorization_state,
        enums::AuthorizationState::AuthorizationStateWaitTdlibParameters(_)
    ));
}

#[test]
fn update_new_message_with_nulls_and_int64_strings() {
    // As TDLib writes it: nulls written out, int64 as strings; keys in TDLib's order except
    // that `@type` of the message comes last (any order is accepted).
    let text = r#"{"@type":"updateNewMessage","message":{"id":1048576,
        "sender_id":{"@type":"messageSenderUser","user_id":777000},"receiver_id":null,
        "chat_id":777000,"sending_state":null,"scheduling_state":null,"is_outgoing":false,
        "is_pinned":false,"date":1700000000,"edit_date":0,"forward_info":null,
        "interaction_info":null,"unread_reactions":[],"reply_to":null,"topic_id":null,
        "self_destruct_type":null,"self_destruct_in":0.0,"auto_delete_in":0.0,
        "via_bot_user_id":0,"author_signature":"","media_album_id":"0",
        "effect_id":"5104841245755180586","restriction_info":null,
        "content":{"@type":"messageText","text":{"@type":"formattedText",
        "text":"Login code: 12345","entities":[]},"link_preview":null,
        "link_preview_options":null},"reply_markup":null,"@type":"message"}}"#;
    let value: enums::Update = serde_json::from_str(text).unwrap();
    let enums::Update::UpdateNewMessage(u) = &value else {
        panic!("{value:?}")
    };
    let m = &u.message;
    assert_eq!(
        (m.id, m.chat_id, m.date),
        (1_048_576, 777_000, 1_700_000_000)
    );
    assert_eq!(m.effect_id, 5_104_841_245_755_180_586);
    assert!(m.receiver_id.is_none() && m.reply_to.is_none() && m.reply_markup.is_none());
    let enums::MessageContent::MessageText(content) = &m.content else {
        panic!("{:?}", m.content)
    };
    assert_eq!(content.text.text, "Login code: 12345");
    // Written back: nulls left out, every other field (with TDLib's defaults) written,
    // int64 as strings, int53 as numbers.
    let out = serde_json::to_value(&value).unwrap();
    let message = &out["message"];
    assert_eq!(message["@type"], "message");
    assert_eq!(message["effect_id"], "5104841245755180586");
    assert_eq!(message["chat_id"], 777000);
    assert_eq!(message["is_channel_post"], false);
    assert_eq!(message["summary_language_code"], "");
    assert!(message.get("reply_to").is_none() && message.get("receiver_id").is_none());
    assert_eq!(
        message["content"],
        json!({"@type":"messageText","text":{"@type":"formattedText",
            "text":"Login code: 12345","entities":[]}})
    );
    let back: enums::Update = serde_json::from_value(out).unwrap();
    assert!(back.to_bytes() == value.to_bytes());
}

#[test]
fn update_option_and_a_vector_of_nullable_messages() {
    let text = r#"{"@type":"updateOption","name":"version",
        "value":{"@type":"optionValueString","value":"1.8.50"}}"#;
    let _: enums::Update = tdlib(text, parse(text));
    // `messages.messages`: "messages may be null".
    let text = r#"{"@type":"messages","total_count":2,"messages":[null,null]}"#;
    let page: types::Messages = tdlib(text, parse(text));
    assert_eq!(page.messages.len(), 2);
    assert!(page.messages.iter().all(Option::is_none));
}

#[test]
fn error_with_extra_and_client_id() {
    let text = r#"{"@type":"error","code":400,"message":"Bad Request: chat not found",
        "@extra":"req-7","@client_id":1}"#;
    let answer: Envelope<types::Error> = serde_json::from_str(text).unwrap();
    assert_eq!(answer.value.code, 400);
    assert_eq!(answer.value.message, "Bad Request: chat not found");
    assert_eq!(answer.extra, Some(json!("req-7")));
    assert_eq!(answer.client_id, Some(1));
    assert_eq!(serde_json::to_value(&answer).unwrap(), parse(text));
}

#[test]
fn request_with_extra_of_any_json() {
    let request = Envelope::new(functions::SetLogVerbosityLevel {
        new_verbosity_level: 1,
    })
    .with_extra(json!({"id": 5, "tags": ["a", null]}));
    let text = serde_json::to_string(&request).unwrap();
    assert_eq!(
        parse(&text),
        json!({"@type":"setLogVerbosityLevel","new_verbosity_level":1,
            "@extra":{"id":5,"tags":["a",null]}})
    );
    let ok: Envelope<types::Ok> =
        serde_json::from_str(r#"{"@type":"ok","@extra":{"id":5,"tags":["a",null]}}"#).unwrap();
    assert_eq!(ok.extra, request.extra);
}

#[test]
fn user_with_int64_and_nulls() {
    let text = r#"{"@type":"user","id":42,"first_name":"Ada","last_name":"",
        "usernames":{"@type":"usernames","active_usernames":["ada"],"disabled_usernames":[],
        "editable_username":"ada","collectible_usernames":[]},"phone_number":"",
        "status":{"@type":"userStatusRecently","by_my_privacy_settings":false},
        "profile_photo":null,"accent_color_id":3,"background_custom_emoji_id":"-1",
        "type":{"@type":"userTypeRegular"}}"#;
    let user: types::User = serde_json::from_str(text).unwrap();
    assert_eq!(user.background_custom_emoji_id, -1);
    assert!(user.profile_photo.is_none());
    assert_eq!(user.usernames.as_ref().unwrap().active_usernames, ["ada"]);
    // An int64 given as a number reads the same.
    let number = text.replace(r#""-1""#, "-1");
    let again: types::User = serde_json::from_str(&number).unwrap();
    assert!(again.to_bytes() == user.to_bytes());
}

#[test]
fn tdlib_json_errors_say_what_is_wrong() {
    let err = |text: &str, expected: &str| {
        let e = serde_json::from_str::<functions::SendMessage>(text)
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(e.contains(expected), "{text}: {e}");
    };
    err(
        r#"{"@type":"getMe"}"#,
        "`getMe` where `sendMessage` is expected",
    );
    err(
        r#"{"@type":"sendMessage","chat_id":1}"#,
        "missing field `input_message_content` of `sendMessage`",
    );
    err(
        r#"{"@type":"sendMessage","chat_id":1,"input_message_content":{"text":{}}}"#,
        "missing `@type`: `InputMessageContent` has",
    );
    err(
        r#"{"@type":"sendMessage","chat_id":1,"input_message_content":{"@type":"nope"}}"#,
        "`nope` is not a constructor of `InputMessageContent`",
    );
    err(
        r#"{"@type":"sendMessage","chat_id":"x1"}"#,
        "invalid value: string \"x1\"",
    );
    err(
        r#"{"@type":"sendMessage","chat_id":1,"chat_id":2}"#,
        "field `chat_id` of `sendMessage` is given twice",
    );
    let e = serde_json::from_str::<functions::SetTdlibParameters>(
        r#"{"@type":"setTdlibParameters","database_encryption_key":"%%%"}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("a base64 string"), "{e}");
    let e = serde_json::from_str::<functions::SetLogVerbosityLevel>(
        r#"{"new_verbosity_level":3000000000}"#,
    )
    .unwrap_err();
    assert!(e.to_string().contains("out of range for int"), "{e}");
}

#[test]
fn nesting_past_the_depth_limit_is_refused() {
    // textEntityTypeBold cannot nest; chatListFolder cannot either: a deep input is built from
    // `pageBlockDetails` (a page block holding page blocks).
    let mut text = String::from(r#"{"@type":"pageBlockDivider"}"#);
    for _ in 0..200 {
        text = format!(
            r#"{{"@type":"pageBlockDetails","header":{{"@type":"richTextPlain","text":""}},"blocks":[{text}],"is_open":false}}"#
        );
    }
    let e = serde_json::from_str::<enums::PageBlock>(&text).unwrap_err();
    assert!(e.to_string().contains("nested more than 64 deep"), "{e}");
}

mod telegram {
    use super::*;
    use crate::payload;
    use tl_schema_tests::telegram::{enums, functions, types};

    fn through_json<T>(name: &str) -> String
    where
        T: Serialize
            + tl_runtime::DeserializeOwned
            + serde::Serialize
            + serde::de::DeserializeOwned,
    {
        let bytes = payload(name);
        let value = T::from_bytes(&bytes).unwrap();
        let text = serde_json::to_string(&value).unwrap();
        let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(back.to_bytes() == bytes, "{name}: bytes differ after JSON");
        text
    }

    #[test]
    fn bench_payloads_round_trip_through_json() {
        let page = through_json::<enums::messages::Messages>("channel_messages.bin");
        assert!(
            page.starts_with(r#"{"_":"messages.channelMessages","#),
            "{}",
            &page[..80]
        );
        through_json::<enums::Updates>("updates.bin");
        through_json::<enums::Updates>("update_short_message.bin");
        through_json::<functions::messages::SendMessage>("send_message.bin");
    }

    #[test]
    fn the_json_of_a_value() {
        let value = types::UpdateShortMessage {
            out: true,
            mentioned: false,
            media_unread: false,
            silent: false,
            id: 7,
            user_id: 777000,
            message: "hi".into(),
            pts: 1,
            pts_count: 1,
            date: 1_700_000_000,
            fwd_from: None,
            via_bot_id: None,
            reply_to: None,
            entities: Some(vec![enums::MessageEntity::MessageEntityBold(
                types::MessageEntityBold {
                    offset: 0,
                    length: 2,
                },
            )]),
            ttl_period: None,
        };
        assert_eq!(
            serde_json::to_value(&value).unwrap(),
            json!({"_":"updateShortMessage","out":true,"id":7,"user_id":"777000",
                "message":"hi","pts":1,"pts_count":1,"date":1700000000,
                "entities":[{"_":"messageEntityBold","offset":0,"length":2}]})
        );
        let key = types::auth::ExportedAuthorization {
            id: -5,
            bytes: vec![0xde, 0xad],
        };
        assert_eq!(
            serde_json::to_value(&key).unwrap(),
            json!({"_":"auth.exportedAuthorization","id":"-5","bytes":"dead"})
        );
    }

    #[test]
    fn fields_on_one_flag_bit_are_given_together() {
        // message.views and message.forwards share flags.10.
        let text = |more: &str| {
            format!(
                r#"{{"_":"message","id":1,"peer_id":{{"_":"peerUser","user_id":"1"}},"date":0,
                "message":"","views":5{more}}}"#
            )
        };
        let m: types::Message = serde_json::from_str(&text(r#","forwards":2"#)).unwrap();
        assert_eq!(m.views_and_forwards, Some((5, 2)));
        let e = serde_json::from_str::<types::Message>(&text("")).unwrap_err();
        assert!(
            e.to_string().contains(
                "field `forwards` of `message` shares its flag bit with a field that is given"
            ),
            "{e}"
        );
    }

    #[test]
    fn doubles_keep_every_bit() {
        for v in [
            0.1,
            -0.0,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::from_bits(0x7ff0_0000_0000_0001),
        ] {
            let value = types::JsonNumber { value: v };
            let text = serde_json::to_string(&value).unwrap();
            let back: types::JsonNumber = serde_json::from_str(&text).unwrap();
            assert_eq!(back.value.to_bits(), v.to_bits(), "{text}");
        }
    }

    /// `tl decode --json` writes the same JSON rules (flags words included, which are ignored
    /// on input): its output reads back into the generated types.
    #[test]
    fn the_output_of_tl_decode_json_reads_back() {
        use tl_cli::{decode, json::to_json, Root, SchemaOptions, Source, Ty};
        let files = ["telegram-api-layer230.tl", "mtproto-grammers.tl"];
        let sources: Vec<Source> = files
            .iter()
            .map(|f| {
                let path = format!("{}/../../shared/schemas/{f}", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path).unwrap();
                Source::file(path, text)
            })
            .collect();
        let schema = tl_cli::load(&sources, &SchemaOptions::default()).unwrap();
        let json_of = |name: &str| {
            let value = decode(
                &schema,
                &payload(name),
                &Root::Any,
                tl_runtime::Limits::DEFAULT,
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            to_json(&schema, &Ty::Answer, &value)
        };
        let check = |name: &str, bytes: Vec<u8>| assert!(bytes == payload(name), "{name}");
        for name in ["updates.bin", "update_short_message.bin"] {
            let value: enums::Updates = serde_json::from_str(&json_of(name)).unwrap();
            check(name, value.to_bytes());
        }
        let name = "channel_messages.bin";
        let value: enums::messages::Messages = serde_json::from_str(&json_of(name)).unwrap();
        check(name, value.to_bytes());
    }
}

/// The README's TDLib example.
#[test]
fn readme_tdlib_example() {
    let request = Envelope::new(functions::GetChats {
        chat_list: Some(types::ChatListMain {}.into()),
        limit: 100,
    })
    .with_extra(json!(7));
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"@type":"getChats","chat_list":{"@type":"chatListMain"},"limit":100,"@extra":7}"#
    );
}
