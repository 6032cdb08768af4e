//! Documents in several files: every `$ref` to another file (`common.yaml#/components/schemas/
//! Error`, `./schemas/pet.yaml`) is read relative to the file that holds it and brought into
//! this document, so the rest of the frontend sees one self-contained document. A schema
//! becomes a component of its own (a named type, and recursion stays a reference); anything
//! else (a parameter, a response) is copied in place of its `$ref`.
//!
//! Only runs when the text names another file; errors point at the `$ref` that could not be
//! followed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::lenient::{Lenient, holds_data};
use super::pointer::{self, Pointer, unescape};
use crate::diag::Diagnostic;

/// Copies of copies of ...: deeper than this is a cycle of non-schema references.
const MAX_COPY_DEPTH: usize = 32;

/// Whether some `$ref` in the text names another file (a value that does not start with `#`).
pub(super) fn has_external_refs(text: &str) -> bool {
    text.match_indices("$ref").any(|(i, _)| {
        let rest = text[i + 4..].trim_start_matches(['"', '\'']).trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            return false;
        };
        let mut value = rest.trim_start();
        // A block scalar (`$ref: >-`, Stripe's form for long references) holds its value on
        // the next line.
        if value.starts_with(['>', '|']) {
            let (indicator, next) = value.split_once('\n').unwrap_or((value, ""));
            if indicator
                .trim_end()
                .chars()
                .skip(1)
                .all(|c| matches!(c, '-' | '+' | '0'..='9'))
            {
                value = next.trim_start();
            }
        }
        let value = value.trim_start_matches(['"', '\'']);
        !value.starts_with('#') && !value.is_empty()
    })
}

/// Brings every other file's node that `value` (the document `file`) refers to into it. A
/// `$ref` that cannot be followed is an error and leaves an empty schema in its place, so the
/// rest of the document is still checked (and nothing is written).
pub(super) fn bundle(
    file: &str,
    text: &str,
    value: &mut Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<()> {
    let root = PathBuf::from(file);
    let mut bundler = Bundler {
        file,
        text,
        root: root.clone(),
        files: HashMap::new(),
        placed: HashMap::new(),
        schemas: Vec::new(),
        taken: existing_schema_names(value),
        diagnostics,
    };
    bundler.walk(value, &root, &Pointer::root(), false, 0);
    let schemas = std::mem::take(&mut bundler.schemas);
    if !schemas.is_empty() {
        let components = mapping_entry(value, "components")?;
        let target = mapping_entry(components, "schemas")?;
        if let Value::Mapping(target) = target {
            for (name, schema) in schemas {
                target.insert(Value::String(name), schema);
            }
        }
    }
    Some(())
}

struct Bundler<'a> {
    file: &'a str,
    text: &'a str,
    root: PathBuf,
    /// Other files, read once.
    files: HashMap<PathBuf, Value>,
    /// Where each other file's schema went: (file, pointer) -> local `$ref`.
    placed: HashMap<(PathBuf, String), String>,
    /// The schemas brought in, in the order they were met.
    schemas: Vec<(String, Value)>,
    /// Schema names in use.
    taken: Vec<String>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Bundler<'_> {
    /// Rewrites the references in `value`, a node of the file `base`; `schema` says whether
    /// `value` sits where a schema goes.
    fn walk(&mut self, value: &mut Value, base: &Path, at: &Pointer, schema: bool, depth: usize) {
        match value {
            Value::Mapping(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if let Some(replacement) = self.follow(&reference, base, at, schema, depth) {
                        *value = replacement;
                    }
                    return;
                }
                for (key, child) in map.iter_mut() {
                    let Some(key) = key.as_str() else { continue };
                    if holds_data(key) {
                        continue;
                    }
                    let child_schema = matches!(
                        key,
                        "schema"
                            | "schemas"
                            | "items"
                            | "properties"
                            | "additionalProperties"
                            | "allOf"
                            | "anyOf"
                            | "oneOf"
                            | "not"
                    ) || (schema
                        && !matches!(key, "discriminator" | "xml" | "externalDocs"));
                    self.walk(child, base, &at.key(key), child_schema, depth);
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.walk(item, base, &at.index(i), schema, depth);
                }
            }
            _ => {}
        }
    }

    /// What replaces the mapping `{$ref: reference}`: a local `$ref` to the schema brought in,
    /// or a copy of the node; `None` to keep it (a local reference of the document itself).
    fn follow(
        &mut self,
        reference: &str,
        base: &Path,
        at: &Pointer,
        schema: bool,
        depth: usize,
    ) -> Option<Value> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if path.is_empty() && base == self.root {
            return None;
        }
        let target_file = if path.is_empty() {
            base.to_path_buf()
        } else {
            base.parent().unwrap_or(Path::new("")).join(path)
        };
        let fragment = fragment.to_owned();
        let is_schema =
            schema || fragment.contains("/schemas/") || fragment.contains("/definitions/");
        if is_schema {
            let key = (target_file.clone(), fragment.clone());
            if let Some(local) = self.placed.get(&key) {
                return Some(local_ref(local));
            }
            let name = self.claim(schema_name(&target_file, &fragment));
            let local = format!("#/components/schemas/{}", pointer::escape(&name));
            self.placed.insert(key, local.clone());
            let Some(mut node) = self.node(&target_file, &fragment, reference, at) else {
                return Some(Value::Mapping(Mapping::new()));
            };
            self.walk(&mut node, &target_file, at, true, depth);
            self.schemas.push((name, node));
            return Some(local_ref(&local));
        }
        if depth >= MAX_COPY_DEPTH {
            self.error(
                at,
                format!(
                    "`$ref: {reference}` leads to references deeper than {MAX_COPY_DEPTH}; a cycle?"
                ),
            );
            return Some(Value::Null);
        }
        let Some(mut node) = self.node(&target_file, &fragment, reference, at) else {
            return Some(Value::Mapping(Mapping::new()));
        };
        self.walk(&mut node, &target_file, at, false, depth + 1);
        Some(node)
    }

    /// The node `fragment` names in `file`, read once; an error (at the `$ref`) when the file
    /// cannot be read or the node is not there.
    fn node(
        &mut self,
        file: &Path,
        fragment: &str,
        reference: &str,
        at: &Pointer,
    ) -> Option<Value> {
        if !self.files.contains_key(file) {
            let read = std::fs::read_to_string(file)
                .map_err(|err| format!("cannot read {}: {err}", file.display()))
                .and_then(|text| {
                    serde_yaml::from_str::<Lenient>(&text)
                        .map(|Lenient(value)| value)
                        .map_err(|err| format!("{} is not YAML or JSON: {err}", file.display()))
                });
            match read {
                Ok(value) => {
                    self.files.insert(file.to_path_buf(), value);
                }
                Err(why) => {
                    self.error(at, format!("`$ref: {reference}` cannot be followed: {why}"));
                    return None;
                }
            }
        }
        let mut node = &self.files[file];
        for segment in fragment.split('/').filter(|s| !s.is_empty()) {
            let segment = unescape(segment);
            let next = match node {
                Value::Mapping(map) => map.get(segment.as_ref()),
                Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => {
                    let why = format!("{} has no node at `#{fragment}`", file.display());
                    self.error(at, format!("`$ref: {reference}` cannot be followed: {why}"));
                    return None;
                }
            }
        }
        Some(node.clone())
    }

    /// `name`, or `name2`, ... when the document already has a schema of that name.
    fn claim(&mut self, name: String) -> String {
        let mut candidate = name.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        self.taken.push(candidate.clone());
        candidate
    }

    fn error(&mut self, at: &Pointer, message: String) {
        let at = at.key("$ref");
        let span = pointer::locate(self.text, at.as_str());
        self.diagnostics.push(
            Diagnostic::error(self.file, span, message)
                .with_help("a `$ref` to another file is read relative to the file that holds it")
                .with_pointer(at.as_str()),
        );
    }
}

