//! Hostile bytes (issue 5): decoding never panics, never overflows the stack, never allocates more
//! than the input justifies.
//!
//! The suite's counting allocator (`tl_schema_tests::alloc`) counts every byte the program asks
//! the allocator for (per thread, so tests running in parallel do not mix), which proves the
//! allocation bound of the README:
//!
//! > decoding `n` bytes allocates at most `B × n + 4,096` bytes (+ the one boxed `Error`), `B`
//! > the schema's `ALLOC_PER_INPUT_BYTE` (38 for layer 230; `alloc_bound.rs` checks every
//! > schema's).
//!
//! `Limits::alloc_budget` enforces it (every allocation of the decoder is charged before it is
//! made); the tests here check that the accounting misses nothing, over the bench payloads, the
//! 1M-empty-updates input, huge declared lengths and 100,000+ mutated inputs.

use std::time::Instant;

use crate::payload;
use tl_runtime::{BareDeserialize, Deserialize, ErrorKind, Limits, Serialize, VECTOR_ID};
use tl_schema_tests::alloc::allocated_by;
use tl_schema_tests::mutate::{mutate, Rng};
use tl_schema_tests::telegram::{enums, functions, types};

#[path = "../../../fuzz/src/container.rs"]
mod container;

/// The `micro_messages.bin` payload's own (made-up) constructor, with the three entity kinds it uses.
mod micro {
    tl_runtime::tl_schema!(
        r#"
        messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
        messageEntityItalic#826f8b60 offset:int length:int = MessageEntity;
        messageEntityTextUrl#76a6d327 offset:int length:int url:string = MessageEntity;
        microMessage#5eb1c0de id:int date:int from_id:long peer_id:long text:string payload:bytes entities:Vector<MessageEntity> = MicroMessage;
        "#
    );
}

/// The stated bound: `C × n + K`, C layer 230's `ALLOC_PER_INPUT_BYTE` (the default budget of
/// its types), K covering the budget's slack and the one boxed `Error`.
const C: usize = tl_schema_tests::telegram::ALLOC_PER_INPUT_BYTE as usize;
const K: usize = Limits::ALLOC_SLACK + ERROR_ALLOWANCE;
/// The one boxed `Error` of a failed decode, with the room for its path.
const ERROR_ALLOWANCE: usize = Limits::DEFAULT.error_alloc();

fn bound(n: usize) -> usize {
    C * n + K
}

// ---------------------------------------------------------------------------------------------
// Inputs

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

const TEXT_BOLD: u32 = 0x6724_abc4;
const TEXT_EMPTY: u32 = 0xdc3d_824f;
const PAGE_BLOCK_COVER: u32 = 0x39f2_3300;
const PAGE_BLOCK_DIVIDER: u32 = 0xdb20_b188;
const UPDATES: u32 = 0x74ae_4240;
const UPDATE_CONFIG: u32 = 0xa229_dd06;
const UPDATE_SHORT_MESSAGE: u32 = 0x313b_c7f8;

/// `n` nested `wrap` constructors around one `leaf`.
fn nested(wrap: u32, leaf: u32, n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 * n + 4);
    for _ in 0..n {
        out.extend(wrap.to_le_bytes());
    }
    out.extend(leaf.to_le_bytes());
    out
}

/// `updates#74ae4240` holding `n` `updateConfig#a229dd06` (4 bytes each), no users, no chats.
fn empty_updates(n: usize) -> Vec<u8> {
    let mut out = le(&[UPDATES, VECTOR_ID, n as u32]);
    out.reserve(4 * n + 20);
    for _ in 0..n {
        out.extend(UPDATE_CONFIG.to_le_bytes());
    }
    out.extend(le(&[VECTOR_ID, 0, VECTOR_ID, 0, 1_700_000_000, 7]));
    out
}

/// The decoders under test, by name: decode `buf` with `limits`, say whether it decoded.
type Decode = fn(&[u8], Limits) -> bool;

