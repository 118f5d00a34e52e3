tl_runtime::tl_schema!(
r#"
//@error 400 PEER_ID_INVALID The peer is invalid.
inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
//@error The error this would document.
phoneCallEmpty#5366c915 id:long = PhoneCall;
"#
);

fn main() {}
