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

use super::shapes;
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

/// Where in the page the re-flow is: what may be a marker depends on it, as it does for the
/// parser.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    /// Before the method line, the only place for one.
    Top,
    /// Under a heading: the layout's word it is, if any, and whether a bullet has come since.
    Under {
        word: Option<Meaning>,
        bullets: bool,
    },
}

impl Section {
    fn under(word: Option<Meaning>) -> Option<Section> {
        Some(Section::Under {
            word,
            bullets: false,
        })
    }

    /// `## Servers` and `## Authentication methods`: every ` - ` starts an item.
    fn is_plain_list(self) -> bool {
        matches!(
            self,
            Section::Under {
                word: Some(Meaning::Servers | Meaning::AuthMethods),
                ..
            }
        )
    }

    /// The word of the heading above, if no bullet has come since.
    fn opened(self) -> Option<Meaning> {
        match self {
            Section::Under {
                word,
                bullets: false,
            } => word,
            Section::Top | Section::Under { .. } => None,
        }
    }

    /// The section after a bullet.
    fn bullet(self) -> Option<Section> {
        match self {
            Section::Under { word, .. } => Some(Section::Under {
                word,
                bullets: true,
            }),
            Section::Top => None,
        }
    }
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
    let mut section = Section::Top;
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
        b'*' if section == Section::Top => shapes::method_line_len(rest)
            .and_then(|len| marker(len, Kind::Block, Section::under(None))),
        b'-' if rest.starts_with("- ") => {
            // In a plain list every bullet is an item; elsewhere a placeholder is one too.
            if section.is_plain_list() || shapes::is_placeholder(&rest[2..]) {
                marker(1, Kind::PlainItem, section.bullet())
            } else {
                let (_, parens) = shapes::field_head(&rest[2..])?;
                marker(2 + parens.end, Kind::FieldItem, section.bullet())
            }
        }
        _ => vocabulary::paragraph_word(rest, section.opened())
            .and_then(|(word, _)| marker(0, Kind::Paragraph, section_after(word.meaning))),
    }
}

/// The section a word of the layout opens, for the re-flow (`None`: the section goes on).
fn section_after(meaning: Meaning) -> Option<Section> {
    match meaning {
        // A content type belongs to the section above.
        Meaning::ContentType => None,
        _ => Section::under(Some(meaning)),
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
            section: Some(Section::Top),
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
    if level == shapes::STATUS_LEVEL {
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
        len += 1 + shapes::balanced_parens_len(&after[len + 1..])?;
    }
    Some(len)
}

/// `### 201 Created` or `### 201: Created`: a known reason phrase ends the heading; any other
/// reason runs to the next marker.
fn status_heading(src: &str, i: usize, text_start: usize) -> Option<Marker> {
    let text = &src[text_start..];
    let status = shapes::status_line(text)?;
    let (head_end, kind) = match shapes::known_reason(status.code, &text[status.reason..]) {
        Some(reason) => (status.reason + reason.len(), Kind::Block),
        None => (status.head, Kind::OpenHeading),
    };
    Some(Marker {
        start: i,
        head_end: text_start + head_end,
        kind,
        section: Section::under(None),
    })
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
