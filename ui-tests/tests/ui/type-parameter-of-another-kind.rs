tl_runtime::tl_schema!(
r#"
---functions---
invokeWithLayer#da9b0d0d {X:Object} layer:int query:!X = X;
"#
);

fn main() {}
