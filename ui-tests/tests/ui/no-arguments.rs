tl_runtime::tl_schema!();

fn main() {}
