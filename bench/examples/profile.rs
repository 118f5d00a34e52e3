//! A loop over one decoder or encoder, for profilers (criterion's own loop is noisy under
//! callgrind): `cargo build --release --example profile`, then e.g.
//! `valgrind --tool=callgrind target/release/examples/profile micro-decode-ours 200`.

use std::hint::black_box;

use grammers_tl_types::{Deserializable as _, Serializable as _};
use tl_bench::{micro, micro_borrowed, payload, telegram, telegram_borrowed, tlproto};
use tl_runtime::{Deserialize as _, Serialize as _};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().expect("what to run");
    let n: usize = args.next().map_or(100, |s| s.parse().expect("iterations"));
    let micro_bytes = payload("micro_messages.bin");
    let updates = payload("updates.bin");
    let channel = payload("channel_messages.bin");
    let short = payload("update_short_message.bin");
    let encoder = what.contains("encode");
    for _ in 0..if encoder { 0 } else { n } {
        match what.as_str() {
            "micro-decode-ours" => {
                black_box(
                    Vec::<micro::types::MicroMessage>::from_bytes(black_box(&micro_bytes)).unwrap(),
                );
            }
            "micro-decode-borrowed" => {
                black_box(
                    Vec::<micro_borrowed::types::MicroMessage<'_>>::from_bytes(black_box(
                        &micro_bytes,
                    ))
                    .unwrap(),
                );
            }
            "micro-decode-tlproto-borrowed" => {
                black_box(
                    tl_proto::deserialize::<tlproto::MessagesRef<'_>>(black_box(&micro_bytes))
                        .unwrap(),
                );
            }
            "channel-decode-borrowed" => {
                black_box(
                    telegram_borrowed::enums::messages::Messages::from_bytes(black_box(&channel))
                        .unwrap(),
                );
            }
            "micro-decode-tlproto" => {
                black_box(
                    tl_proto::deserialize::<tlproto::Messages>(black_box(&micro_bytes)).unwrap(),
                );
            }
            "short-decode-ours" => {
                black_box(telegram::enums::Updates::from_bytes(black_box(&short)).unwrap());
            }
            "channel-decode-ours" => {
                black_box(
                    telegram::enums::messages::Messages::from_bytes(black_box(&channel)).unwrap(),
                );
            }
            "channel-decode-grammers" => {
                black_box(
                    grammers_tl_types::enums::messages::Messages::from_bytes(black_box(&channel))
                        .unwrap(),
                );
            }
            _ if encoder => unreachable!(),
            other => panic!("unknown: {other}"),
        }
    }
    // Encoders: decode once, encode n times.
    if what == "micro-encode-ours" {
        let v = Vec::<micro::types::MicroMessage>::from_bytes(&micro_bytes).unwrap();
        for _ in 0..n {
            black_box(black_box(&v).to_bytes());
        }
    } else if what == "micro-encode-tlproto" {
        let v = tl_proto::deserialize::<tlproto::Messages>(&micro_bytes).unwrap();
        for _ in 0..n {
            black_box(tl_proto::serialize(black_box(&v)));
        }
    } else if what == "channel-encode-ours" {
        let v = telegram::enums::messages::Messages::from_bytes(&channel).unwrap();
        for _ in 0..n {
            black_box(black_box(&v).to_bytes());
        }
    } else if what == "channel-encode-grammers" {
        let v = grammers_tl_types::enums::messages::Messages::from_bytes(&channel).unwrap();
        for _ in 0..n {
            black_box(black_box(&v).to_bytes());
        }
    } else if what == "updates-encode-ours" {
        let v = telegram::enums::Updates::from_bytes(&updates).unwrap();
        for _ in 0..n {
            black_box(black_box(&v).to_bytes());
        }
    } else if what == "updates-encode-grammers" {
        let v = grammers_tl_types::enums::Updates::from_bytes(&updates).unwrap();
        for _ in 0..n {
            black_box(black_box(&v).to_bytes());
        }
    }
}
