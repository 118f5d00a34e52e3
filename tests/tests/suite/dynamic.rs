//! `tl`'s dynamic decoder (tl-cli) against the generated code: the bench payloads, mutations of
//! them, nesting past the depth limit and sampled round-trip property values of layer 230,
//! td_api and ton_api decode dynamically, re-encode to the same bytes, and fail where the
//! generated decoders fail, at the same offset with the same error.

use std::sync::OnceLock;

use crate::payload;
use tl_cli::decode::Problem;
use tl_cli::json::{from_json, to_json};
use tl_cli::{decode, encode, DecodeError, Root, Schema, SchemaOptions, Ty, Value};
use tl_cli::{IdRule, Source};
use tl_runtime::arbitrary::Arbitrary;
use tl_runtime::{Deserialize, DeserializeOwned, Limits, Serialize, TypeVisitor};
use tl_schema_tests::round_trip::TypeFns;
use tl_schema_tests::telegram::{enums, functions};

fn shared(path: &str) -> String {
    format!("{}/../../shared/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Loads schema files (and inline texts) as the dynamic decoder's schema.
fn load(files: &[&str], inline: &[&str], id_rule: IdRule) -> Schema {
    let mut sources: Vec<Source> = files
        .iter()
        .map(|f| {
            let path = shared(&format!("schemas/{f}"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            Source::file(path, text)
        })
        .collect();
    sources.extend(inline.iter().map(|t| Source::inline(*t)));
    let options = SchemaOptions {
        id_rule,
        ..SchemaOptions::default()
    };
    tl_cli::load(&sources, &options).unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

/// Layer 230 with grammers' MTProto, as `tl_schema_tests::telegram` expands it.
fn telegram() -> &'static Schema {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        load(
            &["telegram-api-layer230.tl", "mtproto-grammers.tl"],
            &[],
            IdRule::Telegram,
        )
    })
}

/// Dynamic decode of all of `bytes` as `root`, and its re-encoding.
fn dynamic(
    schema: &Schema,
    bytes: &[u8],
    root: &Root,
    limits: Limits,
) -> Result<(Value, Vec<u8>), DecodeError> {
    let value = decode(schema, bytes, root, limits)?;
    let back = encode(schema, &root.ty(), &value).unwrap_or_else(|e| panic!("re-encoding: {e}"));
    Ok((value, back))
}

/// The values of the argument `name` of an object.
fn arg<'v>(schema: &Schema, value: &'v Value, name: &str) -> Option<&'v Value> {
    let Value::Object(o) = value else { return None };
    let def = schema.defs.get(o.def)?;
    // Flags words and present values have a value each, `?true` flags none.
    let mut values = o.values.iter();
    let mut words = Vec::new();
    for item in &def.items {
        match item {
            tl_cli::schema::Item::Flag { .. } => continue,
            tl_cli::schema::Item::FlagWord { .. } => {
                if let Some(Value::Nat(w)) = values.next() {
                    words.push(*w);
                }
            }
            tl_cli::schema::Item::Value { name: n, cond, .. } => {
                let set =
                    cond.is_none_or(|b| words.get(b.word).is_some_and(|w| w & (1 << b.bit) != 0));
                if !set {
                    continue;
                }
                let v = values.next();
                if n == name {
                    return v;
                }
            }
        }
    }
    None
}

fn len_of(schema: &Schema, value: &Value, name: &str) -> usize {
    match arg(schema, value, name) {
        Some(Value::Vector(items)) => items.len(),
        other => panic!("{name}: {other:?}"),
    }
}

/// Each bench payload decodes dynamically, by dispatch and as its type, into the same tree, and
/// re-encodes to its bytes, which the generated code's re-encoding also gives.
/// A generated decoder and encoder, run on a payload: its bytes again.
type Reencode = fn(&[u8]) -> Vec<u8>;

