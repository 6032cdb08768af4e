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
    let ident = sanitize(&wire.to_snake_case(), "_", "field");
    escape(ident.trim_end_matches('_').to_owned())
}

/// An operation's name from its method and path, for an operation its input does not name
/// (`GET /v1/Rooms/{Sid}` -> `get_v1_rooms_sid`).
pub fn from_route(method: &str, path: &str) -> String {
    snake(&format!("{method} {path}"))
}

/// The camel-case name of a member (field, parameter, header) for the name of a type nested
/// in it, from its distinct Rust name: `status_callback` -> `StatusCallback`.
pub fn member_camel(name: &Name) -> String {
    camel(name.rust.trim_start_matches("r#"))
}

/// A type name: `create room` -> `CreateRoom`. `Self` becomes `SelfValue` rather than `Self_`,
/// so that names built from it (`SelfValueRequest`) stay upper camel case.
pub fn camel(wire: &str) -> String {
    let ident = sanitize(&wire.to_upper_camel_case(), "N", "Unnamed").replace('_', "");
    // Dropped non-ASCII letters can leave a lowercase first letter (`ßa`).
    let mut chars = ident.chars();
    let ident: String = chars
        .next()
        .map(|first| first.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    match ident.as_str() {
        "Self" => "SelfValue".to_owned(),
        _ => ident,
    }
}

/// Methods the generated `Client` (async or blocking) has of its own, in the runtime template
/// and the constructors: an operation cannot be a method of the same name.
pub const CLIENT_METHODS: &[&str] = &[
    "as_async",
    "base_url",
    "block_on",
    "builder",
    "from_async",
    "iter",
    "new",
    "with_header",
    "with_query",
    "with_retry",
    "with_timeout",
];

/// An operation's method name: `new` -> `new_operation`, so it never shadows or duplicates
/// a method the client has of its own.
pub fn operation_method(rust: &str) -> String {
    if CLIENT_METHODS.contains(&rust) {
        format!("{rust}_operation")
    } else {
        rust.to_owned()
    }
}

/// Crates every Rust program can name already: a package of one of these names shadows it.
const BUILTIN_CRATES: &[&str] = &["alloc", "core", "proc_macro", "std", "test"];

/// Why Cargo (or code that uses the crate) would not accept `name` as the generated crate's
/// package name, if it would not: ASCII letters, digits, `-` and `_` only, not starting with a
/// digit or `-`, and, as the library's name (`-` read as `_`), neither a Rust keyword nor a
/// built-in crate (`std`, `test`, ...).
pub fn package_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
    {
        return Some(format!("{bad:?} is not allowed"));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Some("it starts with a digit".to_owned());
    }
    if name.starts_with('-') {
        return Some("it starts with `-`".to_owned());
    }
    let library = name.replace('-', "_");
    if KEYWORDS.contains(&library.as_str()) || NOT_RAW.contains(&library.as_str()) {
        return Some(format!("`{library}` is a Rust keyword"));
    }
    if BUILTIN_CRATES.contains(&library.as_str()) {
        return Some(format!("it would shadow Rust's built-in `{library}` crate"));
    }
    None
}

/// A package name Cargo accepts, made from `wanted` (a folder's name): other characters become
/// `_` (`my.client.v2` -> `my_client_v2`), leading `-` is dropped, a leading digit gets `_`
/// (`2fa` -> `_2fa`), a keyword or built-in crate a trailing `_` (`test` -> `test_`), and a
/// name left empty is `api_client`. A valid name is kept as it is.
pub fn package_name_from(wanted: &str) -> String {
    let mapped: String = wanted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = mapped.trim_start_matches('-').to_owned();
    if name.chars().all(|c| c == '_' || c == '-') {
        return "api_client".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if package_name_problem(&name).is_some() {
        name.push('_');
    }
    name
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
pub fn make_unique(names: &mut [Name]) {
    make_unique_beside(&[], names);
}

/// [`make_unique`] for names joining a scope where the spellings `taken` are already used.
pub fn make_unique_beside(taken: &[String], names: &mut [Name]) {
    let mut taken: Vec<String> = taken.to_vec();
    // Plain names claim their spelling before names that carry punctuation (`StartTime`
    // before `StartTime<`), whatever the order they come in.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by_key(|&i| punctuation_hint(&names[i].wire).is_some());
    for i in order {
        let name = &mut names[i];
        // `crate_` + `_2` would be `crate__2`, which is not snake case.
        let base = name
            .rust
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_owned();
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

/// Keeps ASCII letters, digits and single `_` (other characters, non-ASCII letters included,
/// are dropped: identifiers stay ASCII and lint-clean; the wire name keeps the original). A name
/// that would start with a digit gets `digit_prefix`; one left without a letter or digit is
/// `empty`.
fn sanitize(converted: &str, digit_prefix: &str, empty: &str) -> String {
    let mut out = String::with_capacity(converted.len());
    for c in converted.chars() {
        if c.is_ascii_alphanumeric() || (c == '_' && !out.ends_with('_')) {
            out.push(c);
        }
    }
    let body = out.trim_start_matches('_');
    if body.is_empty() {
        return empty.to_owned();
    }
    if body.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{digit_prefix}{body}");
    }
    body.to_owned()
}

/// Snake-case keywords: raw identifiers where Rust allows them, else a trailing `_`.
fn escape(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        return format!("{ident}_");
    }
    if KEYWORDS.contains(&ident.as_str()) {
        return format!("r#{ident}");
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
        assert_eq!(snake(""), "field");
        assert_eq!(snake("a.b-c d"), "a_b_c_d");
        assert_eq!(snake("Größe"), "gre");
        assert_eq!(snake("名前"), "field");
        assert_eq!(camel("Create room"), "CreateRoom");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(camel("3d"), "N3d");
        assert_eq!(camel("éa"), "A");
        assert_eq!(camel("-"), "Unnamed");
    }

    #[test]
    fn package_names_cargo_accepts() {
        for valid in [
            "my_client",
            "my-client-v2",
            "_private",
            "api2",
            "selfie",
            "tests",
        ] {
            assert_eq!(package_name_problem(valid), None, "{valid}");
            assert_eq!(package_name_from(valid), valid);
        }
        let cases = [
            ("my.client.v2", "my_client_v2", "'.' is not allowed"),
            ("2fa", "_2fa", "starts with a digit"),
            ("-x", "x", "starts with `-`"),
            ("", "api_client", "empty"),
            ("...", "api_client", "'.' is not allowed"),
            ("self", "self_", "`self` is a Rust keyword"),
            ("type", "type_", "`type` is a Rust keyword"),
            ("test", "test_", "built-in `test` crate"),
            ("proc-macro", "proc-macro_", "built-in `proc_macro` crate"),
            ("café", "caf_", "'é' is not allowed"),
            ("my client", "my_client", "' ' is not allowed"),
        ];
        for (wanted, derived, problem) in cases {
            let found = package_name_problem(wanted).unwrap_or_default();
            assert!(found.contains(problem), "{wanted:?}: {found}");
            assert_eq!(package_name_from(wanted), derived, "{wanted:?}");
            assert_eq!(package_name_problem(derived), None, "{derived:?}");
        }
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
        make_unique(&mut names);
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
