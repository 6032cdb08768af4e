//! Restores the line breaks of a one-line page.
//!
//! A page whose newlines were lost still carries its structure in markers: `## Servers`,
//! `**POST /v1/Rooms**`, `- **Name** (type)`. This pass finds those markers and writes the page
//! back in its multi-line layout, so one parser reads both forms and they give the same IR. It
//! keeps a map from every output offset back to the input, so diagnostics point at the text the
//! user has.
//!
//! A marker is only recognised where the layout puts one (a heading from the layout's own
//! vocabulary, `vocabulary.rs`, which the parser reads too; a bullet that is followed by a
//! parenthesised type), so descriptions that contain ` - `, `* ` or `**` of their own stay text.

use std::ops::Range;

use super::vocabulary::{self, Form, Meaning};

/// The multi-line text and the way back to the input's offsets.
#[derive(Debug)]
pub struct Reflowed {
    pub text: String,
    /// `(output offset, input offset, length)` of every copied run, in output order.
    pieces: Vec<(usize, usize, usize)>,
}

impl Reflowed {
    /// The text as it is: already multi-line.
    pub fn identity(src: &str) -> Reflowed {
        Reflowed {
            text: src.to_owned(),
            pieces: vec![(0, 0, src.len())],
        }
    }

    /// The input offset of an output offset (inserted line breaks map to the next copied text).
    pub fn original(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(out, _, _)| out <= offset);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((out, input, len)) if offset <= out + len => input + (offset - out),
            _ => match self.pieces.get(index) {
                Some(&(_, input, _)) => input,
                None => self.pieces.last().map_or(0, |&(_, input, len)| input + len),
            },
        }
    }

    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.original(range.start);
        start..self.original(range.end).max(start)
    }
}

/// Is this page in the one-line form?
pub fn is_one_line(src: &str) -> bool {
    !src.trim_end().contains('\n')
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Other,
    /// `## Servers` and `## Authentication methods`: every ` - ` starts an item.
    PlainList,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// The marker text runs to `head_end` and is a block of its own (heading, method line).
    Block,
    /// A heading whose text runs until the next marker (the title, an unknown reason phrase).
    OpenHeading,
    /// A field bullet `- **Name** (type)`; the text after it is its description.
    FieldItem,
    /// A bullet of a plain list; the text after it is its content.
    PlainItem,
    /// Text that starts a paragraph of its own (`Content-type: ...`, the Bump.sh footer).
    Paragraph,
}

struct Marker {
    start: usize,
    head_end: usize,
    kind: Kind,
    section: Option<Section>,
}

/// Rewrites a one-line page in the multi-line layout.
pub fn reflow(src: &str) -> Reflowed {
    let mut out = Output::default();
    let mut section = Section::Other;
    let mut pending_start = 0;
    let mut pending_kind = Kind::Paragraph;
    let mut search = 0;
    loop {
        let marker = find_marker(src, search, section);
        let text_end = marker.as_ref().map_or(src.len(), |m| m.start);
        out.flush(src, trimmed(src, pending_start..text_end), pending_kind);
        let Some(marker) = marker else { break };
        out.begin(src, &marker);
        if let Some(next) = marker.section {
            section = next;
        }
        pending_start = marker.head_end;
        pending_kind = marker.kind;
        search = marker.head_end.max(marker.start + 1);
    }
    out.text.push('\n');
    Reflowed {
        text: out.text,
        pieces: out.pieces,
    }
}

#[derive(Default)]
struct Output {
    text: String,
    pieces: Vec<(usize, usize, usize)>,
    last: Option<Kind>,
}

impl Output {
    fn copy(&mut self, src: &str, range: Range<usize>) {
        if !range.is_empty() {
            self.pieces
                .push((self.text.len(), range.start, range.len()));
            self.text.push_str(&src[range]);
        }
    }

