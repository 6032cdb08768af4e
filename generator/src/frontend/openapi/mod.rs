//! OpenAPI 3.0 documents (YAML or JSON). Placeholder until the frontend lands.

use crate::diag::Diagnostic;
use crate::ir::{NamedType, Operation};

/// Is this text an OpenAPI (or Swagger) document rather than a reference page?
pub fn is_openapi(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with('{')
        || text.lines().any(|line| {
            line.starts_with("openapi:")
                || line.starts_with("swagger:")
                || line.starts_with("\"openapi\"")
        })
}

pub fn parse(
    file: &str,
    _text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Vec<Operation>, Vec<NamedType>)> {
    diagnostics.push(Diagnostic::error(
        file,
        None,
        "OpenAPI documents are not supported yet",
    ));
    None
}
