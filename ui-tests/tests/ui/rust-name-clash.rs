tl_runtime::tl_schema!(
r#"
fooBar#1 = Foo;
foo_bar#2 = Foo;
"#
);

fn main() {}
