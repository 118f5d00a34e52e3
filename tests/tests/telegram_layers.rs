//! Older and other copies of the Telegram API expand in full and round-trip every type. A test
//! binary of its own, so it compiles in parallel with the library's schemas.

use tl_schema_tests::round_trip::check;

macro_rules! layers {
    ($($test:ident: $file:literal, $path:literal $(, $opt:ident = $val:literal)*;)*) => {$(
        mod $test {
            tl_runtime::tl_schema!(path = $path $(, $opt = $val)*);
        }
        #[test]
        fn $test() {
            check(stringify!($test), &[$file], |v| $test::for_each_type(v));
        }
    )*};
}

layers! {
    layer109: "telegram-api-layer109.tl", "../../shared/schemas/telegram-api-layer109.tl";
    layer123: "telegram-api-layer123.tl", "../../shared/schemas/telegram-api-layer123.tl";
    layer214: "telegram-api-layer214.tl", "../../shared/schemas/telegram-api-layer214.tl";
    layer222: "telegram-api-layer222.tl", "../../shared/schemas/telegram-api-layer222.tl";
    layer228_gotd: "telegram-api-layer228-gotd.tl", "../../shared/schemas/telegram-api-layer228-gotd.tl";
    // TDLib's copy: its `invokeWith*Prefix` pseudo-functions reuse the ids of the real ones.
    layer228_tdlib: "telegram-api-layer228-tdlib.tl", "../../shared/schemas/telegram-api-layer228-tdlib.tl",
        allow_duplicate_ids = true;
}
