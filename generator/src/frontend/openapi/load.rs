//! From text to a typed document: syntax (JSON or YAML, by content), the version check, and
//! deserialization into `openapiv3`, each failure located as well as the parser allows.

use openapiv3::OpenAPI;
use serde::Deserialize;
use serde_yaml::Value;

use super::lenient::Lenient;
use super::pointer::{self, Pointer};
use super::shape;
use crate::diag::Diagnostic;

/// JSON when the text starts with `{` (after a byte-order mark and whitespace), else YAML.
pub(super) fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// The document as a generic value. `serde_yaml::Value` for both syntaxes because its maps keep
/// document order (serde_json's `Value` sorts keys here); integers beyond 64 bits are read as
/// floats for `lenient::repair` to judge.
pub(super) fn value(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Value> {
    let parsed = if is_json(text) {
        serde_json::from_str::<Lenient>(text).map_err(|err| {
            let offset = offset_of(text, err.line(), err.column());
            Diagnostic::error(
                file,
                Some(char_span(text, offset)),
                format!("invalid JSON: {err}"),
            )
        })
    } else {
        serde_yaml::from_str::<Lenient>(text).map_err(|err| {
            let span = err.location().map(|l| char_span(text, l.index()));
            Diagnostic::error(file, span, format!("invalid YAML: {err}"))
        })
    };
    parsed
        .map(|Lenient(value)| value)
        .map_err(|d| diagnostics.push(d.with_pointer("#")))
        .ok()
}

/// Which OpenAPI a document is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Version {
    V30,
    /// 3.1, normalised into 3.0 by `v31` before `openapiv3` reads it.
    V31,
}

/// OpenAPI 3.0.x and 3.1.x are read (a later 3.x as 3.1, with a warning); Swagger 2.0 and
/// other versions are named as such.
pub(super) fn check_version(
    file: &str,
    text: &str,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Version> {
    let at = Pointer::root().key("openapi");
    let error = |key: &str, message: String, help: &str| {
        let at = Pointer::root().key(key);
        Diagnostic::error(file, pointer::locate(text, at.as_str()), message)
            .with_pointer(at.as_str())
            .with_help(help)
    };
    let version = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    };
    let diagnostic = match (value.get("openapi"), value.get("swagger")) {
        (Some(Value::String(v)), _) if v == "3.0" || v.starts_with("3.0.") => {
            return Some(Version::V30);
        }
        (Some(v), _) if version(v) == "3.1" || version(v).starts_with("3.1.") => {
            return Some(Version::V31);
        }
        (Some(v), _) if version(v).starts_with("3.") => {
            diagnostics.push(
                Diagnostic::warning(
                    file,
                    pointer::locate(text, at.as_str()),
                    format!(
                        "OpenAPI `{}` is newer than this generator knows; it is read as 3.1",
                        version(v)
                    ),
                )
                .with_pointer(at.as_str())
                .with_help("this generator reads OpenAPI 3.0 and 3.1 documents"),
            );
            return Some(Version::V31);
        }
        (Some(v), _) => error(
            "openapi",
            format!(
                "unsupported OpenAPI version `{}`: expected 3.0.x or 3.1.x",
                version(v)
            ),
            "this generator reads OpenAPI 3.0 and 3.1 documents (`openapi: 3.1.0`)",
        ),
        (None, Some(v)) => error(
            "swagger",
            format!(
                "Swagger {} documents are not supported (this generator reads OpenAPI 3.0 and 3.1)",
                version(v)
            ),
            "convert it to OpenAPI 3.0 first (for example with swagger2openapi or the \
             Swagger Editor's converter)",
        ),
        (None, None) => Diagnostic::error(
            file,
            None,
            "not an OpenAPI document: it has no `openapi` field",
        )
        .with_pointer("#")
        .with_help(
            "an OpenAPI document starts with `openapi: 3.1.0` (or 3.0.3), `info` and `paths`",
        ),
    };
    diagnostics.push(diagnostic);
    None
}

/// The common case in one pass: a valid OpenAPI 3.0 document deserialized straight from its
/// text, without the generic tree. `None` sends the caller to the path that explains.
pub(super) fn document_directly(text: &str) -> Option<OpenAPI> {
    let document: OpenAPI = if is_json(text) {
        serde_json::from_str(text).ok()?
    } else {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        match super::split::document(text, threads) {
            Some(document) => document,
            None => serde_yaml::from_str(text).ok()?,
        }
    };
    document.openapi.starts_with("3.0.").then_some(document)
}

/// The typed document. When it does not deserialize, every node that fails is reported with
/// its pointer (found by deserializing the parts one by one).
pub(super) fn document(
    file: &str,
    text: &str,
    value: &Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<OpenAPI> {
    match OpenAPI::deserialize(value) {
        Ok(document) => Some(document),
        Err(err) => {
            let mut errors = shape::errors(value);
            if errors.is_empty() {
                errors.push((Pointer::root(), err.to_string()));
            }
            for (at, message) in errors {
                diagnostics.push(
                    Diagnostic::error(
                        file,
                        pointer::locate(text, at.as_str()),
                        format!("this is not a valid OpenAPI 3.0 node: {message}"),
                    )
                    .with_pointer(at.as_str()),
                );
            }
            None
        }
    }
}

/// The byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// One character at `offset` (nothing at the end of the text).
fn char_span(text: &str, offset: usize) -> std::ops::Range<usize> {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let len = text[start..].chars().next().map_or(0, char::len_utf8);
    start..start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_from_line_and_column() {
        let text = "ab\ncd\nef";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 2), 4);
        assert_eq!(offset_of(text, 3, 1), 6);
        assert_eq!(offset_of(text, 9, 1), text.len());
        assert_eq!(char_span("aé", 2), 1..3);
    }
}
