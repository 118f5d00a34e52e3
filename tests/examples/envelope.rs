//! A server's answer, end to end: `msg_container` → `rpc_result` → `gzip_packed` →
//! `messages.Messages`, printing the messages. The answer is built here the way a server sends
//! one (the page is `../shared/bench/channel_messages.bin`, a layer-230 `messages.channelMessages`).
//!
//! ```sh
//! cargo run -p tl-schema-tests --example envelope
//! ```

use std::io::Write as _;

use tl_runtime::mtproto::{
    MsgContainer, RpcResult, GZIP_PACKED_ID, MSG_CONTAINER_ID, RPC_RESULT_ID,
};
use tl_schema_tests::telegram::{enums, errors, functions, types};

/// What a server sends for `messages.getHistory` (request msg_id 0x5f00…04): a container with a
/// `msgs_ack` and the gzip-packed answer.
fn server_answer(page: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(page).expect("gzip into a Vec");
    let mut packed = GZIP_PACKED_ID.to_le_bytes().to_vec();
    tl_runtime::writer::write_bytes(&mut packed, &gz.finish().expect("gzip"));
    let mut result = RPC_RESULT_ID.to_le_bytes().to_vec();
    result.extend(0x5f00_0000_0000_0004i64.to_le_bytes());
    result.extend(&packed);
    let ack: enums::MsgsAck = types::MsgsAck {
        msg_ids: vec![0x5f00_0000_0000_0004],
    }
    .into();
    let ack = tl_runtime::Serialize::to_bytes(&ack);
    let mut out = MSG_CONTAINER_ID.to_le_bytes().to_vec();
    out.extend(2u32.to_le_bytes());
    for (msg_id, seqno, body) in [
        (0x5f00_0000_0000_0101i64, 2i32, &ack),
        (0x5f00_0000_0000_0105, 3, &result),
    ] {
        out.extend(msg_id.to_le_bytes());
        out.extend(seqno.to_le_bytes());
        out.extend((body.len() as i32).to_le_bytes());
        out.extend(body.iter());
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = format!(
        "{}/../../shared/bench/channel_messages.bin",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = server_answer(&std::fs::read(path)?);
    println!("server answer: {} bytes", bytes.len());
    for message in MsgContainer::parse(&bytes)? {
        let message = message?;
        let id = tl_runtime::Reader::new(message.body)
            .peek_u32()
            .unwrap_or_default();
        // The envelope's constructors are "parsed manually": not in the schema's registry.
        let name = match id {
            RPC_RESULT_ID => "rpc_result",
            _ => tl_schema_tests::telegram::name_for_id(id).unwrap_or("?"),
        };
        println!(
            "message {:#x} seqno {}: {name} ({} bytes)",
            message.msg_id,
            message.seqno,
            message.body.len()
        );
        if name != "rpc_result" {
            continue;
        }
        let result = RpcResult::parse(message.body)?;
        println!("  answers request {:#x}", result.req_msg_id);
        match result.answer::<functions::messages::GetHistory>()? {
            Err(e) => println!("  error: {:?}", errors::RpcError::parse(e.code, &e.message)),
            Ok(enums::messages::Messages::ChannelMessages(page)) => {
                println!(
                    "  messages.channelMessages: {} messages, {} users, {} chats",
                    page.messages.len(),
                    page.users.len(),
                    page.chats.len()
                );
                for m in page.messages.iter().take(5) {
                    if let enums::Message::Message(m) = m {
                        let text: String = m.message.chars().take(50).collect();
                        println!("  #{} at {}: {text:?}", m.id, m.date);
                    }
                }
                println!("  …");
            }
            Ok(other) => println!("  {}", other.tl_name()),
        }
    }
    Ok(())
}
