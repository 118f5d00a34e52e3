//! Compile-fail cases: each file in `tests/ui/` is a malformed schema, and its `.stderr` is what
//! the user sees.

use std::path::Path;

#[test]
fn ui() {
    copy_fixtures();
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}

/// trybuild builds the cases in a crate of its own at `<target>/tests/trybuild/ui-tests`, and
/// `path = …` is relative to that crate's directory: put `fixtures/` there, wherever the target
/// directory is.
fn copy_fixtures() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp");
    let to = target.join("tests/trybuild/ui-tests/fixtures");
    std::fs::create_dir_all(&to).expect("create the fixtures directory");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(&from).expect("read fixtures/") {
        let path = entry.expect("fixture entry").path();
        let name = path.file_name().expect("file name");
        std::fs::copy(&path, to.join(name)).expect("copy a fixture");
    }
}
