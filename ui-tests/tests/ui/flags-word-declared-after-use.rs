tl_runtime::tl_schema!(
r#"
message#1 silent:flags.1?true flags:# id:int = Message;
"#
);

fn main() {}
