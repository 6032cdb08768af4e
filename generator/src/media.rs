//! Media types as the generator reads them, decided in one place: which are JSON, forms,
//! multipart, text or event streams, and what is left (bytes). The OpenAPI frontend picks the
//! body it generates for by it, and the plan picks encoders and decoders by it.

/// What a media type is to the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Media {
    /// `application/json`, `application/problem+json`, `application/vnd.github+json`,
    /// `application/x-amz-json-1.1`, ...: one JSON document.
    Json,
    Form,
    Multipart,
    /// `text/event-stream`: Server-Sent Events.
    EventStream,
    /// Any other `text/*`.
    Text,
    /// Anything else (`application/octet-stream`, `image/png`, `*/*`, JSON Lines): bytes.
    Bytes,
}

/// The media type without its parameters, in lower case (`application/json`).
pub fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// What `content_type` is. JSON is any media type that names `json` except the formats of
/// several JSON texts in a row (`application/x-ndjson`, `application/jsonl`,
/// `application/json-seq`), which are not one document.
pub fn kind(content_type: &str) -> Media {
    const SEVERAL: &[&str] = &["ndjson", "jsonl", "json-seq", "jsonlines"];
    let essence = essence(content_type);
    match essence.as_str() {
        "application/x-www-form-urlencoded" => Media::Form,
        "multipart/form-data" => Media::Multipart,
        "text/event-stream" => Media::EventStream,
        json if json.contains("json") && !SEVERAL.iter().any(|s| json.contains(s)) => Media::Json,
        text if text.starts_with("text/") => Media::Text,
        _ => Media::Bytes,
    }
}

/// Is `content_type` one JSON document?
pub fn is_json(content_type: &str) -> bool {
    kind(content_type) == Media::Json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_media_type_is_what_its_essence_says() {
        for (content_type, media) in [
            ("application/json", Media::Json),
            ("Application/JSON; charset=utf-8", Media::Json),
            ("application/vnd.github+json", Media::Json),
            ("application/problem+json", Media::Json),
            ("application/json-patch+json", Media::Json),
            ("application/x-amz-json-1.1", Media::Json),
            ("application/x-ndjson", Media::Bytes),
            ("application/jsonl", Media::Bytes),
            ("application/x-www-form-urlencoded", Media::Form),
            ("multipart/form-data; boundary=x", Media::Multipart),
            ("text/event-stream", Media::EventStream),
            ("text/plain", Media::Text),
            ("text/x-markdown", Media::Text),
            ("application/octet-stream", Media::Bytes),
            ("image/png", Media::Bytes),
            ("*/*", Media::Bytes),
        ] {
            assert_eq!(kind(content_type), media, "{content_type}");
        }
    }
}
