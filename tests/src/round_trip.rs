//! Round-trip property check for every constructor and function of a schema: values generated
//! with `arbitrary` (tl-runtime's `arbitrary` feature) must survive `to_bytes` → `from_bytes`,
//! re-encode to the same bytes, and have `serialized_len() == to_bytes().len()`. [`check`] prints
//! how many types were covered; that must equal the number of declarations in the schema files,
//! counted here independently of the macro.
//!
//! [`check_borrowed`] also decodes every value's encoding with the same schema expanded with
//! `borrowed = true` (its `for_each_decoder`) and requires the same bytes back.

use std::fmt::Debug;

use std::collections::HashMap;
use tl_runtime::arbitrary::{Arbitrary, Unstructured};

use tl_runtime::{DecoderVisitor, DeserializeOwned, Limits, Reencode, Serialize, TypeVisitor};

/// Values per type: inputs of 0, 16, 32, … bytes for the generator.
const CASES: usize = 6;

/// A type's encoder and decoder as plain functions, so that a visitor's generic `visit` is one
/// call: the checks themselves are compiled once, not once per type (~21,000 of them in the test
/// binaries; in a debug build that was a third of the suite's machine code).
pub struct TypeFns {
    /// The boxed encoding of the value `arbitrary` makes of the input, and its `serialized_len`.
    pub arbitrary: Generate,
    /// Decodes a value of the type from the whole input and encodes it again.
    pub reencode: Reencode,
}

/// Makes a value from generator input: its boxed encoding and its `serialized_len`.
pub type Generate = fn(&[u8]) -> Option<(Vec<u8>, usize)>;

impl TypeFns {
    /// The functions of `T`.
    pub fn of<T: Serialize + DeserializeOwned + for<'a> Arbitrary<'a>>() -> TypeFns {
        TypeFns {
            arbitrary: arbitrary_encoding::<T>,
            // The runtime's own re-encoder, the one borrowed expansions hand out (a closure:
            // its lifetime parameter is early-bound, so it does not coerce as it is).
            reencode: |bytes, limits| tl_runtime::__private::reencode::<T>(bytes, limits),
        }
    }
}

fn arbitrary_encoding<T: Serialize + for<'a> Arbitrary<'a>>(
    data: &[u8],
) -> Option<(Vec<u8>, usize)> {
    let value = T::arbitrary(&mut Unstructured::new(data)).ok()?;
    Some((value.to_bytes(), value.serialized_len()))
}

/// A type's JSON round trip as plain functions: the encoding to the value's JSON (its
/// `serde::Serialize` through serde_json) and JSON back to the encoding (its
/// `serde::Deserialize`).
pub type JsonFns = (
    fn(&[u8]) -> Result<String, String>,
    fn(&str) -> Result<Vec<u8>, String>,
);

/// Whether a [`RoundTrip`] sends every value through JSON too: the JSON functions are
/// instantiated per type (serde_json's entry points and the type's serde impls), which is much
/// code in a debug test binary, so only the binaries that test JSON compile them.
pub trait JsonCheck {
    /// `T`'s JSON functions, if values go through JSON.
    fn fns<T: Serialize + DeserializeOwned + tl_runtime::MaybeSerde>() -> Option<JsonFns>;
}

/// Every value through JSON and back ([`check`]).
pub enum WithJson {}

impl JsonCheck for WithJson {
    fn fns<T: Serialize + DeserializeOwned + tl_runtime::MaybeSerde>() -> Option<JsonFns> {
        Some((to_json::<T>, from_json::<T>))
    }
}

/// The binary round trip only ([`check_binary`], [`check_borrowed`]).
pub enum BinaryOnly {}

impl JsonCheck for BinaryOnly {
    fn fns<T: Serialize + DeserializeOwned + tl_runtime::MaybeSerde>() -> Option<JsonFns> {
        None
    }
}

/// The JSON of the value `bytes` encode.
fn to_json<T: DeserializeOwned + serde::Serialize>(bytes: &[u8]) -> Result<String, String> {
    let value = T::from_bytes_with(bytes, LIMITS).map_err(|e| e.to_string())?;
    let mut text = Vec::new();
    serde_json::to_writer(&mut text, &value).map_err(|e| e.to_string())?;
    String::from_utf8(text).map_err(|e| e.to_string())
}

