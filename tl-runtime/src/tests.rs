//! Tests across modules: primitives, codecs, boxed helpers, truncation and hostile input. (What
//! a decode allocates is measured in `tests/tests/suite/hostile.rs`, with the suites' counting
//! allocator.)

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::__private::{debug_fields, eq_bare, optional, read};
use crate::*;

fn le(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + core::fmt::Debug>(v: T, want: &[u8]) {
    let bytes = v.to_bytes();
    assert_eq!(bytes, want, "{v:?}");
    assert_eq!(v.serialized_len(), want.len(), "{v:?}");
    assert_eq!(T::from_bytes(&bytes).unwrap(), v);
    truncations_fail::<T>(&bytes);
}

fn bare_round_trip<
    T: BareSerialize + for<'a> BareDeserialize<'a> + PartialEq + core::fmt::Debug,
>(
    v: T,
    want: &[u8],
) {
    assert_eq!(v.to_bytes_bare(), want, "{v:?}");
    assert_eq!(v.bare_len(), want.len(), "{v:?}");
    assert_eq!(T::from_bytes_bare(want).unwrap(), v);
}

/// Every strict prefix of a valid encoding must fail (and not panic).
fn truncations_fail<T: DeserializeOwned>(bytes: &[u8]) {
    for n in 0..bytes.len() {
        assert!(
            T::from_bytes(&bytes[..n]).is_err(),
            "prefix {n} of {bytes:?}"
        );
    }
}

fn err_of<T: DeserializeOwned + core::fmt::Debug>(bytes: &[u8]) -> (ErrorKind, usize) {
    let e = T::from_bytes(bytes).unwrap_err();
    (*e.kind(), e.offset())
}

#[test]
fn primitive_encodings() {
    round_trip(-2_i32, &[0xfe, 0xff, 0xff, 0xff]);
    round_trip(0x0102_0304_u32, &[4, 3, 2, 1]);
    round_trip(1_i64 << 40, &[0, 0, 0, 0, 0, 1, 0, 0]);
    round_trip(2.0_f64, &2.0_f64.to_le_bytes());
    round_trip([7_u8; 16], &[7; 16]);
    round_trip([1_u8; 32], &[1; 32]);
    round_trip(true, &le(&[0x9972_75b5]));
    round_trip(false, &le(&[0xbc79_9737]));
    round_trip(String::new(), &[0, 0, 0, 0]);
    round_trip(
        String::from("héllo"),
        &[6, b'h', 0xc3, 0xa9, b'l', b'l', b'o', 0],
    );
    round_trip(Vec::<i64>::new(), &le(&[0x1cb5_c415, 0]));
    round_trip(vec![1_i32, 2], &le(&[0x1cb5_c415, 2, 1, 2]));
    round_trip(
        vec![vec![true]],
        &le(&[0x1cb5_c415, 1, 0x1cb5_c415, 1, 0x9972_75b5]),
    );
    let nan = f64::from_bits(0x7ff8_0000_0000_0001);
    assert_eq!(
        f64::from_bytes(&nan.to_bytes()).unwrap().to_bits(),
        nan.to_bits()
    );
}

#[test]
fn bare_encodings() {
    bare_round_trip(9_i32, &[9, 0, 0, 0]);
    bare_round_trip(9_u32, &[9, 0, 0, 0]);
    bare_round_trip(9_i64, &[9, 0, 0, 0, 0, 0, 0, 0]);
    bare_round_trip(0.5_f64, &0.5_f64.to_le_bytes());
    bare_round_trip([3_u8; 4], &[3; 4]);
    bare_round_trip(true, &le(&[0x9972_75b5]));
    bare_round_trip(String::from("a"), &[1, b'a', 0, 0]);
    bare_round_trip(vec![3_i32], &le(&[1, 3]));
    assert_eq!(
        *i32::from_bytes_bare(&[0; 5]).unwrap_err().kind(),
        ErrorKind::TrailingBytes { remaining: 1 }
    );
}

#[test]
fn min_lens() {
    assert_eq!(<i32 as Deserialize<'_>>::MIN_LEN, 4);
    assert_eq!(<u32 as Deserialize<'_>>::MIN_LEN, 4);
    assert_eq!(<i64 as Deserialize<'_>>::MIN_LEN, 8);
    assert_eq!(<f64 as Deserialize<'_>>::MIN_LEN, 8);
    assert_eq!(<[u8; 16] as Deserialize<'_>>::MIN_LEN, 16);
    assert_eq!(<bool as Deserialize<'_>>::MIN_LEN, 4);
    assert_eq!(<String as Deserialize<'_>>::MIN_LEN, 4);
    assert_eq!(<Vec<i64> as Deserialize<'_>>::MIN_LEN, 8);
    assert_eq!(<Vec<i64> as BareDeserialize<'_>>::MIN_BARE_LEN, 4);
    assert_eq!(<Plain as Decode<'_, i64>>::MIN_LEN, 8);
    assert_eq!(<Bare as Decode<'_, [u8; 32]>>::MIN_LEN, 32);
    assert_eq!(<Bytes as Decode<'_, Vec<u8>>>::MIN_LEN, 4);
    assert_eq!(<Vector<Plain> as Decode<'_, Vec<i32>>>::MIN_LEN, 8);
    assert_eq!(<BareVector<Plain> as Decode<'_, Vec<i32>>>::MIN_LEN, 4);
    assert_eq!(<Boxed<Plain> as Decode<'_, Box<i64>>>::MIN_LEN, 8);
    assert_eq!(<(Plain, Bytes) as Decode<'_, (i64, Vec<u8>)>>::MIN_LEN, 12);
    assert_eq!(<Point as Deserialize<'_>>::MIN_LEN, 12);
}

#[test]
fn decode_errors() {
    let vector = 0x1cb5_c415;
    type Case = (fn(&[u8]) -> (ErrorKind, usize), Vec<u8>, ErrorKind, usize);
    let cases: &[Case] = &[
        (
            err_of::<i32>,
            vec![1, 2],
            ErrorKind::UnexpectedEof {
                needed: 4,
                remaining: 2,
            },
            0,
        ),
        (
            err_of::<i64>,
            vec![1; 7],
            ErrorKind::UnexpectedEof {
                needed: 8,
                remaining: 7,
            },
            0,
        ),
        (
            err_of::<[u8; 16]>,
            vec![0; 15],
            ErrorKind::UnexpectedEof {
                needed: 16,
                remaining: 15,
            },
            0,
        ),
        (
            err_of::<i32>,
            vec![0; 6],
            ErrorKind::TrailingBytes { remaining: 2 },
            4,
        ),
        (err_of::<bool>, le(&[5]), ErrorKind::UnknownConstructor, 0),
        (
            err_of::<String>,
            vec![2, 0xff, 0xfe, 0],
            ErrorKind::InvalidUtf8,
            0,
        ),
        (
            err_of::<String>,
            vec![255, 0, 0, 0],
            ErrorKind::InvalidLengthPrefix,
            0,
        ),
        (
            err_of::<String>,
            vec![9, 0, 0, 0],
            ErrorKind::LengthTooLarge {
                declared: 9,
                remaining: 3,
            },
            0,
        ),
        (
            err_of::<Vec<i32>>,
            le(&[7, 0]),
            ErrorKind::UnexpectedConstructor {
                expected_id: vector,
            },
            0,
        ),
        (
            err_of::<Vec<i32>>,
            le(&[vector, 3, 1, 2]),
            ErrorKind::LengthTooLarge {
                declared: 3,
                remaining: 8,
            },
            4,
        ),
        (
            err_of::<Vec<i32>>,
            le(&[vector, u32::MAX]),
            ErrorKind::LengthTooLarge {
                declared: 0xffff_ffff,
                remaining: 0,
            },
            4,
        ),
        (
            err_of::<Vec<bool>>,
            le(&[vector, 2, 0x9972_75b5, 1]),
            ErrorKind::UnknownConstructor,
            12,
        ),
        (
            err_of::<Vec<String>>,
            [le(&[vector, 2]), vec![1, b'a', 0, 0, 1, 0xff, 0, 0]].concat(),
            ErrorKind::InvalidUtf8,
            12,
        ),
    ];
    for (decode, input, kind, offset) in cases {
        assert_eq!(decode(input), (*kind, *offset), "{input:?}");
    }
    let e = bool::from_bytes(&le(&[5])).unwrap_err();
    assert_eq!((e.constructor_id(), e.expected()), (Some(5), "Bool"));
    let e = Vec::<i32>::from_bytes(&le(&[7, 0])).unwrap_err();
    assert_eq!((e.constructor_id(), e.expected()), (Some(7), "Vector"));
    let lenient = Limits {
        allow_trailing: true,
        ..Limits::DEFAULT
    };
    assert_eq!(i32::from_bytes_with(&[1, 0, 0, 0, 9], lenient).unwrap(), 1);
}

#[test]
fn every_decoder_allocation_is_charged() {
    // Vectors (exact capacity), boxes, strings and bytes all draw on one budget: with a budget
    // one byte short of what a value needs it fails, with exactly that budget it decodes.
    let value = vec![
        vec![String::from("hello"), String::from("TL")],
        vec![String::new()],
    ];
    let bytes = value.to_bytes();
    let need = 2 * size_of::<Vec<String>>() + 3 * size_of::<String>() + 5 + 2;
    for (max_alloc, ok) in [(need, true), (need - 1, false)] {
        let limits = Limits {
            max_alloc,
            ..Limits::DEFAULT
        };
        let r = Vec::<Vec<String>>::from_bytes_with(&bytes, limits);
        assert_eq!(r.is_ok(), ok, "{max_alloc}: {r:?}");
    }
    let point = chain(3).to_bytes();
    let need = 2 * size_of::<Point>();
    for (max_alloc, ok) in [(need, true), (need - 1, false)] {
        let limits = Limits {
            max_alloc,
            ..Limits::DEFAULT
        };
        assert_eq!(Point::from_bytes_with(&point, limits).is_ok(), ok);
    }
    let mut r = Reader::with_limits(
        &[3, 1, 2, 3],
        Limits {
            max_alloc: 2,
            ..Limits::DEFAULT
        },
    );
    let blob = <Bytes as Decode<'_, Vec<u8>>>::read(&mut r);
    assert_eq!(blob.as_deref(), Some(&[][..]), "bytes fall back to empty");
    assert!(matches!(
        r.result_of(blob).unwrap_err().kind(),
        ErrorKind::AllocLimit { requested: 3, .. }
    ));
}

/// A hand-written constructor, as the generated code would produce:
/// `point#0a0b0c0d flags:# x:int next:flags.0?%point = Point` (recursion without an id).
#[derive(Clone)]
struct Point {
    x: i32,
    next: Option<Box<Point>>,
}

impl<'de> Constructor<'de> for Point {
    const INFO: CtorInfo = CtorInfo::new(0x0a0b_0c0d, "point", "Point", 8);
    fn visit_fields<V: FieldVisitor + ?Sized>(&self, v: &mut V) {
        v.flags(crate::__private::bit(&self.next, 1));
        v.plain("x", &self.x);
        v.optional::<Boxed<Bare>, _>("next", &self.next);
    }
    fn read_fields(r: &mut Reader<'de>) -> Option<Self> {
        let f0 = r.get_flags("point", "flags", 1);
        Some(Point {
            x: r.get_field("x"),
            next: optional::<Boxed<Bare>, _>(r, f0, 1, "next"),
        })
    }
}

impl core::fmt::Debug for Point {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        debug_fields(self, f)
    }
}

impl PartialEq for Point {
    fn eq(&self, other: &Self) -> bool {
        eq_bare(self, other)
    }
}

/// Decodes a value in codec `C` from the start of `input`.
fn decode<'de, C: Decode<'de, T>, T>(input: &'de [u8]) -> Result<T> {
    let mut r = Reader::new(input);
    let value = read::<C, T>(&mut r, "");
    r.result_of(value)
}

fn chain(n: i32) -> Point {
    let mut p = Point { x: 0, next: None };
    for x in 1..n {
        p = Point {
            x,
            next: Some(Box::new(p)),
        };
    }
    p
}

#[test]
fn boxed_constructor() {
    round_trip(Point { x: 3, next: None }, &le(&[0x0a0b_0c0d, 0, 3]));
    round_trip(chain(3), &le(&[0x0a0b_0c0d, 1, 2, 1, 1, 0, 0]));
    let e = Point::from_bytes(&le(&[0x0a0b_0c0e, 0, 3])).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UnexpectedConstructor {
            expected_id: 0x0a0b_0c0d
        }
    );
    assert_eq!(
        (e.constructor_id(), e.expected(), e.offset()),
        (Some(0x0a0b_0c0e), "point", 0)
    );
}

#[test]
fn depth_limit() {
    let ok = chain(64).to_bytes();
    assert!(Point::from_bytes(&ok).is_ok());
    let deep = chain(65).to_bytes();
    let e = Point::from_bytes(&deep).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 64 });
    let limits = Limits {
        max_depth: 1000,
        ..Limits::DEFAULT
    };
    assert!(Point::from_bytes_with(&deep, limits).is_ok());
    // Very deep input with the default limit fails fast instead of overflowing the stack.
    let mut huge = Vec::new();
    writer::write_u32(&mut huge, 0x0a0b_0c0d);
    for _ in 0..100_000 {
        huge.extend_from_slice(&le(&[1, 7]));
    }
    let e = Point::from_bytes(&huge).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit { max: 64 });
    assert_eq!(e.offset(), 4 + 64 * 8);
    // A long chain is dropped iteratively here to keep this test independent of drop depth.
    let mut p = Point::from_bytes_with(&deep, limits).unwrap();
    while let Some(next) = p.next.take() {
        p = *next;
    }
}

#[test]
fn codecs() {
    fn check<T: PartialEq + core::fmt::Debug, C: Encode<T> + for<'a> Decode<'a, T>>(
        v: T,
        want: &[u8],
    ) {
        let mut out = Vec::new();
        C::encode(&v, &mut out);
        assert_eq!(out, want, "{v:?}");
        let mut count = ByteCount(0);
        C::encode(&v, &mut count);
        assert_eq!(count.0, want.len(), "{v:?}");
        let mut r = Reader::new(want);
        let back = C::read(&mut r);
        assert_eq!(r.result_of(back).unwrap(), v);
        assert!(r.is_empty());
        for n in 0..want.len() {
            assert!(decode::<C, T>(&want[..n]).is_err(), "prefix {n}");
        }
    }
    let vector = 0x1cb5_c415;
    check::<_, Plain>(7_i64, &[7, 0, 0, 0, 0, 0, 0, 0]);
    check::<_, Bare>(Point { x: 1, next: None }, &le(&[0, 1]));
    check::<_, Bytes>(vec![1, 2, 3, 4, 5], &[5, 1, 2, 3, 4, 5, 0, 0]);
    check::<_, Vector<Plain>>(vec![1_i32, 2], &le(&[vector, 2, 1, 2]));
    check::<_, Vector<Bytes>>(vec![vec![9_u8]], &le(&[vector, 1, 0x0000_0901]));
    check::<_, Vector<Bare>>(vec![Point { x: 1, next: None }], &le(&[vector, 1, 0, 1]));
    check::<_, BareVector<Plain>>(vec![true], &le(&[1, 0x9972_75b5]));
    check::<_, BareVector<Bytes>>(vec![vec![], vec![]], &le(&[2, 0, 0]));
    check::<_, BareVector<Vector<Plain>>>(vec![vec![5_i32]], &le(&[1, vector, 1, 5]));
    check::<_, Boxed<Plain>>(Box::new(String::from("x")), &[1, b'x', 0, 0]);
    check::<_, Boxed<Vector<Plain>>>(Box::new(vec![3_i32]), &le(&[vector, 1, 3]));
    // Fields sharing a flag bit: one after the other.
    check::<_, (Plain, Bytes)>((5_i32, vec![1_u8]), &le(&[5, 0x0000_0101]));
    let e = decode::<Vector<Plain>, Vec<i32>>(&le(&[1, 0])).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::UnexpectedConstructor {
            expected_id: vector
        }
    );
    let e = decode::<BareVector<Bare>, Vec<Point>>(&le(&[3, 0, 0])).unwrap_err();
    assert_eq!(
        e.kind(),
        &ErrorKind::LengthTooLarge {
            declared: 3,
            remaining: 8
        }
    );
}

#[test]
fn sticky_reads_keep_the_first_error() {
    // `point` with x, then a `next` whose flags say it is there but the input ends: numbers
    // read on as zeros, nothing is boxed after the failure, the value comes back (to be
    // dropped) and the first error is kept.
    let input = le(&[0x0a0b_0c0d, 1, 7, 0]);
    let mut r = Reader::new(&input);
    let p = Point::read(&mut r).unwrap();
    assert!(r.failed());
    assert_eq!(r.remaining(), 0, "a failed reader is exhausted");
    assert_eq!((p.x, p.next.is_none()), (7, true));
    assert_eq!(r.get_i64("long"), 0);
    let e = r.result(()).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset(), e.expected()),
        (
            &ErrorKind::UnexpectedEof {
                needed: 4,
                remaining: 0
            },
            16,
            "int"
        )
    );
    assert!(!r.failed(), "the error was taken");
    // An unknown id recorded while failed changes nothing.
    let mut r = Reader::new(&[1, 2]);
    assert_eq!(r.get_u32("x"), 0);
    r.fail_unknown(5, "Y");
    assert_eq!(r.first_error().unwrap().expected(), "x");
    // A decoder that returns nothing without recording why is reported, not trusted.
    let mut r = Reader::new(&[]);
    let e = r.result_of(None::<i32>).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NoValue);
}

#[test]
fn debug_and_equality_as_derives_would_have_them() {
    let p = chain(2);
    assert_eq!(
        format!("{p:?}"),
        "Point { x: 1, next: Some(Point { x: 0, next: None }) }"
    );
    assert_eq!(
        format!("{:#?}", Point { x: 3, next: None }),
        "Point {\n    x: 3,\n    next: None,\n}"
    );
    assert_eq!(p, chain(2));
    assert_ne!(p, chain(3));
    assert_ne!(Point { x: 1, next: None }, Point { x: 2, next: None });
    // Equality is equality of the encodings: doubles compare bit for bit.
    assert!(eq_bare(&f64::NAN, &f64::NAN));
    assert!(!eq_bare(&0.0_f64, &-0.0_f64));
}

#[test]
fn serialize_into_any_sink() {
    struct Chunks(Vec<Vec<u8>>);
    impl Sink for Chunks {
        fn put(&mut self, bytes: &[u8]) {
            self.0.push(bytes.to_vec());
        }
    }
    let p = chain(3);
    let mut chunks = Chunks(Vec::new());
    p.serialize(&mut chunks);
    assert_eq!(chunks.0.concat(), p.to_bytes());
    let dyn_sink: &mut dyn Sink = &mut Vec::new();
    p.serialize(dyn_sink);
    assert_eq!(p.serialized_len(), p.to_bytes().len());
}

#[test]
fn random_input_never_panics() {
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let seeds = [
        le(&[0x1cb5_c415, 2, 0x9972_75b5, 0xbc79_9737]),
        chain(4).to_bytes(),
        vec![String::from("hello"), String::from("world")].to_bytes(),
    ];
    for i in 0..20_000 {
        let mut buf = if i % 2 == 0 {
            (0..next() % 64).map(|_| next() as u8).collect::<Vec<u8>>()
        } else {
            seeds[i % seeds.len()].clone()
        };
        for _ in 0..(next() % 4) {
            if buf.is_empty() {
                break;
            }
            let at = next() as usize % buf.len();
            buf[at] = next() as u8;
        }
        let _ = Vec::<bool>::from_bytes(&buf);
        let _ = Vec::<String>::from_bytes(&buf);
        let _ = Vec::<Vec<i64>>::from_bytes(&buf);
        let _ = Point::from_bytes(&buf);
        let _ = decode::<BareVector<Bytes>, Vec<Vec<u8>>>(&buf);
        let _ = decode::<Vector<Bare>, Vec<Point>>(&buf);
    }
}

#[test]
fn remote_call_bound() {
    struct GetPoint;
    impl Serialize for GetPoint {
        fn serialize<S: Sink + ?Sized>(&self, out: &mut S) {
            writer::write_u32(out, 0x1111_2222);
        }
    }
    impl RemoteCall for GetPoint {
        type Return<'de> = Point;
    }
    fn answer<'de, R: RemoteCall>(_: &R, bytes: &'de [u8]) -> Result<R::Return<'de>> {
        R::Return::from_bytes(bytes)
    }
    assert_eq!(GetPoint.to_bytes(), le(&[0x1111_2222]));
    assert_eq!(answer(&GetPoint, &le(&[0x0a0b_0c0d, 0, 5])).unwrap().x, 5);
    assert_eq!(<Point as Identifiable>::TL_NAME, "point");
}

#[test]
fn display_names_offset_and_type() {
    let e = Vec::<String>::from_bytes(&le(&[0x1cb5_c415, 1, 12])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "length 12 too large at byte offset 8 while decoding string: 3 bytes remain, in [0]"
    );
    assert_eq!(e.path(), "[0]");
    let e = <bool as Deserialize<'_>>::from_bytes(&le(&[0x1234_abcd])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown constructor id 0x1234abcd at byte offset 0 while decoding Bool"
    );
}

#[test]
fn the_path_names_every_level() {
    // Three points in a chain (each `next` bare), cut in the last `x`: every `next` and the `x`.
    let bytes = chain(3).to_bytes();
    let e = Point::from_bytes(&bytes[..bytes.len() - 1]).unwrap_err();
    assert_eq!(e.path(), "point.next.next.x");
    assert_eq!(e.path_root(), Some("point"));
    assert_eq!(
        e.path_segments().collect::<Vec<_>>(),
        [
            crate::PathSegment::Field("next"),
            crate::PathSegment::Field("next"),
            crate::PathSegment::Field("x")
        ]
    );
    assert_eq!(
        e.to_string(),
        format!("{}, in point.next.next.x", e.message())
    );
    // In a vector: the index, then the fields of element 1.
    let mut bytes = vec![chain(1), chain(2)].to_bytes();
    bytes.truncate(bytes.len() - 2);
    let e = Vec::<Point>::from_bytes(&bytes).unwrap_err();
    assert_eq!(e.path(), "[1].next.x");
    assert_eq!(e.path_root(), None);
    // The id of the root: no path.
    let e = Point::from_bytes(&le(&[0xdead_beef, 0, 0])).unwrap_err();
    assert_eq!((e.path(), e.path_root()), (String::new(), None));
    assert!(!e.to_string().contains(", in"));
}

#[test]
fn a_path_as_deep_as_the_limit() {
    // 100 nested points under a depth limit of 200: a step per level; under the limit of 5 the
    // decode stops at the sixth level and the path names the five above it.
    let bytes = chain(100).to_bytes();
    let cut = &bytes[..bytes.len() - 1];
    let e = Point::from_bytes_with(
        cut,
        Limits {
            max_depth: 200,
            ..Limits::DEFAULT
        },
    )
    .unwrap_err();
    assert_eq!(e.path(), format!("point{}.x", ".next".repeat(99)));
    let e = Point::from_bytes_with(
        &bytes,
        Limits {
            max_depth: 5,
            ..Limits::DEFAULT
        },
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DepthLimit { max: 5 }));
    assert_eq!(e.path(), format!("point{}", ".next".repeat(5)));
}

#[test]
fn a_path_longer_than_its_room_starts_with_an_ellipsis() {
    // Vectors do not nest deeper (only values with ids do), so five vectors in one another at
    // depth 0 have more steps than the room reserved there (`Limits::path_steps(0)`, 4): the
    // outermost index is dropped.
    type V5 = Vec<Vec<Vec<Vec<Vec<String>>>>>;
    let value: V5 = vec![vec![vec![vec![vec![String::from("abc")]]]]];
    let mut bytes = value.to_bytes();
    let last = bytes.len() - 4;
    bytes[last] = 9; // the string's length: past the input
    let e = V5::from_bytes(&bytes).unwrap_err();
    assert_eq!(Limits::path_steps(0), 4);
    assert_eq!(e.path(), "…[0][0][0][0]");
}
