//! TDLib's JSON interface with types generated from `td_api.tl`:
//! `tl_schema!(path = "td_api.tl", ids = "tl-spec", json = "tdlib")` and tl-runtime's `serde`
//! feature (see `tl_schema_tests::td_json`).
//!
//! Builds a request, prints the JSON `td_json_client_send` takes, and parses the JSON
//! `td_json_client_receive` returns into the generated types.
//!
//! ```sh
//! cargo run -p tl-schema-tests --example tdlib_json
//! ```

use tl_runtime::json::Envelope;
use tl_schema_tests::td_json::{enums, functions, types};

fn main() -> Result<(), serde_json::Error> {
    // A request: `sendMessage` with nested content; the fields TDLib documents as "pass null"
    // are `Option`s, left out of the JSON when `None`.
    let request = functions::SendMessage {
        chat_id: -1_001_234_567_890,
        topic_id: None,
        reply_to: None,
        options: None,
        reply_markup: None,
        input_message_content: types::InputMessageText {
            text: types::FormattedText {
                text: "Hello from Rust".into(),
                entities: vec![types::TextEntity {
                    offset: 11,
                    length: 4,
                    type_: types::TextEntityTypeBold {}.into(),
                }],
            },
            link_preview_options: None,
            clear_draft: true,
        }
        .into(),
    };
    // `@extra` comes back with the answer, so answers can be matched to requests.
    let request = Envelope::new(request).with_extra(serde_json::json!(1));
    println!("send:    {}", serde_json::to_string(&request)?);

    // What TDLib answers: an update with nulls and int64 strings, then an error.
    let update = r#"{"@type":"updateNewMessage","message":{"@type":"message","id":1048576,
        "sender_id":{"@type":"messageSenderUser","user_id":777000},"chat_id":777000,
        "date":1700000000,"media_album_id":"0","reply_to":null,
        "content":{"@type":"messageText","text":{"@type":"formattedText",
        "text":"Login code: 12345","entities":[]}}}}"#;
    match serde_json::from_str::<enums::Update>(update)? {
        enums::Update::UpdateNewMessage(u) => {
            let m = &u.message;
            println!(
                "receive: message {} in chat {} at {}",
                m.id, m.chat_id, m.date
            );
            if let enums::MessageContent::MessageText(text) = &m.content {
                println!("         text {:?}", text.text.text);
            }
        }
        other => println!("receive: {other:?}"),
    }
    let error = r#"{"@type":"error","code":400,"message":"Chat not found","@extra":1}"#;
    let error: Envelope<types::Error> = serde_json::from_str(error)?;
    println!(
        "receive: error {} {:?} for the request with @extra {}",
        error.value.code,
        error.value.message,
        error.extra.unwrap_or_default()
    );
    Ok(())
}
