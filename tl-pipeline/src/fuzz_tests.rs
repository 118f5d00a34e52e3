//! The pipeline never panics: random and mutated schema text, seeded from the published schemas in
//! `../shared/schemas`, goes through the whole of [`crate::run`] (lexer, parser, validator,
//! diagnostics, recovery and expansion). Every case must finish quickly, render its diagnostics,
//! and expand to tokens that parse as a Rust file (the schema's items or fallback modules).
//!
//! The RNG seed is fixed so CI runs are reproducible (the cargo-fuzz targets explore at random);
//! `PROPTEST_RNG_SEED=<n>` overrides it. The whole test takes about 10-20 s in a debug build.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::Config;

/// Text fragments that the TL grammar gives meaning to, plus some that break it.
const FRAGMENTS: &[&str] = &[
    "#",
    "#1cb5c415",
    "#0",
    "#123456789",
    "#xyz",
    "#ffffffff",
    ":",
    "?",
    "!",
    "%",
    "{",
    "}",
    "<",
    ">",
    "(",
    ")",
    "[",
    "]",
    "=",
    ";",
    "*",
    ",",
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\t",
    "\r\n",
    "//",
    "// doc\n",
    "//@class A @description d\n",
    "//@description x @f y\n",
    "//-more\n",
    "---functions---",
    "---types---",
    "---",
    "--- functions ---",
    "---bogus---",
    "---functions",
    "flags:#",
    "flags2:#",
    "flags.0?",
    "flags.31?",
    "flags.32?",
    "flags2.1?",
    "flags.",
    "flags.?",
    "true",
    "int",
    "long",
    "string",
    "bytes",
    "Bool",
    "%Bool",
    "Vector",
    "vector",
    "Vector<",
    "int128",
    "int256",
    "X",
    "Type",
    "{X:Type}",
    "{X:Type}",
    "{X:#}",
    "!X",
    "foo",
    "Foo",
    "bar",
    "Bar",
    "a.b",
    "a.B",
    "a.foo",
    ".",
    "..",
    "_",
    "0",
    "4",
    "42",
    "4*[ int ]",
    "é",
    "€",
    "😀",
    "\u{0}",
    "\u{feff}",
    "x:int",
    "y:Foo",
    "z:Vector<Bar>",
    "= Foo;",
    "= Bar;",
    "= X;",
    "fooBar",
    "foo_bar",
    "self",
    "type",
    "Object",
    "Function",
    "Int",
    "int ? = Int;",
    "vector {t:Type} # [ t ] = Vector t;",
    "(vector Foo)",
    "\"",
    "\\",
    "r#\"",
];

/// The published schemas, read once.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "tl"));
        files.sort();
        let mut texts: Vec<String> = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        // Without `../shared`, still fuzz from a small schema.
        texts.push(
            "// The seed schema.\ninputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;\n\
             message#1 flags:# out:flags.1?true views:flags.10?int forwards:flags.10?int id:int = Message;\n\
             ---functions---\ninvokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;\n\
             phone.receivedCall#17d54f61 peer:InputPhoneCall = Bool;\n"
                .to_owned(),
        );
        texts
    })
}

/// One change to the bytes of a schema text.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Byte(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), prop::sample::select(FRAGMENTS)).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0usize..200, any::<usize>())
            .prop_map(|(from, n, to)| Edit::Duplicate(from, n, to)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
    ]
}

/// Applies edits to bytes; the result is made text again lossily (invalid bytes become U+FFFD),
/// so multi-byte characters land everywhere.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
        match *e {
            Edit::Insert(i, s) => {
                let i = at(i);
                bytes.splice(i..i, s.bytes());
            }
            Edit::Delete(i, n) => {
                let i = at(i);
                bytes.drain(i..(i + n).min(len));
            }
            Edit::Duplicate(from, n, to) => {
                let from = at(from);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                let to = at(to);
                bytes.splice(to..to, piece);
            }
            Edit::Byte(i, b) => {
                if len > 0 {
                    bytes[i % len] = b;
                }
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A window of a published schema (whole lines around a random place) with a few edits.
fn mutated_schema() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        1usize..60,
        prop::collection::vec(edit(), 0..8),
    )
        .prop_map(|(file, at, lines, edits)| {
            let seeds = seeds();
            let text = &seeds[file.index(seeds.len())];
            let start = at.index(text.len().max(1)).min(text.len());
            let start = text[..floor(text, start)].rfind('\n').map_or(0, |i| i + 1);
            let end = text[start..]
                .match_indices('\n')
                .nth(lines)
                .map_or(text.len(), |(i, _)| start + i + 1);
            apply(&text[start..end], &edits)
        })
}

fn floor(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Fragments strung together: mostly nonsense, sometimes almost a schema.
fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|parts| parts.concat())
}

/// Runs the whole pipeline on `text` as an inline schema with the given options; checks that it
/// returns in time with rendered diagnostics and tokens that parse as a Rust file.
fn run_macro(text: &str, verify_ids: bool, tl_spec: bool, limit: Duration) {
    let sources = [crate::Source {
        name: "inline schema".into(),
        text: text.to_owned(),
        origin: Some(crate::Origin {
            file: "src/lib.rs".into(),
            line: 3,
            column: 28,
        }),
    }];
    let options = crate::Options {
        validate: crate::validate::Options {
            id_rule: if tl_spec {
                crate::IdRule::TlSpec
            } else {
                crate::IdRule::Telegram
            },
            verify_ids,
            ..crate::validate::Options::default()
        },
        ..crate::Options::default()
    };
    let started = Instant::now();
    let out = crate::run(&sources, &options);
    for d in &out.diagnostics {
        let _ = crate::diag::render(d, &sources);
    }
    let elapsed = started.elapsed();
    assert!(elapsed < limit, "took {elapsed:?} for {} bytes", text.len());
    if let Err(e) = syn::parse_file(&out.code) {
        panic!("expansion does not parse: {e}\n{}", out.code);
    }
}

fn config(cases: u32) -> Config {
    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0071_5363_6865_6d61);
    Config {
        cases,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(1200))]

    #[test]
    fn mutated_published_schemas_never_panic(
        text in mutated_schema(),
        verify_ids in any::<bool>(),
        tl_spec in any::<bool>(),
    ) {
        run_macro(&text, verify_ids, tl_spec, Duration::from_secs(5));
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn token_soup_never_panics(
        text in token_soup(),
        verify_ids in any::<bool>(),
        tl_spec in any::<bool>(),
    ) {
        run_macro(&text, verify_ids, tl_spec, Duration::from_secs(5));
    }
}

proptest! {
    #![proptest_config(config(3))]

    /// Whole files with a few mistakes: recovery and "did you mean" over thousands of names stay
    /// fast.
    #[test]
    fn mutated_whole_files_never_panic(
        file in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let seeds = seeds();
        let text = apply(&seeds[file.index(seeds.len())], &edits);
        let started = Instant::now();
        let (schema, errors) = crate::parse::parse(&text);
        let sources = [crate::diag::Source { name: "s.tl".into(), text: text.clone(), origin: None }];
        for e in errors {
            let _ = crate::diag::render(&crate::diag::Diagnostic::new(0, e.span, e.message), &sources);
        }
        let validated = crate::validate::validate(&[schema], &crate::validate::Options::default());
        for d in &validated.diagnostics {
            let _ = crate::diag::render(d, &sources);
        }
        let elapsed = started.elapsed();
        prop_assert!(elapsed < Duration::from_secs(20), "took {:?}", elapsed);
    }
}