fn decoders() -> [(&'static str, Decode); 5] {
    [
        ("Updates", |b, l| {
            enums::Updates::from_bytes_with(b, l).is_ok()
        }),
        ("messages.Messages", |b, l| {
            enums::messages::Messages::from_bytes_with(b, l).is_ok()
        }),
        ("messages.sendMessage", |b, l| {
            functions::messages::SendMessage::from_bytes_with(b, l).is_ok()
        }),
        ("Vector<microMessage>", |b, l| {
            Vec::<micro::types::MicroMessage>::from_bytes_with(b, l).is_ok()
        }),
        ("msg_container", |b, l| {
            container::decode_container(b, l).is_ok()
        }),
    ]
}

/// Every bench payload with the decoder of its type, plus a container holding three of them.
fn seeds() -> Vec<(Vec<u8>, Decode)> {
    let d = decoders();
    let short = payload("update_short_message.bin");
    let updates = payload("updates.bin");
    let page = payload("channel_messages.bin");
    let boxed = container::encode_container(&[
        (1, 1, &short[..]),
        (2, 3, &updates[..]),
        (3, 5, &container::rpc_result(9, &page)[..]),
    ]);
    vec![
        (short, d[0].1),
        (updates, d[0].1),
        (page, d[1].1),
        (payload("send_message.bin"), d[2].1),
        (payload("micro_messages.bin"), d[3].1),
        (boxed, d[4].1),
    ]
}

// ---------------------------------------------------------------------------------------------
// Depth

/// Runs `f` on a thread with a 1 MiB stack.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .expect("the 1 MiB-stack thread panicked");
}

#[test]
fn million_nested_text_bold_is_an_error_on_a_1mib_stack() {
    on_small_stack(|| {
        let bytes = nested(TEXT_BOLD, TEXT_EMPTY, 1_000_000);
        let (result, used) = allocated_by(|| enums::RichText::from_bytes(&bytes));
        let e = result.unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 64 });
        // The offset is the one just after the id of the first value one level too deep.
        assert_eq!((e.offset(), e.expected()), (65 * 4, "RichText"));
        assert!(used <= bound(bytes.len()), "{used}");
        // The deepest value the default limit allows: 63 `textBold` around a `textEmpty`. It
        // decodes, re-encodes, and is dropped (recursively) on the same small stack.
        let deepest = nested(TEXT_BOLD, TEXT_EMPTY, 63);
        let value = enums::RichText::from_bytes(&deepest).unwrap();
        assert_eq!(value.to_bytes(), deepest);
        drop(value);
        let e = enums::RichText::from_bytes(&nested(TEXT_BOLD, TEXT_EMPTY, 64)).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 64 });
    });
}

#[test]
fn deep_page_blocks_on_a_1mib_stack() {
    // `PageBlock` has the largest decoder of the recursive types (some 30 variants).
    on_small_stack(|| {
        let bytes = nested(PAGE_BLOCK_COVER, PAGE_BLOCK_DIVIDER, 1_000_000);
        let e = enums::PageBlock::from_bytes(&bytes).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 64 });
        let deepest = nested(PAGE_BLOCK_COVER, PAGE_BLOCK_DIVIDER, 63);
        let value = enums::PageBlock::from_bytes(&deepest).unwrap();
        assert_eq!(value.to_bytes(), deepest);
        drop(value);
    });
}

// ---------------------------------------------------------------------------------------------
// Length prefixes