/// The encoding of the value `text` describes.
fn from_json<T: Serialize + serde::de::DeserializeOwned>(text: &str) -> Result<Vec<u8>, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value.to_bytes())
}

/// The visitor that round-trips every type it is handed.
pub struct RoundTrip<J: JsonCheck = WithJson> {
    schema: &'static str,
    covered: usize,
    values: usize,
    rng: u64,
    /// The borrowed expansion's decoders by TL name, for [`check_borrowed`].
    borrowed: HashMap<&'static str, Reencode>,
    /// Values whose encoding the borrowed decoder gave back.
    borrowed_values: usize,
    json: core::marker::PhantomData<J>,
}

impl<J: JsonCheck> RoundTrip<J> {
    fn new(schema: &'static str) -> Self {
        RoundTrip {
            schema,
            covered: 0,
            values: 0,
            rng: 0x9e37_79b9_7f4a_7c15,
            borrowed: HashMap::new(),
            borrowed_values: 0,
            json: core::marker::PhantomData,
        }
    }

    /// xorshift64*: deterministic generator input.
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                self.rng ^= self.rng >> 12;
                self.rng ^= self.rng << 25;
                self.rng ^= self.rng >> 27;
                (self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
            })
            .collect()
    }
}

impl<J: JsonCheck> TypeVisitor for RoundTrip<J> {
    // Instantiated once per type of every schema: one call, the checks are not generic.
    fn visit<T>(&mut self, tl_name: &'static str)
    where
        T: Serialize
            + DeserializeOwned
            + for<'a> Arbitrary<'a>
            + PartialEq
            + Debug
            + tl_runtime::MaybeSerde
            + 'static,
    {
        self.check_type(tl_name, TypeFns::of::<T>(), J::fns::<T>());
    }
}

impl<J: JsonCheck> RoundTrip<J> {
    fn check_type(&mut self, tl_name: &str, fns: TypeFns, json: Option<JsonFns>) {
        self.covered += 1;
        for case in 0..CASES {
            let data = self.bytes(case * 16);
            let Some((bytes, len)) = (fns.arbitrary)(&data) else {
                continue;
            };
            self.values += 1;
            let problem = if len != bytes.len() {
                Some(format!("serialized_len {len} but {} bytes", bytes.len()))
            } else {
                // Equality of generated values is equality of their encodings, so the same
                // bytes again say the same value came back (`==` and `Debug` are checked on
                // real values in the suite).
                match (fns.reencode)(&bytes, LIMITS) {
                    Err(e) => Some(format!("decoding failed: {e}")),
                    Ok(back) if back != bytes => Some("re-encoding differs".to_owned()),
                    Ok(_) => self
                        .check_borrowed(tl_name, &bytes)
                        .or_else(|| json.and_then(|json| check_json(json, &bytes))),
                }
            };
            if let Some(problem) = problem {
                fail(self.schema, tl_name, &bytes, &problem);
            }
        }
    }

