//! `generator export --openapi`: the IR of the inputs written as an OpenAPI 3.0.3 document, so
//! that an API documented only in reference pages can feed other tools. Export reads only the
//! IR: whatever the inputs were, the document says what the IR says.
//!
//! - `document`: servers (URL, description, variables), one path item per path template, each
//!   operation (`operationId` the operation's wire name, summary, description, its group as
//!   its tag, servers and security where they are not the document's) with its parameters
//!   (place, style, explode, required, description), request body (media type, schema,
//!   `encoding`, the other media types offered) and responses (status, range or `default`, the
//!   reason as description, headers, body and event stream with their schemas, examples).
//! - `schema`: types: named types in `components/schemas`, referred to by `$ref` (through
//!   `allOf` where the field says more than the type: `nullable`, a description, facts,
//!   `readOnly`/`writeOnly`), inline types where they stand, objects (properties, `required`,
//!   `additionalProperties`), maps, arrays, enums, unions (`oneOf`, `discriminator` with a
//!   mapping for named variants), any value (`{}`), formats; facts a schema stated as their
//!   keywords (`default`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`,
//!   `example`, a number's or boolean's `enum`).
//! - `security`: each authentication method a `components/securitySchemes` entry (HTTP Basic
//!   and Bearer, API keys, OAuth 2, OpenID Connect), schemes named together one requirement.
//! - `keywords`: one schema's keywords as the typed `openapiv3` schema they fit; `keys`: names
//!   as valid component keys; `render`: YAML or JSON text.
//!
//! Read back by the OpenAPI frontend, the document gives the same IR except for [`LOST`],
//! which `tests/export.rs` proves on every page of `spec/`, pages written for each case and
//! OpenAPI fixtures. Written without an input fact behind it: `info` (the title given, version
//! `0.0.0`), an OAuth 2 scheme's flows (none) and an OpenID Connect scheme's URL (empty), a
//! method no rule maps as HTTP scheme `x-unknown`.

mod document;
mod keys;
mod keywords;
mod render;
mod schema;
mod security;

pub use document::{VERSION, document};
pub use keys::component_key;
pub use render::{Format, render};

/// What the IR says that reading the exported document back does not give, one item each.
/// `generator export --help` and the README list them.
pub const LOST: &[&str] = &[
    "each operation's input file and place in it (`source`, `pointer`): the document is one \
     file, and an operation of a page has no JSON pointer",
    "presence a page leaves unstated (pages have no `Required` markers): not required, read \
     back as optional; a path parameter is required, as OpenAPI demands",
    "facts mined from prose (allowed values, bounds, defaults read out of a description): they \
     stay in the description, which the OpenAPI frontend does not mine",
    "names of inline types that the OpenAPI frontend derives differently from the pages: an \
     array's items are `<Owner><Member>Item` (pages: `<Owner><Member>`), a parameter's \
     `<Operation><Parameter>` (pages: `<Operation>Request<Parameter>`), a response header's \
     `<Response><Header>` (pages: `<Header>`)",
    "an empty description on a field whose named type has one: read back as the named \
     type's (the frontend copies it onto the fields that refer to the type)",
    "the order of a field's facts (where a composition gave them in another): read back in \
     the order the frontend reads their keywords (`default`, `minimum`, `maximum`, \
     `minLength`, `maxLength`, `pattern`, `minItems`, `maxItems`, `uniqueItems`, `example`, \
     `enum`, the items' keywords, the object's `x-dependent-required`)",
    "an object without fields: read back as a map (of its additional members' type, else of \
     any value)",
    "a name that is not a valid component key (`^[a-zA-Z0-9._-]+$`), of an authentication \
     method or a named type: each other character is `_` (`Account sid auth token` is \
     `Account_sid_auth_token`), `_2`, `_3` on a collision",
    "a named type's Rust name where it is not its key's (upper camel case, numbered on a \
     collision), and a 3.1 document's webhooks, which OpenAPI 3.0 cannot hold, with the named \
     types only they use: the frontend reads only the types operations reach",
    "what no frontend gives and OpenAPI 3.0 cannot say: a style the parameter's place does not \
     allow, an `encoding` entry's `explode: false` or `simple` style, allowed values a schema \
     states for a string, an API key in the path, HTTP Basic credential names other than the \
     ones the authentication table gives the scheme's name, the order of a discriminator's \
     values where inline variants come before named ones",
];
