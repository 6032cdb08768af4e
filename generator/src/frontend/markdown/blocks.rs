//! The block structure of a page, from pulldown-cmark: headings, paragraphs and (nested) lists,
//! each as a byte range of the text. Inline content is read from the ranges by the page parser,
//! so descriptions keep their markdown (links, inline code) as written.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[derive(Debug)]
pub enum Block {
    Heading { level: usize, text: Range<usize> },
    Paragraph(Range<usize>),
    List(Vec<Item>),
}

#[derive(Debug)]
pub struct Item {
    /// The item's own text up to its first nested list, bullet marker removed.
    pub text: Range<usize>,
    /// All of the item after its marker: its own text, nested lists and what follows them.
    pub content: Range<usize>,
    /// The marker: `-`, `*`, `+`, or `1` for any numbered item.
    pub marker: char,
    /// The column of the marker in its line.
    pub column: usize,
    pub children: Vec<Item>,
}

struct OpenItem {
    start: usize,
    own_end: Option<usize>,
    children: Vec<Item>,
}

/// How deeply lists may nest: the page parser and the emitter recurse once per level.
pub const MAX_DEPTH: usize = 32;

/// The page's blocks, or the range of the first list item nested deeper than [`MAX_DEPTH`].
pub fn blocks(text: &str) -> Result<Vec<Block>, Range<usize>> {
    let mut blocks = Vec::new();
    let mut lists: Vec<Vec<Item>> = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => {
                if let Some(item) = items.last_mut() {
                    item.own_end.get_or_insert(range.start);
                }
                lists.push(Vec::new());
            }
            Event::End(TagEnd::List(_)) => {
                let list = lists.pop().unwrap_or_default();
                match items.last_mut() {
                    Some(item) => item.children.extend(list),
                    None => blocks.push(Block::List(list)),
                }
            }
            Event::Start(Tag::Item) if items.len() >= MAX_DEPTH => {
                return Err(strip_bullet(text, range));
            }
            Event::Start(Tag::Item) => items.push(OpenItem {
                start: range.start,
                own_end: None,
                children: Vec::new(),
            }),
            Event::End(TagEnd::Item) => {
                if let Some(open) = items.pop() {
                    let end = open.own_end.unwrap_or(range.end);
                    // pulldown-cmark starts a nested item after its container's indentation.
                    let rest = &text[open.start..];
                    let marker_at = open.start + rest.len() - rest.trim_start_matches(' ').len();
                    let line_start = text[..open.start].rfind('\n').map_or(0, |at| at + 1);
                    let item = Item {
                        text: strip_bullet(text, open.start..end),
                        content: strip_bullet(text, open.start..range.end),
                        marker: marker(&text[open.start..]),
                        column: text[line_start..marker_at].chars().count(),
                        children: open.children,
                    };
                    if let Some(list) = lists.last_mut() {
                        list.push(item);
                    }
                }
            }
            Event::Start(Tag::Heading { level, .. }) if lists.is_empty() => {
                blocks.push(Block::Heading {
                    level: level as usize,
                    text: heading_text(text, range),
                });
            }
            Event::Start(Tag::Paragraph) if lists.is_empty() => {
                blocks.push(Block::Paragraph(trim(text, range)));
            }
            _ => {}
        }
    }
    Ok(blocks)
}

/// A list item's marker (`-`, `*`, `+`, or `1` for `1.` and `1)`, up to nine digits) and the
/// text after it, for a line or an item that starts with one.
pub fn list_marker(line: &str) -> Option<(char, &str)> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix(['-', '*', '+']) {
        return Some((line.chars().next()?, rest));
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (1..10)
        .contains(&digits)
        .then(|| line[digits..].strip_prefix(['.', ')']))
        .flatten()
        .map(|rest| ('1', rest))
}

fn marker(item: &str) -> char {
    list_marker(item).map_or('1', |(marker, _)| marker)
}

fn strip_bullet(text: &str, range: Range<usize>) -> Range<usize> {
    let item = text[range.clone()].trim_start();
    let after_marker = list_marker(item).map_or(item, |(_, rest)| rest);
    trim(text, range.end - after_marker.len()..range.end)
}

fn heading_text(text: &str, range: Range<usize>) -> Range<usize> {
    let heading = &text[range.clone()];
    let without_hashes = heading.trim_start().trim_start_matches('#');
    let range = trim(text, range.end - without_hashes.len()..range.end);
    // A closing sequence of `#` is not part of the text.
    let closed = text[range.clone()].trim_end_matches('#');
    trim(text, range.start..range.start + closed.len())
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..(range.start + slice.trim_end().len()).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_nested_items() {
        let text = "# Title\n\n**GET /x**\n\n## Responses\n\n- **parent** (object)\n  About it.\n  - **child** (string)\n- **next** (string)\n";
        let blocks = blocks(text).unwrap();
        let Block::Heading {
            level: 1,
            text: title,
        } = &blocks[0]
        else {
            panic!("{blocks:?}")
        };
        assert_eq!(&text[title.clone()], "Title");
        let Block::Paragraph(method) = &blocks[1] else {
            panic!()
        };
        assert_eq!(&text[method.clone()], "**GET /x**");
        let Block::List(items) = &blocks[3] else {
            panic!()
        };
        assert_eq!(
            &text[items[0].text.clone()],
            "**parent** (object)\n  About it."
        );
        assert_eq!(
            &text[items[0].children[0].text.clone()],
            "**child** (string)"
        );
        assert_eq!(&text[items[1].text.clone()], "**next** (string)");
    }
}
