//! `tl`'s dynamic decoder (tl-cli, the schema read at run time) on the layer-230 payloads,
//! beside the generated decoder of the same schema: decode, and decode + re-encode.
//!
//! `cd bench && cargo bench --bench dynamic -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput};
use tl_bench::{payload, telegram as ours};
use tl_cli::{decode, encode, Root, SchemaOptions, Source};
use tl_runtime::{Deserialize as _, Limits};

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/schemas/telegram-api-layer230.tl"
    );
    let text = std::fs::read_to_string(path).expect("layer 230");
    let schema = tl_cli::load(&[Source::file(path, text)], &SchemaOptions::default())
        .expect("the schema loads");
    let mut c = Criterion::default().configure_from_args();
    for name in [
        "channel_messages.bin",
        "updates.bin",
        "update_short_message.bin",
    ] {
        let bytes = payload(name);
        let value = decode(&schema, &bytes, &Root::Any, Limits::DEFAULT).expect("decodes");
        let back = encode(&schema, &Root::Any.ty(), &value).expect("encodes");
        assert!(back == bytes, "{name}: re-encoding differs");
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("dynamic decode", |b| {
            b.iter(|| decode(&schema, black_box(&bytes), &Root::Any, Limits::DEFAULT))
        });
        group.bench_function("dynamic decode + encode", |b| {
            b.iter(|| {
                let v = decode(&schema, black_box(&bytes), &Root::Any, Limits::DEFAULT)
                    .expect("decodes");
                encode(&schema, &Root::Any.ty(), &v)
            })
        });
        if name == "channel_messages.bin" {
            group.bench_function("generated decode", |b| {
                b.iter(|| ours::enums::messages::Messages::from_bytes(black_box(&bytes)))
            });
        } else {
            group.bench_function("generated decode", |b| {
                b.iter(|| ours::enums::Updates::from_bytes(black_box(&bytes)))
            });
        }
        group.finish();
    }
    c.final_summary();
}
