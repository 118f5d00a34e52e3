tl_runtime::tl_schema!(
path = "fixtures/call.tl",
errors = "fixtures/missing-errors.json"
);

fn main() {}
