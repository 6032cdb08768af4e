//! JSON Schema 2020-12 as OpenAPI 3.1 uses it, rewritten into the OpenAPI 3.0 schema that says
//! the same (or the nearest thing, with a located warning):
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; `type: [string, integer]` a `oneOf`
//!   of the types, each with the keywords that apply to it;
//! - `const: v` is `enum: [v]`; a `oneOf` (or `anyOf`) of `const`s only (Discord's enums) is an
//!   `enum` of them, the members' titles and descriptions kept in the description, or, for
//!   integers that every member names, as `x-enum-varnames` and `x-enum-descriptions`;
//! - `examples: [a, ...]` is `example: a`;
//! - `$ref` with sibling keywords is `allOf: [$ref]` beside them (a member of a composition
//!   keeps the `$ref` alone, its `null` going to the composition); `$defs` become components (`defs.rs`);
//! - `prefixItems` is `items: {oneOf: [..]}` with `x-prefix-items`, the number of positions,
//!   which the schema reader makes a tuple; `contentEncoding`/`contentMediaType`
//!   are `format: byte` or `binary`; numeric `exclusiveMinimum`/`exclusiveMaximum` are 3.0's
//!   bound and flag; boolean schemas are `{}` and `{not: {}}`;
//! - `dependentRequired` is kept as `x-dependent-required`, which the schema reader makes a
//!   fact of each member it names;
//! - keywords 3.0 has no place for (`dependentSchemas`, `if`, `patternProperties`, ...) are
//!   warned about and dropped (`patternProperties` read as `additionalProperties` when it is
//!   the only one).

use std::collections::BTreeSet;

use serde_yaml::{Mapping, Value};

use super::Normaliser;
use super::values::{const_members, constant, content, examples, exclusive_bound};
use crate::frontend::openapi::lenient::walked;
use crate::frontend::openapi::pointer::Pointer;

/// Keywords that hold one subschema.
const ONE: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
];

/// Keywords that hold a map of subschemas.
const MANY: &[&str] = &["properties", "patternProperties", "dependentSchemas"];

/// Keywords that hold a list of subschemas.
const LISTS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Keywords 3.0 cannot say, with what is lost.
const UNKEPT: &[(&str, &str)] = &[
    (
        "dependentSchemas",
        "the generated type does not check the schemas it applies",
    ),
    ("if", "conditional schemas are not read"),
    ("then", "conditional schemas are not read"),
    ("else", "conditional schemas are not read"),
    (
        "unevaluatedProperties",
        "the generated type does not check it",
    ),
    ("unevaluatedItems", "the generated type does not check it"),
    ("contains", "the generated type does not check it"),
    ("minContains", "the generated type does not check it"),
    ("maxContains", "the generated type does not check it"),
    (
        "propertyNames",
        "the generated type does not check member names",
    ),
    ("$dynamicRef", "dynamic references are not followed"),
    ("patternProperties", "member names are not checked"),
];

/// Keywords that apply to one JSON type only: a member of a `type` list's `oneOf` takes those
/// of its type.
fn applies_to(keyword: &str) -> Option<&'static [&'static str]> {
    Some(match keyword {
        "pattern" | "minLength" | "maxLength" | "contentEncoding" | "contentMediaType" => {
            &["string"]
        }
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            &["integer", "number"]
        }
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" => {
            &["array"]
        }
        "properties"
        | "required"
        | "additionalProperties"
        | "minProperties"
        | "maxProperties"
        | "patternProperties"
        | "propertyNames"
        | "dependentRequired" => &["object"],
        "format" => &["string", "integer", "number"],
        _ => return None,
    })
}

/// Keys beside a `$ref` that say nothing about values (dropped without a wrapper).
fn is_remark(key: &str) -> bool {
    matches!(key, "title" | "$comment") || key.starts_with("x-")
}

fn mapping<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Mapping(Mapping::from_iter(
        entries.into_iter().map(|(k, v)| (Value::from(k), v)),
    ))
}

