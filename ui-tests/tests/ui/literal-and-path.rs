tl_runtime::tl_schema!("pong#347773c5 msg_id:long ping_id:long = Pong;", path = "api.tl");

fn main() {}
