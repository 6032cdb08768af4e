//! A valid YAML document deserialized on every core. YAML parsing is the largest serial part
//! of a run (about a third of the 2010 API's), and a document's `paths` entries are independent
//! texts: cut at the lines that start them, each slice parses alone.
//!
//! Only block-style documents with simple keys are cut (every line at column 0 is a comment, a
//! `key:` or a sequence item, every line at the path entries' indentation a `/path:`); anything
//! else, and any slice that does not deserialize (an alias to an anchor in another slice, say),
//! gives `None` and the caller reads the whole text in one piece.

use std::ops::Range;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};

/// Below this size one thread is as fast: the cost of cutting and spawning is not repaid.
const MIN_SPLIT_LEN: usize = 64 * 1024;

/// The document, with its `paths` deserialized in `threads` slices beside the rest.
pub(super) fn document(text: &str, threads: usize) -> Option<OpenAPI> {
    if threads < 2 || text.len() < MIN_SPLIT_LEN {
        return None;
    }
    let sections = top_level_sections(text)?;
    let paths = sections.iter().find(|(key, _)| *key == "paths")?.1.clone();
    let entries = path_entries(text, paths.clone())?;
    let groups = contiguous_groups(&entries, threads);
    // The rest of the document, in order, with `paths` (a required field) left empty.
    let rest: String = sections
        .iter()
        .map(|(key, range)| match *key {
            "paths" => "paths: {}\n",
            _ => &text[range.clone()],
        })
        .collect();
    let (document, slices) = std::thread::scope(|scope| {
        let workers: Vec<_> = groups
            .iter()
            .map(|group| {
                let slice = &text[group.clone()];
                scope.spawn(move || {
                    serde_yaml::from_str::<IndexMap<String, ReferenceOr<PathItem>>>(slice).ok()
                })
            })
            .collect();
        let document = serde_yaml::from_str::<OpenAPI>(&rest).ok();
        let slices: Vec<_> = workers
            .into_iter()
            .map(|worker| worker.join().ok().flatten())
            .collect();
        (document, slices)
    });
    let mut document = document?;
    for slice in slices {
        for (path, item) in slice? {
            if document.paths.paths.insert(path, item).is_some() {
                return None; // a duplicate key: the whole-text parser decides
            }
        }
    }
    Some(document)
}

/// Each top-level key with the byte range of its section (from its line to the next key's).
/// `None` unless every line at column 0 is a comment, a plain `key:` or an item of the sequence
/// under the key before, and no key repeats.
fn top_level_sections(text: &str) -> Option<Vec<(&str, Range<usize>)>> {
    let mut sections: Vec<(&str, Range<usize>)> = Vec::new();
    for (start, line) in lines(text) {
        if line.starts_with([' ', '#']) || line.is_empty() {
            continue;
        }
        // A sequence may sit at its key's indentation (`servers:` then `- url: ...`).
        if (line == "-" || line.starts_with("- ")) && !sections.is_empty() {
            continue;
        }
        let key = plain_key(line)?;
        if sections.iter().any(|(seen, _)| *seen == key) {
            return None;
        }
        if let Some(last) = sections.last_mut() {
            last.1.end = start;
        }
        sections.push((key, start..text.len()));
    }
    // Text before the first key (comments) belongs to no section; it has no data.
    Some(sections)
}

/// The byte ranges of the entries of the `paths` section: each starts at a line indented like
/// the first entry whose key starts with `/` (or `? /`, YAML's form for long keys).
fn path_entries(text: &str, section: Range<usize>) -> Option<Vec<Range<usize>>> {
    let mut entries: Vec<Range<usize>> = Vec::new();
    let mut indent = None;
    for (start, line) in lines(&text[section.clone()]).skip(1) {
        let start = section.start + start;
        let depth = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[depth..];
        if rest.trim().is_empty() || rest.starts_with('#') {
            continue;
        }
        let indent = *indent.get_or_insert(depth);
        if depth < indent || depth == 0 {
            return None;
        }
        if depth > indent {
            continue;
        }
        // A long key is written `? /path` with its value on a `: ...` line below.
        if rest == ":" || rest.starts_with(": ") {
            continue;
        }
        if !(rest.starts_with('/') || rest.starts_with("? /")) {
            return None; // an extension or a flow value: not a plain list of path items
        }
        if let Some(last) = entries.last_mut() {
            last.end = start;
        }
        entries.push(start..section.end);
    }
    Some(entries)
}

/// Consecutive entries in `count` groups of about the same size, in document order.
fn contiguous_groups(entries: &[Range<usize>], count: usize) -> Vec<Range<usize>> {
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Vec::new();
    };
    let total = last.end - first.start;
    let mut groups = Vec::new();
    let mut start = first.start;
    for entry in entries {
        let target = first.start + total * (groups.len() + 1) / count;
        if entry.end >= target && groups.len() + 1 < count {
            groups.push(start..entry.end);
            start = entry.end;
        }
    }
    if start < last.end {
        groups.push(start..last.end);
    }
    groups
}

/// A `key:` line's key when it is a plain scalar (letters, digits, `_`, `-`, `$`, `.`)
/// followed by `:` and a space or the end of the line.
fn plain_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | '.'));
    (plain && (rest.is_empty() || rest.starts_with([' ', '\r', '\n']))).then_some(key)
}

/// Lines with the byte offset of their start, the line break kept.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document_text(paths: usize) -> String {
        let mut text =
            String::from("# comment\nopenapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n");
        text.push_str("  ? /a/long/key\n  : get:\n      responses: {}\n");
        for i in 0..paths {
            text.push_str(&format!(
                "  /things/{i}:\n    get:\n      operationId: get{i}\n      description: |\n        text\n\n        more\n      responses:\n        '200':\n          description: ok\n"
            ));
        }
        text.push_str("components:\n  schemas:\n    Thing:\n      type: string\n");
        text.push_str("servers:\n- url: https://example.com\ntags:\n- name: a\n");
        text
    }

    #[test]
    fn a_split_document_equals_the_whole() {
        let text = document_text(2000);
        assert!(text.len() > MIN_SPLIT_LEN);
        let whole: OpenAPI = serde_yaml::from_str(&text).unwrap();
        for threads in [2, 3, 7] {
            let split = document(&text, threads).expect("the layout is cut");
            assert_eq!(split, whole, "{threads} threads");
        }
    }

    #[test]
    fn unusual_layouts_are_read_whole() {
        let text = document_text(2000);
        for unusual in [
            text.replace("paths:\n", "paths:\n  x-note: 1\n"),
            text.replace("openapi: 3.0.3", "---\nopenapi: 3.0.3"),
            text.replace("info:", "\"info\":"),
            text.clone() + "paths: {}\n",
        ] {
            assert_eq!(document(&unusual, 2), None);
        }
        assert_eq!(document(&document_text(3), 2), None, "small documents");
    }

    #[test]
    fn groups_keep_order_and_cover_every_entry() {
        let entries = [0..10, 10..20, 20..100, 100..110];
        assert_eq!(contiguous_groups(&entries, 2), [0..100, 100..110]);
        assert_eq!(contiguous_groups(&entries, 1), vec![(0..110)]);
        assert!(contiguous_groups(&[], 2).is_empty());
    }
}