impl Normaliser<'_> {
    /// Rewrites the schema at `at` and every schema inside it.
    pub fn schema(&mut self, value: &mut Value, at: &Pointer) {
        match value {
            Value::Bool(true) => *value = Value::Mapping(Mapping::new()),
            Value::Bool(false) => *value = mapping([("not", Value::Mapping(Mapping::new()))]),
            _ => {}
        }
        let Value::Mapping(map) = value else { return };
        if map.get("nullable").is_some() {
            self.old_keyword("nullable", &at.key("nullable"));
        }
        self.wrap_ref(map);
        self.type_list(map, at);
        // The JSON type `null` (a member that is always `null`): any value that may be null,
        // 3.0's nearest.
        if map.get("type").and_then(Value::as_str) == Some("null") {
            map.remove("type");
            map.insert("nullable".into(), Value::Bool(true));
        }
        constant(map);
        const_members(map);
        examples(map);
        content(map);
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if matches!(map.get(exclusive), Some(Value::Bool(_))) {
                self.old_keyword(exclusive, &at.key(exclusive));
            } else {
                exclusive_bound(map, exclusive, bound);
            }
        }
        self.dependent_required(map, at);
        self.unkept(map, at);
        self.member_refs(map, at);
        self.subschemas(map, at);
        self.prefix_items(map, at);
    }

    fn subschemas(&mut self, map: &mut Mapping, at: &Pointer) {
        for (key, child) in walked(map) {
            let at = at.key(key);
            if ONE.contains(&key) {
                if key == "additionalProperties" && child.is_bool() {
                    continue;
                }
                self.schema(child, &at);
            } else if MANY.contains(&key) {
                if let Value::Mapping(children) = child {
                    for (name, child) in children.iter_mut() {
                        if let Some(name) = name.as_str() {
                            self.schema(child, &at.key(name));
                        }
                    }
                }
            } else if LISTS.contains(&key)
                && let Value::Sequence(children) = child
            {
                for (i, child) in children.iter_mut().enumerate() {
                    self.schema(child, &at.index(i));
                }
            }
        }
    }

    /// A member of a composition that is a `$ref` with siblings keeps the `$ref` alone; a
    /// `null` it allows goes to the composition.
    fn member_refs(&mut self, map: &mut Mapping, at: &Pointer) {
        let mut nullable = false;
        for key in LISTS {
            let Some(Value::Sequence(members)) = map.get_mut(*key) else {
                continue;
            };
            for (i, member) in members.iter_mut().enumerate() {
                let Value::Mapping(member) = member else {
                    continue;
                };
                if member.get("$ref").is_none() || member.len() == 1 {
                    continue;
                }
                if member.contains_key("nullable") {
                    self.old_keyword("nullable", &at.key(key).index(i).key("nullable"));
                }
                nullable |= member.get("nullable") == Some(&Value::Bool(true))
                    || member
                        .get("type")
                        .and_then(Value::as_sequence)
                        .is_some_and(|types| types.iter().any(|t| t.as_str() == Some("null")));
                member.retain(|k, _| k.as_str() == Some("$ref"));
            }
            // `{type: "null"}` among them is 3.0's `nullable` (which a `$ref` to the schema
            // carries to the field, as a union's member does not).
            let nulls = members.iter().filter(|m| is_null_schema(m)).count();
            if nulls > 0 && nulls < members.len() {
                members.retain(|m| !is_null_schema(m));
                nullable = true;
            }
        }
        if nullable {
            map.insert("nullable".into(), Value::Bool(true));
        }
    }

    /// `$ref` with siblings that say something about the value: `allOf: [$ref]` beside them.
    fn wrap_ref(&mut self, map: &mut Mapping) {
        if map.get("$ref").is_none() || map.len() == 1 {
            return;
        }
        if map
            .keys()
            .filter_map(Value::as_str)
            .all(|k| k == "$ref" || is_remark(k))
        {
            map.retain(|k, _| k.as_str() == Some("$ref"));
            return;
        }
        let reference = map.remove("$ref").expect("checked");
        let part = mapping([("$ref", reference)]);
        let mut wrapped = Mapping::new();
        wrapped.insert("allOf".into(), Value::Sequence(vec![part]));
        for (k, v) in std::mem::take(map) {
            wrapped.insert(k, v);
        }
        *map = wrapped;
    }

    /// `type: [..]`: `null` among them is `nullable`; one type left is the type, several a
    /// `oneOf` of them.
    fn type_list(&mut self, map: &mut Mapping, at: &Pointer) {
        let Some(Value::Sequence(list)) = map.get("type") else {
            return;
        };
        let mut types: Vec<String> = Vec::new();
        for t in list {
            if let Some(t) = t.as_str()
                && !types.iter().any(|seen| seen == t)
            {
                types.push(t.to_owned());
            }
        }
        let null = types.iter().any(|t| t == "null");
        types.retain(|t| t != "null");
        if null {
            map.insert("nullable".into(), Value::Bool(true));
        }
        match types.as_slice() {
            [] => {
                map.insert("type".into(), Value::from("null"));
            }
            [only] => {
                map.insert("type".into(), Value::from(only.as_str()));
            }
            [first, ..] if map.contains_key("oneOf") || map.contains_key("anyOf") => {
                self.warn(
                    &at.key("type"),
                    format!(
                        "a list of types beside `oneOf`/`anyOf` is read as its first, `{first}`"
                    ),
                    "write the types as members of the `oneOf`",
                );
                map.insert("type".into(), Value::from(first.as_str()));
            }
            _ => {
                map.remove("type");
                let members = types
                    .iter()
                    .map(|t| {
                        let mut member = Mapping::new();
                        member.insert("type".into(), Value::from(t.as_str()));
                        for (key, v) in map.iter() {
                            let applies = key.as_str().and_then(applies_to);
                            if applies.is_some_and(|types| types.contains(&t.as_str())) {
                                member.insert(key.clone(), v.clone());
                            }
                            if key.as_str() == Some("enum")
                                && let Value::Sequence(values) = v
                            {
                                let fit: Vec<Value> =
                                    values.iter().filter(|v| is_of(v, t)).cloned().collect();
                                if !fit.is_empty() {
                                    member.insert(key.clone(), Value::Sequence(fit));
                                }
                            }
                        }
                        Value::Mapping(member)
                    })
                    .collect();
                map.retain(|k, _| k.as_str().and_then(applies_to).is_none() && k != "enum");
                map.insert("oneOf".into(), Value::Sequence(members));
            }
        }
    }

    /// `prefixItems` (a tuple), after the rest of the schema is rewritten: its schemas
    /// rewritten, then `items: {oneOf: [each position's schema, then the rest's]}` with
    /// `x-prefix-items: N`, the number of positions, which the schema reader makes a
    /// `Type::Tuple` (and any other reader an array whose items may be any of them). Without
    /// `items`, or with `items: false`, nothing follows the positions.
    fn prefix_items(&mut self, map: &mut Mapping, at: &Pointer) {
        let Some(Value::Sequence(mut members)) = map.remove("prefixItems") else {
            return;
        };
        for (i, member) in members.iter_mut().enumerate() {
            self.schema(member, &at.key("prefixItems").index(i));
        }
        let nothing = mapping([("not", Value::Mapping(Mapping::new()))]);
        let count = members.len();
        match map.remove("items") {
            Some(rest) if rest != nothing && rest != Value::Bool(false) => members.push(rest),
            _ => {}
        }
        if count == 0 {
            if let Some(rest) = members.pop() {
                map.insert("items".into(), rest);
            }
        } else {
            map.insert(
                "items".into(),
                mapping([("oneOf", Value::Sequence(members))]),
            );
            map.insert("x-prefix-items".into(), Value::from(count as u64));
        }
        if !map.contains_key("type") {
            map.insert("type".into(), Value::from("array"));
        }
    }

    /// `dependentRequired` is kept as `x-dependent-required`, its entries that name a member
    /// `properties` does not define left out with a warning.
    fn dependent_required(&mut self, map: &mut Mapping, at: &Pointer) {
        let Some(Value::Mapping(mut dependent)) = map.remove("dependentRequired") else {
            return;
        };
        let at = at.key("dependentRequired");
        let defined = |name: &Value| {
            map.get("properties")
                .and_then(Value::as_mapping)
                .is_some_and(|p| p.contains_key(name))
        };
        let mut unknown = Vec::new();
        for (member, others) in &dependent {
            let names = std::iter::once(member).chain(others.as_sequence().into_iter().flatten());
            if let Some(name) = names.clone().find(|name| !defined(name)) {
                unknown.push((member.clone(), name.as_str().unwrap_or_default().to_owned()));
            }
        }
        for (member, name) in unknown {
            dependent.remove(&member);
            self.warn(
                &at.key(member.as_str().unwrap_or_default()),
                format!(
                    "`dependentRequired` names `{name}`, which the object's `properties` do not \
                     define; the entry is not kept"
                ),
                "",
            );
        }
        if !dependent.is_empty() {
            map.insert("x-dependent-required".into(), Value::Mapping(dependent));
        }
    }

    fn unkept(&mut self, map: &mut Mapping, at: &Pointer) {
        for (keyword, lost) in UNKEPT {
            let Some(value) = map.remove(*keyword) else {
                continue;
            };
            if *keyword == "patternProperties"
                && !map.contains_key("additionalProperties")
                && let Value::Mapping(patterns) = &value
                && patterns.len() == 1
            {
                let (pattern, schema) = patterns.iter().next().expect("one");
                let pattern = pattern.as_str().unwrap_or_default();
                map.insert("additionalProperties".into(), schema.clone());
                self.warn(
                    &at.key(keyword),
                    format!(
                        "`patternProperties` is read as `additionalProperties`: members are \
                         not checked against `{pattern}`"
                    ),
                    "",
                );
                continue;
            }
            self.warn(
                &at.key(keyword),
                format!("`{keyword}` is not kept: {lost}"),
                "OpenAPI 3.0 has no such keyword; the rest of the schema is read",
            );
        }
    }
}

