//! The code under benchmark: layer 230 expanded by `tl_schema!`, the made-up `microMessage` of
//! `../shared/bench/micro_messages.bin` expanded by `tl_schema!`, and the same message written for
//! tl-proto with its derive macros. The anchors' own types (grammers-tl-types) come from their crate.
//!
//! Run from this directory: `cargo bench --bench decode_encode`, `./measure-compile-time.sh`.

/// Telegram API layer 230 with grammers' MTProto schema, as one schema (what `tests/` expands too),
/// expanded in its own crate so `measure-compile-time.sh` can build it alone.
pub use tl_bench_types as telegram;

/// The same schema expanded with `borrowed = true` (`bench/types-borrowed`).
pub use tl_bench_types_borrowed as telegram_borrowed;

/// `micro_messages.bin`'s made-up constructor with the three entity kinds it uses (real layer-230
/// ids), expanded by `tl_schema!` with the options given.
macro_rules! micro_schema {
    ($($option:tt)*) => {
        tl_runtime::tl_schema!(
            r#"
            messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
            messageEntityItalic#826f8b60 offset:int length:int = MessageEntity;
            messageEntityTextUrl#76a6d327 offset:int length:int url:string = MessageEntity;
            microMessage#5eb1c0de id:int date:int from_id:long peer_id:long text:string payload:bytes entities:Vector<MessageEntity> = MicroMessage;
            "#
            $($option)*
        );
    };
}

/// `micro_messages.bin`'s message, owned (`String`, `Vec<u8>`).
pub mod micro {
    micro_schema!();
}

/// The same with `borrowed = true`: `text` is `&'de str`, `payload` `&'de [u8]`.
pub mod micro_borrowed {
    micro_schema!(, borrowed = true);
}

/// The same message for tl-proto, the way its users write it: derive `TlRead`/`TlWrite`, boxed
/// types carry their id. tl-proto has no `String` (TON's `string` is bytes), so text is bytes and is
/// not checked for UTF-8. Two variants: owned (`Vec<u8>`, comparable to ours) and borrowed
/// (`&'tl [u8]`, tl-proto's zero-copy style).
pub mod tlproto {
    use tl_proto::{TlRead, TlWrite};

    /// The boxed `Vector` (`vector#1cb5c415`): tl-proto's `Vec<T>` is the bare vector.
    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x1cb5c415)]
    pub struct Messages {
        pub items: Vec<MicroMessage>,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x5eb1c0de)]
    pub struct MicroMessage {
        pub id: i32,
        pub date: i32,
        pub from_id: i64,
        pub peer_id: i64,
        pub text: Vec<u8>,
        pub payload: Vec<u8>,
        pub entities: Entities,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x1cb5c415)]
    pub struct Entities {
        pub items: Vec<MessageEntity>,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed)]
    pub enum MessageEntity {
        #[tl(id = 0xbd610bc9)]
        Bold { offset: i32, length: i32 },
        #[tl(id = 0x826f8b60)]
        Italic { offset: i32, length: i32 },
        #[tl(id = 0x76a6d327)]
        TextUrl {
            offset: i32,
            length: i32,
            url: Vec<u8>,
        },
    }

    /// Zero-copy: `bytes`/`string` borrow from the input buffer.
    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x1cb5c415)]
    pub struct MessagesRef<'tl> {
        pub items: Vec<MicroMessageRef<'tl>>,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x5eb1c0de)]
    pub struct MicroMessageRef<'tl> {
        pub id: i32,
        pub date: i32,
        pub from_id: i64,
        pub peer_id: i64,
        pub text: &'tl [u8],
        pub payload: &'tl [u8],
        pub entities: EntitiesRef<'tl>,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed, id = 0x1cb5c415)]
    pub struct EntitiesRef<'tl> {
        pub items: Vec<MessageEntityRef<'tl>>,
    }

    #[derive(Debug, Clone, PartialEq, TlRead, TlWrite)]
    #[tl(boxed)]
    pub enum MessageEntityRef<'tl> {
        #[tl(id = 0xbd610bc9)]
        Bold { offset: i32, length: i32 },
        #[tl(id = 0x826f8b60)]
        Italic { offset: i32, length: i32 },
        #[tl(id = 0x76a6d327)]
        TextUrl {
            offset: i32,
            length: i32,
            url: &'tl [u8],
        },
    }
}

/// Reads a payload of `../shared/bench` (beside the repository).
pub fn payload(name: &str) -> Vec<u8> {
    let path = format!("{}/../../shared/bench/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
