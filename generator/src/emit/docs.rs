//! Descriptions to rustdoc: the markdown is kept (links, inline code), and made safe so that
//! `cargo doc -D warnings` is clean and nothing in a description compiles as a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line, for the given paragraphs (empty ones skipped).
pub fn attrs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> TokenStream {
    let text = paragraphs
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n\n");
    let lines = text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Makes one piece of markdown safe for rustdoc.
pub fn sanitize(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut in_fence = false;
    for (i, line) in markdown.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.trim_start().starts_with("```") {
            // Every fenced block becomes a text block: a description never runs as a doctest.
            out.push_str(if in_fence { "```" } else { "```text" });
            in_fence = !in_fence;
        } else if in_fence {
            out.push_str(line);
        } else {
            sanitize_inline(line.trim_start(), &mut out);
        }
    }
    if in_fence {
        out.push_str("\n```");
    }
    out
}

/// Outside inline code: bare URLs become autolinks, `[text]` that is not a link is escaped,
/// `<` that does not start an autolink is escaped (rustdoc would read it as an HTML tag).
fn sanitize_inline(line: &str, out: &mut String) {
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            if let Some(len) = bare_url_len(line, rest) {
                out.push('<');
                out.push_str(&rest[..len]);
                out.push('>');
                rest = &rest[len..];
                continue;
            }
            match c {
                '[' if !is_link(rest) => {
                    out.push_str("\\[");
                    rest = &rest[1..];
                    continue;
                }
                ']' if !closes_link(line, rest) => {
                    out.push_str("\\]");
                    rest = &rest[1..];
                    continue;
                }
                '<' => {
                    out.push_str("&lt;");
                    rest = &rest[1..];
                    continue;
                }
                '>' => {
                    out.push_str("&gt;");
                    rest = &rest[1..];
                    continue;
                }
                '\\' if rest[1..].starts_with(|c: char| c.is_ascii_punctuation()) => {
                    // Already an escape: copy it whole.
                    let len = 1 + rest[1..].chars().next().map_or(0, char::len_utf8);
                    out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        // An unbalanced backtick would swallow the following text into code.
        let at = out.rfind('`').unwrap_or(0);
        out.replace_range(at..at + 1, "\\`");
    }
}

/// A URL not already inside a link or autolink: its length, trailing punctuation excluded.
fn bare_url_len(line: &str, rest: &str) -> Option<usize> {
    if !(rest.starts_with("https://") || rest.starts_with("http://")) {
        return None;
    }
    let before = line[..line.len() - rest.len()].chars().last();
    if matches!(before, Some('(' | '<' | '[' | '"' | '\'')) {
        return None;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
        .unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    Some(url.len())
}

/// `[text](url)` starts here.
fn is_link(rest: &str) -> bool {
    rest.find(']')
        .is_some_and(|close| rest[close + 1..].starts_with('(') && !rest[1..close].contains('['))
}

/// This `]` closes a `[text](url)` link.
fn closes_link(line: &str, rest: &str) -> bool {
    let before = &line[..line.len() - rest.len()];
    rest[1..].starts_with('(')
        && before
            .rfind('[')
            .is_some_and(|open| !before[open + 1..].contains(']'))
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn keeps_links_and_code_and_escapes_the_rest() {
        assert_eq!(
            sanitize("See [Status Callbacks](https://x.test/a) and `room_sid`."),
            "See [Status Callbacks](https://x.test/a) and `room_sid`."
        );
        assert_eq!(
            sanitize("Go to https://x.test/a."),
            "Go to <https://x.test/a>."
        );
        assert_eq!(sanitize("a [note] <b> c"), "a \\[note\\] &lt;b&gt; c");
        assert_eq!(
            sanitize("```rust\nfn x() {}\n```"),
            "```text\nfn x() {}\n```"
        );
        assert_eq!(sanitize("```\nopen"), "```text\nopen\n```");
        assert_eq!(sanitize("odd ` tick"), "odd \\` tick");
        assert_eq!(sanitize("`<T>` stays"), "`<T>` stays");
    }
}
