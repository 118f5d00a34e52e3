// Every `RichText` holds another `RichText`: no value of it can end.
tl_runtime::tl_schema!(
r#"
textBold#6724abc4 text:RichText = RichText;
textItalic#d912a59c text:RichText = RichText;
"#
);

fn main() {}
