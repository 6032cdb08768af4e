//! OpenAPI 3.1 documents read as 3.0 ones: the generic tree of a 3.1 document is rewritten into
//! the 3.0 form of what it says, in front of `openapiv3`, so the rest of the frontend (and the
//! IR, plan and emitter after it) never learns which version a document was. Every node keeps
//! its place, so diagnostics still point into the document as written; what 3.0 cannot say is a
//! located warning with the nearest 3.0 reading, never a refusal.
//!
//! Here the document-level additions: `jsonSchemaDialect`, path items by `$ref` (to
//! `components/pathItems`), operations without `responses`, `webhooks` (their payload schemas,
//! for [`Webhooks`], and a `WebhookEvent` union of them). `defs.rs` hoists `$defs` into
//! `components/schemas`; `schema.rs` rewrites JSON Schema 2020-12 keywords in every schema.

mod defs;
mod schema;
mod values;

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::lenient::walked;
use super::pointer::{self, Pointer, unescape};
use crate::diag::Diagnostic;

/// The dialect OpenAPI 3.1 means when a document names none.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// HTTP methods of a path item.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Path items by `$ref` nested deeper than this are a cycle.
const MAX_REF_CHAIN: usize = 16;

/// The webhooks of a 3.1 document: for each, the component schemas its payloads name (inline
/// payload schemas are made components first), so their types are generated.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Webhooks {
    /// In document order.
    pub payloads: Vec<Payload>,
    /// The component made for all of them, when each payload names its event in one member
    /// (OpenAI's `type: batch.cancelled`): a union told apart by that member.
    pub event: Option<String>,
}

/// One webhook's payload: a request body the API sends.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Payload {
    /// The webhook's key under `webhooks`.
    pub name: String,
    /// The HTTP method, lower case as documented.
    pub method: &'static str,
    /// The operation's description, else its summary, else the request body's.
    pub description: String,
    pub content_type: String,
    /// The component schema key.
    pub key: String,
}

/// Rewrites the 3.1 document `value` into its 3.0 reading, with a warning for each thing 3.0
/// cannot say. Returns the webhooks' payload schemas.
pub(super) fn normalise(
    file: &str,
    text: &str,
    value: &mut Value,
    diagnostics: &mut Vec<Diagnostic>,
) -> Webhooks {
    let mut n = Normaliser {
        file,
        text,
        diagnostics,
        old_keywords: BTreeMap::new(),
    };
    n.document(value);
    let webhooks = n.webhooks(value);
    defs::hoist(value);
    n.schemas(value);
    n.flush_old_keywords();
    webhooks
}

pub(super) struct Normaliser<'a> {
    file: &'a str,
    text: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// OpenAPI 3.0 keywords met in the 3.1 document: how often, and where first.
    old_keywords: BTreeMap<&'static str, (usize, Pointer)>,
}

