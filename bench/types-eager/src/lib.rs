//! `../types` with `inline = false`: the generated functions are compiled to machine code here,
//! as a regular library's are, instead of in the crates that use them.

tl_runtime::tl_schema!(
    path = [
        "../../../shared/schemas/telegram-api-layer230.tl",
        "../../../shared/schemas/mtproto-grammers.tl"
    ],
    inline = false
);
