//! Decode and encode of the `../shared/bench` payloads: ours vs grammers-tl-types 0.11.0 for the
//! Telegram payloads, ours vs tl-proto (owned and borrowed) for `micro_messages.bin`, and a
//! `memcpy` of each payload as the limit. Three ops per coder: `decode` (`from_bytes`),
//! `to_bytes` (encode into a new `Vec`) and `encode` (into a reused `Vec`, cleared first).
//! Throughput is the payload size, so criterion reports MB/s (MiB/s in its output).
//!
//! Before anything is timed, every coder is checked: its decode is `Ok` and both encoders give
//! the input bytes back (a benchmark of a failing decode would measure the error path).
//!
//! After the run one table is printed from criterion's estimates of this run: payload × op ×
//! coder, with our time's ratio to each anchor and to the `memcpy`.
//!
//! `cd bench && cargo bench --bench decode_encode -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::mem::size_of;
use std::path::PathBuf;
use std::time::SystemTime;

use criterion::{BenchmarkGroup, Criterion, Throughput};
use gr::{Deserializable as _, Serializable as _};
use grammers_tl_types as gr;
use tl_bench::{micro, payload, telegram as ours, tlproto};
use tl_runtime::{Deserialize as _, Serialize as _};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

fn sizes() {
    eprintln!("size_of (bytes)                       ours   grammers");
    macro_rules! rows {
        ($($($p:ident)::+),* $(,)?) => {$(
            eprintln!(
                "  {:<34} {:>5} {:>8}",
                stringify!($($p)::+).replace(' ', ""),
                size_of::<ours::$($p)::+>(),
                size_of::<gr::$($p)::+>(),
            );
        )*};
    }
    rows!(
        enums::Update,
        enums::Updates,
        enums::Message,
        enums::MessageMedia,
        enums::MessageAction,
        enums::Chat,
        enums::User,
        enums::messages::Messages,
        enums::InputMedia,
        enums::WebPage,
        enums::ChannelAdminLogEventAction,
        enums::StarsTransaction,
        types::Message,
    );
    eprintln!();
}

/// One coder of one payload: how it decodes, and how it encodes into a new or a reused `Vec`.
struct Coder<D, N, E> {
    name: &'static str,
    decode: D,
    to_bytes: N,
    encode: E,
}

/// Checks `coder` against `bytes` (decode is `Ok`, both encoders give `bytes` back), then times
/// its three ops.
fn bench_coder<'b, T, D, N, E>(g: &mut Group<'_>, bytes: &'b [u8], coder: Coder<D, N, E>)
where
    D: Fn(&'b [u8]) -> T,
    N: Fn(&T) -> Vec<u8>,
    E: Fn(&T, &mut Vec<u8>),
{
    let name = coder.name;
    let value = (coder.decode)(bytes);
    assert_eq!(
        (coder.to_bytes)(&value),
        bytes,
        "{name}: to_bytes differs from the input"
    );
    let mut buf = Vec::new();
    (coder.encode)(&value, &mut buf);
    assert_eq!(buf, bytes, "{name}: encode differs from the input");
    g.bench_function(format!("decode/{name}"), |b| {
        b.iter(|| (coder.decode)(black_box(bytes)))
    });
    g.bench_function(format!("to_bytes/{name}"), |b| {
        b.iter(|| (coder.to_bytes)(black_box(&value)))
    });
    g.bench_function(format!("encode/{name}"), |b| {
        b.iter(|| (coder.encode)(black_box(&value), black_box(&mut buf)))
    });
}

/// The limit: copying the payload into a buffer that exists already.
fn bench_memcpy(g: &mut Group<'_>, bytes: &[u8]) {
    let mut dst = vec![0; bytes.len()];
    g.bench_function("copy/memcpy", |b| {
        b.iter(|| dst.copy_from_slice(black_box(bytes)))
    });
}

fn telegram(c: &mut Criterion) {
    sizes();

    /// `$skip`: grammers decodes a function from the body after its id (its encoder writes it).
    macro_rules! payload_group {
        ($file:literal, $ours:ty, $gr:ty, $skip:expr) => {{
            let bytes = payload($file);
            let mut g = c.benchmark_group($file.trim_end_matches(".bin"));
            g.throughput(Throughput::Bytes(bytes.len() as u64));
            let ours_decode = |b: &[u8]| <$ours>::from_bytes(b).expect(concat!("ours: ", $file));
            bench_coder(
                &mut g,
                &bytes,
                Coder {
                    name: "ours",
                    decode: ours_decode,
                    to_bytes: |v: &$ours| v.to_bytes(),
                    encode: |v: &$ours, buf: &mut Vec<u8>| {
                        buf.clear();
                        v.serialize(buf);
                    },
                },
            );
            let skip: usize = $skip;
            bench_coder(
                &mut g,
                &bytes,
                Coder {
                    name: "grammers",
                    decode: |b: &[u8]| {
                        <$gr>::from_bytes(&b[skip..]).expect(concat!("grammers: ", $file))
                    },
                    to_bytes: |v: &$gr| v.to_bytes(),
                    encode: |v: &$gr, buf: &mut Vec<u8>| {
                        buf.clear();
                        v.serialize(buf);
                    },
                },
            );
            bench_memcpy(&mut g, &bytes);
            g.finish();
        }};
    }

    payload_group!(
        "update_short_message.bin",
        ours::enums::Updates,
        gr::enums::Updates,
        0
    );
    payload_group!("updates.bin", ours::enums::Updates, gr::enums::Updates, 0);
    payload_group!(
        "channel_messages.bin",
        ours::enums::messages::Messages,
        gr::enums::messages::Messages,
        0
    );
    payload_group!(
        "send_message.bin",
        ours::functions::messages::SendMessage,
        gr::functions::messages::SendMessage,
        4
    );
}

fn micro_messages(c: &mut Criterion) {
    type Ours = Vec<micro::types::MicroMessage>;
    let bytes = payload("micro_messages.bin");
    let mut g = c.benchmark_group("micro_messages");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    bench_coder(
        &mut g,
        &bytes,
        Coder {
            name: "ours",
            decode: |b: &[u8]| Ours::from_bytes(b).expect("ours: micro_messages"),
            to_bytes: |v: &Ours| v.to_bytes(),
            encode: |v: &Ours, buf: &mut Vec<u8>| {
                buf.clear();
                v.serialize(buf);
            },
        },
    );
    bench_coder(
        &mut g,
        &bytes,
        Coder {
            name: "tl-proto",
            decode: |b: &[u8]| tl_proto::deserialize::<tlproto::Messages>(b).expect("tl-proto"),
            to_bytes: |v: &tlproto::Messages| tl_proto::serialize(v),
            encode: |v: &tlproto::Messages, buf: &mut Vec<u8>| tl_proto::serialize_into(v, buf),
        },
    );
    // Borrowed: the value borrows from `bytes`, which the closures cannot name, so the decode
    // gives the lifetime of the buffer it is handed.
    fn decode_ref(b: &[u8]) -> tlproto::MessagesRef<'_> {
        tl_proto::deserialize::<tlproto::MessagesRef<'_>>(b).expect("tl-proto borrowed")
    }
    bench_coder(
        &mut g,
        &bytes,
        Coder {
            name: "tl-proto-borrowed",
            decode: decode_ref,
            to_bytes: |v: &tlproto::MessagesRef<'_>| tl_proto::serialize(v),
            encode: |v: &tlproto::MessagesRef<'_>, buf: &mut Vec<u8>| {
                tl_proto::serialize_into(v, buf)
            },
        },
    );
    bench_memcpy(&mut g, &bytes);
    g.finish();
}