    /// With a borrowed expansion: its decoder of `tl_name` gives `bytes` back.
    fn check_borrowed(&mut self, tl_name: &str, bytes: &[u8]) -> Option<String> {
        let reencode = self.borrowed.get(tl_name)?;
        self.borrowed_values += 1;
        match reencode(bytes, LIMITS) {
            Err(e) => Some(format!("borrowed decoding failed: {e}")),
            Ok(back) if back != bytes => Some("borrowed re-encoding differs".to_owned()),
            Ok(_) => None,
        }
    }
}

/// The value's JSON (its serde impls through serde_json) reads back to the same encoding.
fn check_json((to_json, from_json): JsonFns, bytes: &[u8]) -> Option<String> {
    let text = match to_json(bytes) {
        Ok(text) => text,
        Err(e) => return Some(format!("to JSON: {e}")),
    };
    match from_json(&text) {
        Err(e) => Some(format!("from JSON: {e}\nJSON: {text}")),
        Ok(back) if back != bytes => Some(format!("JSON round trip differs\nJSON: {text}")),
        Ok(_) => None,
    }
}

/// Collects a borrowed expansion's decoders.
impl<J: JsonCheck> DecoderVisitor for RoundTrip<J> {
    fn visit(&mut self, tl_name: &'static str, reencode: Reencode) {
        self.borrowed.insert(tl_name, reencode);
    }
}

/// Generated values may nest deeper and allocate more per input byte than the safe defaults allow.
const LIMITS: Limits = Limits {
    max_depth: 100_000,
    alloc_per_input_byte: u32::MAX,
    ..Limits::DEFAULT
};

#[cold]
fn fail(schema: &str, tl_name: &str, bytes: &[u8], problem: &str) -> ! {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    panic!("{schema}: {tl_name}: {problem}\nencoding: {hex}")
}

/// Declarations in `files` that generate a type: not builtin lines (`int ? = Int;`, `vector … [ t ]`,
/// `int128 4*[ int ]`) nor declarations of builtin types (`boolTrue = Bool;`, `true = True;`,
/// TON's `bytes data:string = Bytes;`). Comments and section markers are skipped.
fn count_declarations(files: &[&str]) -> usize {
    const BUILTIN_TYPES: &[&str] = &[
        "Bool",
        "True",
        "Vector",
        "Int",
        "Long",
        "Double",
        "String",
        "Bytes",
        "Int32",
        "Int53",
        "Int64",
        "Int128",
        "Int256",
        "Int512",
        "Object",
        "Function",
        "SecureString",
        "SecureBytes",
    ];
    let mut n = 0;
    for file in files {
        let path = format!("{}/../../shared/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .map(|l| match l.replace(' ', "").as_str() {
                "---functions---" => "@functions;",
                "---types---" => "@types;",
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut functions = false;
        for decl in code.split(';').map(str::trim).filter(|d| !d.is_empty()) {
            match decl {
                "@functions" => functions = true,
                "@types" => functions = false,
                _ => {}
            }
            let Some((head, result)) = decl.rsplit_once('=') else {
                continue;
            };
            let result = result.split_whitespace().next().unwrap_or("");
            let builtin_line = head.split_whitespace().nth(1) == Some("?") || head.contains('[');
            if !builtin_line && (functions || !BUILTIN_TYPES.contains(&result)) {
                n += 1;
            }
        }
    }
    n
}

/// Round-trips every type of a schema, in binary and through JSON, and checks the coverage
/// against its files.
pub fn check(schema: &'static str, files: &[&str], for_each_type: fn(&mut RoundTrip)) {
    check_with(schema, files, for_each_type);
}

/// [`check`] without JSON: the binary round trip of every type.
pub fn check_binary(
    schema: &'static str,
    files: &[&str],
    for_each_type: fn(&mut RoundTrip<BinaryOnly>),
) {
    check_with(schema, files, for_each_type);
}

fn check_with<J: JsonCheck>(
    schema: &'static str,
    files: &[&str],
    for_each_type: fn(&mut RoundTrip<J>),
) {
    let mut visitor = RoundTrip::<J>::new(schema);
    for_each_type(&mut visitor);
    let declared = count_declarations(files);
    println!(
        "{schema}: {}/{declared} constructors and functions round-tripped ({} values)",
        visitor.covered, visitor.values
    );
    assert_eq!(visitor.covered, declared, "{schema}: coverage");
    assert!(
        visitor.values >= visitor.covered * (CASES - 1),
        "{schema}: too few values generated"
    );
}

/// [`check_binary`], and every value's encoding decoded by the schema's borrowed expansion too
/// (`borrowed = true`: `string`/`bytes` borrowed from the input), which must give the same
/// bytes back. Its decoders must cover every declaration.
pub fn check_borrowed(
    schema: &'static str,
    files: &[&str],
    for_each_type: fn(&mut RoundTrip<BinaryOnly>),
    for_each_decoder: fn(&mut RoundTrip<BinaryOnly>),
) {
    let mut visitor = RoundTrip::<BinaryOnly>::new(schema);
    for_each_decoder(&mut visitor);
    let declared = count_declarations(files);
    assert_eq!(
        visitor.borrowed.len(),
        declared,
        "{schema}: borrowed decoders"
    );
    for_each_type(&mut visitor);
    println!(
        "{schema}: {}/{declared} constructors and functions round-tripped, {} values, {} of them \
         through the borrowed decoders too",
        visitor.covered, visitor.values, visitor.borrowed_values
    );
    assert_eq!(visitor.covered, declared, "{schema}: coverage");
    assert_eq!(
        visitor.borrowed_values, visitor.values,
        "{schema}: borrowed coverage"
    );
}
