//! The integration tests, in one test binary: one link of the big schema library instead of
//! one per file, and the generated code each test uses compiled once.
//!
//! The counting allocator is installed for all of them; it counts per thread, so only the
//! measurements of `hostile` look at it.

mod alloc_bound;
mod dynamic;
mod ecosystems;
mod envelope;
mod ergonomics;
mod error_paths;
mod errors;
mod hostile;
mod hygiene;
mod json;
mod mtproto;
mod payloads;
mod readme;
mod round_trip;
mod rpc_errors;
mod seed;

/// A payload of `../shared/bench` (beside the repository), read whole.
fn payload(name: &str) -> Vec<u8> {
    let path = format!("{}/../../shared/bench/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[global_allocator]
static ALLOC: tl_schema_tests::alloc::Counting = tl_schema_tests::alloc::Counting;
