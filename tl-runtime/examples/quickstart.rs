//! Quickstart: an inline TL schema, values built in Rust, their bytes, and decoding back by
//! constructor-id dispatch. Run with `cargo run -p tl-runtime --example quickstart`.

use tl_runtime::{Deserialize, RemoteCall, Serialize};

tl_runtime::tl_schema!(
    r#"
updatesTooLong#e317af7e = Updates;
updateShortMessage#313bc7f8 flags:# out:flags.1?true mentioned:flags.4?true media_unread:flags.5?true silent:flags.13?true id:int user_id:long message:string pts:int pts_count:int date:int fwd_from:flags.2?MessageFwdHeader via_bot_id:flags.11?long reply_to:flags.3?MessageReplyHeader entities:flags.7?Vector<MessageEntity> ttl_period:flags.25?int = Updates;
updateShortChatMessage#4d6deea5 flags:# out:flags.1?true mentioned:flags.4?true media_unread:flags.5?true silent:flags.13?true id:int from_id:long chat_id:long message:string pts:int pts_count:int date:int fwd_from:flags.2?MessageFwdHeader via_bot_id:flags.11?long reply_to:flags.3?MessageReplyHeader entities:flags.7?Vector<MessageEntity> ttl_period:flags.25?int = Updates;
updateShort#78d4dec1 update:Update date:int = Updates;
updatesCombined#725b04c3 updates:Vector<Update> users:Vector<User> chats:Vector<Chat> date:int seq_start:int seq:int = Updates;
updates#74ae4240 updates:Vector<Update> users:Vector<User> chats:Vector<Chat> date:int seq:int = Updates;
updateShortSentMessage#9015e101 flags:# out:flags.1?true id:int pts:int pts_count:int date:int media:flags.9?MessageMedia entities:flags.7?Vector<MessageEntity> ttl_period:flags.25?int = Updates;

// The types the seed refers to, as declared in layer 230.
messageFwdHeader#4e4df4bb flags:# imported:flags.7?true saved_out:flags.11?true from_id:flags.0?Peer from_name:flags.5?string date:int channel_post:flags.2?int post_author:flags.3?string saved_from_peer:flags.4?Peer saved_from_msg_id:flags.4?int saved_from_id:flags.8?Peer saved_from_name:flags.9?string saved_date:flags.10?int psa_type:flags.6?string = MessageFwdHeader;
messageReplyStoryHeader#e5af939 peer:Peer story_id:int = MessageReplyHeader;
peerUser#59511722 user_id:long = Peer;
peerChat#36c6019a chat_id:long = Peer;
peerChannel#a2a5371e channel_id:long = Peer;
messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
messageEntityTextUrl#76a6d327 offset:int length:int url:string = MessageEntity;
inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
phoneCallDiscardReasonMissed#85e42301 = PhoneCallDiscardReason;
phoneCallDiscardReasonHangup#57adc690 = PhoneCallDiscardReason;
phoneCallDiscardReasonBusy#faf7e8c9 = PhoneCallDiscardReason;
userEmpty#d3bc4b7a id:long = User;
chatEmpty#29562865 id:long = Chat;
messageMediaEmpty#3ded6320 = MessageMedia;
updateConfig#a229dd06 = Update;
// How the server answers a call that failed (from mtproto.tl).
rpc_error#2144ca19 error_code:int error_message:string = RpcError;

---functions---

// Refuse or end running call, see [here »](https://core.telegram.org/api/calls#one-to-one-calls) for more info on the full flow.
//@video Whether this is a video call
//@peer The phone call
//@duration Call duration
//@reason Why was the call discarded
//@connection_id Preferred libtgvoip relay ID
//@error 400 CALL_ALREADY_ACCEPTED The call was already accepted.
//@error 500 CALL_OCCUPY_FAILED The call failed because the user is already making another call.
//@error 400 CALL_PEER_INVALID The provided call peer object is invalid.
phone.discardCall#b2cbc1c0 flags:# video:flags.0?true peer:InputPhoneCall duration:int reason:PhoneCallDiscardReason connection_id:long = Updates;
"#
);

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The call of the seed example: `phone.discardCall` with a video flag.
pub fn discard_call() -> functions::phone::DiscardCall {
    functions::phone::DiscardCall {
        video: true,
        peer: types::InputPhoneCall {
            id: 0x0102030405060708,
            access_hash: -1,
        }
        .into(),
        duration: 42,
        reason: types::PhoneCallDiscardReasonHangup {}.into(),
        connection_id: 7,
    }
}

/// The update of the seed example: a short message sent via a bot.
pub fn short_message() -> enums::Updates {
    types::UpdateShortMessage {
        out: true,
        mentioned: false,
        media_unread: false,
        silent: true,
        id: 5,
        user_id: 777,
        message: "hi".into(),
        pts: 10,
        pts_count: 1,
        date: 1700000000,
        fwd_from: None,
        via_bot_id: Some(99),
        reply_to: None,
        entities: None,
        ttl_period: None,
    }
    .into()
}

/// Two answers a server could give to the call: the seed's first error and a flood wait.
pub fn rpc_errors() -> [types::RpcError; 2] {
    [
        types::RpcError {
            error_code: 400,
            error_message: "CALL_ALREADY_ACCEPTED".into(),
        },
        types::RpcError {
            error_code: 420,
            error_message: "FLOOD_WAIT_31".into(),
        },
    ]
}

#[allow(dead_code)] // the seed test includes this file and has its own main
fn main() -> Result<(), tl_runtime::Error> {
    let call = discard_call();
    println!("phone.discardCall  {}", hex(&call.to_bytes()));

    let update = short_message();
    let bytes = update.to_bytes();
    println!("updateShortMessage {}", hex(&bytes));

    // Decoding reads the constructor id and dispatches to the right variant.
    match enums::Updates::from_bytes(&bytes)? {
        enums::Updates::UpdateShortMessage(m) => {
            println!(
                "decoded: message {:?} from user {} via bot {:?}",
                m.message, m.user_id, m.via_bot_id
            )
        }
        other => println!("decoded another constructor: {other:?}"),
    }

    // An unknown constructor id is an error that says which id, where, and what was expected.
    let err = enums::Updates::from_bytes(&[0xef, 0xbe, 0xad, 0xde]).unwrap_err();
    println!("error: {err}");

    // The errors the call's documentation lists (the `//@error` lines), as data.
    println!("phone.discardCall can fail with:");
    for e in <functions::phone::DiscardCall as RemoteCall>::ERRORS {
        println!("  {} {}: {}", e.code, e.name, e.description);
    }
    // An `rpc_error` answer, typed: the name's variant, a `%d` as a named field.
    for answer in rpc_errors() {
        let typed = errors::RpcError::from(&answer);
        println!(
            "rpc_error {} {:<22} -> {typed:?}: {} (expected by the call: {})",
            answer.error_code,
            answer.error_message,
            typed.description().unwrap_or("unknown"),
            typed.expected_by::<functions::phone::DiscardCall>()
        );
    }
    Ok(())
}
