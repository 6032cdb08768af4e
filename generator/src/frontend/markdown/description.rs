//! A field's description as markdown. A page wraps descriptions over indented lines; what the
//! description holds of its own (paragraphs, lists, code blocks, tables) is kept as the block
//! it is, and each paragraph or list item becomes one line, so that rustdoc renders the list a
//! description contains and the two forms of a page read alike where a description is prose.

use super::blocks::list_marker;
use crate::frontend::collapse_whitespace;

/// Joins `text` (lines of one description, as they stand on the page) into markdown.
pub fn normalize(text: &str) -> String {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    // The indentation the fenced block's opening line had, while in one.
    let mut fence: Option<(usize, String)> = None;
    let base = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(indentation)
        .min()
        .unwrap_or(0);
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((indent, marker)) = &fence {
            let end = trimmed.starts_with(marker.as_str());
            lines.push(line.get(*indent..).unwrap_or(trimmed).trim_end().to_owned());
            if end {
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() {
            flush(&mut blocks, &mut lines);
        } else if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            flush(&mut blocks, &mut lines);
            fence = Some((indentation(line), marker.to_owned()));
            lines.push(trimmed.to_owned());
        } else if is_list_item(trimmed) {
            let depth = " ".repeat(indentation(line).saturating_sub(base));
            lines.push(format!("{depth}{}", collapse_whitespace(trimmed)));
        } else if trimmed.starts_with('|') {
            lines.push(collapse_whitespace(trimmed));
        } else {
            match lines.last_mut() {
                Some(last) if !last.trim_start().starts_with('|') => {
                    last.push(' ');
                    last.push_str(&collapse_whitespace(trimmed));
                }
                _ => lines.push(collapse_whitespace(trimmed)),
            }
        }
    }
    flush(&mut blocks, &mut lines);
    blocks
        .iter()
        .map(|block| block.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn flush(blocks: &mut Vec<Vec<String>>, lines: &mut Vec<String>) {
    if !lines.is_empty() {
        blocks.push(std::mem::take(lines));
    }
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// `* a`, `- a`, `+ a`, `1. a`, `1) a`: a line that starts a list item.
fn is_list_item(line: &str) -> bool {
    list_marker(line).is_some_and(|(_, rest)| rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn wrapped_prose_is_one_line_per_paragraph() {
        assert_eq!(
            normalize("  The SID of\n  the room.\n\n  Second   paragraph."),
            "The SID of the room.\n\nSecond paragraph."
        );
    }

    #[test]
    fn lists_code_and_tables_keep_their_lines() {
        let text = "  The format is `{w}x{h}` where:\n\n  * 16 <= `{w}` <= 1280\n  * 16 <=\n    `{h}` <= 1280\n    * nested\n  1. first\n\n  ```json\n  {\"a\": 1}\n  ```\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |";
        assert_eq!(
            normalize(text),
            "The format is `{w}x{h}` where:\n\n* 16 <= `{w}` <= 1280\n* 16 <= `{h}` <= 1280\n  * nested\n1. first\n\n```json\n{\"a\": 1}\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        );
    }

    #[test]
    fn a_star_inside_a_line_is_text() {
        assert_eq!(normalize("a * b - c"), "a * b - c");
        assert_eq!(normalize("*emphasis* here"), "*emphasis* here");
    }
}
