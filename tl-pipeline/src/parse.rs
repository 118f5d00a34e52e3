//! TL text to [`Schema`]. A plain library on `&str`: no proc-macro types here.
//!
//! Errors do not stop the parse: a broken declaration is reported and skipped up to its `;` (or to
//! the next line that starts a declaration, when the `;` is what is missing), so one build shows
//! every mistake.

use crate::ast::{
    Arg, Cond, Decl, Docs, ErrorDoc, Schema, Section, Span, Spanned, Type, TypeParam,
};
use crate::lex::{tokenize, Token, TokenKind};

/// A syntax error: where, what, and how to fix it when we can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte range of the offending text.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// A suggestion.
    pub hint: Option<String>,
    /// The text skipped to recover: the declaration that did not parse (empty for errors
    /// outside a declaration).
    pub skipped: Span,
}

impl ParseError {
    fn new(span: Span, message: impl Into<String>) -> Self {
        ParseError {
            span,
            message: message.into(),
            hint: None,
            skipped: 0..0,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Parses a whole schema text. Returns what could be parsed and every error found.
pub fn parse(text: &str) -> (Schema, Vec<ParseError>) {
    let (all, lex_errors) = tokenize(text);
    let (comments, tokens): (Vec<Token>, Vec<Token>) = all
        .into_iter()
        .partition(|t| matches!(t.kind, TokenKind::Comment { .. }));
    let layer = comments
        .iter()
        .find_map(|c| layer_of(text.get(c.span.start + 2..c.span.end)?));
    let mut parser = Parser {
        text,
        tokens,
        pending_comments: comments.into_iter().rev().collect(),
        pos: 0,
        errors: lex_errors
            .into_iter()
            .map(|e| ParseError {
                span: e.span,
                message: e.message,
                hint: e.hint,
                skipped: 0..0,
            })
            .collect(),
        schema: Schema::default(),
        section: Section::Types,
        comments: Vec::new(),
    };
    parser.run();
    let Parser {
        mut schema, errors, ..
    } = parser;
    schema.layer = layer;
    (schema, errors)
}

/// `230` of a comment `// LAYER 230` (the text after `//`).
fn layer_of(comment: &str) -> Option<i32> {
    let rest = comment.trim().strip_prefix("LAYER")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    rest.trim().parse().ok()
}

struct Parser<'a> {
    text: &'a str,
    /// Tokens without comments: a comment may sit inside a multi-line declaration.
    tokens: Vec<Token>,
    /// Comments not yet looked at, last first.
    pending_comments: Vec<Token>,
    pos: usize,
    errors: Vec<ParseError>,
    schema: Schema,
    section: Section,
    /// The run of whole-line comments just read: (line, byte offset of the text, text after `//`).
    comments: Vec<(usize, usize, &'a str)>,
}

/// Outcome of parsing one declaration.
type DeclResult<T> = Result<T, ParseError>;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_kind(&self) -> Option<TokenKind> {
        self.peek().map(|t| t.kind)
    }

    fn kind_at(&self, pos: usize) -> Option<TokenKind> {
        self.tokens.get(pos).map(|t| t.kind)
    }

    fn text_of(&self, token: &Token) -> &'a str {
        &self.text[token.span.clone()]
    }

    fn bump(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    /// Span of the current token, or an empty span at the end of the text.
    fn here(&self) -> Span {
        self.peek()
            .map(|t| t.span.clone())
            .unwrap_or(self.text.len()..self.text.len())
    }

    fn describe_here(&self) -> String {
        match self.peek() {
            Some(t) => format!("`{}`", self.text_of(t)),
            None => "the end of the schema".to_owned(),
        }
    }

    fn expect(&mut self, kind: TokenKind, what: &str) -> DeclResult<Token> {
        if self.peek_kind() == Some(kind) {
            Ok(self.bump().expect("peeked"))
        } else {
            Err(ParseError::new(
                self.here(),
                format!("expected {what}, found {}", self.describe_here()),
            ))
        }
    }

    /// Feeds the comments that come before byte `until` to the doc collector.
    fn comments_before(&mut self, until: usize) {
        while self
            .pending_comments
            .last()
            .is_some_and(|c| c.span.start < until)
        {
            let comment = self.pending_comments.pop().expect("checked");
            if comment.kind
                == (TokenKind::Comment {
                    at_line_start: true,
                })
            {
                self.push_comment(&comment);
            } else {
                self.comments.clear();
            }
        }
    }

    fn run(&mut self) {
        while let Some(token) = self.peek().cloned() {
            self.comments_before(token.span.start);
            match token.kind {
                TokenKind::Comment { .. } => self.pos += 1,
                TokenKind::Section(section) => {
                    self.pos += 1;
                    self.section = section;
                    self.comments.clear();
                }
                TokenKind::Semi => {
                    self.errors.push(
                        ParseError::new(token.span.clone(), "empty declaration: stray `;`")
                            .hint("remove the extra `;`"),
                    );
                    self.pos += 1;
                }
                _ => {
                    self.declaration();
                    // Comments inside the declaration document nothing.
                    let end = self
                        .tokens
                        .get(self.pos)
                        .map_or(self.text.len(), |t| t.span.start);
                    while self.pending_comments.last().is_some_and(|c| {
                        c.span.start < end && c.line <= self.tokens[self.pos - 1].line
                    }) {
                        self.pending_comments.pop();
                    }
                }
            }
        }
        self.comments_before(self.text.len());
        self.flush_class_docs();
    }

    fn push_comment(&mut self, token: &Token) {
        if let Some(&(last, _, _)) = self.comments.last() {
            if last + 1 != token.line {
                self.flush_class_docs();
            }
        }
        let start = token.span.start + 2;
        self.comments
            .push((token.line, start, &self.text[start..token.span.end]));
    }

    /// Drops the pending comment block, keeping it if it documents a class (`//@class`).
    fn flush_class_docs(&mut self) {
        let comments = std::mem::take(&mut self.comments);
        let (_, class) = parse_docs(comments.iter().map(|&(_, _, t)| t));
        if let Some(class) = class {
            self.schema.class_docs.push(class);
        }
    }

    /// The comment block that ends on the line right above `line`, if any.
    fn take_docs(&mut self, line: usize) -> Docs {
        let comments = std::mem::take(&mut self.comments);
        match comments.last() {
            Some(&(last, _, _)) if last + 1 == line => {}
            _ => return Docs::default(),
        }
        for &(_, start, text) in &comments {
            if let Some(at) = find_error_tag(text) {
                if let Err(message) = ErrorDoc::parse(&text[at + ERROR_TAG.len()..]) {
                    let span = start + at..start + text.trim_end().len();
                    self.errors.push(ParseError::new(span, message));
                }
            }
        }
        let (docs, class) = parse_docs(comments.iter().map(|&(_, _, t)| t));
        if let Some(class) = class {
            self.schema.class_docs.push(class);
        }
        docs
    }

    fn declaration(&mut self) {
        let start = self.pos;
        let first = self.tokens[start].clone();
        // TDLib puts `//@class` blocks above the first constructor with a blank line between; they
        // still document the class.
        if let Some(&(last, _, _)) = self.comments.last() {
            if last + 1 != first.line {
                self.flush_class_docs();
            }
        }
        let docs = self.take_docs(first.line);
        match self.decl_body(docs) {
            Ok(decl) => self.schema.decls.push(decl),
            Err(mut err) => {
                self.recover(start);
                let end = self
                    .tokens
                    .get(start..self.pos)
                    .and_then(<[Token]>::last)
                    .map_or(first.span.end, |t| t.span.end);
                err.skipped = first.span.start..end;
                self.errors.push(err);
            }
        }
    }

    /// Skips to just after the next `;`, or to a line that looks like a new declaration when the
    /// `;` is missing, or to a section marker.
    fn recover(&mut self, start: usize) {
        let start_line = self.tokens.get(start).map_or(0, |t| t.line);
        if self.pos == start {
            self.pos += 1;
        }
        while let Some(token) = self.peek().cloned() {
            match token.kind {
                TokenKind::Semi => {
                    self.pos += 1;
                    return;
                }
                TokenKind::Section(_) => return,
                TokenKind::Ident
                    if token.line > start_line
                        && self.starts_line(self.pos)
                        && self.looks_like_decl_start() =>
                {
                    return
                }
                _ => self.pos += 1,
            }
        }
    }

    fn starts_line(&self, pos: usize) -> bool {
        pos == 0 || self.tokens[pos - 1].line < self.tokens[pos].line
    }

    /// `name#id` or `name field:` or `name =`.
    fn looks_like_decl_start(&self) -> bool {
        matches!(
            (self.kind_at(self.pos + 1), self.kind_at(self.pos + 2)),
            (Some(TokenKind::Hash), Some(TokenKind::Ident))
                | (Some(TokenKind::Ident), Some(TokenKind::Colon))
                | (Some(TokenKind::Eq), _)
        )
    }

    fn decl_body(&mut self, docs: Docs) -> DeclResult<Decl> {
        let first = self.peek().cloned().expect("declaration starts at a token");
        if first.kind != TokenKind::Ident {
            let err = ParseError::new(
                first.span.clone(),
                format!(
                    "a declaration must start with its name, found `{}`",
                    self.text_of(&first)
                ),
            );
            return Err(if first.kind == TokenKind::Hash {
                err.hint("write the constructor name before `#id`, e.g. `myType#1a2b3c4d`")
            } else {
                err
            });
        }
        self.pos += 1;
        let name = Spanned::new(self.text_of(&first).to_owned(), first.span.clone());
        check_name(&name, "declaration")?;
        let id = self.constructor_id(&first)?;

        let mut decl = Decl {
            section: self.section,
            name,
            id,
            params: Vec::new(),
            args: Vec::new(),
            result: Type {
                name: String::new(),
                bare_mark: false,
                excl: false,
                args: Vec::new(),
                span: 0..0,
            },
            builtin: false,
            docs,
            span: first.span.clone(),
        };
        loop {
            match self.peek_kind() {
                Some(TokenKind::Eq) => break,
                Some(TokenKind::Question) => {
                    // `int ? = Int;`
                    self.pos += 1;
                    decl.builtin = true;
                }
                Some(TokenKind::LBrace) => decl.params.push(self.type_param()?),
                Some(TokenKind::Ident) if self.kind_at(self.pos + 1) == Some(TokenKind::Colon) => {
                    decl.args.push(self.arg()?)
                }
                Some(TokenKind::Hash | TokenKind::LBracket) => {
                    // `# [ t ]` of the vector builtin.
                    self.skip_builtin_arg()?;
                    decl.builtin = true;
                }
                Some(TokenKind::Ident) if self.kind_at(self.pos + 1) == Some(TokenKind::Star) => {
                    // `4*[ int ]` of `int128`.
                    self.pos += 2;
                    self.skip_builtin_arg()?;
                    decl.builtin = true;
                }
                Some(TokenKind::Semi) | None => {
                    return Err(ParseError::new(
                        self.here(),
                        format!(
                            "expected `=` and a result type, found {}",
                            self.describe_here()
                        ),
                    )
                    .hint("every declaration ends with `= ResultType;`"))
                }
                Some(TokenKind::Ident) if self.kind_at(self.pos + 1) == Some(TokenKind::Semi) => {
                    let t = self.peek().cloned().expect("peeked");
                    let name = self.text_of(&t);
                    return Err(ParseError::new(
                        t.span.clone(),
                        format!("expected `=` before the result type `{name}`"),
                    )
                    .hint(format!("write `= {name};`")));
                }
                Some(TokenKind::Ident) => {
                    let t = self.peek().cloned().expect("peeked");
                    return Err(ParseError::new(
                        t.span.clone(),
                        format!(
                            "expected `name:type` for a field, found `{}`",
                            self.text_of(&t)
                        ),
                    )
                    .hint("fields are written `name:type`"));
                }
                _ => {
                    return Err(ParseError::new(
                        self.here(),
                        format!("unexpected {} in a declaration", self.describe_here()),
                    ))
                }
            }
        }
        self.pos += 1; // `=`
        decl.result = self.result_type(decl.builtin)?;
        if !decl.builtin {
            check_name(
                &Spanned::new(decl.result.name.clone(), decl.result.span.clone()),
                "type",
            )?;
        }
        match self.peek_kind() {
            Some(TokenKind::Semi) => {
                let semi = self.bump().expect("peeked");
                decl.span = first.span.start..semi.span.start;
                Ok(decl)
            }
            Some(TokenKind::Ident) if self.kind_at(self.pos + 1) == Some(TokenKind::Colon) => {
                let t = self.peek().cloned().expect("peeked");
                let name = self.text_of(&t);
                Err(ParseError::new(
                    t.span.clone(),
                    format!("field `{name}` comes after `=` and the result type"),
                )
                .hint(format!(
                    "move `{name}:…` before `=`: fields come first, then `= {};`",
                    decl.result.name
                )))
            }
            Some(TokenKind::Ident | TokenKind::Colon) => Err(ParseError::new(
                self.here(),
                format!(
                    "expected `;` after the result type, found {}",
                    self.describe_here()
                ),
            )
            .hint("end the declaration with `;` (fields go before `=`)")),
            _ => Err(ParseError::new(
                self.here(),
                format!(
                    "expected `;` after the result type, found {}",
                    self.describe_here()
                ),
            )
            .hint("end the declaration with `;`")),
        }
    }

    /// `#1cb5c415` right after the name (no space).
    fn constructor_id(&mut self, name: &Token) -> DeclResult<Option<Spanned<u32>>> {
        let Some(hash) = self.peek().cloned() else {
            return Ok(None);
        };
        if hash.kind != TokenKind::Hash || hash.span.start != name.span.end {
            return Ok(None);
        }
        self.pos += 1;
        let digits = match self.peek().cloned() {
            Some(t) if t.kind == TokenKind::Ident && t.span.start == hash.span.end => t,
            _ => {
                return Err(ParseError::new(hash.span, "`#` after a name must be followed by a hex id")
                    .hint("write the id as 1 to 8 hex digits, e.g. `#1a2b3c4d`, or leave it out to compute it"))
            }
        };
        self.pos += 1;
        let text = self.text_of(&digits);
        let span = hash.span.start..digits.span.end;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseError::new(
                span,
                format!("`#{text}` is not a hexadecimal constructor id"),
            )
            .hint("ids are 1 to 8 hex digits (0-9, a-f)"));
        }
        let value = u64::from_str_radix(text, 16).unwrap_or(u64::MAX);
        if text.len() > 8 || value > u64::from(u32::MAX) {
            return Err(ParseError::new(
                span,
                format!("constructor id `#{text}` has more than 32 bits"),
            )
            .hint("ids are CRC32 values: at most 8 hex digits"));
        }
        Ok(Some(Spanned::new(value as u32, span)))
    }