#[test]
fn bench_payloads_agree_with_the_generated_code() {
    let schema = telegram();
    let generated: [(&str, &str, Reencode); 4] = [
        ("channel_messages.bin", "messages.Messages", |b| {
            enums::messages::Messages::from_bytes(b)
                .expect("generated")
                .to_bytes()
        }),
        ("updates.bin", "Updates", |b| {
            enums::Updates::from_bytes(b).expect("generated").to_bytes()
        }),
        ("update_short_message.bin", "Updates", |b| {
            enums::Updates::from_bytes(b).expect("generated").to_bytes()
        }),
        ("send_message.bin", "Function", |b| {
            functions::messages::SendMessage::from_bytes(b)
                .expect("generated")
                .to_bytes()
        }),
    ];
    for (name, ty, generated) in generated {
        let bytes = payload(name);
        let (value, back) = dynamic(schema, &bytes, &Root::Any, Limits::DEFAULT)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(back == bytes, "{name}: dynamic re-encoding differs");
        assert!(
            generated(&bytes) == back,
            "{name}: generated re-encoding differs"
        );
        let typed = Root::Type(schema.parse_type(ty).expect("type"));
        let (as_type, _) = dynamic(schema, &bytes, &typed, Limits::DEFAULT).expect("as its type");
        assert_eq!(as_type, value, "{name}");
        let (again, _) = dynamic(schema, &back, &Root::Any, Limits::DEFAULT).expect("again");
        assert_eq!(again, value, "{name}");
        let json = to_json(schema, &Ty::Answer, &value);
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let from = from_json(schema, &Ty::Answer, &parsed).expect("from JSON");
        assert_eq!(from, value, "{name}: JSON gives the tree back");
    }
    // The counts of the payloads' README.
    let page = decode(
        schema,
        &payload("channel_messages.bin"),
        &Root::Any,
        Limits::DEFAULT,
    )
    .expect("page");
    let counts = ["messages", "users", "chats"].map(|n| len_of(schema, &page, n));
    assert_eq!(counts, [100, 20, 5]);
    let updates =
        decode(schema, &payload("updates.bin"), &Root::Any, Limits::DEFAULT).expect("updates");
    let counts = ["updates", "users", "chats"].map(|n| len_of(schema, &updates, n));
    assert_eq!(counts, [50, 10, 3]);
}

/// `micro_messages.bin` is not a Telegram type: a schema line added to layer 230 decodes it.
#[test]
fn micro_messages_with_an_added_constructor() {
    let schema = load(
        &["telegram-api-layer230.tl"],
        &["microMessage#5eb1c0de id:int date:int from_id:long peer_id:long text:string payload:bytes entities:Vector<MessageEntity> = MicroMessage;"],
        IdRule::Telegram,
    );
    let bytes = payload("micro_messages.bin");
    let root = Root::Type(schema.parse_type("Vector<MicroMessage>").expect("type"));
    let (value, back) = dynamic(&schema, &bytes, &root, Limits::DEFAULT).expect("decodes");
    assert!(back == bytes, "re-encoding differs");
    let Value::Vector(items) = value else {
        panic!("a vector")
    };
    assert_eq!(items.len(), 165);
}

/// The generated decoder's outcome and the dynamic one's agree: the same re-encoding, or an
/// error of the same kind at the same offset with the same constructor id.
fn agree<G>(schema: &Schema, bytes: &[u8], root: &Root, generated: G, what: &str)
where
    G: Fn(&[u8]) -> tl_runtime::Result<Vec<u8>>,
{
    match (
        generated(bytes),
        dynamic(schema, bytes, root, Limits::DEFAULT),
    ) {
        (Ok(g), Ok((_, d))) => assert!(g == d, "{what}: re-encodings differ"),
        (Err(g), Err(d)) => assert_eq!(
            (Problem::Wire(*g.kind()), g.offset(), g.constructor_id()),
            (d.problem.clone(), d.offset, d.constructor_id),
            "{what}: generated `{g}`, dynamic `{d}`"
        ),
        (g, d) => panic!(
            "{what}: generated {:?}, dynamic {:?}",
            g.map(|_| ()).map_err(|e| e.to_string()),
            d.map(|_| ()).map_err(|e| e.to_string())
        ),
    }
}