impl Normaliser<'_> {
    pub fn warn(&mut self, at: &Pointer, message: String, help: &str) {
        let span = pointer::locate(self.text, at.as_str());
        let mut diagnostic =
            Diagnostic::warning(self.file, span, message).with_pointer(at.as_str());
        if !help.is_empty() {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }

    /// A 3.0 keyword in the 3.1 document: read as 3.0 reads it, one warning per keyword.
    pub fn old_keyword(&mut self, keyword: &'static str, at: &Pointer) {
        self.old_keywords
            .entry(keyword)
            .or_insert((0, at.clone()))
            .0 += 1;
    }

    fn flush_old_keywords(&mut self) {
        for (keyword, (count, at)) in std::mem::take(&mut self.old_keywords) {
            let times = if count == 1 {
                "once".to_owned()
            } else {
                format!("{count} times")
            };
            self.warn(
                &at,
                format!(
                    "`{keyword}` is an OpenAPI 3.0 keyword in this 3.1 document ({times}, first here); \
                     it is read as 3.0 reads it"
                ),
                match keyword {
                    "nullable" => "in 3.1, a schema that may be null says so in its type: \
                                   `type: [string, \"null\"]`",
                    _ => "in 3.1, `exclusiveMinimum` and `exclusiveMaximum` are the bounds \
                          themselves: `exclusiveMinimum: 0`",
                },
            );
        }
    }

    /// The document-level 3.1 additions.
    fn document(&mut self, value: &mut Value) {
        let Value::Mapping(root) = value else { return };
        if let Some(dialect) = root.remove("jsonSchemaDialect") {
            let named = dialect.as_str().unwrap_or_default();
            if named != DEFAULT_DIALECT {
                self.warn(
                    &Pointer::root().key("jsonSchemaDialect"),
                    format!(
                        "`jsonSchemaDialect: {named}` is not OpenAPI's default dialect; its \
                         schemas are read as the default dialect's"
                    ),
                    "only JSON Schema 2020-12 as OpenAPI 3.1 uses it is read",
                );
            }
        }
        // 3.1 makes `paths` optional (a document of webhooks only).
        if !root.contains_key("paths") {
            root.insert("paths".into(), Value::Mapping(Mapping::new()));
        }
        let path_items = root
            .get("components")
            .and_then(|c| c.get("pathItems"))
            .cloned();
        for section in ["paths", "webhooks"] {
            let at = Pointer::root().key(section);
            if let Some(Value::Mapping(items)) = root.get_mut(section) {
                for (key, item) in items.iter_mut() {
                    let Some(key) = key.as_str() else { continue };
                    let item_at = at.key(key);
                    self.inline_path_item(item, path_items.as_ref(), &item_at);
                    self.path_item(item, &item_at);
                }
            }
        }
        if let Some(Value::Mapping(components)) = root.get_mut("components") {
            let at = Pointer::root().key("components");
            if let Some(Value::Mapping(items)) = components.get_mut("pathItems") {
                for (key, item) in items.iter_mut() {
                    if let Some(key) = key.as_str() {
                        self.path_item(item, &at.key("pathItems").key(key));
                    }
                }
            }
            if let Some(Value::Mapping(callbacks)) = components.get_mut("callbacks") {
                for (key, callback) in callbacks.iter_mut() {
                    if let Some(key) = key.as_str() {
                        self.callback(callback, &at.key("callbacks").key(key));
                    }
                }
            }
        }
    }

    /// A path item that is a `$ref` to `components/pathItems` becomes a copy of its target
    /// (its own `summary` and `description` kept).
    fn inline_path_item(&mut self, item: &mut Value, path_items: Option<&Value>, at: &Pointer) {
        for _ in 0..MAX_REF_CHAIN {
            let Some(reference) = item.get("$ref").and_then(Value::as_str).map(str::to_owned)
            else {
                return;
            };
            let target = reference
                .strip_prefix("#/components/pathItems/")
                .and_then(|key| path_items?.get(unescape(key).as_ref()));
            let Some(Value::Mapping(target)) = target else {
                // Left for the frontend to report, as in 3.0.
                return;
            };
            let Value::Mapping(own) = item else { return };
            own.remove("$ref");
            let mut merged = target.clone();
            for (key, v) in std::mem::take(own) {
                merged.insert(key, v);
            }
            *item = Value::Mapping(merged);
        }
        self.warn(
            at,
            "path items by `$ref` nest too deep (a cycle?); the path item is left out".into(),
            "",
        );
        *item = Value::Mapping(Mapping::new());
    }

    /// Operations without `responses` (3.1 allows it) are read as documenting none.
    fn path_item(&mut self, item: &mut Value, at: &Pointer) {
        let Value::Mapping(item) = item else { return };
        for method in METHODS {
            let Some(Value::Mapping(op)) = item.get_mut(*method) else {
                continue;
            };
            if !op.contains_key("responses") {
                op.insert("responses".into(), Value::Mapping(Mapping::new()));
            }
            if let Some(Value::Mapping(callbacks)) = op.get_mut("callbacks") {
                for (key, callback) in callbacks.iter_mut() {
                    if let Some(key) = key.as_str() {
                        let at = at.key(method).key("callbacks").key(key);
                        self.callback(callback, &at);
                    }
                }
            }
        }
    }

    fn callback(&mut self, callback: &mut Value, at: &Pointer) {
        if let Value::Mapping(items) = callback {
            for (key, item) in items.iter_mut() {
                if let Some(key) = key.as_str() {
                    self.path_item(item, &at.key(key));
                }
            }
        }
    }

    /// The component schemas webhook payloads name; an inline payload schema becomes the
    /// component `Webhook<Name>Payload` first (numbered when taken).
    fn webhooks(&mut self, value: &mut Value) -> Webhooks {
        let mut found = Webhooks::default();
        let Value::Mapping(root) = value else {
            return found;
        };
        let Some(Value::Mapping(mut hooks)) = root.remove("webhooks") else {
            return found;
        };
        let mut hoisted = Vec::new();
        let mut taken = schema::schema_keys(root);
        for (name, item) in hooks.iter_mut() {
            let Some(name) = name.as_str() else { continue };
            let Value::Mapping(item) = item else { continue };
            for method in METHODS {
                let text = |node: Option<&Value>, key: &str| {
                    node.and_then(|n| n.get(key))
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                };
                let op = item.get(*method);
                let body = op.and_then(|op| op.get("requestBody"));
                let description = text(op, "description")
                    .or_else(|| text(op, "summary"))
                    .or_else(|| text(body, "description"))
                    .unwrap_or_default();
                let Some(content) = item
                    .get_mut(*method)
                    .and_then(|op| op.get_mut("requestBody"))
                    .and_then(|body| body.get_mut("content"))
                    .and_then(Value::as_mapping_mut)
                else {
                    continue;
                };
                for (media_type, media) in content.iter_mut() {
                    let Some(media_type) = media_type.as_str() else {
                        continue;
                    };
                    let Some(schema) = media.get_mut("schema") else {
                        continue;
                    };
                    let key = match schema.get("$ref").and_then(Value::as_str) {
                        Some(reference) => match reference.strip_prefix("#/components/schemas/") {
                            Some(key) => unescape(key).into_owned(),
                            None => continue,
                        },
                        None => {
                            let key = schema::free_key(
                                &mut taken,
                                &format!("Webhook{}Payload", crate::names::camel(name)),
                            );
                            let inline = std::mem::replace(
                                schema,
                                Value::Mapping(Mapping::from_iter([(
                                    "$ref".into(),
                                    format!("#/components/schemas/{}", pointer::escape(&key))
                                        .into(),
                                )])),
                            );
                            hoisted.push((key.clone(), inline));
                            key
                        }
                    };
                    found.payloads.push(Payload {
                        name: name.to_owned(),
                        method,
                        description: description.clone(),
                        content_type: media_type.to_owned(),
                        key,
                    });
                }
            }
        }
        if !hoisted.is_empty() {
            let schemas = schema::schemas_mut(root);
            for (key, inline) in hoisted {
                schemas.insert(key.into(), inline);
            }
        }
        found.event = event_union(root, &found.payloads, &mut taken);
        // Kept where it was for anyone reading the tree; `openapiv3` does not read it.
        root.insert("webhooks".into(), Value::Mapping(hooks));
        found
    }

    /// Every schema of the document (`schema.rs`), found where 3.0 has them.
    fn schemas(&mut self, value: &mut Value) {
        self.node(value, &Pointer::root());
    }

    /// Walks non-schema nodes to the schemas in them. Examples and extensions are data.
    fn node(&mut self, value: &mut Value, at: &Pointer) {
        match value {
            Value::Mapping(map) => {
                for (key, child) in walked(map) {
                    let at = at.key(key);
                    match key {
                        "schema" => self.schema(child, &at),
                        "schemas" => {
                            if let Value::Mapping(schemas) = child {
                                for (name, schema) in schemas.iter_mut() {
                                    if let Some(name) = name.as_str() {
                                        self.schema(schema, &at.key(name));
                                    }
                                }
                            }
                        }
                        _ => self.node(child, &at),
                    }
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.node(item, &at.index(i));
                }
            }
            _ => {}
        }
    }
}

