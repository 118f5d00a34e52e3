tl_runtime::tl_schema!(
r#"
message#1 flags:int silent:flags.1?true id:int = Message;
"#
);

fn main() {}