/// Every prefix and many one-byte mutations of three payloads: both decoders accept the same
/// inputs (giving the same bytes back) and reject the others the same way.
#[test]
fn prefixes_and_mutations_agree_with_the_generated_code() {
    let schema = telegram();
    let updates = Root::Type(schema.parse_type("Updates").expect("Updates"));
    let updates_gen = |b: &[u8]| enums::Updates::from_bytes(b).map(|v| v.to_bytes());
    let send_gen = |b: &[u8]| functions::messages::SendMessage::from_bytes(b).map(|v| v.to_bytes());
    let short = payload("update_short_message.bin");
    let send = payload("send_message.bin");
    let big = payload("updates.bin");
    for end in 0..short.len() {
        agree(
            schema,
            &short[..end],
            &updates,
            updates_gen,
            &format!("prefix {end}"),
        );
    }
    for end in 0..send.len() {
        agree(
            schema,
            &send[..end],
            &Root::Function,
            send_gen,
            &format!("prefix {end}"),
        );
    }
    let mut rng = tl_schema_tests::mutate::Rng(0x2545_f491_4f6c_dd1d);
    let mut next = move || rng.next_u64();
    for (bytes, skip) in [(&short, 0), (&send, 4), (&big, 0)] {
        for _ in 0..400 {
            let mut m = bytes.clone();
            let at = skip + (next() as usize) % (m.len() - skip);
            m[at] ^= 1 << (next() % 8);
            if next() % 4 == 0 {
                m[at] = [0x00, 0xfe, 0xff, 0x7f][(next() % 4) as usize];
            }
            let what = format!("byte {at} mutated");
            if skip == 0 {
                agree(schema, &m, &updates, updates_gen, &what);
            } else {
                agree(schema, &m, &Root::Function, send_gen, &what);
            }
        }
    }
}

/// Nesting past `Limits::max_depth` fails in both decoders at the same place.
#[test]
fn depth_limit_agrees() {
    let schema = telegram();
    let rich = Root::Type(schema.parse_type("RichText").expect("RichText"));
    let generated = |b: &[u8]| enums::RichText::from_bytes(b).map(|v| v.to_bytes());
    for depth in [10, 63, 64, 65, 200] {
        let mut bytes: Vec<u8> = std::iter::repeat_n(0x6724_abc4_u32.to_le_bytes(), depth)
            .flatten()
            .collect();
        bytes.extend_from_slice(&0xdc3d_824f_u32.to_le_bytes());
        agree(schema, &bytes, &rich, generated, &format!("depth {depth}"));
    }
    let deep: Vec<u8> = std::iter::repeat_n(0x6724_abc4_u32.to_le_bytes(), 100)
        .flatten()
        .collect();
    let err = decode(schema, &deep, &rich, Limits::DEFAULT).expect_err("too deep");
    assert_eq!(
        err.to_string(),
        "nesting deeper than 64 at byte offset 260 while decoding RichText"
    );
}

/// Generated values may nest deeper and allocate more per input byte than the defaults allow.
const LIMITS: Limits = Limits {
    max_depth: 100_000,
    alloc_per_input_byte: u32::MAX,
    ..Limits::DEFAULT
};

/// Sampled property values of every type: encoded by the generated code, decoded dynamically
/// (by id dispatch), re-encoded to the same bytes, through JSON too.
struct Sample<'s> {
    schema: &'s Schema,
    rng: tl_schema_tests::mutate::Rng,
    types: usize,
    values: usize,
}

