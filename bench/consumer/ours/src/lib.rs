//! What a Telegram client does with the generated types, for measuring what using them costs to
//! compile: decode what the server sends, encode what it sends back, print, clone, compare.
//! `../grammers` does the same with grammers-tl-types.

use tl_bench_types::{enums, functions};
use tl_runtime::{Deserialize, Serialize};

include!("uses.rs");
