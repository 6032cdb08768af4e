//! OpenAPI 3.0 and 3.1 documents (YAML or JSON, told apart by content) into the same IR as the
//! reference pages.
//!
//! - `load`: text to a typed document (syntax, version, `openapiv3`); `split` reads a large
//!   valid YAML document on every core; `shape` says which nodes of a document that does not
//!   deserialize are to blame; `v31` rewrites a 3.1 document's tree into 3.0 first (JSON
//!   Schema 2020-12, `webhooks`, path items by `$ref`), `webhooks` reads the payload types.
//! - `operation`: paths and operations; `params` and `responses` their parts; `security` the
//!   security schemes.
//! - `schema`: schemas to IR types (`view` flattens `openapiv3`'s schema variants first);
//!   `compose`: `allOf`, `oneOf`, `anyOf`; `named`: component schemas as named types.
//! - `refs`: `$ref` resolution and cycles; `pointer`: JSON pointers for diagnostics;
//!   `context`: the state of one run.
//!
//! Only this module knows `openapiv3` and `serde_yaml`.

/// In the warning about a union that stays `serde_json::Value` (one of its variants accepts
/// values of several JSON kinds): what `cargo xtask corpus` counts untyped unions by.
pub const UNTYPED_UNION: &str = "has no single JSON kind";

mod bundle;
mod compose;
mod context;
mod lenient;
mod load;
mod named;
mod operation;
mod params;
mod pointer;
mod refs;
mod responses;
mod schema;
mod security;
mod shape;
mod split;
mod union;
mod v31;
mod view;
mod webhooks;

use context::Ctx;

use crate::diag::Diagnostic;
use crate::ir::{NamedType, Operation, Webhooks};

/// Top-level keys that mark a YAML document as OpenAPI (or Swagger, to be told it is not 3.0).
const VERSION_KEYS: &[&str] = &["openapi", "swagger"];

/// Is this text an OpenAPI (or Swagger) document rather than a reference page? JSON always is
/// (a page cannot start with `{`); YAML when a top-level line sets `openapi` or `swagger`.
pub fn is_openapi(text: &str) -> bool {
    load::is_json(text) || text.lines().any(sets_version)
}

/// `openapi: ...`, `"openapi": ...` or `'swagger': ...` at the start of a line.
fn sets_version(line: &str) -> bool {
    let unquoted = line.strip_prefix(['"', '\'']).unwrap_or(line);
    VERSION_KEYS.iter().any(|key| {
        unquoted.strip_prefix(key).is_some_and(|rest| {
            let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
            rest.trim_start().starts_with(':')
        })
    })
}

/// What one document holds for the IR.
#[derive(Debug)]
pub struct Document {
    /// In document order.
    pub operations: Vec<Operation>,
    /// The component schemas the operations and webhooks use.
    pub types: Vec<NamedType>,
    pub webhooks: Webhooks,
}

/// Reads one document into its operations (in document order), its webhooks and the
/// component schemas they use. Errors and warnings go to `diagnostics`; `None` when there was
/// an error.
pub fn parse(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let mut found = Vec::new();
    let parsed = read(file, text, &mut found);
    let failed = found.iter().any(Diagnostic::is_error);
    diagnostics.append(&mut found);
    parsed.filter(|_| !failed)
}

fn read(file: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Document> {
    let external = bundle::has_external_refs(text);
    let mut webhooks = v31::Webhooks::default();
    let direct = if external {
        None
    } else {
        load::document_directly(text)
    };
    let document = match direct {
        Some(document) => document,
        // The slow path: through a generic tree, to bring in other files and to say where and
        // why the document is wrong.
        None => {
            let mut value = load::value(file, text, diagnostics)?;
            let version = load::check_version(file, text, &value, diagnostics)?;
            if external {
                bundle::bundle(file, text, &mut value, diagnostics)?;
            }
            if version == load::Version::V31 {
                webhooks = v31::normalise(file, text, &mut value, diagnostics);
            }
            lenient::repair(file, text, &mut value, diagnostics);
            load::document(file, text, &value, diagnostics)?
        }
    };
    let mut ctx = Ctx::new(file, text, &document);
    let operations = ctx.operations();
    let webhooks = ctx.webhook_payloads(&webhooks);
    let types = ctx.named_types();
    diagnostics.append(&mut ctx.diagnostics);
    Some(Document {
        operations,
        types,
        webhooks,
    })
}
