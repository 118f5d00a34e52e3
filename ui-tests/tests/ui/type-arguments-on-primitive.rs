tl_runtime::tl_schema!(
r#"
message#1 id:int<long> = Message;
"#
);

fn main() {}
