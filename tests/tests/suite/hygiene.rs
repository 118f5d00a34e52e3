//! The expansion compiles in a hostile calling module: prelude names shadowed, a local module named
//! `tl_runtime`, lints denied, two invocations side by side, the runtime reached through a
//! re-export (`crate = "…"`), generic functions.
#![deny(
    warnings,
    unused_qualifications,
    unused_results,
    missing_docs,
    clippy::all,
    clippy::pedantic
)]

#[allow(dead_code, non_camel_case_types)]
mod shadows {
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct Vec;
    pub struct String;
    pub struct Box;
    pub struct u32;
}

/// A local module that has the runtime's name.
mod tl_runtime {}

/// The runtime, re-exported under another path.
pub mod runtime_reexport {
    pub use ::tl_runtime::*;
}

/// First invocation.
pub mod first {
    #[allow(unused_imports)]
    use crate::hygiene::shadows::*;

    ::tl_runtime::tl_schema!(
        r#"
        // A generic wrapper, as in the Telegram API.
        pong#347773c5 msg_id:long ping_id:long = Pong;
        rpc_error#2144ca19 error_code:int error_message:string = RpcError;
        ---functions---
        invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
        // Typed errors: a `%d` argument, a name with two codes.
        //@error 420 PING_WAIT_%d Wait before pinging again.
        //@error 400 PING_INVALID The ping is invalid.
        //@error 403 PING_INVALID Pinging is forbidden.
        ping#7abe77ec ping_id:long = Pong;
        "#
    );
}

/// Second invocation in the same crate, through a re-export of the runtime, its functions
/// compiled here (`inline = false`).
pub mod second {
    ::tl_runtime::tl_schema!(
        r#"
        pong#347773c5 msg_id:long ping_id:long = Pong;
        type#1 flags2:# self:int loop:flags2.0?true = Type;
        "#,
        crate = "crate::hygiene::runtime_reexport",
        inline = false
    );
}

use ::tl_runtime::{Deserialize, RemoteCall, Serialize};

#[test]
fn generic_function_returns_the_query_return() {
    fn returns<C: for<'r> RemoteCall<Return<'r> = first::enums::Pong>>(_: &C) {}
    let call = first::functions::InvokeWithLayer {
        layer: 230,
        query: first::functions::Ping { ping_id: 7 },
    };
    returns(&call);
    let bytes = call.to_bytes();
    assert_eq!(&bytes[..4], &0xda9b_0d0d_u32.to_le_bytes());
    assert_eq!(&bytes[8..12], &0x7abe_77ec_u32.to_le_bytes());
    let back =
        first::functions::InvokeWithLayer::<first::functions::Ping>::from_bytes(&bytes).unwrap();
    assert_eq!(back, call);
}

#[test]
fn two_invocations_are_independent() {
    let a = first::types::Pong {
        msg_id: 1,
        ping_id: 2,
    };
    let b = second::types::Pong {
        msg_id: 1,
        ping_id: 2,
    };
    assert_eq!(a.to_bytes(), b.to_bytes());
}

#[test]
fn invocation_inside_a_function_body() {
    ::tl_runtime::tl_schema!(
        r#"
        peerUser#59511722 user_id:long = Peer;
        message#1 peer:Peer text:string = Message;
        "#
    );
    let m = types::Message {
        peer: types::PeerUser { user_id: 5 }.into(),
        text: "x".into(),
    };
    assert_eq!(enums::Message::from_bytes(&m.to_bytes()).unwrap(), m.into());
}

#[test]
fn typed_errors_in_a_hostile_module() {
    use first::errors::RpcError;
    let e = RpcError::from(&first::types::RpcError {
        error_code: 420,
        error_message: "PING_WAIT_3".into(),
    });
    assert_eq!(e, RpcError::PingWait { value: 3 });
    assert!(e.expected_by::<first::functions::Ping>());
    assert_eq!(
        RpcError::parse(403, "PING_INVALID"),
        RpcError::PingInvalid { code: 403 }
    );
    assert_eq!(<first::functions::Ping as RemoteCall>::ERRORS.len(), 3);
}
