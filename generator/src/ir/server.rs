//! Where the API is served: server URLs as templates, their variables and defaults.

use serde::{Deserialize, Serialize};

use super::Name;

/// A base URL the API is served from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    /// As documented: variables stay in braces (`https://{region}.api.example.com/v1`).
    pub url: String,
    pub description: String,
    /// The variables the URL names, in the order it names them first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<ServerVariable>,
}

/// A `{name}` in a server URL, which the caller may set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerVariable {
    /// Wire: as in the braces (`region`); Rust: snake case (`region`).
    pub name: Name,
    /// The documented default; `None` when the URL names a variable the document does not
    /// declare (the caller must set it).
    pub default: Option<String>,
    /// The documented values (`enum`), in documented order; empty: any text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<Name>,
    /// Markdown; empty when undocumented.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

impl Server {
    /// The names in the URL's braces, each once, in order. An error gives the text of the URL
    /// from the first brace that does not enclose a name (`{}`, `{a`, `a}`).
    pub fn template_names(url: &str) -> Result<Vec<&str>, &str> {
        let mut names: Vec<&str> = Vec::new();
        for part in template_parts(url)? {
            if let TemplatePart::Variable(name) = part {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        Ok(names)
    }

    /// The URL with every variable at its documented default, in one pass (a default is not
    /// read for braces of its own); a variable without a default stays in braces.
    pub fn with_defaults(&self) -> String {
        let Ok(parts) = template_parts(&self.url) else {
            return self.url.clone();
        };
        let mut url = String::with_capacity(self.url.len());
        for part in parts {
            match part {
                TemplatePart::Literal(text) => url.push_str(text),
                TemplatePart::Variable(name) => {
                    let default = self
                        .variables
                        .iter()
                        .find(|v| v.name.wire == name)
                        .and_then(|v| v.default.as_deref());
                    match default {
                        Some(value) => url.push_str(value),
                        None => {
                            url.push('{');
                            url.push_str(name);
                            url.push('}');
                        }
                    }
                }
            }
        }
        url
    }
}

enum TemplatePart<'a> {
    Literal(&'a str),
    Variable(&'a str),
}

/// `https://{region}.example.com` into its literal text and variables.
fn template_parts(url: &str) -> Result<Vec<TemplatePart<'_>>, &str> {
    let mut parts = Vec::new();
    let mut rest = url;
    while let Some(at) = rest.find(['{', '}']) {
        let tail = &rest[at..];
        let name_len = tail
            .strip_prefix('{')
            .and_then(|t| t.find(['{', '}']).filter(|end| t[*end..].starts_with('}')))
            .filter(|len| *len > 0)
            .ok_or(tail)?;
        if at > 0 {
            parts.push(TemplatePart::Literal(&rest[..at]));
        }
        parts.push(TemplatePart::Variable(&tail[1..=name_len]));
        rest = &tail[name_len + 2..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_templates_name_their_variables_and_fill_in_defaults() {
        let url = "https://{region}.example.com:{port}/{region}/v1";
        assert_eq!(Server::template_names(url), Ok(vec!["region", "port"]));
        assert_eq!(Server::template_names("https://{}.x"), Err("{}.x"));
        assert_eq!(Server::template_names("https://{a.x"), Err("{a.x"));
        assert_eq!(Server::template_names("https://a}.x"), Err("}.x"));
        let variable = |name: &str, default: Option<&str>| ServerVariable {
            name: Name {
                wire: name.into(),
                rust: name.into(),
            },
            default: default.map(str::to_owned),
            values: Vec::new(),
            description: String::new(),
        };
        let server = Server {
            url: url.into(),
            description: String::new(),
            variables: vec![variable("region", Some("{port}")), variable("port", None)],
        };
        assert_eq!(
            server.with_defaults(),
            "https://{port}.example.com:{port}/{port}/v1",
            "one pass: a default's braces are its text"
        );
    }
}
