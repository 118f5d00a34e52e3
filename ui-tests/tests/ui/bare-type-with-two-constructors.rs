tl_runtime::tl_schema!(
r#"
messageEmpty#1 id:int = Message;
message#2 id:int text:string = Message;
reply#3 to:%Message = Reply;
"#
);

fn main() {}