/// `{type: "null"}` (or `type: ["null"]`), a description aside.
fn is_null_schema(schema: &Value) -> bool {
    let Some(map) = schema.as_mapping() else {
        return false;
    };
    let null = match map.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Sequence(types)) => types.iter().all(|t| t.as_str() == Some("null")),
        _ => false,
    };
    null && map
        .keys()
        .filter_map(Value::as_str)
        .all(|k| matches!(k, "type" | "description" | "title") || k.starts_with("x-"))
}

pub(super) fn is_of(value: &Value, t: &str) -> bool {
    match t {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_bool(),
        "array" => value.is_sequence(),
        "object" => value.is_mapping(),
        _ => false,
    }
}

/// The keys of `components/schemas`.
pub(super) fn schema_keys(root: &Mapping) -> BTreeSet<String> {
    root.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|s| {
            s.keys()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `base`, or `base2`, `base3`, ... when taken; taken from then on.
pub(super) fn free_key(taken: &mut BTreeSet<String>, base: &str) -> String {
    let mut key = base.to_owned();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}{n}");
        n += 1;
    }
    taken.insert(key.clone());
    key
}

/// `components/schemas`, made when missing.
pub(super) fn schemas_mut(root: &mut Mapping) -> &mut Mapping {
    let components = root
        .entry("components".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if !components.is_mapping() {
        *components = Value::Mapping(Mapping::new());
    }
    let components = components.as_mapping_mut().expect("a mapping");
    let schemas = components
        .entry("schemas".into())
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if !schemas.is_mapping() {
        *schemas = Value::Mapping(Mapping::new());
    }
    schemas.as_mapping_mut().expect("a mapping")
}
