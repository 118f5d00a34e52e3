//! `../types` with the published documentation (layer 223) and mtcute's error database: rustdoc
//! on every item and the `errors` module. `../measure-compile-time.sh` builds it beside `types`.

tl_runtime::tl_schema!(
    path = [
        "../../../shared/schemas/telegram-api-layer230.tl",
        "../../../shared/schemas/mtproto-grammers.tl"
    ],
    docs = "../../../shared/api-docs/getdoc-layer223.json",
    errors = "../../../shared/api-docs/mtcute-errors.json"
);
