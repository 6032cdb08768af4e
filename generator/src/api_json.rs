//! `api.json`: the IR of a generation, kept beside the crate it generated, so that a drift
//! check can say what changed in the API ([`crate::diff`]), not only in the code.
//!
//! JSON has no comments, so the `@generated` marker that [`crate::output`] looks for on a
//! file's first line is the first member of the object, on the opening line:
//!
//! ```json
//! {"@generated": "by `cargo xtask codegen`; do not edit by hand. The IR of the inputs.",
//!   "servers": [
//! ```
//!
//! The rest is the IR pretty-printed; it is as deterministic as the IR (operations and named
//! types sorted by Rust name, fields in documented order).

use crate::ir::Api;
use crate::output::MARKER;

/// Where the file lives in the generated crate.
pub const PATH: &str = "api.json";

/// The file's text for `api`; `regenerate` is the command that writes it.
pub fn render(api: &Api, regenerate: &str) -> Result<String, String> {
    let body =
        serde_json::to_string_pretty(api).map_err(|err| format!("cannot print the IR: {err}"))?;
    let note = format!(
        "by `{regenerate}`; do not edit by hand. The IR the crate was generated from; --check compares the inputs' IR with it."
    );
    let first = format!("{{{}: {},", json_string(MARKER), json_string(&note));
    // Pretty-printed JSON of a struct starts with `{` and a newline.
    let rest = body.strip_prefix("{\n").unwrap_or(&body);
    Ok(format!("{first}\n{rest}\n"))
}

/// The IR in a file written by [`render`] (the marker member is ignored).
pub fn parse(text: &str) -> Result<Api, String> {
    let mut value: serde_json::Value =
        serde_json::from_str(text).map_err(|err| format!("it is not JSON: {err}"))?;
    if let Some(object) = value.as_object_mut() {
        object.remove(MARKER);
    }
    serde_json::from_value(value)
        .map_err(|err| format!("it does not hold an IR this generator reads: {err}"))
}

fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Auth, AuthScheme, Server};

    fn api() -> Api {
        Api {
            servers: vec![Server {
                url: "https://example.com".into(),
                description: String::new(),
                variables: Vec::new(),
            }],
            auth: vec![Auth {
                name: "Bearer".into(),
                scheme: AuthScheme::HttpBearer,
            }],
            operations: Vec::new(),
            types: Vec::new(),
            webhooks: Default::default(),
        }
    }

    #[test]
    fn the_marker_is_on_the_first_line_and_the_ir_reads_back() {
        let text = render(&api(), "cargo xtask codegen").unwrap();
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("{\"@generated\": \"by `cargo xtask codegen`"),
            "{first}"
        );
        assert!(text.contains("\n  \"servers\": [\n"), "{text}");
        assert!(text.ends_with("}\n"), "{text}");
        assert_eq!(parse(&text).unwrap(), api());
    }

    #[test]
    fn text_that_is_not_an_ir_is_an_error_not_a_panic() {
        assert!(parse("{").unwrap_err().starts_with("it is not JSON"));
        assert!(
            parse("{\"servers\": 1}")
                .unwrap_err()
                .starts_with("it does not hold an IR")
        );
    }
}
