//! `$defs` (schemas defined inside a schema, JSON Schema 2020-12's place for them) become
//! components of their own, so a `$ref` into them (`#/components/schemas/Thing/$defs/Point`)
//! is a named type like any other.

use serde_yaml::Value;

use super::schema::{free_key, schema_keys, schemas_mut};
use crate::frontend::openapi::lenient::{holds_data, walked};
use crate::frontend::openapi::pointer::{Pointer, escape};

/// `$defs` anywhere become components of their own (named after their key, numbered when
/// taken), and every `$ref` into them is rewritten to name the component.
pub(super) fn hoist(value: &mut Value) {
    let mut found = Vec::new();
    collect_defs(value, &Pointer::root(), &mut found);
    if found.is_empty() {
        return;
    }
    let Value::Mapping(root) = value else { return };
    let mut taken = schema_keys(root);
    let mut renamed = Vec::new();
    let mut hoisted = Vec::new();
    for (name, at, schema) in found {
        let key = free_key(&mut taken, &name);
        let target = format!("#/components/schemas/{}", escape(&key));
        renamed.push((at.as_str().to_owned(), target));
        hoisted.push((key, schema));
    }
    let schemas = schemas_mut(root);
    for (key, schema) in hoisted {
        schemas.insert(key.into(), schema);
    }
    // Longest first: a `$defs` inside a `$defs` entry is matched before its parent.
    renamed.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    rewrite_refs(value, &renamed);
}

fn collect_defs(value: &mut Value, at: &Pointer, found: &mut Vec<(String, Pointer, Value)>) {
    match value {
        Value::Mapping(map) => {
            if let Some(Value::Mapping(defs)) = map.remove("$defs") {
                for (name, mut schema) in defs {
                    let Some(name) = name.as_str().map(str::to_owned) else {
                        continue;
                    };
                    let def_at = at.key("$defs").key(&name);
                    collect_defs(&mut schema, &def_at, found);
                    found.push((name, def_at, schema));
                }
            }
            for (key, child) in walked(map) {
                collect_defs(child, &at.key(key), found);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                collect_defs(item, &at.index(i), found);
            }
        }
        _ => {}
    }
}

fn rewrite_refs(value: &mut Value, renamed: &[(String, String)]) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref"
                    && let Value::String(reference) = child
                {
                    for (from, to) in renamed {
                        if let Some(rest) = reference.strip_prefix(from.as_str())
                            && (rest.is_empty() || rest.starts_with('/'))
                        {
                            *reference = format!("{to}{rest}");
                            break;
                        }
                    }
                } else if !holds_data(key) {
                    rewrite_refs(child, renamed);
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|i| rewrite_refs(i, renamed)),
        _ => {}
    }
}
