//! The 3.1 keywords about a schema's values rewritten in place, one schema map at a time:
//! `const`, `oneOf` of `const`s, `examples`, `contentEncoding`/`contentMediaType` and numeric
//! exclusive bounds (see `schema.rs` for what each becomes).

use serde_yaml::{Mapping, Value};

use super::schema::is_of;

/// `const: v` is `enum: [v]`.
pub(super) fn constant(map: &mut Mapping) {
    if let Some(value) = map.remove("const")
        && !map.contains_key("enum")
    {
        map.insert("enum".into(), Value::Sequence(vec![value]));
    }
}

/// A `oneOf`/`anyOf` whose members are `const`s only is an `enum` of their values.
pub(super) fn const_members(map: &mut Mapping) {
    if map.contains_key("enum") {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Sequence(members)) = map.get(key) else {
            continue;
        };
        let only_consts = !members.is_empty()
            && members.iter().all(|m| {
                m.as_mapping().is_some_and(|m| {
                    m.contains_key("const")
                        && m.keys().filter_map(Value::as_str).all(|k| {
                            matches!(k, "const" | "title" | "description" | "type" | "deprecated")
                                || k.starts_with("x-")
                        })
                })
            });
        if !only_consts {
            continue;
        }
        let mut values = Vec::new();
        let mut notes = Vec::new();
        // Integers that every member names: 3.0's `x-enum-varnames` (and
        // `x-enum-descriptions`), which the schema reader makes an enum with those names.
        let named_integers = members.iter().all(|m| {
            m.get("const").is_some_and(|v| is_of(v, "integer"))
                && m.get("title")
                    .and_then(Value::as_str)
                    .is_some_and(|t| !t.trim().is_empty())
        });
        if named_integers {
            let texts = |key: &str| -> Value {
                Value::Sequence(
                    members
                        .iter()
                        .map(|m| {
                            Value::from(m.get(key).and_then(Value::as_str).unwrap_or("").trim())
                        })
                        .collect(),
                )
            };
            let (names, descriptions) = (texts("title"), texts("description"));
            values = members
                .iter()
                .filter_map(|m| m.get("const").cloned())
                .collect();
            if !map.contains_key("type") {
                map.insert("type".into(), Value::from("integer"));
            }
            map.insert("x-enum-varnames".into(), names);
            if descriptions
                .as_sequence()
                .is_some_and(|d| d.iter().any(|d| d.as_str() != Some("")))
            {
                map.insert("x-enum-descriptions".into(), descriptions);
            }
            map.remove(key);
            map.insert("enum".into(), Value::Sequence(values));
            return;
        }
        for member in members {
            let value = member.get("const").cloned().unwrap_or(Value::Null);
            let title = member.get("title").and_then(Value::as_str).unwrap_or("");
            let about = member
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            let shown = match &value {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            };
            let named = !title.is_empty() && title != shown;
            if named || !about.is_empty() {
                let mut line = format!("- `{shown}`");
                if named {
                    line.push_str(&format!(" ({title})"));
                }
                if !about.is_empty() {
                    line.push_str(&format!(": {}", about.trim()));
                }
                notes.push(line);
            }
            values.push(value);
        }
        let kind = ["string", "integer", "number", "boolean"]
            .into_iter()
            .find(|t| values.iter().filter(|v| !v.is_null()).all(|v| is_of(v, t)));
        let Some(kind) = kind else { continue };
        if !map.contains_key("type") {
            map.insert("type".into(), Value::from(kind));
        }
        if !notes.is_empty() {
            let mut description = map
                .get("description")
                .and_then(Value::as_str)
                .map(|d| format!("{}\n\n", d.trim_end()))
                .unwrap_or_default();
            description.push_str(&notes.join("\n"));
            map.insert("description".into(), Value::from(description));
        }
        map.remove(key);
        map.insert("enum".into(), Value::Sequence(values));
        return;
    }
}

/// `examples: [a, ...]` is `example: a`.
pub(super) fn examples(map: &mut Mapping) {
    if let Some(Value::Sequence(_)) = map.get("examples")
        && let Some(Value::Sequence(mut list)) = map.remove("examples")
        && !list.is_empty()
        && !map.contains_key("example")
    {
        map.insert("example".into(), list.swap_remove(0));
    }
}

/// `contentEncoding: base64` is `format: byte`; `binary` (Discord's), or a `contentMediaType`
/// that is not text, `format: binary`.
pub(super) fn content(map: &mut Mapping) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") || (encoding.is_none() && media.is_none()) {
        return;
    }
    let is_string = match map.get("type") {
        Some(t) => t.as_str() == Some("string"),
        None => !["$ref", "allOf", "oneOf", "anyOf", "properties", "items"]
            .iter()
            .any(|k| map.contains_key(*k)),
    };
    if !is_string {
        return;
    }
    let format = match encoding.as_ref().and_then(Value::as_str) {
        Some("base64" | "base64url") => "byte",
        Some("binary") => "binary",
        Some(_) => return,
        None => {
            let media = media.as_ref().and_then(Value::as_str).unwrap_or_default();
            if media.starts_with("text/") || media.contains("json") {
                return;
            }
            "binary"
        }
    };
    map.insert("type".into(), Value::from("string"));
    map.insert("format".into(), Value::from(format));
}

/// A numeric `exclusiveMinimum: n` is 3.0's `minimum: n` and `exclusiveMinimum: true`, unless
/// `minimum` is the stricter bound.
pub(super) fn exclusive_bound(map: &mut Mapping, exclusive: &str, bound: &str) {
    let Some(Value::Number(n)) = map.get(exclusive).cloned() else {
        return;
    };
    let value = n.as_f64().unwrap_or_default();
    let stricter = match map.get(bound).and_then(Value::as_f64) {
        None => true,
        Some(other) if bound == "minimum" => value >= other,
        Some(other) => value <= other,
    };
    if stricter {
        map.insert(bound.into(), Value::Number(n));
        map.insert(exclusive.into(), Value::Bool(true));
    } else {
        map.remove(exclusive);
    }
}