impl Sample<'_> {
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| (self.rng.next_u64() >> 56) as u8)
            .collect()
    }

    fn check(&mut self, tl_name: &str, bytes: &[u8]) {
        self.values += 1;
        let schema = self.schema;
        let fail = |what: String| -> ! {
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            panic!("{tl_name}: {what}\nencoding: {hex}")
        };
        let mut decoded = dynamic(schema, bytes, &Root::Any, LIMITS);
        let name_of = |v: &Value| match v {
            Value::Object(o) => schema.defs.get(o.def).map(|d| d.tl_name.clone()),
            _ => None,
        };
        if decoded
            .as_ref()
            .ok()
            .and_then(|(v, _)| name_of(v))
            .as_deref()
            != Some(tl_name)
        {
            // A function whose id is also a constructor's.
            decoded = dynamic(schema, bytes, &Root::Function, LIMITS);
        }
        let (value, back) =
            decoded.unwrap_or_else(|e| fail(format!("dynamic decoding failed: {e}")));
        if name_of(&value).as_deref() != Some(tl_name) {
            fail(format!("decoded as {:?}", name_of(&value)));
        }
        if back != bytes {
            fail("dynamic re-encoding differs".into());
        }
        let json = to_json(schema, &Ty::Answer, &value);
        let parsed: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| fail(format!("bad JSON {e}: {json}")));
        let from = from_json(schema, &Ty::Answer, &parsed)
            .unwrap_or_else(|e| fail(format!("from JSON: {e}")));
        match encode(schema, &Ty::Answer, &from) {
            Ok(again) if again == bytes => {}
            other => fail(format!("JSON re-encoding differs: {other:?}\n{json}")),
        }
    }
}

impl TypeVisitor for Sample<'_> {
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Serialize
            + DeserializeOwned
            + for<'a> Arbitrary<'a>
            + PartialEq
            + std::fmt::Debug
            + 'static,
    {
        self.sample_type(tl_name, TypeFns::of::<T>());
    }
}

impl Sample<'_> {
    // Not generic: compiled once, not once per type.
    fn sample_type(&mut self, tl_name: &'static str, fns: TypeFns) {
        self.types += 1;
        for len in [8, 40] {
            let data = self.bytes(len);
            if let Some((bytes, _)) = (fns.arbitrary)(&data) {
                self.check(tl_name, &bytes);
            }
        }
    }
}

fn sample(schema: &Schema, for_each_type: fn(&mut Sample<'_>)) {
    let mut visitor = Sample {
        schema,
        rng: tl_schema_tests::mutate::Rng(0x9e37_79b9_7f4a_7c15),
        types: 0,
        values: 0,
    };
    for_each_type(&mut visitor);
    println!(
        "{} constructors and functions, {} values decoded dynamically",
        visitor.types, visitor.values
    );
    assert_eq!(
        visitor.types,
        schema.defs.len(),
        "every constructor and function visited"
    );
    assert!(
        visitor.values >= visitor.types,
        "too few values: {}",
        visitor.values
    );
}

#[test]
fn property_values_of_layer_230() {
    sample(telegram(), |v| tl_schema_tests::telegram::for_each_type(v));
}

#[test]
fn property_values_of_td_api() {
    let schema = load(&["td_api.tl"], &[], IdRule::TlSpec);
    sample(&schema, |v| tl_schema_tests::td_api::for_each_type(v));
}

#[test]
fn property_values_of_ton_api() {
    let schema = load(&["ton_api.tl"], &[], IdRule::TlSpec);
    sample(&schema, |v| tl_schema_tests::ton_api::for_each_type(v));
}

/// `tl decode --strict` rejects flags bits that no field is on, as the generated decoders do,
/// with the same error; both accept them by default.
#[test]
fn undefined_flag_bits_strict_as_the_generated_code() {
    let schema = telegram();
    let updates = Root::Type(schema.parse_type("Updates").expect("Updates"));
    let mut odd = payload("update_short_message.bin");
    odd[7] |= 0x40;
    let generated = enums::Updates::from_bytes_with(&odd, Limits::STRICT).unwrap_err();
    let dynamic = decode(schema, &odd, &updates, Limits::STRICT).unwrap_err();
    assert_eq!(dynamic.to_string(), generated.message());
    assert_eq!(dynamic.offset, 4);
    assert!(decode(schema, &odd, &updates, Limits::DEFAULT).is_ok());
}
