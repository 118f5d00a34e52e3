//! Every constructor and function of every schema expanded in `tl_schema_tests` round-trips
//! (see `tl_schema_tests::round_trip`).

use tl_schema_tests::round_trip::check;

macro_rules! round_trip_tests {
    ($($test:ident: $module:ident, [$($file:literal),*];)*) => {$(
        #[test]
        fn $test() {
            check(stringify!($module), &[$($file),*], |v| tl_schema_tests::$module::for_each_type(v));
        }
    )*};
}

round_trip_tests! {
    telegram_layer230_with_mtproto: telegram, ["telegram-api-layer230.tl", "mtproto-grammers.tl"];
    mtproto_official: mtproto, ["mtproto.tl"];
    td_api: td_api, ["td_api.tl"];
    td_api_tdlib_json: td_json, ["td_api.tl"];
    ton_api: ton_api, ["ton_api.tl"];
    lite_api: lite_api, ["lite_api.tl"];
    tonlib_api: tonlib_api, ["tonlib_api.tl"];
    secret_api: secret_api, ["secret_api.tl"];
    e2e_api: e2e_api, ["e2e_api.tl"];
    mtproto_tdlib: mtproto_tdlib, ["mtproto-tdlib.tl"];
}
