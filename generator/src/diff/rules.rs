//! The rules that classify a change, each in the terms of the generated crate: does code that
//! uses the crate still compile (and mean the same) after regenerating?
//!
//! Response types are plain `pub` structs, as Rust's semver guidance reads it adding a field
//! to one breaks struct literals and exhaustive patterns. We classify a new response field as
//! compatible all the same: the client builds responses and users read them; a user who builds
//! one (a test double) or destructures one without `..` must add the field. Objects that users
//! send (nested in a request, or named types that requests use) are built with struct
//! literals, so there a new field is breaking. Enums keep unknown values (`Unknown(String)`),
//! so a new value was already decodable: compatible, as the issue asks, though an exhaustive
//! `match` on the enum must add an arm.

use super::Class::{self, Breaking, Compatible};

/// One rule: an id that stays stable for tools, its class, and why, in terms of the crate.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub class: Class,
    pub reason: &'static str,
}

const fn rule(id: &'static str, class: Class, reason: &'static str) -> Rule {
    Rule { id, class, reason }
}

// Operations.
pub const OPERATION_ADDED: Rule = rule(
    "operation-added",
    Compatible,
    "a new `Client` method; nothing that exists changes",
);
pub const OPERATION_REMOVED: Rule = rule(
    "operation-removed",
    Breaking,
    "its `Client` method and types are gone",
);
pub const OPERATION_RENAMED: Rule = rule(
    "operation-renamed",
    Breaking,
    "the same method and path under a new operation id: the `Client` method is renamed",
);
pub const ENDPOINT_CHANGED: Rule = rule(
    "endpoint-changed",
    Compatible,
    "the `Client` method keeps its signature; only the request it sends changes",
);
pub const GROUP_CHANGED: Rule = rule(
    "group-changed",
    Breaking,
    "the operation moves to another module: its types' paths and its cargo feature are renamed \
     (code that names the module, or builds with `default-features = false`, must follow)",
);
pub const GROUP_RENAMED_SAME_MODULE: Rule = rule(
    "group-renamed",
    Compatible,
    "the group's new name gives the same module and feature; only the module's docs change",
);
pub const PAGING_ADDED: Rule = rule(
    "paging-added",
    Compatible,
    "new `Client` methods for the next page and a stream of items",
);
pub const PAGING_REMOVED: Rule = rule(
    "paging-removed",
    Breaking,
    "the next-page and item-stream methods are gone",
);
pub const EVENTS_ADDED: Rule = rule(
    "events-added",
    Compatible,
    "a new `Client` method for the answer's event stream",
);
pub const EVENTS_REMOVED: Rule = rule(
    "events-removed",
    Breaking,
    "the method that gave the answer's event stream is gone",
);
pub const WEBHOOK_ADDED: Rule = rule(
    "webhook-added",
    Compatible,
    "a new function in the `webhooks` module; nothing that exists changes",
);
pub const WEBHOOK_REMOVED: Rule = rule(
    "webhook-removed",
    Breaking,
    "a function of the `webhooks` module that decoded a webhook's body is gone or renamed",
);
pub const REQUEST_ENCODING_CHANGED: Rule = rule(
    "request-encoding-changed",
    Compatible,
    "the request struct is the same; only how it is encoded changes",
);
pub const REQUEST_ARGUMENT_ADDED: Rule = rule(
    "request-argument-added",
    Breaking,
    "the `Client` method now takes a request struct as its argument",
);
pub const REQUEST_ARGUMENT_REMOVED: Rule = rule(
    "request-argument-removed",
    Breaking,
    "the `Client` method no longer takes a request struct",
);

// Fields of request structs: path, query and header parameters and body fields, flattened.
pub const OPTIONAL_REQUEST_FIELD_ADDED: Rule = rule(
    "optional-request-field-added",
    Compatible,
    "request structs are #[non_exhaustive] and built with `new()` and setters: one more setter",
);
pub const REQUIRED_REQUEST_FIELD_ADDED: Rule = rule(
    "required-request-field-added",
    Breaking,
    "`new()` takes every required field as an argument",
);
pub const REQUEST_FIELD_REMOVED: Rule = rule(
    "request-field-removed",
    Breaking,
    "its setter (or `new()` argument) is gone",
);
pub const REQUEST_FIELD_MADE_REQUIRED: Rule = rule(
    "request-field-made-required",
    Breaking,
    "`new()` takes it as an argument and its setter is gone",
);
pub const REQUEST_FIELD_MADE_OPTIONAL: Rule = rule(
    "request-field-made-optional",
    Breaking,
    "`new()` no longer takes it; it gets a setter and becomes Option<T>",
);
pub const REQUEST_FIELD_MOVED: Rule = rule(
    "request-field-moved",
    Compatible,
    "parameters and body fields share one request struct: the field and its setter stay",
);

