//! A larger document made from a real one: its paths repeated under `/copyN` prefixes, each
//! operation's `operationId` suffixed, the components shared. It shows whether the cost per
//! operation stays flat beyond the largest document at hand (GitHub's 623 operations).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Writes `document` (JSON) with its paths `times` times over into `dir`; the new path.
pub fn write(document: &Path, dir: &Path, times: usize) -> std::io::Result<PathBuf> {
    let text = std::fs::read_to_string(document)?;
    let mut value: Value = serde_json::from_str(&text).map_err(std::io::Error::other)?;
    repeat_paths(&mut value, times);
    let stem = document
        .file_stem()
        .map_or("document".into(), |s| s.to_string_lossy());
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{stem}_x{times}.json"));
    let text = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
    std::fs::write(&path, text)?;
    Ok(path)
}

/// Where [`write`] writes: `github.json` three times over is `DIR/github_x3.json`.
pub fn path(document: &Path, dir: &Path, times: usize) -> PathBuf {
    let stem = document
        .file_stem()
        .map_or("document".into(), |s| s.to_string_lossy());
    dir.join(format!("{stem}_x{times}.json"))
}

/// Adds `times - 1` copies of every path, as `/copy2/...`, `/copy3/...`.
fn repeat_paths(document: &mut Value, times: usize) {
    let Some(Value::Object(paths)) = document.get_mut("paths") else {
        return;
    };
    let originals: Vec<(String, Value)> =
        paths.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for copy in 2..=times {
        for (path, item) in &originals {
            let mut item = item.clone();
            suffix_operation_ids(&mut item, &format!("_copy{copy}"));
            paths.insert(format!("/copy{copy}{path}"), item);
        }
    }
}

fn suffix_operation_ids(path_item: &mut Value, suffix: &str) {
    let Value::Object(methods) = path_item else {
        return;
    };
    for operation in methods.values_mut() {
        if let Some(Value::String(id)) = operation.get_mut("operationId") {
            id.push_str(suffix);
        }
    }
}

/// Operations under `paths`, for the test.
#[cfg(test)]
fn operation_ids(document: &Value) -> Vec<String> {
    let empty = serde_json::Map::new();
    let paths = document["paths"].as_object().unwrap_or(&empty);
    let operations = paths
        .values()
        .filter_map(Value::as_object)
        .flat_map(serde_json::Map::values);
    operations
        .filter_map(|op| op.get("operationId")?.as_str().map(str::to_owned))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_repeated_with_their_ids_suffixed() {
        let mut document = serde_json::json!({
            "paths": {"/rooms": {"get": {"operationId": "list"}, "parameters": []}},
            "components": {"schemas": {}}
        });
        repeat_paths(&mut document, 3);
        let mut ids = operation_ids(&document);
        ids.sort();
        assert_eq!(ids, ["list", "list_copy2", "list_copy3"]);
        assert!(document["paths"]["/copy3/rooms"]["parameters"].is_array());
    }
}
