//! The data of the tests a crate is generated with: example round trips (`tests/examples.rs`)
//! and conformance requests (`tests/conformance.rs`). Built by `examples.rs` and
//! `conformance.rs`.

use serde::{Deserialize, Serialize};

/// One test of `tests/examples.rs`: a documented example decodes into its type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleTest {
    pub name: String,
    /// The item the example decodes into, and its module (`None`: the `types` module).
    pub type_name: String,
    pub module: Option<String>,
    pub cfg: Vec<String>,
    /// Pretty-printed JSON.
    pub json: String,
}

/// One test of `tests/conformance.rs`: an operation's request, built from the document's
/// examples, defaults and smallest allowed values, sent to a mock of the document that must
/// accept it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformanceTest {
    /// The test function (the operation's method).
    pub name: String,
    /// The operation id, as the test reports it.
    pub operation: String,
    /// The `Client` method.
    pub method: String,
    pub cfg: Vec<String>,
    pub case: ConformanceCase,
    /// The documented errors the mock is asked for (Prism's `Prefer: code=<status>`), each
    /// read with `ApiError::body_as` into the operation's error enum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<ForcedErrors>,
}

/// The error answers a conformance test asks the mock for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForcedErrors {
    /// The operation's module and its error enum.
    pub module: String,
    pub enum_name: String,
    /// Each status asked for, with the variant it must read as: a documented code as itself,
    /// a range (`4XX`) or `default` as a status the document does not list otherwise.
    pub statuses: Vec<(u16, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConformanceCase {
    /// The request to send, with the credentials of the constructor the operation's security
    /// asks for.
    Testable {
        /// `Client::<builder>(credentials)`; `None`: `Client::builder`.
        builder: Option<String>,
        /// A dummy value per argument of the constructor, in order.
        credentials: Vec<String>,
        /// `None`: the method takes no request.
        request: Option<ConformanceRequest>,
    },
    /// No valid request can be built; the test reports why.
    NotTestable { reason: String },
}

/// `Name::new(arguments).setter(value)...`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformanceRequest {
    /// The request struct, re-exported at the crate root.
    pub name: String,
    /// `new()`'s arguments, in order.
    pub arguments: Vec<ConformanceValue>,
    /// Optional members that are set (only where the request needs one: a form body that
    /// would be empty).
    pub setters: Vec<ConformanceValue>,
}

/// One member's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConformanceValue {
    /// The member's Rust name (its setter).
    pub member: String,
    pub value: ArgumentValue,
}

/// How a value is passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ArgumentValue {
    /// A string literal, for a member whose setter takes `&str`.
    Str(String),
    /// JSON that `serde_json` reads into the member's type.
    Json(serde_json::Value),
    /// The bytes of this text, as the `runtime::Upload` a file member or raw body takes.
    Upload(String),
}
