tl_runtime::tl_schema!(
r#"
message#1 flags:# silent:flagz.1?true id:int = Message;
pong#347773c5 msg_id:long ping_id:long Pong;
reply#2 to:Pong from:Usr = Reply;
user#3 id:long = User;
message#4 = Message;
"#
);

fn main() {}
