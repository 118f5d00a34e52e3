tl_runtime::tl_schema!(
path = "fixtures/call.tl",
docs = "fixtures/broken-docs.json"
);

fn main() {}
