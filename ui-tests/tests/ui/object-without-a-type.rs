// `Object` is any boxed value of the schema, but the schema declares no type.
tl_runtime::tl_schema!(
r#"
---functions---
liteServer.query#798c06df data:bytes = Object;
"#
);

fn main() {}
