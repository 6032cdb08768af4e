//! A slice of a large document for a mock that cannot load the whole in reasonable time: its
//! first operations (paths in sorted order, methods in theirs) and every component they
//! reference, transitively (the `$ref` closure), with the document's info, servers, security
//! and security schemes.

use serde_json::{Map, Value};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Reads a YAML or JSON document.
pub fn read(text: &str) -> Result<Value, String> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(_) => serde_yaml::from_str(text).map_err(|err| format!("not YAML or JSON: {err}")),
    }
}

/// How many operations the document has.
pub fn operations(document: &Value) -> usize {
    document["paths"].as_object().map_or(0, |paths| {
        paths
            .values()
            .map(|item| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
            .sum()
    })
}

/// The document with only its first `keep` operations and what they reference.
pub fn slice(document: &Value, keep: usize) -> Result<Value, String> {
    let mut out = Map::new();
    for key in ["openapi", "info", "servers", "security", "tags"] {
        if let Some(value) = document.get(key) {
            out.insert(key.to_owned(), value.clone());
        }
    }
    let mut paths = Map::new();
    let mut kept = 0;
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        if kept == keep {
            break;
        }
        let Some(item) = item.as_object() else {
            continue;
        };
        let mut sliced = Map::new();
        for (key, value) in item {
            let is_method = METHODS.contains(&key.as_str());
            if is_method && kept == keep {
                continue;
            }
            kept += usize::from(is_method);
            sliced.insert(key.clone(), value.clone());
        }
        paths.insert(path.clone(), Value::Object(sliced));
    }
    out.insert("paths".to_owned(), Value::Object(paths));
    let mut sliced = Value::Object(out);
    if let Some(schemes) = document.pointer("/components/securitySchemes") {
        insert(&mut sliced, "/components/securitySchemes", schemes.clone());
    }
    // The closure: every `$ref` of what is kept, until nothing new is referenced.
    let mut pending = refs(&sliced)?;
    let mut copied = std::collections::BTreeSet::new();
    while let Some(pointer) = pending.pop() {
        if !copied.insert(pointer.clone()) || sliced.pointer(&pointer).is_some() {
            continue;
        }
        let node = document
            .pointer(&pointer)
            .ok_or_else(|| format!("`#{pointer}` is referenced but not in the document"))?;
        pending.extend(refs(node)?);
        insert(&mut sliced, &pointer, node.clone());
    }
    Ok(sliced)
}

/// The JSON pointers of the document-internal `$ref`s in `value`.
fn refs(value: &Value) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let pointer = reference.strip_prefix('#').ok_or_else(|| {
                        format!("`{reference}` references another file: a slice cannot keep it")
                    })?;
                    found.push(pointer.to_owned());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    Ok(found)
}

/// Sets the node at `pointer`, making the objects on the way.
fn insert(document: &mut Value, pointer: &str, node: Value) {
    let mut at = document;
    let keys: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|k| k.replace("~1", "/").replace("~0", "~"))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let Value::Object(map) = at else { return };
        if i + 1 == keys.len() {
            map.insert(key.clone(), node);
            return;
        }
        at = map
            .entry(key.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_slice_keeps_its_operations_and_their_closure_only() {
        let document = json!({
            "openapi": "3.0.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {
                    "parameters": [{"$ref": "#/components/parameters/Id"}],
                    "get": {"responses": {"200": {"$ref": "#/components/responses/A"}}},
                    "post": {"responses": {"204": {"description": "none"}}}
                },
                "/b": {"get": {"responses": {"200": {"description": "b"}}}}
            },
            "components": {
                "parameters": {"Id": {"name": "id", "in": "path", "schema": {"$ref": "#/components/schemas/Id"}}},
                "responses": {"A": {"description": "a", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}},
                "schemas": {
                    "Id": {"type": "string"},
                    "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}}},
                    "B": {"type": "array", "items": {"$ref": "#/components/schemas/A"}},
                    "Unused": {"type": "string"}
                },
                "securitySchemes": {"basic": {"type": "http", "scheme": "basic"}}
            }
        });
        assert_eq!(operations(&document), 3);
        let sliced = slice(&document, 2).unwrap();
        assert_eq!(operations(&sliced), 2);
        assert!(sliced.pointer("/paths/~1b").is_none());
        let schemas = sliced["components"]["schemas"].as_object().unwrap();
        let mut names: Vec<&str> = schemas.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            ["A", "B", "Id"],
            "the closure, cycles included, nothing else"
        );
        assert!(
            sliced
                .pointer("/components/securitySchemes/basic")
                .is_some()
        );
        let sliced = slice(&document, 1).unwrap();
        assert!(sliced.pointer("/paths/~1a/post").is_none());
        assert!(sliced.pointer("/paths/~1a/parameters").is_some());

        let external = json!({"paths": {"/a": {"get": {"$ref": "other.yaml#/x"}}}});
        assert!(slice(&external, 1).unwrap_err().contains("another file"));
    }
}
