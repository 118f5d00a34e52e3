//! Schemas expanded once for the integration tests in `tests/`. Paths are relative to this crate's
//! manifest; the schemas are read from `../shared/schemas` beside the repository.

pub mod alloc;
pub mod mutate;
pub mod round_trip;

/// The current Telegram API (layer 230) with grammers' MTProto schema, as one schema, with the
/// published documentation (layer 223) and mtcute's error database: docs on every item, the
/// `errors` module; `Default`, `Eq` and `Hash` asked for.
pub mod telegram {
    tl_runtime::tl_schema!(
        path = [
            "../../shared/schemas/telegram-api-layer230.tl",
            "../../shared/schemas/mtproto-grammers.tl"
        ],
        docs = "../../shared/api-docs/getdoc-layer223.json",
        errors = "../../shared/api-docs/mtcute-errors.json",
        any_function = true,
        derive = ["Default", "Eq", "Hash"]
    );
}

/// The official `mtproto.tl` exactly as published. Its binary handshake fields are declared
/// `string`; the preset `string_as_bytes = "mtproto"` maps the 23 of them to bytes so they
/// round-trip byte-exact.
pub mod mtproto {
    tl_runtime::tl_schema!(
        path = "../../shared/schemas/mtproto.tl",
        string_as_bytes = "mtproto"
    );
}

/// TDLib's client API: no ids (TL-spec rule), `vector<T>` of bare constructors, `//@` docs.
pub mod td_api {
    tl_runtime::tl_schema!(path = "../../shared/schemas/td_api.tl", ids = "tl-spec");
}

/// TDLib's client API with `json = "tdlib"`: TDLib's JSON, and the object fields documented
/// "may be null" as `Option`.
pub mod td_json {
    tl_runtime::tl_schema!(
        path = "../../shared/schemas/td_api.tl",
        ids = "tl-spec",
        json = "tdlib"
    );
}

/// TON: `(vector X)`, `Object`/`Function` values, multi-dot names, pinned ids.
pub mod ton_api {
    tl_runtime::tl_schema!(path = "../../shared/schemas/ton_api.tl", ids = "tl-spec");
}

/// TON lite server API.
pub mod lite_api {
    tl_runtime::tl_schema!(
        path = "../../shared/schemas/lite_api.tl",
        ids = "tl-spec",
        any_function = true
    );
}

/// TON's tonlib client API.
pub mod tonlib_api {
    tl_runtime::tl_schema!(path = "../../shared/schemas/tonlib_api.tl", ids = "tl-spec");
}

/// Telegram secret chats, with layer-suffixed names side by side.
pub mod secret_api {
    tl_runtime::tl_schema!(path = "../../shared/schemas/secret_api.tl");
}

/// Telegram's e2e schema (`int512`, `--- functions ---`).
pub mod e2e_api {
    tl_runtime::tl_schema!(path = "../../shared/schemas/e2e_api.tl");
}

/// TDLib's copy of MTProto.
pub mod mtproto_tdlib {
    tl_runtime::tl_schema!(path = "../../shared/schemas/mtproto-tdlib.tl");
}

/// A module per Telegram API copy, expanded by `tl_schema!`, and a test that round-trips every
/// one of its types (the `telegram_layers_*` test binaries: the six older and other copies, split
/// in three so that no one compiler process holds them all):
/// `telegram_layers! { layer109: "telegram-api-layer109.tl", "../../shared/schemas/telegram-api-layer109.tl"; }`
/// (the file name for counting its declarations, the path for the macro, then options).
#[macro_export]
macro_rules! telegram_layers {
    ($($test:ident: $file:literal, $path:literal $(, $opt:ident = $val:literal)*;)*) => {$(
        mod $test {
            tl_runtime::tl_schema!(path = $path $(, $opt = $val)*);
        }
        #[test]
        fn $test() {
            // Binary only: JSON is checked on the library's schemas (tests/suite/round_trip.rs).
            $crate::round_trip::check_binary(stringify!($test), &[$file], |v| $test::for_each_type(v));
        }
    )*};
}
