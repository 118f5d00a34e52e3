//! Decode and encode of the `../shared/bench` payloads: ours (owned, and `borrowed = true`) vs
//! grammers-tl-types 0.11.0 for the Telegram payloads, vs tl-proto (owned and borrowed) for
//! `micro_messages.bin`, and a `memcpy` of each payload as the limit. Three ops per coder: `decode` (`from_bytes`),
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
use tl_bench::{
    micro, micro_borrowed, payload, telegram as ours, telegram_borrowed as ours_b, tlproto,
};
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

/// Our encode into a reused buffer.
fn encode_into<T: tl_runtime::Serialize>(v: &T, buf: &mut Vec<u8>) {
    buf.clear();
    v.serialize(buf);
}

/// Our coder (owned or borrowed) of the type `decode` gives.
type OursCoder<D, T> = Coder<D, fn(&T) -> Vec<u8>, fn(&T, &mut Vec<u8>)>;

fn ours_coder<T: tl_runtime::Serialize, D>(name: &'static str, decode: D) -> OursCoder<D, T> {
    Coder {
        name,
        decode,
        to_bytes: |v| v.to_bytes(),
        encode: encode_into::<T>,
    }
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
    /// `$b`: the borrowed type's path (it takes `<'_>`).
    macro_rules! payload_group {
        ($file:literal, $ours:ty, $($b:ident)::+, $gr:ty, $skip:expr) => {{
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
                    encode: encode_into::<$ours>,
                },
            );
            fn decode_b(b: &[u8]) -> $($b)::+<'_> {
                <$($b)::+<'_>>::from_bytes(b).expect(concat!("ours-borrowed: ", $file))
            }
            bench_coder(
                &mut g,
                &bytes,
                ours_coder("ours-borrowed", decode_b),
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
        ours_b::enums::Updates,
        gr::enums::Updates,
        0
    );
    payload_group!(
        "updates.bin",
        ours::enums::Updates,
        ours_b::enums::Updates,
        gr::enums::Updates,
        0
    );
    payload_group!(
        "channel_messages.bin",
        ours::enums::messages::Messages,
        ours_b::enums::messages::Messages,
        gr::enums::messages::Messages,
        0
    );
    payload_group!(
        "send_message.bin",
        ours::functions::messages::SendMessage,
        ours_b::functions::messages::SendMessage,
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
            encode: encode_into::<Ours>,
        },
    );
    type OursB<'a> = Vec<micro_borrowed::types::MicroMessage<'a>>;
    fn decode_b(b: &[u8]) -> OursB<'_> {
        OursB::from_bytes(b).expect("ours-borrowed: micro_messages")
    }
    bench_coder(&mut g, &bytes, ours_coder("ours-borrowed", decode_b));
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

/// Prints one table of this run's medians: per payload and op, each coder's time; the anchor's
/// time over ours (above 1 we are faster): grammers' over ours and over ours borrowed for the
/// Telegram payloads, tl-proto's owned over ours and its borrowed over ours borrowed for
/// `micro_messages`; and how many `memcpy`s of the payload our time is.
fn print_table(since: SystemTime) {
    let Some(dir) = criterion_dir() else { return };
    let groups = [
        ("update_short_message", "grammers", "grammers"),
        ("updates", "grammers", "grammers"),
        ("channel_messages", "grammers", "grammers"),
        ("send_message", "grammers", "grammers"),
        ("micro_messages", "tl-proto", "tl-proto-borrowed"),
    ];
    let cell = |t: Option<f64>| t.map_or(String::new(), fmt_time);
    let ratio = |a: Option<f64>, b: Option<f64>, unit: &str| match (a, b) {
        (Some(a), Some(b)) => format!("{:.2}{unit}", a / b),
        _ => String::new(),
    };
    let mut lines = Vec::new();
    for (group, anchor, anchor_b) in groups {
        let memcpy = median_ns(&dir, group, "copy/memcpy", since);
        for op in ["decode", "to_bytes", "encode"] {
            let time = |coder: &str| median_ns(&dir, group, &format!("{op}/{coder}"), since);
            let (ours, ours_b) = (time("ours"), time("ours-borrowed"));
            if ours.is_none() && ours_b.is_none() {
                continue;
            }
            let (a, a_b) = (time(anchor), time(anchor_b));
            let anchors = if anchor == anchor_b {
                format!("{anchor} {}", cell(a))
            } else {
                format!("{anchor} {}, {anchor_b} {}", cell(a), cell(a_b))
            };
            lines.push(format!(
                "| {group} | {op} | {} | {} | {anchors} | {} | {} | {} | {} | {} |",
                cell(ours),
                cell(ours_b),
                ratio(a, ours, "×"),
                ratio(a_b, ours_b, "×"),
                cell(memcpy),
                ratio(ours, memcpy, ""),
                ratio(ours_b, memcpy, ""),
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    println!();
    println!(
        "Medians of this run. anchor / ours: above 1 we are faster (micro_messages: tl-proto owned \
         / ours, tl-proto borrowed / ours borrowed); ÷ memcpy: how many memcpys of the payload \
         our time is."
    );
    println!();
    println!("| payload | op | ours | ours borrowed | anchor | anchor / ours | anchor / ours borrowed | memcpy | ours ÷ memcpy | borrowed ÷ memcpy |");
    println!("|---|---|---:|---:|---|---:|---:|---:|---:|---:|");
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
