//! The document as text: YAML (with a first line naming the command that wrote it) or JSON,
//! keys in the order the document was built in.

use openapiv3::OpenAPI;
use serde_yaml::Value;

/// The text format of the exported file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
}

impl Format {
    /// `.yaml` and `.yml` are YAML, `.json` is JSON; any other name is neither.
    pub fn of(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The text of `document`. `header` (the command that regenerates it) is the YAML file's
/// first line, a comment; JSON has no comments.
pub fn render(document: &OpenAPI, format: Format, header: &str) -> Result<String, String> {
    // Through `serde_yaml`'s value, which keeps the order of keys (`serde_json`'s sorts them).
    let mut value = serde_yaml::to_value(document).map_err(|e| e.to_string())?;
    drop_nulls(&mut value);
    match format {
        Format::Yaml => {
            let text = serde_yaml::to_string(&value).map_err(|e| e.to_string())?;
            Ok(format!("# {header}\n{text}"))
        }
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
            text.push('\n');
            Ok(text)
        }
    }
}

/// `openapiv3` writes two absent optional strings as `null`, which OpenAPI does not allow: a
/// server variable's `description` and an `encoding` entry's `contentType`. They are left out
/// where they stand, and nowhere else (an example's nulls are its own).
fn drop_nulls(document: &mut Value) {
    drop_in_servers(document);
    let paths = document.get_mut("paths").and_then(Value::as_mapping_mut);
    for item in paths.into_iter().flat_map(|p| p.values_mut()) {
        drop_in_servers(item);
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        for operation in item.values_mut() {
            drop_in_servers(operation);
            let content = operation
                .get_mut("requestBody")
                .and_then(|body| body.get_mut("content"))
                .and_then(Value::as_mapping_mut);
            for media in content.into_iter().flat_map(|c| c.values_mut()) {
                let encoding = media.get_mut("encoding").and_then(Value::as_mapping_mut);
                for entry in encoding.into_iter().flat_map(|e| e.values_mut()) {
                    drop_null(entry, "contentType");
                }
            }
        }
    }
}

/// In the `servers` of a document, path item or operation.
fn drop_in_servers(node: &mut Value) {
    let servers = node.get_mut("servers").and_then(Value::as_sequence_mut);
    for server in servers.into_iter().flatten() {
        let variables = server.get_mut("variables").and_then(Value::as_mapping_mut);
        for variable in variables.into_iter().flat_map(|v| v.values_mut()) {
            drop_null(variable, "description");
        }
    }
}

fn drop_null(node: &mut Value, key: &str) {
    if let Some(map) = node.as_mapping_mut() {
        if map.get(key).is_some_and(Value::is_null) {
            map.remove(key);
        }
    }
}
