//! What one OpenAPI document gives the frontend's tests (`openapi.rs`, `openapi31.rs`):
//! operations, named types, diagnostics, and the text they point into.

use generator::diag::Diagnostic;
use generator::frontend::openapi;
use generator::ir::{Field, NamedType, Operation, Type, Webhooks};

pub struct Parsed {
    /// What the diagnostics point into (`openapi31.rs` renders their places).
    #[allow(dead_code)]
    pub text: String,
    pub operations: Vec<Operation>,
    pub types: Vec<NamedType>,
    /// Only `openapi31.rs` reads them.
    #[allow(dead_code)]
    pub webhooks: Webhooks,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn op(&self, wire: &str) -> &Operation {
        self.operations
            .iter()
            .find(|op| op.name.wire == wire)
            .unwrap_or_else(|| panic!("no operation {wire}"))
    }

    pub fn named(&self, rust: &str) -> &NamedType {
        self.types
            .iter()
            .find(|t| t.name.rust == rust)
            .unwrap_or_else(|| panic!("no named type {rust}"))
    }
}

/// The document read; a panic with its rendered errors when it does not read.
pub fn parse(file: &str, text: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    match openapi::parse(file, text, &mut diagnostics) {
        Some(document) => Parsed {
            text: text.to_owned(),
            operations: document.operations,
            types: document.types,
            webhooks: document.webhooks,
            diagnostics,
        },
        None => panic!(
            "{file} did not parse:\n{}",
            generator::diag::render_all(&diagnostics, |_| Some(text))
        ),
    }
}

pub fn fields(ty: &Type) -> &[Field] {
    match ty {
        Type::Object { fields, .. } => fields,
        other => panic!("not an object: {other:?}"),
    }
}
