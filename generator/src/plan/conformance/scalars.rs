//! The scalar values of conformance tests: the document's own value for a member (its
//! example, default or first allowed value, when it fits the type), numeric bounds, and the
//! smallest string a schema allows (a `format`'s shape, a regex's shortest match).

use regex_syntax::hir::{Class, Hir, HirKind};
use serde_json::Value;

use crate::ir::{Fact, FactKind, Origin, Type};
use crate::plan::lower::{StringKind, string_kind};

/// The document's own value for a member, when it has one that fits the type: its example,
/// else its default, else the first of its allowed values (numbers' `enum`).
pub(super) fn documented(ty: &Type, facts: &[Fact]) -> Option<Value> {
    let stated = |fact: &&Fact| fact.origin == Origin::Schema;
    let example = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::Example(value) => Some(value.clone()),
        _ => None,
    });
    let default = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::Default(text) => Some(match ty {
            Type::String { .. } | Type::Enum { .. } => Value::String(text.clone()),
            _ => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.clone())),
        }),
        _ => None,
    });
    let allowed = facts.iter().filter(stated).find_map(|f| match &f.kind {
        FactKind::AllowedValues(values) => values
            .first()
            .map(|v| serde_json::from_str(v).unwrap_or_else(|_| Value::String(v.clone()))),
        _ => None,
    });
    [example, default, allowed]
        .into_iter()
        .flatten()
        .find(|value| fits(ty, value))
}

/// Whether a documented value has the JSON kind of `ty` (and, for dates, their shape), so that
/// it reads into the member's Rust type.
pub(super) fn fits(ty: &Type, value: &Value) -> bool {
    match (ty, value) {
        (Type::String { format }, Value::String(text)) => match string_kind(format.as_deref()) {
            StringKind::DateTime => is_date(text) && text.get(10..11) == Some("T"),
            StringKind::Date => is_date(text) && text.len() == 10,
            StringKind::Plain | StringKind::Rfc2822 => true,
        },
        (Type::Integer { format }, Value::Number(n)) => match format.as_deref() {
            Some("int32") => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => n.as_i64().is_some(),
        },
        (Type::Number { .. }, Value::Number(_)) | (Type::Boolean, Value::Bool(_)) => true,
        (Type::Enum { .. }, Value::String(_)) => true,
        (Type::IntegerEnum { format, .. }, Value::Number(n)) => match format.as_deref() {
            Some("int32") => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            _ => n.as_i64().is_some(),
        },
        (Type::Array { items }, Value::Array(values)) => values.iter().all(|v| fits(items, v)),
        (Type::Tuple { items, rest }, Value::Array(values)) => {
            values.len() >= items.len()
                && (rest.is_some() || values.len() == items.len())
                && values
                    .iter()
                    .enumerate()
                    .all(|(i, v)| items.get(i).or(rest.as_deref()).is_some_and(|t| fits(t, v)))
        }
        (Type::Any, _) => true,
        _ => false,
    }
}

pub(super) fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `minimum` and `maximum` as stated by the schema.
pub(super) fn bounds(facts: &[Fact]) -> (Option<f64>, Option<f64>) {
    let mut bounds = (None, None);
    for fact in facts.iter().filter(|f| f.origin == Origin::Schema) {
        match &fact.kind {
            FactKind::Minimum(n) => bounds.0 = n.as_f64(),
            FactKind::Maximum(n) => bounds.1 = n.as_f64(),
            _ => {}
        }
    }
    bounds
}

pub(super) fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9e15 {
        Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::from(0), Value::Number)
    }
}

