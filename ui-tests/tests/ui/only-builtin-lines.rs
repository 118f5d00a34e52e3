tl_runtime::tl_schema!(
r#"
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
"#
);

fn main() {}