fn local_ref(reference: &str) -> Value {
    let mut map = Mapping::new();
    map.insert(Value::from("$ref"), Value::from(reference));
    Value::Mapping(map)
}

/// The name a schema from another file gets: its pointer's last segment, else the file's name
/// without its extension (`schemas/pet.yaml` -> `pet`).
fn schema_name(file: &Path, fragment: &str) -> String {
    let last = fragment.rsplit('/').find(|s| !s.is_empty());
    match last {
        Some(segment) => unescape(segment).into_owned(),
        None => file
            .file_stem()
            .map_or_else(|| "Schema".to_owned(), |s| s.to_string_lossy().into_owned()),
    }
}

fn existing_schema_names(value: &Value) -> Vec<String> {
    value
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_mapping)
        .map(|schemas| {
            schemas
                .keys()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The mapping under `key` of `value`, made when it is missing.
fn mapping_entry<'v>(value: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    let Value::Mapping(map) = value else {
        return None;
    };
    if !map.contains_key(key) {
        map.insert(Value::from(key), Value::Mapping(Mapping::new()));
    }
    map.get_mut(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_refs_are_told_from_local_ones() {
        assert!(has_external_refs("a:\n  $ref: './pet.yaml'\n"));
        assert!(has_external_refs(
            r#"{"$ref": "common.json#/components/schemas/E"}"#
        ));
        assert!(!has_external_refs(
            "a:\n  $ref: '#/components/schemas/Pet'\n"
        ));
        assert!(!has_external_refs(r##"{"$ref":"#/x"}"##));
        // Stripe writes long references as folded block scalars.
        assert!(!has_external_refs(
            "a:\n  $ref: >-\n    #/components/schemas/payment_method_details_card\n"
        ));
        assert!(has_external_refs("a:\n  $ref: |\n    ./pet.yaml\n"));
    }
}
