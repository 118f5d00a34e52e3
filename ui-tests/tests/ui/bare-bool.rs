tl_runtime::tl_schema!(
r#"
message#1 id:int pinned:%Bool = Message;
"#
);

fn main() {}
