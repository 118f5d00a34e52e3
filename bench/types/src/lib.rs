//! Telegram API layer 230 with grammers' MTProto schema, as one schema: the crate a Telegram
//! client would hold. `../measure-compile-time.sh` builds it from clean against grammers-tl-types.

tl_runtime::tl_schema!(
    path = [
        "../../../shared/schemas/telegram-api-layer230.tl",
        "../../../shared/schemas/mtproto-grammers.tl"
    ]
);
