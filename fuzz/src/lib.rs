//! Shared code of the fuzz targets: the checks every decoded input goes through (with the test
//! suites' counting allocator, `tl_schema_tests::alloc`), the MTProto container decoder, the
//! properties of the runtime's MTProto envelope (`mtproto`), and the `tl_schema!` pipeline (TL
//! text → lexer → parser → validator → code generator, the `tl-pipeline` library).

#![allow(dead_code, clippy::all)]

use std::fmt::Debug;

use tl_runtime::{DeserializeOwned, Limits, Serialize};
use tl_schema_tests::alloc::allocated_by;

pub mod container;
pub mod dynamic;
pub mod json;
pub mod mtproto;

/// Layer 230 + MTProto with `borrowed = true`, for the `messages_borrowed` target.
pub mod telegram_borrowed {
    tl_runtime::tl_schema!(
        path = [
            "../../shared/schemas/telegram-api-layer230.tl",
            "../../shared/schemas/mtproto-grammers.tl"
        ],
        borrowed = true
    );
}

#[global_allocator]
static GLOBAL: tl_schema_tests::alloc::Counting = tl_schema_tests::alloc::Counting;

/// Room for the one boxed `Error` a failed decode returns, with its path.
pub const ERROR_ALLOWANCE: usize = Limits::DEFAULT.error_alloc();

/// Decodes `data` as `T` with the default and the strict limits and checks what must hold for
/// any input: no panic (libFuzzer reports one), allocation within the budget, and for a decoded
/// value: `serialized_len` is exact and the re-encoding decodes to the same bytes again.
pub fn check<T: Serialize + DeserializeOwned + Debug>(data: &[u8]) {
    for limits in [Limits::DEFAULT, Limits::STRICT] {
        let (result, used) = allocated_by(|| T::from_bytes_with(data, limits));
        let budget = limits
            .with_bound(T::ALLOC_PER_INPUT_BYTE)
            .alloc_budget(data.len());
        assert!(
            used <= budget + ERROR_ALLOWANCE,
            "allocated {used} bytes for {} input bytes (budget {budget})",
            data.len()
        );
        if let Ok(value) = result {
            let bytes = value.to_bytes();
            assert_eq!(bytes.len(), value.serialized_len());
            let roomy = Limits {
                alloc_per_input_byte: u32::MAX,
                ..Limits::DEFAULT
            };
            let again = T::from_bytes_with(&bytes, roomy).expect("the re-encoding decodes");
            assert!(again.to_bytes() == bytes, "re-encoding is not stable");
        }
    }
}

/// Decodes a `T` from `data` with `limits` and encodes it again; also returns the bytes the
/// decode alone allocated. What [`check_borrowed`] is handed for a borrowing type.
pub fn reencode_counted<'d, T: tl_runtime::Deserialize<'d> + Serialize>(
    data: &'d [u8],
    limits: Limits,
) -> (usize, tl_runtime::Result<Vec<u8>>) {
    let (result, used) = allocated_by(|| T::from_bytes_with(data, limits));
    (used, result.map(|v| v.to_bytes()))
}

/// [`check`] for a type that borrows from its input (`borrowed = true`), through its
/// [`reencode_counted`] (`bound`: the type's `ALLOC_PER_INPUT_BYTE`): allocation within the budget (a borrowed decode allocates only vectors
/// and boxes), and a re-encoding decodes to the same bytes again.
pub fn check_borrowed(
    data: &[u8],
    bound: u32,
    reencode: fn(&[u8], Limits) -> (usize, tl_runtime::Result<Vec<u8>>),
) {
    for limits in [Limits::DEFAULT, Limits::STRICT] {
        let (used, result) = reencode(data, limits);
        let budget = limits.with_bound(bound).alloc_budget(data.len());
        assert!(
            used <= budget + ERROR_ALLOWANCE,
            "allocated {used} bytes for {} input bytes (budget {budget})",
            data.len()
        );
        if let Ok(bytes) = result {
            let roomy = Limits {
                alloc_per_input_byte: u32::MAX,
                ..Limits::DEFAULT
            };
            let (_, again) = reencode(&bytes, roomy);
            assert!(
                again.expect("the re-encoding decodes") == bytes,
                "re-encoding is not stable"
            );
        }
    }
}

/// The container target: decode, check the allocation bound, re-encode the bodies and decode
/// the rebuilt container.
pub fn check_container(data: &[u8]) {
    for limits in [Limits::DEFAULT, Limits::STRICT] {
        let (result, used) = allocated_by(|| container::decode_container(data, limits));
        let budget = limits.alloc_budget(data.len());
        assert!(
            used <= budget + ERROR_ALLOWANCE,
            "allocated {used} (budget {budget})"
        );
        if let Ok(messages) = result {
            let bodies: Vec<Vec<u8>> = messages
                .iter()
                .map(|m| match &m.body {
                    container::Body::RpcResult(req, r) => {
                        container::rpc_result(*req, &r.to_bytes())
                    }
                    container::Body::Updates(u) => u.to_bytes(),
                })
                .collect();
            let parts: Vec<(i64, i32, &[u8])> = messages
                .iter()
                .zip(&bodies)
                .map(|(m, b)| (m.msg_id, m.seqno, &b[..]))
                .collect();
            let rebuilt = container::encode_container(&parts);
            let roomy = Limits {
                alloc_per_input_byte: u32::MAX,
                ..Limits::DEFAULT
            };
            container::decode_container(&rebuilt, roomy).expect("the re-encoding decodes");
        }
    }
}

/// Runs `tl_schema!`'s pipeline on `text` as an inline schema would be, under both id rules:
/// parse, validate, render every diagnostic, recover, generate code that parses. Must never
/// panic.
pub fn schema_pipeline(text: &str) {
    let sources = [tl_pipeline::Source {
        name: "fuzz".into(),
        text: text.to_owned(),
        origin: Some(tl_pipeline::Origin {
            file: "src/lib.rs".into(),
            line: 3,
            column: 28,
        }),
    }];
    for rule in [tl_pipeline::IdRule::Telegram, tl_pipeline::IdRule::TlSpec] {
        let options = tl_pipeline::Options {
            validate: tl_pipeline::validate::Options {
                id_rule: rule,
                verify_ids: rule == tl_pipeline::IdRule::TlSpec,
                ..Default::default()
            },
            ..Default::default()
        };
        let out = tl_pipeline::run(&sources, &options);
        for d in &out.diagnostics {
            let _ = tl_pipeline::diag::render(d, &sources);
        }
        // Whatever the schema, the output is Rust the compiler can parse (the healthy part of
        // a broken schema, or the fallback modules).
        if let Err(e) = syn::parse_file(&out.code) {
            panic!("generated code does not parse: {e}\n{}", out.code);
        }
    }
}
