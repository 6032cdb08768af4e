//! Where a document that does not deserialize goes wrong. Deserializing from a generic value
//! loses the place of the error, so the parts are deserialized one by one and the deepest parts
//! that fail are reported, each with its pointer. Only runs on documents that already failed.

use openapiv3::{
    Components, Example, Header, Info, MediaType, OpenAPI, Operation, Parameter, PathItem,
    ReferenceOr, RequestBody, Response, Responses, Schema, SecurityRequirement, SecurityScheme,
    Server, Tag,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::pointer::Pointer;

type Errors = Vec<(Pointer, String)>;

pub(super) fn errors(value: &Value) -> Errors {
    let mut errors = Vec::new();
    node::<OpenAPI>(value, &Pointer::root(), &mut errors, document);
    errors
}

/// Checks `value` as a `T`; when it fails, looks into its parts with `parts`, and reports this
/// node only if no part was to blame.
fn node<T: DeserializeOwned>(
    value: &Value,
    at: &Pointer,
    errors: &mut Errors,
    parts: fn(&Value, &Pointer, &mut Errors),
) {
    if let Err(err) = T::deserialize(value) {
        let before = errors.len();
        parts(value, at, errors);
        if errors.len() == before {
            errors.push((at.clone(), err.to_string()));
        }
    }
}

fn leaf(_: &Value, _: &Pointer, _: &mut Errors) {}

/// Each entry of the mapping under `key`.
fn entries<T: DeserializeOwned>(
    value: &Value,
    at: &Pointer,
    key: &str,
    errors: &mut Errors,
    parts: fn(&Value, &Pointer, &mut Errors),
) {
    if let Some(Value::Mapping(map)) = value.get(key) {
        let at = at.key(key);
        for (name, entry) in map {
            let name = match name {
                Value::String(s) => s.clone(),
                other => serde_yaml::to_string(other)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            };
            node::<T>(entry, &at.key(&name), errors, parts);
        }
    }
}

/// Each item of the sequence under `key`.
fn items<T: DeserializeOwned>(
    value: &Value,
    at: &Pointer,
    key: &str,
    errors: &mut Errors,
    parts: fn(&Value, &Pointer, &mut Errors),
) {
    if let Some(Value::Sequence(list)) = value.get(key) {
        let at = at.key(key);
        for (i, item) in list.iter().enumerate() {
            node::<T>(item, &at.index(i), errors, parts);
        }
    }
}

/// The single value under `key`.
fn one<T: DeserializeOwned>(
    value: &Value,
    at: &Pointer,
    key: &str,
    errors: &mut Errors,
    parts: fn(&Value, &Pointer, &mut Errors),
) {
    if let Some(child) = value.get(key) {
        node::<T>(child, &at.key(key), errors, parts);
    }
}

fn document(value: &Value, at: &Pointer, errors: &mut Errors) {
    one::<Info>(value, at, "info", errors, leaf);
    items::<Server>(value, at, "servers", errors, leaf);
    if let Some(Value::Mapping(paths)) = value.get("paths") {
        let at = at.key("paths");
        for (path, item) in paths {
            if let Value::String(path) = path {
                if path.starts_with('/') {
                    node::<ReferenceOr<PathItem>>(item, &at.key(path), errors, path_item);
                }
            }
        }
    }
    one::<Components>(value, at, "components", errors, components);
    items::<SecurityRequirement>(value, at, "security", errors, leaf);
    items::<Tag>(value, at, "tags", errors, leaf);
}

fn path_item(value: &Value, at: &Pointer, errors: &mut Errors) {
    for method in [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ] {
        one::<Operation>(value, at, method, errors, operation);
    }
    items::<ReferenceOr<Parameter>>(value, at, "parameters", errors, parameter);
    items::<Server>(value, at, "servers", errors, leaf);
}

fn operation(value: &Value, at: &Pointer, errors: &mut Errors) {
    items::<ReferenceOr<Parameter>>(value, at, "parameters", errors, parameter);
    one::<ReferenceOr<RequestBody>>(value, at, "requestBody", errors, content_of);
    one::<Responses>(value, at, "responses", errors, responses);
    items::<SecurityRequirement>(value, at, "security", errors, leaf);
    items::<Server>(value, at, "servers", errors, leaf);
}

fn responses(value: &Value, at: &Pointer, errors: &mut Errors) {
    if let Value::Mapping(map) = value {
        for (code, response) in map {
            let code = match code {
                Value::String(s) if s.starts_with("x-") => continue,
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            node::<ReferenceOr<Response>>(response, &at.key(&code), errors, response_parts);
        }
    }
}

fn response_parts(value: &Value, at: &Pointer, errors: &mut Errors) {
    entries::<ReferenceOr<Header>>(value, at, "headers", errors, parameter);
    content_of(value, at, errors);
}

/// Parameters and headers: a schema or a content map.
fn parameter(value: &Value, at: &Pointer, errors: &mut Errors) {
    one::<ReferenceOr<Schema>>(value, at, "schema", errors, schema);
    content_of(value, at, errors);
}

fn content_of(value: &Value, at: &Pointer, errors: &mut Errors) {
    entries::<MediaType>(value, at, "content", errors, media_type);
}

fn media_type(value: &Value, at: &Pointer, errors: &mut Errors) {
    one::<ReferenceOr<Schema>>(value, at, "schema", errors, schema);
    entries::<ReferenceOr<Example>>(value, at, "examples", errors, leaf);
}

fn schema(value: &Value, at: &Pointer, errors: &mut Errors) {
    entries::<ReferenceOr<Schema>>(value, at, "properties", errors, schema);
    one::<ReferenceOr<Schema>>(value, at, "items", errors, schema);
    if let Some(Value::Mapping(_)) = value.get("additionalProperties") {
        one::<ReferenceOr<Schema>>(value, at, "additionalProperties", errors, schema);
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        items::<ReferenceOr<Schema>>(value, at, key, errors, schema);
    }
    one::<ReferenceOr<Schema>>(value, at, "not", errors, schema);
}

fn components(value: &Value, at: &Pointer, errors: &mut Errors) {
    entries::<ReferenceOr<Schema>>(value, at, "schemas", errors, schema);
    entries::<ReferenceOr<Response>>(value, at, "responses", errors, response_parts);
    entries::<ReferenceOr<Parameter>>(value, at, "parameters", errors, parameter);
    entries::<ReferenceOr<Example>>(value, at, "examples", errors, leaf);
    entries::<ReferenceOr<RequestBody>>(value, at, "requestBodies", errors, content_of);
    entries::<ReferenceOr<Header>>(value, at, "headers", errors, parameter);
    entries::<ReferenceOr<SecurityScheme>>(value, at, "securitySchemes", errors, leaf);
}
