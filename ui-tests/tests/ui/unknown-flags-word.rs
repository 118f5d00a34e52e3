tl_runtime::tl_schema!(
r#"
message#1 flags:# silent:flagz.1?true id:int = Message;
"#
);

fn main() {}
