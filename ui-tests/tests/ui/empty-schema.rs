tl_runtime::tl_schema!(
r#"

"#
);

fn main() {}
