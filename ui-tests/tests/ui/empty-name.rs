tl_runtime::tl_schema!(
r#"
#1234 = Foo;
"#
);

fn main() {}
