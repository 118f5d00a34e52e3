//! The allocation bound of each schema (issue 14): every valid input decodes under the default
//! limits, and within the bound the schema states (`ALLOC_PER_INPUT_BYTE`, the default budget).
//!
//! With the feature `exhaustive-bounds` of the tests crate (`cargo test -p tl-schema-tests
//! --features exhaustive-bounds --test suite alloc_bound`; off by default: it instantiates a
//! vector decoder per boxed type of ten schemas, which doubles the suite's build), for every
//! shipped schema, every constructor's smallest value (`Arbitrary` from no input: no
//! flags, empty strings and vectors, the cheapest value of each required object) is put 200
//! times in a vector of each boxed type it belongs to and decoded with `Limits::DEFAULT`; the
//! allocation (counted by the suite's allocator) must stay within the vector's stated bound
//! (`Vec<E>::ALLOC_PER_INPUT_BYTE`: the schema's bound plus the vector's own buffer per element,
//! what a vector decoded as the root needs). The worst of them is then decoded 100,000 times over,
//! and must be the one `WORST` lists: the default run decodes those 100,000 times, one vector
//! decoder per schema (`the_worst_constructor_of_each_schema`).

use tl_runtime::{Deserialize, Limits, Serialize, VECTOR_ID};
use tl_schema_tests::alloc::allocated_by;
use tl_schema_tests::{td_json, telegram};

/// The budget's slack and the one boxed `Error`, with the room for its path.
const K: usize = Limits::ALLOC_SLACK + Limits::DEFAULT.error_alloc();

fn vector_of(element: &[u8], n: u32) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(8 + element.len() * n as usize);
    bytes.extend(VECTOR_ID.to_le_bytes());
    bytes.extend(n.to_le_bytes());
    for _ in 0..n {
        bytes.extend_from_slice(element);
    }
    bytes
}

#[cfg(feature = "exhaustive-bounds")]
mod every_constructor {
    use super::{vector_of, K};
    use std::collections::HashMap;
    use std::fmt::Debug;

    use tl_runtime::arbitrary::{Arbitrary, Unstructured};
    use tl_runtime::{Deserialize, DeserializeOwned, Limits, Serialize, TypeVisitor};
    use tl_schema_tests::alloc::allocated_by;

    /// A decoder of a `Vec<E>`: whether it decoded, the bytes it allocated, its stated bound.
    type VecDecoder = fn(&[u8], Limits) -> (bool, usize);

    /// The smallest encoding of every constructor (and function), and every enum's decoders.
    #[derive(Default)]
    struct Schema {
        minimal: Vec<(&'static str, Vec<u8>)>,
        enums: Vec<Enum>,
    }

    struct Enum {
        name: &'static str,
        /// Whether these bytes are one value of the enum.
        is_one: fn(&[u8]) -> bool,
        vec: VecDecoder,
        vec_bound: u32,
    }

