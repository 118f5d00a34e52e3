//! Tokens of TL text. Names may contain dots and digits (`messages.channelMessages`, `flags.3`,
//! `decryptedMessage8`), so a name, a hex id and a number are all one `Ident` token; the parser tells
//! them apart by position.

use crate::ast::{Section, Span};

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits, `_` and `.`.
    Ident,
    /// `#`
    Hash,
    /// `:`
    Colon,
    /// `?`
    Question,
    /// `!`
    Excl,
    /// `%`
    Percent,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `=`
    Eq,
    /// `;`
    Semi,
    /// `*`
    Star,
    /// `,`
    Comma,
    /// `---functions---` or `---types---` (spaces inside allowed).
    Section(Section),
    /// `// text`; `at_line_start` says nothing but spaces came before it on its line.
    Comment {
        /// Only whitespace precedes it on its line (a doc comment candidate).
        at_line_start: bool,
    },
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its kind.
    pub kind: TokenKind,
    /// Its bytes in the text.
    pub span: Span,
    /// 1-based line it starts on.
    pub line: usize,
}

/// A lexing problem: the range and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

fn punct(b: u8) -> Option<TokenKind> {
    Some(match b {
        b'#' => TokenKind::Hash,
        b':' => TokenKind::Colon,
        b'?' => TokenKind::Question,
        b'!' => TokenKind::Excl,
        b'%' => TokenKind::Percent,
        b'{' => TokenKind::LBrace,
        b'}' => TokenKind::RBrace,
        b'<' => TokenKind::Lt,
        b'>' => TokenKind::Gt,
        b'(' => TokenKind::LParen,
        b')' => TokenKind::RParen,
        b'[' => TokenKind::LBracket,
        b']' => TokenKind::RBracket,
        b'=' => TokenKind::Eq,
        b';' => TokenKind::Semi,
        b'*' => TokenKind::Star,
        b',' => TokenKind::Comma,
        _ => return None,
    })
}

/// Splits `text` into tokens. Unknown characters and malformed section markers are reported and
/// skipped, so one bad byte does not hide the rest of the schema.
pub fn tokenize(text: &str) -> (Vec<Token>, Vec<LexError>) {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut line_has_token = false;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        if b == b'\n' {
            line += 1;
            line_has_token = false;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let kind = if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            TokenKind::Comment {
                at_line_start: !line_has_token,
            }
        } else if text[i..].starts_with("---") {
            match lex_section(text, i) {
                Ok((section, end)) => {
                    i = end;
                    TokenKind::Section(section)
                }
                Err((end, message)) => {
                    errors.push(LexError {
                        span: start..end,
                        message,
                        hint: Some(
                            "the section markers are `---functions---` and `---types---`".into(),
                        ),
                    });
                    i = end;
                    continue;
                }
            }
        } else if is_ident_byte(b) {
            while i < bytes.len() && is_ident_byte(bytes[i]) {
                i += 1;
            }
            TokenKind::Ident
        } else if let Some(kind) = punct(b) {
            i += 1;
            kind
        } else {
            let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
            i += ch.len_utf8();
            errors.push(LexError {
                span: start..i,
                message: format!("unexpected character `{ch}`"),
                hint: Some(
                    "TL names are ASCII letters, digits, `_` and `.`; comments start with `//`"
                        .into(),
                ),
            });
            continue;
        };
        line_has_token = true;
        tokens.push(Token {
            kind,
            span: start..i,
            line,
        });
    }
    (tokens, errors)
}

/// `---functions---`, `--- types ---`: returns the section and the end offset, or an error with the
/// offset to resume at.
fn lex_section(text: &str, start: usize) -> Result<(Section, usize), (usize, String)> {
    let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let inner_start = start + 3;
    let Some(close) = text[inner_start..line_end].find("---") else {
        let shown = text[start..line_end].trim_end();
        return Err((line_end, format!("section marker `{shown}` is not closed")));
    };
    let word = text[inner_start..inner_start + close].trim();
    let end = inner_start + close + 3;
    match word {
        "functions" => Ok((Section::Functions, end)),
        "types" => Ok((Section::Types, end)),
        _ => Err((end, format!("unknown section `---{word}---`"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<TokenKind> {
        let (tokens, errors) = tokenize(text);
        assert!(errors.is_empty(), "{errors:?}");
        tokens.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn names_with_dots_and_digits_are_one_token() {
        use TokenKind::*;
        assert_eq!(
            kinds("a.b#1f x:flags.3?Vector<int> = T;"),
            [
                Ident, Hash, Ident, Ident, Colon, Ident, Question, Ident, Lt, Ident, Gt, Eq, Ident,
                Semi
            ]
        );
    }

    #[test]
    fn section_markers_allow_spaces() {
        let k = kinds("---functions---\n--- types ---\n");
        assert_eq!(
            k,
            [
                TokenKind::Section(Section::Functions),
                TokenKind::Section(Section::Types)
            ]
        );
    }

    #[test]
    fn bad_section_markers_are_errors() {
        let (_, errors) = tokenize("---bogus---\n---functions\n");
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("unknown section `---bogus---`"));
        assert!(errors[1].message.contains("not closed"));
    }

    #[test]
    fn trailing_comment_is_not_at_line_start() {
        let k = kinds("a = A; // x\n// y\n");
        assert_eq!(
            k[4],
            TokenKind::Comment {
                at_line_start: false
            }
        );
        assert_eq!(
            k[5],
            TokenKind::Comment {
                at_line_start: true
            }
        );
    }

    #[test]
    fn unknown_character_is_reported_once() {
        let (tokens, errors) = tokenize("a = A; € b = B;");
        assert_eq!(errors.len(), 1);
        assert_eq!(tokens.len(), 8);
    }
}
