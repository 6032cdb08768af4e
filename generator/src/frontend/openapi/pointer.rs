//! JSON pointers (RFC 6901) naming the node a diagnostic is about, and a best-effort search for
//! that node's place in the source text.

use std::borrow::Cow;
use std::ops::Range;

/// A JSON pointer in URI-fragment form: `#/paths/~1v1~1Rooms/post`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// The pointer a local `$ref` names; its text is already escaped.
    pub fn from_ref(reference: &str) -> Self {
        Pointer(reference.to_owned())
    }

    /// The child under an object key.
    /// `#/components/<kind>/<key>`: a schema, security scheme, ... of the document.
    pub fn component(kind: &str, key: &str) -> Self {
        Pointer::root().key("components").key(kind).key(key)
    }

    pub fn key(&self, key: &str) -> Self {
        let mut text = String::with_capacity(self.0.len() + key.len() + 1);
        text.push_str(&self.0);
        text.push('/');
        text.push_str(&escape(key));
        Pointer(text)
    }

    /// The child at an array index.
    pub fn index(&self, index: usize) -> Self {
        Pointer(format!("{}/{index}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub(super) fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

pub(super) fn unescape(segment: &str) -> Cow<'_, str> {
    if segment.contains('~') {
        Cow::Owned(segment.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(segment)
    }
}

/// Keys whose values are arrays: a number after one of them is an index, not a key to look for.
const ARRAY_KEYS: &[&str] = &[
    "parameters",
    "allOf",
    "oneOf",
    "anyOf",
    "security",
    "servers",
    "tags",
    "enum",
    "required",
];

/// Where the node `pointer` names is in `text`, found by looking for each key of the pointer in
/// turn after the previous one. A heuristic for error messages only (it is linear in the text):
/// it finds the right line in block-style YAML and in JSON, and the deepest key it could find
/// otherwise.
pub(super) fn locate(text: &str, pointer: &str) -> Option<Range<usize>> {
    let mut from = 0;
    let mut found = None;
    let mut previous = "";
    for segment in pointer.strip_prefix('#')?.split('/').skip(1) {
        let key = unescape(segment);
        let is_index = ARRAY_KEYS.contains(&previous) && key.parse::<usize>().is_ok();
        previous = segment;
        if is_index {
            continue;
        }
        match find_key(text, &key, from) {
            Some(range) => {
                from = range.end;
                found = Some(range);
            }
            None => break,
        }
    }
    found
}

/// The first occurrence of `key` at or after `from` that is written as a mapping key.
fn find_key(text: &str, key: &str, from: usize) -> Option<Range<usize>> {
    let mut at = from;
    while let Some(offset) = text.get(at..)?.find(key) {
        let start = at + offset;
        let end = start + key.len();
        if is_mapping_key(text, start, end) {
            return Some(start..end);
        }
        at = end;
    }
    None
}

/// `key:`, `"key":`, `'key':`, `- key:`, `{"key": ...`, at the start of an entry.
fn is_mapping_key(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    let quote = before
        .chars()
        .next_back()
        .filter(|c| *c == '"' || *c == '\'');
    let (before, after) = match quote {
        Some(q) => match after.strip_prefix(q) {
            Some(rest) => (&before[..before.len() - 1], rest),
            None => return false,
        },
        None => (before, after),
    };
    let after_ok = after.trim_start_matches([' ', '\t']).starts_with(':');
    let before_ok = before
        .chars()
        .rev()
        .find(|c| *c != ' ' && *c != '\t')
        .is_none_or(|c| matches!(c, '\n' | '-' | '{' | ','));
    after_ok && before_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_rfc_6901() {
        let pointer = Pointer::root().key("paths").key("/v1/Rooms").key("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1v1~1Rooms/a~0b");
        assert_eq!(unescape("~1v1~1Rooms"), "/v1/Rooms");
        assert_eq!(unescape("a~0b"), "a~b");
        assert_eq!(Pointer::root().key("allOf").index(2).as_str(), "#/allOf/2");
    }

    #[test]
    fn locates_yaml_and_json_keys() {
        let yaml = "paths:\n  /a:\n    get:\n      x: 1\n  /b:\n    get:\n      $ref: '#/x'\n";
        let range = locate(yaml, "#/paths/~1b/get/$ref").unwrap();
        assert_eq!(&yaml[range.clone()], "$ref");
        assert_eq!(yaml[..range.start].matches('\n').count(), 6);
        let json = r##"{"paths": {"/a": {"get": {}}, "/b": {"get": {"$ref": "#/x"}}}}"##;
        let range = locate(json, "#/paths/~1b/get/$ref").unwrap();
        assert_eq!(&json[range.start - 1..range.end + 1], "\"$ref\"");
        assert!(range.start > json.find("/b").unwrap());
    }
}
