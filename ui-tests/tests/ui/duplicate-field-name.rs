tl_runtime::tl_schema!(
r#"
message#1 id:int text:string id:long = Message;
"#
);

fn main() {}