/// The smallest string the schema allows: one that matches its `pattern`, else the shape of
/// its `format`, else filler of `minLength` (at least one character: a path segment cannot be
/// empty).
pub(super) fn string(format: Option<&str>, facts: &[Fact]) -> String {
    let mut min_length = None;
    let mut max_length = None;
    let mut pattern = None;
    for fact in facts.iter().filter(|f| f.origin == Origin::Schema) {
        match &fact.kind {
            FactKind::MinLength(n) => min_length = Some(*n as usize),
            FactKind::MaxLength(n) => max_length = Some(*n as usize),
            FactKind::Pattern(p) => pattern = Some(p.as_str()),
            _ => {}
        }
    }
    let fits_length = |text: &str| {
        let length = text.chars().count();
        min_length.is_none_or(|min| length >= min) && max_length.is_none_or(|max| length <= max)
    };
    if let Some(text) = pattern.and_then(|p| matching(p, min_length.unwrap_or(1), max_length)) {
        return text;
    }
    if let Some(text) = format.and_then(formatted).filter(|t| fits_length(t)) {
        return text.to_owned();
    }
    let length = min_length
        .unwrap_or(1)
        .max(1)
        .min(max_length.unwrap_or(usize::MAX));
    "a".repeat(length)
}

/// An example of each `format` that validators check.
pub(super) fn formatted(format: &str) -> Option<&'static str> {
    Some(match format {
        "date-time" => "2024-01-01T00:00:00Z",
        "date" => "2024-01-01",
        "time" => "00:00:00Z",
        "date-time-rfc-2822" => "Mon, 01 Jan 2024 00:00:00 +0000",
        "duration" => "P1D",
        "uuid" => "00000000-0000-4000-8000-000000000000",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" | "uri-reference" | "iri-reference" => "https://example.com",
        "uri-template" => "https://example.com/{id}",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "127.0.0.1",
        "ipv6" => "::1",
        "byte" => "AAAA",
        "json-pointer" => "/a",
        "regex" => "a",
        _ => return None,
    })
}

/// The shortest string that matches `pattern` (every repetition as few times as it may) of at
/// least `min` characters, trying more repetitions until it is long enough; `None` when the
/// pattern does not parse (lookarounds, backreferences) or no length fits.
pub(super) fn matching(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut at_least = 0;
    loop {
        let mut text = String::new();
        write_match(&hir, at_least, &mut text)?;
        let length = text.chars().count();
        if max.is_some_and(|max| length > max) {
            return None;
        }
        if length >= min {
            return Some(text);
        }
        if at_least as usize > min.max(1) {
            return None;
        }
        at_least = (at_least * 2).max(1);
    }
}

/// Appends a string that `hir` matches: the first alternative, each repetition its minimum
/// times but at least `at_least` (as far as its maximum allows), a class's nicest member.
fn write_match(hir: &Hir, at_least: u32, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(Class::Unicode(class)) => {
            let nice = ['a', '0', 'A', '_', '-', ' '];
            let contains = |c: char| {
                class
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= c && c <= r.end())
            };
            let pick = nice
                .into_iter()
                .find(|c| contains(*c))
                .or_else(|| class.ranges().first().map(|r| r.start()))?;
            out.push(pick);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let range = class.ranges().first()?;
            out.push(
                char::from(range.start())
                    .is_ascii()
                    .then_some(char::from(range.start()))?,
            );
        }
        HirKind::Repetition(repetition) => {
            let times = repetition
                .min
                .max(at_least.min(repetition.max.unwrap_or(u32::MAX)));
            for _ in 0..times {
                write_match(&repetition.sub, at_least, out)?;
            }
        }
        HirKind::Capture(capture) => write_match(&capture.sub, at_least, out)?,
        HirKind::Concat(parts) => {
            for part in parts {
                write_match(part, at_least, out)?;
            }
        }
        HirKind::Alternation(alternatives) => write_match(alternatives.first()?, at_least, out)?,
    }
    Some(())
}

/// The `index`-th value of a list whose items must differ, after `value`: a number counted on,
/// a string of digits (Discord's snowflakes) too, the other boolean; `None` where no other
/// value is known to fit as well (a string of another kind may have a format or pattern).
pub(super) fn another(value: &Value, index: usize) -> Option<Value> {
    match value {
        Value::Number(n) => match n.as_i64() {
            Some(n) => Some(Value::from(n.checked_add(i64::try_from(index).ok()?)?)),
            None => Some(number(n.as_f64()? + index as f64)),
        },
        Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u128 = text.parse().ok()?;
            Some(Value::String(n.checked_add(index as u128)?.to_string()))
        }
        Value::Bool(b) if index == 1 => Some(Value::Bool(!b)),
        _ => None,
    }
}
