tl_runtime::tl_schema!(
r#"
// LAYER 230
// nothing here yet
"#
);

fn main() {}
