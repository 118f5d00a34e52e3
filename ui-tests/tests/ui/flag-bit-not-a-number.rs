tl_runtime::tl_schema!(
r#"
message#1 flags:# silent:flags.x?true id:int = Message;
"#
);

fn main() {}
