//! The shapes of the layout's lines that are not fixed words: the method line, a status line, a
//! field bullet and a placeholder bullet. Like `vocabulary.rs`, each is stated once: the re-flow
//! finds a line by its shape and the parser reads the same shape, then checks what a shape does
//! not (a status code's range, a blank name) with a message of its own.

use std::ops::Range;

use super::vocabulary::starts_with_word;
use crate::ir::Method;

/// Status lines are headings of this level (`### 201 Created`).
pub const STATUS_LEVEL: usize = 3;

/// `201 Created`, `201: Created` (older layout) or a bare `204`.
#[derive(Debug, PartialEq)]
pub struct StatusLine {
    /// Any three digits: the parser warns about a code outside 100..=599.
    pub code: u16,
    /// The length of the code and its colon.
    pub head: usize,
    /// Where the reason phrase starts.
    pub reason: usize,
}

pub fn status_line(text: &str) -> Option<StatusLine> {
    let digits = text
        .get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))?;
    let head = if text[3..].starts_with(':') { 4 } else { 3 };
    let after = &text[head..];
    if head == 3 && !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some(StatusLine {
        code: digits.parse().ok()?,
        head,
        reason: text.len() - after.trim_start().len(),
    })
}

/// The standard reason phrase of `code` if `text` starts with it: the re-flow ends a status
/// heading there (any other reason runs to the next marker).
pub fn known_reason(code: u16, text: &str) -> Option<&'static str> {
    reason_phrase(code).filter(|reason| starts_with_word(text, reason).is_some())
}

fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// `**POST /v1/Rooms**`: the length of the marker, closing `**` included.
pub fn method_line_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix("**")?;
    let (method, after) = inner.split_once(' ')?;
    Method::parse(method)?;
    if !after.starts_with('/') {
        return None;
    }
    let close = after.find("**")?;
    (!after[..close].contains(' ')).then_some(2 + method.len() + 1 + close + 2)
}

/// `**Name** (type)`, a field bullet's text: the name as written (maybe blank, which the parser
/// rejects) and the range of the type, parentheses included.
pub fn field_head(text: &str) -> Option<(&str, Range<usize>)> {
    let after_open = text.strip_prefix("**")?;
    let name_len = after_open.find("**")?;
    let after_name = &after_open[name_len + 2..];
    let parens_at = 2 + name_len + 2 + (after_name.len() - after_name.trim_start().len());
    let parens_len = balanced_parens_len(&text[parens_at..])?;
    Some((&after_open[..name_len], parens_at..parens_at + parens_len))
}

/// `[...]`, a placeholder bullet's text on a shortened page.
pub fn is_placeholder(text: &str) -> bool {
    text.starts_with('[')
}

/// `(…)` with nested parentheses, at most 100 bytes: the length including both parentheses.
pub fn balanced_parens_len(text: &str) -> Option<usize> {
    if !text.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().take(100) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'*' | b'\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_of_both_layouts() {
        let line = |code, head, reason| Some(StatusLine { code, head, reason });
        assert_eq!(status_line("201 Created"), line(201, 3, 4));
        assert_eq!(status_line("201: Created"), line(201, 4, 5));
        assert_eq!(status_line("201:Created"), line(201, 4, 4));
        assert_eq!(status_line("204"), line(204, 3, 3));
        assert_eq!(status_line("2010 x"), None);
        assert_eq!(status_line("20x"), None);
    }

    #[test]
    fn field_heads_with_any_space_before_the_type() {
        assert_eq!(
            field_head("**Sid** (string) The SID."),
            Some(("Sid", 8..16))
        );
        assert_eq!(field_head("**Sid**(string)"), Some(("Sid", 7..15)));
        assert_eq!(field_head("** ** ()"), Some((" ", 6..8)));
        assert_eq!(field_head("**Sid** string"), None);
    }
}