#[test]
fn huge_lengths_with_nothing_behind_them() {
    // (what, input, decoder, offset of the length, expected type, declared)
    let short_message_head = {
        let mut b = le(&[UPDATE_SHORT_MESSAGE, 0, 42]);
        b.extend(777_i64.to_le_bytes());
        b
    };
    let mut bytes_max = short_message_head.clone();
    bytes_max.extend([0xfe, 0xff, 0xff, 0xff]);
    let mut bytes_max_padded = bytes_max.clone();
    bytes_max_padded.extend([0; 64]);
    let cases: Vec<(&str, Vec<u8>, usize, &str, usize)> = vec![
        (
            "Vector<Update> count 0x7fffffff",
            le(&[UPDATES, VECTOR_ID, 0x7fff_ffff]),
            8,
            "Vector",
            0x7fff_ffff,
        ),
        (
            "Vector<Update> count 0x7fffffff, 64 bytes behind",
            [le(&[UPDATES, VECTOR_ID, 0x7fff_ffff]), vec![0; 64]].concat(),
            8,
            "Vector",
            0x7fff_ffff,
        ),
        (
            "Vector<Update> count -1",
            le(&[UPDATES, VECTOR_ID, 0xffff_ffff]),
            8,
            "Vector",
            0xffff_ffff,
        ),
        ("string length 0xffffff", bytes_max, 20, "string", 0xff_ffff),
        (
            "string length 0xffffff, 64 bytes behind",
            bytes_max_padded,
            20,
            "string",
            0xff_ffff,
        ),
    ];
    for (what, input, offset, expected, declared) in cases {
        let (result, used) = allocated_by(|| enums::Updates::from_bytes(&input));
        let e = result.unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::LengthTooLarge { declared: d, .. } if *d == declared),
            "{what}: {e}"
        );
        assert_eq!((e.offset(), e.expected()), (offset, expected), "{what}");
        assert!(used <= ERROR_ALLOWANCE, "{what}: allocated {used} bytes");
    }
    // `messages.channelMessages` and a bare `vector<long>` likewise.
    let mut page = le(&[0xc776_ba4e, 0, 1, 2, VECTOR_ID, 0x7fff_ffff]);
    page.extend([0; 16]);
    let (r, used) = allocated_by(|| enums::messages::Messages::from_bytes(&page));
    assert!(matches!(
        r.unwrap_err().kind(),
        ErrorKind::LengthTooLarge { .. }
    ));
    assert!(used <= ERROR_ALLOWANCE);
    let (r, used) = allocated_by(|| Vec::<i64>::from_bytes_bare(&le(&[0x7fff_ffff, 1, 2])));
    assert!(matches!(
        r.unwrap_err().kind(),
        ErrorKind::LengthTooLarge { .. }
    ));
    assert!(used <= ERROR_ALLOWANCE);
}

#[test]
fn huge_declared_lengths_allocate_nothing_for_them() {
    // A count or length of 2^31 − 1 or 2^24 − 1 with nothing (or a little) behind it, into
    // vectors, strings and bytes: refused before anything is allocated for it.
    let inputs: &[Vec<u8>] = &[
        le(&[VECTOR_ID, 0x7fff_ffff]),
        le(&[VECTOR_ID, 0x7fff_ffff, 0, 0]),
        vec![0xfe, 0xff, 0xff, 0xff],
        vec![0xfe, 0xff, 0xff, 0xff, 0, 0, 0, 0],
    ];
    type Decodes = fn(&[u8]) -> bool;
    for input in inputs {
        let cases: [(&str, Decodes); 4] = [
            ("Vector<long>", |b| Vec::<i64>::from_bytes(b).is_ok()),
            ("Vector<string>", |b| Vec::<String>::from_bytes(b).is_ok()),
            ("string", |b| String::from_bytes(b).is_ok()),
            ("Vector<bytes>", |b| {
                use tl_runtime::{Bytes, Decode, Vector};
                let mut r = tl_runtime::Reader::new(b);
                let v = <Vector<Bytes> as Decode<Vec<Vec<u8>>>>::read(&mut r);
                r.result_of(v).is_ok()
            }),
        ];
        for (what, decode) in cases {
            let (ok, used) = allocated_by(|| decode(input));
            assert!(!ok, "{what}: {input:02x?}");
            assert!(
                used <= ERROR_ALLOWANCE,
                "{what}: allocated {used} for {input:02x?}"
            );
        }
    }
}

