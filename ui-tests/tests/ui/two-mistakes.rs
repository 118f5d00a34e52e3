tl_runtime::tl_schema!(
r#"
pong#347773c5 msg_id:long ping_id:long Pong;
message#1 id:int entities:Vector<MesageEntity> = Message;
messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
"#
);

fn main() {}
