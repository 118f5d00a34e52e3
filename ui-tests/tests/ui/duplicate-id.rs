tl_runtime::tl_schema!(
r#"
message#1 id:int = Message;
messageEmpty#1 = Message;
"#
);

fn main() {}
