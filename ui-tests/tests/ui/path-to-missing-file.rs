tl_runtime::tl_schema!(
path = "missing.tl"
);

fn main() {}
