//! Rust spellings of wire names: the one place that converts case and escapes keywords.

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::Name;

/// Keywords of every edition, strict and reserved: all need `r#` (or a suffix) as identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A field, parameter or method name: `UniqueName` -> `unique_name`, `type` -> `r#type`.
pub fn snake(wire: &str) -> String {
    escape(sanitize(&wire.to_snake_case()), false)
}

/// A type name: `create room` -> `CreateRoom`.
pub fn camel(wire: &str) -> String {
    escape(sanitize(&wire.to_upper_camel_case()), true)
}

/// Both spellings of a field-like name.
pub fn field_name(wire: &str) -> Name {
    Name {
        wire: wire.to_owned(),
        rust: snake(wire),
    }
}

/// Keeps ASCII letters, digits and `_`; a name that would start with a digit or be empty gets a
/// prefix so it is still an identifier.
fn sanitize(converted: &str) -> String {
    let mut out: String = converted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

fn escape(ident: String, type_position: bool) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        return format!("{ident}_");
    }
    if KEYWORDS.contains(&ident.as_str()) {
        return if type_position {
            format!("{ident}_")
        } else {
            format!("r#{ident}")
        };
    }
    ident
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_escapes() {
        assert_eq!(snake("UniqueName"), "unique_name");
        assert_eq!(
            snake("Access-Control-Allow-Origin"),
            "access_control_allow_origin"
        );
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("3d"), "_3d");
        assert_eq!(snake(""), "__");
        assert_eq!(camel("Create room"), "CreateRoom");
        assert_eq!(camel("self"), "Self_");
    }
}
