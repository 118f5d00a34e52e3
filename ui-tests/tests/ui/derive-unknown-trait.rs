tl_runtime::tl_schema!(
r#"
pong#347773c5 msg_id:long ping_id:long = Pong;
"#, derive = ["Default", "Ord"]
);

fn main() {}
