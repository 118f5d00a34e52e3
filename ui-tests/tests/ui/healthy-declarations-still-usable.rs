// Only the schema error is reported: the declarations that are right are still generated, so
// the code below that uses them has no error of its own.
tl_runtime::tl_schema!(
r#"
pong#347773c5 msg_id:long ping_id:long = Pong;
message#1 id:int from:Usr = Message;
reply#2 to:Message = Reply;
"#
);

fn main() {
    let pong = types::Pong { msg_id: 1, ping_id: 2 };
    let _: enums::Pong = pong.into();
}
