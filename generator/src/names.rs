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

/// Makes the Rust spellings of `names` distinct, deterministically: the first keeps its
/// spelling; a later one that collides gets a suffix from the punctuation that set it apart
/// (`StartTime<` -> `start_time_before`, `StartTime>` -> `start_time_after`) or else a number.
/// Wire names never change.
pub fn make_unique(names: &mut [&mut Name]) {
    let mut taken: Vec<String> = Vec::new();
    // Plain names claim their spelling before names that carry punctuation (`StartTime`
    // before `StartTime<`), whatever the order they come in.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| punctuation_hint(&names[i].wire).is_some());
    for i in order {
        let name = &mut names[i];
        let base = name.rust.trim_start_matches("r#").to_owned();
        let mut candidate = name.rust.clone();
        if taken.contains(&candidate) {
            let hint = punctuation_hint(&name.wire);
            let mut n = 2;
            candidate = match hint {
                Some(hint) => format!("{base}_{hint}"),
                None => format!("{base}_{n}"),
            };
            while taken.contains(&candidate) {
                n += 1;
                candidate = format!("{base}_{n}");
            }
        }
        taken.push(candidate.clone());
        name.rust = candidate;
    }
}

fn punctuation_hint(wire: &str) -> Option<&'static str> {
    if wire.ends_with("<=") {
        Some("at_or_before")
    } else if wire.ends_with(">=") {
        Some("at_or_after")
    } else if wire.ends_with('<') {
        Some("before")
    } else if wire.ends_with('>') {
        Some("after")
    } else {
        None
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

    #[test]
    fn colliding_names_become_distinct() {
        let mut names = [
            "StartTime",
            "StartTime<",
            "StartTime>",
            "start_time",
            "Type",
            "type",
        ]
        .map(field_name);
        make_unique(&mut names.iter_mut().collect::<Vec<_>>());
        let rust: Vec<&str> = names.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(
            rust,
            [
                "start_time",
                "start_time_before",
                "start_time_after",
                "start_time_2",
                "r#type",
                "type_2"
            ]
        );
    }
}