    /// `{X:Type}`
    fn type_param(&mut self) -> DeclResult<TypeParam> {
        let open = self.bump().expect("peeked `{`");
        let name = self
            .expect(TokenKind::Ident, "a type parameter name")
            .map_err(|e| e.hint("type parameters are written `{X:Type}`"))?;
        self.expect(TokenKind::Colon, "`:` in `{X:Type}`")?;
        let kind = self.expect(TokenKind::Ident, "the kind of the type parameter (`Type`)")?;
        if self.peek_kind() != Some(TokenKind::RBrace) {
            return Err(ParseError::new(
                open.span.start..self.here().end,
                format!(
                    "unterminated `{{`: expected `}}`, found {}",
                    self.describe_here()
                ),
            )
            .hint("type parameters are written `{X:Type}`"));
        }
        self.pos += 1;
        let name = Spanned::new(self.text_of(&name).to_owned(), name.span.clone());
        check_simple_name(&name, "type parameter")?;
        Ok(TypeParam {
            name,
            kind: Spanned::new(self.text_of(&kind).to_owned(), kind.span.clone()),
        })
    }

    /// `name:type` or `name:word.bit?type`
    fn arg(&mut self) -> DeclResult<Arg> {
        let name_tok = self.bump().expect("peeked ident");
        self.pos += 1; // `:`
        let name = Spanned::new(self.text_of(&name_tok).to_owned(), name_tok.span.clone());
        let cond = if self.peek_kind() == Some(TokenKind::Ident)
            && self.kind_at(self.pos + 1) == Some(TokenKind::Question)
        {
            let tok = self.bump().expect("peeked");
            self.pos += 1; // `?`
            Some(self.condition(&tok)?)
        } else {
            None
        };
        check_simple_name(&name, "field")?;
        let ty = self.ty()?;
        Ok(Arg { name, cond, ty })
    }