/// `WebhookEvent`: a `oneOf` of the webhooks' JSON payloads with a `discriminator`, when two or
/// more payloads each allow one value of a member they all have (`type: {enum:
/// [batch.cancelled]}`, or `const`), distinct from one another; `None` otherwise.
fn event_union(
    root: &mut Mapping,
    payloads: &[Payload],
    taken: &mut std::collections::BTreeSet<String>,
) -> Option<String> {
    let mut keys: Vec<&str> = Vec::new();
    // A JSON union of the JSON payloads: a form or text payload is not one of its variants.
    let json = payloads
        .iter()
        .filter(|p| crate::media::is_json(&p.content_type));
    for Payload { key, .. } in json {
        if !keys.contains(&key.as_str()) {
            keys.push(key);
        }
    }
    if keys.len() < 2 {
        return None;
    }
    let schemas = root.get("components")?.get("schemas")?;
    let properties = |key: &str| schemas.get(key)?.get("properties")?.as_mapping();
    let single = |schema: &Value| -> Option<String> {
        let value = match (schema.get("const"), schema.get("enum")) {
            (Some(value), _) => value,
            (None, Some(Value::Sequence(values))) if values.len() == 1 => &values[0],
            _ => return None,
        };
        value.as_str().map(str::to_owned)
    };
    let candidates = properties(keys[0])?.keys().filter_map(Value::as_str);
    let (member, values) = candidates
        .map(|member| {
            let values: Option<Vec<String>> = keys
                .iter()
                .map(|key| single(properties(key)?.get(member)?))
                .collect();
            (member, values)
        })
        .find_map(|(member, values)| {
            let values = values?;
            let distinct: std::collections::BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| (member.to_owned(), values))
        })?;
    let reference = |key: &str| format!("#/components/schemas/{}", pointer::escape(key));
    let members = keys
        .iter()
        .map(|key| Value::Mapping(Mapping::from_iter([("$ref".into(), reference(key).into())])))
        .collect();
    let mapping = keys
        .iter()
        .zip(values)
        .map(|(key, value)| (Value::from(value), Value::from(reference(key))))
        .collect();
    let discriminator = Mapping::from_iter([
        ("propertyName".into(), Value::from(member.as_str())),
        ("mapping".into(), Value::Mapping(mapping)),
    ]);
    let union = Mapping::from_iter([
        (
            "description".into(),
            Value::from(format!(
                "Any of the API's webhook payloads, told apart by `{member}`."
            )),
        ),
        ("oneOf".into(), Value::Sequence(members)),
        ("discriminator".into(), Value::Mapping(discriminator)),
    ]);
    let key = schema::free_key(taken, "WebhookEvent");
    schema::schemas_mut(root).insert(key.clone().into(), Value::Mapping(union));
    Some(key)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::super::context::Ctx;
    use super::super::{lenient, load};
    use super::*;

    /// Reads `text` on the slow path (the only one a 3.1 document takes), timing each phase;
    /// the number of operations.
    fn phases(file: &'static str, text: &str, out: &mut Vec<(String, Duration)>) -> usize {
        let mut diagnostics = Vec::new();
        let mut timed = |name: &str, took: Duration| out.push((format!("{file}: {name}"), took));
        let start = Instant::now();
        let mut value = load::value(file, text, &mut diagnostics).unwrap();
        timed("text to tree", start.elapsed());
        let start = Instant::now();
        let version = load::check_version(file, text, &value, &mut diagnostics).unwrap();
        let webhooks = if version == load::Version::V31 {
            normalise(file, text, &mut value, &mut diagnostics)
        } else {
            Webhooks::default()
        };
        timed("3.1 to 3.0 (v31::normalise)", start.elapsed());
        let start = Instant::now();
        lenient::repair(file, text, &mut value, &mut diagnostics);
        timed("lenient::repair", start.elapsed());
        let start = Instant::now();
        let document = load::document(file, text, &value, &mut diagnostics).unwrap();
        timed("tree to openapiv3", start.elapsed());
        let start = Instant::now();
        let mut ctx = Ctx::new(file, text, &document);
        let operations = ctx.operations();
        ctx.webhook_payloads(&webhooks);
        ctx.named_types();
        timed("openapiv3 to IR", start.elapsed());
        operations.len()
    }

    /// Where the time of reading OpenAI's 3.1 document goes, beside its 3.0 document (which
    /// takes the same slow path: its integer bounds beyond 64 bits need `lenient`): figures
    /// printed, nothing asserted about them (`cargo test -p generator --lib parse_time --
    /// --nocapture`; a debug build, dependencies unoptimised).
    #[test]
    fn parse_time_of_openais_31_document_by_phase() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let (Ok(v31), Ok(v30)) = (
            std::fs::read_to_string(corpus.join("openapi31/openai.yaml")),
            std::fs::read_to_string(corpus.join("realworld/openai-3.0.yaml")),
        ) else {
            eprintln!("skipped: ../shared/corpus is absent");
            return;
        };
        let mut out = Vec::new();
        assert_eq!(phases("openai.yaml (3.1)", &v31, &mut out), 288);
        assert_eq!(phases("openai-3.0.yaml", &v30, &mut out), 148);
        eprintln!("{} and {} bytes, by phase:", v31.len(), v30.len());
        for (name, took) in out {
            eprintln!("  {name:<50} {:>8.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
}
