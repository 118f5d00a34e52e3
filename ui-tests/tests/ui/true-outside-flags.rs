tl_runtime::tl_schema!(
r#"
message#1 id:int silent:true = Message;
"#
);

fn main() {}
