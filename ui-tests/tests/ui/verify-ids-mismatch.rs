tl_runtime::tl_schema!(
r#"
msgs_ack#62d6b459 msg_ids:Vector<long> = MsgsAck;
ping#7abe77ed ping_id:long = Pong;
"#, verify_ids = true
);

fn main() {}
