tl_runtime::tl_schema!(
r#"
message#1 flags:# silent:flags.32?true id:int = Message;
"#
);

fn main() {}