/// Where criterion writes its estimates: `CRITERION_HOME`, else `target/criterion` of the
/// target directory this benchmark binary was built into.
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(target).join("criterion"));
    }
    // …/target/release/deps/decode_encode-<hash>
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// The median time in ns of `group/function` if criterion measured it in this run (its
/// estimates file written after `since`).
fn median_ns(dir: &std::path::Path, group: &str, function: &str, since: SystemTime) -> Option<f64> {
    let path = dir
        .join(group)
        .join(function.replace('/', "_"))
        .join("new/estimates.json");
    let fresh = std::fs::metadata(&path).ok()?.modified().ok()? >= since;
    if !fresh {
        return None;
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn fmt_time(ns: f64) -> String {
    if ns >= 1000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.1} ns")
    }
}

/// Prints one table of this run's medians: per payload and op, each coder's time, our ratio
/// to each anchor (anchor time / ours: above 1 we are faster) and how many `memcpy`s of the
/// payload our time is.
fn print_table(since: SystemTime) {
    let Some(dir) = criterion_dir() else { return };
    let groups = [
        ("update_short_message", &["grammers"][..]),
        ("updates", &["grammers"][..]),
        ("channel_messages", &["grammers"][..]),
        ("send_message", &["grammers"][..]),
        ("micro_messages", &["tl-proto", "tl-proto-borrowed"][..]),
    ];
    let mut lines = Vec::new();
    for (group, anchors) in groups {
        let memcpy = median_ns(&dir, group, "copy/memcpy", since);
        for op in ["decode", "to_bytes", "encode"] {
            let Some(ours) = median_ns(&dir, group, &format!("{op}/ours"), since) else {
                continue;
            };
            let mut line = format!("| {group} | {op} | {} |", fmt_time(ours));
            for anchor in anchors {
                match median_ns(&dir, group, &format!("{op}/{anchor}"), since) {
                    Some(t) => line += &format!(" {anchor} {} | {:.2}× |", fmt_time(t), t / ours),
                    None => line += " | |",
                }
            }
            if anchors.len() == 1 {
                line += " | |";
            }
            match memcpy {
                Some(m) => line += &format!(" {} | {:.1}× |", fmt_time(m), ours / m),
                None => line += " | |",
            }
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return;
    }
    println!();
    println!("Medians of this run (ratio = anchor / ours: above 1 we are faster; × memcpy = ours / memcpy):");
    println!();
    println!("| payload | op | ours | anchor | anchor / ours | anchor 2 | anchor 2 / ours | memcpy | ours / memcpy |");
    println!("|---|---|---:|---|---:|---|---:|---:|---:|");
    for line in lines {
        println!("{line}");
    }
}

fn main() {
    let since = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    telegram(&mut c);
    micro_messages(&mut c);
    c.final_summary();
    print_table(since);
}