    /// `flags.3` → word `flags`, bit 3.
    fn condition(&self, tok: &Token) -> DeclResult<Cond> {
        let text = self.text_of(tok);
        let Some((word, bit)) = text.rsplit_once('.') else {
            return Err(ParseError::new(
                tok.span.clone(),
                format!("`{text}?` is not a flags condition"),
            )
            .hint("optional fields are written `name:flags.N?type`"));
        };
        let Ok(bit_value) = bit.parse::<u32>() else {
            return Err(ParseError::new(
                tok.span.clone(),
                format!("`{bit}` in `{text}?` is not a bit number"),
            )
            .hint("optional fields are written `name:flags.N?type` with N from 0 to 31"));
        };
        let word_end = tok.span.start + word.len();
        Ok(Cond {
            word: Spanned::new(word.to_owned(), tok.span.start..word_end),
            bit: Spanned::new(bit_value, word_end + 1..tok.span.end),
        })
    }

    /// A field type: `int`, `!X`, `%Foo`, `#`, `Vector<T>`, `(vector T)`.
    fn ty(&mut self) -> DeclResult<Type> {
        let start = self.here().start;
        match self.peek_kind() {
            Some(TokenKind::Excl) => {
                self.pos += 1;
                let mut ty = self.ty()?;
                ty.excl = true;
                ty.span.start = start;
                Ok(ty)
            }
            Some(TokenKind::Percent) => {
                self.pos += 1;
                let mut ty = self.ty()?;
                ty.bare_mark = true;
                ty.span.start = start;
                Ok(ty)
            }
            Some(TokenKind::Hash) => {
                let t = self.bump().expect("peeked");
                Ok(simple_type("#", t.span))
            }
            Some(TokenKind::LParen) => {
                self.pos += 1;
                let head = self.expect(TokenKind::Ident, "a type name after `(`")?;
                let mut ty = simple_type(self.text_of(&head), head.span.clone());
                while self.peek_kind() != Some(TokenKind::RParen) {
                    if matches!(
                        self.peek_kind(),
                        None | Some(TokenKind::Semi | TokenKind::Eq)
                    ) {
                        return Err(ParseError::new(
                            start..self.here().end,
                            "unterminated `(`: expected `)`",
                        ));
                    }
                    ty.args.push(self.ty()?);
                }
                let close = self.bump().expect("peeked `)`");
                ty.span = start..close.span.end;
                Ok(ty)
            }
            Some(TokenKind::Ident) => {
                let t = self.bump().expect("peeked");
                let mut ty = simple_type(self.text_of(&t), t.span.clone());
                if self.peek_kind() == Some(TokenKind::Lt) {
                    self.pos += 1;
                    loop {
                        ty.args.push(self.ty()?);
                        match self.peek_kind() {
                            Some(TokenKind::Gt) => break,
                            Some(TokenKind::Comma) => self.pos += 1,
                            _ => {
                                return Err(ParseError::new(
                                    self.here(),
                                    format!(
                                        "expected `>` to close `{}<`, found {}",
                                        ty.name,
                                        self.describe_here()
                                    ),
                                )
                                .hint(format!("write `{}<T>`, e.g. `Vector<long>`", ty.name)))
                            }
                        }
                    }
                    let close = self.bump().expect("peeked `>`");
                    ty.span = start..close.span.end;
                }
                Ok(ty)
            }
            _ => Err(ParseError::new(
                self.here(),
                format!("expected a type, found {}", self.describe_here()),
            )),
        }
    }