#[test]
fn a_vector_buffer_is_charged_before_it_is_allocated() {
    // 100 declared elements of a 4 KiB type, each at least 4 bytes on the wire, then 400 bytes:
    // the count fits the input, the 400 KiB buffer does not fit a budget of 16 × 408 + 4 KiB.
    // (By default a `Vec<Big>` would get its own bound, 1,040 bytes per input byte: what a
    // valid vector of 4-byte `Big`s needs.)
    struct Big(#[allow(dead_code)] [u8; 4096]);
    impl<'de> Deserialize<'de> for Big {
        fn read(r: &mut tl_runtime::Reader<'de>) -> Option<Self> {
            let id = r.get_u32("Big");
            r.fail_unknown(id, "Big");
            None
        }
    }
    let mut input = le(&[VECTOR_ID, 100]);
    input.resize(8 + 400, 0);
    let sixteen = Limits {
        alloc_per_input_byte: 16,
        ..Limits::DEFAULT
    };
    assert_eq!(<Vec<Big>>::ALLOC_PER_INPUT_BYTE, 16 + 4096 / 4);
    let (r, used) = allocated_by(|| Vec::<Big>::from_bytes_with(&input, sixteen));
    let Err(e) = r else {
        panic!("decoded");
    };
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    assert!(used <= ERROR_ALLOWANCE, "allocated {used}");
}

// ---------------------------------------------------------------------------------------------
// Memory

#[test]
fn million_empty_updates_within_the_allocation_bound() {
    let bytes = empty_updates(1_000_000);
    assert_eq!(bytes.len(), 4_000_036);
    let (value, used) = allocated_by(|| enums::Updates::from_bytes(&bytes).unwrap());
    let enums::Updates::Updates(u) = &value else {
        panic!("expected updates");
    };
    assert_eq!(u.updates.len(), 1_000_000);
    assert!(u
        .updates
        .iter()
        .all(|x| matches!(x, enums::Update::UpdateConfig(_))));
    // 1M × size_of::<Update>() (≤ 64) for the vector, one Box<types::Updates>: ≤ 16 × the input.
    let expected = 1_000_000 * size_of::<enums::Update>() + size_of::<types::Updates>();
    assert_eq!(used, expected);
    assert!(
        used <= bound(bytes.len()),
        "{used} > {}",
        bound(bytes.len())
    );
    eprintln!(
        "1M empty updates: {} input bytes, {used} allocated ({:.2}×; grammers: 1,310×)",
        bytes.len(),
        used as f64 / bytes.len() as f64
    );
    // A tighter budget refuses it before allocating the vector.
    let tight = Limits {
        alloc_per_input_byte: 8,
        ..Limits::DEFAULT
    };
    let (r, used) = allocated_by(|| enums::Updates::from_bytes_with(&bytes, tight));
    let e = r.unwrap_err();
    let requested = 1_000_000 * size_of::<enums::Update>();
    assert!(
        matches!(e.kind(), ErrorKind::AllocLimit { requested: r, .. } if *r == requested),
        "{e}"
    );
    assert_eq!((e.offset(), e.expected()), (8, "Vector"));
    assert!(used <= ERROR_ALLOWANCE);
}

#[test]
fn bench_payloads_within_the_allocation_bound() {
    for (input, decode) in seeds() {
        for limits in [Limits::DEFAULT, Limits::STRICT] {
            let (ok, used) = allocated_by(|| decode(&input, limits));
            assert!(ok);
            assert!(used <= bound(input.len()));
            // Real traffic needs far less than the bound: under 8 bytes per input byte.
            assert!(used < 8 * input.len(), "{used} for {}", input.len());
            if !limits.strict {
                eprintln!(
                    "{} input bytes: {used} allocated ({:.2}×)",
                    input.len(),
                    used as f64 / input.len() as f64
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Truncation, strict mode, limits

#[test]
fn every_prefix_of_every_bench_payload_is_an_error() {
    // Decoding every prefix costs O(n²): debug builds (what CI runs) take every prefix of the
    // payloads up to 20 KB and every 5th prefix of the larger ones (~50 KB), release builds every
    // prefix of all (`cargo test --release -p tl-schema-tests --test hostile`). Strict mode every
    // 61st. One thread per payload.
    let handles: Vec<_> = seeds()
        .into_iter()
        .map(|(input, decode)| {
            std::thread::spawn(move || {
                let step = if cfg!(debug_assertions) && input.len() > 20_000 {
                    5
                } else {
                    1
                };
                for end in (0..input.len()).step_by(step) {
                    assert!(!decode(&input[..end], Limits::DEFAULT), "prefix {end}");
                }
                for end in (0..input.len()).step_by(61) {
                    assert!(
                        !decode(&input[..end], Limits::STRICT),
                        "strict prefix {end}"
                    );
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// `update_short_message.bin` with its 25-byte `message` (at offset 20) rewritten by `f`.
fn short_message_with(f: impl FnOnce(&mut Vec<u8>, &[u8])) -> Vec<u8> {
    let bytes = payload("update_short_message.bin");
    assert_eq!(bytes[20], 25);
    let text = bytes[21..46].to_vec();
    let mut out = bytes[..20].to_vec();
    f(&mut out, &text);
    out.extend_from_slice(&bytes[48..]);
    out
}

#[test]
fn strict_mode_rejections() {
    let canonical = payload("update_short_message.bin");
    let value = enums::Updates::from_bytes_with(&canonical, Limits::STRICT).unwrap();
    let strict = |b: &[u8]| enums::Updates::from_bytes_with(b, Limits::STRICT);
    // The 0xfe length form for a 25-byte string.
    let long_form = short_message_with(|out, text| {
        out.extend([0xfe, 25, 0, 0]);
        out.extend_from_slice(text);
        out.extend([0; 3]);
    });
    assert_eq!(enums::Updates::from_bytes(&long_form).unwrap(), value);
    let e = strict(&long_form).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NonCanonicalLength { len: 25 });
    assert_eq!((e.offset(), e.expected()), (20, "string"));
    // Non-zero padding.
    let mut padded = canonical.clone();
    padded[47] = 0x55;
    assert_eq!(enums::Updates::from_bytes(&padded).unwrap(), value);
    let e = strict(&padded).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (&ErrorKind::NonZeroPadding, 20));
    // Trailing bytes: rejected by default, accepted with `allow_trailing`, never when strict.
    let mut trailing = canonical.clone();
    trailing.extend([0; 4]);
    assert!(enums::Updates::from_bytes(&trailing).is_err());
    let allow = Limits {
        allow_trailing: true,
        ..Limits::DEFAULT
    };
    assert_eq!(
        enums::Updates::from_bytes_with(&trailing, allow).unwrap(),
        value
    );
    let e = enums::Updates::from_bytes_with(
        &trailing,
        Limits {
            strict: true,
            ..allow
        },
    )
    .unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::TrailingBytes { remaining: 4 });
    // Invalid UTF-8 is an error in every mode.
    let mut bad = canonical.clone();
    bad[21] = 0xff;
    for limits in [Limits::DEFAULT, Limits::STRICT] {
        let e = enums::Updates::from_bytes_with(&bad, limits).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (&ErrorKind::InvalidUtf8, 20));
    }
    // Every bench payload is canonical.
    for (input, decode) in seeds() {
        assert!(decode(&input, Limits::STRICT));
    }
}

/// Strict mode rejects flags-word bits that no field of the constructor is on; the default
/// accepts them (and re-encodes without them).
#[test]
fn undefined_flag_bits_are_rejected_in_strict_mode() {
    let canonical = payload("update_short_message.bin");
    let mut odd = canonical.clone();
    odd[7] |= 0x40; // bit 30 of updateShortMessage.flags: no field is on it
    let value = enums::Updates::from_bytes(&odd).unwrap();
    assert!(value.to_bytes() == canonical);
    let e = enums::Updates::from_bytes_with(&odd, Limits::STRICT).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UndefinedFlags {
            word: "flags",
            bits: 0x4000_0000
        }
    );
    assert_eq!(
        e.to_string(),
        "flags word `flags` sets bits 0x40000000 that no field is on at byte offset 4 while \
         decoding updateShortMessage (strict), in updateShortMessage.flags"
    );
    // The second flags word of a message, nested in a vector.
    let message: types::Message = serde_json::from_str(
        r#"{"_":"message","id":1,"peer_id":{"_":"peerUser","user_id":"1"},"date":0,"message":""}"#,
    )
    .unwrap();
    let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0];
    bytes.extend(message.to_bytes());
    bytes[8 + 11] |= 0x80; // bit 31 of flags2 (after the id and flags)
    let e = Vec::<enums::Message>::from_bytes_with(&bytes, Limits::STRICT).unwrap_err();
    assert_eq!(
        e.to_string(),
        "flags word `flags2` sets bits 0x80000000 that no field is on at byte offset 16 while \
         decoding message (strict), in [0].flags2"
    );
    assert!(Vec::<enums::Message>::from_bytes(&bytes).is_ok());
    // Defined bits pass strict mode: every bench payload decodes strictly.
    let strict = Limits::STRICT;
    assert!(enums::Updates::from_bytes_with(&payload("updates.bin"), strict).is_ok());
    let page = payload("channel_messages.bin");
    assert!(enums::messages::Messages::from_bytes_with(&page, strict).is_ok());
    let call = payload("send_message.bin");
    assert!(functions::messages::SendMessage::from_bytes_with(&call, strict).is_ok());
}

#[test]
fn each_limit_names_itself_and_the_place() {
    let updates = payload("updates.bin");
    let with = |l: Limits| enums::Updates::from_bytes_with(&updates, l).unwrap_err();
    let e = with(Limits {
        max_vector_len: 10,
        ..Limits::DEFAULT
    });
    assert_eq!(e.kind(), &ErrorKind::VectorLimit { len: 50, max: 10 });
    assert_eq!((e.offset(), e.expected()), (8, "Vector"));
    assert!(e.to_string().contains("Limits::max_vector_len"), "{e}");
    let e = with(Limits {
        max_bytes_len: 16,
        ..Limits::DEFAULT
    });
    assert!(
        matches!(e.kind(), ErrorKind::BytesLimit { max: 16, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("Limits::max_bytes_len"), "{e}");
    let e = with(Limits {
        alloc_per_input_byte: 1,
        ..Limits::DEFAULT
    });
    assert!(matches!(e.kind(), ErrorKind::AllocLimit { .. }), "{e}");
    let e = with(Limits {
        max_alloc: 1000,
        ..Limits::DEFAULT
    });
    assert!(
        matches!(e.kind(), ErrorKind::AllocLimit { budget: 1000, .. }),
        "{e}"
    );
    let e = with(Limits {
        max_depth: 2,
        ..Limits::DEFAULT
    });
    assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 2 });
}

// ---------------------------------------------------------------------------------------------
// Deterministic mutation fuzzing

/// Decodes `buf` in both modes with every decoder; checks the allocation bound each time.
fn check_all(buf: &[u8]) -> usize {
    let mut decoded = 0;
    for (_, decode) in decoders() {
        for limits in [Limits::DEFAULT, Limits::STRICT] {
            let (ok, used) = allocated_by(|| decode(buf, limits));
            assert!(
                used <= bound(buf.len()),
                "allocated {used} for {} bytes: {buf:02x?}",
                buf.len()
            );
            decoded += usize::from(ok);
        }
    }
    decoded
}

/// A decoded value re-encodes to bytes that decode to the same encoding.
fn check_stable<T: Serialize + tl_runtime::DeserializeOwned>(buf: &[u8]) {
    if let Ok(v) = T::from_bytes(buf) {
        let bytes = v.to_bytes();
        assert_eq!(bytes.len(), v.serialized_len());
        let roomy = Limits {
            alloc_per_input_byte: u32::MAX,
            ..Limits::DEFAULT
        };
        let again = T::from_bytes_with(&bytes, roomy).expect("re-encoding decodes");
        assert!(
            again.to_bytes() == bytes,
            "unstable re-encoding of {buf:02x?}"
        );
    }
}

#[test]
fn mutated_bench_payloads_never_panic() {
    // Small inputs are mutated whole; from the large payloads a window of up to 2 KiB is cut
    // (at a 4-byte boundary, so constructor ids line up), which keeps the run short in debug
    // builds. Every case is decoded by all five decoders in both modes.
    let seeds = seeds();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let start = Instant::now();
    let (mut cases, mut decoded) = (0usize, 0usize);
    while cases < 100_000 {
        let (seed, _) = &seeds[rng.below(seeds.len())];
        let mut buf = if seed.len() <= 512 {
            seed.clone()
        } else {
            // Half of the windows start at the root constructor.
            let from = if rng.below(2) == 0 {
                0
            } else {
                rng.below(seed.len() - 64) & !3
            };
            let len = 64 + rng.below(2048);
            seed[from..(from + len).min(seed.len())].to_vec()
        };
        mutate(&mut rng, &mut buf);
        decoded += check_all(&buf);
        check_stable::<enums::Updates>(&buf);
        check_stable::<enums::messages::Messages>(&buf);
        cases += 1;
    }
    // Whole large payloads with a few mutations, fewer of them.
    for _ in 0..300 {
        let (seed, _) = &seeds[rng.below(seeds.len())];
        let mut buf = seed.clone();
        mutate(&mut rng, &mut buf);
        decoded += check_all(&buf);
        check_stable::<enums::Updates>(&buf);
        check_stable::<enums::messages::Messages>(&buf);
        cases += 1;
    }
    eprintln!(
        "{cases} mutated inputs, {decoded} decodes succeeded, {:.1} s",
        start.elapsed().as_secs_f64()
    );
    assert!(cases >= 100_000);
}
