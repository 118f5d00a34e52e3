tl_runtime::tl_schema!(
r#"
foo#xyz = Foo;
"#
);

fn main() {}
