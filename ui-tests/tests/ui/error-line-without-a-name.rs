tl_runtime::tl_schema!(
r#"
inputPhoneCall#1e36fded id:long access_hash:long = InputPhoneCall;
---functions---
// Refuse or end running call.
//@error 400 CALL_ALREADY_ACCEPTED The call was already accepted.
//@error 500
//@error 400 CALL-PEER-INVALID The provided call peer object is invalid.
phone.discardCall#b2cbc1c0 peer:InputPhoneCall = InputPhoneCall;
"#
);

fn main() {}
