//! Telegram API layers 109 and 214 expand in full and round-trip every type.
//! The older and other copies of the API are three test binaries (this is one): they compile in
//! parallel with each other and the library's schemas, and no compiler process holds all six.

tl_schema_tests::telegram_layers! {
    layer109: "telegram-api-layer109.tl", "../../shared/schemas/telegram-api-layer109.tl";
    layer214: "telegram-api-layer214.tl", "../../shared/schemas/telegram-api-layer214.tl";
}