    impl TypeVisitor for Schema {
        fn visit<T>(&mut self, tl_name: &'static str)
        where
            T: Serialize + DeserializeOwned + for<'a> Arbitrary<'a> + PartialEq + Debug + 'static,
        {
            if let Ok(value) = T::arbitrary(&mut Unstructured::new(&[])) {
                self.minimal.push((tl_name, value.to_bytes()));
            }
        }

        fn visit_enum<E>(&mut self, name: &'static str)
        where
            E: Serialize + DeserializeOwned + PartialEq + Debug + 'static,
        {
            self.enums.push(Enum {
                name,
                is_one: |b| E::from_bytes(b).is_ok(),
                vec: |b, limits| {
                    let (r, used) = allocated_by(|| Vec::<E>::from_bytes_with(b, limits));
                    (r.is_ok(), used)
                },
                vec_bound: Vec::<E>::ALLOC_PER_INPUT_BYTE,
            });
        }
    }

    /// A schema of the tests library: its name, its `for_each_type`, its `ALLOC_PER_INPUT_BYTE`.
    type SchemaUnderTest = (&'static str, fn(&mut Schema), u32);

    /// The worst `(ratio, enum, constructor)` of a schema.
    type Worst = (f64, &'static str, &'static str);

    /// Every constructor of `for_each_type`'s schema in a vector of each enum it belongs to, under
    /// the default limits and within the vector's bound; returns the worst, after decoding it
    /// 100,000 times.
    fn check_schema(name: &str, for_each_type: fn(&mut Schema), bound: u32) -> Worst {
        let mut schema = Schema::default();
        for_each_type(&mut schema);
        let by_id: HashMap<[u8; 4], usize> = schema
            .minimal
            .iter()
            .enumerate()
            .map(|(i, (_, b))| ([b[0], b[1], b[2], b[3]], i))
            .collect();
        assert!(by_id.len() > 10, "{name}: {} constructors", by_id.len());
        let mut worst: (f64, usize, usize) = (0.0, 0, 0);
        let mut pairs = 0;
        for (e, en) in schema.enums.iter().enumerate() {
            assert!(
                en.vec_bound >= bound,
                "{name}: {} below the schema's",
                en.name
            );
            for (c, (ctor, bytes)) in schema.minimal.iter().enumerate() {
                if !(en.is_one)(bytes) {
                    continue;
                }
                pairs += 1;
                let input = vector_of(bytes, 200);
                let (ok, used) = (en.vec)(&input, Limits::DEFAULT);
                assert!(ok, "{name}: 200 × {ctor} as Vector<{}> refused", en.name);
                let stated = en.vec_bound as usize * input.len() + K;
                assert!(used <= stated, "{name}: {ctor}: {used} > {stated}");
                let ratio = used as f64 / input.len() as f64;
                if ratio > worst.0 {
                    worst = (ratio, e, c);
                }
            }
        }
        assert!(
            pairs >= by_id.len() / 2,
            "{name}: only {pairs} constructors in enums"
        );
        let (_, e, c) = worst;
        let (en, (ctor, bytes)) = (&schema.enums[e], &schema.minimal[c]);
        let input = vector_of(bytes, 100_000);
        let (ok, used) = (en.vec)(&input, Limits::DEFAULT);
        assert!(ok, "{name}: 100,000 × {ctor} refused");
        assert!(used <= en.vec_bound as usize * input.len() + K);
        let ratio = used as f64 / input.len() as f64;
        eprintln!(
            "{name}: bound {bound}; worst of {pairs} constructors in a vector: {ctor} as Vector<{}>, \
             {ratio:.1} bytes per input byte (the vector's bound {})",
            en.name, en.vec_bound
        );
        (ratio, en.name, ctor)
    }

    #[test]
    fn every_constructor_in_a_vector_decodes_within_the_bound() {
        use tl_schema_tests::*;
        let schemas: [SchemaUnderTest; 10] = [
            (
                "layer 230",
                telegram::for_each_type,
                telegram::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "mtproto",
                mtproto::for_each_type,
                mtproto::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "td_api",
                td_api::for_each_type,
                td_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "td_api json",
                td_json::for_each_type,
                td_json::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "ton_api",
                ton_api::for_each_type,
                ton_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "lite_api",
                lite_api::for_each_type,
                lite_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "tonlib_api",
                tonlib_api::for_each_type,
                tonlib_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "secret_api",
                secret_api::for_each_type,
                secret_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "e2e_api",
                e2e_api::for_each_type,
                e2e_api::ALLOC_PER_INPUT_BYTE,
            ),
            (
                "mtproto (TDLib)",
                mtproto_tdlib::for_each_type,
                mtproto_tdlib::ALLOC_PER_INPUT_BYTE,
            ),
        ];
        for ((name, visit, bound), listed) in schemas.into_iter().zip(super::WORST) {
            let (ratio, e, ctor) = check_schema(name, visit, bound);
            assert!(ratio > 0.0);
            // The default run decodes the worst of each schema (`WORST`): it must be this one.
            assert_eq!((name, e, ctor), listed);
        }
    }
}

/// The constructor whose smallest value needs the most heap per input byte in a vector of an enum
/// it belongs to, per shipped schema (schema, enum, constructor): what the exhaustive test
/// finds (it asserts this table), decoded 100,000 times over by `the_worst_constructor_of_each_schema`.
const WORST: [(&str, &str, &str); 10] = [
    ("layer 230", "PeerNotifySettings", "peerNotifySettings"),
    ("mtproto", "TlsBlock", "tlsBlockDomain"),
    ("td_api", "PageBlock", "pageBlockDivider"),
    ("td_api json", "MessageContent", "messageExpiredPhoto"),
    ("ton_api", "adnl.PacketContents", "adnl.packetContents"),
    (
        "lite_api",
        "liteServer.TransactionId",
        "liteServer.transactionId",
    ),
    ("tonlib_api", "pchan.Action", "pchan.actionTimeout"),
    (
        "secret_api",
        "DecryptedMessageAction",
        "decryptedMessageActionFlushHistory",
    ),
    ("e2e_api", "e2e.Personal", "e2e.personalEmojiNonces"),
    ("mtproto (TDLib)", "RpcDropAnswer", "rpc_answer_unknown"),
];

/// 100,000 smallest values of constructor `C` in a `Vector<E>` decode under the default limits,
/// within the vector's stated bound; the bytes allocated per input byte.
fn worst_in_a_vector<E, C>() -> f64
where
    E: tl_runtime::DeserializeOwned,
    C: Serialize + for<'a> tl_runtime::arbitrary::Arbitrary<'a>,
{
    use tl_runtime::arbitrary::Unstructured;
    let value = C::arbitrary(&mut Unstructured::new(&[])).unwrap();
    let n = 100_000;
    let input = vector_of(&value.to_bytes(), n);
    let (r, used) = allocated_by(|| Vec::<E>::from_bytes(&input));
    assert_eq!(r.unwrap().len(), n as usize);
    assert!(used <= Vec::<E>::ALLOC_PER_INPUT_BYTE as usize * input.len() + K);
    used as f64 / input.len() as f64
}

#[test]
fn the_worst_constructor_of_each_schema() {
    use tl_schema_tests::*;
    // The ratios the exhaustive test prints (bytes per input byte, within each vector's bound).
    let ratios = [
        worst_in_a_vector::<telegram::enums::PeerNotifySettings, telegram::types::PeerNotifySettings>(
        ),
        worst_in_a_vector::<mtproto::enums::TlsBlock, mtproto::types::TlsBlockDomain>(),
        worst_in_a_vector::<td_api::enums::PageBlock, td_api::types::PageBlockDivider>(),
        worst_in_a_vector::<td_json::enums::MessageContent, td_json::types::MessageExpiredPhoto>(),
        worst_in_a_vector::<
            ton_api::enums::adnl::PacketContents,
            ton_api::types::adnl::PacketContents,
        >(),
        worst_in_a_vector::<
            lite_api::enums::lite_server::TransactionId,
            lite_api::types::lite_server::TransactionId,
        >(),
        worst_in_a_vector::<
            tonlib_api::enums::pchan::Action,
            tonlib_api::types::pchan::ActionTimeout,
        >(),
        worst_in_a_vector::<
            secret_api::enums::DecryptedMessageAction,
            secret_api::types::DecryptedMessageActionFlushHistory,
        >(),
        worst_in_a_vector::<e2e_api::enums::e2e::Personal, e2e_api::types::e2e::PersonalEmojiNonces>(
        ),
        worst_in_a_vector::<
            mtproto_tdlib::enums::RpcDropAnswer,
            mtproto_tdlib::types::RpcAnswerUnknown,
        >(),
    ];
    let rounded = ratios.map(|r| (r * 10.0).round() / 10.0);
    assert_eq!(
        rounded,
        [39.0, 8.0, 14.0, 14.0, 22.5, 13.0, 10.0, 10.0, 18.4, 6.0],
        "{:?}",
        WORST
    );
}

#[test]
fn stated_bounds() {
    // The constants the README states (they change with the generator's layout or the schemas).
    use tl_schema_tests::*;
    assert_eq!(telegram::ALLOC_PER_INPUT_BYTE, 38);
    assert_eq!(mtproto::ALLOC_PER_INPUT_BYTE, 8);
    assert_eq!(td_api::ALLOC_PER_INPUT_BYTE, 32);
    assert_eq!(td_json::ALLOC_PER_INPUT_BYTE, 136);
    assert_eq!(ton_api::ALLOC_PER_INPUT_BYTE, 23);
    assert_eq!(lite_api::ALLOC_PER_INPUT_BYTE, 24);
    assert_eq!(tonlib_api::ALLOC_PER_INPUT_BYTE, 16);
    assert_eq!(secret_api::ALLOC_PER_INPUT_BYTE, 9);
    assert_eq!(e2e_api::ALLOC_PER_INPUT_BYTE, 14);
    assert_eq!(mtproto_tdlib::ALLOC_PER_INPUT_BYTE, 2);
}

#[test]
fn minimal_bot_infos_decode_within_the_schema_bound() {
    // `botInfo` with no flags: 8 bytes on the wire, a 64-byte enum slot and a `Box<BotInfo>` in
    // memory (25 bytes per byte). Layer 230 holds it in vectors (`chatFull.bot_info`), so the
    // schema's bound covers a vector of them: 100,000 decode under the default limits.
    let n = 100_000;
    let input = vector_of(&[0x4d8a_0299u32.to_le_bytes(), [0; 4]].concat(), n);
    let (r, used) = allocated_by(|| Vec::<telegram::enums::BotInfo>::from_bytes(&input));
    assert_eq!(r.unwrap().len(), n as usize);
    let per_element = size_of::<telegram::enums::BotInfo>() + size_of::<telegram::types::BotInfo>();
    assert_eq!(used, n as usize * per_element);
    assert!(used <= telegram::ALLOC_PER_INPUT_BYTE as usize * input.len() + K);
    // A budget below its ratio refuses it, within that budget.
    let tight = Limits {
        alloc_per_input_byte: (per_element / 8) as u32 - 1,
        ..Limits::DEFAULT
    };
    let (r, used) =
        allocated_by(|| Vec::<telegram::enums::BotInfo>::from_bytes_with(&input, tight));
    let e = r.unwrap_err();
    assert!(
        matches!(e.kind(), tl_runtime::ErrorKind::AllocLimit { .. }),
        "{e}"
    );
    assert!(used <= tight.alloc_budget(input.len()) + K);
}

#[test]
fn a_vector_of_nulls_needs_the_td_json_bound() {
    // td_api with `json = "tdlib"`: `messages total_count:int32 messages:vector<message>` holds
    // `Option<types::Message>`s, so a null (4 bytes) takes a whole `Option<Message>` in the
    // vector's buffer: the unit that sets td_json's bound, reached exactly.
    let n = 100_000;
    let value = td_json::types::Messages {
        total_count: 0,
        messages: vec![None; n],
    };
    let input = value.to_bytes();
    let (r, used) = allocated_by(|| td_json::enums::Messages::from_bytes(&input));
    let td_json::enums::Messages::Messages(m) = r.unwrap();
    assert!(m.messages.iter().all(Option::is_none));
    let per_null = size_of::<Option<td_json::types::Message>>();
    let vector = n * per_null;
    assert!((vector..=vector + size_of::<td_json::types::Messages>()).contains(&used));
    assert_eq!(td_json::ALLOC_PER_INPUT_BYTE as usize, per_null.div_ceil(4));
    assert!(used <= td_json::ALLOC_PER_INPUT_BYTE as usize * input.len() + K);
}
