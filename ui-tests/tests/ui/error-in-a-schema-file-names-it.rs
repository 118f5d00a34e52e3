// `fixtures/` is copied next to the crate trybuild builds (see tests/ui.rs).
tl_runtime::tl_schema!(path = "fixtures/unknown-type.tl");

fn main() {}