    /// Starts the block a marker opens.
    fn begin(&mut self, src: &str, marker: &Marker) {
        let list_item = matches!(marker.kind, Kind::FieldItem | Kind::PlainItem);
        let continues_list =
            list_item && matches!(self.last, Some(Kind::FieldItem | Kind::PlainItem));
        if !self.text.is_empty() {
            self.text
                .push_str(if continues_list { "\n" } else { "\n\n" });
        }
        self.copy(src, marker.start..marker.head_end);
        self.last = Some(marker.kind);
    }

    /// Writes the text that follows a marker, in the place its kind gives it.
    fn flush(&mut self, src: &str, text: Range<usize>, kind: Kind) {
        if text.is_empty() {
            return;
        }
        match kind {
            Kind::OpenHeading | Kind::PlainItem => {
                self.text.push(' ');
                self.copy(src, text);
            }
            Kind::FieldItem => {
                self.text.push_str("\n  ");
                self.copy(src, text);
            }
            Kind::Block | Kind::Paragraph => {
                // A paragraph marker has already broken the line; text after a block needs its own.
                if kind == Kind::Block && !self.text.is_empty() {
                    self.text.push_str("\n\n");
                }
                self.copy(src, text);
                self.last = Some(Kind::Paragraph);
            }
        }
    }
}

fn trimmed(src: &str, range: Range<usize>) -> Range<usize> {
    let text = &src[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.start + text.trim_end().len();
    start..end.max(start)
}

fn find_marker(src: &str, from: usize, section: Section) -> Option<Marker> {
    let bytes = src.as_bytes();
    (from..src.len())
        .filter(|&i| i == 0 || bytes[i - 1] == b' ')
        .find_map(|i| marker_at(src, i, section))
}

fn marker_at(src: &str, i: usize, section: Section) -> Option<Marker> {
    let rest = &src[i..];
    let marker = |head_len: usize, kind: Kind, section: Option<Section>| {
        Some(Marker {
            start: i,
            head_end: i + head_len,
            kind,
            section,
        })
    };
    match rest.as_bytes().first()? {
        b'#' => heading_at(src, i),
        b'*' => method_line_len(rest).and_then(|len| marker(len, Kind::Block, None)),
        b'-' if rest.starts_with("- ") => {
            if section == Section::PlainList {
                marker(1, Kind::PlainItem, None)
            } else if rest.starts_with("- [") {
                let len = rest.find(']')? + 1;
                (len < 40)
                    .then_some(())
                    .and_then(|()| marker(len, Kind::PlainItem, None))
            } else {
                field_bullet_len(rest).and_then(|len| marker(len, Kind::FieldItem, None))
            }
        }
        _ => vocabulary::paragraph_word(rest)
            .and_then(|(word, _)| marker(0, Kind::Paragraph, section_after(word.meaning))),
    }
}

/// The section a word of the layout opens, for the re-flow (`None`: the section goes on).
fn section_after(meaning: Meaning) -> Option<Section> {
    match meaning {
        Meaning::Servers | Meaning::AuthMethods => Some(Section::PlainList),
        Meaning::Parameters
        | Meaning::Params(_)
        | Meaning::BodyParameters
        | Meaning::Responses
        | Meaning::ResponseHeaders
        | Meaning::Body
        | Meaning::Footer => Some(Section::Other),
        Meaning::ContentType => None,
    }
}

fn heading_at(src: &str, i: usize) -> Option<Marker> {
    let rest = &src[i..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) || rest.as_bytes().get(level) != Some(&b' ') {
        return None;
    }
    let text_start = i + level + 1;
    let text = &src[text_start..];
    if level == 1 && i == 0 {
        return Some(Marker {
            start: i,
            head_end: i + level,
            kind: Kind::OpenHeading,
            section: Some(Section::Other),
        });
    }
    if let Some((word, after)) = vocabulary::heading_word(level, text) {
        let mut len = text.len() - after.len();
        if let Form::HeadingStart(_) = word.form {
            len += body_argument_len(after)?;
        }
        return Some(Marker {
            start: i,
            head_end: text_start + len,
            kind: Kind::Block,
            section: section_after(word.meaning),
        });
    }
    if level == 3 {
        return status_heading(src, i, text_start);
    }
    None
}

/// ` application/json (object)` after `Body:`: the content type and the type, if any.
fn body_argument_len(after: &str) -> Option<usize> {
    let content_type = after.trim_start();
    let mut len =
        (after.len() - content_type.len()) + content_type.find(' ').unwrap_or(content_type.len());
    if after[len..].starts_with(" (") {
        len += 1 + balanced_parens_len(&after[len + 1..])?;
    }
    Some(len)
}

/// `### 201 Created` or `### 201: Created`: known reason phrases end the heading; any other
/// reason runs to the next marker.
fn status_heading(src: &str, i: usize, text_start: usize) -> Option<Marker> {
    let text = &src[text_start..];
    let code = text
        .get(..3)
        .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))?;
    let after = &text[3..];
    let after_colon = after.strip_prefix(':').unwrap_or(after);
    if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
        return None;
    }
    let reason_start = text_start + 3 + (after.len() - after_colon.len()) + 1;
    let known = reason_phrase(code.parse().ok()?).filter(|reason| {
        src.get(reason_start..)
            .and_then(|rest| vocabulary::starts_with_word(rest, reason))
            .is_some()
    });
    Some(match known {
        Some(reason) => Marker {
            start: i,
            head_end: reason_start + reason.len(),
            kind: Kind::Block,
            section: Some(Section::Other),
        },
        None => Marker {
            start: i,
            head_end: text_start + 3,
            kind: Kind::OpenHeading,
            section: Some(Section::Other),
        },
    })
}

