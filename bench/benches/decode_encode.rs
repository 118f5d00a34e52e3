//! Decode (`from_bytes`) and encode (`to_bytes`) of the `../shared/bench` payloads: ours vs
//! grammers-tl-types 0.11.0 for the Telegram payloads, ours vs tl-proto for `micro_messages.bin`.
//! Throughput is the payload size, so criterion reports MB/s (MiB/s in its output).
//!
//! Before anything is timed, every decoder is checked: the decode is `Ok` and re-encoding gives the
//! input bytes back (a benchmark of a failing decode would measure the error path).
//!
//! `cd bench && cargo bench --bench decode_encode -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::mem::size_of;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use grammers_tl_types as gr;
use gr::{Deserializable as _, Serializable as _};
use tl_bench::{micro, payload, telegram as ours, tlproto};
use tl_runtime::{Deserialize as _, Serialize as _};

fn sizes() {
    eprintln!("size_of (bytes)                       ours   grammers");
    macro_rules! row {
        ($name:literal, $ours:ty, $gr:ty) => {
            eprintln!("  {:<34} {:>5} {:>8}", $name, size_of::<$ours>(), size_of::<$gr>());
        };
    }
    row!("enums::Update", ours::enums::Update, gr::enums::Update);
    row!("enums::Updates", ours::enums::Updates, gr::enums::Updates);
    row!("enums::Message", ours::enums::Message, gr::enums::Message);
    row!("enums::MessageMedia", ours::enums::MessageMedia, gr::enums::MessageMedia);
    row!("enums::MessageAction", ours::enums::MessageAction, gr::enums::MessageAction);
    row!("enums::Chat", ours::enums::Chat, gr::enums::Chat);
    row!("enums::User", ours::enums::User, gr::enums::User);
    row!("enums::messages::Messages", ours::enums::messages::Messages, gr::enums::messages::Messages);
    row!("enums::InputMedia", ours::enums::InputMedia, gr::enums::InputMedia);
    row!("enums::WebPage", ours::enums::WebPage, gr::enums::WebPage);
    row!("enums::ChannelAdminLogEventAction", ours::enums::ChannelAdminLogEventAction, gr::enums::ChannelAdminLogEventAction);
    row!("enums::StarsTransaction", ours::enums::StarsTransaction, gr::enums::StarsTransaction);
    row!("types::Message", ours::types::Message, gr::types::Message);
    eprintln!();
}

/// Decode and encode of one payload by one library; `check` has verified the round trip.
fn bench_pair<T>(
    g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    lib: &str,
    bytes: &[u8],
    decode: impl Fn(&[u8]) -> T,
    encode: impl Fn(&T) -> Vec<u8>,
) {
    let value = decode(bytes);
    assert_eq!(encode(&value), bytes, "{lib}: re-encoding differs");
    g.bench_function(format!("decode/{lib}"), |b| b.iter(|| decode(black_box(bytes))));
    g.bench_function(format!("encode/{lib}"), |b| b.iter(|| encode(black_box(&value))));
}

fn telegram(c: &mut Criterion) {
    sizes();

    macro_rules! payload_group {
        ($file:literal, $ours:ty, $gr:ty, $gr_skip:expr) => {{
            let bytes = payload($file);
            let mut g = c.benchmark_group($file.trim_end_matches(".bin"));
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            // Each decode must be Ok and re-encode to the same bytes (checked in `bench_pair`).
            let _ = <$ours>::from_bytes(&bytes).expect(concat!("ours: ", $file));
            bench_pair(
                &mut g,
                "ours",
                &bytes,
                |b| <$ours>::from_bytes(b).unwrap(),
                |v| v.to_bytes(),
            );
            let skip: usize = $gr_skip;
            let head = bytes[..skip].to_vec();
            let _ = <$gr>::from_bytes(&bytes[skip..]).expect(concat!("grammers: ", $file));
            bench_pair(
                &mut g,
                "grammers",
                &bytes,
                |b| <$gr>::from_bytes(&b[skip..]).unwrap(),
                |v| {
                    // grammers' function encoder writes the id itself: `to_bytes` is the whole payload.
                    let out = v.to_bytes();
                    debug_assert!(skip == 0 || out.starts_with(&head));
                    out
                },
            );
            g.finish();
        }};
    }

    payload_group!("update_short_message.bin", ours::enums::Updates, gr::enums::Updates, 0);
    payload_group!("updates.bin", ours::enums::Updates, gr::enums::Updates, 0);
    payload_group!("channel_messages.bin", ours::enums::messages::Messages, gr::enums::messages::Messages, 0);
    // grammers decodes a function from the body after its id.
    payload_group!("send_message.bin", ours::functions::messages::SendMessage, gr::functions::messages::SendMessage, 4);
}

fn micro_messages(c: &mut Criterion) {
    let bytes = payload("micro_messages.bin");
    let mut g = c.benchmark_group("micro_messages");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let _ = Vec::<micro::types::MicroMessage>::from_bytes(&bytes).expect("ours: micro_messages");
    bench_pair(
        &mut g,
        "ours",
        &bytes,
        |b| Vec::<micro::types::MicroMessage>::from_bytes(b).unwrap(),
        |v| v.to_bytes(),
    );
    let _ = tl_proto::deserialize::<tlproto::Messages>(&bytes).expect("tl-proto: micro_messages");
    bench_pair(
        &mut g,
        "tl-proto",
        &bytes,
        |b| tl_proto::deserialize::<tlproto::Messages>(b).unwrap(),
        |v| tl_proto::serialize(v),
    );
    // Borrowed: the value borrows from `bytes`, so it is written out instead of `bench_pair`.
    let value = tl_proto::deserialize::<tlproto::MessagesRef<'_>>(&bytes).expect("tl-proto borrowed");
    assert_eq!(tl_proto::serialize(&value), bytes, "tl-proto-borrowed: re-encoding differs");
    g.bench_function("decode/tl-proto-borrowed", |b| {
        b.iter(|| tl_proto::deserialize::<tlproto::MessagesRef<'_>>(black_box(&bytes)).unwrap())
    });
    g.bench_function("encode/tl-proto-borrowed", |b| {
        b.iter(|| tl_proto::serialize(black_box(&value)))
    });
    g.finish();
}

criterion_group!(benches, telegram, micro_messages);
criterion_main!(benches);
