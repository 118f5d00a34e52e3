//! Telegram API layer 230 with grammers' MTProto schema, as `bench/types` has it, expanded with
//! `borrowed = true`: `string` is `&'de str`, `bytes` is `&'de [u8]`, borrowed from the input.

tl_runtime::tl_schema!(
    path = [
        "../../../shared/schemas/telegram-api-layer230.tl",
        "../../../shared/schemas/mtproto-grammers.tl"
    ],
    borrowed = true
);
