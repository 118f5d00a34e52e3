//! The one counting allocator of the test suites (`tests/tests/suite`, the fuzz targets): it
//! counts, per thread, every byte a program asks the allocator for (allocations and the new
//! size of reallocations; frees are not subtracted), which is what the allocation bound of the
//! README is about. A test binary installs it with
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: tl_schema_tests::alloc::Counting = tl_schema_tests::alloc::Counting;
//! ```
//!
//! and measures with [`allocated_by`]. Counting per thread keeps tests that run in parallel
//! apart.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: the allocator also runs while thread-locals are torn down.
    let _ = ALLOCATED.try_with(|a| a.set(a.get() + bytes));
}

/// Forwards to the system allocator and counts what is asked for, per thread.
pub struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; only a thread-local counter is updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f`; returns its result and the bytes this thread asked the allocator for meanwhile
/// (0 unless [`Counting`] is the global allocator).
pub fn allocated_by<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATED.with(Cell::get);
    let r = f();
    (r, ALLOCATED.with(Cell::get) - before)
}
