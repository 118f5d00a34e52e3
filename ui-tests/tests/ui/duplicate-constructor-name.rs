tl_runtime::tl_schema!(
r#"
message#1 id:int = Message;
message#2 id:long = Message;
"#
);

fn main() {}
