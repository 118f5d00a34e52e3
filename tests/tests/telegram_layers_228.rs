//! gotd's and TDLib's copies of Telegram API layer 228 expand in full and round-trip every type.
//! The older and other copies of the API are three test binaries (this is one): they compile in
//! parallel with each other and the library's schemas, and no compiler process holds all six.

tl_schema_tests::telegram_layers! {
    layer228_gotd: "telegram-api-layer228-gotd.tl", "../../shared/schemas/telegram-api-layer228-gotd.tl";
    // TDLib's copy: its `invokeWith*Prefix` pseudo-functions reuse the ids of the real ones.
    layer228_tdlib: "telegram-api-layer228-tdlib.tl", "../../shared/schemas/telegram-api-layer228-tdlib.tl",
        allow_duplicate_ids = true;
}