/// The standard reason phrase of a status code.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
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
    crate::ir::Method::parse(method)?;
    if !after.starts_with('/') {
        return None;
    }
    let close = after.find("**")?;
    (!after[..close].contains(' ')).then_some(2 + method.len() + 1 + close + 2)
}

/// `- **Name** (type)`: the length up to the closing parenthesis.
fn field_bullet_len(text: &str) -> Option<usize> {
    let name_start = 4;
    let after_open = text.strip_prefix("- **")?;
    let name_len = after_open.find("**")?;
    if name_len == 0 || name_len > 120 {
        return None;
    }
    let after_name = &after_open[name_len + 2..];
    let type_rest = after_name.strip_prefix(' ')?;
    let type_len = balanced_parens_len(type_rest)?;
    Some(name_start + name_len + 2 + 1 + type_len)
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
    fn restores_the_layout_and_maps_offsets_back() {
        let src = "# Create room **POST /v1/Rooms** Video rooms ## Servers - https://a.test: https://a.test () \
                   ## Parameters ### Body: application/x-www-form-urlencoded (object) - **Type** (string) \
                   - **UniqueName** (string) A name - not a bullet, **bold** too. ## Responses ### 201 Created \
                   #### Body: application/json (object) - **sid** (string | null) The SID. [Powered by Bump.sh](https://bump.sh)";
        let reflowed = reflow(src);
        let expected = "# Create room\n\n**POST /v1/Rooms**\n\nVideo rooms\n\n## Servers\n\n\
                        - https://a.test: https://a.test ()\n\n## Parameters\n\n\
                        ### Body: application/x-www-form-urlencoded (object)\n\n- **Type** (string)\n\
                        - **UniqueName** (string)\n  A name - not a bullet, **bold** too.\n\n## Responses\n\n\
                        ### 201 Created\n\n#### Body: application/json (object)\n\n- **sid** (string | null)\n  The SID.\n\n\
                        [Powered by Bump.sh](https://bump.sh)\n";
        assert_eq!(reflowed.text, expected);
        let at = reflowed.text.find("UniqueName").unwrap();
        assert_eq!(&src[reflowed.original(at)..][..10], "UniqueName");
    }

    #[test]
    fn older_layout_status_with_colon_and_unknown_reason() {
        let src =
            "# T **GET /x** ## Responses ### 201: Created ### 299 Custom thing - **a** (string)";
        let text = reflow(src).text;
        assert!(text.contains("\n### 201: Created\n"), "{text}");
        assert!(text.contains("\n### 299 Custom thing\n"), "{text}");
    }
}
