// A literal with escapes: the place is given within the schema text only.
tl_runtime::tl_schema!("pong#347773c5 msg_id:long = Pong;\nping#1 ping_id:lonk = Pong;");

fn main() {}
