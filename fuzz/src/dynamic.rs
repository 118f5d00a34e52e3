//! The `dynamic` target: `tl`'s run-time decoder against hostile bytes and against the
//! generated decoders.

use std::sync::OnceLock;

use tl_cli::decode::Problem;
use tl_cli::{decode, encode, Root, Schema, SchemaOptions, Source};
use tl_runtime::{Deserialize, Limits, Serialize};
use tl_schema_tests::alloc::allocated_by;

use crate::ERROR_ALLOWANCE;

/// Layer 230 + grammers' MTProto, with the envelope (`msg_container`, `rpc_result`,
/// `gzip_packed`), loaded once.
fn schema() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let sources: Vec<Source> = ["telegram-api-layer230.tl", "mtproto-grammers.tl"]
            .iter()
            .map(|f| {
                let path = format!("{}/../../shared/schemas/{f}", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read_to_string(&path).expect("schema file");
                Source::file(path, text)
            })
            .collect();
        let options = SchemaOptions {
            envelope: true,
            ..SchemaOptions::default()
        };
        tl_cli::load(&sources, &options).expect("the schema loads")
    })
}

/// Room for an error's path: two strings per nesting level.
fn error_allowance(path: usize) -> usize {
    ERROR_ALLOWANCE + 256 * (path + 1)
}

/// Decodes `data` by id dispatch and as `Updates` with the default and strict limits.
pub fn check(data: &[u8]) {
    let schema = schema();
    let updates = Root::Type(schema.parse_type("Updates").expect("Updates"));
    for limits in [Limits::DEFAULT, Limits::STRICT] {
        for root in [&Root::Any, &updates] {
            let (result, used) = allocated_by(|| decode(schema, data, root, limits));
            let budget = limits.alloc_budget(data.len());
            let mut allowance = match &result {
                Ok(_) => ERROR_ALLOWANCE,
                Err(e) => error_allowance(e.path.len()),
            };
            // Each `gzip_packed` (its id somewhere in the input) may use an inflater, whose
            // fixed-size state is outside the budget.
            let gzip_ids = data
                .windows(4)
                .filter(|w| *w == 0x3072_cfa1_u32.to_le_bytes())
                .count();
            allowance += gzip_ids * tl_cli::decode::INFLATE_STATE;
            assert!(
                used <= budget + allowance,
                "allocated {used} bytes for {} input bytes (budget {budget})",
                data.len()
            );
            if let Ok(value) = result {
                let bytes = encode(schema, &root.ty(), &value).expect("re-encodes");
                let roomy = Limits {
                    alloc_per_input_byte: u32::MAX,
                    ..Limits::DEFAULT
                };
                let again = decode(schema, &bytes, root, roomy).expect("the re-encoding decodes");
                assert!(encode(schema, &root.ty(), &again).expect("again") == bytes);
            }
        }
        // The generated decoder of `Updates` accepts and rejects the same inputs (except where
        // an allocation budget runs out: the two count different structures).
        let generated = tl_schema_tests::telegram::enums::Updates::from_bytes_with(data, limits);
        let dynamic = decode(schema, data, &updates, limits);
        let alloc = tl_runtime::ErrorKind::AllocLimit {
            requested: 0,
            budget: 0,
        };
        let out_of_budget = generated
            .as_ref()
            .is_err_and(|e| std::mem::discriminant(e.kind()) == std::mem::discriminant(&alloc))
            || dynamic.as_ref().is_err_and(|e| {
                matches!(
                    e.problem,
                    Problem::Wire(tl_runtime::ErrorKind::AllocLimit { .. })
                )
            });
        if out_of_budget {
            continue;
        }
        match (generated, dynamic) {
            (Ok(g), Ok(d)) => {
                let d = encode(schema, &updates.ty(), &d).expect("re-encodes");
                assert!(g.to_bytes() == d, "the re-encodings differ");
            }
            (Err(g), Err(d)) => assert_eq!(
                (Problem::Wire(*g.kind()), g.offset(), g.constructor_id()),
                (d.problem.clone(), d.offset, d.constructor_id),
                "generated `{g}`, dynamic `{d}`"
            ),
            (g, d) => panic!(
                "generated {:?}, dynamic {:?}",
                g.map(|_| ()).map_err(|e| e.to_string()),
                d.map(|_| ()).map_err(|e| e.to_string())
            ),
        }
    }
}