// Fields of structs that users read (responses) or build (objects sent in requests).
pub const RESPONSE_FIELD_ADDED: Rule = rule(
    "response-field-added",
    Compatible,
    "responses are built by the client and read by users: code that reads them still compiles",
);
pub const SENT_OBJECT_FIELD_ADDED: Rule = rule(
    "sent-object-field-added",
    Breaking,
    "objects sent in requests are plain structs built with struct literals, which must name every field",
);
pub const FIELD_REMOVED: Rule = rule(
    "field-removed",
    Breaking,
    "code that reads or sets the field no longer compiles",
);
pub const OPTION_ADDED: Rule = rule(
    "option-added",
    Breaking,
    "the field's type changes from T to Option<T>",
);
pub const OPTION_REMOVED: Rule = rule(
    "option-removed",
    Breaking,
    "the field's type changes from Option<T> to T",
);
pub const RUST_TYPE_KEPT: Rule = rule(
    "rust-type-kept",
    Compatible,
    "the field's Rust type stays the same (absent and null both decode to None, requests never send null, headers are always Option<T>)",
);

// Names and types, wherever they are.
pub const RETYPED: Rule = rule("retyped", Breaking, "the Rust type changes");
pub const FORMAT_CHANGED: Rule = rule(
    "format-changed",
    Compatible,
    "the documented type changed but its Rust type did not",
);
pub const WIRE_RENAMED: Rule = rule(
    "wire-renamed",
    Compatible,
    "the Rust name is the same; only the name on the wire changes",
);
pub const RUST_RENAMED: Rule = rule(
    "rust-renamed",
    Breaking,
    "code that names it must use the new name",
);
pub const TYPE_ADDED: Rule = rule(
    "type-added",
    Compatible,
    "a new type; nothing that exists changes",
);
pub const TYPE_REMOVED: Rule = rule(
    "type-removed",
    Breaking,
    "code that names the type no longer compiles",
);
pub const TYPE_RENAMED: Rule = rule(
    "type-renamed",
    Breaking,
    "code that names the type must use the new name",
);
pub const ENUM_VALUE_ADDED: Rule = rule(
    "enum-value-added",
    Compatible,
    "enums keep unknown values: the value decoded as `Unknown` before and has a variant now",
);
pub const ENUM_VALUE_REMOVED: Rule = rule("enum-value-removed", Breaking, "its variant is gone");

// Responses.
pub const RETURN_TYPE_CHANGED: Rule = rule(
    "return-type-changed",
    Breaking,
    "the `Client` method's return type changes",
);
pub const SUCCESS_STATUS_CHANGED: Rule = rule(
    "success-status-changed",
    Compatible,
    "the first 2xx response is the typed one; its status code is not part of the Rust API",
);
pub const UNTYPED_RESPONSE: Rule = rule(
    "untyped-response",
    Compatible,
    "a status without a variant of its own: returned as `Ok` through the typed answer's \
     decoder, or as `Error::Api`, whose raw body is kept",
);
pub const ANSWER_VARIANT_ADDED: Rule = rule(
    "answer-variant-added",
    Compatible,
    "a new variant of the operation's error or success enum, which is `#[non_exhaustive]`: a \
     `match` on it has a `_` arm already",
);
pub const ANSWER_VARIANT_REMOVED: Rule = rule(
    "answer-variant-removed",
    Breaking,
    "its variant of the operation's error or success enum is gone: code that names it no \
     longer compiles",
);
pub const ERROR_ENUM_ADDED: Rule = rule(
    "error-enum-added",
    Compatible,
    "a new enum that `err.body_as` reads the operation's documented errors into; nothing that \
     exists changes",
);
pub const ERROR_ENUM_REMOVED: Rule = rule(
    "error-enum-removed",
    Breaking,
    "the operation's error enum is gone (no error body is documented any more): code that names \
     it no longer compiles",
);

