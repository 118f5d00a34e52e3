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

/// Whether a [`RoundTrip`] sends every value through JSON too: the JSON check is instantiated
/// per type (serde_json's entry points and the type's serde impls), which is much code in a
/// debug test binary, so only the binaries that test JSON compile it.
pub trait JsonCheck {
    /// A problem of the value's JSON round trip, if any.
    fn check<T: Serialize + tl_runtime::MaybeSerde>(value: &T, bytes: &[u8]) -> Option<String>;
}

/// Every value through JSON and back ([`check`]).
pub enum WithJson {}

impl JsonCheck for WithJson {
    fn check<T: Serialize + tl_runtime::MaybeSerde>(value: &T, bytes: &[u8]) -> Option<String> {
        check_json(value, bytes)
    }
}

/// The binary round trip only ([`check_binary`], [`check_borrowed`]).
pub enum BinaryOnly {}

impl JsonCheck for BinaryOnly {
    fn check<T: Serialize + tl_runtime::MaybeSerde>(_: &T, _: &[u8]) -> Option<String> {
        None
    }
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
    // Instantiated once per type of every schema: kept small, the reporting is not generic.
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
        self.covered += 1;
        for case in 0..CASES {
            let data = self.bytes(case * 16);
            let Ok(value) = T::arbitrary(&mut Unstructured::new(&data)) else {
                continue;
            };
            self.values += 1;
            let bytes = value.to_bytes();
            let problem = if value.serialized_len() != bytes.len() {
                Some(format!(
                    "serialized_len {} but {} bytes",
                    value.serialized_len(),
                    bytes.len()
                ))
            } else {
                // Equality of generated values is equality of their encodings, so the same
                // bytes again say the same value came back. (Not calling `==` and `Debug` here
                // keeps them out of the ~21,000 instantiations of this function: they are
                // checked on real values in the suite.)
                match T::from_bytes_with(&bytes, LIMITS) {
                    Err(e) => Some(format!("decoding failed: {e}")),
                    Ok(back) if back.to_bytes() != bytes => Some("re-encoding differs".to_owned()),
                    Ok(_) => self
                        .check_borrowed(tl_name, &bytes)
                        .or_else(|| J::check(&value, &bytes)),
                }
            };
            if let Some(problem) = problem {
                fail(self.schema, tl_name, &bytes, &problem);
            }
        }
    }
}

impl<J: JsonCheck> RoundTrip<J> {
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
fn check_json<T: Serialize + serde::Serialize + serde::de::DeserializeOwned>(
    value: &T,
    bytes: &[u8],
) -> Option<String> {
    let text = match serde_json::to_string(value) {
        Ok(text) => text,
        Err(e) => return Some(format!("to JSON: {e}")),
    };
    match serde_json::from_str::<T>(&text) {
        Err(e) => Some(format!("from JSON: {e}\nJSON: {text}")),
        Ok(back) if back.to_bytes() != bytes => {
            Some(format!("JSON round trip differs\nJSON: {text}"))
        }
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
