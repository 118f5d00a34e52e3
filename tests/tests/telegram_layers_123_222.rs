//! Telegram API layers 123 and 222 expand in full and round-trip every type.
//! The older and other copies of the API are three test binaries (this is one): they compile in
//! parallel with each other and the library's schemas, and no compiler process holds all six.

tl_schema_tests::telegram_layers! {
    layer123: "telegram-api-layer123.tl", "../../shared/schemas/telegram-api-layer123.tl";
    layer222: "telegram-api-layer222.tl", "../../shared/schemas/telegram-api-layer222.tl";
}
