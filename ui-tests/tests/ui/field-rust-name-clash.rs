tl_runtime::tl_schema!(
r#"
message#1 fooBar:int foo_bar:long = Message;
"#
);

fn main() {}
