tl_runtime::tl_schema!(
r#"
message#1 id:int entities:Vector<long = Message;
"#
);

fn main() {}