    /// The result type. Builtin lines may apply it to parameters (`= Vector t`).
    fn result_type(&mut self, builtin: bool) -> DeclResult<Type> {
        if self.peek_kind() != Some(TokenKind::Ident) {
            return Err(ParseError::new(
                self.here(),
                format!(
                    "expected a result type after `=`, found {}",
                    self.describe_here()
                ),
            ));
        }
        let mut ty = self.ty()?;
        if builtin {
            while self.peek_kind() == Some(TokenKind::Ident) {
                let arg = self.ty()?;
                ty.span.end = arg.span.end;
                ty.args.push(arg);
            }
        }
        Ok(ty)
    }

    /// Skips `#` or `[ … ]` of a builtin line.
    fn skip_builtin_arg(&mut self) -> DeclResult<()> {
        if self.peek_kind() == Some(TokenKind::Hash) {
            self.pos += 1;
            return Ok(());
        }
        let open = self.expect(TokenKind::LBracket, "`[`")?;
        loop {
            match self.peek_kind() {
                Some(TokenKind::RBracket) => {
                    self.pos += 1;
                    return Ok(());
                }
                None | Some(TokenKind::Semi) => {
                    return Err(ParseError::new(open.span, "unterminated `[`: expected `]`"))
                }
                _ => self.pos += 1,
            }
        }
    }
}

