tl_runtime::tl_schema!(
r#"
message#1 id:int = Message text:string;
"#
);

fn main() {}
