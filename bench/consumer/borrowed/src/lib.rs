//! What a Telegram client does with the generated types, for measuring what using them costs to
//! compile: decode what the server sends, encode what it sends back, print, clone, compare.
//! `../ours` does the same with the owned types, `../grammers` with grammers-tl-types. Here the
//! types are `borrowed = true`: their strings borrow from `bytes`.

use tl_bench_types_borrowed::{enums, functions};
use tl_runtime::{Deserialize, Serialize};

include!("../../ours/src/uses.rs");