fn simple_type(name: &str, span: Span) -> Type {
    Type {
        name: name.to_owned(),
        bare_mark: false,
        excl: false,
        args: Vec::new(),
        span,
    }
}

/// Names are dot-separated segments that start with a letter.
fn check_name(name: &Spanned<String>, what: &str) -> DeclResult<()> {
    let ok = name
        .value
        .split('.')
        .all(|seg| seg.chars().next().is_some_and(|c| c.is_ascii_alphabetic()));
    if ok {
        Ok(())
    } else {
        Err(ParseError::new(
            name.span.clone(),
            format!("`{}` is not a valid {what} name", name.value),
        )
        .hint("names are letters, digits and `_`, in segments separated by `.`, each starting with a letter"))
    }
}

/// Field and type parameter names: a letter, then letters, digits and `_` (they become Rust
/// names).
fn check_simple_name(name: &Spanned<String>, what: &str) -> DeclResult<()> {
    let mut chars = name.value.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ParseError::new(
            name.span.clone(),
            format!("`{}` is not a valid {what} name", name.value),
        )
        .hint(format!(
            "{what} names are letters, digits and `_`, starting with a letter"
        )))
    }
}

/// Turns a comment block (texts after `//`) into docs. Understands TDLib's `@description`,
/// `@field`, `@class Name` and `-` continuation lines; other lines are plain item docs. Returns the
/// docs and, for a `@class` block, the class name and its description.
pub fn parse_docs<'t>(lines: impl Iterator<Item = &'t str>) -> (Docs, Option<(String, String)>) {
    let mut joined: Vec<String> = Vec::new();
    for line in lines {
        let line = line.trim_start_matches('/');
        if let Some(rest) = line.strip_prefix('-') {
            if let Some(last) = joined.last_mut() {
                last.push(' ');
                last.push_str(rest.trim());
                continue;
            }
        }
        let line = line.trim();
        if !line.is_empty() {
            joined.push(line.to_owned());
        }
    }
    let mut docs = Docs::default();
    let mut class = None;
    for line in joined {
        if !line.starts_with('@') {
            docs.item.push(line);
            continue;
        }
        // `@error` takes the rest of its line (a description may hold an `@`).
        let (line, error) = match find_error_tag(&line) {
            Some(at) => (&line[..at], Some(&line[at + ERROR_TAG.len()..])),
            None => (line.as_str(), None),
        };
        if let Some(Ok(e)) = error.map(ErrorDoc::parse) {
            docs.errors.push(e);
        }
        let mut class_name = None;
        for part in line.split('@').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, text) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
            let text = text.trim().to_owned();
            match key {
                "class" => class_name = Some(text),
                "description" if class_name.is_some() => {
                    class = class_name.take().map(|n| (n, text));
                }
                "description" => docs.item.push(text),
                field => docs.fields.push((field.to_owned(), text)),
            }
        }
        if let Some(name) = class_name {
            class = Some((name, String::new()));
        }
    }
    (docs, class)
}