// Servers and authentication.
pub const DEFAULT_SERVER_CHANGED: Rule = rule(
    "default-server-changed",
    Compatible,
    "`DEFAULT_BASE_URL` changes value; no signature changes",
);
pub const OTHER_SERVER_CHANGED: Rule = rule(
    "other-server-changed",
    Compatible,
    "a server other than the default is no name in the Rust API: an operation documented with \
     one sends there, with the same method signature",
);
pub const SERVER_VARIABLE_ADDED: Rule = rule(
    "server-variable-added",
    Compatible,
    "a new `ClientBuilder` method; the documented default is used unless it is set",
);
pub const SERVER_VARIABLE_REQUIRED: Rule = rule(
    "server-variable-required",
    Breaking,
    "no server gives the variable a default: `build()` fails until its `ClientBuilder` method \
     sets it, so code that built a client no longer does",
);
pub const SERVER_VARIABLE_REMOVED: Rule = rule(
    "server-variable-removed",
    Breaking,
    "its `ClientBuilder` method is gone",
);
pub const SERVER_VARIABLE_RETYPED: Rule = rule(
    "server-variable-retyped",
    Breaking,
    "its `ClientBuilder` method has another name or takes another type (`&str` or an enum)",
);
pub const SERVER_VARIABLE_DEFAULT_CHANGED: Rule = rule(
    "server-variable-default-changed",
    Compatible,
    "`build()` fills in another value where the caller sets none; no signature changes",
);
pub const CREDENTIALS_CHANGED: Rule = rule(
    "credentials-changed",
    Breaking,
    "`Client::new` and `Client::builder` take other credentials, or a scheme's `Client::builder_<scheme>` is gone or takes others",
);
pub const AUTH_CHANGED: Rule = rule(
    "auth-changed",
    Compatible,
    "`Client::new` and `Client::builder` take the same credentials, and every scheme's builder is still there (new ones may be added)",
);

/// Every rule, for `--help` and the docs.
pub const ALL: &[&Rule] = &[
    &OPERATION_ADDED,
    &OPERATION_REMOVED,
    &OPERATION_RENAMED,
    &ENDPOINT_CHANGED,
    &GROUP_CHANGED,
    &GROUP_RENAMED_SAME_MODULE,
    &PAGING_ADDED,
    &PAGING_REMOVED,
    &EVENTS_ADDED,
    &EVENTS_REMOVED,
    &WEBHOOK_ADDED,
    &WEBHOOK_REMOVED,
    &REQUEST_ENCODING_CHANGED,
    &REQUEST_ARGUMENT_ADDED,
    &REQUEST_ARGUMENT_REMOVED,
    &OPTIONAL_REQUEST_FIELD_ADDED,
    &REQUIRED_REQUEST_FIELD_ADDED,
    &REQUEST_FIELD_REMOVED,
    &REQUEST_FIELD_MADE_REQUIRED,
    &REQUEST_FIELD_MADE_OPTIONAL,
    &REQUEST_FIELD_MOVED,
    &RESPONSE_FIELD_ADDED,
    &SENT_OBJECT_FIELD_ADDED,
    &FIELD_REMOVED,
    &OPTION_ADDED,
    &OPTION_REMOVED,
    &RUST_TYPE_KEPT,
    &RETYPED,
    &FORMAT_CHANGED,
    &WIRE_RENAMED,
    &RUST_RENAMED,
    &TYPE_ADDED,
    &TYPE_REMOVED,
    &TYPE_RENAMED,
    &ENUM_VALUE_ADDED,
    &ENUM_VALUE_REMOVED,
    &RETURN_TYPE_CHANGED,
    &SUCCESS_STATUS_CHANGED,
    &UNTYPED_RESPONSE,
    &ANSWER_VARIANT_ADDED,
    &ANSWER_VARIANT_REMOVED,
    &ERROR_ENUM_ADDED,
    &ERROR_ENUM_REMOVED,
    &DEFAULT_SERVER_CHANGED,
    &OTHER_SERVER_CHANGED,
    &SERVER_VARIABLE_ADDED,
    &SERVER_VARIABLE_REQUIRED,
    &SERVER_VARIABLE_REMOVED,
    &SERVER_VARIABLE_RETYPED,
    &SERVER_VARIABLE_DEFAULT_CHANGED,
    &CREDENTIALS_CHANGED,
    &AUTH_CHANGED,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len());
    }
}
