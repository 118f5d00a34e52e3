tl_runtime::tl_schema!(
r#"
foo#123456789 = Foo;
"#
);

fn main() {}