/// `@error`, the tag of an error line in a doc comment.
const ERROR_TAG: &str = "@error";

/// Where `@error CODE` starts in a comment line, if it has one. Without a code, `@error text`
/// documents a field named `error`, as in TDLib's schema.
fn find_error_tag(line: &str) -> Option<usize> {
    line.match_indices(ERROR_TAG).map(|(i, _)| i).find(|&i| {
        let rest = &line[i + ERROR_TAG.len()..];
        let code = rest.split_whitespace().next().unwrap_or_default();
        rest.starts_with(char::is_whitespace) && code.parse::<i32>().is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Schema {
        let (schema, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        schema
    }

    fn err(text: &str) -> Vec<ParseError> {
        let (_, errors) = parse(text);
        assert!(!errors.is_empty(), "expected an error for {text:?}");
        errors
    }

    #[test]
    fn the_layer_comment() {
        assert_eq!(ok("// LAYER 230\na#1 = A;").layer, Some(230));
        assert_eq!(ok("a#1 = A;\n//  LAYER   109  \n").layer, Some(109));
        for no in ["// LAYERS 2\na#1 = A;", "// LAYER x\na#1 = A;", "a#1 = A;"] {
            assert_eq!(ok(no).layer, None, "{no}");
        }
    }

    #[test]
    fn error_lines_in_doc_comments() {
        let s = ok("a#1 = A;\n---functions---\n// Does a thing.\n//@x The x\n//@error 400 X_INVALID The x is\n//- invalid, see @admin.\n//@error -503 Timeout\n//@error 420 FLOOD_WAIT_%d\nf#2 x:int = A;");
        let d = &s.decls[1].docs;
        assert_eq!(d.item, ["Does a thing."]);
        assert_eq!(d.field("x"), Some("The x"));
        let errors: Vec<(i32, &str, &str)> = d
            .errors
            .iter()
            .map(|e| (e.code, e.name.as_str(), e.description.as_str()))
            .collect();
        assert_eq!(
            errors,
            [
                (400, "X_INVALID", "The x is invalid, see @admin."),
                (-503, "Timeout", ""),
                (420, "FLOOD_WAIT_%d", ""),
            ]
        );
    }

    #[test]
    fn tdlib_error_fields_are_not_error_lines() {
        // td_api.tl documents fields named `error`: `@error` without a code is one.
        let s = ok("//@description Failed @error The error\nfailed error:string = Result;");
        assert_eq!(s.decls[0].docs.field("error"), Some("The error"));
        assert!(s.decls[0].docs.errors.is_empty());
        let errors = err("//@error 400 BAD-NAME text\nf#1 = A;");
        assert!(
            errors[0]
                .message
                .contains("`BAD-NAME` is not an error name"),
            "{errors:?}"
        );
        assert_eq!(errors[0].span, 2..26);
    }

    #[test]
    fn parses_a_flags_declaration() {
        let s = ok("updateShortSentMessage#9015e101 flags:# out:flags.1?true id:int media:flags.9?MessageMedia entities:flags.7?Vector<MessageEntity> = Updates;");
        let d = &s.decls[0];
        assert_eq!(d.name.value, "updateShortSentMessage");
        assert_eq!(d.id.as_ref().map(|i| i.value), Some(0x9015e101));
        assert_eq!(d.args.len(), 5);
        assert_eq!(d.args[0].ty.name, "#");
        let out = &d.args[1];
        let cond = out.cond.as_ref().unwrap();
        assert_eq!((cond.word.value.as_str(), cond.bit.value), ("flags", 1));
        assert_eq!(out.ty.name, "true");
        assert_eq!(d.args[4].ty.args[0].name, "MessageEntity");
        assert_eq!(d.result.name, "Updates");
        assert!(!d.builtin);
    }

    #[test]
    fn parses_short_ids_and_sections() {
        let s = ok(
            "a#7efe0e = A;\n---functions---\nb#0dae54f8 {X:Type} q:!X = X;\n--- types ---\nc = C;",
        );
        assert_eq!(s.decls[0].id.as_ref().unwrap().value, 0x7efe0e);
        assert_eq!(s.decls[1].section, Section::Functions);
        assert_eq!(s.decls[1].params[0].name.value, "X");
        assert!(s.decls[1].args[0].ty.excl);
        assert_eq!(s.decls[2].section, Section::Types);
        assert_eq!(s.decls[2].id, None);
    }

    #[test]
    fn parses_builtin_lines() {
        let s = ok("int ? = Int;\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\nint128 4*[ int ] = Int128;");
        assert!(s.decls.iter().all(|d| d.builtin));
        assert_eq!(s.decls[1].result.args[0].name, "t");
    }

    #[test]
    fn parses_ton_syntax() {
        let s = ok("adnl.addressList addrs:(vector adnl.Address) messages:flags.3?(vector adnl.Message)\n    version:int = adnl.AddressList;");
        let d = &s.decls[0];
        assert_eq!(d.args[0].ty.name, "vector");
        assert_eq!(d.args[0].ty.args[0].name, "adnl.Address");
        assert_eq!(d.args[1].ty.args[0].name, "adnl.Message");
    }

    #[test]
    fn nested_vectors_and_bare_marks() {
        let s = ok("a rows:vector<vector<keyboardButton>> m:Vector<%Message> = A;");
        let d = &s.decls[0];
        assert_eq!(d.args[0].ty.args[0].args[0].name, "keyboardButton");
        assert!(d.args[1].ty.args[0].bare_mark);
    }

    #[test]
    fn docs_attach_to_the_next_declaration() {
        let s = ok("// LAYER 1\n\n// A call.\n//@video Whether video\n//-continued\nfoo video:int = Foo; // trailing\nbar = Bar;");
        assert_eq!(s.decls[0].docs.item, ["A call."]);
        assert_eq!(
            s.decls[0].docs.field("video"),
            Some("Whether video continued")
        );
        assert!(s.decls[1].docs.item.is_empty());
    }

    #[test]
    fn tdlib_class_docs() {
        let s = ok("//@class AuthState @description Auth state\n\n//@description Waiting @x The x\nwait x:int32 = AuthState;");
        assert_eq!(
            s.class_docs,
            [("AuthState".to_owned(), "Auth state".to_owned())]
        );
        assert_eq!(s.decls[0].docs.item, ["Waiting"]);
        assert_eq!(s.decls[0].docs.field("x"), Some("The x"));
    }

    #[test]
    fn errors_have_spans_and_keep_going() {
        let text = "a x:int A y;\nb#xyz = B;\nc#123456789 = C;\nd = D;";
        let errors = err(text);
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert_eq!(&text[errors[0].span.clone()], "A");
        assert!(errors[1].message.contains("`#xyz` is not a hexadecimal"));
        assert!(errors[2].message.contains("more than 32 bits"));
    }

    #[test]
    fn missing_semicolon_resumes_at_next_line() {
        let (schema, errors) = parse("a = A\nb = B;\nc = C;");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("expected `;`"));
        assert_eq!(schema.decls.len(), 2);
    }

    #[test]
    fn table_of_syntax_errors() {
        let cases = [
            ("a x:int", "expected `=`"),
            ("#1234 = A;", "must start with its name"),
            ("a {X:Type = A;", "unterminated `{`"),
            ("a x:flags.z?int = A;", "not a bit number"),
            ("a x:Vector<int = A;", "expected `>`"),
            ("a x:(vector int = A;", "unterminated `(`"),
            ("a = ;", "expected a result type"),
            ("a x = A;", "expected `name:type`"),
            ("a x:int A;", "expected `=` before the result type `A`"),
        ];
        for (text, want) in cases {
            let errors = err(text);
            assert!(errors[0].message.contains(want), "{text}: {errors:?}");
        }
    }
}
