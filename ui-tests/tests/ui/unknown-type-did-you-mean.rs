tl_runtime::tl_schema!(
r#"
messageEntityBold#bd610bc9 offset:int length:int = MessageEntity;
message#1 id:int entities:MessageEntiy = Message;
"#
);

fn main() {}
